/**
 * The signing-process state machine: pure functions, state + event -> new state + the mails to send, or an
 * ImzalaError with a stable code. Nothing here stores, mails or reads a clock: the verifier supplies `at`, saves the
 * returned process (compare `version` for optimistic concurrency) and hands the effects to the outbox.
 * The input process is never mutated.
 */
import { ImzalaError } from '../errors.js';
import type { MailEffect, MailKind, NewProcessInput, ProcessEvent, Signer, SigningProcess } from './model.js';
import { emailKey, MAX_REASON_LENGTH, validateNewProcess } from './validation.js';

/** What an event did: the new process, the mails it asks for, and whether anything changed (false for a repeated sign). */
export interface EventResult {
  process: SigningProcess;
  effects: MailEffect[];
  changed: boolean;
}

const SHA256_PATTERN = /^[0-9a-f]{64}$/;
/** Who acts when no person does (the scheduler's reminders and expiry). */
export const SYSTEM_ACTOR = 'system';

function parseTime(at: unknown): number {
  const time = typeof at === 'string' ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(time)) throw new ImzalaError('EVENT_TIME_INVALID', `event time is not an ISO 8601 time: ${String(at)}`, { at });
  return time;
}

/**
 * Starts a process: validates the input (throws PROCESS_INPUT_INVALID with `details.errors: FieldError[]`),
 * freezes the documents, makes signer 0 awaiting_signature and the others queued, and asks for the invitation to
 * signer 0 and the 'started' copy to the initiator. `ids.documentIds` are in the order of `input.documents`.
 */
export function createProcess(
  input: NewProcessInput,
  ids: { processId: string; documentIds: string[] },
  now: Date,
): { process: SigningProcess; effects: MailEffect[] } {
  const checked = validateNewProcess(input, now);
  if (!checked.ok) throw new ImzalaError('PROCESS_INPUT_INVALID', 'the new process has invalid fields', { errors: checked.errors });
  const value = checked.value;
  // Ids come from the caller's code, not from a user: a mismatch is a bug, so a plain Error.
  if (ids.documentIds.length !== value.documents.length || new Set(ids.documentIds).size !== ids.documentIds.length) {
    throw new Error('createProcess: documentIds must be unique and one per document');
  }
  const at = now.toISOString();
  const documents = value.documents.map((d, i) => ({
    id: ids.documentIds[i]!,
    name: d.name,
    size: d.size,
    sha256: d.sha256,
    mediaType: d.mediaType,
    kind: d.kind ?? 'other',
  }));
  const process: SigningProcess = {
    id: ids.processId,
    name: value.name,
    language: value.lang ?? 'az',
    initiator: { ...value.initiator },
    createdAt: at,
    deadline: value.deadline,
    status: 'in_progress',
    documents,
    current: Object.fromEntries(documents.map((d) => [d.id, d.sha256])),
    signers: value.signers.map((s, index) => ({ ...s, index, status: index === 0 ? 'awaiting_signature' : 'queued' })),
    cc: [...(value.cc ?? [])],
    history: [{ at, actor: value.initiator.email, event: 'start' }],
    version: 1,
  };
  const effects: MailEffect[] = [
    { type: 'mail', kind: 'invitation', to: process.signers[0]!.email, signerIndex: 0 },
    { type: 'mail', kind: 'started', to: process.initiator.email },
  ];
  return { process, effects };
}

/** The signer whose turn it is (awaiting_signature), or undefined when the process is not waiting for anyone. */
export function getCurrentSigner(process: SigningProcess): Signer | undefined {
  if (process.status !== 'in_progress') return undefined;
  return process.signers.find((s) => s.status === 'awaiting_signature');
}

/** True when `signerIndex` may act now (sign, decline, be reminded). */
export function isSignerTurn(process: SigningProcess, signerIndex: number): boolean {
  return getCurrentSigner(process)?.index === signerIndex;
}

/**
 * Applies one event and returns a new process (never mutating the given one) with the mails to send, or throws
 * an ImzalaError: RECIPIENT_OUT_OF_TURN, PROCESS_NOT_IN_PROGRESS (details.status), PROCESS_EXPIRED,
 * SIGNER_ALREADY_SIGNED, DOCUMENTS_MISMATCH, SIGNED_DOCUMENT_UNCHANGED, SIGNER_NOT_FOUND, DECLINE_REASON_REQUIRED,
 * DECLINE_REASON_TOO_LONG, CANCEL_REASON_TOO_LONG, DEADLINE_NOT_REACHED, PROCESS_ALREADY_STARTED,
 * EVENT_TIME_INVALID, EVENT_INVALID.
 * On PROCESS_EXPIRED the caller should apply { type: 'expire' } and save that instead.
 */
