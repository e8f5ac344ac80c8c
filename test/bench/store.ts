/**
 * Store benchmark (issue 5): the time of a signing step's store write as the store grows to 100, 1,000 and 10,000
 * processes. Each process is realistic (3 signers, 2 documents, history, 3 signer tokens, 2 mails). A step reads a
 * process, signs for its current signer, puts it, enqueues 1-2 mails and marks the signer's token used: one
 * transaction, timed from the call to the resolved promise (journal fsync + record writes). Writes
 * test/bench/out/store.{json,md}. Run: node dist/test/bench/store.js (STORE_BENCH_SIZES=100,1000 to pick sizes).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore, type Store } from '../../verifier/storage/repository.js';
import type { SigningProcess } from '../../core/process/model.js';

const OUT = process.env.BENCH_OUT ?? resolve(import.meta.dirname, '../../../test/bench/out');
const SIZES = (process.env.STORE_BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const STEPS = Number(process.env.STORE_BENCH_STEPS ?? 1000);
const FILL_BATCH = 50;

const tokenHash = (processId: string, signer: number) => createHash('sha256').update(`${processId}/${signer}`).digest('hex');

function makeProcess(n: number): SigningProcess {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  const id = `proc-${String(n).padStart(6, '0')}`;
  return {
    id,
    name: `Xidmət müqaviləsi № ${n}`,
    language: 'az',
    initiator: { email: `initiator${n % 50}@example.az`, name: 'Əli Məmmədov' },
    createdAt: at,
    deadline: new Date(Date.parse(at) + 14 * 86_400_000).toISOString(),
    status: 'in_progress',
    documents: ['müqavilə.pdf', 'əlavə.docx'].map((name, d) => ({
      id: `doc${d}`, name, size: 250_000 + d, sha256: createHash('sha256').update(`${id}/${d}`).digest('hex'),
      mediaType: d ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf', kind: d ? ('other' as const) : ('pdf' as const),
    })),
    current: {},
    signers: [0, 1, 2].map((i) => ({
      index: i, type: i === 1 ? ('legal' as const) : ('citizen' as const), name: `İmzalayan Şəxs ${i}`, fin: `5ZX${i}K7Q`,
      ...(i === 1 ? { voen: '1234567891', company: 'Nümunə MMC', position: 'Direktor' } : {}),
      email: `signer${i}.${n}@example.az`, status: i === 0 ? ('awaiting_signature' as const) : ('queued' as const),
    })),
    cc: ['hüquq@example.az'],
    history: [
      { at, actor: `initiator${n % 50}@example.az`, event: 'start' },
      { at, actor: 'system', event: 'remind', signerIndex: 0, detail: 'first reminder' },
    ],
    version: 1,
  };
}

async function fill(store: Store, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += FILL_BATCH) {
    await store.transact(async (tx) => {
      for (let n = start; n < Math.min(to, start + FILL_BATCH); n++) {
        const p = makeProcess(n);
        p.current = Object.fromEntries(p.documents.map((d) => [d.id, d.sha256]));
        tx.putProcess(p);
        for (let s = 0; s < 3; s++) tx.putToken({ hash: tokenHash(p.id, s), processId: p.id, signerIndex: s, createdAt: p.createdAt });
        for (const kind of ['started', 'invitation'] as const) {
          await tx.enqueueMail({ id: `${p.id}-${kind}`, processId: p.id, kind, to: p.signers[0]!.email, createdAt: p.createdAt, attempts: 1, nextAttemptAt: p.createdAt, sentAt: p.createdAt });
        }
      }
    });
  }
}

/** One signing step on process `n`: the current signer signs, the next is invited (or everyone gets the result). */
async function signingStep(store: Store, n: number, step: number): Promise<void> {
  const id = `proc-${String(n).padStart(6, '0')}`;
  await store.transact(async (tx) => {
    const p = (await tx.getProcess(id))!;
    const at = new Date().toISOString();
    const i = p.signers.findIndex((s) => s.status === 'awaiting_signature');
    const signer = i < 0 ? 0 : i; // a process already completed is signed again from the start: the cost is the same
    p.signers[signer] = { ...p.signers[signer]!, status: 'signed', signedAt: at };
    const next = p.signers[signer + 1];
    if (next) next.status = 'awaiting_signature';
    else p.status = 'completed';
    for (const d of p.documents) p.current[d.id] = createHash('sha256').update(`${d.id}/${step}`).digest('hex');
    p.history.push({ at, actor: p.signers[signer]!.email, event: 'sign', signerIndex: signer });
    p.version++;
    tx.putProcess(p);
    await tx.markTokenUsed(tokenHash(id, signer), new Date());
    const mails = next ? [next.email, p.initiator.email] : [p.initiator.email];
    for (const [k, to] of mails.entries()) {
      await tx.enqueueMail({ id: `step${step}-${k}-${id}`, processId: id, kind: next ? 'invitation' : 'completed', to, createdAt: at, attempts: 0, nextAttemptAt: at });
    }
  });
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function diskBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    bytes += statSync(join(e.parentPath, e.name)).size;
    files++;
  }
  return { bytes, files };
}

