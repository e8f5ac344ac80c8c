/**
 * The embedded store: one small lowdb JSON file per record (processes/<id>.json, tokens/<hash>.json,
 * outbox/<id>.json) instead of one big file, so a signing step rewrites a few KB whether the store holds 10 or
 * 10,000 processes. Atomicity across the records of a transaction comes from the journal (journal.ts): a
 * transaction is committed by one fsync'ed journal line, then its records are written with lowdb's JSONFile
 * (steno: temporary file + rename, no fsync). A killed process leaves every record file whole (rename is atomic) and
 * the journal replays what it had committed but not yet written. For power cuts, a checkpoint fsyncs the record
 * files written since the last one (in the background) before the journal segments that cover them are deleted.
 * The lists (processes by status/initiator, unsent mail) are in-memory indexes rebuilt at open (O(N) once).
 */
import { mkdir, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { JSONFile } from 'lowdb/node';
import { ImzalaError } from '../../core/errors.js';
import { BlobStore } from './blob-store.js';
import { syncPath } from './durable-file.js';
import { Journal, type JournalRecord, type RecordKind } from './journal.js';
import type { ProcessStatus, SigningProcess } from '../../core/process/model.js';
import type { OutboxEntry, ProcessFilter, SigningToken, Store, StoredFile, Transaction } from './repository.js';

export interface StoreOptions {
  /** Where files are stored by SHA-256; default `<dir>/../files` ($IMZALA_DATA_DIR/files). */
  filesDir?: string;
  /** Transactions per journal segment before a checkpoint retires it (default 1000). */
  checkpointEvery?: number;
}

const KEY = /^[A-Za-z0-9_-]{1,128}$/;
const TOKEN_HASH = /^[0-9a-f]{64}$/;
const FOLDERS: Record<RecordKind, string> = { process: 'processes', token: 'tokens', mail: 'outbox' };
/** Files read at once when the indexes are rebuilt at open. */
const OPEN_CONCURRENCY = 64;

interface ProcessSummary {
  id: string;
  status: ProcessStatus;
  initiator: string;
  createdAt: string;
}

function checkKey(kind: RecordKind, key: string): void {
  const valid = kind === 'token' ? TOKEN_HASH.test(key) : KEY.test(key);
  if (!valid) {
    throw new ImzalaError(kind === 'token' ? 'STORE_INVALID_HASH' : 'STORE_INVALID_KEY', `invalid ${kind} key`, {
      kind,
      key: String(key).slice(0, 80),
      hash: String(key).slice(0, 80),
    });
  }
}

function summarize(p: SigningProcess): ProcessSummary {
  return { id: p.id, status: p.status, initiator: p.initiator.email.toLowerCase(), createdAt: p.createdAt };
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** What one transaction staged: the full new value of each record it touches. */
class StagedTransaction implements Transaction {
  readonly staged = new Map<string, JournalRecord>();
  constructor(private readonly store: FileStore) {}

  #stage(kind: RecordKind, key: string, value: unknown): void {
    checkKey(kind, key);
    // A copy: the caller may go on changing its object; what is committed is what it was at put time.
    this.staged.set(`${kind}/${key}`, { kind, key, value: structuredClone(value) });
  }

  async #get<T>(kind: RecordKind, key: string): Promise<T | undefined> {
    checkKey(kind, key);
    const staged = this.staged.get(`${kind}/${key}`);
    if (staged) return structuredClone(staged.value) as T;
    return this.store.readRecord<T>(kind, key);
  }

  getProcess(id: string): Promise<SigningProcess | undefined> {
    return this.#get<SigningProcess>('process', id);
  }
  getToken(hash: string): Promise<SigningToken | undefined> {
    return this.#get<SigningToken>('token', hash);
  }
  getMail(id: string): Promise<OutboxEntry | undefined> {
    return this.#get<OutboxEntry>('mail', id);
  }
  putProcess(p: SigningProcess): void {
    this.#stage('process', p.id, p);
  }
  putToken(t: SigningToken): void {
    this.#stage('token', t.hash, t);
  }
  putMail(e: OutboxEntry): void {
    this.#stage('mail', e.id, e);
  }
  async markTokenUsed(hash: string, at: Date): Promise<SigningToken> {
    const token = await this.getToken(hash);
    if (!token) throw new ImzalaError('STORE_TOKEN_NOT_FOUND', 'signing token not found', {});
    if (token.usedAt) return token;
    const used = { ...token, usedAt: at.toISOString() };
    this.putToken(used);
    return used;
  }
  async enqueueMail(e: OutboxEntry): Promise<void> {
    if (await this.getMail(e.id)) throw new ImzalaError('STORE_MAIL_EXISTS', `mail ${e.id} exists`, { id: e.id });
    this.putMail(e);
  }
}

