import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePem } from '../../encoding/pem.js';
import { Certificate } from '../certificate.js';
import { EXTENDED_KEY_USAGE_OIDS, issueCertificate, type IssuedCertificate } from '../../../verifier/pki-demo/certificate-builder.js';
import { buildOcspResponse, ocspStatusResponse, requestNonce, requestSerialHex, type OcspAnswerSpec } from '../../../test/support/ocsp-responder.js';
import { buildOcspRequest, checkOcspResponse, OCSP_SIGNING_EKU } from './ocsp.js';
import { OCSP_NOCHECK_OID } from './ocsp-response.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (offset: number) => new Date(now.getTime() + offset);
const ec = { algorithm: 'EC', namedCurve: 'P-256' } as const;

let ca: IssuedCertificate;
let otherCa: IssuedCertificate;
let holder: IssuedCertificate;
let other: IssuedCertificate;
let delegated: IssuedCertificate;
let delegatedNoEku: IssuedCertificate;
let foreignResponder: IssuedCertificate;
let cert: Certificate;
let issuer: Certificate;

const caName = (cn: string) => [{ type: 'C', value: 'AZ' }, { type: 'CN', value: cn }] as const;

beforeAll(async () => {
  const caSpec = { key: ec, notBefore: at(-365 * DAY), notAfter: at(365 * DAY), basicConstraints: { ca: true }, keyUsage: { usages: ['keyCertSign', 'cRLSign'] as const } };
  ca = await issueCertificate({ subject: [...caName('TEST OCSP CA')], ...caSpec });
  otherCa = await issueCertificate({ subject: [...caName('TEST Other CA')], ...caSpec });
  const leaf = (cn: string, signer: IssuedCertificate, eku?: string[], extra?: { oid: string; critical: boolean; value: Uint8Array }[]) =>
    issueCertificate({
      subject: [...caName(cn)], issuer: signer, key: ec, notBefore: at(-DAY), notAfter: at(30 * DAY),
      keyUsage: { usages: ['digitalSignature', 'nonRepudiation'] }, ...(eku ? { extendedKeyUsage: eku } : {}), ...(extra ? { extraExtensions: extra } : {}),
    });
  holder = await leaf('TEST Holder', ca);
  other = await leaf('TEST Someone Else', ca);
  // id-pkix-ocsp-nocheck: its value is NULL.
  delegated = await leaf('TEST OCSP Responder', ca, [OCSP_SIGNING_EKU], [{ oid: OCSP_NOCHECK_OID, critical: false, value: Uint8Array.of(0x05, 0x00) }]);
  delegatedNoEku = await leaf('TEST Not A Responder', ca, [EXTENDED_KEY_USAGE_OIDS.emailProtection]);
  foreignResponder = await leaf('TEST Foreign Responder', otherCa, [OCSP_SIGNING_EKU]);
  cert = Certificate.fromDer(holder.certificate);
  issuer = Certificate.fromDer(ca.certificate);
});

function answer(overrides: Partial<OcspAnswerSpec> = {}): Promise<Uint8Array> {
  return buildOcspResponse({
    certificate: holder.certificate, issuerCertificate: ca.certificate, signer: ca, status: 'good',
    thisUpdate: at(-HOUR), nextUpdate: at(DAY), ...overrides,
  });
}

describe('checkOcspResponse: what the answer says', () => {
  it('accepts a good answer signed by the issuer', async () => {
    const check = await checkOcspResponse(await answer(), cert, issuer, { time: now });
    expect(check).toMatchObject({ status: 'good', code: null, evidence: { responderKind: 'issuer', certificateSha256: cert.sha256 } });
    expect(check.evidence.thisUpdate).toEqual(at(-HOUR));
    expect(check.evidence.nextUpdate).toEqual(at(DAY));
  });

  it('reports a revocation at or before the time as revoked, with its date and reason', async () => {
    const der = await answer({ status: { revoked: at(-2 * DAY), reason: 'keyCompromise' } });
    const check = await checkOcspResponse(der, cert, issuer, { time: now });
    expect(check).toMatchObject({ status: 'revoked', code: 'CERTIFICATE_REVOKED', evidence: { revocationTime: at(-2 * DAY), reason: 'keyCompromise' } });
  });

  it('keeps a signature made before the revocation good, noting the later revocation', async () => {
    const der = await answer({ status: { revoked: at(-2 * HOUR) } });
    const check = await checkOcspResponse(der, cert, issuer, { time: at(-3 * HOUR) });
    expect(check).toMatchObject({ status: 'good', code: null, evidence: { revokedAfterTime: at(-2 * HOUR) } });
  });

  it('passes on "unknown" as unknown', async () => {
    const check = await checkOcspResponse(await answer({ status: 'unknown' }), cert, issuer, { time: now });
    expect(check).toMatchObject({ status: 'unknown', code: 'OCSP_CERT_STATUS_UNKNOWN' });
  });

  it('reads a CertID made with SHA-256', async () => {
    const check = await checkOcspResponse(await answer({ certIdHash: 'SHA-256' }), cert, issuer, { time: now });
    expect(check.status).toBe('good');
  });

  it('refuses an answer about another certificate', async () => {
    const der = await answer({ certificate: other.certificate });
    expect(await checkOcspResponse(der, cert, issuer, { time: now })).toMatchObject({ status: 'failed', code: 'OCSP_CERT_ID_MISMATCH' });
  });

  it('reports a non-successful response status by name', async () => {
    const check = await checkOcspResponse(ocspStatusResponse(3), cert, issuer, { time: now });
    expect(check).toMatchObject({ status: 'failed', code: 'OCSP_RESPONSE_STATUS', evidence: { responseStatus: 'tryLater' } });
  });
});

