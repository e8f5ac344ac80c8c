/**
 * The PKCS#11 signer backend (pkcs11js): loads the token vendor's module, lists the certificates whose private key is on
 * a token, and signs a digest after the host has asked the person for the PIN. Every token failure becomes a bridge code;
 * every session is logged out and closed and the module finalized, whatever happens.
 */
import { existsSync } from 'node:fs';
import type * as Pkcs11Types from 'pkcs11js';
import { fromBase64, toBase64 } from '../../core/encoding/base64.js';
import { toHex } from '../../core/encoding/hex.js';
import { describePublicKey, parsePublicKey } from '../../core/crypto/public-key.js';
import { Certificate } from '../../core/pki/certificate.js';
import type { NativeListResult, NativeSignArgs, NativeSignResult, SignatureScheme, TokenCertificate, TokenInfo } from '../../core/protocol/native.js';
import type { AskPin, BackendOptions, BackendStatus, SignerBackend } from './backend.js';
import { HostError } from './host-error.js';

type Pkcs11Module = typeof Pkcs11Types;
type Handle = Buffer;

/**
 * Common PKCS#11 modules of token vendors, tried after the configured ones. These are widely used middleware paths
 * (SafeNet/Thales eToken and IDPrime, JaCarta, Rutoken, ePass2003, OpenSC); NOT confirmed for the Azerbaijani
 * national tokens, whose middleware must be named in the host config (`pkcs11Libraries`) or by managed policy.
 * SoftHSM is deliberately absent: it is a software token for tests, never a default.
 */
export const DEFAULT_PKCS11_LIBRARIES: Readonly<Partial<Record<NodeJS.Platform, readonly string[]>>> = {
  linux: [
    '/usr/lib/libeTPkcs11.so',
    '/usr/lib/x86_64-linux-gnu/libeTPkcs11.so',
    '/usr/lib/libIDPrimePKCS11.so',
    '/usr/lib/libjcPKCS11-2.so',
    '/usr/lib/librtpkcs11ecp.so',
    '/usr/lib/libcastle.so.1',
    '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
    '/usr/lib/opensc-pkcs11.so',
  ],
  darwin: [
    '/usr/local/lib/libeTPkcs11.dylib',
    '/usr/local/lib/libIDPrimePKCS11.dylib',
    '/usr/local/lib/librtpkcs11ecp.dylib',
    '/Library/OpenSC/lib/opensc-pkcs11.so',
  ],
  win32: [
    'C:\\Windows\\System32\\eTPKCS11.dll',
    'C:\\Windows\\System32\\IDPrimePKCS11.dll',
    'C:\\Windows\\System32\\jcPKCS11-2.dll',
    'C:\\Windows\\System32\\rtPKCS11ECP.dll',
    'C:\\Windows\\System32\\eps2003csp11.dll',
    'C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll',
  ],
};

export interface Pkcs11BackendOptions {
  /** From the host config, tried after a managed library and before the defaults. */
  libraries: readonly string[];
  /** Defaults to DEFAULT_PKCS11_LIBRARIES for the platform (tests pass []). */
  defaultLibraries?: readonly string[];
  platform?: NodeJS.Platform;
}

const MAX_OBJECTS = 256;
const MAX_SLOTS = 64;
const MAX_CHAIN = 8;

/** DigestInfo prefixes (RFC 8017 §9.2 note 1): DER up to the digest's OCTET STRING contents. */
const DIGEST_INFO_PREFIX: Record<NativeSignArgs['algorithm'], string> = {
  'SHA-256': '3031300d060960864801650304020105000420',
  'SHA-384': '3041300d060960864801650304020205000430',
  'SHA-512': '3051300d060960864801650304020305000440',
};

/** The libraries to try, in order, without duplicates. */
export function libraryCandidates(options: BackendOptions, backend: Pkcs11BackendOptions): string[] {
  const defaults = backend.defaultLibraries ?? DEFAULT_PKCS11_LIBRARIES[backend.platform ?? process.platform] ?? [];
  return [...new Set([...(options.pkcs11Library ? [options.pkcs11Library] : []), ...backend.libraries, ...defaults])];
}

