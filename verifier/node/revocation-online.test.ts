/**
 * Online revocation end to end on 127.0.0.1: certificates from the TEST PKI builders whose AIA and CRL
 * distribution points name a local server; that server answers OCSP with real signed responses and serves
 * real CRLs. The client side is the product's own: createHttpFetcher, createFileRevocationCache,
 * gatherRevocationData, and validateCertificatePath with the data gathered.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Certificate } from '../../core/pki/certificate.js';
import { validateCertificatePath } from '../../core/pki/path-validation.js';
import { gatherRevocationData, ocspCacheKey, type GatherRevocationOptions } from '../../core/pki/revocation/revocation-data.js';
import { issueCertificate, type IssuedCertificate } from '../pki-demo/certificate-builder.js';
import { certificateSerialNumber, issueCrl } from '../pki-demo/crl-builder.js';
import {
  buildOcspResponse, requestNonce, requestSerialHex, startTestServer, type Answer, type RecordedRequest, type TestServer,
} from '../../test/support/ocsp-responder.js';
import { createHttpFetcher } from './http-fetcher.js';
import { createFileRevocationCache } from './revocation-cache.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (offset: number) => new Date(now.getTime() + offset);
const ec = { algorithm: 'EC', namedCurve: 'P-256' } as const;

type OcspMode = 'good' | 'revoked' | 'unknown' | 'bad-signature' | 'stale' | 'hang' | 'http-500';

let server: TestServer;
let refusedUrl: string;
let ocspMode: OcspMode = 'good';
let root: IssuedCertificate;
let ica: IssuedCertificate;
let leaf: IssuedCertificate;
let downLeaf: IssuedCertificate;
let revokedLeaf: IssuedCertificate;
let icaCrl: Uint8Array;
let rootCrl: Uint8Array;
let certs: { root: Certificate; ica: Certificate; leaf: Certificate; downLeaf: Certificate; revokedLeaf: Certificate };
let dir: string;

async function respond(request: RecordedRequest): Promise<Answer> {
  if (request.path === '/ica.crl') return icaCrl;
  if (request.path === '/root.crl') return rootCrl;
  if (request.path !== '/ocsp' || request.method !== 'POST') return { status: 404 };
  if (ocspMode === 'hang') return 'hang';
  if (ocspMode === 'http-500') return { status: 500 };
  const serial = requestSerialHex(request.body);
  const subject = [leaf, downLeaf, revokedLeaf].find((c) => Certificate.fromDer(c.certificate).serialNumberHex === serial)!;
  const nonce = requestNonce(request.body);
  return buildOcspResponse({
    certificate: subject.certificate,
    issuerCertificate: ica.certificate,
    signer: ocspMode === 'bad-signature' ? { certificate: ica.certificate, privateKeyPkcs8: root.privateKeyPkcs8 } : ica,
    status: ocspMode === 'revoked' ? { revoked: at(-2 * DAY), reason: 'keyCompromise' } : ocspMode === 'unknown' ? 'unknown' : 'good',
    thisUpdate: ocspMode === 'stale' ? at(-3 * DAY) : at(-HOUR),
    nextUpdate: ocspMode === 'stale' ? at(-2 * DAY) : at(DAY),
    ...(nonce ? { nonce } : {}),
  });
}

beforeAll(async () => {
  server = await startTestServer(respond);
  const closed = await startTestServer(() => ({ status: 404 }));
  refusedUrl = `${closed.url}/ocsp`;
  await closed.close();

  const base = server.url;
  const caUsage = { usages: ['keyCertSign', 'cRLSign'] as const };
  root = await issueCertificate({
    subject: [{ type: 'CN', value: 'TEST Online Root' }], key: ec, notBefore: at(-365 * DAY), notAfter: at(365 * DAY),
    basicConstraints: { ca: true }, keyUsage: caUsage,
  });
  ica = await issueCertificate({
    subject: [{ type: 'CN', value: 'TEST Online ICA' }], issuer: root, key: ec, notBefore: at(-300 * DAY), notAfter: at(300 * DAY),
    basicConstraints: { ca: true, pathLength: 0 }, keyUsage: caUsage, crlDistributionPoints: [`${base}/root.crl`],
  });
  const person = (cn: string, ocsp: string) => issueCertificate({
    subject: [{ type: 'CN', value: cn }], issuer: ica, key: ec, notBefore: at(-10 * DAY), notAfter: at(300 * DAY),
    basicConstraints: { ca: false }, keyUsage: { usages: ['digitalSignature', 'nonRepudiation'] },
    crlDistributionPoints: [`${base}/ica.crl`], authorityInfoAccess: { ocsp: [ocsp] },
  });
  leaf = await person('TEST Online Holder', `${base}/ocsp`);
  downLeaf = await person('TEST Responder Down', refusedUrl);
  revokedLeaf = await person('TEST Revoked Holder', refusedUrl);
  const window = { thisUpdate: at(-HOUR), nextUpdate: at(7 * DAY) };
  icaCrl = await issueCrl({ issuer: ica, ...window, revoked: [{ serialNumber: certificateSerialNumber(revokedLeaf.certificate), revocationDate: at(-3 * DAY), reason: 'keyCompromise' }] });
  rootCrl = await issueCrl({ issuer: root, ...window });
  certs = {
    root: Certificate.fromDer(root.certificate), ica: Certificate.fromDer(ica.certificate), leaf: Certificate.fromDer(leaf.certificate),
    downLeaf: Certificate.fromDer(downLeaf.certificate), revokedLeaf: Certificate.fromDer(revokedLeaf.certificate),
  };
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  ocspMode = 'good';
  server.requests.length = 0;
  dir = mkdtempSync(join(tmpdir(), 'imzala-revocation-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

const pathOf = (target: Certificate) => [target, certs.ica, certs.root];
const options = (more: Partial<GatherRevocationOptions> = {}): GatherRevocationOptions => ({
  fetcher: createHttpFetcher(), cache: createFileRevocationCache({ dir }), time: now, timeoutMs: 2000, ...more,
});
const validate = (target: Certificate, data: { crls: readonly import('../../core/pki/crl.js').Crl[]; ocsp: Map<string, import('../../core/pki/revocation/ocsp.js').OcspCheck> }) =>
  validateCertificatePath(target, {
    anchors: [certs.root], intermediates: [certs.ica], time: now, crls: data.crls, ocsp: data.ocsp, requireRevocationData: true,
  });

describe('gatherRevocationData online', () => {
  it('asks the OCSP responder for the signer and the CRL for the intermediate; the path then validates', async () => {
    const data = await gatherRevocationData(pathOf(certs.leaf), options({ nonce: true }));
    expect(data.problems).toEqual([]);
    expect(data.ocsp.get(certs.leaf.sha256)).toMatchObject({ status: 'good', evidence: { responderKind: 'issuer' } });
    expect(data.crls.map((c) => c.issuer.toString())).toEqual([certs.root.subject.toString()]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /root.crl', 'POST /ocsp']);
    expect(requestNonce(server.requests.find((r) => r.path === '/ocsp')!.body)).toHaveLength(32);
    expect(await validate(certs.leaf, data)).toMatchObject({ valid: true, code: null });
  });

  it('a revoked answer from the responder makes the path fail as revoked', async () => {
    ocspMode = 'revoked';
    const data = await gatherRevocationData(pathOf(certs.leaf), options());
    expect(data.ocsp.get(certs.leaf.sha256)).toMatchObject({ status: 'revoked', code: 'CERTIFICATE_REVOKED' });
    const result = await validate(certs.leaf, data);
    expect(result).toMatchObject({ valid: false, code: 'CERTIFICATE_REVOKED', evidence: { index: 0 } });
    expect(result.evidence.ocsp?.evidence.reason).toBe('keyCompromise');
  });

  it('an "unknown" answer or a forged signature is not used: the CRL decides, and the problem is listed', async () => {
    for (const [mode, code] of [['unknown', 'OCSP_CERT_STATUS_UNKNOWN'], ['bad-signature', 'OCSP_SIGNATURE_INVALID'], ['stale', 'OCSP_NOT_CURRENT'], ['http-500', 'REVOCATION_FETCH_FAILED']] as const) {
      ocspMode = mode;
      const data = await gatherRevocationData(pathOf(certs.leaf), options({ cache: undefined }));
      expect(data.ocsp.has(certs.leaf.sha256)).toBe(false);
      expect(data.problems).toEqual([expect.objectContaining({ url: `${server.url}/ocsp`, code, certificate: certs.leaf.sha256 })]);
      expect(data.crls.map((c) => c.issuer.toString()).sort()).toEqual([certs.ica.subject.toString(), certs.root.subject.toString()].sort());
      expect(await validate(certs.leaf, data)).toMatchObject({ valid: true });
    }
  });

  it('a responder that refuses connections costs little: REVOCATION_FETCH_FAILED, then the CRL shows the revocation', async () => {
    const started = Date.now();
    const data = await gatherRevocationData(pathOf(certs.revokedLeaf), options());
    expect(Date.now() - started).toBeLessThan(2000);
    expect(data.problems).toEqual([expect.objectContaining({ url: refusedUrl, code: 'REVOCATION_FETCH_FAILED' })]);
    expect(await validate(certs.revokedLeaf, data)).toMatchObject({ valid: false, code: 'CERTIFICATE_REVOKED' });
  });

  it('a responder that never answers times out after timeoutMs with REVOCATION_FETCH_TIMEOUT', async () => {
    ocspMode = 'hang';
    const started = Date.now();
    const data = await gatherRevocationData(pathOf(certs.leaf), options({ timeoutMs: 300 }));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
    expect(data.problems).toEqual([expect.objectContaining({ code: 'REVOCATION_FETCH_TIMEOUT' })]);
    expect(await validate(certs.leaf, data)).toMatchObject({ valid: true });
  });

  it('a cached answer avoids the network, and offline mode uses only the cache', async () => {
    const first = await gatherRevocationData(pathOf(certs.leaf), options());
    expect(first.problems).toEqual([]);
    expect(server.requests).toHaveLength(2);

    const again = await gatherRevocationData(pathOf(certs.leaf), options());
    expect(server.requests).toHaveLength(2);
    expect(again.ocsp.get(certs.leaf.sha256)?.status).toBe('good');

    let fetched = 0;
    const offline = await gatherRevocationData(pathOf(certs.leaf), options({ offline: true, fetcher: { fetch: async () => (fetched++, new Uint8Array()) } }));
    expect(fetched).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(offline.problems).toEqual([]);
    expect(await validate(certs.leaf, offline)).toMatchObject({ valid: true });
    expect(await createFileRevocationCache({ dir }).get(ocspCacheKey(`${server.url}/ocsp`, certs.leaf))).toBeInstanceOf(Uint8Array);
  });

  it('offline with nothing cached fetches nothing; required revocation data is then REVOCATION_UNKNOWN', async () => {
    const data = await gatherRevocationData(pathOf(certs.leaf), options({ offline: true }));
    expect(server.requests).toHaveLength(0);
    expect(data.problems.map((p) => p.code)).toEqual(['REVOCATION_OFFLINE_NO_DATA', 'REVOCATION_OFFLINE_NO_DATA', 'REVOCATION_OFFLINE_NO_DATA']);
    expect(await validate(certs.leaf, data)).toMatchObject({ valid: false, code: 'REVOCATION_UNKNOWN' });
  });

  it('an OCSP answer counts only with the issuer it was checked against', async () => {
    ocspMode = 'revoked';
    const data = await gatherRevocationData(pathOf(certs.leaf), options());
    const answer = data.ocsp.get(certs.leaf.sha256)!;
    const elsewhere = new Map([[certs.leaf.sha256, { ...answer, evidence: { ...answer.evidence, issuerSha256: certs.root.sha256 } }]]);
    // Without a usable answer the ICA's CRL (not gathered here) is missing: the status is unknown, not revoked.
    expect(await validate(certs.leaf, { crls: data.crls, ocsp: elsewhere })).toMatchObject({ valid: false, code: 'REVOCATION_UNKNOWN' });
  });

  it('CRLs already given are not fetched again', async () => {
    const { Crl } = await import('../../core/pki/crl.js');
    const data = await gatherRevocationData(pathOf(certs.downLeaf), options({ crls: [Crl.fromDer(icaCrl), Crl.fromDer(rootCrl)] }));
    expect(server.requests).toHaveLength(0);
    expect(data).toMatchObject({ crls: [], problems: [] });
  });
});