describe('checkOcspResponse: who may answer', () => {
  it('refuses an answer in the issuer\'s name signed with another key', async () => {
    const der = await answer({ signer: { certificate: ca.certificate, privateKeyPkcs8: otherCa.privateKeyPkcs8 } });
    expect(await checkOcspResponse(der, cert, issuer, { time: now })).toMatchObject({ status: 'failed', code: 'OCSP_SIGNATURE_INVALID' });
  });

  it('accepts a delegated responder with id-kp-OCSPSigning issued by the issuer, noting ocsp-nocheck', async () => {
    const der = await answer({ signer: delegated, certs: [delegated.certificate], responderByKey: true });
    const check = await checkOcspResponse(der, cert, issuer, { time: now });
    expect(check).toMatchObject({ status: 'good', evidence: { responderKind: 'delegated', responderNoCheck: true } });
    expect(check.evidence.responder?.sha256).toBe(Certificate.fromDer(delegated.certificate).sha256);
  });

  it('refuses a responder certificate without id-kp-OCSPSigning', async () => {
    const der = await answer({ signer: delegatedNoEku, certs: [delegatedNoEku.certificate] });
    const check = await checkOcspResponse(der, cert, issuer, { time: now });
    expect(check).toMatchObject({ status: 'failed', code: 'OCSP_RESPONDER_NOT_AUTHORIZED' });
    expect(check.detail).toContain('OCSPSigning');
  });

  it('refuses a responder with id-kp-OCSPSigning issued by another CA', async () => {
    const der = await answer({ signer: foreignResponder, certs: [foreignResponder.certificate] });
    expect(await checkOcspResponse(der, cert, issuer, { time: now })).toMatchObject({ status: 'failed', code: 'OCSP_RESPONDER_NOT_AUTHORIZED' });
  });

  it('refuses a responder it cannot find, and accepts it when trusted locally', async () => {
    const der = await answer({ signer: foreignResponder });
    expect(await checkOcspResponse(der, cert, issuer, { time: now })).toMatchObject({ status: 'failed', code: 'OCSP_RESPONDER_NOT_FOUND' });
    const local = await checkOcspResponse(der, cert, issuer, { time: now, anchors: [Certificate.fromDer(foreignResponder.certificate)] });
    expect(local).toMatchObject({ status: 'good', evidence: { responderKind: 'local' } });
  });
});

describe('checkOcspResponse: nonce and freshness', () => {
  const nonce = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

  it('accepts the nonce that was sent, and refuses another or none', async () => {
    expect((await checkOcspResponse(await answer({ nonce }), cert, issuer, { time: now, nonce })).status).toBe('good');
    const wrong = await answer({ nonce: nonce.map((b) => b ^ 0xff) });
    expect(await checkOcspResponse(wrong, cert, issuer, { time: now, nonce })).toMatchObject({ status: 'failed', code: 'OCSP_NONCE_MISMATCH' });
    expect(await checkOcspResponse(await answer(), cert, issuer, { time: now, nonce })).toMatchObject({ status: 'failed', code: 'OCSP_NONCE_MISMATCH' });
  });

  it('refuses an answer whose nextUpdate has passed', async () => {
    const der = await answer({ thisUpdate: at(-3 * DAY), nextUpdate: at(-2 * DAY) });
    expect(await checkOcspResponse(der, cert, issuer, { time: now })).toMatchObject({ status: 'failed', code: 'OCSP_NOT_CURRENT' });
  });

  it('refuses an answer without nextUpdate older than an hour, and one older than maxAgeSeconds', async () => {
    const old = await answer({ thisUpdate: at(-2 * HOUR), nextUpdate: undefined });
    expect(await checkOcspResponse(old, cert, issuer, { time: now })).toMatchObject({ status: 'failed', code: 'OCSP_NOT_CURRENT' });
    const recent = await answer({ thisUpdate: at(-20 * 60_000), nextUpdate: undefined });
    expect((await checkOcspResponse(recent, cert, issuer, { time: now })).status).toBe('good');
    const day = await answer({ thisUpdate: at(-12 * HOUR) });
    expect(await checkOcspResponse(day, cert, issuer, { time: now, maxAgeSeconds: 3600 })).toMatchObject({ code: 'OCSP_NOT_CURRENT' });
  });

  it('lets a later good answer speak for an earlier signing time, tolerating five minutes of clock skew', async () => {
    expect((await checkOcspResponse(await answer(), cert, issuer, { time: at(-20 * HOUR) })).status).toBe('good');
    const future = await answer({ thisUpdate: at(4 * 60_000) });
    expect((await checkOcspResponse(future, cert, issuer, { time: now })).status).toBe('good');
  });
});

