/**
 * PKCS#12 key files (RFC 7292; .p12 / .pfx): read what OpenSSL 3, NSS `pk12util` and this module write,
 * and write files both of them read. Pure: WebCrypto, asn1js/pkijs and @noble only.
 *
 * Reading checks the MAC before anything is decrypted, so a wrong password is always reported as
 * KEY_FILE_BAD_PASSWORD and never as some later parse error. The certificate returned is the one whose
 * public key matches the private key; the other certificates become the chain, issuers first in order.
 */
import * as asn1js from 'asn1js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type * as pkijs from 'pkijs';
import { HASH_ALGORITHM_OIDS } from '../crypto/hash.js';
import { bytesEqual, toArrayBuffer, utf8Bytes } from '../encoding/bytes.js';
import { ImzalaError } from '../errors.js';
import {
  KEY_FILE_BAD_PASSWORD,
  KEY_FILE_KEY_MISMATCH,
  KEY_FILE_LIMIT_EXCEEDED,
  KEY_FILE_NO_CERTIFICATE,
  KEY_FILE_NO_KEY,
} from './codes.js';
import {
  certificatePublicKey,
  parseCertificate,
  readPrivateKeyInfo,
  samePublicKey,
  type PrivateKeyFacts,
} from './key-pair-match.js';
import {
  algorithmIdentifierOf,
  derOf,
  explicitContent,
  isContextTag,
  malformed,
  octetsOf,
  oidOf,
  parseBer,
  sequenceItems,
  setItems,
  smallIntegerOf,
  type AlgorithmIdentifierNode,
} from './key-file-asn1.js';
import {
  checkIterations,
  decryptWithPassword,
  encryptWithPassword,
  hmacHashOf,
  IterationBudget,
  pbkdf2,
  readPbkdf2Parameters,
  unsupportedEncryption,
} from './password-based-encryption.js';
import {
  bmpPassword,
  PKCS12_KDF_ID,
  pkcs12Kdf,
  pkcs12KdfOutputSize,
  widenedUtf8Password,
} from './pkcs12-kdf.js';

/** A private key with its certificate, as a signer needs them. */
export interface KeyBundle {
  /** PKCS#8 PrivateKeyInfo, DER, unencrypted. */
  privateKeyPkcs8: Uint8Array;
  /** The signer's certificate (DER); its public key matches the private key. */
  certificate: Uint8Array;
  /** Issuer certificates (DER): the issuer of `certificate` first, then its issuer, ...; unrelated ones last. */
  chain: Uint8Array[];
  /** The PKCS#12 friendlyName (the "nickname" in NSS), e.g. the holder's name. */
  friendlyName?: string;
}

export interface WritePkcs12Options {
  /** PBKDF2 and MAC iteration count; default 100 000 (OpenSSL 3 writes 2 048, NSS 600 000). */
  iterations?: number;
}

/** Bounds on hostile files: a real .p12 is a few kilobytes with a handful of certificates. */
export const PKCS12_LIMITS = {
  maxFileSize: 4 * 1024 * 1024,
  maxContentInfos: 64,
  maxBags: 256,
  maxAttributes: 32,
  /** safeContentsBag may nest SafeContents; one level is what exists in practice. */
  maxSafeContentsDepth: 4,
} as const;

const DEFAULT_ITERATIONS = 100_000;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  envelopedData: '1.2.840.113549.1.7.3',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbmac1: '1.2.840.113549.1.5.14',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

const HMAC_HASHES = {
  'SHA-1': sha1,
  'SHA-224': sha224,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
} as const;

function limitExceeded(limit: string, details: Record<string, unknown> = {}): ImzalaError {
  return new ImzalaError(KEY_FILE_LIMIT_EXCEEDED, `key file limit exceeded: ${limit}`, { limit, ...details });
}

/** One way of turning the user's password into bytes; files in the wild use several. */
interface PasswordForm {
  /** For the PKCS#12 KDF (MAC key): BMPString with terminator, or a legacy variant. */
  pkcs12: Uint8Array;
  /** For PBES2 / PBMAC1 (PBKDF2): UTF-8, as RFC 8018 and OpenSSL do. */
  utf8: Uint8Array;
}

