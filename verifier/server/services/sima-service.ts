/**
 * SİMA Web2App signing of a process's documents (AZ-ESIGN.md §4). Kept apart from signing-service.ts: SİMA does not
 * sign digests, the app fetches the data and returns what it signed.
 *
 * start: the link must be live and the signer's turn; one operation per document, each with its own HMAC-signed
 * contract (QR code + deep link). GETDATA: the contract's HMAC, ts-sign with ts-cert, ts-cert's chain, the FIN, the
 * time window; answers the document (PDF: its current bytes; any other file: the ASiCManifest the signature will be
 * over, so the returned CAdES joins the process's ASiC-E container like every other signer's). Callback: the same
 * checks, each OperationId once, then what came back is checked with imzala's own verifier; when every document of
 * the process is signed by this party the step is recorded through recordEvent (mails, next party) in one
 * transaction.
 *
 * Runs, operations and answered OperationIds live in memory: after a restart the signer starts again, and a replay
 * of an operation from before the restart finds no operation (SIMA_OPERATION_UNKNOWN).
 */
import { randomUUID } from 'node:crypto';
import { addAsicESignature, createAsicE, type ManifestSigner } from '../../../core/asic/index.js';
import { ImzalaError, isImzalaError } from '../../../core/errors.js';
import { bytesSource } from '../../../core/io/byte-source.js';
import type { Certificate } from '../../../core/pki/certificate.js';
import type { ProcessDocument, SigningProcess } from '../../../core/process/model.js';
import { normalizeFin } from '../../../core/process/validation.js';
import type { Language } from '../../../core/report/message-types.js';
import { validateDocument } from '../../../core/validation/validate-document.js';
import type { Store } from '../../storage/repository.js';
import { checkAppRequest, type AppRequestHeaders } from '../../providers/sima/app-request.js';
import {
  SIMA_CONTRACT_EXPIRED, SIMA_CONTRACT_INVALID, SIMA_CONTRACT_NOT_YET_VALID, SIMA_DOCUMENT_INVALID, SIMA_MESSAGES,
  SIMA_OPERATION_REPLAYED, SIMA_OPERATION_UNKNOWN, SIMA_PROCESS_CHANGED, SIMA_REQUEST_INVALID, SIMA_RUN_UNKNOWN,
  SIMA_WRONG_PERSON, simaAppErrorCode,
} from '../../providers/sima/codes.js';
import {
  buildContract, checkContractSignature, contractUrl, decodeTsquery, deepLink, qrImage, type SimaClient, type SimaContract,
} from '../../providers/sima/contract.js';
import { linkTokenHash } from './link-tokens.js';
import { liveLink as liveLinkOf } from './live-link.js';
import { recordEvent } from './process-service.js';

/** Runs kept at once; beyond it the oldest is dropped (that signer starts again). */
export const MAX_SIMA_RUNS = 10_000;
/** Largest DataSignature accepted, decoded (a signed PDF comes back whole). */
export const MAX_SIMA_DATA_BYTES = 150 * 1024 * 1024;

export interface SimaServiceOptions {
  store: Store;
  anchors: readonly Certificate[];
  /** The SİMA issuing CA(s) and the PCA: the app sends only the person's certificate. */
  intermediates: readonly Certificate[];
  client: SimaClient;
  /** Lifetime of a contract (NbfUTC..ExpUTC), seconds. */
  ttlSeconds: number;
  /** True with IMZALA_SIMA=simulator: pages say so and the dev scan route exists. */
  simulated: boolean;
  mailQueued?: () => void;
  now?: () => Date;
}

export interface SimaOperationView { documentId: string; name: string; qrUrl: string; deepLink: string; qrImage: string }
export interface SimaRunView { runId: string; expiresAt: string; operations: SimaOperationView[] }
export interface SimaRunState {
  status: 'waiting' | 'signed' | 'failed';
  /** Document ids signed in this run so far. */
  signedDocuments: string[];
  error?: { code: string; message: string };
  process?: { id: string; name: string; status: string; signers: { index: number; name: string; status: string }[] };
}

export interface SimaService {
  readonly simulated: boolean;
  /** `POST /api/v1/signing/{token}/sima`. */
  start(token: string): Promise<SimaRunView>;
  /** `GET /api/v1/signing/{token}/sima/{runId}`. */
  poll(token: string, runId: string): Promise<SimaRunState>;
  /** GETDATA: `pathAndQuery` is what ts-sign covers (the request's path and query exactly as sent). */
  getData(pathAndQuery: string, tsquery: unknown, headers: AppRequestHeaders): Promise<{ filename: string; data: string }>;
  /** The app's callback: `body` exactly as received (ts-sign covers it). */
  callback(body: Uint8Array, headers: AppRequestHeaders): Promise<{ status: 'success' }>;
}