describe('checkOcspResponse: hostile bytes', () => {
  it('never throws and never accepts a changed answer', async () => {
    const der = await answer({ status: { revoked: at(-DAY) } });
    expect((await checkOcspResponse(new Uint8Array(0), cert, issuer, { time: now })).code).toBe('OCSP_MALFORMED');
    expect((await checkOcspResponse(der.subarray(0, der.length - 1), cert, issuer, { time: now })).code).toBe('OCSP_MALFORMED');
    let seed = 7;
    for (let n = 0; n < 300; n++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const mutated = der.slice();
      mutated[seed % der.length]! ^= 1 << (seed % 8);
      const check = await checkOcspResponse(mutated, cert, issuer, { time: now });
      // A flipped bit in a signed part breaks the signature; anywhere else it breaks the DER. Only the
      // signature's own ECDSA-irrelevant encodings could survive, and then the answer is still "revoked".
      expect(['failed', 'revoked']).toContain(check.status);
    }
  });
});

describe('OCSP interoperability with openssl', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'imzala-ocsp-'));
    writeFileSync(join(dir, 'ca.pem'), encodePem('CERTIFICATE', ca.certificate));
    writeFileSync(join(dir, 'ca.key'), encodePem('PRIVATE KEY', ca.privateKeyPkcs8));
    writeFileSync(join(dir, 'holder.pem'), encodePem('CERTIFICATE', holder.certificate));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('openssl reads the request: serial number, SHA-1 CertID and nonce', () => {
    const nonce = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
    const request = buildOcspRequest(cert, issuer, nonce);
    writeFileSync(join(dir, 'req.der'), request);
    const text = execFileSync('openssl', ['ocsp', '-reqin', join(dir, 'req.der'), '-req_text', '-noverify'], { encoding: 'utf8' });
    expect(text).toContain('Hash Algorithm: sha1');
    expect(text.replace(/[\s:]/g, '').toUpperCase()).toContain(cert.serialNumberHex.toUpperCase());
    expect(text).toContain('OCSP Nonce');
    // pkijs reads the same request the way a responder would.
    expect(requestSerialHex(request)).toBe(cert.serialNumberHex);
    expect(Buffer.from(requestNonce(request)!).toString('hex')).toBe(Buffer.from(nonce).toString('hex'));
  });

  const opensslAnswer = (indexLine: string, nonce?: Uint8Array): Uint8Array => {
    writeFileSync(join(dir, 'index.txt'), indexLine);
    writeFileSync(join(dir, 'req.der'), buildOcspRequest(cert, issuer, nonce));
    execFileSync('openssl', [
      'ocsp', '-index', join(dir, 'index.txt'), '-CA', join(dir, 'ca.pem'), '-rsigner', join(dir, 'ca.pem'), '-rkey', join(dir, 'ca.key'),
      '-reqin', join(dir, 'req.der'), '-respout', join(dir, 'resp.der'), '-ndays', '1',
    ], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(join(dir, 'resp.der')));
  };
  const opensslTime = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  const subject = () => cert.subject.toString().split(', ').map((p) => `/${p}`).join('');

  it('accepts a good answer from openssl\'s responder, with the nonce echoed', async () => {
    const nonce = Uint8Array.from({ length: 32 }, (_, i) => i);
    const der = opensslAnswer(`V\t${opensslTime(cert.notAfter)}\t\t${cert.serialNumberHex.toUpperCase()}\tunknown\t${subject()}\n`, nonce);
    expect(await checkOcspResponse(der, cert, issuer, { time: now, nonce })).toMatchObject({ status: 'good', evidence: { responderKind: 'issuer' } });
  });

  it('reads a revocation with its reason from openssl\'s responder', async () => {
    const revokedAt = at(-2 * DAY);
    const der = opensslAnswer(`R\t${opensslTime(cert.notAfter)}\t${opensslTime(revokedAt)},keyCompromise\t${cert.serialNumberHex.toUpperCase()}\tunknown\t${subject()}\n`);
    expect(await checkOcspResponse(der, cert, issuer, { time: now })).toMatchObject({
      status: 'revoked', code: 'CERTIFICATE_REVOKED', evidence: { revocationTime: revokedAt, reason: 'keyCompromise' },
    });
  });

  it('reads openssl\'s "unknown" for a serial not in its index', async () => {
    const der = opensslAnswer(`V\t${opensslTime(cert.notAfter)}\t\t0123\tunknown\t/CN=x\n`);
    expect(await checkOcspResponse(der, cert, issuer, { time: now })).toMatchObject({ status: 'unknown', code: 'OCSP_CERT_STATUS_UNKNOWN' });
  });
});
