/**
 * Deadlines and reminders: every tick, each process in progress whose deadline has passed is expired (mailing
 * everyone), and the current signer is reminded when their turn has waited a full reminder interval since it began
 * or since the last reminder. Everything it decides from is in the store (deadline, history, remindedAt), so it
 * carries on after a restart without sending a reminder twice or skipping an expiry.
 */
import type { SigningProcess } from '../../../core/process/model.js';
import type { Store } from '../../storage/repository.js';
import { recordEvent } from './process-service.js';

export interface SchedulerOptions {
  store: Store;
  /** Hours between reminders to the signer whose turn it is; 0: no reminders. */
  reminderHours: number;
  /** Seconds between ticks. */
  tickSeconds: number;
  mailQueued?: () => void;
  log?: (line: string) => void;
  now?: () => Date;
}

export interface Scheduler {
  /** One pass over the processes in progress; returns what it did. */
  runOnce(now?: Date): Promise<{ expired: number; reminded: number }>;
  start(): void;
  stop(): Promise<void>;
}

/** When the current signer's turn began: the start, or the previous signer's signature. */
function turnStartedAt(process: SigningProcess, signerIndex: number): number {
  const began = [...process.history].reverse().find((h) => h.event === 'start' || (h.event === 'sign' && h.signerIndex === signerIndex - 1));
  return Date.parse(began?.at ?? process.createdAt);
}

/** What a tick should do with `process` at `now`. */
export function due(process: SigningProcess, now: Date, reminderHours: number): { type: 'expire' } | { type: 'remind'; signerIndex: number } | null {
  if (process.status !== 'in_progress') return null;
  if (now.getTime() >= Date.parse(process.deadline)) return { type: 'expire' };
  if (reminderHours <= 0) return null;
  const signer = process.signers.find((s) => s.status === 'awaiting_signature');
  if (!signer) return null;
  const last = Math.max(turnStartedAt(process, signer.index), signer.remindedAt ? Date.parse(signer.remindedAt) : 0);
  return now.getTime() - last >= reminderHours * 3600_000 ? { type: 'remind', signerIndex: signer.index } : null;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store } = options;
  const clock = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function runOnce(now = clock()) {
    let expired = 0;
    let reminded = 0;
    for (const listed of await store.listProcesses({ status: 'in_progress' })) {
      if (!due(listed, now, options.reminderHours)) continue;
      await store.transact(async (tx) => {
        // Decided again inside the transaction: a signature may have landed since the list was read.
        const process = await tx.getProcess(listed.id);
        const action = process && due(process, now, options.reminderHours);
        if (!process || !action) return;
        const event = action.type === 'expire' ? { type: 'expire' as const, at: now.toISOString() } : { type: 'remind' as const, at: now.toISOString(), signerIndex: action.signerIndex };
        await recordEvent(tx, process, event);
        if (action.type === 'expire') expired++;
        else reminded++;
      });
    }
    if (expired || reminded) {
      log(`imzala: scheduler: ${expired} process(es) expired, ${reminded} reminder(s) queued`);
      options.mailQueued?.();
    }
    return { expired, reminded };
  }

  const tick = () => {
    running = runOnce()
      .catch((e: unknown) => log(`imzala: scheduler: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.tickSeconds * 1000).unref();
      });
  };

  return {
    runOnce,
    start() {
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
