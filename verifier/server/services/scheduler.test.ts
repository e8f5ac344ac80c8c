/**
 * The scheduler on a real store: the current signer is reminded once per interval (not again after a restart),
 * and at the deadline the process expires and everyone is mailed, once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProcess } from '../../../core/process/process.js';
import { DEADLINE_UTC, NOW, newProcessInput } from '../../../core/process/test-fixtures.js';
import { openStore } from '../../storage/repository.js';
import { createScheduler } from './scheduler.js';

const dir = mkdtempSync(join(tmpdir(), 'imzala-scheduler-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hours = (n: number) => new Date(NOW.getTime() + n * 3600_000);

describe('scheduler', () => {
  it('reminds the current signer once per interval, across a restart, and expires the process at the deadline', async () => {
    const input = newProcessInput();
    const { process } = createProcess(input, { processId: 'p-1', documentIds: input.documents.map((_, i) => `d-${i}`) }, NOW);
    let store = await openStore(join(dir, 'store'));
    await store.transact((tx) => tx.putProcess(process));
    const mails = async (kind: string) => (await store.dueMail(hours(10_000), 1000)).filter((m) => m.kind === kind);
    let scheduler = createScheduler({ store, reminderHours: 24, tickSeconds: 60, log: () => undefined });

    expect(await scheduler.runOnce(hours(1))).toEqual({ expired: 0, reminded: 0 });
    expect(await scheduler.runOnce(hours(25))).toEqual({ expired: 0, reminded: 1 });
    const reminders = await mails('reminder');
    expect(reminders.map((m) => [m.to, m.signerIndex])).toEqual([[process.signers[0]!.email, 0]]);
    expect(await scheduler.runOnce(hours(26))).toEqual({ expired: 0, reminded: 0 });

    // A restart: the store remembers when the last reminder went.
    await store.close();
    store = await openStore(join(dir, 'store'));
    scheduler = createScheduler({ store, reminderHours: 24, tickSeconds: 60, log: () => undefined });
    expect(await scheduler.runOnce(hours(40))).toEqual({ expired: 0, reminded: 0 });
    expect(await scheduler.runOnce(hours(49))).toEqual({ expired: 0, reminded: 1 });

    const deadline = new Date(DEADLINE_UTC);
    expect(await scheduler.runOnce(deadline)).toEqual({ expired: 1, reminded: 0 });
    expect((await store.getProcess('p-1'))!.status).toBe('expired');
    const expired = await mails('expired');
    expect(new Set(expired.map((m) => m.to))).toEqual(new Set([...process.signers.map((s) => s.email), process.initiator.email, ...process.cc]));
    expect(await scheduler.runOnce(new Date(deadline.getTime() + 3600_000))).toEqual({ expired: 0, reminded: 0 });
    await store.close();
  });

  it('sends no reminders when they are switched off', async () => {
    const input = newProcessInput();
    const { process } = createProcess(input, { processId: 'p-2', documentIds: input.documents.map((_, i) => `d-${i}`) }, NOW);
    const store = await openStore(join(dir, 'store-2'));
    await store.transact((tx) => tx.putProcess(process));
    const scheduler = createScheduler({ store, reminderHours: 0, tickSeconds: 60, log: () => undefined });
    expect(await scheduler.runOnce(hours(100))).toEqual({ expired: 0, reminded: 0 });
    await store.close();
  });
});
