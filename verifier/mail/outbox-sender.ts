/**
 * Sends the persistent outbox: takes due entries from the store, has the caller compose each message (the
 * sender knows nothing of processes), sends it, and records the outcome. An entry is marked sent only after
 * the transport resolved (the server accepted the message); any failure is recorded with an exponential
 * back-off. A crash between the server's acceptance and `markMailSent` can therefore send one mail twice,
 * never zero times.
 */
import type { OutboxEntry, OutboxStore } from './outbox-store.js';
import type { MailTransport, OutgoingMail } from './transport.js';

/** Waits after the 1st, 2nd, ... failure; the last one repeats for ever. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [30_000, 120_000, 600_000, 3_600_000, 6 * 3_600_000];

export interface OutboxSenderOptions {
  store: OutboxStore;
  transport: Pick<MailTransport, 'send'>;
  /** Builds the message of one entry (recipient, rendered template, attachments). A throw counts as a failed attempt. */
  compose: (entry: OutboxEntry) => Promise<OutgoingMail>;
  log?: (line: string) => void;
  backoff?: readonly number[];
  /** Entries taken per run; default 20. */
  batchSize?: number;
  /** How often start()'s timer looks for due mail; default 5 s. */
  intervalMs?: number;
  /** The clock start()'s timer uses; default the real one. */
  now?: () => Date;
}

export interface OutboxRunResult { sent: number; failed: number; skipped: number }

export interface OutboxSender {
  /** Sends what is due at `now`, one message at a time. Safe to call concurrently: an entry is never sent twice at once. */
  runOnce(now?: Date): Promise<OutboxRunResult>;
  /** Starts the timer (idempotent). */
  start(): void;
  /** Runs soon instead of waiting for the timer (call after enqueuing mail). */
  kick(): void;
  /** Stops the timer and waits for the run in progress. */
  stop(): Promise<void>;
}

/** The wait after the failure that brings an entry to `attempts` failed attempts (1-based). */
export function backoffDelay(attempts: number, backoff: readonly number[] = DEFAULT_BACKOFF_MS): number {
  const steps = backoff.length ? backoff : DEFAULT_BACKOFF_MS;
  return steps[Math.min(Math.max(attempts, 1), steps.length) - 1]!;
}

/** Creates the outbox sender; nothing runs until `runOnce` or `start`. */
export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { store, transport, compose } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const backoff = options.backoff ?? DEFAULT_BACKOFF_MS;
  const batchSize = options.batchSize ?? 20;
  const intervalMs = options.intervalMs ?? 5_000;
  const clock = options.now ?? (() => new Date());
  const inFlight = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let current: Promise<unknown> = Promise.resolve();

  async function sendOne(entry: OutboxEntry, now: Date): Promise<'sent' | 'failed'> {
    try {
      const mail = await compose(entry);
      await transport.send(mail);
    } catch (e) {
      const reason = describeError(e);
      const attempts = entry.attempts + 1;
      const next = new Date(now.getTime() + backoffDelay(attempts, backoff));
      log(`mail ${entry.id} (${entry.kind}) to ${entry.to} failed, attempt ${attempts}: ${reason}; next attempt ${next.toISOString()}`);
      try {
        await store.markMailFailed(entry.id, reason, next);
      } catch (storeError) {
        log(`mail ${entry.id}: could not record the failure: ${describeError(storeError)}`);
      }
      return 'failed';
    }
    try {
      await store.markMailSent(entry.id, now);
    } catch (storeError) {
      // The server has the message; not recording it means it goes again later (twice, never zero times).
      log(`mail ${entry.id} was sent but not recorded, it may be sent again: ${describeError(storeError)}`);
    }
    return 'sent';
  }

  async function runOnce(now: Date = clock()): Promise<OutboxRunResult> {
    const result: OutboxRunResult = { sent: 0, failed: 0, skipped: 0 };
    let due: OutboxEntry[];
    try {
      due = await store.dueMail(now, batchSize);
    } catch (e) {
      log(`outbox: could not read due mail: ${describeError(e)}`);
      return result;
    }
    for (const entry of due) {
      if (inFlight.has(entry.id)) {
        result.skipped++;
        continue;
      }
      inFlight.add(entry.id);
      try {
        result[await sendOne(entry, now)]++;
      } finally {
        inFlight.delete(entry.id);
      }
    }
    return result;
  }

  // One timer run at a time: a kick during a run asks for another run right after it.
  let busy = false;
  let again = false;
  function schedule(delay: number): void {
    if (!running) return;
    if (busy) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      busy = true;
      current = runOnce(clock()).finally(() => {
        busy = false;
        const soon = again;
        again = false;
        schedule(soon ? 0 : intervalMs);
      });
    }, delay);
    // The timer alone must not keep a process (a test, a CLI command) alive.
    timer.unref?.();
  }

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    kick() {
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current.catch(() => undefined);
    },
  };
}

/** A short, single-line reason: SMTP reply when there is one. Never message contents. */
function describeError(e: unknown): string {
  const err = e as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const parts = [
    typeof err?.code === 'string' ? err.code : undefined,
    typeof err?.response === 'string' ? err.response : typeof err?.message === 'string' ? err.message : String(e),
  ].filter(Boolean);
  return parts.join(': ').replace(/\s+/g, ' ').slice(0, 500);
}
