/**
 * Signature algorithms as X.509 and CMS name them (RFC 3279, RFC 4055, RFC 5754, RFC 5758, RFC 8017), turned
 * into one `SignatureAlgorithm` value that every signature check in imzala goes through, and back into the
 * AlgorithmIdentifier that a new signature carries.
 */
import { ImzalaError } from '../errors.js';
import { explicit, nullValue, oid as encodeOid, sequence, smallInteger } from '../encoding/der-writer.js';
import { HASH_ALGORITHM_OIDS, HASH_OID_BY_ALGORITHM, HASH_SIZE, isWeakHash, type HashAlgorithm } from './hash.js';
import { childrenOf, isDerNull, readAlgorithmIdentifierAt, readNonNegativeInteger, readWholeTlv } from './der-primitives.js';
import { TAG } from '../encoding/der-reader.js';

/** An AlgorithmIdentifier: `parameters` is the DER of the parameters element, absent when there is none. */
export interface AlgorithmIdentifierDer {
  oid: string;
  parameters?: Uint8Array;
}

export type SignatureScheme = 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA';

/** RSASSA-PSS parameters (RFC 4055 §3.1); MGF1 is the only mask generation function. */
export interface PssParameters {
  saltLength: number;
  mgfHash: HashAlgorithm;
  trailerField: 1;
}

export interface SignatureAlgorithm {
  scheme: SignatureScheme;
  hash: HashAlgorithm;
  pss?: PssParameters;
  /** e.g. 'sha256WithRSAEncryption', 'ecdsa-with-SHA384', 'RSASSA-PSS'. */
  name: string;
}

/** Object identifiers of the keys and signature algorithms imzala knows. */
export const SIGNATURE_OIDS = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  md5WithRSAEncryption: '1.2.840.113549.1.1.4',
  sha1WithRSAEncryption: '1.2.840.113549.1.1.5',
  sha224WithRSAEncryption: '1.2.840.113549.1.1.14',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  sha384WithRSAEncryption: '1.2.840.113549.1.1.12',
  sha512WithRSAEncryption: '1.2.840.113549.1.1.13',
  /** OIW sha1WithRSASignature: still found in old documents. */
  sha1WithRSASignatureOiw: '1.3.14.3.2.29',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha224: '1.2.840.10045.4.3.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
} as const;

const PKCS1_BY_OID: Readonly<Record<string, HashAlgorithm>> = {
  [SIGNATURE_OIDS.md5WithRSAEncryption]: 'MD5',
  [SIGNATURE_OIDS.sha1WithRSAEncryption]: 'SHA-1',
  [SIGNATURE_OIDS.sha1WithRSASignatureOiw]: 'SHA-1',
  [SIGNATURE_OIDS.sha224WithRSAEncryption]: 'SHA-224',
  [SIGNATURE_OIDS.sha256WithRSAEncryption]: 'SHA-256',
  [SIGNATURE_OIDS.sha384WithRSAEncryption]: 'SHA-384',
  [SIGNATURE_OIDS.sha512WithRSAEncryption]: 'SHA-512',
};

/** New signatures name SHA-1 with the PKCS#1 OID, never the old OIW one. */
const PKCS1_OID_BY_HASH: Readonly<Partial<Record<HashAlgorithm, string>>> = Object.fromEntries(
  Object.entries(PKCS1_BY_OID)
    .filter(([oid]) => oid !== SIGNATURE_OIDS.sha1WithRSASignatureOiw)
    .map(([oid, hash]) => [hash, oid]),
);

const ECDSA_BY_OID: Readonly<Record<string, HashAlgorithm>> = {
  [SIGNATURE_OIDS.ecdsaWithSha1]: 'SHA-1',
  [SIGNATURE_OIDS.ecdsaWithSha224]: 'SHA-224',
  [SIGNATURE_OIDS.ecdsaWithSha256]: 'SHA-256',
  [SIGNATURE_OIDS.ecdsaWithSha384]: 'SHA-384',
  [SIGNATURE_OIDS.ecdsaWithSha512]: 'SHA-512',
};

const ECDSA_OID_BY_HASH: Readonly<Partial<Record<HashAlgorithm, string>>> = Object.fromEntries(
  Object.entries(ECDSA_BY_OID).map(([oid, hash]) => [hash, oid]),
);

