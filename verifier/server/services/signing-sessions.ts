/**
 * One-off signing sessions: ASAN İmza or SİMA for a single file that is in no process (the extension signs an e-mail
 * attachment on the phone through the configured service). The service must not keep the document after
 * the session, so everything lives in this module's memory only — never the process store, never a file — and every
 * byte of the document and of the result is dropped when the result is collected (once), when the session fails, is
 * cancelled, or expires (SESSION_TTL_MS). The upload itself is streamed to the upload directory and removed by the
 * route before it answers, as every upload is.
 *
 * Whoever created a session holds its `secret` (256 random bits, only its SHA-256 kept here); every later request
 * needs it. Unknown id and wrong secret are the same answer (SESSION_NOT_FOUND), so nothing tells them apart.
 *
 * ASAN İmza: the certificate is fetched for phone + user ID, must chain to a trusted anchor now, the CMS is prepared
 * around it (PDF: a PAdES incremental update; any other file: an ASiC-E container) and the digest goes to the phone at
 * once; status polls drive the phone session on. SİMA: the person types their FIN (the contract's Assignee must name
 * someone, and SİMA's app refuses anyone else; a one-off session has no process to take it from), the app fetches the
 * PDF or the ASiCManifest through the usual GETDATA route and answers through the usual callback route, which pass
 * operations of one-off sessions here (`ownsSimaOperation`). Either way the result is accepted only when imzala's own
 * verifier finds exactly the new signature TOTAL_PASSED, made with the expected certificate.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createAsicE } from '../../../core/asic/index.js';
import { concatBytes } from '../../../core/encoding/bytes.js';
import { ImzalaError, isImzalaError } from '../../../core/errors.js';
import { bytesSource } from '../../../core/io/byte-source.js';
import { Certificate } from '../../../core/pki/certificate.js';
import { validateCertificatePath } from '../../../core/pki/path-validation.js';
import { isFin, normalizeFin } from '../../../core/process/validation.js';
import type { Language } from '../../../core/report/message-types.js';
import { signerDescription } from '../../../core/signing/key-pair-signer.js';
import { signIntoAsicE } from '../../../core/signing/sign-asic.js';
import { signPdf } from '../../../core/signing/sign-pdf.js';
import { digestToSign, signWithValue, type SignerDescription, type SigningOperation } from '../../../core/signing/two-phase.js';
import { sniffFormat, validateDocument } from '../../../core/validation/validate-document.js';
import { mobileSignatureFailureCode } from '../../providers/codes.js';
import {
  MAX_DOCUMENT_NAME_LENGTH, normalizePhoneNumber, normalizeUserId, type MobileSignatureDigestAlgorithm, type MobileSignatureProvider,
} from '../../providers/mobile-signature.js';
import { checkAppRequest, type AppRequestHeaders } from '../../providers/sima/app-request.js';
import {
  SIMA_CONTRACT_EXPIRED, SIMA_CONTRACT_INVALID, SIMA_CONTRACT_NOT_YET_VALID, SIMA_DOCUMENT_INVALID, SIMA_OPERATION_REPLAYED,
  SIMA_OPERATION_UNKNOWN, SIMA_REQUEST_INVALID, SIMA_RUN_UNKNOWN, SIMA_WRONG_PERSON, simaAppErrorCode,
} from '../../providers/sima/codes.js';
import {
  buildContract, checkContractSignature, contractUrl, decodeTsquery, deepLink, qrImage, type SimaClient, type SimaContract,
} from '../../providers/sima/contract.js';
import {
  SESSION_FIN_INVALID, SESSION_NOT_FOUND, SESSION_NOT_SIGNED, SESSION_REQUEST_INVALID, SESSION_SIGNED_DOCUMENT_INVALID,
  SESSION_TOOL_UNAVAILABLE,
} from './session-codes.js';
import { MAX_SIMA_DATA_BYTES, manifestToSign } from './sima-service.js';

/** A session ends, with everything it held, this long after it was created (the brief: 10 minutes). */
export const SESSION_TTL_MS = 10 * 60_000;
/** Sessions holding a document at once, by default; beyond it creating one is SERVER_BUSY (503). */
export const DEFAULT_MAX_SIGNING_SESSIONS = 16;
/** How often expired sessions are swept even when nobody asks about them. */
const SWEEP_MS = 15_000;
const MAX_CHAIN = 8;
/** Failed sessions (status and code only) kept per allowed session, at most. */
const MAX_TOMBSTONES_PER_SESSION = 64;

