/**
 * ECDSA signature values in their two forms: DER `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`
 * (RFC 3279 §2.2.3, what X.509 and CMS carry) and IEEE P1363 `r || s` (what WebCrypto and tokens use).
 * Parsing is strict DER: one value, minimal lengths, minimal non-negative INTEGERs, nothing after it.
 * Accepting other encodings would make signatures malleable (CVE-2020-14966 and friends).
 */
import { ImzalaError } from '../errors.js';
import { contentOf, TAG } from '../encoding/der-reader.js';
import { unsignedInteger, sequence } from '../encoding/der-writer.js';
import { childrenOf, decodeNonNegativeInteger, expectTag, integerToBytes, readWholeTlv } from './der-primitives.js';

function malformed(reason: string): ImzalaError {
  return new ImzalaError('MALFORMED_SIGNATURE', `malformed ECDSA signature: ${reason}`, { reason });
}

/**
 * DER Ecdsa-Sig-Value -> r || s, each left-padded to `curveBytes`. Whether 0 < r, s < n is the verifier's check.
 * @throws ImzalaError('MALFORMED_SIGNATURE') for anything that is not strict DER or does not fit the curve.
 */
export function ecdsaDerToP1363(der: Uint8Array, curveBytes: number): Uint8Array {
  // Two INTEGERs of at most curveBytes+1 octets each plus headers: anything longer cannot fit the curve.
  if (der.length > 2 * (curveBytes + 1 + 4) + 4) throw malformed('longer than any signature on this curve');
  try {
    const seq = expectTag(readWholeTlv(der), TAG.SEQUENCE, 'Ecdsa-Sig-Value');
    const [rTlv, sTlv, ...rest] = childrenOf(der, seq, 2);
    if (rest.length) throw new RangeError('extra elements');
    const r = decodeNonNegativeInteger(contentOf(der, expectTag(rTlv, TAG.INTEGER, 'r')), curveBytes);
    const s = decodeNonNegativeInteger(contentOf(der, expectTag(sTlv, TAG.INTEGER, 's')), curveBytes);
    const out = new Uint8Array(2 * curveBytes);
    out.set(integerToBytes(r, curveBytes), 0);
    out.set(integerToBytes(s, curveBytes), curveBytes);
    return out;
  } catch (e) {
    if (e instanceof ImzalaError) throw e;
    throw malformed((e as Error).message);
  }
}

/**
 * r || s (two equal halves) -> DER Ecdsa-Sig-Value with minimal INTEGERs.
 * @throws ImzalaError('MALFORMED_SIGNATURE') when the input is empty or of odd length.
 */
export function ecdsaP1363ToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0 || raw.length > 2 * 132) {
    throw malformed(`raw signature of ${raw.length} bytes is not r || s`);
  }
  const half = raw.length / 2;
  return sequence(unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}
