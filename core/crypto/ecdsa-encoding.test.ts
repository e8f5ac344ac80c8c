import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../encoding/hex.js';
import { ecdsaDerToP1363, ecdsaP1363ToDer } from './ecdsa-encoding.js';

const R = '00'.repeat(31) + '07';
const S_HIGH = 'f0' + '11'.repeat(31);

function expectMalformed(hex: string, curveBytes = 32): void {
  let error: unknown;
  try {
    ecdsaDerToP1363(fromHex(hex), curveBytes);
  } catch (e) {
    error = e;
  }
  expect(error, hex).toMatchObject({ name: 'ImzalaError', code: 'MALFORMED_SIGNATURE' });
  expect(String((error as { details: { reason: string } }).details.reason)).not.toBe('');
}

describe('ecdsaP1363ToDer / ecdsaDerToP1363', () => {
  it('encodes minimal INTEGERs (leading zeros cut, 00 added before a high bit) and decodes back', () => {
    const raw = fromHex(R + S_HIGH);
    const der = ecdsaP1363ToDer(raw);
    expect(toHex(der)).toBe('3026' + '020107' + '022100' + S_HIGH);
    expect(toHex(ecdsaDerToP1363(der, 32))).toBe(R + S_HIGH);
  });

  it('round-trips P-521 sized values (66 bytes, long-form SEQUENCE length)', () => {
    const raw = fromHex('01' + 'ff'.repeat(65) + '00ab' + 'cd'.repeat(64));
    const der = ecdsaP1363ToDer(raw);
    expect(der[1]).toBe(0x81);
    expect(toHex(ecdsaDerToP1363(der, 66))).toBe(toHex(raw));
  });

  it('refuses raw values that are not two equal halves', () => {
    for (const raw of [new Uint8Array(0), new Uint8Array(63), new Uint8Array(1000)]) {
      expect(() => ecdsaP1363ToDer(raw)).toThrow(expect.objectContaining({ code: 'MALFORMED_SIGNATURE' }));
    }
  });

  it('accepts r = 0 as DER (the verifier refuses it, not the parser)', () => {
    expect(toHex(ecdsaDerToP1363(fromHex('3006020100020101'), 32))).toBe('00'.repeat(32) + '00'.repeat(31) + '01');
  });
});

describe('ecdsaDerToP1363 is strict DER', () => {
  it.each([
    ['empty input', ''],
    ['not a SEQUENCE', '3106020101020101'],
    ['long-form length where short form fits', '308106020101020101'],
    ['indefinite length', '3080020101020101' + '0000'],
    ['length runs past the end', '3007020101020101'],
    ['trailing byte after the SEQUENCE', '300602010102010100'],
    ['a third INTEGER', '3009020101020101020101'],
    ['s missing', '3003020101'],
    ['s is an OCTET STRING', '3006020101040101'],
    ['non-minimal INTEGER (needless leading 00)', '30070202000102' + '0101'],
    ['negative r', '30060201ff020101'],
    ['empty INTEGER', '30050200020101'],
    ['r longer than the curve', '3026' + '0221' + '01' + '00'.repeat(32) + '020101'],
    ['non-minimal long INTEGER length', '3026' + '028120' + '11'.repeat(32) + '020101'],
    ['huge declared length', '3084ffffffff020101'],
  ])('%s', (_label, hex) => expectMalformed(hex));

  it('refuses an input longer than any signature on the curve before parsing it', () => {
    expectMalformed('30' + '8203e8' + '00'.repeat(1000));
  });
});
