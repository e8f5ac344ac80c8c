/**
 * Reads CMS SignedData (RFC 5652) into the parts verification needs, keeping the exact input bytes of
 * everything that is hashed or compared (signed attributes, certificates, issuer names, serial numbers).
 * Accepts BER (other tools emit it); a PDF's zero padding after the ContentInfo is allowed, other trailing
 * bytes are not. Every problem is an ImzalaError('CMS_MALFORMED' | ...) with the reason.
 */
import { HASH_ALGORITHM_OIDS, type HashAlgorithm } from '../crypto/hash.js';
import type { AlgorithmIdentifierDer } from '../crypto/signature-algorithms.js';
import { decodeOid } from '../crypto/der-primitives.js';
import { octetStringContent, readBer, UNIVERSAL, type BerElement } from '../encoding/ber-reader.js';
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

type Node = BerElement;

function isUniversal(node: Node | undefined, tagNumber: number): node is Node {
  return !!node && node.isUniversal(tagNumber);
}

function isContext(node: Node | undefined, tagNumber: number): node is Node {
  return !!node && node.isContext(tagNumber);
}

function childrenOf(node: Node | undefined, what: string): readonly Node[] {
  if (!node || !node.constructed) throw malformed(`${what} is not constructed`);
  return node.children();
}

function oidOf(node: Node | undefined, what: string): string {
  if (!isUniversal(node, UNIVERSAL.OID) || node.constructed) throw malformed(`${what} is not an OBJECT IDENTIFIER`);
  try {
    return decodeOid(node.content);
  } catch {
    throw malformed(`${what} is not an OBJECT IDENTIFIER`);
  }
}

/** Largest INTEGER content read as a number here (versions): six octets stay within 2^53. */
const MAX_SMALL_INTEGER_BYTES = 6;

function integerOf(node: Node | undefined, what: string): number {
  if (!isUniversal(node, UNIVERSAL.INTEGER) || node.constructed) throw malformed(`${what} is not an INTEGER`);
  const content = node.content;
  if (content.length === 0) throw malformed(`${what} is not an INTEGER`);
  if (content.length > MAX_SMALL_INTEGER_BYTES) throw malformed(`${what} is out of range`);
  // Two's complement, as X.690 §8.3.3 says.
  let v = content[0]! >= 0x80 ? content[0]! - 256 : content[0]!;
  for (let k = 1; k < content.length; k++) v = v * 256 + content[k]!;
  return v;
}

/** Octet string content, also for constructed (BER) octet strings. */
function octetsOf(node: Node | undefined, what: string): Uint8Array {
  if (!isUniversal(node, UNIVERSAL.OCTET_STRING) && !isContext(node, 0)) throw malformed(`${what} is not an OCTET STRING`);
  const content = octetStringContent(node);
  if (!content) throw malformed(`${what} is not an OCTET STRING`);
  return content;
}

function encodingOf(node: Node): Uint8Array {
  return node.encoding.slice();
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
    if (rest.length || !isUniversal(values, UNIVERSAL.SET)) throw malformed(`${what}: bad attribute`);
    return { type: oidOf(type, 'attribute type'), values: childrenOf(values, 'attribute values').map(encodingOf) };
  });
}

function signerInfoOf(node: Node): ParsedSignerInfo {
  const parts = childrenOf(node, 'SignerInfo');
  let i = 0;
  const version = integerOf(parts[i++], 'SignerInfo version');
  const sidNode = parts[i++];
  let sid: SignerIdentifier;
  if (sidNode?.isUniversal(UNIVERSAL.SEQUENCE)) {
    const [issuer, serial, ...rest] = childrenOf(sidNode, 'IssuerAndSerialNumber');
    if (rest.length || !isUniversal(issuer, UNIVERSAL.SEQUENCE) || !isUniversal(serial, UNIVERSAL.INTEGER)) throw malformed('bad IssuerAndSerialNumber');
    sid = {
      kind: 'issuerAndSerialNumber',
      issuer: encodingOf(issuer!),
      serialNumber: serial.content.slice(),
    };
  } else if (sidNode?.isContext(0) && !sidNode.constructed) {
    sid = { kind: 'subjectKeyIdentifier', keyIdentifier: sidNode.content.slice() };
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
  let root: BerElement;
  try {
    root = readBer(bytes);
  } catch (e) {
    throw malformed(e instanceof RangeError ? e.message : String(e));
  }
  const trailing = bytes.subarray(root.end);
  if (trailing.length && !(allowZeroPadding && trailing.every((b) => b === 0))) {
    throw malformed(`${trailing.length} bytes after the signature`);
  }
  try {
    return signedDataOf(root);
  } catch (e) {
    if (e instanceof ImzalaError) throw e;
    throw malformed(e instanceof RangeError ? e.message : String(e));
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
  if (more.length || !isUniversal(signedData, UNIVERSAL.SEQUENCE)) throw malformed('bad SignedData');
  const parts = childrenOf(signedData, 'SignedData');
  let i = 0;
  const version = integerOf(parts[i++], 'SignedData version');
  if (!isUniversal(parts[i++], UNIVERSAL.SET)) throw malformed('digestAlgorithms is not a SET');
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
    for (const c of childrenOf(parts[i++], 'certificates')) if (isUniversal(c, UNIVERSAL.SEQUENCE)) certificates.push(encodingOf(c));
  }
  const crls: Uint8Array[] = [];
  if (isContext(parts[i], 1)) {
    for (const c of childrenOf(parts[i++], 'crls')) if (isUniversal(c, UNIVERSAL.SEQUENCE)) crls.push(encodingOf(c));
  }
  const signerInfosNode = parts[i++];
  if (!isUniversal(signerInfosNode, UNIVERSAL.SET) || i !== parts.length) throw malformed('bad signerInfos');
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
