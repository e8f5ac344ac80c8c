import { describe, expect, it } from 'vitest';
import { isImzalaError } from '../errors.js';
import type { MailEffect, ProcessEvent, SigningProcess } from './model.js';
import { applyEvent, createProcess, getCurrentSigner, isSignerTurn } from './process.js';
import { DEADLINE_UTC, NOW, hash, newProcessInput } from './test-fixtures.js';

const IDS = { processId: 'p-1', documentIds: ['doc-a', 'doc-b'] };
const BEFORE_DEADLINE = '2026-11-25T09:00:00.000Z';
const ONE_MS_BEFORE_DEADLINE = '2026-11-30T13:59:59.999Z';

function start(): SigningProcess {
  return createProcess(newProcessInput(), IDS, NOW).process;
}

/** The sign event of signer `i`: each signer's versions get their own hashes (10*i+1, 10*i+2). */
function sign(signerIndex: number, at = BEFORE_DEADLINE): ProcessEvent {
  return {
    type: 'sign',
    at,
    signerIndex,
    documents: [
      { documentId: 'doc-a', sha256: hash(100 + 10 * signerIndex + 1) },
      { documentId: 'doc-b', sha256: hash(100 + 10 * signerIndex + 2) },
    ],
  };
}

/** Applies events one after another and returns the final process. */
function run(process: SigningProcess, ...events: ProcessEvent[]): SigningProcess {
  return events.reduce((p, e) => applyEvent(p, e).process, process);
}

