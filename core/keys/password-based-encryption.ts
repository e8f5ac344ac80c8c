/**
 * Password-based encryption of PKCS#12 contents: PBES2 (RFC 8018) with PBKDF2 and AES-CBC, through
 * WebCrypto. The legacy PKCS#12 ciphers (3DES, RC2, RC4; `openssl pkcs12 -legacy`, old Windows exports)
 * are recognised and refused with KEY_FILE_UNSUPPORTED_ENCRYPTION: WebCrypto has none of them.
 */
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../encoding/bytes.js';
import { ImzalaError } from '../errors.js';
import { KEY_FILE_BAD_PASSWORD, KEY_FILE_LIMIT_EXCEEDED, KEY_FILE_UNSUPPORTED_ENCRYPTION } from './codes.js';
import {
  algorithmIdentifierOf,
  malformed,
  octetsOf,
  sequenceItems,
  smallIntegerOf,
  type AlgorithmIdentifierNode,
} from './key-file-asn1.js';

/**
 * Iteration counts above this are refused, which bounds the work a hostile file can ask for
 * (NSS writes 600 000, OpenSSL 2 048).
 */
export const MAX_ITERATIONS = 2_000_000;

export const OID_PBES2 = '1.2.840.113549.1.5.13';
export const OID_PBKDF2 = '1.2.840.113549.1.5.12';

export type PbkdfPrf = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** HMAC algorithms by OID (RFC 8018 B.1), named by their hash as WebCrypto does. */
export const HMAC_PRF_OIDS: Readonly<Record<string, PbkdfPrf>> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};
const OID_HMAC_WITH_SHA256 = '1.2.840.113549.2.9';

/** AES-CBC schemes by OID -> key length in bytes. */
const AES_CBC_OIDS: Readonly<Record<string, number>> = {
  '2.16.840.1.101.3.4.1.2': 16,
  '2.16.840.1.101.3.4.1.22': 24,
  '2.16.840.1.101.3.4.1.42': 32,
};
const OID_AES256_CBC = '2.16.840.1.101.3.4.1.42';

/** Encryption algorithms we know but cannot run, by OID, with the name the user is shown. */
const LEGACY_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.12.1.1': 'pbeWithSHAAnd128BitRC4',
  '1.2.840.113549.1.12.1.2': 'pbeWithSHAAnd40BitRC4',
  '1.2.840.113549.1.12.1.3': 'pbeWithSHAAnd3-KeyTripleDES-CBC',
  '1.2.840.113549.1.12.1.4': 'pbeWithSHAAnd2-KeyTripleDES-CBC',
  '1.2.840.113549.1.12.1.5': 'pbeWithSHAAnd128BitRC2-CBC',
  '1.2.840.113549.1.12.1.6': 'pbeWithSHAAnd40BitRC2-CBC',
  '1.2.840.113549.1.5.1': 'pbeWithMD2AndDES-CBC',
  '1.2.840.113549.1.5.3': 'pbeWithMD5AndDES-CBC',
  '1.2.840.113549.1.5.4': 'pbeWithMD2AndRC2-CBC',
  '1.2.840.113549.1.5.6': 'pbeWithMD5AndRC2-CBC',
  '1.2.840.113549.1.5.10': 'pbeWithSHA1AndDES-CBC',
  '1.2.840.113549.1.5.11': 'pbeWithSHA1AndRC2-CBC',
  // PBES2 encryption schemes other than AES.
  '1.2.840.113549.3.7': 'DES-EDE3-CBC',
  '1.2.840.113549.3.2': 'RC2-CBC',
  '1.3.14.3.2.7': 'DES-CBC',
};

export function unsupportedEncryption(algorithm: string, oid: string): ImzalaError {
  return new ImzalaError(KEY_FILE_UNSUPPORTED_ENCRYPTION, `unsupported key file encryption ${algorithm}`, {
    algorithm,
    oid,
  });
}

/** Refuses iteration counts that would let a file keep us busy for long. */
export function checkIterations(iterations: number, structure: string): void {
  if (iterations < 1) throw malformed(structure, { reason: 'iteration count below 1' });
  if (iterations > MAX_ITERATIONS) {
    throw new ImzalaError(KEY_FILE_LIMIT_EXCEEDED, `iteration count ${iterations} above ${MAX_ITERATIONS}`, {
      limit: `iterations ≤ ${MAX_ITERATIONS}`,
      iterations,
    });
  }
}

/**
 * Iterations a single file may make us run in total, over the MAC and every decryption attempt
 * (several password encodings, many bags). An NSS file needs 1.8 million; this is about 5 s of work.
 */