/** The PKCS#11 backend. */
export function pkcs11Backend(backend: Pkcs11BackendOptions): SignerBackend {
  return {
    name: 'pkcs11',
    async status(options) {
      const library = libraryCandidates(options, backend).find((p) => existsSync(p)) ?? null;
      if (!library) return { backend: 'pkcs11', library: null, tokens: [] };
      return withModule(library, (p) => {
        const tokens: BackendStatus['tokens'] = [];
        for (const slot of presentSlots(p)) {
          const info = tokenInfo(p, slot);
          if (!info) continue;
          tokens.push({ ...info.summary, pinLocked: Boolean(info.flags & p.CKF_USER_PIN_LOCKED), pinCountLow: Boolean(info.flags & p.CKF_USER_PIN_COUNT_LOW) });
        }
        return { backend: 'pkcs11', library, tokens };
      });
    },
    async listCertificates(options) {
      const library = requireLibrary(options, backend);
      return withModule(library, (p): NativeListResult => {
        const certificates: TokenCertificate[] = [];
        const slots = initializedSlots(p);
        for (const { slot, info } of slots) {
          withSession(p, slot, (session) => certificates.push(...signingCertificates(p, session, info.summary)));
        }
        return { certificates };
      });
    },
    async sign(args, askPin) {
      const library = requireLibrary(args, backend);
      const certificateDer = fromBase64(args.certificate);
      let certificate: Certificate;
      try {
        certificate = Certificate.fromDer(certificateDer);
      } catch {
        throw new HostError('INVALID_REQUEST', 'certificate is not an X.509 certificate');
      }
      const keyType = describePublicKey(certificate.subjectPublicKeyInfo).type;
      const scheme = chooseScheme(keyType, args.scheme);
      const digest = fromBase64(args.digest);
      return withModule(library, async (p) => {
        for (const { slot, info } of initializedSlots(p)) {
          const found = await withSession(p, slot, async (session) => {
            const id = certificateId(p, session, certificateDer);
            if (id === null) return null;
            return signWithSession(p, session, slot, { id, certificate, digest, args, scheme, tokenLabel: info.summary.label }, askPin);
          });
          if (found) return found;
        }
        throw new HostError('KEY_NOT_FOUND', 'no token holds this certificate');
      });
    },
  };
}

function requireLibrary(options: BackendOptions, backend: Pkcs11BackendOptions): string {
  const candidates = libraryCandidates(options, backend);
  const library = candidates.find((p) => existsSync(p));
  if (!library) throw new HostError('TOKEN_LIBRARY_NOT_FOUND', 'no PKCS#11 module found', { tried: candidates });
  return library;
}