/** Hashes allowed inside RSASSA-PSS parameters (RFC 4055 §2.1: SHA-1 and SHA-2; never MD5). */
const PSS_HASHES: readonly HashAlgorithm[] = ['SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512'];
const ECDSA_HASHES = PSS_HASHES;

/** Largest salt accepted in parameters: larger than any supported key could hold; bounds hostile values. */
const MAX_PSS_SALT_LENGTH = 2048;

/** A table lookup that ignores inherited keys ('__proto__', 'constructor'): OIDs and names may come from callers. */
function lookup<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return lookup(HASH_SIZE, value) !== undefined;
}

function unsupported(reason: string, details: Record<string, unknown> = {}): ImzalaError {
  return new ImzalaError('UNSUPPORTED_ALGORITHM', `unsupported signature algorithm: ${reason}`, { reason, ...details });
}

function pkcs1Name(hash: HashAlgorithm): string {
  return `${hash.replace('-', '').toLowerCase()}WithRSAEncryption`;
}

/** RSASSA-PKCS1-v1_5 with `hash`. */
export function rsaPkcs1Algorithm(hash: HashAlgorithm): SignatureAlgorithm {
  return { scheme: 'RSASSA-PKCS1-v1_5', hash, name: pkcs1Name(hash) };
}

/** RSASSA-PSS with `hash`; MGF1 uses the same hash and the salt is as long as the hash unless told otherwise. */
export function rsaPssAlgorithm(hash: HashAlgorithm, options: { saltLength?: number; mgfHash?: HashAlgorithm } = {}): SignatureAlgorithm {
  return {
    scheme: 'RSA-PSS',
    hash,
    pss: { saltLength: options.saltLength ?? HASH_SIZE[hash], mgfHash: options.mgfHash ?? hash, trailerField: 1 },
    name: 'RSASSA-PSS',
  };
}

/** ECDSA with `hash`. */
export function ecdsaAlgorithm(hash: HashAlgorithm): SignatureAlgorithm {
  return { scheme: 'ECDSA', hash, name: `ecdsa-with-${hash.replace('-', '')}` };
}

/** A hash AlgorithmIdentifier inside PSS parameters: NULL and absent parameters are both legal (RFC 4055 §2.1). */
function hashFromIdentifier(id: AlgorithmIdentifierDer, what: string): HashAlgorithm {
  const hash = lookup(HASH_ALGORITHM_OIDS, id.oid);
  if (!hash || !PSS_HASHES.includes(hash)) throw unsupported(`${what} ${id.oid} is not a supported hash`, { oid: id.oid });
  if (id.parameters && !isDerNull(id.parameters)) throw unsupported(`${what} has parameters`, { oid: id.oid });
  return hash;
}

/**
 * RSASSA-PSS-params (RFC 4055 §3.1):
 * SEQUENCE { hashAlgorithm [0] DEFAULT sha1, maskGenAlgorithm [1] DEFAULT mgf1SHA1, saltLength [2] DEFAULT 20,
 * trailerField [3] DEFAULT 1 }. Explicitly encoded defaults are accepted (some encoders write them).
 * Throws ImzalaError('UNSUPPORTED_ALGORITHM') for anything malformed or outside what imzala supports.
 */
