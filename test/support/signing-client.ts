/**
 * An outside client of the hash-signing API, as a signing tool uses it: prepare with the certificate (and chain),
 * sign each digest as a pre-hashed value with the key (test/support/remote-signer.ts), complete.
 */
import request from 'supertest';
import { toBase64 } from '../../core/encoding/base64.js';
import type { HashAlgorithm } from '../../core/crypto/hash.js';
import { signDigest } from './remote-signer.js';

export interface ApiSigner {
  /** DER of the signer's certificate. */
  certificate: Uint8Array;
  /** DER of the CA certificates above it. */
  chain: readonly Uint8Array[];
  /** PKCS#8 DER or PEM. */
  privateKey: Uint8Array | string;
  /** Send ECDSA values as raw r||s, as tokens return them. */
  p1363?: boolean;
}

/** The body a tool sends to /complete. */
export interface CompleteBody {
  sessionId: string;
  signatures: { documentId: string; signature: string }[];
}

/** prepare, then each digest signed with the key: the answer to /prepare and the body for /complete (not sent). */
export async function prepareAndSign(serviceUrl: string, token: string, signer: ApiSigner, lang = 'en'): Promise<{ prepared: request.Response; body: CompleteBody }> {
  const prepared = await request(serviceUrl)
    .post(`/api/v1/signing/${token}/prepare?lang=${lang}`)
    .send({ certificate: toBase64(signer.certificate), chain: signer.chain.map(toBase64) });
  const digests = prepared.status === 200 ? (prepared.body.digests as { documentId: string; digest: string; digestAlgorithm: HashAlgorithm }[]) : [];
  const signatures = digests.map((d) => ({
    documentId: d.documentId,
    signature: toBase64(signDigest(signer.privateKey, Buffer.from(d.digest, 'base64'), d.digestAlgorithm, { p1363: signer.p1363 })),
  }));
  return { prepared, body: { sessionId: prepared.body?.sessionId as string, signatures } };
}

export interface ApiSigningResult {
  prepare: request.Response;
  complete?: request.Response;
}

/** One signing step through `/api/v1/signing/{token}/prepare` and `/complete`; stops after a refused prepare. */
export async function signThroughApi(serviceUrl: string, token: string, signer: ApiSigner, lang = 'en'): Promise<ApiSigningResult> {
  const { prepared, body } = await prepareAndSign(serviceUrl, token, signer, lang);
  if (prepared.status !== 200) return { prepare: prepared };
  const complete = await request(serviceUrl).post(`/api/v1/signing/${token}/complete?lang=${lang}`).send(body);
  return { prepare: prepared, complete };
}

/** Starts a signing process through `POST /api/v1/processes`, as the wizard does; throws unless it was created (201). */
export async function startProcessThroughApi(serviceUrl: string, process: Record<string, unknown>, documents: readonly [name: string, bytes: Uint8Array][]): Promise<{ id: string }> {
  let call = request(serviceUrl).post('/api/v1/processes').field('process', JSON.stringify(process));
  for (const [name, bytes] of documents) call = call.attach('documents', Buffer.from(bytes), name);
  const res = await call;
  if (res.status !== 201) throw new Error(`process not started: HTTP ${res.status} ${res.text}`);
  return res.body as { id: string };
}