export function applyEvent(process: SigningProcess, event: ProcessEvent): EventResult {
  switch (event.type) {
    case 'start':
      throw new ImzalaError('PROCESS_ALREADY_STARTED', 'a process is started by createProcess, once', { processId: process.id });
    case 'sign':
      return applySign(process, event);
    case 'decline':
      return applyDecline(process, event);
    case 'cancel':
      return applyCancel(process, event);
    case 'expire':
      return applyExpire(process, event);
    case 'remind':
      return applyRemind(process, event);
    default:
      throw new ImzalaError('EVENT_INVALID', 'unknown process event', { type: (event as { type?: unknown }).type });
  }
}

function requireSigner(process: SigningProcess, signerIndex: unknown): Signer {
  const signer = Number.isInteger(signerIndex) ? process.signers[signerIndex as number] : undefined;
  if (!signer) throw new ImzalaError('SIGNER_NOT_FOUND', `no signer ${String(signerIndex)} in process ${process.id}`, { signerIndex });
  return signer;
}

function requireInProgress(process: SigningProcess): void {
  if (process.status !== 'in_progress') {
    throw new ImzalaError('PROCESS_NOT_IN_PROGRESS', `process ${process.id} is ${process.status}`, { status: process.status });
  }
}

/** Signing and declining stop at the deadline, even before the scheduler has marked the process expired. */
function requireBeforeDeadline(process: SigningProcess, time: number): void {
  if (time >= Date.parse(process.deadline)) {
    throw new ImzalaError('PROCESS_EXPIRED', `the deadline ${process.deadline} has passed`, { deadline: process.deadline });
  }
}

function requireTurn(process: SigningProcess, signer: Signer): void {
  const current = getCurrentSigner(process);
  if (current?.index !== signer.index) {
    throw new ImzalaError('RECIPIENT_OUT_OF_TURN', `signer ${signer.index} may not act now`, {
      signerIndex: signer.index,
      currentSignerIndex: current?.index ?? null,
    });
  }
}

/** The new process: every array and record copied, so the caller's value stays as it was. */
function nextVersion(process: SigningProcess, entry: SigningProcess['history'][number]): SigningProcess {
  return {
    ...process,
    initiator: { ...process.initiator },
    documents: process.documents.map((d) => ({ ...d })),
    current: { ...process.current },
    signers: process.signers.map((s) => ({ ...s, ...(s.signedDocuments ? { signedDocuments: { ...s.signedDocuments } } : {}) })),
    cc: [...process.cc],
    history: [...process.history.map((h) => ({ ...h })), entry],
    version: process.version + 1,
  };
}

/** One mail per mailbox: the first mention wins, so a signer keeps their signerIndex (and link) over a cc. */
function mails(kind: MailKind, recipients: { email: string; signerIndex?: number }[]): MailEffect[] {
  const seen = new Set<string>();
  const effects: MailEffect[] = [];
  for (const r of recipients) {
    const key = emailKey(r.email);
    if (seen.has(key)) continue;
    seen.add(key);
    effects.push(r.signerIndex === undefined ? { type: 'mail', kind, to: r.email } : { type: 'mail', kind, to: r.email, signerIndex: r.signerIndex });
  }
  return effects;
}

const asRecipient = (s: Signer) => ({ email: s.email, signerIndex: s.index });

function sameDocuments(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && b[k] === a[k]);
}

/** The signed versions named by a sign event, checked to name every document of the process exactly once. */
function signedVersions(process: SigningProcess, documents: unknown): Record<string, string> {
  const mismatch = (reason: string) =>
    new ImzalaError('DOCUMENTS_MISMATCH', `the sign event does not match the documents: ${reason}`, { reason });
  if (!Array.isArray(documents) || documents.length !== process.documents.length) throw mismatch('count');
  const versions: Record<string, string> = {};
  for (const d of documents as unknown[]) {
    const { documentId, sha256 } = (d ?? {}) as { documentId?: unknown; sha256?: unknown };
    if (typeof documentId !== 'string' || !Object.hasOwn(process.current, documentId)) throw mismatch(`unknown document ${String(documentId)}`);
    if (Object.hasOwn(versions, documentId)) throw mismatch(`document ${documentId} named twice`);
    if (typeof sha256 !== 'string' || !SHA256_PATTERN.test(sha256)) throw mismatch(`bad sha256 for ${documentId}`);
    versions[documentId] = sha256;
  }
  return versions;
}