class FileStore implements Store {
  #dir: string;
  #journal: Journal;
  #blobs: BlobStore;
  #checkpointEvery: number;
  #queue: Promise<unknown> = Promise.resolve();
  #seq = 0;
  /** Record files written since the current journal segment began: fsync'ed before that segment is retired. */
  #dirty = new Set<string>();
  #checkpoint: Promise<void> | undefined;
  #checkpointError: unknown;
  /** Set when a commit or its writes failed: memory and disk may differ, so nothing more is written until reopened. */
  #failure: unknown;
  #closed = false;
  #processes = new Map<string, ProcessSummary>();
  #unsentMail = new Map<string, OutboxEntry>();

  constructor(dir: string, journal: Journal, blobs: BlobStore, checkpointEvery: number) {
    this.#dir = dir;
    this.#journal = journal;
    this.#blobs = blobs;
    this.#checkpointEvery = checkpointEvery;
  }

  #recordPath(kind: RecordKind, key: string): string {
    return join(this.#dir, FOLDERS[kind], `${key}.json`);
  }

  async readRecord<T>(kind: RecordKind, key: string): Promise<T | undefined> {
    const path = this.#recordPath(kind, key);
    try {
      return (await new JSONFile<T>(path).read()) ?? undefined;
    } catch (e) {
      throw new ImzalaError('STORE_RECORD_CORRUPT', `cannot read ${path}`, { path, reason: String(e) });
    }
  }

  /** Writes records to their files (each atomically) and updates the indexes. Also used by replay at open. */
  async applyRecords(records: JournalRecord[]): Promise<void> {
    for (const r of records) {
      const path = this.#recordPath(r.kind, r.key);
      await new JSONFile<unknown>(path).write(r.value);
      this.#dirty.add(path);
      this.#index(r.kind, r.value);
    }
  }

