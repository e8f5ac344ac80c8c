import { describe, expect, it } from 'vitest';
import type { FieldError } from './model.js';
import { DEADLINE_UTC, NOW, hash, newProcessInput } from './test-fixtures.js';
import { isEmail, isFin, isVoen, normalizeFin, validateNewProcess } from './validation.js';

/** Validates a changed copy of the good input and returns the errors (the test fails if it was accepted). */
function errorsOf(change: (input: Record<string, any>) => void, now = NOW): FieldError[] {
  const input = newProcessInput() as unknown as Record<string, any>;
  change(input);
  const result = validateNewProcess(input, now);
  if (result.ok) throw new Error('expected the input to be refused');
  return result.errors;
}

describe('predicates', () => {
  it('isFin: exactly 7 characters of [0-9A-Z]', () => {
    for (const good of ['5ZH7K2P', '1234567', 'ABCDEFG']) expect(isFin(good), good).toBe(true);
    for (const bad of ['5zh7k2p', '5ZH7K2', '5ZH7K2PX', '5ZH-K2P', '5ZH7K2Ə', '5ZH7K2 ', '', 'ÄBCDEFG']) expect(isFin(bad), bad).toBe(false);
  });

  it('normalizeFin trims and upper-cases what people type', () => {
    expect(normalizeFin(' 5zh7k2p ')).toBe('5ZH7K2P');
    expect(isFin(normalizeFin('5zh7k2p'))).toBe(true);
  });

  it('isVoen: exactly 10 digits', () => {
    expect(isVoen('1234567891')).toBe(true);
    for (const bad of ['123456789', '12345678901', '12345678a1', '１２３４５６７８９１', '']) expect(isVoen(bad), bad).toBe(false);
  });

  it('isEmail: practical check', () => {
    for (const good of ['ali@example.az', 'a.b+c@mail.gov.az', 'ÜLVİ@poçt.az']) expect(isEmail(good), good).toBe(true);
    const bad = [
      'ali', 'ali@', '@example.az', 'ali@example', 'ali@@example.az', 'a@b@example.az', 'ali @example.az',
      'ali@exa mple.az', 'ali@example.az\r\nBcc: x@y.az', 'ali@.az', 'ali@example.', 'ali@example..az', '<ali@example.az>',
      'ali,veli@example.az', `${'a'.repeat(250)}@e.az`, `${'a'.repeat(65)}@example.az`,
    ];
    for (const b of bad) expect(isEmail(b), b).toBe(false);
  });
});

