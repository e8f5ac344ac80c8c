/**
 * The part of the store the outbox sender uses: exactly part Q's `Store` methods dueMail / markMailSent /
 * markMailFailed, so the real store (verifier/storage) is passed as it is; plus an in-memory one for tests.
 */
import type { OutboxEntry, Store } from '../storage/repository.js';

export type { OutboxEntry };
export type OutboxStore = Pick<Store, 'dueMail' | 'markMailSent' | 'markMailFailed'>;

/** An in-memory OutboxStore (tests and examples); `entries` is the live list. */
export function createMemoryOutboxStore(initial: readonly OutboxEntry[] = []): OutboxStore & {
  readonly entries: OutboxEntry[];
  enqueue(entry: OutboxEntry): void;
} {
  const entries = initial.map((e) => ({ ...e }));
  const find = (id: string) => {
    const entry = entries.find((e) => e.id === id);
    if (!entry) throw new Error(`no outbox entry ${id}`);
    return entry;
  };
  return {
    entries,
    enqueue: (entry) => void entries.push({ ...entry }),
    async dueMail(now, limit) {
      return entries
        .filter((e) => !e.sentAt && Date.parse(e.nextAttemptAt) <= now.getTime())
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .slice(0, limit)
        .map((e) => ({ ...e }));
    },
    async markMailSent(id, at) {
      find(id).sentAt = at.toISOString();
    },
    async markMailFailed(id, error, nextAttemptAt) {
      const entry = find(id);
      entry.attempts += 1;
      entry.lastError = error;
      entry.nextAttemptAt = nextAttemptAt.toISOString();
    },
  };
}
