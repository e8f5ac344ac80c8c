/**
 * The hash-signing API behind `/api/v1/signing/{token}/prepare|complete` (ARCHITECTURE.md): every signing tool —
 * the extension's token bridge, ASAN İmza, outside clients — signs only digests; the documents never leave here.
 *
 * prepare: the link must be live and the signer's turn; the certificate must chain to a trusted anchor now and carry
 * that signer's FIN (and VÖEN for a legal entity). Each document's current version is prepared (PDF: an incremental
 * PAdES update; anything else: an ASiC-E container, co-signed after the first signer) and the digests of the CMS
 * signed attributes are returned. complete: the same deterministic signing is replayed with the returned values
 * (core/signing/two-phase.ts), the result is checked with imzala's own verifier, and only then stored and the
 * process advanced, in one transaction with the mails it causes. A repeated or concurrent complete is answered
 * from what the first one stored.
 *
 * Sessions live in memory for SESSION_TTL_MS: after a restart the signer simply prepares again.
 */
import { randomUUID } from 'node:crypto';
import { concatBytes } from '../../../core/encoding/bytes.js';
import { fromBase64, toBase64 } from '../../../core/encoding/base64.js';
import { ImzalaError, isImzalaError } from '../../../core/errors.js';
import { bytesSource } from '../../../core/io/byte-source.js';
import { Certificate } from '../../../core/pki/certificate.js';
import { validateCertificatePath } from '../../../core/pki/path-validation.js';
import type { ProcessDocument, ProcessStatus, SignerStatus, SigningProcess } from '../../../core/process/model.js';
import { normalizeFin } from '../../../core/process/validation.js';
import { signerDescription } from '../../../core/signing/key-pair-signer.js';
import { coSignAsicE, signIntoAsicE } from '../../../core/signing/sign-asic.js';
import { signPdf } from '../../../core/signing/sign-pdf.js';
import { digestToSign, signWithValue, type SignerDescription, type SigningOperation } from '../../../core/signing/two-phase.js';
import { validateDocument } from '../../../core/validation/validate-document.js';
import type { Store } from '../../storage/repository.js';
import { mobileSignatureFailureCode } from '../../providers/codes.js';
import {
  normalizePhoneNumber, normalizeUserId, type MobileSignatureDigestAlgorithm, type MobileSignatureProvider,
} from '../../providers/mobile-signature.js';
import { linkTokenHash } from './link-tokens.js';
import { liveLink as liveLinkOf } from './live-link.js';
import { recordEvent } from './process-service.js';

export const SESSION_TTL_MS = 15 * 60_000;
/** Sessions kept at once; beyond it the oldest is dropped (it only costs that signer a new prepare). */
export const MAX_SESSIONS = 10_000;
const MAX_CHAIN = 8;

export interface SigningServiceOptions {
  store: Store;
  anchors: readonly Certificate[];
  /** ASAN İmza (or its simulator); null when not configured. */
  mobile?: MobileSignatureProvider | null;
  /** Tells the outbox sender that mail is waiting. */
  mailQueued?: () => void;
  now?: () => Date;
  /** SİMA Web2App (services/sima-service.ts) is on, and whether with the phone simulator; only shown in `view`. */
  sima?: { simulated: boolean } | null;
}

export interface PreparedDigests {
  sessionId: string;
  digests: { documentId: string; name: string; digest: string; digestAlgorithm: string }[];
}

export interface CompletedStep {
  status: string;
  process: { id: string; name: string; status: string; signers: { index: number; name: string; status: string }[] };
}

/** What the signing page shows its signer. */
export interface SignerView {
  process: {
    id: string;
    name: string;
    status: ProcessStatus;
    deadline: string;
    initiator: { email: string; name?: string };
    documents: { id: string; name: string; size: number; kind: 'pdf' | 'other' }[];
    signers: { index: number; name: string; type: string; status: SignerStatus }[];
  };
  /** This link's signer. */
  you: number;
  /** The signer may sign or decline now. */
  yourTurn: boolean;
  /** ASAN İmza is available (and whether it is the simulator). */
  mobile: { name: string; simulated: boolean } | null;
  /** SİMA Web2App is available (and whether its phone is the simulator). */
  sima: { simulated: boolean } | null;
}

