/**
 * RSA signature verification with BigInt (RFC 8017): the public operation RSAVP1, EMSA-PKCS1-v1_5 by
 * encode-and-compare (§8.2.2 step 3-4: the DigestInfo is never parsed out of the decrypted block, which is
 * what made Bleichenbacher's 2006 forgery possible), and EMSA-PSS-VERIFY (§9.1.2).
 * Done here rather than in WebCrypto because WebCrypto has no MD5, no SHA-224, no MGF1 hash other than the
 * message hash, and (Node 20) refuses id-RSASSA-PSS keys. With e = 65537 the public operation is fast.
 */
import { bytesEqual, concatBytes } from '../encoding/bytes.js';
import { nullValue, octetString, oid, sequence } from '../encoding/der-writer.js';
import { createHasher, digest, HASH_OID_BY_ALGORITHM, HASH_SIZE, type HashAlgorithm } from './hash.js';
import { bytesToInteger, integerToBytes } from './der-primitives.js';
import type { RsaPublicKey } from './public-key.js';

export type RsaVerifyOutcome = { valid: true } | { valid: false; malformed: boolean; reason: string };

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

function modulusBits(key: RsaPublicKey): number {
  return key.modulus.toString(2).length;
}

/**
 * RSAVP1 (§5.2.2) after the length check of §8.2.2 step 1: the signature must be exactly k octets
 * and its integer below the modulus.
 * @returns the encoded message as k octets, or why the signature cannot be one.
 */
function publicOperation(key: RsaPublicKey, signature: Uint8Array): { em: Uint8Array } | { malformed: boolean; reason: string } {
  const k = Math.ceil(modulusBits(key) / 8);
  if (signature.length !== k) return { malformed: true, reason: `signature is ${signature.length} bytes, the key needs ${k}` };
  const s = bytesToInteger(signature);
  if (s >= key.modulus) return { malformed: false, reason: 'signature representative out of range' };
  return { em: integerToBytes(modPow(s, key.publicExponent, key.modulus), k) };
}

/** DER DigestInfo ::= SEQUENCE { digestAlgorithm AlgorithmIdentifier (NULL parameters), digest OCTET STRING }. */
function digestInfo(hash: HashAlgorithm, messageDigest: Uint8Array): Uint8Array {
  return sequence(sequence(oid(HASH_OID_BY_ALGORITHM[hash]), nullValue()), octetString(messageDigest));
}

/** EMSA-PKCS1-v1_5-ENCODE (§9.2): 00 01 FF..FF 00 || DigestInfo, or null when emLen is too short. */
function emsaPkcs1v15Encode(hash: HashAlgorithm, messageDigest: Uint8Array, emLen: number): Uint8Array | null {
  const t = digestInfo(hash, messageDigest);
  if (emLen < t.length + 11) return null;
  const em = new Uint8Array(emLen).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[emLen - t.length - 1] = 0x00;
  em.set(t, emLen - t.length);
  return em;
}

/** RSASSA-PKCS1-V1_5-VERIFY (§8.2.2); `messageDigest` is Hash(M). */
export function verifyRsaPkcs1v15(key: RsaPublicKey, hash: HashAlgorithm, messageDigest: Uint8Array, signature: Uint8Array): RsaVerifyOutcome {
  const opened = publicOperation(key, signature);
  if (!('em' in opened)) return { valid: false, ...opened };
  const expected = emsaPkcs1v15Encode(hash, messageDigest, opened.em.length);
  if (!expected) return { valid: false, malformed: false, reason: 'modulus too short for this hash' };
  return bytesEqual(opened.em, expected) ? { valid: true } : { valid: false, malformed: false, reason: 'encoded message differs' };
}

/** MGF1 (§B.2.1). */
function mgf1(hash: HashAlgorithm, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const counter = new Uint8Array(4);
  for (let at = 0, c = 0; at < length; c++) {
    counter[0] = c >>> 24;
    counter[1] = (c >>> 16) & 0xff;
    counter[2] = (c >>> 8) & 0xff;
    counter[3] = c & 0xff;
    const block = createHasher(hash).update(seed).update(counter).digest();
    out.set(block.subarray(0, Math.min(block.length, length - at)), at);
    at += block.length;
  }
  return out;
}

/** EMSA-PSS-VERIFY (§9.1.2) with a fixed salt length (no salt-length guessing). */
function emsaPssVerify(
  mHash: Uint8Array, em: Uint8Array, emBits: number, hash: HashAlgorithm, mgfHash: HashAlgorithm, sLen: number,
): boolean {
  const hLen = HASH_SIZE[hash];
  const emLen = em.length;
  if (emLen < hLen + sLen + 2) return false; // step 3
  if (em[emLen - 1] !== 0xbc) return false; // step 4
  const maskedDB = em.subarray(0, emLen - hLen - 1);
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const unusedBits = 8 * emLen - emBits;
  const topMask = (0xff >> unusedBits) & 0xff;
  if ((maskedDB[0]! & ~topMask & 0xff) !== 0) return false; // step 6
  const db = mgf1(mgfHash, h, maskedDB.length);
  for (let i = 0; i < db.length; i++) db[i] = db[i]! ^ maskedDB[i]!;
  db[0] = db[0]! & topMask; // step 9
  const psLen = emLen - hLen - sLen - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false; // step 10
  if (db[psLen] !== 0x01) return false;
  const salt = db.subarray(db.length - sLen);
  const hPrime = digest(hash, concatBytes(new Uint8Array(8), mHash, salt));
  return bytesEqual(h, hPrime);
}

/** RSASSA-PSS-VERIFY (§8.1.2); `messageDigest` is Hash(M) (EMSA-PSS-VERIFY step 2). */
export function verifyRsaPss(
  key: RsaPublicKey, hash: HashAlgorithm, mgfHash: HashAlgorithm, saltLength: number, messageDigest: Uint8Array, signature: Uint8Array,
): RsaVerifyOutcome {
  const opened = publicOperation(key, signature);
  if (!('em' in opened)) return { valid: false, ...opened };
  const emBits = modulusBits(key) - 1;
  const emLen = Math.ceil(emBits / 8);
  // I2OSP(m, emLen) (§8.1.2 step 2c): when emLen < k the extra leading octet must be zero.
  const extra = opened.em.length - emLen;
  for (let i = 0; i < extra; i++) {
    if (opened.em[i] !== 0) return { valid: false, malformed: false, reason: 'encoded message too long' };
  }
  const ok = emsaPssVerify(messageDigest, opened.em.subarray(extra), emBits, hash, mgfHash, saltLength);
  return ok ? { valid: true } : { valid: false, malformed: false, reason: 'PSS encoding inconsistent' };
}
