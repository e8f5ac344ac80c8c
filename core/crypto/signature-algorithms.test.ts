import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { children, encodingOf, readTlv } from '../encoding/der-reader.js';
import { explicit, nullValue, oid, sequence, smallInteger } from '../encoding/der-writer.js';
import { fromHex, toHex } from '../encoding/hex.js';
import { OpensslWorkspace } from '../../test/crypto/openssl.js';
import type { HashAlgorithm } from './hash.js';
import { decodeAlgorithmIdentifier } from './der-primitives.js';
import {
  ecdsaAlgorithm, isWeakSignatureAlgorithm, rsaPkcs1Algorithm, rsaPssAlgorithm, SIGNATURE_OIDS,
  signatureAlgorithmFromIdentifier, signatureAlgorithmIdentifier, type AlgorithmIdentifierDer, type SignatureAlgorithm,
} from './signature-algorithms.js';

const HASHES: HashAlgorithm[] = ['SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512'];
const SHA256 = sequence(oid('2.16.840.1.101.3.4.2.1'), nullValue());

function refusal(id: AlgorithmIdentifierDer, digestAlgorithm?: HashAlgorithm): { code?: string; details?: Record<string, unknown> } {
  try {
    signatureAlgorithmFromIdentifier(id, digestAlgorithm);
  } catch (e) {
    return e as { code?: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a refusal');
}

describe('AlgorithmIdentifier <-> SignatureAlgorithm', () => {
  const algorithms: SignatureAlgorithm[] = [
    ...(['MD5', ...HASHES] as HashAlgorithm[]).map(rsaPkcs1Algorithm),
    ...HASHES.map(ecdsaAlgorithm),
    ...HASHES.map((h) => rsaPssAlgorithm(h)),
    rsaPssAlgorithm('SHA-256', { mgfHash: 'SHA-1', saltLength: 0 }),
    rsaPssAlgorithm('SHA-1', { saltLength: 20 }),
  ];
  it.each(algorithms.map((a) => [`${a.name} ${a.hash} ${JSON.stringify(a.pss ?? {})}`, a] as const))('%s round-trips', (_label, alg) => {
    expect(signatureAlgorithmFromIdentifier(signatureAlgorithmIdentifier(alg))).toEqual(alg);
  });

  it('names and parameters follow the RFCs: PKCS#1 with NULL, ECDSA without parameters', () => {
    expect(signatureAlgorithmIdentifier(rsaPkcs1Algorithm('SHA-256'))).toEqual({ oid: '1.2.840.113549.1.1.11', parameters: fromHex('0500') });
    expect(signatureAlgorithmIdentifier(ecdsaAlgorithm('SHA-384'))).toEqual({ oid: '1.2.840.10045.4.3.3' });
    expect(rsaPkcs1Algorithm('SHA-256').name).toBe('sha256WithRSAEncryption');
    expect(ecdsaAlgorithm('SHA-384').name).toBe('ecdsa-with-SHA384');
    // All-default PSS parameters (SHA-1, MGF1-SHA-1, salt 20) encode as an empty SEQUENCE.
    expect(toHex(signatureAlgorithmIdentifier(rsaPssAlgorithm('SHA-1', { saltLength: 20 })).parameters!)).toBe('3000');
    expect(signatureAlgorithmIdentifier(ecdsaAlgorithm('SHA-1')).oid).toBe(SIGNATURE_OIDS.ecdsaWithSha1);
    // SHA-1 is read under the old OIW OID too, but written only under the PKCS#1 one.
    expect(signatureAlgorithmIdentifier(rsaPkcs1Algorithm('SHA-1')).oid).toBe(SIGNATURE_OIDS.sha1WithRSAEncryption);
    expect(() => signatureAlgorithmIdentifier({ scheme: 'ECDSA', hash: 'MD5', name: 'x' })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_ALGORITHM' }));
  });

  it('CMS key OIDs take the hash from the SignerInfo digestAlgorithm', () => {
    expect(signatureAlgorithmFromIdentifier({ oid: SIGNATURE_OIDS.rsaEncryption, parameters: nullValue() }, 'SHA-384')).toEqual(rsaPkcs1Algorithm('SHA-384'));
    expect(signatureAlgorithmFromIdentifier({ oid: SIGNATURE_OIDS.rsaEncryption }, 'SHA-256')).toEqual(rsaPkcs1Algorithm('SHA-256'));
    expect(signatureAlgorithmFromIdentifier({ oid: SIGNATURE_OIDS.ecPublicKey }, 'SHA-512')).toEqual(ecdsaAlgorithm('SHA-512'));
    expect(refusal({ oid: SIGNATURE_OIDS.rsaEncryption })).toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
    expect(refusal({ oid: SIGNATURE_OIDS.ecPublicKey }, 'MD5')).toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
    expect(refusal({ oid: SIGNATURE_OIDS.rsaEncryption }, 'toString' as HashAlgorithm)).toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
  });

  it('PKCS#1 v1.5 accepts absent parameters (seen in the wild), nothing but NULL otherwise', () => {
    expect(signatureAlgorithmFromIdentifier({ oid: '1.2.840.113549.1.1.11' })).toEqual(rsaPkcs1Algorithm('SHA-256'));
    expect(signatureAlgorithmFromIdentifier({ oid: '1.3.14.3.2.29', parameters: nullValue() })).toEqual(rsaPkcs1Algorithm('SHA-1'));
    expect(refusal({ oid: '1.2.840.113549.1.1.11', parameters: fromHex('0400') })).toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
  });

  it('weak: MD5 and SHA-1 only', () => {
    expect(isWeakSignatureAlgorithm(rsaPkcs1Algorithm('MD5'))).toBe(true);
    expect(isWeakSignatureAlgorithm(ecdsaAlgorithm('SHA-1'))).toBe(true);
    expect(isWeakSignatureAlgorithm(rsaPssAlgorithm('SHA-1'))).toBe(true);
    expect(isWeakSignatureAlgorithm(rsaPssAlgorithm('SHA-256', { mgfHash: 'SHA-1' }))).toBe(false);
    expect(isWeakSignatureAlgorithm(ecdsaAlgorithm('SHA-224'))).toBe(false);
  });
});

describe('signatureAlgorithmFromIdentifier refuses what is not well defined: UNSUPPORTED_ALGORITHM', () => {
  const pss = (...fields: Uint8Array[]) => ({ oid: SIGNATURE_OIDS.rsassaPss, parameters: sequence(...fields) });
  const mgf1 = (hash: Uint8Array) => sequence(oid(SIGNATURE_OIDS.mgf1), hash);
  it.each([
    ['unknown OID (Ed25519)', { oid: '1.3.101.112' }],
    ['an inherited property name as OID', { oid: '__proto__' }],
    ['another inherited property name as OID', { oid: 'constructor' }],
    ['ECDSA with NULL parameters (RFC 5758: absent)', { oid: SIGNATURE_OIDS.ecdsaWithSha256, parameters: nullValue() }],
    ['RSASSA-PSS without parameters (RFC 4055: MUST be present)', { oid: SIGNATURE_OIDS.rsassaPss }],
    ['PSS parameters not a SEQUENCE', { oid: SIGNATURE_OIDS.rsassaPss, parameters: nullValue() }],
    ['PSS with MD5', pss(explicit(0, sequence(oid('1.2.840.113549.2.5'), nullValue())))],
    ['PSS with an unknown mask generation function', pss(explicit(0, SHA256), explicit(1, sequence(oid('1.2.3.4'), SHA256)))],
    ['PSS with MGF1 without a hash', pss(explicit(1, sequence(oid(SIGNATURE_OIDS.mgf1))))],
    ['PSS trailerField 2', pss(explicit(3, smallInteger(2)))],
    ['PSS fields out of order', pss(explicit(2, smallInteger(32)), explicit(0, SHA256))],
    ['PSS field repeated', pss(explicit(0, SHA256), explicit(0, SHA256))],
    ['PSS unknown field [4]', pss(explicit(4, smallInteger(1)))],
    ['PSS hash with non-NULL parameters', pss(explicit(0, sequence(oid('2.16.840.1.101.3.4.2.1'), smallInteger(0))))],
    ['PSS negative salt', pss(explicit(2, fromHex('0201ff')))],
    ['PSS absurd salt', pss(explicit(2, smallInteger(100000)))],
    ['PSS trailing bytes', { oid: SIGNATURE_OIDS.rsassaPss, parameters: fromHex('300000') }],
    ['PSS MGF1 hash with trailing bytes', pss(explicit(1, sequence(oid(SIGNATURE_OIDS.mgf1), SHA256, nullValue())))],
  ] as [string, AlgorithmIdentifierDer][])('%s', (_label, id) => {
    expect(refusal(id)).toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
  });

  it('explicitly encoded default PSS fields are tolerated', () => {
    const id = pss(explicit(0, SHA256), explicit(1, mgf1(SHA256)), explicit(2, smallInteger(32)), explicit(3, smallInteger(1)));
    expect(signatureAlgorithmFromIdentifier(id)).toEqual(rsaPssAlgorithm('SHA-256'));
  });
});

describe('RSASSA-PSS parameters as openssl writes them', () => {
  let ws: OpensslWorkspace;
  beforeAll(() => {
    ws = new OpensslWorkspace();
  });
  afterAll(() => ws?.dispose());

  it.each([
    ['SHA-256', 32, 'sha256'],
    ['SHA-384', 48, 'sha384'],
    ['SHA-512', 20, 'sha1'],
  ] as const)('%s, salt %i, MGF1 %s: parsed, and re-encoded to the same bytes', (hash, salt, mgf) => {
    const key = ws.generateKey({ type: 'RSA', bits: 2048 });
    const cert = ws.selfSignedCertificate(key, hash, ['rsa_padding_mode:pss', `rsa_pss_saltlen:${salt}`, `rsa_mgf1_md:${mgf}`]);
    const [, algorithm] = children(cert, readTlv(cert));
    const identifier = decodeAlgorithmIdentifier(encodingOf(cert, algorithm!));
    const parsed = signatureAlgorithmFromIdentifier(identifier);
    expect(parsed).toEqual(rsaPssAlgorithm(hash, { saltLength: salt, mgfHash: mgf === 'sha1' ? 'SHA-1' : hash }));
    expect(toHex(signatureAlgorithmIdentifier(parsed).parameters!)).toBe(toHex(identifier.parameters!));
  });
});