/** A mobile-signature run: one phone session per document, one after another. */
export interface MobileProgress {
  id: string;
  /** pending: waiting for the phone; signed: every document signed and the process advanced; failed: see `failure`. */
  status: 'pending' | 'signed' | 'failed';
  /** The 4-digit code the signer compares on the phone, for the document being signed now. */
  verificationCode?: string;
  documentName?: string;
  /** Documents signed on the phone so far, of `documents`. */
  done: number;
  documents: number;
  expiresAt?: string;
  failure?: string;
  process?: CompletedStep['process'];
}

export interface SigningService {
  prepare(token: string, body: unknown): Promise<PreparedDigests>;
  complete(token: string, body: unknown): Promise<CompletedStep>;
  /** The process as its signer sees it (any state: a used link still shows the outcome). */
  view(token: string): Promise<SignerView>;
  /** The current version of one document, for the preview and download. */
  document(token: string, documentId: string): Promise<{ name: string; mediaType: string; bytes: Uint8Array }>;
  decline(token: string, body: unknown): Promise<CompletedStep>;
  /** Starts signing with ASAN İmza for phone + user ID. */
  mobileStart(token: string, body: unknown): Promise<MobileProgress>;
  /** Where a mobile-signature run is; drives the phone sessions on (the page polls it). */
  mobilePoll(token: string, runId: string): Promise<MobileProgress>;
}

interface Session {
  tokenHash: string;
  processId: string;
  signerIndex: number;
  signingTime: Date;
  description: SignerDescription;
  documents: { document: ProcessDocument; digest: Uint8Array; operation: SigningOperation<Uint8Array> }[];
  expiresAt: number;
}

interface MobileRun {
  id: string;
  tokenHash: string;
  sessionId: string;
  phone: string;
  userId: string;
  language: 'az' | 'en' | 'ru';
  digests: PreparedDigests['digests'];
  signatures: { documentId: string; signature: string }[];
  current: { id: string; verificationCode: string; expiresAt: string; documentName: string } | null;
  status: MobileProgress['status'];
  failure?: string;
  process?: CompletedStep['process'];
}

const invalidRequest = (detail: string) => new ImzalaError('SIGNING_REQUEST_INVALID', `the request is malformed: ${detail}`, { detail });

function base64Field(value: unknown, what: string): Uint8Array {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length > 64 * 1024) throw invalidRequest(`${what} must be base64`);
  return fromBase64(value);
}

function certificateField(value: unknown, what: string): Certificate {
  const der = base64Field(value, what);
  try {
    return Certificate.fromDer(der);
  } catch (e) {
    throw new ImzalaError('CERTIFICATE_INVALID', `${what} is not a readable certificate`, { detail: isImzalaError(e) ? e.code : String(e) });
  }
}

function summary(process: SigningProcess): CompletedStep['process'] {
  return { id: process.id, name: process.name, status: process.status, signers: process.signers.map((s) => ({ index: s.index, name: s.name, status: s.status })) };
}

/** DER ECDSA-Sig-Value (SEQUENCE) or raw r||s as tokens return it: how the value came. */
function signatureFormat(value: Uint8Array): 'der' | 'p1363' {
  const definite = value[1]! < 0x80 ? value[1]! + 2 : value[1] === 0x81 ? value[2]! + 3 : -1;
  return value[0] === 0x30 && definite === value.length ? 'der' : 'p1363';
}