interface Operation {
  id: string;
  runId: string;
  document: ProcessDocument;
  /** The stored version the operation started from. */
  baseSha256: string;
  /** The bytes the document had: the PDF served, or the original file / ASiC-E container for other files. */
  base: Uint8Array;
  /** What GETDATA serves and the app signs. */
  served: Uint8Array;
  filename: string;
  /** Signatures the served PDF already had (the returned one must add exactly one). */
  signaturesBefore: number;
  contract: SimaContract;
  fin: string;
  nbf: number;
  exp: number;
}

interface Run {
  id: string;
  tokenHash: string;
  processId: string;
  signerIndex: number;
  language: Language;
  operations: string[];
  expiresAt: number;
  signed: Map<string, string>;
  status: SimaRunState['status'];
  error?: string;
  errorDetails?: Record<string, unknown>;
  process?: SimaRunState['process'];
}

function summary(process: SigningProcess): NonNullable<SimaRunState['process']> {
  return { id: process.id, name: process.name, status: process.status, signers: process.signers.map((s) => ({ index: s.index, name: s.name, status: s.status })) };
}

function message(code: string, language: Language, details: Record<string, unknown> = {}): string {
  const text = SIMA_MESSAGES[code]?.[language] ?? code;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(details[k] ?? ''));
}

/** The manifest createAsicE / addAsicESignature would have signed, without signing it (signing-sessions.ts uses it too). */
export async function manifestToSign(make: (sign: ManifestSigner) => Promise<Uint8Array>): Promise<Uint8Array> {
  const captured = new Error('manifest captured');
  let manifest: Uint8Array | undefined;
  try {
    await make(async (m) => {
      manifest = m.slice();
      throw captured;
    });
  } catch (e) {
    if (e !== captured) throw e;
  }
  return manifest!;
}

const documentInvalid = (reason: string) => new ImzalaError(SIMA_DOCUMENT_INVALID, `the signed document SİMA returned does not verify: ${reason}`, { reason });

