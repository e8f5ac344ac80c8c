/**
 * Test helper, not part of the service: the child process of file-store.test.ts's crash test. It applies signing-like
 * transactions in a loop and prints `committed <n>` after each one's promise resolved, until it is SIGKILLed.
 * Usage: node crash-writer.js <store dir> <first transaction number>
 */
import { createHash } from 'node:crypto';
import { openStore } from './file-store.js';
import type { SigningProcess } from '../../core/process/model.js';

/** Process, token and mail keys of transaction `n`, shared with the test that checks them. */
export const PROCESSES_IN_CRASH_TEST = 20;
export function crashTestKeys(n: number) {
  return {
    processId: `p${n % PROCESSES_IN_CRASH_TEST}`,
    tokenHash: createHash('sha256').update(`token-${n}`).digest('hex'),
    mailIds: [`m${n}-a`, `m${n}-b`],
  };
}

/** A process of a realistic size (3 signers, 2 documents, history) whose fields all carry `n`. */
export function crashTestProcess(id: string, n: number): SigningProcess {
  const at = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
  return {
    id,
    name: `Müqavilə ${n}`,
    language: 'az',
    initiator: { email: `initiator${n % 3}@example.az`, name: 'Əli Məmmədov' },
    createdAt: at,
    deadline: at,
    status: 'in_progress',
    documents: [0, 1].map((d) => ({ id: `d${d}`, name: `sənəd-${d}.pdf`, size: 1000 + n, sha256: 'a'.repeat(64), mediaType: 'application/pdf', kind: 'pdf' as const })),
    current: { d0: String(n).padStart(64, '0'), d1: String(n).padStart(64, '0') },
    signers: [0, 1, 2].map((i) => ({
      index: i, type: 'citizen' as const, name: `İmzalayan ${i}`, fin: `ABC12${i}D`, email: `s${i}@example.az`, status: 'queued' as const,
    })),
    cc: ['cc@example.az'],
    history: Array.from({ length: 4 }, (_, i) => ({ at, actor: `s${i % 3}@example.az`, event: 'remind' as const, signerIndex: i % 3, detail: `tx ${n}` })),
    version: n,
  };
}

async function main(): Promise<void> {
  const [dir, first] = process.argv.slice(2);
  // A small segment size, so that kills also land during journal rotation and background checkpoints.
  const store = await openStore(dir!, { checkpointEvery: 25 });
  for (let n = Number(first); ; n++) {
    const keys = crashTestKeys(n);
    await store.transact(async (tx) => {
      tx.putProcess(crashTestProcess(keys.processId, n));
      tx.putToken({ hash: keys.tokenHash, processId: keys.processId, signerIndex: n % 3, createdAt: new Date().toISOString() });
      await tx.markTokenUsed(keys.tokenHash, new Date());
      for (const id of keys.mailIds) {
        await tx.enqueueMail({ id, processId: keys.processId, kind: 'your_turn', to: 's@example.az', createdAt: new Date().toISOString(), attempts: 0, nextAttemptAt: new Date().toISOString(), lastError: `tx ${n}` });
      }
    });
    process.stdout.write(`committed ${n}\n`);
  }
}

if (process.argv[1] && /crash-writer\.m?js$/.test(process.argv[1])) void main();
