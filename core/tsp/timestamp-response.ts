/**
 * RFC 3161 §2.4.2 TimeStampResp:
 *
 *   TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }
 *   PKIStatusInfo ::= SEQUENCE { status PKIStatus, statusString PKIFreeText OPTIONAL, failInfo PKIFailureInfo OPTIONAL }
 *   PKIFreeText ::= SEQUENCE SIZE (1..MAX) OF UTF8String
 *
 * Read with asn1js because TSAs in the wild send BER (indefinite lengths) around the token; the token's bytes
 * are returned exactly as received and verified separately (verify-timestamp.ts).
 */
import * as asn1js from 'asn1js';
import { ImzalaError } from '../errors.js';

/** The largest response accepted: a token with a long chain is a few tens of kilobytes. */
export const MAX_TIMESTAMP_RESPONSE_SIZE = 1024 * 1024;

/** PKIStatus values (RFC 3161 §2.4.2). */
export const PKI_STATUS = {
  granted: 0,
  grantedWithMods: 1,
  rejection: 2,
  waiting: 3,
  revocationWarning: 4,
  revocationNotification: 5,
} as const;

/** PKIFailureInfo bit numbers (RFC 3161 §2.4.2); `failInfo` has bit n set as `1 << n`. */
export const PKI_FAILURE_INFO = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const;

export interface TimestampResponse {
  status: number;
  statusText?: string;
  /** PKIFailureInfo as a bit mask: bit n of the BIT STRING is `1 << n`. */
  failInfo?: number;
  /** The TimeStampToken (a CMS ContentInfo) exactly as received; null when the TSA sent none. */
  token: Uint8Array | null;
}

function malformed(reason: string): ImzalaError {
  return new ImzalaError('TSP_RESPONSE_MALFORMED', `the timestamp response is malformed: ${reason}`, { reason });
}

function isUniversal(node: asn1js.AsnType | undefined, tagNumber: number): boolean {
  return !!node && node.idBlock.tagClass === 1 && node.idBlock.tagNumber === tagNumber;
}

function childrenOf(node: asn1js.AsnType | undefined, what: string): asn1js.AsnType[] {
  const value = (node as asn1js.Constructed | undefined)?.valueBlock?.value;
  if (!node || !node.idBlock.isConstructed || !Array.isArray(value)) throw malformed(`${what} is not constructed`);
  return value as asn1js.AsnType[];
}

/** Names of the failure bits set in `failInfo`, for messages and evidence. */
export function failInfoNames(failInfo: number): string[] {
  return Object.entries(PKI_FAILURE_INFO).filter(([, bit]) => failInfo & (2 ** bit)).map(([name]) => name);
}

function readFailInfo(node: asn1js.AsnType): number {
  if (!isUniversal(node, 3) || node.idBlock.isConstructed) throw malformed('failInfo is not a BIT STRING');
  const content = (node as asn1js.BitString).valueBlock.valueHexView;
  let mask = 0;
  // Bits beyond 31 are not defined by RFC 3161; they are ignored rather than overflowing the mask.
  for (let bit = 0; bit < Math.min(content.length * 8, 31); bit++) {
    if (content[bit >> 3]! & (0x80 >> (bit & 7))) mask += 2 ** bit;
  }
  return mask;
}

/**
 * Reads a TimeStampResp.
 * @throws ImzalaError TSP_RESPONSE_MALFORMED when the bytes are not one.
 */
export function parseTimestampResponse(der: Uint8Array): TimestampResponse {
  if (der.length === 0) throw malformed('empty');
  if (der.length > MAX_TIMESTAMP_RESPONSE_SIZE) throw malformed(`${der.length} bytes`);
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(der);
  } catch (e) {
    throw malformed(e instanceof RangeError ? 'nesting too deep' : String(e));
  }
  if (parsed.offset === -1) throw malformed((parsed.result as { error?: string }).error || 'not ASN.1');
  if (parsed.offset !== der.length) throw malformed(`${der.length - parsed.offset} bytes after the response`);
  const [statusInfo, token, ...extra] = childrenOf(parsed.result, 'TimeStampResp');
  if (extra.length || !isUniversal(parsed.result, 16)) throw malformed('not a TimeStampResp');
  const [statusNode, ...rest] = childrenOf(statusInfo, 'PKIStatusInfo');
  if (!isUniversal(statusNode, 2)) throw malformed('status is not an INTEGER');
  const status = (statusNode as asn1js.Integer).valueBlock.valueDec;
  if (!Number.isSafeInteger(status) || status < 0 || status > 5) throw malformed(`unknown status ${status}`);
  const response: TimestampResponse = { status, token: null };
  let at = 0;
  if (isUniversal(rest[at], 16)) {
    const texts = childrenOf(rest[at++], 'statusString').map((t) => {
      if (!isUniversal(t, 12)) throw malformed('statusString holds a non-UTF8String');
      return (t as asn1js.Utf8String).valueBlock.value;
    });
    // Bounded: a TSA's text goes into messages and logs.
    response.statusText = texts.join('; ').slice(0, 1000);
  }
  if (rest[at]) response.failInfo = readFailInfo(rest[at++]!);
  if (at !== rest.length) throw malformed('unexpected fields in PKIStatusInfo');
  if (token) {
    if (!isUniversal(token, 16)) throw malformed('timeStampToken is not a ContentInfo');
    response.token = new Uint8Array(token.valueBeforeDecodeView);
  }
  if ((status === PKI_STATUS.granted || status === PKI_STATUS.grantedWithMods) && !response.token) {
    throw malformed('the TSA granted the request but sent no token');
  }
  return response;
}
