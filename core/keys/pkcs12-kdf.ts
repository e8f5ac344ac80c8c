/**
 * The PKCS#12 key derivation function (RFC 7292 Appendix B.2), used for the MAC key of every .p12 file
 * and for the keys of the legacy pbeWithSHAAnd* ciphers. WebCrypto has no such KDF, so it runs on
 * @noble/hashes (pure JS: the same in Node, the extension and a page).
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { utf8Bytes } from '../encoding/bytes.js';

export type Pkcs12KdfHash = 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** RFC 7292 B.3: the ID byte says what the derived bytes are for. */
export const PKCS12_KDF_ID = { key: 1, iv: 2, mac: 3 } as const;

interface HashSpec {
  hash: (data: Uint8Array) => Uint8Array;
  /** u: output size in bytes. */
  outputSize: number;
  /** v: block size in bytes. */
  blockSize: number;
}

const HASHES: Readonly<Record<Pkcs12KdfHash, HashSpec>> = {
  'SHA-1': { hash: sha1, outputSize: 20, blockSize: 64 },
  'SHA-224': { hash: sha224, outputSize: 28, blockSize: 64 },
  'SHA-256': { hash: sha256, outputSize: 32, blockSize: 64 },
  'SHA-384': { hash: sha384, outputSize: 48, blockSize: 128 },
  'SHA-512': { hash: sha512, outputSize: 64, blockSize: 128 },
};

export function pkcs12KdfOutputSize(hash: Pkcs12KdfHash): number {
  return HASHES[hash].outputSize;
}

/**
 * The password as PKCS#12 wants it: a BMPString (UTF-16 big-endian) with a two-byte zero terminator.
 * This is what OpenSSL 1.1+ and NSS write, for non-ASCII passwords too.
 */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const unit = password.charCodeAt(i);
    out[2 * i] = unit >> 8;
    out[2 * i + 1] = unit & 0xff;
  }
  return out;
}

/**
 * The form OpenSSL before 1.1 used for non-ASCII passwords: each UTF-8 byte widened to 16 bits. Files
 * made that way are still around, so readers try it after the correct form.
 */
export function widenedUtf8Password(password: string): Uint8Array {
  const utf8 = utf8Bytes(password);
  const out = new Uint8Array(utf8.length * 2 + 2);
  for (let i = 0; i < utf8.length; i++) out[2 * i + 1] = utf8[i]!;
  return out;
}

/** Repeats `source` to fill a whole number of `blockSize` blocks (empty stays empty). */
function fillBlocks(source: Uint8Array, blockSize: number): Uint8Array {
  const out = new Uint8Array(blockSize * Math.ceil(source.length / blockSize));
  for (let i = 0; i < out.length; i++) out[i] = source[i % source.length]!;
  return out;
}

/**
 * RFC 7292 B.2. `password` is already encoded (see bmpPassword). The caller bounds `iterations`: the
 * loop runs that many hashes per output block.
 */
export function pkcs12Kdf(
  hashName: Pkcs12KdfHash,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  id: number,
  length: number,
): Uint8Array {
  const { hash, outputSize: u, blockSize: v } = HASHES[hashName];
  const D = new Uint8Array(v).fill(id);
  const S = fillBlocks(salt, v);
  const P = fillBlocks(password, v);
  const I = new Uint8Array(S.length + P.length);
  I.set(S);
  I.set(P, S.length);

  const blocks = Math.ceil(length / u);
  const out = new Uint8Array(blocks * u);
  const DI = new Uint8Array(v + I.length);
  for (let i = 0; i < blocks; i++) {
    DI.set(D);
    DI.set(I, v);
    let A = hash(DI);
    for (let r = 1; r < iterations; r++) A = hash(A);
    out.set(A, i * u);
    if (i === blocks - 1) break;

    // I_j = (I_j + B + 1) mod 2^(8v) for every v-byte block of I, B being A repeated to v bytes.
    const B = fillBlocks(A, v).subarray(0, v);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out.subarray(0, length);
}