export type SessionTool = 'asan' | 'sima';

export interface SigningSessionsOptions {
  anchors: readonly Certificate[];
  /** ASAN İmza (or its simulator); absent: 'asan' sessions are SESSION_TOOL_UNAVAILABLE. */
  mobile?: MobileSignatureProvider | null;
  /** SİMA Web2App, as services/sima-service.ts is configured; absent: 'sima' sessions are SESSION_TOOL_UNAVAILABLE. */
  sima?: { client: SimaClient; intermediates: readonly Certificate[]; ttlSeconds: number } | null;
  /** Sessions holding a document at once (default DEFAULT_MAX_SIGNING_SESSIONS). */
  maxSessions?: number;
  ttlMs?: number;
  now?: () => Date;
  /** Operational lines: never a document's name or hash, never a person. */
  log?: (line: string) => void;
}

export interface CreateSessionInput {
  tool: unknown;
  /** The document's bytes (the route read the streamed upload; the upload file is removed by the route). */
  bytes: Uint8Array;
  /** The file name as sent. */
  name: unknown;
  phone?: unknown;
  userId?: unknown;
  fin?: unknown;
  language: Language;
}

export interface SessionSimaOperation { qrUrl: string; deepLink: string; qrImage: string }

export interface SessionView {
  id: string;
  tool: SessionTool;
  status: 'waiting' | 'signed' | 'failed';
  /** The document's name and the SHA-256 (hex) of the bytes received, so the caller can show what is being signed. */
  name: string;
  sha256: string;
  size: number;
  kind: 'pdf' | 'other';
  expiresAt: string;
  /** ASAN İmza while waiting: the 4-digit code the phone shows too. */
  verificationCode?: string;
  /** SİMA while waiting: the QR code / deep link of the one operation. */
  operations?: SessionSimaOperation[];
  /** Once signed: who signed (from the certificate). */
  signer?: { name: string | null; fin: string | null };
  /** Once signed: the name the result is served under. */
  resultName?: string;
  /** When failed: why (messages in the caller's language are added by the route). */
  error?: { code: string; details?: Record<string, unknown> };
}

export interface CreatedSession extends SessionView {
  /** The capability for every later request; shown once, only its hash is kept. */
  secret: string;
}

export interface SessionResult { name: string; mediaType: string; bytes: Uint8Array }

export interface SigningSessions {
  /** Sessions holding a document now. */
  readonly active: number;
  /** True when a new session would be refused SERVER_BUSY (the route asks before receiving an upload). */
  full(): boolean;
  /**
   * Starts a session. ASAN: the phone session starts at once (the answer carries `verificationCode`); SİMA: the answer
   * carries the QR operation.
   * @throws ImzalaError SESSION_REQUEST_INVALID | SESSION_TOOL_UNAVAILABLE | SESSION_FIN_INVALID | SERVER_BUSY |
   *   CERTIFICATE_UNTRUSTED | PROVIDER_* | MOBILE_SIGNATURE_* (the document is dropped then)
   */
  create(input: CreateSessionInput): Promise<CreatedSession>;
  /** Where the session is; for ASAN also asks the phone. @throws SESSION_NOT_FOUND */
  status(id: string, secret: unknown): Promise<SessionView>;
  /** The signed file, once: the session and every byte it held are gone afterwards. @throws SESSION_NOT_FOUND | SESSION_NOT_SIGNED */
  result(id: string, secret: unknown): Promise<SessionResult>;
  /** Ends the session and drops everything (ASAN: the phone session is cancelled). @throws SESSION_NOT_FOUND */
  cancel(id: string, secret: unknown): Promise<void>;
  /** True when a SİMA OperationId belongs to a one-off session (the SİMA routes pass those here). */
  ownsSimaOperation(operationId: unknown): boolean;
  /** GETDATA for a one-off operation (same checks as for a process). */
  simaGetData(pathAndQuery: string, tsquery: unknown, headers: AppRequestHeaders): Promise<{ filename: string; data: string }>;
  /** The app's callback for a one-off operation; `fields` is the parsed body, `body` its exact bytes (ts-sign). */
  simaCallback(body: Uint8Array, fields: Record<string, unknown>, headers: AppRequestHeaders): Promise<{ status: 'success' }>;
  /** Drops expired sessions now (also done every few seconds and on each request). */
  sweep(): void;
  /** Stops the sweeper and drops every session. */
  close(): void;
}

