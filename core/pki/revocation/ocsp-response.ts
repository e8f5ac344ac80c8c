/**
 * A strict DER reader for OCSP responses (RFC 6960 §4.2.1). Like certificates and CRLs, the signed
 * ResponseData is taken out as its exact bytes (the signature is over them) and nothing BER is accepted.
 * Work is bounded: at most MAX_OCSP_RESPONSE_SIZE bytes, MAX_SINGLE_RESPONSES answers and MAX_RESPONSE_CERTS
 * certificates; the structure has a fixed depth, so nothing recurses on hostile input.
 */
import { contentOf, encodingOf, TAG, type Tlv } from '../../encoding/der-reader.js';
import { readAlgorithmIdentifierAt, readOid, readWholeTlv, expectTag } from '../../crypto/der-primitives.js';
import type { AlgorithmIdentifierDer } from '../../crypto/signature-algorithms.js';
import { Certificate } from '../certificate.js';
import { childrenWithTag, integerContent, readOctetAlignedBitString, readSmallInteger, readTime, serialHexOf } from '../der-values.js';
import { decodeExtension, readExtensions, readReasonCode, type Extension, type RevocationReason } from '../extensions.js';
import { DistinguishedName } from '../name.js';

/** Largest OCSP response read. Real ones are 1-5 KB (a few more with the responder certificate). */
export const MAX_OCSP_RESPONSE_SIZE = 1024 * 1024;
/** Most SingleResponses read from one response (a responder may answer for several certificates). */
export const MAX_SINGLE_RESPONSES = 64;
/** Most certificates read from the `certs` field. */
export const MAX_RESPONSE_CERTS = 8;

/** id-pkix-ocsp-basic: the only response type RFC 6960 requires and the only one imzala reads. */
export const OCSP_BASIC_OID = '1.3.6.1.5.5.7.48.1.1';
/** id-pkix-ocsp-nonce (RFC 6960 §4.4.1, RFC 8954). */
export const OCSP_NONCE_OID = '1.3.6.1.5.5.7.48.1.2';
/** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1). */
export const OCSP_NOCHECK_OID = '1.3.6.1.5.5.7.48.1.5';
/** id-pkix-ocsp-archive-cutoff and id-pkix-ocsp-crl: informational extensions imzala understands well enough. */
const KNOWN_RESPONSE_EXTENSIONS: ReadonlySet<string> = new Set([OCSP_NONCE_OID, '1.3.6.1.5.5.7.48.1.6', '1.3.6.1.5.5.7.48.1.3']);

/** OCSPResponseStatus values (RFC 6960 §4.2.1); 4 is not used. */
export const OCSP_RESPONSE_STATUS: Readonly<Record<number, string>> = {
  0: 'successful', 1: 'malformedRequest', 2: 'internalError', 3: 'tryLater', 5: 'sigRequired', 6: 'unauthorized',
};

export interface CertId {
  /** OID of the hash over the issuer's name and key. */
  hashAlgorithm: string;
  issuerNameHash: Uint8Array;
  issuerKeyHash: Uint8Array;
  /** As Certificate.serialNumberHex. */
  serialNumberHex: string;
}

export type SingleStatus =
  | { kind: 'good' }
  | { kind: 'revoked'; revocationTime: Date; reason?: RevocationReason }
  | { kind: 'unknown' };

export interface SingleResponse {
  certId: CertId;
  status: SingleStatus;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** Critical singleExtensions imzala does not understand. */
  unknownCritical: string[];
}

export type ResponderId = { byName: DistinguishedName } | { byKey: Uint8Array };

export interface BasicOcspResponse {
  /** ResponseData exactly as signed. */
  tbsResponseData: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifierDer;
  signature: Uint8Array;
  responderId: ResponderId;
  producedAt: Date;
  responses: SingleResponse[];
  /** The nonce's value (the OCTET STRING's contents), when the response carries one. */
  nonce?: Uint8Array;
  /** Critical responseExtensions imzala does not understand. */
  unknownCritical: string[];
  /** Certificates the responder sent along (usually its own). */
  certs: Certificate[];
}

/** The outer OCSPResponse: a status and, when successful, the basic response. */
export type ParsedOcspResponse =
  | { status: 'successful'; basic: BasicOcspResponse }
  | { status: string; statusCode: number };

/**
 * Reads an OCSPResponse.
 * @throws RangeError for anything that is not a DER OCSPResponse (the caller turns it into OCSP_MALFORMED),
 *   and a RangeError starting with 'unsupported response type' for a non-basic response.
 */