  #index(kind: RecordKind, value: unknown): void {
    if (kind === 'process') {
      const p = value as SigningProcess;
      this.#processes.set(p.id, summarize(p));
    } else if (kind === 'mail') {
      const m = value as OutboxEntry;
      if (m.sentAt) this.#unsentMail.delete(m.id);
      else this.#unsentMail.set(m.id, structuredClone(m));
    }
  }

  /** Fills the indexes from the record files (at open). */
  async loadIndexes(): Promise<void> {
    for (const kind of ['process', 'mail'] as const) {
      const names = (await readdir(join(this.#dir, FOLDERS[kind]))).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
      await eachLimited(names, OPEN_CONCURRENCY, async (name) => {
        const value = await this.readRecord<unknown>(kind, name.slice(0, -'.json'.length));
        if (value !== undefined) this.#index(kind, value);
      });
    }
  }

  /**
   * Makes every record file written so far durable, then deletes the journal segments that covered them.
   * `closedSegments` are segments nobody appends to any more.
   */
  async makeDurable(closedSegments: string[]): Promise<void> {
    const dirty = this.#dirty;
    this.#dirty = new Set();
    for (const path of dirty) await syncPath(path);
    // The renames that put those files in place are directory entries: flush the folders too.
    for (const folder of Object.values(FOLDERS)) await syncPath(join(this.#dir, folder));
    await this.#journal.retire(closedSegments);
  }

  #check(): void {
    if (this.#closed) throw new ImzalaError('STORE_CLOSED', 'store closed', {});
    if (this.#failure) throw this.#failure;
  }

  transact<T>(fn: (tx: Transaction) => Promise<T> | T): Promise<T> {
    return this.#transact(fn);
  }

  #transact<T>(fn: (tx: StagedTransaction) => Promise<T> | T): Promise<T> {
    const run = this.#queue.then(async () => {
      this.#check();
      const tx = new StagedTransaction(this);
      const result = await fn(tx);
      const records = [...tx.staged.values()];
      if (records.length === 0) return result;
      try {
        await this.#journal.append({ seq: ++this.#seq, records });
        await this.applyRecords(records);
      } catch (e) {
        this.#failure = e;
        throw e;
      }
      if (this.#journal.size >= this.#checkpointEvery && !this.#checkpoint) await this.#startCheckpoint();
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Rotates the journal (inside the writer queue) and fsyncs the old segment's files in the background. */
  async #startCheckpoint(): Promise<void> {
    const closed = await this.#journal.rotate();
    this.#checkpoint = this.makeDurable([closed])
      .catch((e: unknown) => {
        // The segment stays on disk and is replayed at the next open: nothing is lost, but say so at close.
        this.#checkpointError = e;
      })
      .finally(() => {
        this.#checkpoint = undefined;
      });
  }

  async getProcess(id: string): Promise<SigningProcess | undefined> {
    checkKey('process', id);
    return this.readRecord<SigningProcess>('process', id);
  }

  async findToken(hash: string): Promise<SigningToken | undefined> {
    checkKey('token', hash);
    return this.readRecord<SigningToken>('token', hash);
  }

  async getMail(id: string): Promise<OutboxEntry | undefined> {
    checkKey('mail', id);
    return this.readRecord<OutboxEntry>('mail', id);
  }

  async listProcesses(filter: ProcessFilter = {}): Promise<SigningProcess[]> {
    const initiator = filter.initiator?.toLowerCase();
    const matching = [...this.#processes.values()]
      .filter((s) => (!filter.status || s.status === filter.status) && (!initiator || s.initiator === initiator))
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
    const offset = Math.max(0, filter.offset ?? 0);
    const page = matching.slice(offset, offset + Math.max(0, filter.limit ?? matching.length));
    const found = await Promise.all(page.map((s) => this.getProcess(s.id)));
    return found.filter((p): p is SigningProcess => p !== undefined);
  }

  async dueMail(now: Date, limit: number): Promise<OutboxEntry[]> {
    const at = now.getTime();
    return [...this.#unsentMail.values()]
      .filter((m) => Date.parse(m.nextAttemptAt) <= at)
      .sort((a, b) => Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt) || Date.parse(a.createdAt) - Date.parse(b.createdAt))
      .slice(0, Math.max(0, limit))
      .map((m) => structuredClone(m));
  }

  async #updateMail(id: string, change: (m: OutboxEntry) => OutboxEntry): Promise<void> {
    await this.#transact(async (tx) => {
      const mail = await tx.getMail(id);
      if (!mail) throw new ImzalaError('STORE_MAIL_NOT_FOUND', `mail ${id} not found`, { id });
      tx.putMail(change(mail));
    });
  }

  markMailSent(id: string, at: Date): Promise<void> {
    return this.#updateMail(id, (m) => ({ ...m, sentAt: at.toISOString(), attempts: m.attempts + 1 }));
  }

  markMailFailed(id: string, error: string, nextAttemptAt: Date): Promise<void> {
    return this.#updateMail(id, (m) => ({
      ...m,
      attempts: m.attempts + 1,
      lastError: error.slice(0, 2000),
      nextAttemptAt: nextAttemptAt.toISOString(),
    }));
  }

  async putFile(source: Uint8Array | AsyncIterable<Uint8Array>, options: { maxBytes?: number } = {}): Promise<StoredFile> {
    this.#check();
    return this.#blobs.put(source, options.maxBytes);
  }

  readFile(sha256: string): Promise<Uint8Array> {
    return this.#blobs.read(sha256);
  }

  filePath(sha256: string): Promise<string | undefined> {
    return this.#blobs.path(sha256);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#queue;
    this.#closed = true;
    await this.#checkpoint;
    if (!this.#failure) {
      // A clean close leaves an empty journal: the next open replays nothing.
      const closed = await this.#journal.rotate();
      await this.makeDurable([closed]);
    }
    await this.#journal.close();
    if (this.#checkpointError) throw this.#checkpointError;
  }
}

/**
 * Opens (creating if needed) the store in `dir` ($IMZALA_DATA_DIR/store): replays what the journal committed but
 * a crash kept from its files, makes it durable, and rebuilds the indexes. Only one process may open a store.
 */
export async function openStore(dir: string, options: StoreOptions = {}): Promise<Store> {
  const filesDir = options.filesDir ?? join(dirname(dir), 'files');
  for (const sub of ['journal', ...Object.values(FOLDERS)]) await mkdir(join(dir, sub), { recursive: true });
  await mkdir(filesDir, { recursive: true });
  const { journal, pending, oldSegments } = await Journal.open(join(dir, 'journal'));
  const store = new FileStore(dir, journal, new BlobStore(filesDir), options.checkpointEvery ?? 1000);
  for (const entry of pending) await store.applyRecords(entry.records);
  await store.makeDurable(oldSegments);
  await store.loadIndexes();
  return store;
}
