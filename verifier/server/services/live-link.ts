/**
 * The checks every signing path (hash-signing API, ASAN İmza, SİMA) makes of a party's link before it may sign: the
 * link exists, the process is in progress and not past its deadline (an overdue process is expired at once and
 * everyone mailed, before the scheduler gets to it), the link is unused, and it is this party's turn.
 */
import { ImzalaError } from '../../../core/errors.js';
import type { Store } from '../../storage/repository.js';
import { linkTokenHash } from './link-tokens.js';
import { recordEvent } from './process-service.js';

export async function liveLink(store: Store, token: string, at: Date, mailQueued?: () => void) {
  const hash = linkTokenHash(token);
  const record = await store.findToken(hash);
  const process = record && (await store.getProcess(record.processId));
  if (!record || !process) throw new ImzalaError('LINK_INVALID', 'no such signing link', {});
  if (process.status === 'in_progress' && at.getTime() >= Date.parse(process.deadline)) {
    await store.transact(async (tx) => {
      const current = await tx.getProcess(process.id);
      if (current?.status === 'in_progress') await recordEvent(tx, current, { type: 'expire', at: at.toISOString() });
    });
    mailQueued?.();
    throw new ImzalaError('PROCESS_EXPIRED', 'the signing deadline has passed', {});
  }
  const signer = process.signers[record.signerIndex]!;
  if (record.usedAt || signer.status === 'signed') throw new ImzalaError('LINK_USED', 'this link was already used to sign', {});
  if (process.status !== 'in_progress') throw new ImzalaError('PROCESS_NOT_IN_PROGRESS', `the process is ${process.status}`, { status: process.status });
  if (signer.status !== 'awaiting_signature') throw new ImzalaError('RECIPIENT_OUT_OF_TURN', "it is not this signer's turn", { signerIndex: signer.index });
  return { hash, record, process, signer };
}