interface AsanState {
  providerSessionId: string;
  verificationCode: string;
  description: SignerDescription;
  digest: Uint8Array;
  operation: SigningOperation<Uint8Array>;
  certificate: Certificate;
  /** Signatures the PDF already had (the signed one must have exactly one more). */
  signaturesBefore: number;
  /** A poll that is asking the phone now: concurrent polls wait for it instead of asking (and completing) twice. */
  polling: Promise<void> | null;
}

interface SimaState {
  operationId: string;
  contract: SimaContract;
  fin: string;
  nbf: number;
  exp: number;
  served: Uint8Array;
  filename: string;
  signaturesBefore: number;
  view: SessionSimaOperation;
  answered: boolean;
}

interface Session {
  id: string;
  secretHash: Buffer;
  tool: SessionTool;
  name: string;
  sha256: string;
  size: number;
  kind: 'pdf' | 'other';
  language: Language;
  expiresAt: number;
  status: SessionView['status'];
  document: Uint8Array | null;
  result: SessionResult | null;
  signer?: SessionView['signer'];
  error?: SessionView['error'];
  asan: AsanState | null;
  sima: SimaState | null;
}

const invalid = (detail: string) => new ImzalaError(SESSION_REQUEST_INVALID, `the request is not valid: ${detail}`, { detail });
const notFound = () => new ImzalaError(SESSION_NOT_FOUND, 'no such signing session', {});
const secretHash = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/** DER ECDSA-Sig-Value (SEQUENCE) or raw r||s: how the phone's value came (as in signing-service.ts). */
function signatureFormat(value: Uint8Array): 'der' | 'p1363' {
  const definite = value[1]! < 0x80 ? value[1]! + 2 : value[1] === 0x81 ? value[2]! + 3 : -1;
  return value[0] === 0x30 && definite === value.length ? 'der' : 'p1363';
}

/** The file name as a plain name: no path, no control characters, bounded (it reaches the phone and the container). */
function documentName(value: unknown): string {
  if (typeof value !== 'string') throw invalid('the file has no name');
  const base = value.split(/[\\/]/).pop()!.trim();
  if (base === '' || base === '.' || base === '..' || base.length > MAX_DOCUMENT_NAME_LENGTH) throw invalid(`the file name must be 1..${MAX_DOCUMENT_NAME_LENGTH} characters`);
  if (/[\u0000-\u001f\u007f]/.test(base)) throw invalid('the file name contains control characters');
  return base;
}

