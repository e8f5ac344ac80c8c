/**
 * Verification on the other cores: a pool of worker_threads (verify-pool-worker.ts) while the HTTP server stays
 * one process (so a single-writer store beside it stays simple). A job is the uploaded file's path and name and the
 * request's options; the answer is the report as JSON text, sent by the route as is.
 *
 * - Each worker loads the same trust anchors (their DER bytes) and the same revocation policy as the service.
 * - Each worker runs up to JOBS_PER_WORKER jobs at once (a check waits on file reads between CPU work); further
 *   jobs wait in a queue of at most `maxQueued`; beyond it a request is refused with SERVER_BUSY (503).
 * - A worker that dies (crash, out of memory) is replaced; the requests it held are answered INTERNAL_ERROR (500).
 * - close() refuses new jobs, answers queued ones SERVER_BUSY and terminates the workers.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImzalaError } from '../../core/errors.js';
import type { Language } from '../../core/report/message-types.js';
import { packageRoot } from '../node/package-root.js';
import type { ServerConfig } from './config.js';
import type { UploadedDocument, VerifyRequest, VerifyService } from './services/verify-service.js';
import type { ServerTrust } from './trust.js';

/** Jobs one worker runs at once: two keep a core busy while the other job waits on a read. */
export const JOBS_PER_WORKER = 2;
/** Default bound of the queue: jobs waiting for a worker beyond those running. */
export const DEFAULT_MAX_QUEUED = 256;

export interface VerifyJob {
  id: number;
  document: UploadedDocument;
  /** Validation time in ms since the epoch, when the request asked for one. */
  at?: number;
  language: Language;
}

export type VerifyOutcome =
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; error: { code: string; message: string; details: Record<string, unknown> } }
  | { id: number; ok: false; internal: string };

export interface VerifyWorkerData {
  config: Pick<ServerConfig, 'offline' | 'revocationCacheDir'>;
  /** The trust anchors' DER. */
  anchors: Uint8Array[];
}

export interface VerifyPoolOptions {
  workers: number;
  maxQueued?: number;
  /** Operational log lines (a worker replaced, its error); never document contents. */
  log?: (line: string) => void;
  /** The worker script; default verify-pool-worker.js (see workerScript). Tests give a failing one. */
  workerScript?: string;
}

/**
 * The compiled worker script. Next to this module when it runs from tsc's output (dist/verifier/server/); from the
 * bundled CLI (dist/cli/chunk-*.js) or the TypeScript sources (tests) that sibling does not exist, so it is found
 * from the package root: dist/verifier/server/verify-pool-worker.js (`npm run build` writes it).
 */
export function workerScript(): string {
  const sibling = fileURLToPath(new URL('./verify-pool-worker.js', import.meta.url));
  if (existsSync(sibling)) return sibling;
  return join(packageRoot(), 'dist', 'verifier', 'server', 'verify-pool-worker.js');
}

interface Pending {
  job: VerifyJob;
  resolve: (json: string) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  running: Map<number, Pending>;
  started: number;
  answered: number;
}

/** A worker that dies within this many ms without answering anything is restarted only after a growing pause. */
const QUICK_FAILURE_MS = 1_000;
const MAX_RESTART_PAUSE_MS = 10_000;

/** A VerifyService that checks in `options.workers` worker threads. */
export function createVerifyPool(
  config: Pick<ServerConfig, 'offline' | 'revocationCacheDir'>,
  trust: Pick<ServerTrust, 'anchors'>,
  options: VerifyPoolOptions,
): VerifyService & { readonly size: number; readonly queued: number } {
  if (!Number.isSafeInteger(options.workers) || options.workers < 1) throw new RangeError('a verify pool needs at least one worker');
  const log = options.log ?? ((line: string) => console.error(line));
  const maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
  const script = options.workerScript ?? workerScript();
  if (!existsSync(script)) throw new Error(`the verification worker ${script} does not exist: run \`npm run build\``);
  const data: VerifyWorkerData = {
    config: { offline: config.offline, revocationCacheDir: config.revocationCacheDir },
    anchors: trust.anchors.map((a) => a.der.slice()),
  };
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;
  let quickFailures = 0;

  const busy = () => new ImzalaError('SERVER_BUSY', 'the service is busy');

  const dispatch = () => {
    while (queue.length) {
      const slot = slots.reduce<Slot | undefined>((best, s) => (s.running.size < JOBS_PER_WORKER && (!best || s.running.size < best.running.size) ? s : best), undefined);
      if (!slot) return;
      const pending = queue.shift()!;
      slot.running.set(pending.job.id, pending);
      slot.worker.postMessage(pending.job);
    }
  };

  const spawn = (): Slot => {
    const worker = new Worker(script, { workerData: data });
    // threadId reads -1 once the thread has ended: keep it for the log lines.
    const threadId = worker.threadId;
    const slot: Slot = { worker, running: new Map(), started: Date.now(), answered: 0 };
    worker.on('message', (outcome: VerifyOutcome) => {
      const pending = slot.running.get(outcome.id);
      if (!pending) return;
      slot.running.delete(outcome.id);
      slot.answered++;
      if (outcome.ok) pending.resolve(outcome.json);
      else if ('error' in outcome) pending.reject(new ImzalaError(outcome.error.code, outcome.error.message, outcome.error.details));
      else pending.reject(new Error(`verification worker: ${outcome.internal}`));
      dispatch();
    });
    worker.on('error', (e) => log(`imzala: verification worker ${threadId} failed: ${e.stack ?? e.message}`));
    worker.on('exit', (code) => {
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      // The requests it held get a 500 (the error handler logs it); the document is not retried elsewhere, since
      // the same file might stop the next worker too.
      for (const pending of slot.running.values()) pending.reject(new Error(`verification worker ${threadId} stopped (exit code ${code})`));
      slot.running.clear();
      if (closed) return;
      // A worker that cannot even start (a broken build, unreadable anchors) must not be restarted in a busy loop.
      quickFailures = slot.answered === 0 && Date.now() - slot.started < QUICK_FAILURE_MS ? quickFailures + 1 : 0;
      const pause = quickFailures > 1 ? Math.min(MAX_RESTART_PAUSE_MS, 100 * 2 ** quickFailures) : 0;
      log(`imzala: verification worker ${threadId} stopped (exit code ${code}); starting another${pause ? ` in ${pause} ms` : ''}`);
      const restart = () => {
        if (closed) return;
        slots.push(spawn());
        dispatch();
      };
      if (pause) setTimeout(restart, pause).unref();
      else restart();
    });
    return slot;
  };

  for (let i = 0; i < options.workers; i++) slots.push(spawn());

  return {
    get size() {
      return slots.length;
    },
    /** Jobs waiting for a worker (for tests and diagnostics). */
    get queued() {
      return queue.length;
    },
    verifyReportJson(document: UploadedDocument, request: VerifyRequest) {
      if (closed) return Promise.reject(busy());
      const free = slots.some((s) => s.running.size < JOBS_PER_WORKER);
      if (!free && queue.length >= maxQueued) return Promise.reject(busy());
      return new Promise<string>((resolve, reject) => {
        const job: VerifyJob = {
          id: nextId++,
          document,
          language: request.language,
          ...(request.at ? { at: request.at.getTime() } : {}),
        };
        queue.push({ job, resolve, reject });
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(busy());
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
