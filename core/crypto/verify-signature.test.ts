import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { children, contentOf, encodingOf, readTlv } from '../encoding/der-reader.js';
import { utf8Bytes } from '../encoding/bytes.js';
import { OpensslWorkspace, STANDARD_KEYS, type OpensslKey } from '../../test/crypto/openssl.js';
import type { HashAlgorithm } from './hash.js';
import { decodeAlgorithmIdentifier } from './der-primitives.js';
import { ecdsaDerToP1363 } from './ecdsa-encoding.js';
import {
  ecdsaAlgorithm, rsaPkcs1Algorithm, rsaPssAlgorithm, signatureAlgorithmFromIdentifier, type SignatureAlgorithm,
} from './signature-algorithms.js';
import { verifySignature, verifySignatureOfDigest } from './verify-signature.js';
import { digest } from './hash.js';

const DATA = utf8Bytes('Müqavilə №17: tərəflər razılaşdılar. Договор подписан.');
const ALL_HASHES: HashAlgorithm[] = ['SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512'];

let ws: OpensslWorkspace;
let keys: Record<string, OpensslKey>;

beforeAll(() => {
  ws = new OpensslWorkspace();
  keys = ws.generateKeys({ ...STANDARD_KEYS, rsa768: { type: 'RSA', bits: 768 } });
});

afterAll(() => ws?.dispose());

function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  const i = at < 0 ? out.length + at : at;
  out[i] = out[i]! ^ 0x01;
  return out;
}

interface Case {
  label: string;
  key: string;
  algorithm: SignatureAlgorithm;
  weak: boolean;
}

const cases: Case[] = [
  ...(['MD5', ...ALL_HASHES] as HashAlgorithm[]).map((hash) => ({
    label: `RSA PKCS#1 v1.5 ${hash}`, key: 'rsa', algorithm: rsaPkcs1Algorithm(hash), weak: hash === 'MD5' || hash === 'SHA-1',
  })),
  ...ALL_HASHES.map((hash) => ({ label: `RSA-PSS ${hash}`, key: 'rsa', algorithm: rsaPssAlgorithm(hash), weak: hash === 'SHA-1' })),
  { label: 'RSA-PSS SHA-256, MGF1-SHA-1, salt 0', key: 'rsa', algorithm: rsaPssAlgorithm('SHA-256', { mgfHash: 'SHA-1', saltLength: 0 }), weak: false },
  { label: 'RSA-PSS SHA-512, salt 20', key: 'rsa', algorithm: rsaPssAlgorithm('SHA-512', { saltLength: 20 }), weak: false },
  { label: 'id-RSASSA-PSS key with parameters', key: 'pss', algorithm: rsaPssAlgorithm('SHA-256'), weak: false },
  { label: 'id-RSASSA-PSS key, longer salt than the minimum', key: 'pss', algorithm: rsaPssAlgorithm('SHA-256', { saltLength: 64 }), weak: false },
  { label: 'id-RSASSA-PSS key without parameters', key: 'pssAny', algorithm: rsaPssAlgorithm('SHA-384'), weak: false },
  ...(['P-256', 'P-384', 'P-521'] as const).flatMap((curve) =>
    ALL_HASHES.map((hash) => ({ label: `ECDSA ${curve} ${hash}`, key: curve, algorithm: ecdsaAlgorithm(hash), weak: hash === 'SHA-1' })),
  ),
];

