import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf8Bytes } from '../encoding/bytes.js';
import { OpensslWorkspace, STANDARD_KEYS, type OpensslKey } from '../../test/crypto/openssl.js';
import type { HashAlgorithm } from './hash.js';
import { ecdsaDerToP1363 } from './ecdsa-encoding.js';
import { defaultSignatureAlgorithm, importSigningKey, signWithKey } from './key-signer.js';
import { describePublicKey } from './public-key.js';
import { ecdsaAlgorithm, rsaPkcs1Algorithm, rsaPssAlgorithm, type SignatureAlgorithm } from './signature-algorithms.js';
import { verifySignature } from './verify-signature.js';

const TBS = utf8Bytes('imzalanacaq atributlar: SİMA, ASAN İmza, e-imza');
const HASHES: HashAlgorithm[] = ['SHA-256', 'SHA-384', 'SHA-512'];

let ws: OpensslWorkspace;
let keys: Record<string, OpensslKey>;

beforeAll(() => {
  ws = new OpensslWorkspace();
  keys = ws.generateKeys({ ...STANDARD_KEYS, ed25519: { type: 'Ed25519' } });
});

afterAll(() => ws?.dispose());

async function refusal(promise: Promise<unknown>): Promise<{ code?: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (e) {
    return e as { code?: string };
  }
  throw new Error('expected a refusal');
}

const cases: [string, string, SignatureAlgorithm][] = [
  ...HASHES.map((h) => [`RSA PKCS#1 v1.5 ${h}`, 'rsa', rsaPkcs1Algorithm(h)] as [string, string, SignatureAlgorithm]),
  ...HASHES.map((h) => [`RSA-PSS ${h}`, 'rsa', rsaPssAlgorithm(h)] as [string, string, SignatureAlgorithm]),
  ['RSA-PSS SHA-256 salt 0', 'rsa', rsaPssAlgorithm('SHA-256', { saltLength: 0 })],
  ['id-RSASSA-PSS key (parameters SHA-256/32)', 'pss', rsaPssAlgorithm('SHA-256')],
  ['id-RSASSA-PSS key without parameters', 'pssAny', rsaPssAlgorithm('SHA-512')],
  ...(['P-256', 'P-384', 'P-521'] as const).flatMap((curve) =>
    HASHES.map((h) => [`ECDSA ${curve} ${h}`, curve, ecdsaAlgorithm(h)] as [string, string, SignatureAlgorithm]),
  ),
];

describe('signWithKey with PKCS#8 keys made by openssl', () => {
  it.each(cases)('%s: imzala and openssl both verify it', async (_label, keyName, algorithm) => {
    const k = keys[keyName]!;
    const key = await importSigningKey(k.pkcs8, algorithm);
    expect(key.extractable).toBe(false);
    const signature = await signWithKey(key, algorithm, TBS);
    if (algorithm.scheme === 'ECDSA') {
      // CMS form: a strict DER Ecdsa-Sig-Value.
      expect(() => ecdsaDerToP1363(signature, { 'P-256': 32, 'P-384': 48, 'P-521': 66 }[keyName]!)).not.toThrow();
    } else {
      expect(signature.length).toBe(256);
    }
    expect(await verifySignature({ publicKeyInfo: k.spki, algorithm, data: TBS, signature })).toMatchObject({ valid: true, weak: false });
    expect(ws.verify(k, algorithm, TBS, signature)).toBe(true);
    // openssl must also say no when the data differs, or the positive check above proves nothing.
    expect(ws.verify(k, algorithm, utf8Bytes('başqa mətn'), signature)).toBe(false);
  });
});