function chooseScheme(keyType: string, asked: SignatureScheme | undefined): SignatureScheme {
  if (keyType === 'EC') {
    if (asked && asked !== 'ECDSA') throw new HostError('INVALID_REQUEST', `scheme ${asked} does not fit an EC key`);
    return 'ECDSA';
  }
  if (keyType === 'RSA' || keyType === 'RSA-PSS') {
    if (asked === 'ECDSA') throw new HostError('INVALID_REQUEST', 'scheme ECDSA does not fit an RSA key');
    return asked ?? (keyType === 'RSA-PSS' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5');
  }
  throw new HostError('INVALID_REQUEST', `unsupported key type ${keyType}`);
}

let loadedModule: Pkcs11Module | null = null;

async function pkcs11js(): Promise<Pkcs11Module> {
  if (loadedModule) return loadedModule;
  try {
    const imported = (await import('pkcs11js')) as Pkcs11Module & { default?: Pkcs11Module };
    loadedModule = imported.default ?? imported;
    return loadedModule;
  } catch (e) {
    throw new HostError('TOKEN_ERROR', 'the pkcs11js addon cannot be loaded', { reason: e instanceof Error ? e.message : String(e) });
  }
}

/** Loads `library`, initializes it once, runs `body`, and always finalizes and unloads. */
async function withModule<T>(library: string, body: (p: Pkcs11Module & { module: Pkcs11Types.PKCS11 }) => T | Promise<T>): Promise<T> {
  const p = await pkcs11js();
  const module = new p.PKCS11();
  try {
    module.load(library);
  } catch (e) {
    throw new HostError('TOKEN_ERROR', `cannot load ${library}`, { library, reason: e instanceof Error ? e.message : String(e) });
  }
  try {
    guard(p, () => module.C_Initialize());
    try {
      return await body(Object.assign(Object.create(p) as Pkcs11Module, { module }));
    } finally {
      try {
        module.C_Finalize();
      } catch {
        // Finalize failing after the answer is known changes nothing for the user.
      }
    }
  } finally {
    try {
      module.close();
    } catch {
      // see above
    }
  }
}

type P = Pkcs11Module & { module: Pkcs11Types.PKCS11 };

function presentSlots(p: P): Handle[] {
  return guard(p, () => p.module.C_GetSlotList(true)).slice(0, MAX_SLOTS);
}

interface SlotToken { slot: Handle; info: { summary: TokenInfo; flags: number } }

/** Slots whose token is present and initialized (SoftHSM always shows one empty, uninitialized token). */
function initializedSlots(p: P): SlotToken[] {
  const slots: SlotToken[] = [];
  for (const slot of presentSlots(p)) {
    const info = tokenInfo(p, slot);
    if (info) slots.push({ slot, info });
  }
  if (!slots.length) throw new HostError('TOKEN_ABSENT', 'no token is inserted');
  return slots;
}

function tokenInfo(p: P, slot: Handle): { summary: TokenInfo; flags: number } | null {
  const info = guard(p, () => p.module.C_GetTokenInfo(slot));
  if (!(info.flags & p.CKF_TOKEN_INITIALIZED)) return null;
  return {
    summary: { label: info.label.trim(), serialNumber: info.serialNumber.trim(), manufacturer: info.manufacturerID.trim(), slotId: slotId(slot) },
    flags: info.flags,
  };
}

function slotId(slot: Handle): string {
  return slot.length >= 8 ? slot.readBigUInt64LE(0).toString() : slot.length >= 4 ? String(slot.readUInt32LE(0)) : toHex(slot);
}

async function withSession<T>(p: P, slot: Handle, body: (session: Handle) => T | Promise<T>): Promise<T> {
  const session = guard(p, () => p.module.C_OpenSession(slot, p.CKF_SERIAL_SESSION));
  try {
    return await body(session);
  } finally {
    try {
      p.module.C_Logout(session);
    } catch {
      // CKR_USER_NOT_LOGGED_IN when we never logged in: expected.
    }
    try {
      p.module.C_CloseSession(session);
    } catch {
      // nothing left to do for a session that will not close
    }
  }
}

function findObjects(p: P, session: Handle, template: Pkcs11Types.Template): Handle[] {
  guard(p, () => p.module.C_FindObjectsInit(session, template));
  try {
    return guard(p, () => p.module.C_FindObjects(session, MAX_OBJECTS));
  } finally {
    p.module.C_FindObjectsFinal(session);
  }
}

function attribute(p: P, session: Handle, object: Handle, type: number): Buffer | null {
  try {
    const [a] = p.module.C_GetAttributeValue(session, object, [{ type }]);
    return Buffer.isBuffer(a?.value) ? a.value : null;
  } catch {
    return null; // sensitive or absent attribute
  }
}

interface TokenCertificateObject { der: Uint8Array; id: Buffer | null; label: string; parsed: Certificate }

function certificateObjects(p: P, session: Handle): TokenCertificateObject[] {
  const objects: TokenCertificateObject[] = [];
  for (const handle of findObjects(p, session, [{ type: p.CKA_CLASS, value: p.CKO_CERTIFICATE }, { type: p.CKA_CERTIFICATE_TYPE, value: p.CKC_X_509 }])) {
    const value = attribute(p, session, handle, p.CKA_VALUE);
    if (!value) continue;
    const der = new Uint8Array(value);
    let parsed: Certificate;
    try {
      parsed = Certificate.fromDer(der);
    } catch {
      continue; // a broken certificate object on the token is not ours to sign with
    }
    objects.push({ der, id: attribute(p, session, handle, p.CKA_ID), label: attribute(p, session, handle, p.CKA_LABEL)?.toString('utf8') ?? '', parsed });
  }
  return objects;
}

/**
 * Certificates with a key on the token (a private or public key object with the same CKA_ID), with the token's CA
 * certificates that issue them. Before login most tokens hide private keys, so the public key object counts too; when
 * the token shows neither, every end-entity certificate counts (signing then answers KEY_NOT_FOUND if it has no key).
 */
function signingCertificates(p: P, session: Handle, token: TokenInfo): TokenCertificate[] {
  const certificates = certificateObjects(p, session);
  const keyIds = new Set<string>();
  for (const cls of [p.CKO_PRIVATE_KEY, p.CKO_PUBLIC_KEY]) {
    for (const key of findObjects(p, session, [{ type: p.CKA_CLASS, value: cls }])) {
      const id = attribute(p, session, key, p.CKA_ID);
      if (id?.length) keyIds.add(id.toString('hex'));
    }
  }
  const isCa = (c: TokenCertificateObject) => c.parsed.basicConstraints?.ca === true;
  const authorities = certificates.filter(isCa);
  const withKey = certificates.filter((c) => !isCa(c) && (keyIds.size === 0 || (c.id !== null && keyIds.has(c.id.toString('hex')))));
  return withKey.map((c) => ({
    certificate: toBase64(c.der),
    chain: chainOf(c.parsed, authorities).map((a) => toBase64(a.der)),
    label: c.label,
    keyType: describePublicKey(c.parsed.subjectPublicKeyInfo).type === 'EC' ? 'EC' : 'RSA',
    token,
  }));
}

/** Issuers by name, nearest first, stopping at a self-issued certificate or a loop. */
function chainOf(certificate: Certificate, authorities: readonly TokenCertificateObject[]): TokenCertificateObject[] {
  const chain: TokenCertificateObject[] = [];
  let current = certificate;
  while (chain.length < MAX_CHAIN && !current.isSelfIssued) {
    const issuer = authorities.find((a) => sameBytes(a.parsed.subject.der, current.issuer.der) && !chain.includes(a));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer.parsed;
  }
  return chain;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** CKA_ID of the certificate object holding exactly `der`, or null when this token does not have it. */
function certificateId(p: P, session: Handle, der: Uint8Array): Buffer | null {
  const match = certificateObjects(p, session).find((c) => sameBytes(c.der, der));
  if (!match) return null;
  return match.id ?? Buffer.alloc(0);
}

interface SignJob { id: Buffer; certificate: Certificate; digest: Uint8Array; args: NativeSignArgs; scheme: SignatureScheme; tokenLabel: string }

async function signWithSession(p: P, session: Handle, slot: Handle, job: SignJob, askPin: AskPin): Promise<NativeSignResult> {
  const info = guard(p, () => p.module.C_GetTokenInfo(slot));
  const before = info.flags;
  if (before & p.CKF_USER_PIN_LOCKED) throw new HostError('PIN_BLOCKED', 'the token says the user PIN is locked');
  const identity = job.certificate.identity;
  const pin = await askPin({
    certificateName: identity.commonName,
    ...(identity.fin ? { fin: identity.fin } : {}),
    tokenLabel: job.tokenLabel,
    pinCountLow: Boolean(before & p.CKF_USER_PIN_COUNT_LOW),
    finalTry: Boolean(before & p.CKF_USER_PIN_FINAL_TRY),
  });
  // Checked before C_Login: a PIN outside the token's own length range would cost a try on some tokens.
  const minLength = info.minPinLen || 1;
  const maxLength = info.maxPinLen > 0 && info.maxPinLen < 256 ? info.maxPinLen : 255;
  if (pin.length < minLength || pin.length > maxLength) {
    throw new HostError('PIN_INVALID_FORMAT', `the PIN must have ${minLength}-${maxLength} characters`, { minLength, maxLength });
  }
  try {
    p.module.C_Login(session, p.CKU_USER, pin);
  } catch (e) {
    const code = ckrOf(e);
    if (code === p.CKR_USER_ALREADY_LOGGED_IN) {
      // another application's login on the same token: the key is usable
    } else if (code === p.CKR_PIN_INCORRECT) {
      const after = safeFlags(p, slot);
      if (after & p.CKF_USER_PIN_LOCKED) throw new HostError('PIN_BLOCKED', 'the wrong PIN locked the token');
      throw new HostError('PIN_INCORRECT', 'wrong PIN', { pinCountLow: Boolean(after & p.CKF_USER_PIN_COUNT_LOW), finalTry: Boolean(after & p.CKF_USER_PIN_FINAL_TRY) });
    } else {
      throw mapPkcs11Error(p, e);
    }
  }
  const key = privateKey(p, session, job);
  const data = job.scheme === 'RSASSA-PKCS1-v1_5' ? Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[job.args.algorithm], 'hex'), job.digest]) : Buffer.from(job.digest);
  const mechanism: Pkcs11Types.Mechanism =
    job.scheme === 'ECDSA' ? { mechanism: p.CKM_ECDSA }
    : job.scheme === 'RSA-PSS' ? { mechanism: p.CKM_RSA_PKCS_PSS, parameter: pssParameters(p, job.args.algorithm, job.digest.length) }
    : { mechanism: p.CKM_RSA_PKCS };
  const signature = guard(p, () => {
    p.module.C_SignInit(session, mechanism, key);
    return p.module.C_Sign(session, data, Buffer.alloc(1024));
  });
  return { signature: toBase64(new Uint8Array(signature)), scheme: job.scheme, ...(job.scheme === 'ECDSA' ? { signatureFormat: 'p1363' as const } : {}) };
}