export const MAX_TOTAL_ITERATIONS = 8_000_000;

/** Counts key-derivation work down for one file, so no file can keep a reader busy for long. */
export class IterationBudget {
  private left: number;

  constructor(total = MAX_TOTAL_ITERATIONS) {
    this.left = total;
  }

  /** Takes `iterations` from the budget, or refuses with KEY_FILE_LIMIT_EXCEEDED. */
  charge(iterations: number): void {
    if (iterations > this.left) {
      throw new ImzalaError(KEY_FILE_LIMIT_EXCEEDED, 'too much key derivation work for one key file', {
        limit: `total iterations ≤ ${MAX_TOTAL_ITERATIONS}`,
      });
    }
    this.left -= iterations;
  }
}

export interface Pbkdf2Parameters {
  salt: Uint8Array;
  iterations: number;
  prf: PbkdfPrf;
  /** Only present when the encoding states it (PBES2 may leave it to the cipher; PBMAC1 must state it). */
  keyLength?: number;
}

/** Reads a PBKDF2 AlgorithmIdentifier (RFC 8018 A.2), bounding the iteration count. */
export function readPbkdf2Parameters(kdf: AlgorithmIdentifierNode): Pbkdf2Parameters {
  if (kdf.oid !== OID_PBKDF2) throw unsupportedEncryption(`key derivation ${kdf.oid}`, kdf.oid);
  const [saltNode, iterationNode, ...rest] = sequenceItems(kdf.parameters, 'PBKDF2-params', { min: 2, max: 4 });
  if (!(saltNode instanceof asn1js.OctetString)) throw unsupportedEncryption('PBKDF2 salt from another source', kdf.oid);
  const salt = octetsOf(saltNode, 'PBKDF2 salt');
  const iterations = smallIntegerOf(iterationNode, 'PBKDF2 iterationCount');
  checkIterations(iterations, 'PBKDF2 iterationCount');

  let keyLength: number | undefined;
  let prf: PbkdfPrf = 'SHA-1'; // RFC 8018: the DEFAULT is hmacWithSHA1
  for (const node of rest) {
    if (node instanceof asn1js.Integer) {
      keyLength = smallIntegerOf(node, 'PBKDF2 keyLength');
    } else {
      prf = hmacHashOf(algorithmIdentifierOf(node, 'PBKDF2 prf'));
    }
  }
  return { salt, iterations, prf, keyLength };
}

/** The hash of an HMAC AlgorithmIdentifier (PBKDF2's PRF, PBMAC1's messageAuthScheme). */
export function hmacHashOf(algorithm: AlgorithmIdentifierNode): PbkdfPrf {
  const hash = HMAC_PRF_OIDS[algorithm.oid];
  if (!hash) throw unsupportedEncryption(`HMAC ${algorithm.oid}`, algorithm.oid);
  return hash;
}

interface Pbes2Parameters extends Pbkdf2Parameters {
  keyLength: number;
  iv: Uint8Array;
}

function readPbes2Parameters(parameters: asn1js.AsnType | undefined): Pbes2Parameters {
  const [kdfNode, schemeNode] = sequenceItems(parameters, 'PBES2-params', { min: 2, max: 2 });
  const kdf = readPbkdf2Parameters(algorithmIdentifierOf(kdfNode, 'PBES2 keyDerivationFunc'));

  const scheme = algorithmIdentifierOf(schemeNode, 'PBES2 encryptionScheme');
  const aesKeyLength = AES_CBC_OIDS[scheme.oid];
  if (aesKeyLength === undefined) {
    throw unsupportedEncryption(LEGACY_ALGORITHMS[scheme.oid] ?? `PBES2 cipher ${scheme.oid}`, scheme.oid);
  }
  if (kdf.keyLength !== undefined && kdf.keyLength !== aesKeyLength) {
    throw malformed('PBKDF2 keyLength', { reason: 'does not match the cipher', keyLength: kdf.keyLength });
  }
  const iv = octetsOf(scheme.parameters, 'AES-CBC IV');
  if (iv.length !== 16) throw malformed('AES-CBC IV', { reason: 'IV is not 16 bytes', length: iv.length });
  return { ...kdf, keyLength: aesKeyLength, iv };
}

/**
 * PBKDF2 (RFC 8018 5.2) with an HMAC PRF, through WebCrypto. The caller bounds `iterations`. A platform
 * that refuses the parameters (some browsers refuse an empty password) gives
 * KEY_FILE_UNSUPPORTED_ENCRYPTION rather than a bare DOMException.
 */