export function createSigningSessions(options: SigningSessionsOptions): SigningSessions {
  const { anchors } = options;
  const now = options.now ?? (() => new Date());
  const ttlMs = options.ttlMs ?? SESSION_TTL_MS;
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SIGNING_SESSIONS;
  const log = options.log ?? (() => undefined);
  const sessions = new Map<string, Session>();
  /** SİMA OperationId -> session id. */
  const simaOperations = new Map<string, string>();

  const holdsData = (s: Session) => s.document !== null || s.result !== null;
  const activeCount = () => [...sessions.values()].filter(holdsData).length;

  /** Drops every byte the session holds; `keep` leaves a tombstone (status and error only) until it expires. */
  function release(s: Session, keep: boolean): void {
    s.document = null;
    s.result = null;
    if (s.asan) {
      const pending = s.status === 'waiting';
      const id = s.asan.providerSessionId;
      s.asan = null;
      // The phone must not go on asking for a signature nobody will take.
      if (pending && options.mobile) void options.mobile.cancel(id).catch(() => undefined);
    }
    if (s.sima) {
      simaOperations.delete(s.sima.operationId);
      s.sima = null;
    }
    if (!keep) sessions.delete(s.id);
  }

  function fail(s: Session, code: string, details?: Record<string, unknown>): void {
    if (s.status !== 'waiting') return;
    release(s, true);
    s.status = 'failed';
    s.error = details && Object.keys(details).length ? { code, details } : { code };
    log(`imzala: one-off ${s.tool} signing session failed: ${code}`);
  }

  function sweep(): void {
    const at = now().getTime();
    for (const s of sessions.values()) if (s.expiresAt <= at) release(s, false);
  }
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();

  /** The session for id + secret, or SESSION_NOT_FOUND (unknown, wrong secret and expired look alike). */
  function find(id: string, secret: unknown): Session {
    sweep();
    const s = sessions.get(id);
    if (!s || typeof secret !== 'string' || secret.length === 0 || secret.length > 200) throw notFound();
    const given = secretHash(secret);
    if (!timingSafeEqual(given, s.secretHash)) throw notFound();
    return s;
  }

  function view(s: Session): SessionView {
    return {
      id: s.id,
      tool: s.tool,
      status: s.status,
      name: s.name,
      sha256: s.sha256,
      size: s.size,
      kind: s.kind,
      expiresAt: new Date(s.expiresAt).toISOString(),
      ...(s.status === 'waiting' && s.asan ? { verificationCode: s.asan.verificationCode } : {}),
      ...(s.status === 'waiting' && s.sima ? { operations: [s.sima.view] } : {}),
      ...(s.signer ? { signer: s.signer } : {}),
      ...(s.result ? { resultName: s.result.name } : {}),
      ...(s.error ? { error: s.error } : {}),
    };
  }

  /**
   * The signed file checked by imzala's own verifier: the newest signature TOTAL_PASSED, made with `certificate`, and
   * for a PDF exactly one more signature than before. Returns the signer as the report names them.
   */
  async function checked(s: Session, bytes: Uint8Array, certificate: Certificate, signaturesBefore: number, at: Date, failure: (reason: string) => ImzalaError) {
    let report;
    try {
      report = await validateDocument({ name: s.name, source: bytesSource(bytes) }, { anchors, validationTime: at, crls: [], language: 'en' }, at);
    } catch (e) {
      throw failure(isImzalaError(e) ? e.code : 'unreadable');
    }
    const newest = report.signatures.at(-1);
    if (report.status === 'INVALID' || !newest || newest.indication !== 'TOTAL_PASSED') {
      throw failure((newest?.errors ?? []).map((e) => e.code).join(', ') || report.status);
    }
    if (s.kind === 'pdf' && report.signatures.length !== signaturesBefore + 1) throw failure('the update does not add exactly one signature');
    if (s.kind !== 'pdf' && report.signatures.length !== 1) throw failure('the container does not hold exactly one signature');
    if (newest.signer?.sha256 !== certificate.sha256) throw failure('signed with another certificate');
    return { name: newest.signer.commonName, fin: newest.signer.fin };
  }

  function succeed(s: Session, bytes: Uint8Array, signer: NonNullable<Session['signer']>): void {
    const container = s.kind !== 'pdf';
    const result: SessionResult = {
      name: container ? `${s.name}.asice` : s.name,
      mediaType: container ? 'application/vnd.etsi.asic-e+zip' : 'application/pdf',
      bytes,
    };
    // The original is no longer needed: only the result stays until it is collected.
    s.document = null;
    s.asan = null;
    if (s.sima) simaOperations.delete(s.sima.operationId);
    s.sima = null;
    s.result = result;
    s.signer = signer;
    s.status = 'signed';
  }

  async function startAsan(s: Session, phoneField: unknown, userIdField: unknown, at: Date): Promise<void> {
    const provider = options.mobile;
    if (!provider) throw new ImzalaError(SESSION_TOOL_UNAVAILABLE, 'ASAN İmza is not configured on this service', { tool: 'ASAN İmza' });
    if (typeof phoneField !== 'string' || typeof userIdField !== 'string') throw invalid('phone and userId are required for ASAN İmza');
    const phone = normalizePhoneNumber(phoneField);
    const userId = normalizeUserId(userIdField);
    const { certificate: der, chain: chainDer } = await provider.certificate(phone, userId);
    const certificate = Certificate.fromDer(der);
    const chain = chainDer.slice(0, MAX_CHAIN).map((c) => Certificate.fromDer(c));
    const path = await validateCertificatePath(certificate, { anchors, intermediates: chain, time: at, signerKeyUsage: 'document-signing' });
    if (!path.valid) throw new ImzalaError('CERTIFICATE_UNTRUSTED', 'the certificate does not chain to a trusted anchor now', { reason: path.code });
    const description = signerDescription(certificate.der, path.path.slice(1, -1).map((c) => c.der));
    const bytes = s.document!;
    const operation: SigningOperation<Uint8Array> = s.kind === 'pdf'
      ? async (signer) => concatBytes(bytes, (await signPdf(bytesSource(bytes), signer, { signingTime: at })).update)
      : (signer) => signIntoAsicE([{ name: s.name, bytes }], signer, at);
    const signaturesBefore = s.kind === 'pdf' ? await signaturesIn(s.name, bytes, at) : 0;
    const digest = await digestToSign(description, operation);
    const session = await provider.start({
      phone, userId, digest, digestAlgorithm: description.algorithm.hash as MobileSignatureDigestAlgorithm, documentName: s.name, language: s.language,
    });
    s.asan = { providerSessionId: session.id, verificationCode: session.verificationCode, description, digest, operation, certificate, signaturesBefore, polling: null };
  }

  /** Asks the phone once; on its signature finishes the document and checks it. */
  async function pollAsan(s: Session): Promise<void> {
    const a = s.asan!;
    let state;
    try {
      state = await options.mobile!.poll(a.providerSessionId);
    } catch (e) {
      // The provider lost or refused the session: it cannot end well any more, so it ends now (not at expiry).
      if (!isImzalaError(e)) throw e;
      return fail(s, e.code, e.details);
    }
    if (s.status !== 'waiting' || s.asan !== a) return; // cancelled or expired meanwhile
    if (state.status === 'pending') return;
    if (state.status !== 'ok') return fail(s, mobileSignatureFailureCode(state.status));
    const at = now();
    try {
      const description = { ...a.description, signatureFormat: a.description.algorithm.scheme === 'ECDSA' ? signatureFormat(state.signature) : 'der' } as SignerDescription;
      const bytes = await signWithValue(description, a.digest, state.signature, a.operation);
      const failure = (codes: string) => new ImzalaError(SESSION_SIGNED_DOCUMENT_INVALID, 'the signed document did not pass imzala\'s own check', { codes });
      const signer = await checked(s, bytes, a.certificate, a.signaturesBefore, at, failure);
      succeed(s, bytes, signer);
    } catch (e) {
      fail(s, isImzalaError(e) ? e.code : 'INTERNAL_ERROR', isImzalaError(e) ? e.details : undefined);
      if (!isImzalaError(e)) throw e;
    }
  }

  async function signaturesIn(name: string, bytes: Uint8Array, at: Date): Promise<number> {
    return (await validateDocument({ name, source: bytesSource(bytes) }, { anchors, validationTime: at, crls: [], language: 'en' }, at)).signatures.length;
  }

  async function startSima(s: Session, finField: unknown, at: Date): Promise<void> {
    const sima = options.sima;
    if (!sima) throw new ImzalaError(SESSION_TOOL_UNAVAILABLE, 'SİMA is not configured on this service', { tool: 'SİMA' });
    const fin = typeof finField === 'string' ? normalizeFin(finField) : '';
    if (!isFin(fin)) throw new ImzalaError(SESSION_FIN_INVALID, 'a 7-character FIN is required for SİMA', {});
    const bytes = s.document!;
    let served = bytes;
    let filename = s.name;
    let signaturesBefore = 0;
    if (s.kind === 'pdf') signaturesBefore = await signaturesIn(s.name, bytes, at);
    else {
      served = await manifestToSign((sign) => createAsicE([{ name: s.name, bytes }], sign));
      filename = `${s.name}.ASiCManifest.xml`;
    }
    const nbf = Math.floor(at.getTime() / 1000);
    const exp = Math.min(nbf + sima.ttlSeconds, Math.floor(s.expiresAt / 1000));
    const operationId = randomUUID();
    // No page of this service belongs to a one-off session: the app goes back to the service's front page.
    const contract = buildContract(sima.client, { operationId, nbf, exp, fin, redirectUri: `${sima.client.publicUrl}/` });
    const url = contractUrl(sima.client.publicUrl, contract);
    s.sima = {
      operationId, contract, fin, nbf, exp, served, filename, signaturesBefore, answered: false,
      view: { qrUrl: url, deepLink: deepLink(url), qrImage: qrImage(url) },
    };
    simaOperations.set(operationId, s.id);
  }

  /** The session of a SİMA request and the person's certificate, after the checks GETDATA and the callback share. */
  async function authenticateSima(operationId: unknown, headers: AppRequestHeaders, signed: Uint8Array, at: Date) {
    sweep();
    const sessionId = typeof operationId === 'string' ? simaOperations.get(operationId) : undefined;
    const s = sessionId ? sessions.get(sessionId) : undefined;
    const op = s?.sima;
    if (!s || !op || s.status !== 'waiting') throw new ImzalaError(SIMA_OPERATION_UNKNOWN, 'no such SİMA operation', {});
    const certificate = await checkAppRequest(headers, { signed, anchors, intermediates: options.sima!.intermediates, time: at });
    const fin = certificate.identity.fin;
    if (fin === undefined || normalizeFin(fin) !== op.fin || !op.contract.SignableContainer.OperationInfo.Assignee.some((a) => normalizeFin(a) === normalizeFin(fin))) {
      throw new ImzalaError(SIMA_WRONG_PERSON, 'the SİMA certificate belongs to someone else', { fin: fin ?? null });
    }
    const seconds = Math.floor(at.getTime() / 1000);
    if (seconds < op.nbf) throw new ImzalaError(SIMA_CONTRACT_NOT_YET_VALID, 'the contract is not valid yet', { nbf: op.nbf });
    if (seconds > op.exp) throw new ImzalaError(SIMA_CONTRACT_EXPIRED, 'the contract has expired', { exp: op.exp });
    if (op.answered) throw new ImzalaError(SIMA_OPERATION_REPLAYED, 'this operation was already answered', {});
    return { s, op, certificate };
  }

  return {
    get active() {
      return activeCount();
    },

    full() {
      sweep();
      return activeCount() >= maxSessions;
    },

    async create(input) {
      const at = now();
      sweep();
      if (input.tool !== 'asan' && input.tool !== 'sima') throw invalid("tool must be 'asan' or 'sima'");
      const name = documentName(input.name);
      if (!(input.bytes instanceof Uint8Array) || input.bytes.length === 0) throw invalid('the file is empty');
      if (activeCount() >= maxSessions) throw new ImzalaError('SERVER_BUSY', 'too many signing sessions at once', {});
      const secret = randomBytes(32).toString('base64url');
      const kind = (await sniffFormat(bytesSource(input.bytes.subarray(0, 1024)))) === 'pdf' ? 'pdf' : 'other';
      const s: Session = {
        id: randomUUID(),
        secretHash: secretHash(secret),
        tool: input.tool,
        name,
        sha256: createHash('sha256').update(input.bytes).digest('hex'),
        size: input.bytes.length,
        kind,
        language: input.language,
        expiresAt: at.getTime() + ttlMs,
        status: 'waiting',
        document: input.bytes,
        result: null,
        asan: null,
        sima: null,
      };
      try {
        if (s.tool === 'asan') await startAsan(s, input.phone, input.userId, at);
        else await startSima(s, input.fin, at);
      } catch (e) {
        release(s, false);
        throw e;
      }
      // Checked again: another request may have taken the last place while this one talked to the provider.
      if (activeCount() >= maxSessions) {
        release(s, false);
        throw new ImzalaError('SERVER_BUSY', 'too many signing sessions at once', {});
      }
      // Failed sessions stay (without any bytes) until they expire so the caller can read why; bounded all the same.
      for (const old of sessions.values()) {
        if (sessions.size < maxSessions * MAX_TOMBSTONES_PER_SESSION) break;
        if (!holdsData(old)) sessions.delete(old.id);
      }
      sessions.set(s.id, s);
      log(`imzala: one-off ${s.tool} signing session started (${activeCount()} active)`);
      return { ...view(s), secret };
    },

    async status(id, secret) {
      const s = find(id, secret);
      if (s.status === 'waiting' && s.asan) {
        const a = s.asan;
        a.polling ??= pollAsan(s).finally(() => {
          a.polling = null;
        });
        await a.polling;
      }
      // The app can no longer answer after the contract's ExpUTC: say so now rather than at the session's end.
      if (s.status === 'waiting' && s.sima && now().getTime() > s.sima.exp * 1000) fail(s, SIMA_CONTRACT_EXPIRED, { exp: s.sima.exp });
      return view(s);
    },

    async result(id, secret) {
      const s = find(id, secret);
      if (s.status !== 'signed' || !s.result) throw new ImzalaError(SESSION_NOT_SIGNED, 'the document is not signed', { status: s.status });
      const result = s.result;
      // Once: the session and its bytes go before the answer is sent, so a second request finds nothing.
      release(s, false);
      log(`imzala: one-off ${s.tool} signing session collected and deleted`);
      return result;
    },

    async cancel(id, secret) {
      const s = find(id, secret);
      release(s, false);
    },

    ownsSimaOperation(operationId) {
      return typeof operationId === 'string' && simaOperations.has(operationId);
    },

    async simaGetData(pathAndQuery, tsquery, headers) {
      const at = now();
      const contract = decodeTsquery(tsquery);
      if (!options.sima) throw new ImzalaError(SIMA_OPERATION_UNKNOWN, 'no such SİMA operation', {});
      checkContractSignature(contract, options.sima.client.masterKey);
      const operationId = contract.SignableContainer.OperationInfo.OperationId;
      const sessionId = simaOperations.get(operationId);
      const known = sessionId ? sessions.get(sessionId)?.sima : undefined;
      if (known && known.contract.Header.Signature !== contract.Header.Signature) throw new ImzalaError(SIMA_CONTRACT_INVALID, 'not the contract of this operation', {});
      const { op } = await authenticateSima(operationId, headers, new Uint8Array(Buffer.from(pathAndQuery, 'utf8')), at);
      return { filename: op.filename, data: Buffer.from(op.served).toString('base64') };
    },

    async simaCallback(body, fields, headers) {
      const at = now();
      const { s, op, certificate } = await authenticateSima(fields.OperationId, headers, body, at);
      // From here on the operation is answered, whatever the outcome: the person's app spoke for it.
      op.answered = true;
      const appError = typeof fields.Error === 'string' ? fields.Error : typeof fields.error === 'string' ? fields.error : undefined;
      if (appError !== undefined) {
        fail(s, simaAppErrorCode(appError.slice(0, 100)), { error: appError.slice(0, 100) });
        return { status: 'success' };
      }
      try {
        if (fields.Type !== 'Sign') throw new ImzalaError(SIMA_REQUEST_INVALID, 'the SİMA request is malformed: Type must be Sign', { detail: 'Type must be Sign' });
        if (s.status !== 'waiting' || !s.document) throw new ImzalaError(SIMA_RUN_UNKNOWN, 'the SİMA signing session is over', {});
        const text = fields.DataSignature;
        if (typeof text !== 'string' || text.length === 0 || text.length > (MAX_SIMA_DATA_BYTES / 3) * 4 + 4 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
          throw new ImzalaError(SIMA_REQUEST_INVALID, 'the SİMA request is malformed: DataSignature must be base64', { detail: 'DataSignature must be base64' });
        }
        const returned = new Uint8Array(Buffer.from(text, 'base64'));
        const failure = (reason: string) => new ImzalaError(SIMA_DOCUMENT_INVALID, `the signed document SİMA returned does not verify: ${reason}`, { reason });
        const base = s.document;
        let bytes: Uint8Array;
        if (s.kind === 'pdf') {
          if (returned.length <= base.length || Buffer.compare(Buffer.from(returned.subarray(0, base.length)), Buffer.from(base)) !== 0) {
            throw failure('the PDF does not start with the document that was served');
          }
          bytes = returned;
        } else {
          try {
            // The same deterministic manifest that was served; createAsicE checks the CMS verifies over it.
            bytes = await createAsicE([{ name: s.name, bytes: base }], async () => returned);
          } catch (e) {
            throw failure(isImzalaError(e) ? e.code : 'the signature could not join the container');
          }
        }
        const signer = await checked(s, bytes, certificate, op.signaturesBefore, at, failure);
        if (signer.fin === null || normalizeFin(signer.fin) !== op.fin) throw new ImzalaError(SIMA_WRONG_PERSON, 'the document was signed by someone else', { expected: 'FIN' });
        succeed(s, bytes, signer);
      } catch (e) {
        if (isImzalaError(e)) fail(s, e.code, e.details);
        throw e;
      }
      return { status: 'success' };
    },

    sweep,

    close() {
      clearInterval(timer);
      for (const s of [...sessions.values()]) release(s, false);
    },
  };
}
