import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatBytes } from '../encoding/bytes.js';
import { fromHex } from '../encoding/hex.js';
import { nullValue, oid, sequence, tlv } from '../encoding/der-writer.js';
import { OpensslWorkspace, STANDARD_KEYS, type OpensslKey } from '../../test/crypto/openssl.js';
import { describePublicKey } from './public-key.js';
import { TAG } from '../encoding/der-reader.js';

let ws: OpensslWorkspace;
let keys: Record<string, OpensslKey>;

beforeAll(() => {
  ws = new OpensslWorkspace();
  keys = ws.generateKeys({
    ...STANDARD_KEYS,
    pss384: { type: 'RSA-PSS', bits: 2048, hash: 'SHA-384', mgfHash: 'SHA-1', saltLength: 48 },
    secp256k1: { type: 'EC', curve: 'secp256k1' },
    ed25519: { type: 'Ed25519' },
  });
});

afterAll(() => ws?.dispose());

function codeOf(spki: Uint8Array): string | undefined {
  try {
    describePublicKey(spki);
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe('describePublicKey on keys made by openssl', () => {
  it('RSA', () => {
    expect(describePublicKey(keys.rsa!.spki)).toEqual({ type: 'RSA', bits: 2048 });
  });

  it('id-RSASSA-PSS with and without parameter restrictions', () => {
    expect(describePublicKey(keys.pss!.spki)).toEqual({
      type: 'RSA-PSS', bits: 2048, pssParams: { hash: 'SHA-256', mgfHash: 'SHA-256', saltLength: 32, trailerField: 1 },
    });
    expect(describePublicKey(keys.pss384!.spki)).toEqual({
      type: 'RSA-PSS', bits: 2048, pssParams: { hash: 'SHA-384', mgfHash: 'SHA-1', saltLength: 48, trailerField: 1 },
    });
    expect(describePublicKey(keys.pssAny!.spki)).toEqual({ type: 'RSA-PSS', bits: 2048 });
  });

  it.each(['P-256', 'P-384', 'P-521'] as const)('EC %s', (curve) => {
    expect(describePublicKey(keys[curve]!.spki)).toEqual({ type: 'EC', curve, bits: Number(curve.slice(2)) });
  });

  it('EC with a compressed point (RFC 5480 allows it)', () => {
    const compressed = new Uint8Array(ws.run(['ec', '-in', keys['P-256']!.keyFile, '-pubout', '-conv_form', 'compressed', '-outform', 'DER']));
    expect(compressed.length).toBeLessThan(keys['P-256']!.spki.length);
    expect(describePublicKey(compressed)).toEqual({ type: 'EC', curve: 'P-256', bits: 256 });
  });

  it('refuses curves and algorithms imzala does not verify with: UNSUPPORTED_ALGORITHM', () => {
    expect(codeOf(keys.secp256k1!.spki)).toBe('UNSUPPORTED_ALGORITHM');
    expect(codeOf(keys.ed25519!.spki)).toBe('UNSUPPORTED_ALGORITHM');
    const explicitCurve = new Uint8Array(ws.run(['ec', '-in', keys['P-256']!.keyFile, '-pubout', '-param_enc', 'explicit', '-outform', 'DER']));
    expect(codeOf(explicitCurve)).toBe('UNSUPPORTED_ALGORITHM');
  });
});

describe('describePublicKey on damaged keys: MALFORMED_PUBLIC_KEY', () => {
  it('empty, garbage, truncated, trailing bytes, huge lengths', () => {
    const spki = keys.rsa!.spki;
    for (const bad of [
      new Uint8Array(0), fromHex('00'), fromHex('deadbeef'), spki.subarray(0, spki.length - 1), concatBytes(spki, fromHex('00')),
      fromHex('3084ffffffff'), fromHex('3080' + '0000'),
    ]) {
      expect(codeOf(bad)).toBe('MALFORMED_PUBLIC_KEY');
    }
  });

  it('an EC point moved off the curve', () => {
    const spki = keys['P-256']!.spki.slice();
    spki[spki.length - 1] = spki[spki.length - 1]! ^ 0x01;
    expect(codeOf(spki)).toBe('MALFORMED_PUBLIC_KEY');
  });

  it('an EC point of the wrong length for its curve', () => {
    // P-384 OIDs with a P-256 point: the length cannot fit.
    const p256 = keys['P-256']!.spki;
    const point = p256.subarray(p256.length - 65);
    const spki = fromHex('3076301006072a8648ce3d020106052b8104002203620000' + Buffer.from(point).toString('hex'));
    expect(codeOf(spki)).toBe('MALFORMED_PUBLIC_KEY');
  });

  /** SubjectPublicKeyInfo for rsaEncryption around an RSAPublicKey with these INTEGER contents. */
  function rsaSpki(modulusHex: string, exponentHex: string, unusedBits = 0): Uint8Array {
    const rsaKey = sequence(tlv(TAG.INTEGER, fromHex(modulusHex)), tlv(TAG.INTEGER, fromHex(exponentHex)));
    return sequence(sequence(oid('1.2.840.113549.1.1.1'), nullValue()), tlv(TAG.BIT_STRING, Uint8Array.of(unusedBits), rsaKey));
  }

  it('RSA keys with an even modulus, a negative or non-minimal modulus, e = 1, or unused bits in the BIT STRING', () => {
    const odd = '00' + 'c3'.repeat(15) + 'c5';
    expect(describePublicKey(rsaSpki(odd, '010001'))).toEqual({ type: 'RSA', bits: 128 });
    expect(codeOf(rsaSpki('00' + 'c3'.repeat(15) + 'c4', '010001'))).toBe('MALFORMED_PUBLIC_KEY');
    expect(codeOf(rsaSpki('c3'.repeat(15) + 'c5', '010001'))).toBe('MALFORMED_PUBLIC_KEY');
    expect(codeOf(rsaSpki('00' + odd, '010001'))).toBe('MALFORMED_PUBLIC_KEY');
    expect(codeOf(rsaSpki(odd, '01'))).toBe('MALFORMED_PUBLIC_KEY');
    expect(codeOf(rsaSpki(odd, '010001', 1))).toBe('MALFORMED_PUBLIC_KEY');
  });

  it('an RSA modulus above 16384 bits, or an exponent above 2^256, is refused without any arithmetic', () => {
    expect(codeOf(rsaSpki('00' + 'ff'.repeat(2049), '010001'))).toBe('UNSUPPORTED_ALGORITHM');
    expect(codeOf(rsaSpki('00' + 'ff'.repeat(512), '01' + '00'.repeat(32) + '01'))).toBe('UNSUPPORTED_ALGORITHM');
  });
});
