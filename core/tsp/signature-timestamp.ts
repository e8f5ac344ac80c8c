/**
 * Signature timestamps (CAdES-B-T, ETSI EN 319 122-1 §5.3): an RFC 3161 token over the SignerInfo's signature
 * value, carried as the unsigned attribute signature-time-stamp (id-aa-signatureTimeStampToken).
 */
import { OID } from '../cms/oids.js';
import { parseSignedData, type ParsedSignerInfo } from '../cms/parse-signed-data.js';
import { digest, type HashAlgorithm } from '../crypto/hash.js';
import { bytesEqual } from '../encoding/bytes.js';
import { children, contentOf, encodingOf, readTlv, TAG, type Tlv } from '../encoding/der-reader.js';
import { oid, sequence, setOf, sortEncodings, tlv } from '../encoding/der-writer.js';
import { ImzalaError } from '../errors.js';
import { readTimestampToken } from './verify-timestamp.js';

/** Most signature timestamps read from one SignerInfo; more is hostile, not a real signature. */
export const MAX_SIGNATURE_TIMESTAMPS = 16;

/**
 * The `imprintOf` of a signature timestamp: the digest of the SignerInfo's signature value (the OCTET STRING's
 * content, EN 319 122-1 §5.3) with the hash the token names.
 */
export function signatureTimestampImprint(signatureValue: Uint8Array): (hash: HashAlgorithm) => Uint8Array {
  return (hash) => digest(hash, signatureValue);
}

/** The signature-time-stamp tokens of a SignerInfo, in order (several TSAs may each have added one). */
export function signatureTimestampTokens(info: ParsedSignerInfo): Uint8Array[] {
  const tokens = info.unsignedAttributes.filter((a) => a.type === OID.signatureTimeStampToken).flatMap((a) => a.values);
  if (tokens.length > MAX_SIGNATURE_TIMESTAMPS) {
    throw new ImzalaError('TSP_MALFORMED', `the timestamp is malformed: ${tokens.length} signature timestamps`, { reason: 'too many signature timestamps' });
  }
  return tokens;
}

function notDer(reason: string): ImzalaError {
  return new ImzalaError('TSP_CMS_NOT_DER', `the signature cannot take a timestamp: ${reason}`, { reason });
}

function only(bytes: Uint8Array, parent: Tlv, tag: number, what: string): Tlv {
  const inner = children(bytes, parent);
  if (inner.length !== 1 || inner[0]!.tag !== tag) throw notDer(`${what} is not as expected`);
  return inner[0]!;
}

/**
 * Adds `tokenDer` as a signature-time-stamp unsigned attribute to the single SignerInfo of a DER ContentInfo
 * (SignedData) and re-encodes the enclosing lengths. Nothing signed changes: the content, certificates, CRLs,
 * signed attributes and the signature value are copied byte for byte; only the unsigned attributes (a DER
 * SET OF, so sorted) and the lengths around them are new. An existing signature timestamp is kept (CAdES
 * allows one per TSA).
 * @throws ImzalaError TSP_CMS_NOT_DER when the CMS is not DER or not a SignedData with exactly one SignerInfo
 * (CMS_* when it cannot be read at all); TSP_MALFORMED / TSP_NOT_TSTINFO when the token is not a DER timestamp token.
 */
export function addSignatureTimestamp(cmsDer: Uint8Array, tokenDer: Uint8Array): Uint8Array {
  let token: Tlv;
  try {
    token = readTlv(tokenDer);
  } catch (e) {
    throw new ImzalaError('TSP_MALFORMED', 'the timestamp token is not DER', { reason: (e as Error).message });
  }
  if (token.tag !== TAG.SEQUENCE || token.end !== tokenDer.length) {
    throw new ImzalaError('TSP_MALFORMED', 'the timestamp token is not one ContentInfo', { reason: 'not one SEQUENCE' });
  }
  // Both must be what they claim before bytes are spliced: a timestamp token, and a SignedData imzala can read.
  readTimestampToken(tokenDer);
  return walkingDer(() => {
    const { contentType, fields, signerInfo } = locateSignerInfo(cmsDer);
    parseSignedData(cmsDer);
    const parts = children(cmsDer, signerInfo);
    const last = parts[parts.length - 1];
    if (!last) throw notDer('the SignerInfo is empty');
    const attribute = sequence(oid(OID.signatureTimeStampToken), setOf(tokenDer));
    const kept = last.tag === 0xa1 ? parts.slice(0, -1) : parts;
    const unsigned = last.tag === 0xa1 ? children(cmsDer, last).map((a) => encodingOf(cmsDer, a)) : [];
    const newSignerInfo = sequence(...kept.map((p) => encodingOf(cmsDer, p)), tlv(0xa1, ...sortEncodings([...unsigned, attribute])));
    const newSignedData = sequence(...fields.slice(0, -1).map((f) => encodingOf(cmsDer, f)), tlv(TAG.SET, newSignerInfo));
    return sequence(encodingOf(cmsDer, contentType), tlv(0xa0, newSignedData));
  });
}

/** Runs a DER walk; the walker's RangeErrors (not DER, truncated) become TSP_CMS_NOT_DER. */
function walkingDer<T>(walk: () => T): T {
  try {
    return walk();
  } catch (e) {
    if (e instanceof ImzalaError) throw e;
    throw notDer((e as Error).message);
  }
}

/** ContentInfo -> SignedData fields -> the single SignerInfo, walked strictly as DER. */
function locateSignerInfo(cmsDer: Uint8Array): { contentType: Tlv; fields: Tlv[]; signerInfo: Tlv } {
  const contentInfo = readTlv(cmsDer);
  if (contentInfo.tag !== TAG.SEQUENCE || contentInfo.end !== cmsDer.length) throw notDer('not one ContentInfo');
  const [contentType, explicitContent, ...rest] = children(cmsDer, contentInfo);
  if (rest.length || !contentType || contentType.tag !== TAG.OID || !explicitContent || explicitContent.tag !== 0xa0) {
    throw notDer('not a ContentInfo');
  }
  if (!bytesEqual(encodingOf(cmsDer, contentType), oid(OID.signedData))) throw notDer('not a SignedData');
  const signedData = only(cmsDer, explicitContent, TAG.SEQUENCE, 'SignedData');
  const fields = children(cmsDer, signedData);
  const signerInfos = fields[fields.length - 1];
  if (!signerInfos || signerInfos.tag !== TAG.SET) throw notDer('signerInfos missing');
  const signerInfo = only(cmsDer, signerInfos, TAG.SEQUENCE, 'the single SignerInfo');
  return { contentType, fields, signerInfo };
}

/** The signature value (OCTET STRING content) of the single SignerInfo of a DER ContentInfo, for the imprint. */
export function signatureValueOf(cmsDer: Uint8Array): Uint8Array {
  return walkingDer(() => {
    const { signerInfo } = locateSignerInfo(cmsDer);
    // The only universal OCTET STRING among SignerInfo's fields is the signature (a key-id sid is tagged [0]).
    const signature = children(cmsDer, signerInfo).filter((p) => p.tag === TAG.OCTET_STRING).pop();
    if (!signature) throw notDer('no signature value');
    return contentOf(cmsDer, signature).slice();
  });
}