export function parsePssParameters(der: Uint8Array): { hash: HashAlgorithm; pss: PssParameters } {
  try {
    const seq = readWholeTlv(der);
    if (seq.tag !== TAG.SEQUENCE) throw new RangeError('RSASSA-PSS-params is not a SEQUENCE');
    let hash: HashAlgorithm = 'SHA-1';
    let mgfHash: HashAlgorithm = 'SHA-1';
    let saltLength = 20;
    let lastField = -1;
    for (const field of childrenOf(der, seq, 4)) {
      const number = field.tag - 0xa0;
      // Context tags [0]..[3], constructed (EXPLICIT), each at most once and in order.
      if (number < 0 || number > 3 || number <= lastField) throw new RangeError(`unexpected field tag 0x${field.tag.toString(16)}`);
      lastField = number;
      const [inner, ...extra] = childrenOf(der, field, 1);
      if (!inner || extra.length) throw new RangeError(`field [${number}] must hold exactly one value`);
      if (number === 0) {
        hash = hashFromIdentifier(readAlgorithmIdentifierAt(der, inner, 'hashAlgorithm'), 'hashAlgorithm');
      } else if (number === 1) {
        const mgf = readAlgorithmIdentifierAt(der, inner, 'maskGenAlgorithm');
        if (mgf.oid !== SIGNATURE_OIDS.mgf1) throw unsupported(`mask generation function ${mgf.oid}`, { oid: mgf.oid });
        if (!mgf.parameters) throw new RangeError('MGF1 without its hash');
        const mgfParams = readWholeTlv(mgf.parameters);
        mgfHash = hashFromIdentifier(readAlgorithmIdentifierAt(mgf.parameters, mgfParams, 'MGF1 hash'), 'MGF1 hash');
      } else if (number === 2) {
        saltLength = Number(readNonNegativeInteger(der, inner, 4, 'saltLength'));
        if (saltLength > MAX_PSS_SALT_LENGTH) throw unsupported(`salt length ${saltLength}`, { saltLength });
      } else {
        const trailer = readNonNegativeInteger(der, inner, 4, 'trailerField');
        if (trailer !== 1n) throw unsupported(`trailerField ${trailer} (only 1 is defined)`, { trailerField: Number(trailer) });
      }
    }
    return { hash, pss: { saltLength, mgfHash, trailerField: 1 } };
  } catch (e) {
    if (e instanceof ImzalaError) throw e;
    throw unsupported(`malformed RSASSA-PSS parameters (${(e as Error).message})`);
  }
}

/** DER of RSASSA-PSS-params; DEFAULT values are left out as DER requires. Hash identifiers carry NULL (RFC 4055 §2.1). */
export function encodePssParameters(hash: HashAlgorithm, pss: PssParameters): Uint8Array {
  const hashIdentifier = (h: HashAlgorithm) => sequence(encodeOid(HASH_OID_BY_ALGORITHM[h]), nullValue());
  return sequence(
    ...(hash === 'SHA-1' ? [] : [explicit(0, hashIdentifier(hash))]),
    ...(pss.mgfHash === 'SHA-1' ? [] : [explicit(1, sequence(encodeOid(SIGNATURE_OIDS.mgf1), hashIdentifier(pss.mgfHash)))]),
    ...(pss.saltLength === 20 ? [] : [explicit(2, smallInteger(pss.saltLength))]),
  );
}

function requireNullOrAbsent(id: AlgorithmIdentifierDer): void {
  if (id.parameters && !isDerNull(id.parameters)) throw unsupported('parameters must be NULL', { oid: id.oid });
}

/**
 * The signature algorithm of an X.509 certificate, CRL, OCSP response or CMS SignerInfo.
 * In CMS, signatureAlgorithm may be the key OID (rsaEncryption, id-ecPublicKey); the hash then comes from the
 * SignerInfo's digestAlgorithm, which must be passed as `digestAlgorithm`.
 * @throws ImzalaError('UNSUPPORTED_ALGORITHM') with the OID and the reason in its details.
 */
export function signatureAlgorithmFromIdentifier(id: AlgorithmIdentifierDer, digestAlgorithm?: HashAlgorithm): SignatureAlgorithm {
  const pkcs1Hash = lookup(PKCS1_BY_OID, id.oid);
  if (pkcs1Hash) {
    // RFC 4055 §5 says NULL; absent parameters are seen in the wild and mean the same.
    requireNullOrAbsent(id);
    return rsaPkcs1Algorithm(pkcs1Hash);
  }
  const ecdsaHash = lookup(ECDSA_BY_OID, id.oid);
  if (ecdsaHash) {
    // RFC 5758 §3.2: the parameters MUST be absent.
    if (id.parameters) throw unsupported('ECDSA parameters must be absent', { oid: id.oid });
    return ecdsaAlgorithm(ecdsaHash);
  }
  if (id.oid === SIGNATURE_OIDS.rsassaPss) {
    // RFC 4055 §3.1: with a signature value the parameters MUST be present.
    if (!id.parameters) throw unsupported('RSASSA-PSS without parameters', { oid: id.oid });
    const { hash, pss } = parsePssParameters(id.parameters);
    return { scheme: 'RSA-PSS', hash, pss, name: 'RSASSA-PSS' };
  }
  if (id.oid === SIGNATURE_OIDS.rsaEncryption || id.oid === SIGNATURE_OIDS.ecPublicKey) {
    if (!digestAlgorithm) throw unsupported('a key OID as signature algorithm needs the digest algorithm', { oid: id.oid });
    if (!isHashAlgorithm(digestAlgorithm)) throw unsupported(`digest algorithm ${String(digestAlgorithm)}`, { oid: id.oid });
    if (id.oid === SIGNATURE_OIDS.rsaEncryption) {
      requireNullOrAbsent(id);
      return rsaPkcs1Algorithm(digestAlgorithm);
    }
    if (!ECDSA_HASHES.includes(digestAlgorithm)) throw unsupported(`ECDSA with ${digestAlgorithm}`, { oid: id.oid });
    // Some producers repeat the curve OID here; it says nothing the key does not.
    if (id.parameters && !isDerNull(id.parameters) && id.parameters[0] !== 0x06) {
      throw unsupported('unexpected id-ecPublicKey parameters', { oid: id.oid });
    }
    return ecdsaAlgorithm(digestAlgorithm);
  }
  throw unsupported(`OID ${id.oid}`, { oid: id.oid });
}

