/**
 * The one signature check every verification in imzala goes through: X.509 certificates, CRLs, OCSP responses
 * and CMS SignerInfos. It never throws: whatever the input, the answer is a SignatureCheck with a named code.
 *
 * - RSA (PKCS#1 v1.5 and PSS): BigInt in rsa-signature.ts (WebCrypto lacks MD5, SHA-224, independent MGF1
 *   hashes and, in Node 20, id-RSASSA-PSS keys).
 * - ECDSA: WebCrypto; @noble/curves where WebCrypto cannot: SHA-224 (WebCrypto does not define it), a digest
 *   instead of the message (verifySignatureOfDigest), and platforms without `crypto.subtle` (pages over http).
 */
import { toArrayBuffer } from '../encoding/bytes.js';
import { isImzalaError } from '../errors.js';
import { digest, HASH_SIZE } from './hash.js';
import { bytesToInteger } from './der-primitives.js';
import { ecdsaDerToP1363 } from './ecdsa-encoding.js';
import { CURVES, parsePublicKey, type ParsedPublicKey, type PublicKeyInfo } from './public-key.js';
import { verifyRsaPkcs1v15, verifyRsaPss, type RsaVerifyOutcome } from './rsa-signature.js';
import { isWeakSignatureAlgorithm, signatureAlgorithmProblem, type SignatureAlgorithm } from './signature-algorithms.js';

export const SIGNATURE_CHECK_CODES = [
  'SIG_CRYPTO_FAILURE',
  'UNSUPPORTED_ALGORITHM',
  'KEY_ALGORITHM_MISMATCH',
  'MALFORMED_SIGNATURE',
  'MALFORMED_PUBLIC_KEY',
  'WEAK_KEY',
] as const;
export type SignatureCheckCode = (typeof SIGNATURE_CHECK_CODES)[number];

/** Why a signature that did verify is reported as weak. */
export const SIGNATURE_WARNING_CODES = ['WEAK_SIGNATURE_ALGORITHM', 'SHORT_RSA_KEY'] as const;
export type SignatureWarningCode = (typeof SIGNATURE_WARNING_CODES)[number];

export interface SignatureCheck {
  valid: boolean;
  /** null when valid. */
  code: SignatureCheckCode | null;
  algorithm?: SignatureAlgorithm;
  key?: PublicKeyInfo;
  /** MD5/SHA-1, or an RSA key of 1024..2047 bits: valid but weak. */
  weak: boolean;
  /** The reasons behind `weak`, as codes with messages. */
  warnings: SignatureWarningCode[];
  /** Evidence for `code` (reason, sizes, OIDs); empty when valid. */
  details: Record<string, unknown>;
}

export interface VerifySignatureInput {
  /** DER SubjectPublicKeyInfo of the signer. */
  publicKeyInfo: Uint8Array;
  algorithm: SignatureAlgorithm;
  /** The signed bytes (TBSCertificate, signed attributes, ...); hashed here. */
  data: Uint8Array;
  signature: Uint8Array;
  /** ECDSA value form: DER Ecdsa-Sig-Value as X.509/CMS carry it (default), or raw r || s. */
  ecdsaFormat?: 'der' | 'p1363';
}

/** RSA keys below this many bits are refused outright (factoring 768-bit moduli is public record). */
export const MIN_RSA_BITS = 1024;
/** RSA keys below this many bits still verify but are reported as weak. */
export const RECOMMENDED_RSA_BITS = 2048;

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

export interface VerifyDigestInput extends Omit<VerifySignatureInput, 'data'> {
  /** Hash of the signed bytes with `algorithm.hash`, computed by the caller (e.g. streamed over a large file). */
  digest: Uint8Array;
}

/** What was signed: the bytes themselves, or their digest. */
type SignedMessage = { data: Uint8Array } | { digest: Uint8Array };

/**
 * Verifies `signature` over `data` with the key in `publicKeyInfo` and `algorithm`.
 * Never throws; every failure is a code with its evidence in `details`.
 */
export async function verifySignature(input: VerifySignatureInput): Promise<SignatureCheck> {
  return guarded(input, { data: input?.data });
}

/**
 * Like verifySignature, for a caller that already hashed the signed bytes (a CMS signature without signed
 * attributes over a large document, hashed as a stream). ECDSA then goes through @noble/curves, since
 * WebCrypto only verifies whole messages.
 */