function passwordForms(password: string): PasswordForm[] {
  const utf8 = utf8Bytes(password);
  const forms: PasswordForm[] = [{ pkcs12: bmpPassword(password), utf8 }];
  // OpenSSL before 1.1 widened UTF-8 bytes instead of converting to UTF-16.
  if (/[^\x00-\x7f]/.test(password)) forms.push({ pkcs12: widenedUtf8Password(password), utf8 });
  // Some tools encode the empty password as no bytes at all instead of just the terminator.
  if (password === '') forms.push({ pkcs12: new Uint8Array(0), utf8 });
  return forms;
}

/**
 * The byte strings PBES2 content may have been encrypted under, without repeats. UTF-8 is the
 * standard (RFC 8018, OpenSSL, NSS); the PKCS#12 BMPString form follows because some writers reuse it
 * for PBES2. A later candidate costs one more derivation, and only when the earlier ones failed.
 */
function pbes2Passwords(forms: readonly PasswordForm[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const candidate of forms.flatMap((form) => [form.utf8, form.pkcs12])) {
    if (!out.some((seen) => bytesEqual(seen, candidate))) out.push(candidate);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- reading

interface KeyEntry {
  pkcs8: Uint8Array;
  localKeyId?: Uint8Array;
  friendlyName?: string;
}

interface CertificateEntry {
  der: Uint8Array;
  parsed: pkijs.Certificate;
  localKeyId?: Uint8Array;
  friendlyName?: string;
}

interface BagCollector {
  keys: KeyEntry[];
  certificates: CertificateEntry[];
  bagCount: number;
  /** The password encodings that may have encrypted the contents (fewer once a MAC picked the form). */
  pbes2Passwords: Uint8Array[];
  budget: IterationBudget;
}

/**
 * Reads a PKCS#12 file: checks its MAC with `password`, decrypts it and returns the private key with
 * its certificate and chain. Throws ImzalaError KEY_FILE_MALFORMED, KEY_FILE_BAD_PASSWORD,
 * KEY_FILE_UNSUPPORTED_ENCRYPTION (legacy 3DES/RC2/RC4 files), KEY_FILE_UNSUPPORTED_KEY,
 * KEY_FILE_NO_KEY, KEY_FILE_NO_CERTIFICATE or KEY_FILE_LIMIT_EXCEEDED.
 */
export async function readPkcs12(p12: Uint8Array, password: string): Promise<KeyBundle> {
  if (p12.length === 0) throw malformed('PFX', { reason: 'empty file' });
  if (p12.length > PKCS12_LIMITS.maxFileSize) {
    throw limitExceeded(`file size ≤ ${PKCS12_LIMITS.maxFileSize} bytes`, { size: p12.length });
  }

  const pfxItems = sequenceItems(parseBer(p12, 'PFX'), 'PFX', { min: 2, max: 3 });
  const version = smallIntegerOf(pfxItems[0], 'PFX version');
  if (version !== 3) throw malformed('PFX version', { version });

  const [contentTypeNode, contentNode] = sequenceItems(pfxItems[1], 'PFX authSafe', { min: 1, max: 2 });
  const contentType = oidOf(contentTypeNode, 'PFX authSafe contentType');
  if (contentType === OID.signedData) {
    // Public-key integrity mode: the file is signed instead of MAC-protected; no tool in use writes it.
    throw unsupportedEncryption('public-key integrity mode (signedData)', contentType);
  }
  if (contentType !== OID.data) throw malformed('PFX authSafe contentType', { contentType });
  const authSafe = octetsOf(explicitContent(contentNode, 0, 'PFX authSafe content'), 'PFX authSafe content');

  const budget = new IterationBudget();
  const forms =
    pfxItems[2] === undefined ? passwordForms(password) : [await verifyMac(pfxItems[2], authSafe, password, budget)];

  const collector: BagCollector = {
    keys: [],
    certificates: [],
    bagCount: 0,
    pbes2Passwords: pbes2Passwords(forms),
    budget,
  };
  const contentInfos = sequenceItems(parseBer(authSafe, 'AuthenticatedSafe'), 'AuthenticatedSafe');
  if (contentInfos.length > PKCS12_LIMITS.maxContentInfos) {
    throw limitExceeded(`ContentInfos ≤ ${PKCS12_LIMITS.maxContentInfos}`, { count: contentInfos.length });
  }
  for (const contentInfo of contentInfos) {
    await readSafeContents(await contentInfoData(contentInfo, collector), collector, 0);
  }
  return pickBundle(collector);
}

/**
 * Verifies the MacData (RFC 7292 4; PBMAC1 of RFC 9579) and returns the password form that produced it.
 */
async function verifyMac(
  macDataNode: asn1js.AsnType,
  authSafe: Uint8Array,
  password: string,
  budget: IterationBudget,
): Promise<PasswordForm> {
  const [digestInfo, saltNode, iterationNode] = sequenceItems(macDataNode, 'MacData', { min: 2, max: 3 });
  const [algorithmNode, digestNode] = sequenceItems(digestInfo, 'MacData mac', { min: 2, max: 2 });
  const algorithm = algorithmIdentifierOf(algorithmNode, 'MacData digestAlgorithm');
  const expected = octetsOf(digestNode, 'MacData digest');
  const salt = octetsOf(saltNode, 'MacData macSalt');
  // RFC 7292: iterations INTEGER DEFAULT 1.
  const iterations = iterationNode === undefined ? 1 : smallIntegerOf(iterationNode, 'MacData iterations');
  const forms = passwordForms(password);

  if (algorithm.oid === OID.pbmac1) {
    const mac = await pbmac1Mac(algorithm, utf8Bytes(password), authSafe, budget);
    if (bytesEqual(mac, expected)) return forms[0]!;
    throw new ImzalaError(KEY_FILE_BAD_PASSWORD, 'wrong key file password (PBMAC1)', {});
  }

  const hash = HASH_ALGORITHM_OIDS[algorithm.oid];
  if (hash === undefined || hash === 'MD5') throw unsupportedEncryption(`MAC ${hash ?? algorithm.oid}`, algorithm.oid);
  checkIterations(iterations, 'MacData iterations');
  const size = pkcs12KdfOutputSize(hash);
  if (expected.length !== size) throw malformed('MacData digest', { reason: 'wrong length', length: expected.length });
  for (const form of forms) {
    budget.charge(iterations);
    const key = pkcs12Kdf(hash, form.pkcs12, salt, iterations, PKCS12_KDF_ID.mac, size);
    if (bytesEqual(hmac(HMAC_HASHES[hash], key, authSafe), expected)) return form;
  }
  throw new ImzalaError(KEY_FILE_BAD_PASSWORD, 'wrong key file password', {});
}

/** RFC 9579: the MAC key comes from PBKDF2 over the UTF-8 password; MacData's salt and count are unused. */
async function pbmac1Mac(
  algorithm: AlgorithmIdentifierNode,
  password: Uint8Array,
  content: Uint8Array,
  budget: IterationBudget,
): Promise<Uint8Array> {
  const [kdfNode, schemeNode] = sequenceItems(algorithm.parameters, 'PBMAC1-params', { min: 2, max: 2 });
  const kdf = readPbkdf2Parameters(algorithmIdentifierOf(kdfNode, 'PBMAC1 keyDerivationFunc'));
  const macHash = hmacHashOf(algorithmIdentifierOf(schemeNode, 'PBMAC1 messageAuthScheme'));
  if (kdf.keyLength === undefined || kdf.keyLength < 1 || kdf.keyLength > 128) {
    throw malformed('PBMAC1 PBKDF2 keyLength', { keyLength: kdf.keyLength });
  }
  budget.charge(kdf.iterations);
  const key = await pbkdf2(password, kdf.salt, kdf.iterations, kdf.prf, kdf.keyLength);
  return hmac(HMAC_HASHES[macHash], key, content);
}

/** The SafeContents bytes of one AuthenticatedSafe ContentInfo, decrypted when needed. */
async function contentInfoData(contentInfo: asn1js.AsnType, collector: BagCollector): Promise<Uint8Array> {
  const [typeNode, contentNode] = sequenceItems(contentInfo, 'AuthenticatedSafe ContentInfo', { min: 2, max: 2 });
  const contentType = oidOf(typeNode, 'ContentInfo contentType');
  const content = explicitContent(contentNode, 0, 'ContentInfo content');
  switch (contentType) {
    case OID.data:
      return octetsOf(content, 'ContentInfo data');
    case OID.encryptedData: {
      const [versionNode, eci] = sequenceItems(content, 'EncryptedData', { min: 2, max: 3 });
      smallIntegerOf(versionNode, 'EncryptedData version');
      const [, algorithmNode, encryptedNode] = sequenceItems(eci, 'EncryptedContentInfo', { min: 3, max: 3 });
      if (!isContextTag(encryptedNode, 0)) throw malformed('EncryptedContentInfo encryptedContent');
      const algorithm = algorithmIdentifierOf(algorithmNode, 'EncryptedContentInfo contentEncryptionAlgorithm');
      const ciphertext = octetsOf(encryptedNode, 'EncryptedContentInfo encryptedContent');
      return decryptWithPassword(algorithm, ciphertext, collector.pbes2Passwords, collector.budget);
    }
    case OID.envelopedData:
      // Public-key privacy mode: contents encrypted to a certificate, not to the password.
      throw unsupportedEncryption('public-key privacy mode (envelopedData)', contentType);
    default:
      throw malformed('ContentInfo contentType', { contentType });
  }
}

async function readSafeContents(safeContents: Uint8Array, collector: BagCollector, depth: number): Promise<void> {
  if (depth > PKCS12_LIMITS.maxSafeContentsDepth) {
    throw limitExceeded(`SafeContents nesting ≤ ${PKCS12_LIMITS.maxSafeContentsDepth}`);
  }
  const bags = sequenceItems(parseBer(safeContents, 'SafeContents'), 'SafeContents');
  for (const bag of bags) {
    if (++collector.bagCount > PKCS12_LIMITS.maxBags) throw limitExceeded(`SafeBags ≤ ${PKCS12_LIMITS.maxBags}`);
    const [idNode, valueNode, attributesNode] = sequenceItems(bag, 'SafeBag', { min: 2, max: 3 });
    const bagId = oidOf(idNode, 'SafeBag bagId');
    const value = explicitContent(valueNode, 0, 'SafeBag bagValue');
    const attributes = readBagAttributes(attributesNode);
    switch (bagId) {
      case OID.keyBag:
        collector.keys.push({ pkcs8: derOf(value), ...attributes });
        break;
      case OID.pkcs8ShroudedKeyBag: {
        const [algorithmNode, encryptedNode] = sequenceItems(value, 'EncryptedPrivateKeyInfo', { min: 2, max: 2 });
        const algorithm = algorithmIdentifierOf(algorithmNode, 'EncryptedPrivateKeyInfo encryptionAlgorithm');
        const ciphertext = octetsOf(encryptedNode, 'EncryptedPrivateKeyInfo encryptedData');
        const pkcs8 = await decryptWithPassword(algorithm, ciphertext, collector.pbes2Passwords, collector.budget);
        collector.keys.push({ pkcs8, ...attributes });
        break;
      }
      case OID.certBag: {
        const [certIdNode, certValueNode] = sequenceItems(value, 'CertBag', { min: 2, max: 2 });
        // SDSI certificates and other kinds are not X.509: nothing a signer can use.
        if (oidOf(certIdNode, 'CertBag certId') !== OID.x509Certificate) break;
        const der = octetsOf(explicitContent(certValueNode, 0, 'CertBag certValue'), 'CertBag certValue');
        if (collector.certificates.some((c) => bytesEqual(c.der, der))) break;
        collector.certificates.push({ der, parsed: parseCertificate(der), ...attributes });
        break;
      }
      case OID.safeContentsBag:
        await readSafeContents(derOf(value), collector, depth + 1);
        break;
      default:
        // crlBag, secretBag and unknown bags carry nothing a signer needs.
        break;
    }
  }
}

function readBagAttributes(node: asn1js.AsnType | undefined): { localKeyId?: Uint8Array; friendlyName?: string } {
  const out: { localKeyId?: Uint8Array; friendlyName?: string } = {};
  if (node === undefined) return out;
  for (const attribute of setItems(node, 'SafeBag attributes', { max: PKCS12_LIMITS.maxAttributes })) {
    const [idNode, valuesNode] = sequenceItems(attribute, 'PKCS12Attribute', { min: 2, max: 2 });
    const id = oidOf(idNode, 'PKCS12Attribute attrId');
    const [first] = setItems(valuesNode, 'PKCS12Attribute attrValues', { max: PKCS12_LIMITS.maxAttributes });
    if (id === OID.localKeyId && first !== undefined) out.localKeyId = octetsOf(first, 'localKeyId');
    if (id === OID.friendlyName && first instanceof asn1js.BmpString) out.friendlyName = first.valueBlock.value;
  }
  return out;
}

/** The first key that has a certificate, that certificate, and the rest as the chain. */
function pickBundle(collector: BagCollector): KeyBundle {
  if (collector.keys.length === 0) throw new ImzalaError(KEY_FILE_NO_KEY, 'no private key in the key file', {});
  for (const key of collector.keys) {
    const facts = readPrivateKeyInfo(key.pkcs8);
    // localKeyId only decides the order of the candidates (a renewed certificate may share the key);
    // the public key decides the match.
    const hinted = collector.certificates.filter((c) => sameId(c.localKeyId, key.localKeyId));
    const candidates = [...hinted, ...collector.certificates.filter((c) => !hinted.includes(c))];
    const certificate = candidates.find((c) => samePublicKey(facts.publicKey, certificatePublicKey(c.parsed)));
    if (!certificate) continue;
    const others = collector.certificates.filter((c) => c !== certificate);
    const friendlyName = key.friendlyName ?? certificate.friendlyName;
    return {
      privateKeyPkcs8: key.pkcs8,
      certificate: certificate.der,
      chain: orderChain(certificate, others).map((c) => c.der),
      ...(friendlyName !== undefined ? { friendlyName } : {}),
    };
  }
  throw new ImzalaError(KEY_FILE_NO_CERTIFICATE, 'no certificate for the private key', {
    certificateCount: collector.certificates.length,
  });
}

function sameId(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return !!a && !!b && bytesEqual(a, b);
}

/** Issuer of the signer first, then its issuer, and so on; certificates off that path keep their order. */
function orderChain(leaf: CertificateEntry, others: CertificateEntry[]): CertificateEntry[] {
  const ordered: CertificateEntry[] = [];
  const remaining = [...others];
  let current = leaf;
  for (;;) {
    if (current.parsed.issuer.isEqual(current.parsed.subject)) break; // self-signed: the path ends here
    const index = remaining.findIndex((c) => c.parsed.subject.isEqual(current.parsed.issuer));
    if (index < 0) break;
    current = remaining.splice(index, 1)[0]!;
    ordered.push(current);
  }
  return [...ordered, ...remaining];
}

// ---------------------------------------------------------------------------------------------- writing

const contextTag = (tagNumber: number, value: asn1js.AsnType) =>
  new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value: [value] });