function codeOf(action: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    action();
  } catch (e) {
    if (isImzalaError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const to = (effects: MailEffect[]) => effects.map((e) => `${e.kind}:${e.to}${e.signerIndex === undefined ? '' : `#${e.signerIndex}`}`);

const decline = (signerIndex: number, reason = 'Məbləğ səhvdir', at = BEFORE_DEADLINE): ProcessEvent => ({ type: 'decline', at, signerIndex, reason });
const cancel = (at = BEFORE_DEADLINE): ProcessEvent => ({ type: 'cancel', at, actor: 'initiator@example.az' });
const expire = (at = DEADLINE_UTC): ProcessEvent => ({ type: 'expire', at });
const remind = (signerIndex: number, at = BEFORE_DEADLINE): ProcessEvent => ({ type: 'remind', at, signerIndex });

/** One process in each final status, reached by the rules themselves. */
function finalStates(): Record<'completed' | 'declined' | 'cancelled' | 'expired', SigningProcess> {
  return {
    completed: run(start(), sign(0), sign(1), sign(2)),
    declined: run(start(), sign(0), decline(1)),
    cancelled: run(start(), cancel()),
    expired: run(start(), sign(0), expire()),
  };
}

describe('createProcess', () => {
  it('starts in progress: signer 0 awaits, the others are queued; invitation and a copy to the initiator', () => {
    const { process, effects } = createProcess(newProcessInput(), IDS, NOW);
    expect(process.status).toBe('in_progress');
    expect(process.signers.map((s) => s.status)).toEqual(['awaiting_signature', 'queued', 'queued']);
    expect(process.signers.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(process.history).toEqual([{ at: NOW.toISOString(), actor: 'initiator@example.az', event: 'start' }]);
    expect(process.version).toBe(1);
    expect(process.deadline).toBe(DEADLINE_UTC);
    expect(process.documents.map((d) => [d.id, d.kind, d.sha256])).toEqual([['doc-a', 'pdf', hash(1)], ['doc-b', 'other', hash(2)]]);
    expect(process.current).toEqual({ 'doc-a': hash(1), 'doc-b': hash(2) });
    expect(to(effects)).toEqual(['invitation:ali@example.az#0', 'started:initiator@example.az']);
    expect(getCurrentSigner(process)?.index).toBe(0);
  });

  it('refuses invalid input with the field errors', () => {
    const input = newProcessInput();
    input.signers[1]!.fin = 'bad';
    const refusal = codeOf(() => createProcess(input, IDS, NOW));
    expect(refusal.code).toBe('PROCESS_INPUT_INVALID');
    expect(refusal.details.errors).toEqual([{ field: 'signers[1].fin', code: 'FIN_INVALID' }]);
  });

  it('refuses a deadline already passed at `now`', () => {
    expect(codeOf(() => createProcess(newProcessInput(), IDS, new Date('2026-12-01T00:00:00Z'))).details.errors).toEqual([
      { field: 'deadline', code: 'DEADLINE_IN_PAST' },
    ]);
  });

  it('a caller bug (one id per document) is a plain error, not a user refusal', () => {
    expect(() => createProcess(newProcessInput(), { processId: 'p', documentIds: ['only-one'] }, NOW)).toThrow(/documentIds/);
    expect(() => createProcess(newProcessInput(), { processId: 'p', documentIds: ['same', 'same'] }, NOW)).toThrow(/documentIds/);
  });
});

describe('turn order with three signers', () => {
  it('only the signer whose turn it is may sign; each signature wakes the next signer alone', () => {
    const p0 = start();
    expect(codeOf(() => applyEvent(p0, sign(1)))).toMatchObject({ code: 'RECIPIENT_OUT_OF_TURN', details: { signerIndex: 1, currentSignerIndex: 0 } });
    expect(codeOf(() => applyEvent(p0, sign(2))).code).toBe('RECIPIENT_OUT_OF_TURN');

    const r1 = applyEvent(p0, sign(0));
    expect(r1.changed).toBe(true);
    expect(r1.process.signers.map((s) => s.status)).toEqual(['signed', 'awaiting_signature', 'queued']);
    expect(r1.process.signers[0]!.signedAt).toBe(BEFORE_DEADLINE);
    expect(r1.process.current).toEqual({ 'doc-a': hash(101), 'doc-b': hash(102) });
    expect(r1.process.documents.map((d) => d.sha256)).toEqual([hash(1), hash(2)]); // the originals stay frozen
    expect(to(r1.effects)).toEqual(['your_turn:gunel@firma.az#1']);
    expect(r1.process.version).toBe(2);
    expect(r1.process.history.at(-1)).toEqual({ at: BEFORE_DEADLINE, actor: 'ali@example.az', event: 'sign', signerIndex: 0 });
    expect(isSignerTurn(r1.process, 1)).toBe(true);
    expect(codeOf(() => applyEvent(r1.process, sign(2))).code).toBe('RECIPIENT_OUT_OF_TURN');

    const r2 = applyEvent(r1.process, sign(1));
    expect(r2.process.signers.map((s) => s.status)).toEqual(['signed', 'signed', 'awaiting_signature']);
    expect(to(r2.effects)).toEqual(['your_turn:sahin@example.az#2']);
    expect(r2.process.status).toBe('in_progress');

    const r3 = applyEvent(r2.process, sign(2));
    expect(r3.process.status).toBe('completed');
    expect(r3.process.finishedAt).toBe(BEFORE_DEADLINE);
    expect(r3.process.signers.map((s) => s.status)).toEqual(['signed', 'signed', 'signed']);
    expect(r3.process.current).toEqual({ 'doc-a': hash(121), 'doc-b': hash(122) });
    expect(to(r3.effects)).toEqual([
      'completed:ali@example.az#0',
      'completed:gunel@firma.az#1',
      'completed:sahin@example.az#2',
      'completed:initiator@example.az',
      'completed:muhasib@firma.az',
      'completed:arxiv@example.az',
    ]);
    expect(r3.process.version).toBe(4);
    expect(r3.process.history.map((h) => h.event)).toEqual(['start', 'sign', 'sign', 'sign']);
    expect(getCurrentSigner(r3.process)).toBeUndefined();
  });

  it('the completed mail goes once to each mailbox, a signer keeping their link', () => {
    const input = newProcessInput();
    input.cc = ['SAHIN@example.az', 'initiator@example.az', 'x@example.az'];
    input.initiator.email = 'Ali@Example.az'; // the initiator also signs first
    const started = createProcess(input, IDS, NOW).process;
    const r = applyEvent(run(started, sign(0), sign(1)), sign(2));
    expect(to(r.effects)).toEqual([
      'completed:ali@example.az#0',
      'completed:gunel@firma.az#1',
      'completed:sahin@example.az#2',
      'completed:initiator@example.az',
      'completed:x@example.az',
    ]);
  });

  it('a single signer completes the process at once', () => {
    const input = newProcessInput();
    input.signers = input.signers.slice(0, 1);
    input.cc = [];
    const r = applyEvent(createProcess(input, IDS, NOW).process, sign(0));
    expect(r.process.status).toBe('completed');
    expect(to(r.effects)).toEqual(['completed:ali@example.az#0', 'completed:initiator@example.az']);
  });
});

describe('idempotent sign', () => {
  it('the same signer with the same hashes: unchanged, no mails', () => {
    const p1 = run(start(), sign(0));
    const again = applyEvent(p1, sign(0, '2026-11-25T09:05:00.000Z'));
    expect(again).toEqual({ process: p1, effects: [], changed: false });
    expect(again.process.version).toBe(2);
    // the documents may be named in another order
    const reversed = sign(0) as Extract<ProcessEvent, { type: 'sign' }>;
    expect(applyEvent(p1, { ...reversed, documents: [...reversed.documents].reverse() }).changed).toBe(false);
  });

  it('the last signer repeating after completion is also unchanged', () => {
    const done = run(start(), sign(0), sign(1), sign(2));
    expect(applyEvent(done, sign(2))).toEqual({ process: done, effects: [], changed: false });
  });

  it('the same signer with different hashes: SIGNER_ALREADY_SIGNED', () => {
    const p1 = run(start(), sign(0));
    const other: ProcessEvent = { ...(sign(0) as Extract<ProcessEvent, { type: 'sign' }>), documents: [{ documentId: 'doc-a', sha256: hash(999) }, { documentId: 'doc-b', sha256: hash(102) }] };
    expect(codeOf(() => applyEvent(p1, other))).toMatchObject({ code: 'SIGNER_ALREADY_SIGNED', details: { signerIndex: 0 } });
    const done = run(p1, sign(1), sign(2));
    expect(codeOf(() => applyEvent(done, other)).code).toBe('SIGNER_ALREADY_SIGNED');
  });
});

describe('sign checks', () => {
  const p0 = start();
  const withDocuments = (documents: { documentId: string; sha256: string }[]): ProcessEvent => ({ type: 'sign', at: BEFORE_DEADLINE, signerIndex: 0, documents });

  it('DOCUMENTS_MISMATCH: a sign event must name every document exactly once', () => {
    const a = { documentId: 'doc-a', sha256: hash(111) };
    const b = { documentId: 'doc-b', sha256: hash(112) };
    for (const documents of [[a], [a, b, { documentId: 'doc-c', sha256: hash(113) }], [a, a], [a, { documentId: 'doc-x', sha256: hash(112) }], [a, { ...b, sha256: 'ABC' }], []]) {
      expect(codeOf(() => applyEvent(p0, withDocuments(documents))).code, JSON.stringify(documents)).toBe('DOCUMENTS_MISMATCH');
    }
  });

  it('SIGNED_DOCUMENT_UNCHANGED: a signature must produce a new version', () => {
    expect(codeOf(() => applyEvent(p0, withDocuments([{ documentId: 'doc-a', sha256: hash(1) }, { documentId: 'doc-b', sha256: hash(112) }]))))
      .toMatchObject({ code: 'SIGNED_DOCUMENT_UNCHANGED', details: { documentIds: ['doc-a'] } });
  });

  it('PROCESS_EXPIRED at and after the deadline, even before the process is marked expired', () => {
    expect(applyEvent(p0, sign(0, ONE_MS_BEFORE_DEADLINE)).process.signers[0]!.status).toBe('signed');
    expect(codeOf(() => applyEvent(p0, sign(0, DEADLINE_UTC))).code).toBe('PROCESS_EXPIRED');
    expect(codeOf(() => applyEvent(p0, sign(0, '2026-12-05T00:00:00Z'))).code).toBe('PROCESS_EXPIRED');
    expect(codeOf(() => applyEvent(p0, decline(0, 'late', DEADLINE_UTC))).code).toBe('PROCESS_EXPIRED');
  });

  it('unknown signer, bad time, unknown event', () => {
    expect(codeOf(() => applyEvent(p0, sign(3))).code).toBe('SIGNER_NOT_FOUND');
    expect(codeOf(() => applyEvent(p0, sign(-1))).code).toBe('SIGNER_NOT_FOUND');
    expect(codeOf(() => applyEvent(p0, sign(0.5))).code).toBe('SIGNER_NOT_FOUND');
    expect(codeOf(() => applyEvent(p0, sign(0, 'tomorrow'))).code).toBe('EVENT_TIME_INVALID');
    expect(codeOf(() => applyEvent(p0, { type: 'start', at: BEFORE_DEADLINE, actor: 'x' })).code).toBe('PROCESS_ALREADY_STARTED');
    expect(codeOf(() => applyEvent(p0, { type: 'burn', at: BEFORE_DEADLINE } as unknown as ProcessEvent)).code).toBe('EVENT_INVALID');
  });

  it.each([['declined', 1], ['declined', 2], ['cancelled', 0], ['expired', 1]] as const)('sign in a %s process by signer %i: PROCESS_NOT_IN_PROGRESS', (status, signerIndex) => {
    expect(codeOf(() => applyEvent(finalStates()[status], sign(signerIndex)))).toEqual({ code: 'PROCESS_NOT_IN_PROGRESS', details: { status } });
  });

  it('a new signature in a completed process: every signer has signed, so SIGNER_ALREADY_SIGNED', () => {
    const other: ProcessEvent = { type: 'sign', at: BEFORE_DEADLINE, signerIndex: 2, documents: [{ documentId: 'doc-a', sha256: hash(7) }, { documentId: 'doc-b', sha256: hash(8) }] };
    expect(codeOf(() => applyEvent(finalStates().completed, other)).code).toBe('SIGNER_ALREADY_SIGNED');
  });
});

describe('decline', () => {
  it('stops the process; the initiator, the earlier signers and cc are told, later signers are not', () => {
    const p1 = run(start(), sign(0));
    const r = applyEvent(p1, decline(1, '  Məbləğ səhvdir  '));
    expect(r.process.status).toBe('declined');
    expect(r.process.signers.map((s) => s.status)).toEqual(['signed', 'declined', 'queued']);
    expect(r.process.signers[1]).toMatchObject({ declinedAt: BEFORE_DEADLINE, declineReason: 'Məbləğ səhvdir' });
    expect(r.process.history.at(-1)).toEqual({ at: BEFORE_DEADLINE, actor: 'gunel@firma.az', event: 'decline', signerIndex: 1, detail: 'Məbləğ səhvdir' });
    expect(r.process.version).toBe(3);
    expect(to(r.effects)).toEqual([
      'declined:initiator@example.az',
      'declined:ali@example.az#0',
      'declined:muhasib@firma.az',
      'declined:arxiv@example.az',
    ]);
  });

  it('needs a reason of 1..1000 characters', () => {
    const p0 = start();
    expect(codeOf(() => applyEvent(p0, decline(0, '   '))).code).toBe('DECLINE_REASON_REQUIRED');
    expect(codeOf(() => applyEvent(p0, decline(0, 'x'.repeat(1001)))).code).toBe('DECLINE_REASON_TOO_LONG');
    expect(applyEvent(p0, decline(0, 'x'.repeat(1000))).process.status).toBe('declined');
  });

  it('only by the signer whose turn it is', () => {
    const p1 = run(start(), sign(0));
    expect(codeOf(() => applyEvent(p1, decline(2))).code).toBe('RECIPIENT_OUT_OF_TURN');
    expect(codeOf(() => applyEvent(p1, decline(0))).code).toBe('RECIPIENT_OUT_OF_TURN'); // signed already: not their turn
  });

  it.each(['completed', 'declined', 'cancelled', 'expired'] as const)('refused in a %s process', (status) => {
    expect(codeOf(() => applyEvent(finalStates()[status], decline(2)))).toEqual({ code: 'PROCESS_NOT_IN_PROGRESS', details: { status } });
  });
});

describe('cancel', () => {
  it('by the initiator: everyone invited so far and cc are told, queued signers are not', () => {
    const p1 = run(start(), sign(0));
    const r = applyEvent(p1, { type: 'cancel', at: BEFORE_DEADLINE, actor: 'initiator@example.az', reason: 'Şərtlər dəyişdi' });
    expect(r.process.status).toBe('cancelled');
    expect(r.process.finishedAt).toBe(BEFORE_DEADLINE);
    expect(r.process.history.at(-1)).toEqual({ at: BEFORE_DEADLINE, actor: 'initiator@example.az', event: 'cancel', detail: 'Şərtlər dəyişdi' });
    expect(to(r.effects)).toEqual([
      'cancelled:ali@example.az#0',
      'cancelled:gunel@firma.az#1',
      'cancelled:muhasib@firma.az',
      'cancelled:arxiv@example.az',
    ]);
  });

  it('is allowed after the deadline while the process is still in progress', () => {
    expect(applyEvent(start(), cancel('2026-12-02T00:00:00Z')).process.status).toBe('cancelled');
  });

  it('a reason is optional, at most 1000 characters', () => {
    expect(codeOf(() => applyEvent(start(), { type: 'cancel', at: BEFORE_DEADLINE, actor: 'i', reason: 'x'.repeat(1001) })).code).toBe('CANCEL_REASON_TOO_LONG');
    expect(applyEvent(start(), cancel()).process.history.at(-1)).not.toHaveProperty('detail');
  });

  it.each(['completed', 'declined', 'cancelled', 'expired'] as const)('refused in a %s process', (status) => {
    expect(codeOf(() => applyEvent(finalStates()[status], cancel()))).toEqual({ code: 'PROCESS_NOT_IN_PROGRESS', details: { status } });
  });
});

describe('expire', () => {
  it('only at or after the deadline', () => {
    expect(codeOf(() => applyEvent(start(), expire(ONE_MS_BEFORE_DEADLINE))).code).toBe('DEADLINE_NOT_REACHED');
  });

  it('at the deadline: expired, everyone is told', () => {
    const p1 = run(start(), sign(0));
    const r = applyEvent(p1, expire());
    expect(r.process.status).toBe('expired');
    expect(r.process.history.at(-1)).toEqual({ at: DEADLINE_UTC, actor: 'system', event: 'expire' });
    expect(r.process.version).toBe(3);
    expect(to(r.effects)).toEqual([
      'expired:ali@example.az#0',
      'expired:gunel@firma.az#1',
      'expired:sahin@example.az#2',
      'expired:initiator@example.az',
      'expired:muhasib@firma.az',
      'expired:arxiv@example.az',
    ]);
  });

  it.each(['completed', 'declined', 'cancelled', 'expired'] as const)('refused in a %s process', (status) => {
    expect(codeOf(() => applyEvent(finalStates()[status], expire('2026-12-10T00:00:00Z')))).toEqual({ code: 'PROCESS_NOT_IN_PROGRESS', details: { status } });
  });
});

describe('remind', () => {
  it('the current signer only: a reminder mail and remindedAt', () => {
    const p1 = run(start(), sign(0));
    const r = applyEvent(p1, remind(1, '2026-11-26T09:00:00.000Z'));
    expect(to(r.effects)).toEqual(['reminder:gunel@firma.az#1']);
    expect(r.process.signers[1]!.remindedAt).toBe('2026-11-26T09:00:00.000Z');
    expect(r.process.history.at(-1)).toEqual({ at: '2026-11-26T09:00:00.000Z', actor: 'system', event: 'remind', signerIndex: 1 });
    expect(r.process.version).toBe(3);
    expect(r.process.status).toBe('in_progress');
    expect(codeOf(() => applyEvent(p1, remind(0))).code).toBe('RECIPIENT_OUT_OF_TURN');
    expect(codeOf(() => applyEvent(p1, remind(2))).code).toBe('RECIPIENT_OUT_OF_TURN');
  });

  it('not after the deadline (the process is to be expired instead)', () => {
    expect(codeOf(() => applyEvent(start(), remind(0, DEADLINE_UTC))).code).toBe('PROCESS_EXPIRED');
  });

  it.each(['completed', 'declined', 'cancelled', 'expired'] as const)('refused in a %s process', (status) => {
    expect(codeOf(() => applyEvent(finalStates()[status], remind(2))).code).toBe('PROCESS_NOT_IN_PROGRESS');
  });
});

describe('immutability', () => {
  it('no event changes the process it is given', () => {
    const cases: [SigningProcess, ProcessEvent][] = [
      [start(), sign(0)],
      [run(start(), sign(0), sign(1)), sign(2)],
      [run(start(), sign(0)), decline(1)],
      [run(start(), sign(0)), cancel()],
      [run(start(), sign(0)), expire()],
      [run(start(), sign(0)), remind(1)],
    ];
    for (const [process, event] of cases) {
      const before = JSON.stringify(process);
      deepFreeze(process); // a write into it would throw in this strict-mode module
      const { process: after } = applyEvent(process, event);
      expect(JSON.stringify(process)).toBe(before);
      expect(after).not.toBe(process);
      expect(after.signers).not.toBe(process.signers);
      expect(after.history).not.toBe(process.history);
      expect(after.current).not.toBe(process.current);
      expect(after.version).toBe(process.version + 1);
    }
  });

  it('the new process shares no mutable part with the old one', () => {
    const p0 = start();
    const p1 = applyEvent(p0, sign(0)).process;
    p1.signers[1]!.name = 'changed';
    p1.documents[0]!.name = 'changed';
    p1.history[0]!.actor = 'changed';
    p1.initiator.email = 'changed';
    expect(JSON.stringify(p0)).toBe(JSON.stringify(start()));
  });
});