export async function verifySignatureOfDigest(input: VerifyDigestInput): Promise<SignatureCheck> {
  return guarded(input, { digest: input?.digest });
}

async function guarded(input: Omit<VerifySignatureInput, 'data'>, message: SignedMessage): Promise<SignatureCheck> {
  try {
    return await check(input, message);
  } catch (e) {
    // A bug or a platform failure must still not turn into acceptance.
    return { valid: false, code: 'SIG_CRYPTO_FAILURE', weak: false, warnings: [], details: { reason: 'unexpected error', error: String(e) } };
  }
}

async function check(input: Omit<VerifySignatureInput, 'data'>, message: SignedMessage): Promise<SignatureCheck> {
  const { algorithm } = input;
  const result = (
    valid: boolean, code: SignatureCheckCode | null, details: Record<string, unknown>, parsed?: ParsedPublicKey,
  ): SignatureCheck => {
    const warnings: SignatureWarningCode[] = [];
    if (algorithm && typeof algorithm === 'object' && isWeakSignatureAlgorithm(algorithm)) warnings.push('WEAK_SIGNATURE_ALGORITHM');
    const key = parsed?.info;
    if (key && (key.type === 'RSA' || key.type === 'RSA-PSS') && key.bits < RECOMMENDED_RSA_BITS) warnings.push('SHORT_RSA_KEY');
    return {
      valid, code, weak: warnings.length > 0, warnings, details,
      ...(algorithm && typeof algorithm === 'object' ? { algorithm } : {}),
      ...(key ? { key } : {}),
    };
  };

  if (!isBytes(input.publicKeyInfo)) return result(false, 'MALFORMED_PUBLIC_KEY', { reason: 'no public key bytes' });
  let parsed: ParsedPublicKey;
  try {
    parsed = parsePublicKey(input.publicKeyInfo);
  } catch (e) {
    if (isImzalaError(e) && (e.code === 'MALFORMED_PUBLIC_KEY' || e.code === 'UNSUPPORTED_ALGORITHM')) {
      return result(false, e.code, e.details);
    }
    return result(false, 'MALFORMED_PUBLIC_KEY', { reason: String(e) });
  }

  const problem = signatureAlgorithmProblem(algorithm);
  if (problem) return result(false, 'UNSUPPORTED_ALGORITHM', { reason: problem }, parsed);
  const mismatch = keyAlgorithmMismatch(parsed.info, algorithm);
  if (mismatch) return result(false, 'KEY_ALGORITHM_MISMATCH', { reason: mismatch, keyType: parsed.info.type, scheme: algorithm.scheme }, parsed);
  if (parsed.rsa && parsed.info.bits < MIN_RSA_BITS) {
    return result(false, 'WEAK_KEY', { reason: `RSA key of ${parsed.info.bits} bits`, bits: parsed.info.bits, minimumBits: MIN_RSA_BITS }, parsed);
  }
  if (!isBytes(input.signature)) return result(false, 'MALFORMED_SIGNATURE', { reason: 'no signature bytes' }, parsed);
  if (!isBytes('data' in message ? message.data : message.digest)) {
    return result(false, 'SIG_CRYPTO_FAILURE', { reason: 'no signed data' }, parsed);
  }
  if ('digest' in message && message.digest.length !== HASH_SIZE[algorithm.hash]) {
    return result(false, 'SIG_CRYPTO_FAILURE', { reason: `the digest is ${message.digest.length} bytes, ${algorithm.hash} gives ${HASH_SIZE[algorithm.hash]}` }, parsed);
  }
  const messageDigest = () => ('digest' in message ? message.digest : digest(algorithm.hash, message.data));

  if (parsed.rsa) {
    const outcome: RsaVerifyOutcome = algorithm.scheme === 'RSA-PSS'
      ? verifyRsaPss(parsed.rsa, algorithm.hash, algorithm.pss!.mgfHash, algorithm.pss!.saltLength, messageDigest(), input.signature)
      : verifyRsaPkcs1v15(parsed.rsa, algorithm.hash, messageDigest(), input.signature);
    if (outcome.valid) return result(true, null, {}, parsed);
    return result(false, outcome.malformed ? 'MALFORMED_SIGNATURE' : 'SIG_CRYPTO_FAILURE', { reason: outcome.reason }, parsed);
  }

  const curve = CURVES[parsed.info.curve!];
  const format = input.ecdsaFormat ?? 'der';
  if (format !== 'der' && format !== 'p1363') return result(false, 'MALFORMED_SIGNATURE', { reason: `unknown ECDSA format ${String(format)}` }, parsed);
  let raw: Uint8Array;
  if (format === 'der') {
    try {
      raw = ecdsaDerToP1363(input.signature, curve.bytes);
    } catch (e) {
      return result(false, 'MALFORMED_SIGNATURE', isImzalaError(e) ? e.details : { reason: String(e) }, parsed);
    }
  } else {
    if (input.signature.length !== 2 * curve.bytes) {
      return result(false, 'MALFORMED_SIGNATURE', { reason: `raw signature is ${input.signature.length} bytes, ${parsed.info.curve} needs ${2 * curve.bytes}` }, parsed);
    }
    raw = input.signature;
  }
  // SEC1 §4.1.4 step 1: r and s must lie in [1, n-1]. Checked here, not left to the engine.
  const n = curve.noble.Point.CURVE().n;
  const r = bytesToInteger(raw.subarray(0, curve.bytes));
  const s = bytesToInteger(raw.subarray(curve.bytes));
  if (r === 0n || s === 0n || r >= n || s >= n) return result(false, 'SIG_CRYPTO_FAILURE', { reason: 'r or s outside [1, n-1]' }, parsed);

  const valid = await verifyEcdsa(parsed, algorithm, message, raw);
  return valid ? result(true, null, {}, parsed) : result(false, 'SIG_CRYPTO_FAILURE', { reason: 'ECDSA verification failed' }, parsed);
}