const octetString = (bytes: Uint8Array) => new asn1js.OctetString({ valueHex: toArrayBuffer(bytes) });
const oid = (value: string) => new asn1js.ObjectIdentifier({ value });

/** DER SET OF: the elements sorted by their encodings (X.690 11.6). */
function derSetOf(items: asn1js.AsnType[]): asn1js.Set {
  const encoded = items.map((item) => ({ item, der: derOf(item) }));
  encoded.sort((a, b) => compareBytes(a.der, b.der));
  return new asn1js.Set({ value: encoded.map((e) => e.item) });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function bagAttributes(friendlyName: string | undefined, localKeyId: Uint8Array | undefined): asn1js.Set | undefined {
  const attributes: asn1js.AsnType[] = [];
  if (friendlyName !== undefined) {
    attributes.push(
      new asn1js.Sequence({
        value: [oid(OID.friendlyName), new asn1js.Set({ value: [new asn1js.BmpString({ value: friendlyName })] })],
      }),
    );
  }
  if (localKeyId !== undefined) {
    attributes.push(
      new asn1js.Sequence({ value: [oid(OID.localKeyId), new asn1js.Set({ value: [octetString(localKeyId)] })] }),
    );
  }
  return attributes.length > 0 ? derSetOf(attributes) : undefined;
}

function safeBag(bagId: string, value: asn1js.AsnType, attributes: asn1js.Set | undefined): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [oid(bagId), contextTag(0, value), ...(attributes ? [attributes] : [])],
  });
}