export async function pbkdf2(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  prf: PbkdfPrf,
  length: number,
): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  try {
    const base = await subtle.importKey('raw', toArrayBuffer(password), 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: prf, salt: toArrayBuffer(salt), iterations },
      base,
      length * 8,
    );
    return new Uint8Array(bits);
  } catch (cause) {
    throw unsupportedEncryption(`PBKDF2-HMAC-${prf} (${String(cause)})`, OID_PBKDF2);
  }
}

async function deriveAesKey(
  password: Uint8Array,
  { salt, iterations, prf, keyLength }: Pick<Pbes2Parameters, 'salt' | 'iterations' | 'prf' | 'keyLength'>,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  const bits = await pbkdf2(password, salt, iterations, prf, keyLength);
  try {
    return await globalThis.crypto.subtle.importKey('raw', toArrayBuffer(bits), { name: 'AES-CBC' }, false, [usage]);
  } catch {
    // Chrome has no AES-192.
    throw unsupportedEncryption(`AES-${keyLength * 8}-CBC on this platform`, OID_PBES2);
  }
}

/**
 * Decrypts `ciphertext` encrypted under `algorithm` (an EncryptedContentInfo's or
 * EncryptedPrivateKeyInfo's AlgorithmIdentifier). `passwords` are the encodings to try in order; when
 * none decrypts, the password is wrong (KEY_FILE_BAD_PASSWORD). Every attempt is charged to `budget`.
 */
export async function decryptWithPassword(
  algorithm: AlgorithmIdentifierNode,
  ciphertext: Uint8Array,
  passwords: readonly Uint8Array[],
  budget: IterationBudget,
): Promise<Uint8Array> {
  if (algorithm.oid !== OID_PBES2) {
    throw unsupportedEncryption(LEGACY_ALGORITHMS[algorithm.oid] ?? algorithm.oid, algorithm.oid);
  }
  const parameters = readPbes2Parameters(algorithm.parameters);
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw malformed('encrypted content', { reason: 'not a whole number of AES blocks', length: ciphertext.length });
  }
  for (const password of passwords) {
    budget.charge(parameters.iterations);
    const key = await deriveAesKey(password, parameters, 'decrypt');
    try {
      const plain = new Uint8Array(
        await globalThis.crypto.subtle.decrypt(
          { name: 'AES-CBC', iv: toArrayBuffer(parameters.iv) },
          key,
          toArrayBuffer(ciphertext),
        ),
      );
      // A wrong key still passes the padding check about once in 256 tries; what was encrypted is
      // always one ASN.1 element, so garbage is recognised here and the next encoding gets its turn.
      if (isOneBerElement(plain)) return plain;
    } catch {
      // Bad padding: this encoding of the password is not the one; try the next.
    }
  }
  throw new ImzalaError(KEY_FILE_BAD_PASSWORD, 'wrong key file password', {});
}

function isOneBerElement(bytes: Uint8Array): boolean {
  const parsed = asn1js.fromBER(bytes, { parseEmbedded: false });
  return parsed.offset === bytes.length;
}

export interface PasswordEncryption {
  /** The AlgorithmIdentifier (PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC) to store with the data. */
  algorithm: asn1js.Sequence;
  ciphertext: Uint8Array;
}

/** Encrypts with PBES2: PBKDF2-HMAC-SHA256 (16-byte random salt) and AES-256-CBC, as OpenSSL 3 does. */
export async function encryptWithPassword(
  plaintext: Uint8Array,
  password: Uint8Array,
  iterations: number,
): Promise<PasswordEncryption> {
  checkIterations(iterations, 'iterations');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveAesKey(password, { salt, iterations, prf: 'SHA-256', keyLength: 32 }, 'encrypt');
  const ciphertext = new Uint8Array(
    await globalThis.crypto.subtle.encrypt({ name: 'AES-CBC', iv: toArrayBuffer(iv) }, key, toArrayBuffer(plaintext)),
  );
  const algorithm = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID_PBES2 }),
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [
              new asn1js.ObjectIdentifier({ value: OID_PBKDF2 }),
              new asn1js.Sequence({
                value: [
                  new asn1js.OctetString({ valueHex: toArrayBuffer(salt) }),
                  new asn1js.Integer({ value: iterations }),
                  new asn1js.Sequence({
                    value: [new asn1js.ObjectIdentifier({ value: OID_HMAC_WITH_SHA256 }), new asn1js.Null()],
                  }),
                ],
              }),
            ],
          }),
          new asn1js.Sequence({
            value: [
              new asn1js.ObjectIdentifier({ value: OID_AES256_CBC }),
              new asn1js.OctetString({ valueHex: toArrayBuffer(iv) }),
            ],
          }),
        ],
      }),
    ],
  });
  return { algorithm, ciphertext };
}