export function createSimaService(options: SimaServiceOptions): SimaService {
  const { store, anchors, intermediates, client } = options;
  const now = options.now ?? (() => new Date());
  const runs = new Map<string, Run>();
  const operations = new Map<string, Operation>();
  /** Answered OperationIds until their ExpUTC (ms): a second answer is a replay. */
  const answered = new Map<string, number>();

  function prune(at: number): void {
    for (const [id, exp] of answered) if (exp < at) answered.delete(id);
    for (const [id, run] of runs) {
      // A finished or expired run is kept a while for the page's last poll, then dropped with its operations.
      if (run.expiresAt + 10 * 60_000 < at) {
        runs.delete(id);
        for (const op of run.operations) operations.delete(op);
      }
    }
  }

  const liveLink = (token: string, at: Date) => liveLinkOf(store, token, at, options.mailQueued);

  /** The operation of a request and the person's certificate, after every check GETDATA and the callback share. */
  async function authenticate(operationId: unknown, headers: AppRequestHeaders, signed: Uint8Array, at: Date) {
    const op = typeof operationId === 'string' ? operations.get(operationId) : undefined;
    if (!op) throw new ImzalaError(SIMA_OPERATION_UNKNOWN, 'no such SİMA operation', {});
    const certificate = await checkAppRequest(headers, { signed, anchors, intermediates, time: at });
    const fin = certificate.identity.fin;
    if (fin === undefined || normalizeFin(fin) !== normalizeFin(op.fin) || !op.contract.SignableContainer.OperationInfo.Assignee.some((a) => normalizeFin(a) === normalizeFin(fin))) {
      throw new ImzalaError(SIMA_WRONG_PERSON, 'the SİMA certificate belongs to someone else', { fin: fin ?? null });
    }
    const seconds = Math.floor(at.getTime() / 1000);
    if (seconds < op.nbf) throw new ImzalaError(SIMA_CONTRACT_NOT_YET_VALID, 'the contract is not valid yet', { nbf: op.nbf });
    if (seconds > op.exp) throw new ImzalaError(SIMA_CONTRACT_EXPIRED, 'the contract has expired', { exp: op.exp });
    if (answered.has(op.id)) throw new ImzalaError(SIMA_OPERATION_REPLAYED, 'this operation was already answered', {});
    return { op, certificate, run: runs.get(op.runId) };
  }

  function fail(run: Run | undefined, code: string, details: Record<string, unknown> = {}): void {
    if (!run || run.status !== 'waiting') return;
    run.status = 'failed';
    run.error = code;
    run.errorDetails = details;
  }

  /** The signed version of the operation's document, checked: exactly one new signature by this person, valid now. */
  async function signedVersion(op: Operation, run: Run, returned: Uint8Array, certificate: Certificate, at: Date): Promise<Uint8Array> {
    let bytes: Uint8Array;
    if (op.document.kind === 'pdf') {
      if (returned.length <= op.base.length || Buffer.compare(Buffer.from(returned.subarray(0, op.base.length)), Buffer.from(op.base)) !== 0) {
        throw documentInvalid('the PDF does not start with the document that was served');
      }
      bytes = returned;
    } else {
      const cms = async () => returned;
      const first = op.baseSha256 === op.document.sha256;
      try {
        // The same deterministic manifest that was served; createAsicE checks the CMS verifies over it.
        bytes = first ? await createAsicE([{ name: op.document.name, bytes: op.base }], cms) : await addAsicESignature(op.base, cms);
      } catch (e) {
        throw documentInvalid(isImzalaError(e) ? e.code : 'the signature could not join the container');
      }
    }
    let report;
    try {
      report = await validateDocument({ name: op.document.name, source: bytesSource(bytes) }, { anchors, validationTime: at, crls: [], language: 'en' }, at);
    } catch (e) {
      throw documentInvalid(isImzalaError(e) ? e.code : 'unreadable');
    }
    const newest = report.signatures.at(-1);
    if (report.status === 'INVALID' || !newest || newest.indication !== 'TOTAL_PASSED') {
      throw documentInvalid((newest?.errors ?? []).map((e) => e.code).join(', ') || report.status);
    }
    if (op.document.kind === 'pdf' && report.signatures.length !== op.signaturesBefore + 1) throw documentInvalid('the update does not add exactly one signature');
    if (newest.signer?.sha256 !== certificate.sha256) throw documentInvalid('the document was signed with another certificate than ts-cert');
    const process = await store.getProcess(run.processId);
    const party = process?.signers[run.signerIndex];
    const finMatches = party && newest.signer.fin !== null && normalizeFin(newest.signer.fin) === normalizeFin(party.fin);
    const voenMatches = party && (party.type !== 'legal' || newest.signer.voen === party.voen);
    if (!finMatches || !voenMatches) throw new ImzalaError(SIMA_WRONG_PERSON, 'the document was signed by someone else', { expected: party?.type === 'legal' ? 'FIN, VÖEN' : 'FIN' });
    return bytes;
  }

  /** Records the step once every document of the run is signed. */
  async function finish(run: Run, at: Date): Promise<void> {
    const ops = run.operations.map((id) => operations.get(id)!);
    const process = await store.transact(async (tx) => {
      const current = await tx.getProcess(run.processId);
      if (!current) throw new ImzalaError('LINK_INVALID', 'no such signing link', {});
      for (const op of ops) {
        if ((current.current[op.document.id] ?? op.document.sha256) !== op.baseSha256) {
          throw new ImzalaError(SIMA_PROCESS_CHANGED, 'the document changed while signing with SİMA', { documentId: op.document.id });
        }
      }
      const documents = ops.map((op) => ({ documentId: op.document.id, sha256: run.signed.get(op.document.id)! }));
      const { process: next, changed } = await recordEvent(tx, current, { type: 'sign', at: at.toISOString(), signerIndex: run.signerIndex, documents });
      if (changed) await tx.markTokenUsed(run.tokenHash, at);
      return next;
    });
    options.mailQueued?.();
    run.status = 'signed';
    run.process = summary(process);
  }

  return {
    simulated: options.simulated,

    async start(token) {
      const at = now();
      prune(at.getTime());
      const { hash, process, signer } = await liveLink(token, at);
      const nbf = Math.floor(at.getTime() / 1000);
      const exp = nbf + options.ttlSeconds;
      const run: Run = {
        id: randomUUID(),
        tokenHash: hash,
        processId: process.id,
        signerIndex: signer.index,
        language: (['az', 'en', 'ru'].includes(process.language) ? process.language : 'az') as Language,
        operations: [],
        expiresAt: exp * 1000,
        signed: new Map(),
        status: 'waiting',
      };
      const views: SimaOperationView[] = [];
      for (const document of process.documents) {
        const baseSha256 = process.current[document.id] ?? document.sha256;
        const base = await store.readFile(baseSha256);
        let served = base;
        let filename = document.name;
        let signaturesBefore = 0;
        if (document.kind === 'pdf') {
          signaturesBefore = (await validateDocument({ name: document.name, source: bytesSource(base) }, { anchors, validationTime: at, crls: [], language: 'en' }, at)).signatures.length;
        } else {
          const first = baseSha256 === document.sha256;
          served = await manifestToSign((sign) => (first ? createAsicE([{ name: document.name, bytes: base }], sign) : addAsicESignature(base, sign)));
          filename = `${document.name}.ASiCManifest.xml`;
        }
        const id = randomUUID();
        const contract = buildContract(client, { operationId: id, nbf, exp, fin: signer.fin, redirectUri: `${client.publicUrl}/s/${token}` });
        operations.set(id, { id, runId: run.id, document, baseSha256, base, served, filename, signaturesBefore, contract, fin: signer.fin, nbf, exp });
        run.operations.push(id);
        const url = contractUrl(client.publicUrl, contract);
        views.push({ documentId: document.id, name: document.name, qrUrl: url, deepLink: deepLink(url), qrImage: qrImage(url) });
      }
      if (runs.size >= MAX_SIMA_RUNS) {
        const [oldest, dropped] = runs.entries().next().value!;
        runs.delete(oldest);
        for (const op of dropped.operations) operations.delete(op);
      }
      runs.set(run.id, run);
      return { runId: run.id, expiresAt: new Date(run.expiresAt).toISOString(), operations: views };
    },

    async poll(token, runId) {
      const run = runs.get(runId);
      if (!run || run.tokenHash !== linkTokenHash(token)) throw new ImzalaError(SIMA_RUN_UNKNOWN, 'no such SİMA signing session', {});
      if (run.status === 'waiting' && now().getTime() > run.expiresAt) fail(run, SIMA_CONTRACT_EXPIRED);
      return {
        status: run.status,
        signedDocuments: run.operations.map((id) => operations.get(id)!.document.id).filter((d) => run.signed.has(d)),
        ...(run.error ? { error: { code: run.error, message: message(run.error, run.language, run.errorDetails) } } : {}),
        ...(run.process ? { process: run.process } : {}),
      };
    },

    async getData(pathAndQuery, tsquery, headers) {
      const at = now();
      const contract = decodeTsquery(tsquery);
      checkContractSignature(contract, client.masterKey);
      const operationId = contract.SignableContainer.OperationInfo.OperationId;
      const known = operations.get(operationId);
      // A valid HMAC over another container of ours (an older contract for the same id cannot exist: ids are UUIDs).
      if (known && known.contract.Header.Signature !== contract.Header.Signature) throw new ImzalaError(SIMA_CONTRACT_INVALID, 'not the contract of this operation', {});
      const { op } = await authenticate(operationId, headers, new Uint8Array(Buffer.from(pathAndQuery, 'utf8')), at);
      return { filename: op.filename, data: Buffer.from(op.served).toString('base64') };
    },

    async callback(body, headers) {
      const at = now();
      let fields: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        fields = parsed as Record<string, unknown>;
      } catch {
        throw new ImzalaError(SIMA_REQUEST_INVALID, 'the SİMA request is malformed: the body is not a JSON object', { detail: 'the body is not a JSON object' });
      }
      const { op, certificate, run } = await authenticate(fields.OperationId, headers, body, at);
      // From here on the operation is answered, whatever the outcome: the person's app spoke for it.
      answered.set(op.id, op.exp * 1000);
      const appError = typeof fields.Error === 'string' ? fields.Error : typeof fields.error === 'string' ? fields.error : undefined;
      if (appError !== undefined) {
        fail(run, simaAppErrorCode(appError.slice(0, 100)), { error: appError.slice(0, 100) });
        return { status: 'success' };
      }
      try {
        if (fields.Type !== 'Sign') throw new ImzalaError(SIMA_REQUEST_INVALID, 'the SİMA request is malformed: Type must be Sign', { detail: 'Type must be Sign' });
        if (!run || run.status !== 'waiting') throw new ImzalaError(SIMA_RUN_UNKNOWN, 'the SİMA signing session is over', {});
        const text = fields.DataSignature;
        if (typeof text !== 'string' || text.length === 0 || text.length > (MAX_SIMA_DATA_BYTES / 3) * 4 + 4 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
          throw new ImzalaError(SIMA_REQUEST_INVALID, 'the SİMA request is malformed: DataSignature must be base64', { detail: 'DataSignature must be base64' });
        }
        const bytes = await signedVersion(op, run, new Uint8Array(Buffer.from(text, 'base64')), certificate, at);
        const stored = await store.putFile(bytes);
        run.signed.set(op.document.id, stored.sha256);
        if (run.signed.size === run.operations.length) await finish(run, at);
      } catch (e) {
        if (isImzalaError(e)) fail(run, e.code, e.details);
        throw e;
      }
      return { status: 'success' };
    },
  };
}