/**
 * The AlgorithmIdentifier a new signature carries: PKCS#1 v1.5 with NULL parameters (RFC 4055 §5), ECDSA
 * without parameters (RFC 5758 §3.2), RSASSA-PSS with its DER-encoded parameters (RFC 4055 §3.1).
 * @throws ImzalaError('UNSUPPORTED_ALGORITHM') for combinations that have no identifier (ECDSA with MD5).
 */
export function signatureAlgorithmIdentifier(alg: SignatureAlgorithm): AlgorithmIdentifierDer {
  switch (alg.scheme) {
    case 'RSASSA-PKCS1-v1_5': {
      const oid = lookup(PKCS1_OID_BY_HASH, alg.hash);
      if (!oid) throw unsupported(`RSA PKCS#1 v1.5 with ${alg.hash}`);
      return { oid, parameters: nullValue() };
    }
    case 'ECDSA': {
      const oid = lookup(ECDSA_OID_BY_HASH, alg.hash);
      if (!oid) throw unsupported(`ECDSA with ${alg.hash}`);
      return { oid };
    }
    case 'RSA-PSS': {
      if (!alg.pss) throw unsupported('RSASSA-PSS without parameters');
      if (!PSS_HASHES.includes(alg.hash) || !PSS_HASHES.includes(alg.pss.mgfHash)) throw unsupported(`RSASSA-PSS with ${alg.hash}`);
      return { oid: SIGNATURE_OIDS.rsassaPss, parameters: encodePssParameters(alg.hash, alg.pss) };
    }
    default:
      throw unsupported(`scheme ${String((alg as { scheme: unknown }).scheme)}`);
  }
}

/** MD5 and SHA-1 signatures are still checked but reported as weak (collisions are practical). */
export function isWeakSignatureAlgorithm(alg: SignatureAlgorithm): boolean {
  return isWeakHash(alg.hash);
}

/**
 * Checks that a SignatureAlgorithm value is one imzala can verify (callers may build the object themselves).
 * @returns null when fine, else the reason.
 */
export function signatureAlgorithmProblem(alg: SignatureAlgorithm): string | null {
  if (!alg || typeof alg !== 'object') return 'no algorithm';
  if (!isHashAlgorithm(alg.hash)) return `unknown hash ${String(alg.hash)}`;
  switch (alg.scheme) {
    case 'RSASSA-PKCS1-v1_5':
      return alg.pss ? 'PKCS#1 v1.5 with PSS parameters' : null;
    case 'ECDSA':
      if (alg.pss) return 'ECDSA with PSS parameters';
      return ECDSA_HASHES.includes(alg.hash) ? null : `ECDSA with ${alg.hash}`;
    case 'RSA-PSS': {
      const pss = alg.pss;
      if (!pss) return 'RSASSA-PSS without parameters';
      if (!PSS_HASHES.includes(alg.hash)) return `RSASSA-PSS with ${alg.hash}`;
      if (!PSS_HASHES.includes(pss.mgfHash)) return `MGF1 with ${String(pss.mgfHash)}`;
      if (!Number.isSafeInteger(pss.saltLength) || pss.saltLength < 0 || pss.saltLength > MAX_PSS_SALT_LENGTH) {
        return `salt length ${String(pss.saltLength)}`;
      }
      return pss.trailerField === 1 ? null : `trailerField ${String(pss.trailerField)}`;
    }
    default:
      return `unknown scheme ${String((alg as { scheme: unknown }).scheme)}`;
  }
}