export function parseOcspResponse(der: Uint8Array): ParsedOcspResponse {
  if (der.length === 0) throw new RangeError('no bytes');
  if (der.length > MAX_OCSP_RESPONSE_SIZE) throw new RangeError(`larger than ${MAX_OCSP_RESPONSE_SIZE} bytes`);
  const outer = readWholeTlv(der);
  const [statusTlv, bytesTlv, ...extra] = childrenWithTag(der, outer, TAG.SEQUENCE, 'OCSPResponse', 2);
  if (extra.length) throw new RangeError('OCSPResponse holds extra values');
  const statusCode = readSmallInteger(der, statusTlv, 'responseStatus', TAG.ENUMERATED);
  const status = OCSP_RESPONSE_STATUS[statusCode];
  if (!status) throw new RangeError(`unknown responseStatus ${statusCode}`);
  if (statusCode !== 0) return { status, statusCode };
  const [responseBytesTlv, ...more] = childrenWithTag(der, bytesTlv, 0xa0, 'responseBytes', 1);
  if (!responseBytesTlv || more.length) throw new RangeError('[0] must hold one ResponseBytes');
  const [typeTlv, responseTlv, ...rest] = childrenWithTag(der, responseBytesTlv, TAG.SEQUENCE, 'ResponseBytes', 2);
  if (rest.length) throw new RangeError('ResponseBytes holds extra values');
  const type = readOid(der, typeTlv, 'responseType');
  if (type !== OCSP_BASIC_OID) throw new RangeError(`unsupported response type ${type}`);
  const inner = contentOf(der, expectTag(responseTlv, TAG.OCTET_STRING, 'response')).slice();
  return { status: 'successful', basic: parseBasicResponse(inner) };
}

function parseBasicResponse(der: Uint8Array): BasicOcspResponse {
  const top = readWholeTlv(der);
  const [dataTlv, algorithmTlv, signatureTlv, certsTlv, ...extra] = childrenWithTag(der, top, TAG.SEQUENCE, 'BasicOCSPResponse', 4);
  if (extra.length) throw new RangeError('BasicOCSPResponse holds extra values');
  const signatureAlgorithm = readAlgorithmIdentifierAt(der, algorithmTlv, 'signatureAlgorithm');
  const signature = readOctetAlignedBitString(der, signatureTlv, 'signature').slice();
  const certs: Certificate[] = [];
  if (certsTlv) {
    const [listTlv, ...more] = childrenWithTag(der, certsTlv, 0xa0, 'certs', 1);
    if (!listTlv || more.length) throw new RangeError('[0] must hold one SEQUENCE OF Certificate');
    for (const certTlv of childrenWithTag(der, listTlv, TAG.SEQUENCE, 'certs', MAX_RESPONSE_CERTS)) {
      certs.push(Certificate.fromDer(encodingOf(der, certTlv).slice()));
    }
  }

  const fields = childrenWithTag(der, dataTlv, TAG.SEQUENCE, 'ResponseData', 5);
  let i = 0;
  if (fields[i]?.tag === 0xa0) {
    const [versionTlv, ...rest] = childrenWithTag(der, fields[i++], 0xa0, 'version', 1);
    if (rest.length) throw new RangeError('version holds more than one value');
    // DER leaves out the DEFAULT v1, so an explicit version can only be another one, which is unknown.
    throw new RangeError(`ResponseData version ${readSmallInteger(der, versionTlv, 'version') + 1} is not supported`);
  }
  const responderId = readResponderId(der, fields[i++]);
  const producedAtTlv = expectTag(fields[i++], TAG.GENERALIZED_TIME, 'producedAt');
  const producedAt = readTime(der, producedAtTlv, 'producedAt');
  const responses = childrenWithTag(der, fields[i++], TAG.SEQUENCE, 'responses', MAX_SINGLE_RESPONSES).map((t) => readSingleResponse(der, t));
  let extensions: Extension[] = [];
  if (fields[i]) {
    const [extensionsTlv, ...rest] = childrenWithTag(der, fields[i++], 0xa1, 'responseExtensions', 1);
    if (!extensionsTlv || rest.length) throw new RangeError('[1] must hold one Extensions value');
    extensions = readExtensions(der, extensionsTlv, 'responseExtensions');
  }
  if (i !== fields.length) throw new RangeError('unexpected ResponseData field');
  const nonceExtension = extensions.find((e) => e.oid === OCSP_NONCE_OID);
  return {
    tbsResponseData: encodingOf(der, dataTlv!).slice(),
    signatureAlgorithm,
    signature,
    responderId,
    producedAt,
    responses,
    ...(nonceExtension ? { nonce: readNonce(nonceExtension) } : {}),
    unknownCritical: extensions.filter((e) => e.critical && !KNOWN_RESPONSE_EXTENSIONS.has(e.oid)).map((e) => e.oid),
    certs,
  };
}

/** The nonce value: RFC 8954 wraps it in an OCTET STRING inside extnValue; a bare value is read as it is. */
function readNonce(ext: Extension): Uint8Array {
  try {
    return decodeExtension(ext, 'nonce', (bytes, tlv) => contentOf(bytes, expectTag(tlv, TAG.OCTET_STRING, 'Nonce')).slice());
  } catch {
    // Some responders (older Microsoft ones) put the raw bytes into extnValue.
    return ext.value.slice();
  }
}