function pssParameters(p: P, algorithm: NativeSignArgs['algorithm'], saltLength: number): Pkcs11Types.RsaPSS {
  const hash = { 'SHA-256': [p.CKM_SHA256, p.CKG_MGF1_SHA256], 'SHA-384': [p.CKM_SHA384, p.CKG_MGF1_SHA384], 'SHA-512': [p.CKM_SHA512, p.CKG_MGF1_SHA512] }[algorithm];
  return { type: p.CK_PARAMS_RSA_PSS, hashAlg: hash[0]!, mgf: hash[1]!, saltLen: saltLength };
}

/** The private key with the certificate's CKA_ID, else the RSA private key with the certificate's modulus. */
function privateKey(p: P, session: Handle, job: SignJob): Handle {
  if (job.id.length) {
    const [byId] = findObjects(p, session, [{ type: p.CKA_CLASS, value: p.CKO_PRIVATE_KEY }, { type: p.CKA_ID, value: job.id }]);
    if (byId) return byId;
  }
  const modulus = parsePublicKey(job.certificate.subjectPublicKeyInfo).rsa?.modulus;
  if (modulus !== undefined) {
    for (const key of findObjects(p, session, [{ type: p.CKA_CLASS, value: p.CKO_PRIVATE_KEY }, { type: p.CKA_KEY_TYPE, value: p.CKK_RSA }])) {
      const value = attribute(p, session, key, p.CKA_MODULUS);
      if (value?.length && BigInt('0x' + value.toString('hex')) === modulus) return key;
    }
  }
  throw new HostError('KEY_NOT_FOUND', 'no private key for this certificate on the token');
}

