import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { build } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isImzalaError } from '../../core/errors.js';
import { crashTestKeys, crashTestProcess, PROCESSES_IN_CRASH_TEST } from './crash-writer.js';
import { openStore, type OutboxEntry, type Store } from './repository.js';

const root = mkdtempSync(join(tmpdir(), 'imzala-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
const freshDir = () => join(root, `data${++counter}`, 'store');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function mail(id: string, over: Partial<OutboxEntry> = {}): OutboxEntry {
  return { id, processId: 'p1', kind: 'invitation', to: 'a@example.az', createdAt: '2026-01-01T00:00:00.000Z', attempts: 0, nextAttemptAt: '2026-01-01T00:00:00.000Z', ...over };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return isImzalaError(e) ? e.code : `not ImzalaError: ${String(e)}`;
  }
  return 'no error';
}

describe('file store', () => {
  it('keeps a process, its token and its mails across a reopen', async () => {
    const dir = freshDir();
    let store = await openStore(dir);
    await store.transact(async (tx) => {
      tx.putProcess(crashTestProcess('p1', 1));
      tx.putToken({ hash: sha('t1'), processId: 'p1', signerIndex: 0, createdAt: '2026-01-01T00:00:00.000Z' });
      await tx.enqueueMail(mail('m1'));
    });
    await store.close();
    store = await openStore(dir);
    expect(await store.getProcess('p1')).toEqual(crashTestProcess('p1', 1));
    expect((await store.findToken(sha('t1')))?.processId).toBe('p1');
    expect((await store.dueMail(new Date('2026-01-02'), 10)).map((m) => m.id)).toEqual(['m1']);
    expect(await store.getProcess('nope')).toBeUndefined();
    expect(await store.findToken(sha('nope'))).toBeUndefined();
    await store.close();
  });

  it('writes nothing of a transaction that throws', async () => {
    const store = await openStore(freshDir());
    await expect(
      store.transact(async (tx) => {
        tx.putProcess(crashTestProcess('p1', 1));
        await tx.enqueueMail(mail('m1'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await store.getProcess('p1')).toBeUndefined();
    expect(await store.dueMail(new Date('2030-01-01'), 10)).toEqual([]);
    // The queue goes on after a failed transaction.
    await store.transact((tx) => tx.putProcess(crashTestProcess('p2', 2)));
    expect((await store.getProcess('p2'))?.version).toBe(2);
    await store.close();
  });

  it('serialises concurrent transactions: no update is lost', async () => {
    const store = await openStore(freshDir());
    await store.transact((tx) => tx.putProcess({ ...crashTestProcess('p1', 0), version: 0 }));
    await Promise.all(
      Array.from({ length: 40 }, () =>
        store.transact(async (tx) => {
          const p = (await tx.getProcess('p1'))!;
          await new Promise((r) => setTimeout(r, 1)); // give another transaction the chance to interleave
          tx.putProcess({ ...p, version: p.version + 1 });
        }),
      ),
    );
    expect((await store.getProcess('p1'))?.version).toBe(40);
    await store.close();
  });

  it('sees its own staged writes and keeps a used token\'s first use', async () => {
    const store = await openStore(freshDir());
    const hash = sha('t');
    await store.transact(async (tx) => {
      tx.putToken({ hash, processId: 'p1', signerIndex: 1, createdAt: '2026-01-01T00:00:00.000Z' });
      expect((await tx.getToken(hash))?.signerIndex).toBe(1);
      await tx.markTokenUsed(hash, new Date('2026-02-01T00:00:00Z'));
    });
    await store.transact((tx) => tx.markTokenUsed(hash, new Date('2026-03-01T00:00:00Z')));
    expect((await store.findToken(hash))?.usedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(await code(store.transact((tx) => tx.markTokenUsed(sha('other'), new Date())))).toBe('STORE_TOKEN_NOT_FOUND');
    expect(await code(store.transact((tx) => tx.enqueueMail(mail('m1')).then(() => tx.enqueueMail(mail('m1')))))).toBe('STORE_MAIL_EXISTS');
    await store.close();
  });

  it('refuses keys that could leave the store folder', async () => {
    const store = await openStore(freshDir());
    expect(await code(store.getProcess('../etc/passwd'))).toBe('STORE_INVALID_KEY');
    expect(await code(store.findToken('ABC'))).toBe('STORE_INVALID_HASH');
    expect(await code(store.transact((tx) => tx.putProcess({ ...crashTestProcess('p', 1), id: 'a/b' })))).toBe('STORE_INVALID_KEY');
    expect(await code(store.readFile('../x'))).toBe('STORE_INVALID_HASH');
    await store.close();
    expect(await code(store.getProcess('p1').then(() => store.transact(() => 1)))).toBe('STORE_CLOSED');
  });

  it('lists processes newest first by status and initiator, with paging', async () => {
    const store = await openStore(freshDir());
    await store.transact((tx) => {
      for (let n = 0; n < 6; n++) tx.putProcess({ ...crashTestProcess(`p${n}`, n), status: n % 2 ? 'completed' : 'in_progress' });
    });
    expect((await store.listProcesses()).map((p) => p.id)).toEqual(['p5', 'p4', 'p3', 'p2', 'p1', 'p0']);
    expect((await store.listProcesses({ status: 'completed' })).map((p) => p.id)).toEqual(['p5', 'p3', 'p1']);
    expect((await store.listProcesses({ initiator: 'INITIATOR0@example.az' })).map((p) => p.id)).toEqual(['p3', 'p0']);
    expect((await store.listProcesses({ limit: 2, offset: 1 })).map((p) => p.id)).toEqual(['p4', 'p3']);
    await store.close();
  });

  it('gives due mail oldest first and drops it once sent', async () => {
    const dir = freshDir();
    let store = await openStore(dir);
    await store.transact(async (tx) => {
      await tx.enqueueMail(mail('late', { nextAttemptAt: '2026-01-03T00:00:00.000Z' }));
      await tx.enqueueMail(mail('early', { nextAttemptAt: '2026-01-01T00:00:00.000Z' }));
      await tx.enqueueMail(mail('future', { nextAttemptAt: '2027-01-01T00:00:00.000Z' }));
    });
    expect((await store.dueMail(new Date('2026-06-01'), 10)).map((m) => m.id)).toEqual(['early', 'late']);
    expect((await store.dueMail(new Date('2026-06-01'), 1)).map((m) => m.id)).toEqual(['early']);
    await store.markMailSent('early', new Date('2026-06-01T00:00:00Z'));
    await store.markMailFailed('late', 'ECONNREFUSED', new Date('2026-07-01T00:00:00Z'));
    expect(await store.dueMail(new Date('2026-06-02'), 10)).toEqual([]);
    await store.close();
    store = await openStore(dir);
    const late = (await store.dueMail(new Date('2026-07-01'), 10))[0]!;
    expect([late.id, late.attempts, late.lastError]).toEqual(['late', 1, 'ECONNREFUSED']);
    expect((await store.getMail('early'))?.sentAt).toBe('2026-06-01T00:00:00.000Z');
    expect(await code(store.markMailSent('nope', new Date()))).toBe('STORE_MAIL_NOT_FOUND');
    await store.close();
  });

  it('stores a file once by SHA-256, from bytes or a stream, and notices damage', async () => {
    const dir = freshDir();
    const store = await openStore(dir);
    const bytes = new TextEncoder().encode('%PDF-1.7 sənəd');
    const a = await store.putFile(bytes);
    const b = await store.putFile(Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]));
    expect(a).toEqual({ sha256: sha('%PDF-1.7 sənəd'), size: bytes.length });
    expect(b).toEqual(a);
    const filesDir = join(dir, '..', 'files');
    expect(readdirSync(join(filesDir, a.sha256.slice(0, 2)))).toEqual([a.sha256]);
    expect(readdirSync(filesDir).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(await store.readFile(a.sha256)).toEqual(bytes);
    expect(await code(store.putFile(new Uint8Array(11), { maxBytes: 10 }))).toBe('STORE_FILE_TOO_LARGE');
    expect(await code(store.readFile(sha('absent')))).toBe('STORE_FILE_NOT_FOUND');
    writeFileSync((await store.filePath(a.sha256))!, 'tampered');
    expect(await code(store.readFile(a.sha256))).toBe('STORE_FILE_CORRUPT');
    await store.close();
  });

  it('retires journal segments at checkpoints and still reopens whole', async () => {
    const dir = freshDir();
    let store = await openStore(dir, { checkpointEvery: 5 });
    for (let n = 0; n < 23; n++) await store.transact((tx) => tx.putProcess(crashTestProcess(`p${n % 4}`, n)));
    await store.close();
    expect(readdirSync(join(dir, 'journal'))).toHaveLength(1); // only the fresh, empty segment
    store = await openStore(dir);
    expect((await store.getProcess('p2'))?.version).toBe(22);
    await store.close();
  });
});

describe('file store under SIGKILL', () => {
  let child: string;
  beforeAll(async () => {
    // The child runs on plain Node (no TypeScript loader): bundle it once.
    const out = join(root, 'child');
    await build({ input: join(import.meta.dirname, 'crash-writer.ts'), platform: 'node', logLevel: 'silent', output: { dir: out, format: 'esm', entryFileNames: 'crash-writer.mjs' } });
    child = join(out, 'crash-writer.mjs');
  });

  /** Runs the child until SIGKILL after `ms`; returns the transactions it reported committed. */
  function runUntilKilled(dir: string, first: number, ms: number): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const p = spawn(process.execPath, [child, dir, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      p.stdout.on('data', (d: Buffer) => (out += d));
      p.stderr.on('data', (d: Buffer) => (err += d));
      const timer = setTimeout(() => p.kill('SIGKILL'), ms);
      p.on('error', reject);
      p.on('exit', (_code, signal) => {
        clearTimeout(timer);
        if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself: ${err}`));
        // Only whole lines: a line cut by the kill is not a report.
        resolve([...out.matchAll(/^committed (\d+)\n/gm)].map((m) => Number(m[1])));
      });
    });
  }

  async function checkWhole(store: Store, committed: number[], lastTried: number): Promise<void> {
    for (const n of committed) {
      const k = crashTestKeys(n);
      const token = await store.findToken(k.tokenHash);
      expect(token?.processId, `token of committed transaction ${n}`).toBe(k.processId);
      expect(token?.usedAt).toBeDefined();
      for (const id of k.mailIds) expect((await store.getMail(id))?.processId, `mail ${id}`).toBe(k.processId);
      // A later transaction may have rewritten the process, never an earlier one.
      expect((await store.getProcess(k.processId))!.version).toBeGreaterThanOrEqual(n);
    }
    // Nothing half-written: whatever version a process is at, that transaction's token and mails are all there,
    // and the process record is exactly what that transaction put.
    for (let i = 0; i < PROCESSES_IN_CRASH_TEST; i++) {
      const p = await store.getProcess(`p${i}`);
      if (!p) continue;
      expect(p).toEqual(crashTestProcess(`p${i}`, p.version));
      const k = crashTestKeys(p.version);
      expect(await store.findToken(k.tokenHash), `token of transaction ${p.version}`).toBeDefined();
      for (const id of k.mailIds) expect(await store.getMail(id), `mail ${id}`).toBeDefined();
    }
    // And the reverse: no mail of a transaction whose token is missing (transactions up to the last one tried).
    for (let n = 0; n <= lastTried; n++) {
      const k = crashTestKeys(n);
      const hasToken = (await store.findToken(k.tokenHash)) !== undefined;
      for (const id of k.mailIds) expect((await store.getMail(id)) !== undefined, `mail ${id} vs its token`).toBe(hasToken);
    }
  }

  it('keeps every committed transaction whole across repeated kills', async () => {
    const dir = freshDir();
    let next = 0;
    const all: number[] = [];
    for (const ms of [400, 650, 300, 900, 500, 750]) {
      const committed = await runUntilKilled(dir, next, ms + Math.floor(Math.random() * 200));
      all.push(...committed);
      const store = await openStore(dir);
      // The child may have committed one more transaction than it lived to report.
      const lastTried = (committed.at(-1) ?? next - 1) + 1;
      await checkWhole(store, all, lastTried);
      await store.close();
      next = lastTried + 1;
    }
    // The kills must really have landed mid-run, with work committed in between.
    expect(all.length).toBeGreaterThan(50);
  });
});