function readResponderId(der: Uint8Array, tlv: Tlv | undefined): ResponderId {
  if (tlv?.tag === 0xa1) {
    const [nameTlv, ...rest] = childrenWithTag(der, tlv, 0xa1, 'responderID byName', 1);
    if (!nameTlv || rest.length) throw new RangeError('byName must hold one Name');
    return { byName: DistinguishedName.fromTlv(der, nameTlv) };
  }
  if (tlv?.tag === 0xa2) {
    const [keyTlv, ...rest] = childrenWithTag(der, tlv, 0xa2, 'responderID byKey', 1);
    if (!keyTlv || rest.length) throw new RangeError('byKey must hold one KeyHash');
    const hash = contentOf(der, expectTag(keyTlv, TAG.OCTET_STRING, 'KeyHash'));
    if (hash.length !== 20) throw new RangeError('KeyHash is not a SHA-1 value');
    return { byKey: hash.slice() };
  }
  throw new RangeError('responderID is missing or neither byName nor byKey');
}

/** CertID ::= SEQUENCE { hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber }. */
export function readCertId(der: Uint8Array, tlv: Tlv | undefined): CertId {
  const [algorithmTlv, nameHashTlv, keyHashTlv, serialTlv, ...extra] = childrenWithTag(der, tlv, TAG.SEQUENCE, 'CertID', 4);
  if (extra.length || !serialTlv) throw new RangeError('CertID must hold four values');
  return {
    hashAlgorithm: readAlgorithmIdentifierAt(der, algorithmTlv, 'CertID.hashAlgorithm').oid,
    issuerNameHash: contentOf(der, expectTag(nameHashTlv, TAG.OCTET_STRING, 'issuerNameHash')).slice(),
    issuerKeyHash: contentOf(der, expectTag(keyHashTlv, TAG.OCTET_STRING, 'issuerKeyHash')).slice(),
    serialNumberHex: serialHexOf(integerContent(der, serialTlv, 'serialNumber')),
  };
}

function readSingleResponse(der: Uint8Array, tlv: Tlv): SingleResponse {
  const fields = childrenWithTag(der, tlv, TAG.SEQUENCE, 'SingleResponse', 5);
  let i = 0;
  const certId = readCertId(der, fields[i++]);
  const status = readCertStatus(der, fields[i++]);
  const thisUpdate = readTime(der, expectTag(fields[i++], TAG.GENERALIZED_TIME, 'thisUpdate'), 'thisUpdate');
  let nextUpdate: Date | undefined;
  if (fields[i]?.tag === 0xa0) {
    const [timeTlv, ...rest] = childrenWithTag(der, fields[i++], 0xa0, 'nextUpdate', 1);
    if (rest.length) throw new RangeError('nextUpdate holds more than one value');
    nextUpdate = readTime(der, expectTag(timeTlv, TAG.GENERALIZED_TIME, 'nextUpdate'), 'nextUpdate');
  }
  let unknownCritical: string[] = [];
  if (fields[i]?.tag === 0xa1) {
    const [extensionsTlv, ...rest] = childrenWithTag(der, fields[i++], 0xa1, 'singleExtensions', 1);
    if (!extensionsTlv || rest.length) throw new RangeError('[1] must hold one Extensions value');
    unknownCritical = readExtensions(der, extensionsTlv, 'singleExtensions').filter((e) => e.critical && !KNOWN_RESPONSE_EXTENSIONS.has(e.oid)).map((e) => e.oid);
  }
  if (i !== fields.length) throw new RangeError('unexpected SingleResponse field');
  return { certId, status, thisUpdate, ...(nextUpdate ? { nextUpdate } : {}), unknownCritical };
}

/** CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL }. */
function readCertStatus(der: Uint8Array, tlv: Tlv | undefined): SingleStatus {
  if (!tlv) throw new RangeError('certStatus is missing');
  if (tlv.tag === 0x80 || tlv.tag === 0x82) {
    if (tlv.end !== tlv.contentStart) throw new RangeError('certStatus NULL has content');
    return { kind: tlv.tag === 0x80 ? 'good' : 'unknown' };
  }
  if (tlv.tag !== 0xa1) throw new RangeError(`certStatus has tag 0x${tlv.tag.toString(16)}`);
  const [timeTlv, reasonTlv, ...rest] = childrenWithTag(der, tlv, 0xa1, 'RevokedInfo', 2);
  if (rest.length) throw new RangeError('RevokedInfo holds extra values');
  const revocationTime = readTime(der, expectTag(timeTlv, TAG.GENERALIZED_TIME, 'revocationTime'), 'revocationTime');
  if (!reasonTlv) return { kind: 'revoked', revocationTime };
  const [enumTlv, ...more] = childrenWithTag(der, reasonTlv, 0xa0, 'revocationReason', 1);
  if (!enumTlv || more.length) throw new RangeError('revocationReason must hold one CRLReason');
  return { kind: 'revoked', revocationTime, reason: readReasonCode(der, enumTlv) };
}