export function createSigningService(options: SigningServiceOptions): SigningService {
  const { store, anchors } = options;
  const now = options.now ?? (() => new Date());
  const sessions = new Map<string, Session>();
  const mobileRuns = new Map<string, MobileRun>();

  /** Starts the phone session of the next unsigned document of `run`. */
  async function startNext(run: MobileRun): Promise<void> {
    const next = run.digests[run.signatures.length]!;
    try {
      const session = await options.mobile!.start({
        phone: run.phone,
        userId: run.userId,
        digest: fromBase64(next.digest),
        digestAlgorithm: next.digestAlgorithm as MobileSignatureDigestAlgorithm,
        documentName: next.name,
        language: run.language,
      });
      run.current = { id: session.id, verificationCode: session.verificationCode, expiresAt: session.expiresAt, documentName: next.name };
    } catch (e) {
      run.status = 'failed';
      run.failure = isImzalaError(e) ? e.code : 'MOBILE_SIGNATURE_SERVICE_UNAVAILABLE';
    }
  }

  function progress(run: MobileRun): MobileProgress {
    return {
      id: run.id,
      status: run.status,
      done: run.signatures.length,
      documents: run.digests.length,
      ...(run.current ? { verificationCode: run.current.verificationCode, documentName: run.current.documentName, expiresAt: run.current.expiresAt } : {}),
      ...(run.failure ? { failure: run.failure } : {}),
      ...(run.process ? { process: run.process } : {}),
    };
  }

  const liveLink = (token: string, at: Date) => liveLinkOf(store, token, at, options.mailQueued);

  function operationFor(process: SigningProcess, document: ProcessDocument, bytes: Uint8Array, signingTime: Date): SigningOperation<Uint8Array> {
    if (document.kind === 'pdf') {
      return async (signer) => concatBytes(bytes, (await signPdf(bytesSource(bytes), signer, { signingTime })).update);
    }
    // Until someone signed, the current version is the original file; afterwards it is the ASiC-E container.
    const first = process.current[document.id] === document.sha256;
    return first ? (signer) => signIntoAsicE([{ name: document.name, bytes }], signer, signingTime) : (signer) => coSignAsicE(bytes, signer, signingTime);
  }

  const service: SigningService = {
    async prepare(token, body) {
      const at = now();
      const { hash, process, signer } = await liveLink(token, at);
      const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const certificate = certificateField(fields.certificate, 'certificate');
      const chainField = fields.chain ?? [];
      if (!Array.isArray(chainField) || chainField.length > MAX_CHAIN) throw invalidRequest(`chain must be an array of at most ${MAX_CHAIN} certificates`);
      const chain = chainField.map((c, i) => certificateField(c, `chain[${i}]`));
      const path = await validateCertificatePath(certificate, { anchors, intermediates: chain, time: at, signerKeyUsage: 'document-signing' });
      if (!path.valid) throw new ImzalaError('CERTIFICATE_UNTRUSTED', 'the certificate does not chain to a trusted anchor now', { reason: path.code });
      const identity = certificate.identity;
      const finMatches = identity.fin !== undefined && normalizeFin(identity.fin) === normalizeFin(signer.fin);
      const voenMatches = signer.type !== 'legal' || (identity.voen !== undefined && identity.voen === signer.voen);
      if (!finMatches || !voenMatches) {
        throw new ImzalaError('CERTIFICATE_IDENTITY_MISMATCH', 'the certificate belongs to someone else', { expected: signer.type === 'legal' ? 'FIN, VÖEN' : 'FIN' });
      }
      // The CMS carries the path's CA certificates (not the anchor), so a recipient can build it too.
      const description = signerDescription(certificate.der, path.path.slice(1, -1).map((c) => c.der));
      const signingTime = at;
      const documents = [];
      for (const document of process.documents) {
        const bytes = await store.readFile(process.current[document.id] ?? document.sha256);
        const operation = operationFor(process, document, bytes, signingTime);
        documents.push({ document, operation, digest: await digestToSign(description, operation) });
      }
      const sessionId = randomUUID();
      for (const [id, s] of sessions) if (s.expiresAt <= at.getTime()) sessions.delete(id);
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
      sessions.set(sessionId, { tokenHash: hash, processId: process.id, signerIndex: signer.index, signingTime, description, documents, expiresAt: at.getTime() + SESSION_TTL_MS });
      return {
        sessionId,
        digests: documents.map((d) => ({
          documentId: d.document.id,
          name: d.document.name,
          digest: Buffer.from(d.digest).toString('base64'),
          digestAlgorithm: description.algorithm.hash,
        })),
      };
    },

    async complete(token, body) {
      const at = now();
      const hash = linkTokenHash(token);
      const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      const session = typeof fields.sessionId === 'string' ? sessions.get(fields.sessionId) : undefined;
      if (!session || session.tokenHash !== hash || session.expiresAt <= at.getTime()) {
        // A repeat after success: answer with what was stored.
        const record = await store.findToken(hash);
        const process = record?.usedAt ? await store.getProcess(record.processId) : undefined;
        if (process) return { status: process.status, process: summary(process) };
        throw new ImzalaError('SIGNING_SESSION_UNKNOWN', 'no such signing session (it may have expired): prepare again', {});
      }
      if (!Array.isArray(fields.signatures)) throw invalidRequest('signatures must be an array');
      const given = new Map<string, Uint8Array>();
      for (const s of fields.signatures as unknown[]) {
        const entry = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
        if (typeof entry.documentId !== 'string') throw invalidRequest('each signature needs its documentId');
        given.set(entry.documentId, base64Field(entry.signature, `signature of ${entry.documentId}`));
      }
      const signed: { documentId: string; sha256: string }[] = [];
      for (const d of session.documents) {
        const value = given.get(d.document.id);
        if (!value) throw invalidRequest(`no signature for document ${d.document.id}`);
        const description = { ...session.description, signatureFormat: session.description.algorithm.scheme === 'ECDSA' ? signatureFormat(value) : 'der' } as SignerDescription;
        const bytes = await signWithValue(description, d.digest, value, d.operation);
        // Accepted only after imzala's own verifier found the new signature valid.
        const report = await validateDocument({ name: d.document.name, source: bytesSource(bytes) }, { anchors, validationTime: at, crls: [], language: 'en' }, at);
        const newest = report.signatures.at(-1);
        if (report.status === 'INVALID' || !newest || newest.indication !== 'TOTAL_PASSED') {
          throw new ImzalaError('SIGNED_DOCUMENT_INVALID', 'the signed document did not pass imzala\'s own check', {
            codes: (newest?.errors ?? []).map((e) => e.code).join(', ') || report.status,
          });
        }
        const stored = await store.putFile(bytes);
        signed.push({ documentId: d.document.id, sha256: stored.sha256 });
      }
      const process = await store.transact(async (tx) => {
        const current = await tx.getProcess(session.processId);
        if (!current) throw new ImzalaError('LINK_INVALID', 'no such signing link', {});
        const { process: next, changed } = await recordEvent(tx, current, { type: 'sign', at: at.toISOString(), signerIndex: session.signerIndex, documents: signed });
        if (changed) await tx.markTokenUsed(hash, at);
        return next;
      });
      sessions.delete(fields.sessionId as string);
      options.mailQueued?.();
      return { status: process.status, process: summary(process) };
    },

    async view(token) {
      const record = await store.findToken(linkTokenHash(token));
      const process = record && (await store.getProcess(record.processId));
      if (!record || !process) throw new ImzalaError('LINK_INVALID', 'no such signing link', {});
      const signer = process.signers[record.signerIndex]!;
      return {
        process: {
          id: process.id,
          name: process.name,
          status: process.status,
          deadline: process.deadline,
          initiator: process.initiator,
          documents: process.documents.map((d) => ({ id: d.id, name: d.name, size: d.size, kind: d.kind })),
          signers: process.signers.map((s) => ({ index: s.index, name: s.name, type: s.type, status: s.status })),
        },
        you: signer.index,
        yourTurn: process.status === 'in_progress' && signer.status === 'awaiting_signature' && now().getTime() < Date.parse(process.deadline),
        mobile: options.mobile ? { name: options.mobile.name, simulated: options.mobile.simulated } : null,
        sima: options.sima ? { simulated: options.sima.simulated } : null,
      };
    },

    async document(token, documentId) {
      const record = await store.findToken(linkTokenHash(token));
      const process = record && (await store.getProcess(record.processId));
      const document = process?.documents.find((d) => d.id === documentId);
      if (!process || !document) throw new ImzalaError('NOT_FOUND', 'no such document', {});
      const sha256 = process.current[document.id] ?? document.sha256;
      const container = document.kind !== 'pdf' && sha256 !== document.sha256;
      return {
        name: container ? `${document.name}.asice` : document.name,
        mediaType: container ? 'application/vnd.etsi.asic-e+zip' : document.mediaType,
        bytes: await store.readFile(sha256),
      };
    },

    async decline(token, body) {
      const at = now();
      const { hash, process, signer } = await liveLink(token, at);
      const reason = (typeof body === 'object' && body !== null ? (body as Record<string, unknown>).reason : undefined) ?? '';
      if (typeof reason !== 'string') throw invalidRequest('reason must be text');
      const next = await store.transact(async (tx) => {
        const current = (await tx.getProcess(process.id))!;
        // core/process checks the reason (required, at most 1000 characters) and the turn again.
        const { process: declined } = await recordEvent(tx, current, { type: 'decline', at: at.toISOString(), signerIndex: signer.index, reason });
        await tx.markTokenUsed(hash, at);
        return declined;
      });
      options.mailQueued?.();
      return { status: next.status, process: summary(next) };
    },

    async mobileStart(token, body) {
      const provider = options.mobile;
      if (!provider) throw new ImzalaError('PROVIDER_NOT_CONFIGURED', 'ASAN İmza is not configured on this service', { variables: 'IMZALA_ASAN' });
      const at = now();
      const { process } = await liveLink(token, at);
      const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (typeof fields.phone !== 'string' || typeof fields.userId !== 'string') throw invalidRequest('phone and userId are required');
      const phone = normalizePhoneNumber(fields.phone);
      const userId = normalizeUserId(fields.userId);
      // ASAN gives the certificate first, so the CMS can be prepared around it like any other signer's.
      const { certificate, chain } = await provider.certificate(phone, userId);
      const prepared = await service.prepare(token, { certificate: toBase64(certificate), chain: chain.map(toBase64) });
      const run: MobileRun = {
        id: randomUUID(),
        tokenHash: linkTokenHash(token),
        sessionId: prepared.sessionId,
        phone,
        userId,
        language: process.language as 'az' | 'en' | 'ru',
        digests: prepared.digests,
        signatures: [],
        current: null,
        status: 'pending',
      };
      if (mobileRuns.size >= MAX_SESSIONS) mobileRuns.delete(mobileRuns.keys().next().value!);
      mobileRuns.set(run.id, run);
      await startNext(run);
      return progress(run);
    },

    async mobilePoll(token, runId) {
      const run = mobileRuns.get(runId);
      if (!run || run.tokenHash !== linkTokenHash(token)) throw new ImzalaError('SIGNING_SESSION_UNKNOWN', 'no such signing session', {});
      if (run.status !== 'pending' || !run.current) return progress(run);
      const state = await options.mobile!.poll(run.current.id);
      if (state.status === 'pending') return progress(run);
      if (state.status !== 'ok') {
        run.status = 'failed';
        run.failure = mobileSignatureFailureCode(state.status);
        return progress(run);
      }
      run.signatures.push({ documentId: run.digests[run.signatures.length]!.documentId, signature: toBase64(state.signature) });
      if (run.signatures.length < run.digests.length) {
        await startNext(run);
        return progress(run);
      }
      // The run ends here either way: a later poll must not take the phone's answer a second time.
      run.current = null;
      try {
        const done = await service.complete(token, { sessionId: run.sessionId, signatures: run.signatures });
        run.status = 'signed';
        run.process = done.process;
      } catch (e) {
        run.status = 'failed';
        run.failure = isImzalaError(e) ? e.code : 'INTERNAL_ERROR';
        if (!isImzalaError(e)) throw e;
      }
      return progress(run);
    },
  };
  return service;
}