function certBag(der: Uint8Array, attributes: asn1js.Set | undefined): asn1js.Sequence {
  return safeBag(
    OID.certBag,
    new asn1js.Sequence({ value: [oid(OID.x509Certificate), contextTag(0, octetString(der))] }),
    attributes,
  );
}

/**
 * Writes a PKCS#12 file the way OpenSSL 3 does by default: certificates in a PBES2-encrypted
 * SafeContents, the key in a pkcs8ShroudedKeyBag (PBES2: PBKDF2-HMAC-SHA256 + AES-256-CBC), an
 * HMAC-SHA-256 MAC, localKeyId tying key and certificate, friendlyName on both. OpenSSL 3 and NSS
 * (`pk12util -i`) read it. Throws KEY_FILE_KEY_MISMATCH when the certificate is not the key's.
 */
export async function writePkcs12(
  bundle: KeyBundle,
  password: string,
  options: WritePkcs12Options = {},
): Promise<Uint8Array> {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  checkIterations(iterations, 'iterations');
  const key: PrivateKeyFacts = readPrivateKeyInfo(bundle.privateKeyPkcs8);
  const certificate = parseCertificate(bundle.certificate);
  if (!samePublicKey(key.publicKey, certificatePublicKey(certificate))) {
    throw new ImzalaError(KEY_FILE_KEY_MISMATCH, 'the certificate does not belong to the private key', {
      key: key.description,
    });
  }
  bundle.chain.forEach((der, i) => parseCertificate(der, `chain certificate ${i}`));

  const utf8 = utf8Bytes(password);
  // OpenSSL's choice: the SHA-1 of the certificate; any value shared by key and certificate works.
  const localKeyId = sha1(bundle.certificate);

  const certificates = derOf(
    new asn1js.Sequence({
      value: [
        certBag(bundle.certificate, bagAttributes(bundle.friendlyName, localKeyId)),
        ...bundle.chain.map((der) => certBag(der, undefined)),
      ],
    }),
  );
  const encryptedCertificates = await encryptWithPassword(certificates, utf8, iterations);
  const encryptedKey = await encryptWithPassword(bundle.privateKeyPkcs8, utf8, iterations);
  const keyContents = derOf(
    new asn1js.Sequence({
      value: [
        safeBag(
          OID.pkcs8ShroudedKeyBag,
          new asn1js.Sequence({ value: [encryptedKey.algorithm, octetString(encryptedKey.ciphertext)] }),
          bagAttributes(bundle.friendlyName, localKeyId),
        ),
      ],
    }),
  );

  const authSafe = derOf(
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [
            oid(OID.encryptedData),
            contextTag(
              0,
              new asn1js.Sequence({
                value: [
                  new asn1js.Integer({ value: 0 }),
                  new asn1js.Sequence({
                    value: [
                      oid(OID.data),
                      encryptedCertificates.algorithm,
                      // [0] IMPLICIT OCTET STRING
                      new asn1js.Primitive({
                        idBlock: { tagClass: 3, tagNumber: 0 },
                        valueHex: toArrayBuffer(encryptedCertificates.ciphertext),
                      }),
                    ],
                  }),
                ],
              }),
            ),
          ],
        }),
        new asn1js.Sequence({ value: [oid(OID.data), contextTag(0, octetString(keyContents))] }),
      ],
    }),
  );

  const macSalt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const macKey = pkcs12Kdf('SHA-256', bmpPassword(password), macSalt, iterations, PKCS12_KDF_ID.mac, 32);
  const mac = hmac(sha256, macKey, authSafe);

  return derOf(
    new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 3 }),
        new asn1js.Sequence({ value: [oid(OID.data), contextTag(0, octetString(authSafe))] }),
        new asn1js.Sequence({
          value: [
            new asn1js.Sequence({
              value: [new asn1js.Sequence({ value: [oid(OID.sha256), new asn1js.Null()] }), octetString(mac)],
            }),
            octetString(macSalt),
            new asn1js.Integer({ value: iterations }),
          ],
        }),
      ],
    }),
  );
}