interface Row { processes: number; steps: number; p50Ms: number; p99Ms: number; maxMs: number; openMs: number; storeMiB: number; storeFiles: number }

async function main(): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'imzala-store-bench-'));
  const dir = join(base, 'store');
  const rows: Row[] = [];
  try {
    let filled = 0;
    for (const size of SIZES) {
      let store = await openStore(dir);
      await fill(store, filled, size);
      filled = size;
      await store.close();
      // The fill writes thousands of files in seconds, which a running service never does: let the kernel write
      // them back first, so the steps are not timed against that burst of writeback.
      spawnSync('sync');
      // Reopening rebuilds the in-memory indexes from the record files: O(N), once per start.
      const opening = performance.now();
      store = await openStore(dir);
      const openMs = performance.now() - opening;
      const times: number[] = [];
      for (let step = 0; step < STEPS; step++) {
        const n = Math.floor(Math.random() * size);
        const started = performance.now();
        await signingStep(store, n, size * 10 + step);
        times.push(performance.now() - started);
      }
      await store.close();
      times.sort((a, b) => a - b);
      const disk = diskBytes(dir);
      const row = { processes: size, steps: STEPS, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), maxMs: times.at(-1)!, openMs, storeMiB: disk.bytes / 2 ** 20, storeFiles: disk.files };
      rows.push(row);
      console.log(`${size} processes: p50 ${row.p50Ms.toFixed(2)} ms, p99 ${row.p99Ms.toFixed(2)} ms, max ${row.maxMs.toFixed(2)} ms, open ${openMs.toFixed(0)} ms, ${row.storeMiB.toFixed(1)} MiB in ${disk.files} files`);
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  mkdirSync(OUT, { recursive: true });
  const result = { date: new Date().toISOString(), node: process.version, targetP99Ms: 20, rows };
  writeFileSync(join(OUT, 'store.json'), JSON.stringify(result, null, 2) + '\n');
  const md = [
    '# Store benchmark: one signing step (read, sign, put process, 1-2 mails, token used) as one transaction',
    '',
    `Node ${process.version}, ${STEPS} steps per size, ${new Date().toISOString().slice(0, 10)}. Target: p99 < 20 ms at 10,000 processes.`,
    '',
    '| processes | p50 ms | p99 ms | max ms | open (index rebuild) ms | store on disk MiB | files |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.processes} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.maxMs.toFixed(2)} | ${r.openMs.toFixed(0)} | ${r.storeMiB.toFixed(1)} | ${r.storeFiles} |`),
    '',
  ].join('\n');
  writeFileSync(join(OUT, 'store.md'), md);
}

await main();