describe('validateNewProcess', () => {
  it('accepts a good process and normalises it', () => {
    const input = newProcessInput();
    input.signers[0]!.fin = ' 5zh7k2p ';
    input.cc = ['muhasib@firma.az', 'MUHASIB@firma.az', ' arxiv@example.az '];
    const result = validateNewProcess(input, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.signers[0]!.fin).toBe('5ZH7K2P');
    expect(result.value.deadline).toBe(DEADLINE_UTC);
    expect(result.value.cc).toEqual(['muhasib@firma.az', 'arxiv@example.az']);
    expect(result.value.documents.map((d) => d.kind)).toEqual(['pdf', 'other']);
    expect(result.value.lang).toBe('az');
  });

  it('reports every bad field at once, with its path', () => {
    const errors = errorsOf((i) => {
      i.name = '';
      i.signers[1].fin = '123';
      i.signers[2].email = 'not-an-email';
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'PROCESS_NAME_REQUIRED' },
        { field: 'signers[1].fin', code: 'FIN_INVALID' },
        { field: 'signers[2].email', code: 'EMAIL_INVALID' },
      ]),
    );
    expect(errors).toHaveLength(3);
  });

  it('refuses what is not an object', () => {
    for (const bad of [null, 'x', 42, []]) {
      expect(validateNewProcess(bad, NOW)).toEqual({ ok: false, errors: [{ field: '', code: 'PROCESS_INPUT_INVALID' }] });
    }
  });

  it.each([0, 1, 2])('bad FIN in signer %i', (n) => {
    expect(errorsOf((i) => (i.signers[n].fin = '5ZH7K2'))).toEqual([{ field: `signers[${n}].fin`, code: 'FIN_INVALID' }]);
    expect(errorsOf((i) => (i.signers[n].fin = '5ZH7K2Ş'))).toEqual([{ field: `signers[${n}].fin`, code: 'FIN_INVALID' }]);
    expect(errorsOf((i) => (i.signers[n].fin = 1234567))).toEqual([{ field: `signers[${n}].fin`, code: 'FIN_INVALID' }]);
    expect(errorsOf((i) => delete i.signers[n].fin)).toEqual([{ field: `signers[${n}].fin`, code: 'FIN_REQUIRED' }]);
  });

  it.each([0, 1, 2])('bad e-mail in signer %i', (n) => {
    expect(errorsOf((i) => (i.signers[n].email = 'ali@example'))).toEqual([{ field: `signers[${n}].email`, code: 'EMAIL_INVALID' }]);
    expect(errorsOf((i) => (i.signers[n].email = ' '))).toEqual([{ field: `signers[${n}].email`, code: 'EMAIL_REQUIRED' }]);
  });

  it.each([0, 1, 2])('bad VÖEN in signer %i (checked whenever given)', (n) => {
    expect(errorsOf((i) => (i.signers[n].voen = '123456789'))).toEqual([{ field: `signers[${n}].voen`, code: 'VOEN_INVALID' }]);
    expect(errorsOf((i) => (i.signers[n].voen = '12345678901'))).toEqual([{ field: `signers[${n}].voen`, code: 'VOEN_INVALID' }]);
  });

  it('a legal entity needs VÖEN and company; a citizen does not', () => {
    expect(errorsOf((i) => delete i.signers[1].voen)).toEqual([{ field: 'signers[1].voen', code: 'VOEN_REQUIRED' }]);
    expect(errorsOf((i) => (i.signers[1].company = '  '))).toEqual([{ field: 'signers[1].company', code: 'COMPANY_REQUIRED' }]);
    expect(validateNewProcess(newProcessInput(), NOW).ok).toBe(true); // signers 0 and 2 are citizens without VÖEN
  });

  it('bad e-mail of the initiator and of each cc', () => {
    expect(errorsOf((i) => (i.initiator.email = 'x@y'))).toEqual([{ field: 'initiator.email', code: 'EMAIL_INVALID' }]);
    expect(errorsOf((i) => delete i.initiator)).toEqual([{ field: 'initiator.email', code: 'EMAIL_REQUIRED' }]);
    expect(errorsOf((i) => (i.cc[1] = 'arxiv at example.az'))).toEqual([{ field: 'cc[1]', code: 'EMAIL_INVALID' }]);
    expect(errorsOf((i) => (i.cc = 'a@b.az'))).toEqual([{ field: 'cc', code: 'CC_INVALID' }]);
  });

  it('names: 1..200 characters, no control characters', () => {
    expect(errorsOf((i) => (i.name = 'x'.repeat(201)))).toEqual([{ field: 'name', code: 'PROCESS_NAME_TOO_LONG' }]);
    expect(validateNewProcess({ ...newProcessInput(), name: 'x'.repeat(200) }, NOW).ok).toBe(true);
    expect(errorsOf((i) => (i.signers[0].name = ''))).toEqual([{ field: 'signers[0].name', code: 'NAME_REQUIRED' }]);
    expect(errorsOf((i) => (i.signers[2].name = 'Ş'.repeat(201)))).toEqual([{ field: 'signers[2].name', code: 'NAME_TOO_LONG' }]);
    expect(errorsOf((i) => (i.signers[0].name = 'Əli\r\nBcc: x@y.az'))).toEqual([{ field: 'signers[0].name', code: 'NAME_INVALID' }]);
    expect(errorsOf((i) => (i.signers[1].position = 'p'.repeat(201)))).toEqual([{ field: 'signers[1].position', code: 'TEXT_TOO_LONG' }]);
  });

  it('person type must be one of the three', () => {
    expect(errorsOf((i) => (i.signers[0].type = 'robot'))).toEqual([{ field: 'signers[0].type', code: 'PERSON_TYPE_INVALID' }]);
  });

  it('deadline: required, ISO with zone, in the future, at most a year ahead', () => {
    expect(errorsOf((i) => delete i.deadline)).toEqual([{ field: 'deadline', code: 'DEADLINE_REQUIRED' }]);
    expect(errorsOf((i) => (i.deadline = '2026-11-30T18:00'))).toEqual([{ field: 'deadline', code: 'DEADLINE_INVALID' }]);
    expect(errorsOf((i) => (i.deadline = '30.11.2026'))).toEqual([{ field: 'deadline', code: 'DEADLINE_INVALID' }]);
    for (const bad of ['2026-13-45T18:00:00Z', '2027-02-30T18:00:00Z', '2026-12-01T24:00:00Z', '2026-12-01T18:60:00Z', '2026-12-01T18:00:00+25:00']) {
      expect(errorsOf((i) => (i.deadline = bad)), bad).toEqual([{ field: 'deadline', code: 'DEADLINE_INVALID' }]);
    }
    const leapDay = validateNewProcess({ ...newProcessInput(), deadline: '2027-02-28T23:59:59.999Z' }, NOW);
    expect(leapDay.ok && leapDay.value.deadline).toBe('2027-02-28T23:59:59.999Z');
    expect(errorsOf((i) => (i.deadline = '2026-11-22T12:00:00Z'))).toEqual([{ field: 'deadline', code: 'DEADLINE_IN_PAST' }]);
    expect(errorsOf((i) => (i.deadline = NOW.toISOString()))).toEqual([{ field: 'deadline', code: 'DEADLINE_IN_PAST' }]);
    expect(errorsOf((i) => (i.deadline = '2028-01-01T00:00:00Z'))).toEqual([{ field: 'deadline', code: 'DEADLINE_TOO_FAR' }]);
  });

  it('signers: 1..20', () => {
    expect(errorsOf((i) => (i.signers = []))).toEqual([{ field: 'signers', code: 'SIGNERS_REQUIRED' }]);
    const twenty = Array.from({ length: 20 }, (_, n) => ({ type: 'citizen', name: `P ${n}`, fin: `ABC${String(n).padStart(4, '0')}`, email: `p${n}@example.az` }));
    expect(validateNewProcess({ ...newProcessInput(), signers: twenty }, NOW).ok).toBe(true);
    const errors = errorsOf((i) => (i.signers = [...twenty, { ...twenty[0], fin: 'ZZZ0000', email: 'z@example.az' }]));
    expect(errors).toEqual([{ field: 'signers', code: 'SIGNERS_TOO_MANY' }]);
  });

  it('a huge signer list is refused without walking it', () => {
    const huge = new Array(1_000_000).fill({ type: 'citizen' });
    const errors = errorsOf((i) => (i.signers = huge));
    expect(errors[0]).toEqual({ field: 'signers', code: 'SIGNERS_TOO_MANY' });
    expect(errors.length).toBeLessThan(200);
  });

  it('duplicate signer e-mail (any case) and FIN are refused on the later signer', () => {
    expect(errorsOf((i) => (i.signers[2].email = 'ALI@example.az'))).toEqual([{ field: 'signers[2].email', code: 'SIGNER_EMAIL_DUPLICATE' }]);
    expect(errorsOf((i) => (i.signers[2].fin = '5zh7k2p'))).toEqual([{ field: 'signers[2].fin', code: 'SIGNER_FIN_DUPLICATE' }]);
  });

  it('documents: 1..10', () => {
    expect(errorsOf((i) => (i.documents = []))).toEqual([{ field: 'documents', code: 'DOCUMENTS_REQUIRED' }]);
    const doc = (n: number) => ({ name: `d${n}.pdf`, size: 1000, sha256: hash(n + 1), mediaType: 'application/pdf' });
    expect(validateNewProcess({ ...newProcessInput(), documents: Array.from({ length: 10 }, (_, n) => doc(n)) }, NOW).ok).toBe(true);
    expect(errorsOf((i) => (i.documents = Array.from({ length: 11 }, (_, n) => doc(n))))).toEqual([{ field: 'documents', code: 'DOCUMENTS_TOO_MANY' }]);
  });

  it('documents: at most 100 MB together', () => {
    const MiB = 1024 * 1024;
    const sized = (sizes: number[]) => sizes.map((size, n) => ({ name: `d${n}.pdf`, size, sha256: hash(n + 1), mediaType: 'application/pdf' }));
    expect(validateNewProcess({ ...newProcessInput(), documents: sized([60 * MiB, 40 * MiB]) }, NOW).ok).toBe(true);
    expect(errorsOf((i) => (i.documents = sized([60 * MiB, 41 * MiB])))).toEqual([{ field: 'documents', code: 'DOCUMENTS_TOO_LARGE' }]);
    expect(errorsOf((i) => (i.documents = sized([101 * MiB])))).toEqual([{ field: 'documents', code: 'DOCUMENTS_TOO_LARGE' }]);
  });

  it('each document: name, size, hash, media type', () => {
    expect(errorsOf((i) => (i.documents[0].name = '../../etc/passwd'))).toEqual([{ field: 'documents[0].name', code: 'DOCUMENT_NAME_INVALID' }]);
    expect(errorsOf((i) => (i.documents[1].name = ''))).toEqual([{ field: 'documents[1].name', code: 'DOCUMENT_NAME_INVALID' }]);
    expect(errorsOf((i) => (i.documents[0].size = 0))).toEqual([{ field: 'documents[0].size', code: 'DOCUMENT_EMPTY' }]);
    expect(errorsOf((i) => (i.documents[0].size = -5))).toEqual([{ field: 'documents[0].size', code: 'DOCUMENT_SIZE_INVALID' }]);
    expect(errorsOf((i) => (i.documents[0].size = '5'))).toEqual([{ field: 'documents[0].size', code: 'DOCUMENT_SIZE_INVALID' }]);
    expect(errorsOf((i) => (i.documents[1].sha256 = 'abc'))).toEqual([{ field: 'documents[1].sha256', code: 'DOCUMENT_HASH_INVALID' }]);
    expect(errorsOf((i) => (i.documents[1].mediaType = 'text/html\r\nX: y'))).toEqual([{ field: 'documents[1].mediaType', code: 'DOCUMENT_MEDIA_TYPE_INVALID' }]);
    expect(errorsOf((i) => (i.documents[1] = 'file'))).toEqual([{ field: 'documents[1]', code: 'DOCUMENT_INVALID' }]);
  });

  it('at most 20 cc; repeated cc addresses are merged', () => {
    const cc = Array.from({ length: 21 }, (_, n) => `cc${n}@example.az`);
    expect(errorsOf((i) => (i.cc = cc))).toEqual([{ field: 'cc', code: 'CC_TOO_MANY' }]);
    expect(validateNewProcess({ ...newProcessInput(), cc: cc.slice(0, 20) }, NOW).ok).toBe(true);
  });

  it('language: az, en or ru; default az', () => {
    expect(errorsOf((i) => (i.lang = 'de'))).toEqual([{ field: 'lang', code: 'PROCESS_LANGUAGE_INVALID' }]);
    const { lang: _omit, ...withoutLang } = newProcessInput();
    const result = validateNewProcess(withoutLang, NOW);
    expect(result.ok && result.value.lang).toBe('az');
  });

  it('never throws on wrongly typed JSON, and keeps only the known fields', () => {
    const garbage: unknown[] = [0, -1, 1.5, '', true, null, [], {}, [1, 2], { a: 1 }, NaN, 1e308];
    const fields = ['name', 'deadline', 'lang', 'initiator', 'signers', 'cc', 'documents'];
    for (const field of fields) {
      for (const value of garbage) {
        const input = { ...newProcessInput(), [field]: value } as Record<string, unknown>;
        const result = validateNewProcess(input, NOW);
        // lang and cc may be absent; everything else is required
        if (result.ok) expect(['lang', 'cc'], `${field}=${JSON.stringify(value)}`).toContain(field);
      }
    }
    const input = newProcessInput() as unknown as Record<string, any>;
    input.signers[0].status = 'signed';
    input.signers[0].index = 7;
    input.documents[0].id = 'chosen-by-client';
    const result = validateNewProcess(input, NOW);
    expect(result.ok && Object.keys(result.value.signers[0]!).sort()).toEqual(['email', 'fin', 'name', 'type']);
    expect(result.ok && Object.keys(result.value.documents[0]!).sort()).toEqual(['kind', 'mediaType', 'name', 'sha256', 'size']);
  });
});