/** Why this key cannot have made a signature of this algorithm, or null when it can. */
function keyAlgorithmMismatch(key: PublicKeyInfo, alg: SignatureAlgorithm): string | null {
  if (key.type === 'EC') return alg.scheme === 'ECDSA' ? null : `an EC key cannot make ${alg.scheme} signatures`;
  if (alg.scheme === 'ECDSA') return `an ${key.type} key cannot make ECDSA signatures`;
  if (key.type === 'RSA') return null;
  // id-RSASSA-PSS keys (RFC 4055 §1.2): PSS only, and with the key's parameters if it has any.
  if (alg.scheme !== 'RSA-PSS') return 'an RSASSA-PSS key may only make RSASSA-PSS signatures';
  const restriction = key.pssParams;
  if (!restriction) return null;
  const pss = alg.pss!;
  if (alg.hash !== restriction.hash) return `the key requires hash ${restriction.hash}, the signature uses ${alg.hash}`;
  if (pss.mgfHash !== restriction.mgfHash) return `the key requires MGF1 with ${restriction.mgfHash}, the signature uses ${pss.mgfHash}`;
  if (pss.saltLength < restriction.saltLength) return `the key requires a salt of at least ${restriction.saltLength} bytes, the signature uses ${pss.saltLength}`;
  return null;
}

function subtleCrypto(): SubtleCrypto | undefined {
  return (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
}

/** ECDSA with a range-checked raw r || s. */
async function verifyEcdsa(parsed: ParsedPublicKey, alg: SignatureAlgorithm, message: SignedMessage, raw: Uint8Array): Promise<boolean> {
  const curveName = parsed.info.curve!;
  const curve = CURVES[curveName];
  const subtle = subtleCrypto();
  if ('digest' in message || alg.hash === 'SHA-224' || !subtle) {
    const messageDigest = 'digest' in message ? message.digest : digest(alg.hash, message.data);
    // prehash: false — we pass the digest; lowS: false — X.509/CMS do not require low-s signatures.
    return curve.noble.verify(raw, messageDigest, parsed.ecPoint!, { prehash: false, lowS: false, format: 'compact' });
  }
  const key = await subtle.importKey('raw', toArrayBuffer(parsed.ecPoint!), { name: 'ECDSA', namedCurve: curveName }, false, ['verify']);
  return subtle.verify({ name: 'ECDSA', hash: alg.hash }, key, toArrayBuffer(raw), toArrayBuffer(message.data));
}