describe('importSigningKey / signWithKey refusals', () => {
  it('MD5 and SHA-1 are never used for new signatures: WEAK_ALGORITHM_REFUSED', async () => {
    for (const algorithm of [rsaPkcs1Algorithm('MD5'), rsaPkcs1Algorithm('SHA-1'), rsaPssAlgorithm('SHA-1'), ecdsaAlgorithm('SHA-1')]) {
      const k = algorithm.scheme === 'ECDSA' ? keys['P-256']! : keys.rsa!;
      expect(await refusal(importSigningKey(k.pkcs8, algorithm))).toMatchObject({ code: 'WEAK_ALGORITHM_REFUSED' });
    }
    const key = await importSigningKey(keys['P-256']!.pkcs8, ecdsaAlgorithm('SHA-256'));
    expect(await refusal(signWithKey(key, ecdsaAlgorithm('SHA-1'), TBS))).toMatchObject({ code: 'WEAK_ALGORITHM_REFUSED' });
  });

  it('what WebCrypto cannot do is UNSUPPORTED_ALGORITHM: SHA-224, MGF1 with another hash', async () => {
    expect(await refusal(importSigningKey(keys['P-256']!.pkcs8, ecdsaAlgorithm('SHA-224')))).toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
    expect(await refusal(importSigningKey(keys.rsa!.pkcs8, rsaPssAlgorithm('SHA-256', { mgfHash: 'SHA-384' })))).toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
    expect(await refusal(importSigningKey(keys.ed25519!.pkcs8, ecdsaAlgorithm('SHA-256')))).toMatchObject({ code: 'UNSUPPORTED_ALGORITHM' });
  });

  it('RSA keys below 2048 bits do not make new signatures: WEAK_KEY', async () => {
    expect(await refusal(importSigningKey(keys.rsa1024!.pkcs8, rsaPkcs1Algorithm('SHA-256')))).toMatchObject({
      code: 'WEAK_KEY', details: { bits: 1024, minimumBits: 2048 },
    });
  });

  it('key and algorithm must belong together: KEY_ALGORITHM_MISMATCH', async () => {
    const pairs: [OpensslKey, SignatureAlgorithm][] = [
      [keys.rsa!, ecdsaAlgorithm('SHA-256')],
      [keys['P-256']!, rsaPkcs1Algorithm('SHA-256')],
      [keys.pss!, rsaPkcs1Algorithm('SHA-256')],
      [keys.pss!, rsaPssAlgorithm('SHA-384')],
      [keys.pss!, rsaPssAlgorithm('SHA-256', { saltLength: 20 })],
    ];
    for (const [k, algorithm] of pairs) {
      expect(await refusal(importSigningKey(k.pkcs8, algorithm)), `${algorithm.name} ${algorithm.hash}`).toMatchObject({ code: 'KEY_ALGORITHM_MISMATCH' });
    }
    const rsaSha256 = await importSigningKey(keys.rsa!.pkcs8, rsaPkcs1Algorithm('SHA-256'));
    expect(await refusal(signWithKey(rsaSha256, rsaPkcs1Algorithm('SHA-384'), TBS))).toMatchObject({ code: 'KEY_ALGORITHM_MISMATCH' });
    expect(await refusal(signWithKey(rsaSha256, rsaPssAlgorithm('SHA-256'), TBS))).toMatchObject({ code: 'KEY_ALGORITHM_MISMATCH' });
  });

  it('encrypted, damaged or foreign key files: MALFORMED_PRIVATE_KEY', async () => {
    const encrypted = new Uint8Array(ws.run(['pkcs8', '-topk8', '-in', keys.rsa!.keyFile, '-v2', 'aes-256-cbc', '-passout', 'pass:gizli', '-outform', 'DER']));
    const encryptedRefusal = await refusal(importSigningKey(encrypted, rsaPkcs1Algorithm('SHA-256')));
    expect(encryptedRefusal).toMatchObject({ code: 'MALFORMED_PRIVATE_KEY' });
    expect(String(encryptedRefusal.details?.reason)).toMatch(/encrypted/);
    const pkcs8 = keys.rsa!.pkcs8;
    // The privateKey OCTET STRING turned into a BIT STRING.
    const damaged = pkcs8.slice();
    const at = pkcs8.findIndex((b, i) => b === 0x04 && i > 20);
    damaged[at] = 0x03;
    const traditional = new Uint8Array(ws.run(['rsa', '-in', keys.rsa!.keyFile, '-traditional', '-outform', 'DER']));
    expect(await refusal(importSigningKey(traditional, rsaPkcs1Algorithm('SHA-256')))).toMatchObject({
      code: 'MALFORMED_PRIVATE_KEY', details: { reason: expect.stringMatching(/not PKCS#8/) },
    });
    for (const bad of [new Uint8Array(0), pkcs8.subarray(0, 100), Uint8Array.of(...pkcs8, 0), keys.rsa!.spki, damaged]) {
      expect(await refusal(importSigningKey(bad, rsaPkcs1Algorithm('SHA-256')))).toMatchObject({ code: 'MALFORMED_PRIVATE_KEY' });
    }
  });
});

describe('defaultSignatureAlgorithm', () => {
  it('follows the key: RSA -> SHA-256, P-256/384/521 -> SHA-256/384/512, PSS keys -> their own parameters', () => {
    expect(defaultSignatureAlgorithm(describePublicKey(keys.rsa!.spki))).toEqual(rsaPkcs1Algorithm('SHA-256'));
    expect(defaultSignatureAlgorithm(describePublicKey(keys['P-256']!.spki))).toEqual(ecdsaAlgorithm('SHA-256'));
    expect(defaultSignatureAlgorithm(describePublicKey(keys['P-384']!.spki))).toEqual(ecdsaAlgorithm('SHA-384'));
    expect(defaultSignatureAlgorithm(describePublicKey(keys['P-521']!.spki))).toEqual(ecdsaAlgorithm('SHA-512'));
    expect(defaultSignatureAlgorithm(describePublicKey(keys.pss!.spki))).toEqual(rsaPssAlgorithm('SHA-256'));
    expect(defaultSignatureAlgorithm(describePublicKey(keys.pssAny!.spki))).toEqual(rsaPssAlgorithm('SHA-256'));
  });

  it('the default algorithm of every key type signs and verifies end to end', async () => {
    for (const name of ['rsa', 'pss', 'P-256', 'P-384', 'P-521']) {
      const k = keys[name]!;
      const algorithm = defaultSignatureAlgorithm(describePublicKey(k.spki));
      const signature = await signWithKey(await importSigningKey(k.pkcs8, algorithm), algorithm, TBS);
      expect(await verifySignature({ publicKeyInfo: k.spki, algorithm, data: TBS, signature })).toMatchObject({ valid: true });
    }
  });
});