function safeFlags(p: P, slot: Handle): number {
  try {
    return p.module.C_GetTokenInfo(slot).flags;
  } catch {
    return 0;
  }
}

function ckrOf(e: unknown): number | null {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : null;
}

/** The name of a CKR_ value, from pkcs11js' own constants. */
export function ckrName(p: Pkcs11Module, code: number): string {
  for (const [name, value] of Object.entries(p)) if (name.startsWith('CKR_') && value === code) return name;
  return `0x${code.toString(16).padStart(8, '0')}`;
}

/** A PKCS#11 failure as a bridge code. */
export function mapPkcs11Error(p: Pkcs11Module, e: unknown): HostError {
  if (e instanceof HostError) return e;
  const code = ckrOf(e);
  if (code === null) return new HostError('TOKEN_ERROR', 'token failure', { reason: e instanceof Error ? e.message : String(e) });
  const ckr = ckrName(p, code);
  if (code === p.CKR_PIN_INCORRECT) return new HostError('PIN_INCORRECT', 'wrong PIN', {});
  if (code === p.CKR_PIN_LOCKED) return new HostError('PIN_BLOCKED', 'the user PIN is locked', { ckr });
  if (code === p.CKR_PIN_LEN_RANGE || code === p.CKR_PIN_INVALID) return new HostError('PIN_INVALID_FORMAT', 'the token refuses this PIN length or characters', { ckr });
  if (code === p.CKR_TOKEN_NOT_PRESENT || code === p.CKR_DEVICE_REMOVED || code === p.CKR_TOKEN_NOT_RECOGNIZED) return new HostError('TOKEN_ABSENT', 'the token was removed', { ckr });
  if (code === p.CKR_KEY_HANDLE_INVALID) return new HostError('KEY_NOT_FOUND', 'the key is gone', { ckr });
  return new HostError('TOKEN_ERROR', `token failure ${ckr}`, { ckr });
}

function guard<T>(p: Pkcs11Module, call: () => T): T {
  try {
    return call();
  } catch (e) {
    throw mapPkcs11Error(p, e);
  }
}
