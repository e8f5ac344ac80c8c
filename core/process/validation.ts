/**
 * Field rules of a new signing process, shared by the server (POST /api/v1/processes) and the wizard in the
 * browser, so both refuse the same input with the same codes. The input is treated as hostile JSON: every
 * field's type is checked, every list is bounded before it is walked, and nothing here can throw.
 */
import type { FieldError, NewDocumentInput, NewProcessInput, PersonType, SignerSpec } from './model.js';

/**
 * At most 20 signers. Signing is strictly sequential, so every signer adds a waiting step of up to days, and
 * every signature adds an incremental update (PDF) or a signature file (ASiC) that each later check must verify
 * with its chain and revocation data. Twenty is well above the two to a handful of parties a contract has, and
 * keeps a process's verification work, its mail fan-out and its final document bounded.
 */
export const MAX_SIGNERS = 20;
/** The product's limits: at most 10 documents and 100 MB per process (AZ-ESIGN.md section 1). */
export const MAX_DOCUMENTS = 10;
/** 100 MB, counted as 100 MiB (104,857,600 bytes), the larger reading, so a file the product's text allows is never refused. */
export const MAX_TOTAL_DOCUMENT_BYTES = 100 * 1024 * 1024;
export const MAX_CC = 20;
export const MAX_NAME_LENGTH = 200;
export const MAX_DOCUMENT_NAME_LENGTH = 255;
/** RFC 5321's path limit leaves 254 characters for an address. */
export const MAX_EMAIL_LENGTH = 254;
/**
 * A deadline more than a year ahead keeps signing links alive for that long; nobody expects a contract to wait
 * longer, and the initiator can start a new process.
 */
export const MAX_DEADLINE_DAYS = 366;
export const MAX_REASON_LENGTH = 1000;

export const PERSON_TYPES: readonly PersonType[] = ['citizen', 'entrepreneur', 'legal'];
export const PROCESS_LANGUAGES = ['az', 'en', 'ru'] as const;

const FIN_PATTERN = /^[0-9A-Z]{7}$/;
const VOEN_PATTERN = /^[0-9]{10}$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const MEDIA_TYPE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
// Offset required: a deadline without a zone would mean a different instant in Baku and on the server.
const ISO_INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Date.parse rolls 30 February over into March; a deadline must name a real calendar day and time. */
function isCalendarInstant(text: string): boolean {
  const m = ISO_INSTANT_PATTERN.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth && hour! <= 23 && minute! <= 59 && second! <= 59
    && offsetHours! <= 14 && offsetMinutes! <= 59;
}
// Characters that would break or inject into a mail header or a name line (CR, LF, other controls, <>, quotes...).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const EMAIL_FORBIDDEN = /[\s\u0000-\u001f\u007f<>()[\]\\,;:"]/;

/** FIN in its stored form: trimmed, upper case (the product shows FIN in upper case and certificates carry it so). */
export function normalizeFin(value: string): string {
  return value.trim().toUpperCase();
}

/** True for a FIN in stored form: exactly 7 characters [0-9A-Z]. Normalise typed text with normalizeFin first. */
export function isFin(value: string): boolean {
  return FIN_PATTERN.test(value);
}

/** True for a VÖEN: exactly 10 digits. */
export function isVoen(value: string): boolean {
  return VOEN_PATTERN.test(value);
}

/**
 * A practical e-mail check (not RFC 5322's full grammar, which would let through addresses no one uses):
 * at most 254 characters, exactly one @, a non-empty local part, a domain with a dot whose labels are non-empty,
 * no white space, no control characters and none of <>()[]\,;:" (they would break a mail header).
 */
export function isEmail(value: string): boolean {
  if (value.length === 0 || value.length > MAX_EMAIL_LENGTH) return false;
  if (EMAIL_FORBIDDEN.test(value)) return false;
  const at = value.indexOf('@');
  if (at <= 0 || at !== value.lastIndexOf('@')) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64) return false;
  if (!domain.includes('.')) return false;
  return domain.split('.').every((label) => label.length > 0 && !label.startsWith('-') && !label.endsWith('-'));
}

