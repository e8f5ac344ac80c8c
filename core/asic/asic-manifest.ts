/**
 * ASiCManifest (ETSI EN 319 162-1 §4.4.3.1 and Annex A.4): the XML file a CAdES signature in an ASiC-E container
 * signs. It names the signature it belongs to (SigReference) and lists every data object it covers with an
 * XML-DSig DigestMethod and DigestValue; the CAdES signature is detached over the manifest's bytes.
 */
import { fromBase64, toBase64 } from '../encoding/base64.js';
import { utf8Bytes } from '../encoding/bytes.js';
import type { HashAlgorithm } from '../crypto/hash.js';
import { ImzalaError } from '../errors.js';
import { parseXml, type XmlElement } from './xml.js';

export const ASIC_NAMESPACE = 'http://uri.etsi.org/02918/v1.2.1#';
export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';

/** XML-DSig / XML-Enc digest method URIs (RFC 6931). */
export const DIGEST_METHOD_URIS: Readonly<Record<string, HashAlgorithm>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'SHA-1',
  'http://www.w3.org/2001/04/xmldsig-more#sha224': 'SHA-224',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
  'http://www.w3.org/2001/04/xmldsig-more#md5': 'MD5',
};

const URI_BY_ALGORITHM = Object.fromEntries(Object.entries(DIGEST_METHOD_URIS).map(([uri, alg]) => [alg, uri])) as Record<HashAlgorithm, string>;

/** Largest manifest read, in bytes: a manifest for thousands of files stays far below it. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

export interface DataObjectReference {
  /** The container entry the URI names (percent-decoded). */
  name: string;
  /** null when the DigestMethod is one imzala does not know. */
  digestAlgorithm: HashAlgorithm | null;
  digestMethodUri: string;
  digestValue: Uint8Array;
  mimeType: string | null;
}

export interface AsicManifest {
  /** The signature entry the manifest belongs to (SigReference URI, percent-decoded). */
  signatureName: string;
  references: DataObjectReference[];
}

/** Relative URI of an entry name: each path segment percent-encoded (RFC 3986), slashes kept. */
export function entryNameToUri(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
}

function uriToEntryName(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    throw new ImzalaError('ASIC_MANIFEST_MALFORMED', 'a manifest URI is not valid', { reason: `bad URI ${uri}` });
  }
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export interface ManifestToBuild {
  signatureName: string;
  dataObjects: { name: string; digestAlgorithm: HashAlgorithm; digest: Uint8Array; mimeType?: string }[];
}

/** Writes an ASiCManifest (UTF-8, no BOM) naming the signature and each data object's digest. */
export function buildAsicManifest(manifest: ManifestToBuild): Uint8Array {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<asic:ASiCManifest xmlns:asic="${ASIC_NAMESPACE}" xmlns:ds="${XMLDSIG_NAMESPACE}">`,
    `  <asic:SigReference URI="${escapeAttribute(entryNameToUri(manifest.signatureName))}" MimeType="application/x-pkcs7-signature"/>`,
  ];
  for (const d of manifest.dataObjects) {
    const mime = d.mimeType ? ` MimeType="${escapeAttribute(d.mimeType)}"` : '';
    lines.push(
      `  <asic:DataObjectReference URI="${escapeAttribute(entryNameToUri(d.name))}"${mime}>`,
      `    <ds:DigestMethod Algorithm="${URI_BY_ALGORITHM[d.digestAlgorithm]}"/>`,
      `    <ds:DigestValue>${toBase64(d.digest)}</ds:DigestValue>`,
      '  </asic:DataObjectReference>',
    );
  }
  lines.push('</asic:ASiCManifest>', '');
  return utf8Bytes(lines.join('\n'));
}

function malformed(reason: string): never {
  throw new ImzalaError('ASIC_MANIFEST_MALFORMED', 'the manifest does not follow ETSI EN 319 162-1', { reason });
}

function only(parent: XmlElement, namespace: string, localName: string): XmlElement {
  const found = parent.children.filter((c) => c.namespace === namespace && c.localName === localName);
  if (found.length !== 1) malformed(`${parent.localName} must hold exactly one ${localName}`);
  return found[0]!;
}

/**
 * Reads an ASiCManifest.
 * @throws ImzalaError ASIC_MANIFEST_MALFORMED when it is not well-formed XML or not an ASiCManifest.
 */
export function parseAsicManifest(bytes: Uint8Array): AsicManifest {
  if (bytes.length > MAX_MANIFEST_BYTES) malformed(`larger than ${MAX_MANIFEST_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    malformed('not UTF-8');
  }
  const root = parseXml(text);
  if (root.namespace !== ASIC_NAMESPACE || root.localName !== 'ASiCManifest') malformed('the root element is not asic:ASiCManifest');
  const sigReference = only(root, ASIC_NAMESPACE, 'SigReference');
  const sigUri = sigReference.attributes.get('URI');
  if (!sigUri) malformed('SigReference has no URI');
  const references: DataObjectReference[] = [];
  for (const child of root.children) {
    if (child.namespace !== ASIC_NAMESPACE || child.localName !== 'DataObjectReference') continue;
    const uri = child.attributes.get('URI');
    if (!uri) malformed('a DataObjectReference has no URI');
    const method = only(child, XMLDSIG_NAMESPACE, 'DigestMethod').attributes.get('Algorithm');
    if (!method) malformed('a DigestMethod has no Algorithm');
    let digestValue: Uint8Array;
    try {
      digestValue = fromBase64(only(child, XMLDSIG_NAMESPACE, 'DigestValue').text);
    } catch {
      malformed('a DigestValue is not base64');
    }
    references.push({
      name: uriToEntryName(uri),
      digestAlgorithm: DIGEST_METHOD_URIS[method] ?? null,
      digestMethodUri: method,
      digestValue,
      mimeType: child.attributes.get('MimeType') ?? null,
    });
  }
  if (references.length === 0) malformed('no DataObjectReference');
  return { signatureName: uriToEntryName(sigUri), references };
}
