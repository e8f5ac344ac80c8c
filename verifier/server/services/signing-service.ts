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
import { fromBase64 } from '../../../core/encoding/base64.js';
import { ImzalaError, isImzalaError } from '../../../core/errors.js';
import { bytesSource } from '../../../core/io/byte-source.js';
import { Certificate } from '../../../core/pki/certificate.js';
import { validateCertificatePath } from '../../../core/pki/path-validation.js';
import { applyEvent } from '../../../core/process/process.js';
import type { ProcessDocument, SigningProcess } from '../../../core/process/model.js';
import { normalizeFin } from '../../../core/process/validation.js';
import { signerDescription } from '../../../core/signing/key-pair-signer.js';
import { coSignAsicE, signIntoAsicE } from '../../../core/signing/sign-asic.js';
import { signPdf } from '../../../core/signing/sign-pdf.js';
import { digestToSign, signWithValue, type SignerDescription, type SigningOperation } from '../../../core/signing/two-phase.js';
import { validateDocument } from '../../../core/validation/validate-document.js';
import type { Store } from '../../storage/repository.js';
import { linkTokenHash } from './link-tokens.js';
import { enqueueEffects } from './process-service.js';

export const SESSION_TTL_MS = 15 * 60_000;
/** Sessions kept at once; beyond it the oldest is dropped (it only costs that signer a new prepare). */
export const MAX_SESSIONS = 10_000;
const MAX_CHAIN = 8;

export interface SigningServiceOptions {
  store: Store;
  anchors: readonly Certificate[];
  /** Tells the outbox sender that mail is waiting. */
  mailQueued?: () => void;
  now?: () => Date;
}

export interface PreparedDigests {
  sessionId: string;
  digests: { documentId: string; name: string; digest: string; digestAlgorithm: string }[];
}

export interface CompletedStep {
  status: string;
  process: { id: string; name: string; status: string; signers: { index: number; name: string; status: string }[] };
}

export interface SigningService {
  prepare(token: string, body: unknown): Promise<PreparedDigests>;
  complete(token: string, body: unknown): Promise<CompletedStep>;
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

  /** The link's token record, the process, and the signer: live, in progress, and this signer's turn. */
  async function liveLink(token: string, at: Date) {
    const hash = linkTokenHash(token);
    const record = await store.findToken(hash);
    if (!record) throw new ImzalaError('LINK_INVALID', 'no such signing link', {});
    const process = await store.getProcess(record.processId);
    if (!process) throw new ImzalaError('LINK_INVALID', 'no such signing link', {});
    if (process.status === 'in_progress' && at.getTime() >= Date.parse(process.deadline)) {
      // The deadline passed and the scheduler has not run yet: expire now, mailing everyone, and say so.
      await store.transact(async (tx) => {
        const current = await tx.getProcess(process.id);
        if (current?.status !== 'in_progress') return;
        const { process: expired, effects } = applyEvent(current, { type: 'expire', at: at.toISOString() });
        tx.putProcess(expired);
        await enqueueEffects(tx, expired, effects, at);
      });
      options.mailQueued?.();
      throw new ImzalaError('PROCESS_EXPIRED', 'the signing deadline has passed', {});
    }
    const signer = process.signers[record.signerIndex]!;
    if (record.usedAt || signer.status === 'signed') throw new ImzalaError('LINK_USED', 'this link was already used to sign', {});
    if (process.status !== 'in_progress') throw new ImzalaError('PROCESS_NOT_IN_PROGRESS', `the process is ${process.status}`, { status: process.status });
    if (signer.status !== 'awaiting_signature') {
      throw new ImzalaError('RECIPIENT_OUT_OF_TURN', 'it is not this signer\'s turn', { signerIndex: signer.index });
    }
    return { hash, record, process, signer };
  }

  function operationFor(process: SigningProcess, document: ProcessDocument, bytes: Uint8Array, signingTime: Date): SigningOperation<Uint8Array> {
    if (document.kind === 'pdf') {
      return async (signer) => concatBytes(bytes, (await signPdf(bytesSource(bytes), signer, { signingTime })).update);
    }
    // Until someone signed, the current version is the original file; afterwards it is the ASiC-E container.
    const first = process.current[document.id] === document.sha256;
    return first ? (signer) => signIntoAsicE([{ name: document.name, bytes }], signer, signingTime) : (signer) => coSignAsicE(bytes, signer, signingTime);
  }

  return {
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
        const { process: next, effects, changed } = applyEvent(current, { type: 'sign', at: at.toISOString(), signerIndex: session.signerIndex, documents: signed });
        if (changed) {
          tx.putProcess(next);
          await tx.markTokenUsed(hash, at);
          await enqueueEffects(tx, next, effects, at);
        }
        return next;
      });
      sessions.delete(fields.sessionId as string);
      options.mailQueued?.();
      return { status: process.status, process: summary(process) };
    },
  };
}
