/**
 * Reads CMS SignedData (RFC 5652) into the parts verification needs, keeping the exact input bytes of
 * everything that is hashed or compared (signed attributes, certificates, issuer names, serial numbers).
 * Accepts BER (other tools emit it); a PDF's zero padding after the ContentInfo is allowed, other trailing
 * bytes are not. Every problem is an ImzalaError('CMS_MALFORMED' | ...) with the reason.
 */
import * as asn1js from 'asn1js';
import { HASH_ALGORITHM_OIDS, type HashAlgorithm } from '../crypto/hash.js';
import type { AlgorithmIdentifierDer } from '../crypto/signature-algorithms.js';
import { toHex } from '../encoding/hex.js';
import { ImzalaError } from '../errors.js';
import { OID } from './oids.js';

/** The most a CMS blob may be: certificates, CRLs and timestamps of a real signature fit easily. */
export const MAX_CMS_SIZE = 32 * 1024 * 1024;

export interface CmsAttribute {
  type: string;
  /** Each value's encoding, exactly as in the input. */
  values: Uint8Array[];
}

export type SignerIdentifier =
  | { kind: 'issuerAndSerialNumber'; issuer: Uint8Array; serialNumber: Uint8Array /* INTEGER content bytes */ }
  | { kind: 'subjectKeyIdentifier'; keyIdentifier: Uint8Array };

export interface ParsedSignerInfo {
  version: number;
  sid: SignerIdentifier;
  digestAlgorithm: HashAlgorithm | null;
  digestAlgorithmOid: string;
  /** DER of the signed attributes with the SET OF tag (0x31): what the signature covers. Null when absent. */
  signedAttributesToBeSigned: Uint8Array | null;
  signedAttributes: CmsAttribute[];
  signatureAlgorithm: AlgorithmIdentifierDer;
  signature: Uint8Array;
  unsignedAttributes: CmsAttribute[];
}

export interface ParsedSignedData {
  version: number;
  eContentType: string;
  /** Encapsulated content when the signature is not detached. */
  eContent: Uint8Array | null;
  /** Certificates (DER, as found); attribute and other certificate formats are skipped. */
  certificates: Uint8Array[];
  /** CRLs (DER) embedded in the SignedData. */
  crls: Uint8Array[];
  signerInfos: ParsedSignerInfo[];
}

function malformed(reason: string): ImzalaError {
  return new ImzalaError('CMS_MALFORMED', `the CMS signature is malformed: ${reason}`, { reason });
}

type Node = asn1js.AsnType;

function isUniversal(node: Node | undefined, tagNumber: number): boolean {
  return !!node && node.idBlock.tagClass === 1 && node.idBlock.tagNumber === tagNumber;
}

function isContext(node: Node | undefined, tagNumber: number): boolean {
  return !!node && node.idBlock.tagClass === 3 && node.idBlock.tagNumber === tagNumber;
}

function childrenOf(node: Node | undefined, what: string): Node[] {
  const value = (node as asn1js.Constructed | undefined)?.valueBlock?.value;
  if (!node || !node.idBlock.isConstructed || !Array.isArray(value)) throw malformed(`${what} is not constructed`);
  return value as Node[];
}

function oidOf(node: Node | undefined, what: string): string {
  if (!isUniversal(node, 6)) throw malformed(`${what} is not an OBJECT IDENTIFIER`);
  return (node as asn1js.ObjectIdentifier).valueBlock.toString();
}

function integerOf(node: Node | undefined, what: string): number {
  if (!isUniversal(node, 2)) throw malformed(`${what} is not an INTEGER`);
  const v = (node as asn1js.Integer).valueBlock.valueDec;
  if (!Number.isSafeInteger(v)) throw malformed(`${what} is out of range`);
  return v;
}