describe('verifySignature against signatures made by openssl', () => {
  it.each(cases)('$label: valid, and tampering is caught', async ({ key, algorithm, weak }) => {
    const k = keys[key]!;
    const signature = ws.sign(k, algorithm, DATA);
    const good = await verifySignature({ publicKeyInfo: k.spki, algorithm, data: DATA, signature });
    expect(good).toMatchObject({ valid: true, code: null, weak, algorithm });
    expect(good.warnings.includes('WEAK_SIGNATURE_ALGORITHM')).toBe(weak);

    const otherData = await verifySignature({ publicKeyInfo: k.spki, algorithm, data: flipped(DATA, 3), signature });
    expect(otherData).toMatchObject({ valid: false, code: 'SIG_CRYPTO_FAILURE' });
    // The last byte is inside the value (RSA block or ECDSA s), so the encoding stays well-formed.
    const otherSignature = await verifySignature({ publicKeyInfo: k.spki, algorithm, data: DATA, signature: flipped(signature, -1) });
    expect(otherSignature).toMatchObject({ valid: false, code: 'SIG_CRYPTO_FAILURE' });
  });

  it('ECDSA in raw r || s form verifies with ecdsaFormat p1363, and DER is refused there', async () => {
    const k = keys['P-384']!;
    const algorithm = ecdsaAlgorithm('SHA-384');
    const der = ws.sign(k, algorithm, DATA);
    const raw = ecdsaDerToP1363(der, 48);
    expect(await verifySignature({ publicKeyInfo: k.spki, algorithm, data: DATA, signature: raw, ecdsaFormat: 'p1363' })).toMatchObject({ valid: true });
    expect(await verifySignature({ publicKeyInfo: k.spki, algorithm, data: DATA, signature: der, ecdsaFormat: 'p1363' })).toMatchObject({
      valid: false, code: 'MALFORMED_SIGNATURE',
    });
    expect(await verifySignature({ publicKeyInfo: k.spki, algorithm, data: DATA, signature: raw })).toMatchObject({
      valid: false, code: 'MALFORMED_SIGNATURE',
    });
  });

  it('ECDSA also verifies where WebCrypto is missing (pages over plain http)', async () => {
    const k = keys['P-256']!;
    const algorithm = ecdsaAlgorithm('SHA-256');
    const signature = ws.sign(k, algorithm, DATA);
    vi.stubGlobal('crypto', undefined);
    try {
      expect(await verifySignature({ publicKeyInfo: k.spki, algorithm, data: DATA, signature })).toMatchObject({ valid: true });
      expect(await verifySignature({ publicKeyInfo: k.spki, algorithm, data: flipped(DATA, 0), signature })).toMatchObject({
        valid: false, code: 'SIG_CRYPTO_FAILURE',
      });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('a non-DER ECDSA value (long-form length) is MALFORMED_SIGNATURE even though r and s are right', async () => {
    const k = keys['P-256']!;
    const algorithm = ecdsaAlgorithm('SHA-256');
    const der = ws.sign(k, algorithm, DATA);
    const ber = Uint8Array.of(0x30, 0x81, der[1]!, ...der.subarray(2));
    expect(await verifySignature({ publicKeyInfo: k.spki, algorithm, data: DATA, signature: ber })).toMatchObject({ valid: false, code: 'MALFORMED_SIGNATURE' });
  });

  it('r or s equal to zero or the group order is refused before any curve arithmetic', async () => {
    const k = keys['P-256']!;
    const n = Uint8Array.from(Buffer.from('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex'));
    const one = new Uint8Array(32);
    one[31] = 1;
    for (const raw of [new Uint8Array(64), Uint8Array.of(...n, ...one), Uint8Array.of(...one, ...n)]) {
      const check = await verifySignature({ publicKeyInfo: k.spki, algorithm: ecdsaAlgorithm('SHA-256'), data: DATA, signature: raw, ecdsaFormat: 'p1363' });
      expect(check).toMatchObject({ valid: false, code: 'SIG_CRYPTO_FAILURE', details: { reason: 'r or s outside [1, n-1]' } });
    }
  });

  it('an RSA signature of the wrong length is MALFORMED_SIGNATURE (no leading-zero games)', async () => {
    const k = keys.rsa!;
    const algorithm = rsaPkcs1Algorithm('SHA-256');
    const signature = ws.sign(k, algorithm, DATA);
    for (const bad of [Uint8Array.of(0, ...signature), signature.subarray(1), new Uint8Array(0)]) {
      expect(await verifySignature({ publicKeyInfo: k.spki, algorithm, data: DATA, signature: bad })).toMatchObject({ valid: false, code: 'MALFORMED_SIGNATURE' });
    }
  });

  it('a PKCS#1 v1.5 signature does not pass as PSS or with another hash, and vice versa', async () => {
    const k = keys.rsa!;
    const pkcs1 = ws.sign(k, rsaPkcs1Algorithm('SHA-256'), DATA);
    const pss = ws.sign(k, rsaPssAlgorithm('SHA-256'), DATA);
    for (const [signature, algorithm] of [
      [pkcs1, rsaPssAlgorithm('SHA-256')], [pkcs1, rsaPkcs1Algorithm('SHA-384')], [pss, rsaPkcs1Algorithm('SHA-256')],
      [pss, rsaPssAlgorithm('SHA-256', { saltLength: 20 })], [pss, rsaPssAlgorithm('SHA-256', { mgfHash: 'SHA-1' })],
    ] as const) {
      expect(await verifySignature({ publicKeyInfo: k.spki, algorithm, data: DATA, signature })).toMatchObject({ valid: false, code: 'SIG_CRYPTO_FAILURE' });
    }
  });
});

describe('verifySignatureOfDigest (the caller hashed the signed bytes)', () => {
  const digestCases: [string, string, SignatureAlgorithm][] = [
    ['RSA PKCS#1 v1.5 SHA-256', 'rsa', rsaPkcs1Algorithm('SHA-256')],
    ['RSA-PSS SHA-384', 'rsa', rsaPssAlgorithm('SHA-384')],
    ['ECDSA P-256 SHA-256', 'P-256', ecdsaAlgorithm('SHA-256')],
    ['ECDSA P-521 SHA-512', 'P-521', ecdsaAlgorithm('SHA-512')],
    ['ECDSA P-384 SHA-1', 'P-384', ecdsaAlgorithm('SHA-1')],
  ];
  it.each(digestCases)('%s', async (_label, keyName, algorithm) => {
    const k = keys[keyName]!;
    const signature = ws.sign(k, algorithm, DATA);
    const good = digest(algorithm.hash, DATA);
    expect(await verifySignatureOfDigest({ publicKeyInfo: k.spki, algorithm, digest: good, signature })).toMatchObject({ valid: true, code: null });
    expect(await verifySignatureOfDigest({ publicKeyInfo: k.spki, algorithm, digest: flipped(good, 5), signature })).toMatchObject({
      valid: false, code: 'SIG_CRYPTO_FAILURE',
    });
    expect(await verifySignatureOfDigest({ publicKeyInfo: k.spki, algorithm, digest: good.subarray(1), signature })).toMatchObject({
      valid: false, code: 'SIG_CRYPTO_FAILURE', details: { reason: expect.stringMatching(/digest is/) },
    });
  });
});

describe('verifySignature refusals', () => {
  it('key and algorithm must belong together', async () => {
    const rsaSig = ws.sign(keys.rsa!, rsaPkcs1Algorithm('SHA-256'), DATA);
    const ecSig = ws.sign(keys['P-256']!, ecdsaAlgorithm('SHA-256'), DATA);
    const pssSig = ws.sign(keys.pss!, rsaPssAlgorithm('SHA-256'), DATA);
    const mismatches: [OpensslKey, SignatureAlgorithm, Uint8Array][] = [
      [keys.rsa!, ecdsaAlgorithm('SHA-256'), ecSig],
      [keys['P-256']!, rsaPkcs1Algorithm('SHA-256'), rsaSig],
      [keys['P-256']!, rsaPssAlgorithm('SHA-256'), rsaSig],
      // id-RSASSA-PSS keys never make PKCS#1 v1.5 signatures (RFC 4055 §1.2)...
      [keys.pss!, rsaPkcs1Algorithm('SHA-256'), pssSig],
      // ...and the key's parameters bind hash, MGF1 hash and the minimum salt length.
      [keys.pss!, rsaPssAlgorithm('SHA-384'), pssSig],
      [keys.pss!, rsaPssAlgorithm('SHA-256', { mgfHash: 'SHA-1' }), pssSig],
      [keys.pss!, rsaPssAlgorithm('SHA-256', { saltLength: 31 }), pssSig],
    ];
    for (const [key, algorithm, signature] of mismatches) {
      const check = await verifySignature({ publicKeyInfo: key.spki, algorithm, data: DATA, signature });
      expect(check, `${algorithm.name} ${algorithm.hash}`).toMatchObject({ valid: false, code: 'KEY_ALGORITHM_MISMATCH' });
      expect(String(check.details.reason)).not.toBe('');
    }
  });

  it('RSA below 1024 bits is WEAK_KEY even with a correct signature; 1024 bits verifies but is weak', async () => {
    const algorithm = rsaPkcs1Algorithm('SHA-256');
    const tiny = await verifySignature({ publicKeyInfo: keys.rsa768!.spki, algorithm, data: DATA, signature: ws.sign(keys.rsa768!, algorithm, DATA) });
    expect(tiny).toMatchObject({ valid: false, code: 'WEAK_KEY', key: { type: 'RSA', bits: 768 }, details: { bits: 768, minimumBits: 1024 } });
    const short = await verifySignature({ publicKeyInfo: keys.rsa1024!.spki, algorithm, data: DATA, signature: ws.sign(keys.rsa1024!, algorithm, DATA) });
    expect(short).toMatchObject({ valid: true, weak: true, warnings: ['SHORT_RSA_KEY'], key: { type: 'RSA', bits: 1024 } });
  });

  it('never throws on hostile input: every answer is a code', async () => {
    const algorithm = ecdsaAlgorithm('SHA-256');
    const signature = ws.sign(keys['P-256']!, algorithm, DATA);
    const inputs: [unknown, unknown, unknown, string][] = [
      [new Uint8Array(0), algorithm, signature, 'MALFORMED_PUBLIC_KEY'],
      [Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff), algorithm, signature, 'MALFORMED_PUBLIC_KEY'],
      [keys['P-256']!.spki.subarray(0, 40), algorithm, signature, 'MALFORMED_PUBLIC_KEY'],
      [undefined, algorithm, signature, 'MALFORMED_PUBLIC_KEY'],
      [keys['P-256']!.spki, { scheme: 'ECDSA', hash: 'MD5', name: 'x' }, signature, 'UNSUPPORTED_ALGORITHM'],
      [keys['P-256']!.spki, { scheme: 'DSA', hash: 'SHA-256', name: 'x' }, signature, 'UNSUPPORTED_ALGORITHM'],
      [keys['P-256']!.spki, null, signature, 'UNSUPPORTED_ALGORITHM'],
      [keys.rsa!.spki, { scheme: 'RSASSA-PKCS1-v1_5', hash: 'constructor', name: 'x' }, signature, 'UNSUPPORTED_ALGORITHM'],
      [keys.rsa!.spki, { scheme: 'RSA-PSS', hash: 'SHA-256', name: 'x' }, signature, 'UNSUPPORTED_ALGORITHM'],
      [keys.rsa!.spki, rsaPssAlgorithm('SHA-256', { saltLength: -1 }), signature, 'UNSUPPORTED_ALGORITHM'],
      [keys['P-256']!.spki, algorithm, 'not bytes', 'MALFORMED_SIGNATURE'],
      [keys['P-256']!.spki, algorithm, new Uint8Array(100_000), 'MALFORMED_SIGNATURE'],
    ];
    for (const [publicKeyInfo, alg, sig, code] of inputs) {
      const check = await verifySignature({ publicKeyInfo, algorithm: alg, data: DATA, signature: sig } as never);
      expect(check).toMatchObject({ valid: false, code });
    }
    const spki = keys['P-256']!.spki;
    expect(await verifySignature({ publicKeyInfo: spki, algorithm, data: undefined, signature } as never)).toMatchObject({ valid: false, code: 'SIG_CRYPTO_FAILURE' });
    expect(await verifySignature({ publicKeyInfo: spki, algorithm, data: DATA, signature, ecdsaFormat: 'ber' } as never)).toMatchObject({ valid: false, code: 'MALFORMED_SIGNATURE' });
    expect(await verifySignature(undefined as never)).toMatchObject({ valid: false, code: 'SIG_CRYPTO_FAILURE' });
  });
});

/** TBSCertificate, signatureAlgorithm and signature value of a DER certificate, byte-exact. */
function certificateParts(cert: Uint8Array) {
  const [tbs, algorithm, value] = children(cert, readTlv(cert));
  const bitString = contentOf(cert, value!);
  return {
    tbs: encodingOf(cert, tbs!),
    identifier: decodeAlgorithmIdentifier(encodingOf(cert, algorithm!)),
    signature: bitString.subarray(1),
    spki: encodingOf(cert, children(cert, tbs!)[6]!),
  };
}

describe('certificate signatures made by openssl req -x509 (the X.509 path)', () => {
  const variants: [string, string, HashAlgorithm, string[]][] = [
    ['RSA sha256WithRSAEncryption', 'rsa', 'SHA-256', []],
    ['RSA-PSS, SHA-384, salt 48', 'rsa', 'SHA-384', ['rsa_padding_mode:pss', 'rsa_pss_saltlen:48']],
    ['id-RSASSA-PSS key', 'pss', 'SHA-256', ['rsa_padding_mode:pss', 'rsa_pss_saltlen:32']],
    ['ECDSA P-384 with SHA-384 (the SİMA issuer profile)', 'P-384', 'SHA-384', []],
    ['ECDSA P-521 with SHA-512', 'P-521', 'SHA-512', []],
  ];
  it.each(variants)('%s', async (_label, key, hash, sigopts) => {
    const cert = ws.selfSignedCertificate(keys[key]!, hash, sigopts);
    const parts = certificateParts(cert);
    const algorithm = signatureAlgorithmFromIdentifier(parts.identifier);
    expect(algorithm.hash).toBe(hash);
    expect(await verifySignature({ publicKeyInfo: parts.spki, algorithm, data: parts.tbs, signature: parts.signature })).toMatchObject({ valid: true });
    // One changed byte in the TBSCertificate breaks it.
    const changed = flipped(parts.tbs, Math.floor(parts.tbs.length / 2));
    expect(await verifySignature({ publicKeyInfo: parts.spki, algorithm, data: changed, signature: parts.signature })).toMatchObject({
      valid: false, code: 'SIG_CRYPTO_FAILURE',
    });
  });
});
