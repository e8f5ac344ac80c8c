/**
 * RFC 3161 §2.4.1 TimeStampReq, built as DER:
 *
 *   TimeStampReq ::= SEQUENCE { version INTEGER { v1(1) }, messageImprint MessageImprint,
 *     reqPolicy TSAPolicyId OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE,
 *     extensions [0] IMPLICIT Extensions OPTIONAL }
 *   MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }
 */
import { HASH_OID_BY_ALGORITHM, HASH_SIZE, type HashAlgorithm } from '../crypto/hash.js';
import { nullValue, octetString, oid, sequence, smallInteger, unsignedInteger } from '../encoding/der-writer.js';
import { ImzalaError } from '../errors.js';

/** Bytes of a fresh nonce: 64 random bits are what RFC 3161 §2.4.1 suggests ("a large random number"). */
export const NONCE_BYTES = 8;

/** DER BOOLEAN TRUE. */
const DER_TRUE = Uint8Array.of(0x01, 0x01, 0xff);

/** A random positive nonce from WebCrypto, for `buildTimestampRequest`. */
export function randomNonce(): Uint8Array {
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  // A leading zero byte would make the INTEGER shorter than the bytes compared later; keep the top byte non-zero.
  nonce[0] = nonce[0]! | 0x01;
  return nonce;
}

/** MessageImprint: the hash algorithm (parameters NULL, as TSAs commonly expect) and the digest. */
export function encodeMessageImprint(hash: HashAlgorithm, imprint: Uint8Array): Uint8Array {
  return sequence(sequence(oid(HASH_OID_BY_ALGORITHM[hash]), nullValue()), octetString(imprint));
}

/**
 * Builds a DER TimeStampReq for `imprint` (the digest of the data to time-stamp, made with `hash`).
 * `certReq` defaults to true: the token must carry the TSA certificate so it can be verified on its own.
 * @throws ImzalaError TSP_REQUEST_INVALID when the imprint does not have the hash's size.
 */
export function buildTimestampRequest(input: { imprint: Uint8Array; hash: HashAlgorithm; nonce?: Uint8Array; certReq?: boolean; policy?: string }): Uint8Array {
  if (input.imprint.length !== HASH_SIZE[input.hash]) {
    throw new ImzalaError('TSP_REQUEST_INVALID', `a ${input.hash} imprint has ${HASH_SIZE[input.hash]} bytes, not ${input.imprint.length}`, {
      hash: input.hash, length: input.imprint.length,
    });
  }
  const parts = [smallInteger(1), encodeMessageImprint(input.hash, input.imprint)];
  if (input.policy) parts.push(oid(input.policy));
  if (input.nonce) {
    if (input.nonce.length === 0 || input.nonce.length > 32) {
      throw new ImzalaError('TSP_REQUEST_INVALID', 'the nonce must have 1 to 32 bytes', { length: input.nonce.length });
    }
    parts.push(unsignedInteger(input.nonce));
  }
  if (input.certReq ?? true) parts.push(DER_TRUE);
  return sequence(...parts);
}