/** Octet string content, also for constructed (BER) octet strings. */
function octetsOf(node: Node | undefined, what: string): Uint8Array {
  if (!isUniversal(node, 4) && !isContext(node, 0)) throw malformed(`${what} is not an OCTET STRING`);
  if (!node!.idBlock.isConstructed) return (node as asn1js.OctetString).valueBlock.valueHexView.slice();
  const parts = childrenOf(node, what).map((c) => octetsOf(c, what));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function encodingOf(node: Node): Uint8Array {
  return node.valueBeforeDecodeView.slice();
}

function algorithmOf(node: Node | undefined, what: string): AlgorithmIdentifierDer {
  const parts = childrenOf(node, what);
  if (parts.length < 1 || parts.length > 2) throw malformed(`${what} has ${parts.length} elements`);
  const id: AlgorithmIdentifierDer = { oid: oidOf(parts[0], what) };
  if (parts[1]) id.parameters = encodingOf(parts[1]);
  return id;
}

function attributesOf(node: Node, what: string): CmsAttribute[] {
  return childrenOf(node, what).map((attr) => {
    const [type, values, ...rest] = childrenOf(attr, 'an attribute');
    if (rest.length || !isUniversal(values, 17)) throw malformed(`${what}: bad attribute`);
    return { type: oidOf(type, 'attribute type'), values: childrenOf(values, 'attribute values').map(encodingOf) };
  });
}

function signerInfoOf(node: Node): ParsedSignerInfo {
  const parts = childrenOf(node, 'SignerInfo');
  let i = 0;
  const version = integerOf(parts[i++], 'SignerInfo version');
  const sidNode = parts[i++];
  let sid: SignerIdentifier;
  if (isUniversal(sidNode, 16)) {
    const [issuer, serial, ...rest] = childrenOf(sidNode, 'IssuerAndSerialNumber');
    if (rest.length || !isUniversal(issuer, 16) || !isUniversal(serial, 2)) throw malformed('bad IssuerAndSerialNumber');
    sid = {
      kind: 'issuerAndSerialNumber',
      issuer: encodingOf(issuer!),
      serialNumber: (serial as asn1js.Integer).valueBlock.valueHexView.slice(),
    };
  } else if (isContext(sidNode, 0) && !sidNode!.idBlock.isConstructed) {
    sid = { kind: 'subjectKeyIdentifier', keyIdentifier: (sidNode as asn1js.Primitive).valueBlock.valueHexView.slice() };
  } else {
    throw malformed('unknown signer identifier');
  }
  const digestAlgorithm = algorithmOf(parts[i++], 'digestAlgorithm');
  let signedAttributes: CmsAttribute[] = [];
  let signedAttributesToBeSigned: Uint8Array | null = null;
  if (isContext(parts[i], 0)) {
    const attrs = parts[i++]!;
    signedAttributes = attributesOf(attrs, 'signed attributes');
    // The signature covers the attributes as a SET OF: the [0] IMPLICIT tag replaced by 0x31, bytes as received.
    signedAttributesToBeSigned = encodingOf(attrs);
    signedAttributesToBeSigned[0] = 0x31;
  }
  const signatureAlgorithm = algorithmOf(parts[i++], 'signatureAlgorithm');
  const signature = octetsOf(parts[i++], 'signature');
  let unsignedAttributes: CmsAttribute[] = [];
  if (isContext(parts[i], 1)) unsignedAttributes = attributesOf(parts[i++]!, 'unsigned attributes');
  if (i !== parts.length) throw malformed('unexpected elements in SignerInfo');
  return {
    version,
    sid,
    digestAlgorithm: HASH_ALGORITHM_OIDS[digestAlgorithm.oid] ?? null,
    digestAlgorithmOid: digestAlgorithm.oid,
    signedAttributesToBeSigned,
    signedAttributes,
    signatureAlgorithm,
    signature,
    unsignedAttributes,
  };
}

/**
 * Parses a ContentInfo holding SignedData.
 * @param allowZeroPadding a PDF's /Contents is zero-padded after the DER; anything else must end exactly.
 */
export function parseSignedData(bytes: Uint8Array, allowZeroPadding = false): ParsedSignedData {
  if (bytes.length === 0) throw new ImzalaError('CMS_EMPTY', 'the signature value is empty');
  if (bytes.length > MAX_CMS_SIZE) throw new ImzalaError('CMS_TOO_LARGE', 'the CMS signature is too large', { size: bytes.length });
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(bytes);
  } catch (e) {
    throw malformed(e instanceof RangeError ? 'nesting too deep' : String(e));
  }
  if (parsed.offset === -1) throw malformed((parsed.result as { error?: string }).error || 'not ASN.1');
  const trailing = bytes.subarray(parsed.offset);
  if (trailing.length && !(allowZeroPadding && trailing.every((b) => b === 0))) {
    throw malformed(`${trailing.length} bytes after the signature`);
  }
  try {
    return signedDataOf(parsed.result);
  } catch (e) {
    if (e instanceof ImzalaError) throw e;
    throw malformed(String(e));
  }
}

function signedDataOf(root: Node): ParsedSignedData {
  const [contentType, content, ...extra] = childrenOf(root, 'ContentInfo');
  const type = oidOf(contentType, 'contentType');
  if (type !== OID.signedData) {
    throw new ImzalaError('CMS_NOT_SIGNED_DATA', 'the CMS content is not SignedData', { contentType: type });
  }
  if (extra.length || !isContext(content, 0)) throw malformed('bad ContentInfo');
  const [signedData, ...more] = childrenOf(content, '[0] content');
  if (more.length || !isUniversal(signedData, 16)) throw malformed('bad SignedData');
  const parts = childrenOf(signedData, 'SignedData');
  let i = 0;
  const version = integerOf(parts[i++], 'SignedData version');
  if (!isUniversal(parts[i++], 17)) throw malformed('digestAlgorithms is not a SET');
  const encap = childrenOf(parts[i++], 'encapContentInfo');
  const eContentType = oidOf(encap[0], 'eContentType');
  if (encap.length > 2) throw malformed('bad encapContentInfo');
  let eContent: Uint8Array | null = null;
  if (encap[1]) {
    if (!isContext(encap[1], 0)) throw malformed('bad eContent');
    eContent = octetsOf(childrenOf(encap[1], 'eContent')[0], 'eContent');
  }
  const certificates: Uint8Array[] = [];
  if (isContext(parts[i], 0)) {
    for (const c of childrenOf(parts[i++], 'certificates')) if (isUniversal(c, 16)) certificates.push(encodingOf(c));
  }
  const crls: Uint8Array[] = [];
  if (isContext(parts[i], 1)) {
    for (const c of childrenOf(parts[i++], 'crls')) if (isUniversal(c, 16)) crls.push(encodingOf(c));
  }
  const signerInfosNode = parts[i++];
  if (!isUniversal(signerInfosNode, 17) || i !== parts.length) throw malformed('bad signerInfos');
  const signerInfos = childrenOf(signerInfosNode, 'signerInfos').map(signerInfoOf);
  return { version, eContentType, eContent, certificates, crls, signerInfos };
}

/** Values of one attribute type; more than one attribute of the type is malformed (RFC 5652 §11). */
export function attributeValues(attributes: CmsAttribute[], type: string): Uint8Array[] | null {
  const found = attributes.filter((a) => a.type === type);
  if (found.length === 0) return null;
  if (found.length > 1) throw malformed(`attribute ${type} occurs ${found.length} times`);
  return found[0]!.values;
}

/** Hex of the INTEGER content bytes (for evidence). */
export function serialHex(serialNumber: Uint8Array): string {
  return toHex(serialNumber);
}
