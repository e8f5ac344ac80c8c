/**
 * RFC 3161 §2.4.2 TSTInfo, read strictly as DER (the TSA signs these exact bytes, and RFC 3161 requires DER):
 *
 *   TSTInfo ::= SEQUENCE { version INTEGER { v1(1) }, policy TSAPolicyId, messageImprint MessageImprint,
 *     serialNumber INTEGER, genTime GeneralizedTime, accuracy Accuracy OPTIONAL,
 *     ordering BOOLEAN DEFAULT FALSE, nonce INTEGER OPTIONAL, tsa [0] GeneralName OPTIONAL,
 *     extensions [1] IMPLICIT Extensions OPTIONAL }
 *   Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] INTEGER (1..999) OPTIONAL,
 *     micros [1] INTEGER (1..999) OPTIONAL }
 */
import { HASH_ALGORITHM_OIDS, HASH_SIZE, type HashAlgorithm } from '../crypto/hash.js';
import { expectTag, isDerNull, readAlgorithmIdentifierAt, readOid, readWholeTlv } from '../crypto/der-primitives.js';
import { latin1String } from '../encoding/bytes.js';
import { contentOf, TAG, type Tlv } from '../encoding/der-reader.js';
import { ImzalaError } from '../errors.js';
import { childrenWithTag, integerContent, readBoolean, readSmallInteger, serialHexOf } from '../pki/der-values.js';
import { readExtensions, type Extension } from '../pki/extensions.js';
import { readGeneralName, type GeneralName } from '../pki/general-name.js';

/** The largest TSTInfo read: real ones are a few hundred bytes. */
export const MAX_TST_INFO_SIZE = 64 * 1024;

export interface TstInfo {
  version: number;
  policy: string;
  /** The imprint's hash algorithm, null when imzala does not know its OID. */
  hash: HashAlgorithm | null;
  hashOid: string;
  hashedMessage: Uint8Array;
  /** Hex of the serial number (as `Certificate.serialNumberHex`). */
  serialNumber: string;
  genTime: Date;
  /** Accuracy in milliseconds (seconds, millis and micros added up), null when absent. */
  accuracyMs: number | null;
  ordering: boolean;
  /** Hex of the nonce's magnitude, null when absent. */
  nonce: string | null;
  tsa: GeneralName | null;
  extensions: Extension[];
  /** The TSTInfo bytes exactly as signed. */
  der: Uint8Array;
}

function malformed(reason: string): ImzalaError {
  return new ImzalaError('TSP_MALFORMED', `the timestamp is malformed: ${reason}`, { reason });
}

/**
 * GeneralizedTime as RFC 3161 allows it: YYYYMMDDhhmmss[.f+]Z, UTC, no trailing zeros in the fraction.
 * The fraction is kept to the millisecond.
 */
export function readGeneralizedTime(bytes: Uint8Array, tlv: Tlv | undefined, what: string): Date {
  if (!tlv || tlv.tag !== TAG.GENERALIZED_TIME) throw new RangeError(`DER: ${what} is not a GeneralizedTime`);
  const text = latin1String(contentOf(bytes, tlv));
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d*[1-9]))?Z$/.exec(text);
  if (!m) throw new RangeError(`DER: ${what} is not of the form YYYYMMDDhhmmss[.f]Z`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, Number(((m[7] ?? '') + '000').slice(0, 3))));
  // Date.UTC rolls over (month 13, day 32, hour 24): a value that rolled is not a valid date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || date.getUTCHours() !== hour
    || date.getUTCMinutes() !== minute || date.getUTCSeconds() !== second) {
    throw new RangeError(`DER: ${what} is not a valid date`);
  }
  return date;
}

function readAccuracy(bytes: Uint8Array, tlv: Tlv): number {
  let ms = 0;
  let last = -1;
  for (const part of childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'accuracy', 3)) {
    const order = part.tag === TAG.INTEGER ? 0 : part.tag === 0x80 ? 1 : part.tag === 0x81 ? 2 : -1;
    if (order <= last) throw new RangeError('DER: accuracy fields out of order or unknown');
    last = order;
    const value = readSmallInteger(bytes, part, 'accuracy', part.tag);
    if (order === 0) ms += Math.min(value, 1e9) * 1000;
    else if (value < 1 || value > 999) throw new RangeError('DER: accuracy millis/micros must be 1..999');
    else ms += order === 1 ? value : value / 1000;
  }
  return ms;
}

/**
 * Reads a DER TSTInfo (the eContent of a timestamp token).
 * @throws ImzalaError TSP_MALFORMED with the reason.
 */
export function parseTstInfo(der: Uint8Array): TstInfo {
  if (der.length > MAX_TST_INFO_SIZE) throw malformed(`TSTInfo has ${der.length} bytes`);
  try {
    const fields = childrenWithTag(der, readWholeTlv(der), TAG.SEQUENCE, 'TSTInfo', 10);
    let i = 0;
    const version = readSmallInteger(der, fields[i++], 'version');
    if (version !== 1) throw new RangeError(`unknown TSTInfo version ${version}`);
    const policy = readOid(der, fields[i++], 'policy');
    const [algorithmTlv, hashedTlv, ...extra] = childrenWithTag(der, fields[i++], TAG.SEQUENCE, 'messageImprint', 2);
    if (extra.length) throw new RangeError('messageImprint has extra elements');
    const algorithm = readAlgorithmIdentifierAt(der, algorithmTlv, 'messageImprint.hashAlgorithm');
    if (algorithm.parameters && !isDerNull(algorithm.parameters)) throw new RangeError('the imprint hash has parameters');
    const hashedMessage = contentOf(der, expectTag(hashedTlv, TAG.OCTET_STRING, 'hashedMessage')).slice();
    const hash = HASH_ALGORITHM_OIDS[algorithm.oid] ?? null;
    if (hash && hashedMessage.length !== HASH_SIZE[hash]) throw new RangeError(`a ${hash} imprint with ${hashedMessage.length} bytes`);
    const serialNumber = serialHexOf(integerContent(der, fields[i++], 'serialNumber'));
    const genTime = readGeneralizedTime(der, fields[i++], 'genTime');
    let accuracyMs: number | null = null;
    if (fields[i]?.tag === TAG.SEQUENCE) accuracyMs = readAccuracy(der, fields[i++]!);
    let ordering = false;
    if (fields[i]?.tag === TAG.BOOLEAN) ordering = readBoolean(der, fields[i++], 'ordering');
    let nonce: string | null = null;
    if (fields[i]?.tag === TAG.INTEGER) {
      const content = integerContent(der, fields[i++], 'nonce');
      if (content[0]! & 0x80) throw new RangeError('the nonce is negative');
      nonce = serialHexOf(content);
    }
    let tsa: GeneralName | null = null;
    if (fields[i]?.tag === 0xa0) {
      const [name, ...more] = childrenWithTag(der, fields[i++], 0xa0, 'tsa', 1);
      if (!name || more.length) throw new RangeError('tsa must hold one GeneralName');
      tsa = readGeneralName(der, name);
    }
    let extensions: Extension[] = [];
    if (fields[i]?.tag === 0xa1) extensions = readExtensions(der, { ...fields[i++]!, tag: TAG.SEQUENCE }, 'TSTInfo extensions');
    if (i !== fields.length) throw new RangeError('unexpected fields in TSTInfo');
    return { version, policy, hash, hashOid: algorithm.oid, hashedMessage, serialNumber, genTime, accuracyMs, ordering, nonce, tsa, extensions, der };
  } catch (e) {
    if (e instanceof ImzalaError) throw e;
    throw malformed(e instanceof Error ? e.message : String(e));
  }
}