/** The key two addresses are compared by (mailboxes are case-insensitive in practice). */
export function emailKey(value: string): string {
  return value.trim().toLowerCase();
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Collects errors and normalised values while walking the input. */
class FieldCheck {
  readonly errors: FieldError[] = [];

  fail(field: string, code: string): undefined {
    this.errors.push({ field, code });
    return undefined;
  }

  /** A required text: trimmed, 1..max characters, no control characters. */
  requiredText(value: unknown, field: string, codes: { required: string; tooLong: string; invalid: string }, max: number): string | undefined {
    if (value === undefined || value === null) return this.fail(field, codes.required);
    if (typeof value !== 'string') return this.fail(field, codes.invalid);
    const text = value.trim();
    if (text.length === 0) return this.fail(field, codes.required);
    if (text.length > max) return this.fail(field, codes.tooLong);
    if (CONTROL_CHARS.test(text)) return this.fail(field, codes.invalid);
    return text;
  }

  /** An optional text: absent or empty gives undefined; otherwise as requiredText. */
  optionalText(value: unknown, field: string, codes: { tooLong: string; invalid: string }, max: number): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return this.fail(field, codes.invalid);
    const text = value.trim();
    if (text.length === 0) return undefined;
    if (text.length > max) return this.fail(field, codes.tooLong);
    if (CONTROL_CHARS.test(text)) return this.fail(field, codes.invalid);
    return text;
  }

  email(value: unknown, field: string): string | undefined {
    if (value === undefined || value === null) return this.fail(field, 'EMAIL_REQUIRED');
    if (typeof value !== 'string') return this.fail(field, 'EMAIL_INVALID');
    const text = value.trim();
    if (text.length === 0) return this.fail(field, 'EMAIL_REQUIRED');
    if (!isEmail(text)) return this.fail(field, 'EMAIL_INVALID');
    return text;
  }

  /** A list bounded by min..max; returns at most `max` items, so a huge list is never walked. */
  list(value: unknown, field: string, codes: { required?: string; tooMany: string; invalid: string }, max: number): unknown[] | undefined {
    if (value === undefined || value === null) {
      if (codes.required) this.fail(field, codes.required);
      return codes.required ? undefined : [];
    }
    if (!Array.isArray(value)) return this.fail(field, codes.invalid);
    if (value.length === 0 && codes.required) return this.fail(field, codes.required);
    if (value.length > max) {
      this.fail(field, codes.tooMany);
      return value.slice(0, max);
    }
    return value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NAME_CODES = { required: 'NAME_REQUIRED', tooLong: 'NAME_TOO_LONG', invalid: 'NAME_INVALID' };
const PROCESS_NAME_CODES = { required: 'PROCESS_NAME_REQUIRED', tooLong: 'PROCESS_NAME_TOO_LONG', invalid: 'PROCESS_NAME_INVALID' };
const TEXT_CODES = { tooLong: 'TEXT_TOO_LONG', invalid: 'TEXT_INVALID' };

function checkSigner(check: FieldCheck, raw: unknown, at: string): SignerSpec | undefined {
  if (!isRecord(raw)) return check.fail(at, 'SIGNER_INVALID');
  const before = check.errors.length;
  const type = PERSON_TYPES.includes(raw.type as PersonType) ? (raw.type as PersonType) : check.fail(`${at}.type`, 'PERSON_TYPE_INVALID');
  const name = check.requiredText(raw.name, `${at}.name`, NAME_CODES, MAX_NAME_LENGTH);

  let fin: string | undefined;
  if (raw.fin === undefined || raw.fin === null || (typeof raw.fin === 'string' && raw.fin.trim() === '')) check.fail(`${at}.fin`, 'FIN_REQUIRED');
  else if (typeof raw.fin !== 'string' || !isFin(normalizeFin(raw.fin))) check.fail(`${at}.fin`, 'FIN_INVALID');
  else fin = normalizeFin(raw.fin);

  let voen: string | undefined;
  if (raw.voen !== undefined && raw.voen !== null && !(typeof raw.voen === 'string' && raw.voen.trim() === '')) {
    if (typeof raw.voen !== 'string' || !isVoen(raw.voen.trim())) check.fail(`${at}.voen`, 'VOEN_INVALID');
    else voen = raw.voen.trim();
  } else if (type === 'legal') {
    check.fail(`${at}.voen`, 'VOEN_REQUIRED');
  }

  const email = check.email(raw.email, `${at}.email`);
  const position = check.optionalText(raw.position, `${at}.position`, TEXT_CODES, MAX_NAME_LENGTH);
  const company = check.optionalText(raw.company, `${at}.company`, TEXT_CODES, MAX_NAME_LENGTH);
  // A legal entity signs through a representative: the others must see which company is bound.
  if (type === 'legal' && company === undefined && !check.errors.some((e) => e.field === `${at}.company`)) {
    check.fail(`${at}.company`, 'COMPANY_REQUIRED');
  }
  if (check.errors.length > before || !type || !name || !fin || !email) return undefined;
  const signer: SignerSpec = { type, name, fin, email };
  if (voen !== undefined) signer.voen = voen;
  if (position !== undefined) signer.position = position;
  if (company !== undefined) signer.company = company;
  return signer;
}

function checkDocument(check: FieldCheck, raw: unknown, at: string): NewDocumentInput | undefined {
  if (!isRecord(raw)) return check.fail(at, 'DOCUMENT_INVALID');
  const before = check.errors.length;
  let name: string | undefined;
  if (typeof raw.name !== 'string' || raw.name.trim().length === 0) check.fail(`${at}.name`, 'DOCUMENT_NAME_INVALID');
  else if (raw.name.length > MAX_DOCUMENT_NAME_LENGTH || CONTROL_CHARS.test(raw.name) || /[/\\]/.test(raw.name)) check.fail(`${at}.name`, 'DOCUMENT_NAME_INVALID');
  else name = raw.name.trim();

  const size = raw.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) check.fail(`${at}.size`, 'DOCUMENT_SIZE_INVALID');
  else if (size === 0) check.fail(`${at}.size`, 'DOCUMENT_EMPTY');

  let sha256: string | undefined;
  if (typeof raw.sha256 !== 'string' || !SHA256_PATTERN.test(raw.sha256.toLowerCase())) check.fail(`${at}.sha256`, 'DOCUMENT_HASH_INVALID');
  else sha256 = raw.sha256.toLowerCase();

  let mediaType = 'application/octet-stream';
  if (raw.mediaType !== undefined && raw.mediaType !== null && raw.mediaType !== '') {
    if (typeof raw.mediaType !== 'string' || !MEDIA_TYPE_PATTERN.test(raw.mediaType.trim())) check.fail(`${at}.mediaType`, 'DOCUMENT_MEDIA_TYPE_INVALID');
    else mediaType = raw.mediaType.trim().toLowerCase();
  }
  let kind: 'pdf' | 'other' | undefined;
  if (raw.kind === 'pdf' || raw.kind === 'other') kind = raw.kind;
  else if (raw.kind !== undefined) check.fail(`${at}.kind`, 'DOCUMENT_KIND_INVALID');

  if (check.errors.length > before || name === undefined || sha256 === undefined) return undefined;
  kind ??= mediaType === 'application/pdf' || name.toLowerCase().endsWith('.pdf') ? 'pdf' : 'other';
  return { name, size: size as number, sha256, mediaType, kind };
}

function checkDeadline(check: FieldCheck, raw: unknown, now: Date): string | undefined {
  if (raw === undefined || raw === null || raw === '') return check.fail('deadline', 'DEADLINE_REQUIRED');
  if (typeof raw !== 'string' || !isCalendarInstant(raw.trim())) return check.fail('deadline', 'DEADLINE_INVALID');
  const time = Date.parse(raw.trim());
  if (Number.isNaN(time)) return check.fail('deadline', 'DEADLINE_INVALID');
  if (time <= now.getTime()) return check.fail('deadline', 'DEADLINE_IN_PAST');
  if (time - now.getTime() > MAX_DEADLINE_DAYS * 24 * 60 * 60 * 1000) return check.fail('deadline', 'DEADLINE_TOO_FAR');
  return new Date(time).toISOString();
}

/**
 * Checks a new process (the JSON of POST /api/v1/processes with the documents' metadata and the initiator) and
 * returns it normalised: texts trimmed, FIN in upper case, SHA-256 and media types in lower case, the deadline as a
 * UTC ISO string, `lang` defaulted to 'az', repeated cc addresses dropped. Every refused field is reported, not
 * just the first, so the wizard can mark them all.
 */
export function validateNewProcess(input: unknown, now: Date): ValidationResult<NewProcessInput> {
  const check = new FieldCheck();
  if (!isRecord(input)) return { ok: false, errors: [{ field: '', code: 'PROCESS_INPUT_INVALID' }] };

  const name = check.requiredText(input.name, 'name', PROCESS_NAME_CODES, MAX_NAME_LENGTH);
  const deadline = checkDeadline(check, input.deadline, now);

  let lang: NewProcessInput['lang'] = 'az';
  if (input.lang !== undefined && input.lang !== null && input.lang !== '') {
    if ((PROCESS_LANGUAGES as readonly unknown[]).includes(input.lang)) lang = input.lang as NewProcessInput['lang'];
    else check.fail('lang', 'PROCESS_LANGUAGE_INVALID');
  }

  let initiator: NewProcessInput['initiator'] | undefined;
  if (!isRecord(input.initiator)) check.fail('initiator.email', 'EMAIL_REQUIRED');
  else {
    const email = check.email(input.initiator.email, 'initiator.email');
    const initiatorName = check.optionalText(input.initiator.name, 'initiator.name', { tooLong: 'NAME_TOO_LONG', invalid: 'NAME_INVALID' }, MAX_NAME_LENGTH);
    if (email) initiator = initiatorName === undefined ? { email } : { email, name: initiatorName };
  }

  const signers: SignerSpec[] = [];
  const rawSigners = check.list(input.signers, 'signers', { required: 'SIGNERS_REQUIRED', tooMany: 'SIGNERS_TOO_MANY', invalid: 'SIGNERS_REQUIRED' }, MAX_SIGNERS);
  const seenEmails = new Set<string>();
  const seenFins = new Set<string>();
  rawSigners?.forEach((raw, i) => {
    const signer = checkSigner(check, raw, `signers[${i}]`);
    // Duplicates are judged on what could be read, even when another field of the signer is wrong.
    if (isRecord(raw) && typeof raw.email === 'string' && isEmail(raw.email.trim())) {
      const key = emailKey(raw.email);
      if (seenEmails.has(key)) check.fail(`signers[${i}].email`, 'SIGNER_EMAIL_DUPLICATE');
      seenEmails.add(key);
    }
    if (isRecord(raw) && typeof raw.fin === 'string' && isFin(normalizeFin(raw.fin))) {
      const key = normalizeFin(raw.fin);
      if (seenFins.has(key)) check.fail(`signers[${i}].fin`, 'SIGNER_FIN_DUPLICATE');
      seenFins.add(key);
    }
    if (signer) signers.push(signer);
  });

  const cc: string[] = [];
  const rawCc = check.list(input.cc, 'cc', { tooMany: 'CC_TOO_MANY', invalid: 'CC_INVALID' }, MAX_CC);
  const seenCc = new Set<string>();
  rawCc?.forEach((raw, i) => {
    const email = check.email(raw, `cc[${i}]`);
    if (email && !seenCc.has(emailKey(email))) {
      seenCc.add(emailKey(email));
      cc.push(email);
    }
  });

  const documents: NewDocumentInput[] = [];
  const rawDocuments = check.list(input.documents, 'documents', { required: 'DOCUMENTS_REQUIRED', tooMany: 'DOCUMENTS_TOO_MANY', invalid: 'DOCUMENTS_REQUIRED' }, MAX_DOCUMENTS);
  let totalBytes = 0;
  rawDocuments?.forEach((raw, i) => {
    const document = checkDocument(check, raw, `documents[${i}]`);
    if (isRecord(raw) && typeof raw.size === 'number' && Number.isFinite(raw.size) && raw.size > 0) totalBytes += raw.size;
    if (document) documents.push(document);
  });
  if (totalBytes > MAX_TOTAL_DOCUMENT_BYTES) check.fail('documents', 'DOCUMENTS_TOO_LARGE');

  if (check.errors.length > 0 || !name || !deadline || !initiator) return { ok: false, errors: check.errors };
  return { ok: true, value: { name, deadline, lang, initiator, signers, cc, documents } };
}