function applySign(process: SigningProcess, event: Extract<ProcessEvent, { type: 'sign' }>): EventResult {
  const time = parseTime(event.at);
  const signer = requireSigner(process, event.signerIndex);
  // A repeated /complete (retry after a lost answer, a double click, two tabs) must not fail nor sign twice:
  // judged before the status, because the last signer's repeat comes after the process has completed.
  if (signer.status === 'signed') {
    const versions = signedVersions(process, event.documents);
    if (signer.signedDocuments && sameDocuments(signer.signedDocuments, versions)) return { process, effects: [], changed: false };
    throw new ImzalaError('SIGNER_ALREADY_SIGNED', `signer ${signer.index} has already signed`, { signerIndex: signer.index });
  }
  requireInProgress(process);
  requireBeforeDeadline(process, time);
  requireTurn(process, signer);
  const versions = signedVersions(process, event.documents);
  const unchanged = Object.keys(versions).filter((id) => versions[id] === process.current[id]);
  if (unchanged.length > 0) {
    throw new ImzalaError('SIGNED_DOCUMENT_UNCHANGED', 'a signed version must differ from the version before it', { documentIds: unchanged });
  }

  const next = nextVersion(process, { at: event.at, actor: signer.email, event: 'sign', signerIndex: signer.index });
  next.current = { ...process.current, ...versions };
  const signed = next.signers[signer.index]!;
  signed.status = 'signed';
  signed.signedAt = event.at;
  signed.signedDocuments = { ...versions };

  const following = next.signers[signer.index + 1];
  if (following) {
    following.status = 'awaiting_signature';
    // 'your_turn' is the invitation of signers after the first: it carries the link and says who signed before.
    return { process: next, effects: mails('your_turn', [asRecipient(following)]), changed: true };
  }
  next.status = 'completed';
  next.finishedAt = event.at;
  const everyone = [...next.signers.map(asRecipient), { email: next.initiator.email }, ...next.cc.map((email) => ({ email }))];
  return { process: next, effects: mails('completed', everyone), changed: true };
}

function applyDecline(process: SigningProcess, event: Extract<ProcessEvent, { type: 'decline' }>): EventResult {
  const time = parseTime(event.at);
  const signer = requireSigner(process, event.signerIndex);
  requireInProgress(process);
  requireBeforeDeadline(process, time);
  requireTurn(process, signer);
  const reason = typeof event.reason === 'string' ? event.reason.trim() : '';
  if (reason.length === 0) throw new ImzalaError('DECLINE_REASON_REQUIRED', 'a decline needs a reason', {});
  if (reason.length > MAX_REASON_LENGTH) throw new ImzalaError('DECLINE_REASON_TOO_LONG', 'the decline reason is too long', { length: reason.length });

  const next = nextVersion(process, { at: event.at, actor: signer.email, event: 'decline', signerIndex: signer.index, detail: reason });
  const declined = next.signers[signer.index]!;
  declined.status = 'declined';
  declined.declinedAt = event.at;
  declined.declineReason = reason;
  next.status = 'declined';
  next.finishedAt = event.at;
  // The initiator, everyone who already signed and the extra recipients learn that the process stopped;
  // later signers were never invited, so they are not told.
  const recipients = [
    { email: next.initiator.email },
    ...next.signers.filter((s) => s.index < signer.index).map(asRecipient),
    ...next.cc.map((email) => ({ email })),
  ];
  return { process: next, effects: mails('declined', recipients), changed: true };
}

function applyCancel(process: SigningProcess, event: Extract<ProcessEvent, { type: 'cancel' }>): EventResult {
  parseTime(event.at);
  requireInProgress(process);
  let reason: string | undefined;
  if (typeof event.reason === 'string' && event.reason.trim().length > 0) {
    reason = event.reason.trim();
    if (reason.length > MAX_REASON_LENGTH) throw new ImzalaError('CANCEL_REASON_TOO_LONG', 'the cancel reason is too long', { length: reason.length });
  }
  // Whether `actor` is the initiator (or someone allowed to act for them) is the caller's check: it knows who is logged in.
  const next = nextVersion(process, { at: event.at, actor: event.actor, event: 'cancel', ...(reason ? { detail: reason } : {}) });
  next.status = 'cancelled';
  next.finishedAt = event.at;
  const invited = next.signers.filter((s) => s.status !== 'queued').map(asRecipient);
  return { process: next, effects: mails('cancelled', [...invited, ...next.cc.map((email) => ({ email }))]), changed: true };
}

function applyExpire(process: SigningProcess, event: Extract<ProcessEvent, { type: 'expire' }>): EventResult {
  const time = parseTime(event.at);
  requireInProgress(process);
  if (time < Date.parse(process.deadline)) {
    throw new ImzalaError('DEADLINE_NOT_REACHED', `the deadline ${process.deadline} has not been reached`, { deadline: process.deadline });
  }
  const next = nextVersion(process, { at: event.at, actor: event.actor ?? SYSTEM_ACTOR, event: 'expire' });
  next.status = 'expired';
  next.finishedAt = event.at;
  const everyone = [...next.signers.map(asRecipient), { email: next.initiator.email }, ...next.cc.map((email) => ({ email }))];
  return { process: next, effects: mails('expired', everyone), changed: true };
}

function applyRemind(process: SigningProcess, event: Extract<ProcessEvent, { type: 'remind' }>): EventResult {
  const time = parseTime(event.at);
  const signer = requireSigner(process, event.signerIndex);
  requireInProgress(process);
  requireBeforeDeadline(process, time);
  requireTurn(process, signer);
  const next = nextVersion(process, { at: event.at, actor: event.actor ?? SYSTEM_ACTOR, event: 'remind', signerIndex: signer.index });
  next.signers[signer.index]!.remindedAt = event.at;
  return { process: next, effects: mails('reminder', [asRecipient(signer)]), changed: true };
}
