/**
 * Certificate revocation lists (RFC 5280 §5) and revocation checking with them (§6.3).
 *
 * What "revoked" means here. The question is always "was this certificate revoked at `time`?", where `time` is
 * the moment the signature is known to have existed (the signing time, or a timestamp). A CRL entry counts when
 * its effective date (the revocationDate, or the entry's invalidityDate when that is earlier: the date the key
 * is known or suspected to have been compromised) is at or before `time`. A later revocation does not undo a
 * signature made before it: the result is 'good', with the later revocation in the evidence
 * (`revokedAfterTime`), as ETSI EN 319 102-1 treats it. certificateHold counts as revoked while it is listed.
 *
 * Which CRL may answer. It must name the certificate's issuer, be signed by the issuer certificate's key (whose
 * keyUsage, when present, asserts cRLSign), be a complete v2 CRL with a non-critical CRLNumber, carry no
 * critical extension imzala does not understand, cover the certificate (issuingDistributionPoint scope), and
 * speak about `time`: either current at it (thisUpdate <= time <= nextUpdate), or issued after it while the
 * certificate was still within its validity (a later CRL still lists every revocation up to its issue, and a
 * certificate is only dropped from CRLs once it has expired). Delta CRLs and indirect CRLs are not used.
 */
import { encodingOf, TAG } from '../encoding/der-reader.js';
import { toHex } from '../encoding/hex.js';
import { digest } from '../crypto/hash.js';
import { readAlgorithmIdentifierAt, readWholeTlv } from '../crypto/der-primitives.js';
import { signatureAlgorithmFromIdentifier, type AlgorithmIdentifierDer } from '../crypto/signature-algorithms.js';
import { verifySignature } from '../crypto/verify-signature.js';
import { bytesEqual } from '../encoding/bytes.js';
import { ImzalaError, isImzalaError } from '../errors.js';
import type { Certificate } from './certificate.js';
import { childrenWithTag, integerContent, readOctetAlignedBitString, readSmallInteger, readTime, serialHexOf } from './der-values.js';
import {
  decodeExtension, EXTENSION_OIDS, readAuthorityKeyIdentifier, readCrlNumber, readExtensions, readInvalidityDate,
  readIssuingDistributionPoint, readReasonCode, urisOf, type AuthorityKeyIdentifier, type Extension,
  type IssuingDistributionPoint, type RevocationReason,
} from './extensions.js';
import { DistinguishedName, namesMatch } from './name.js';

/** Largest CRL accepted. A national CA's CRL with tens of thousands of entries is a few megabytes. */
export const MAX_CRL_SIZE = 64 * 1024 * 1024;

/** CRL extensions imzala understands (RFC 5280 §5.2). */
const KNOWN_CRL_EXTENSIONS: ReadonlySet<string> = new Set([
  EXTENSION_OIDS.authorityKeyIdentifier,
  EXTENSION_OIDS.issuerAltName,
  EXTENSION_OIDS.crlNumber,
  EXTENSION_OIDS.deltaCrlIndicator,
  EXTENSION_OIDS.issuingDistributionPoint,
  EXTENSION_OIDS.freshestCrl,
  EXTENSION_OIDS.authorityInfoAccess,
]);

/** CRL entry extensions imzala understands (RFC 5280 §5.3). */
const KNOWN_ENTRY_EXTENSIONS: ReadonlySet<string> = new Set([
  EXTENSION_OIDS.reasonCode,
  EXTENSION_OIDS.invalidityDate,
  EXTENSION_OIDS.certificateIssuer,
]);

export interface RevokedEntry {
  /** revocationDate of the entry. */
  date: Date;
  reason?: RevocationReason;
  invalidityDate?: Date;
}

function malformed(reason: string, details: Record<string, unknown> = {}): ImzalaError {
  return new ImzalaError('CRL_MALFORMED', `the CRL cannot be read: ${reason}`, { reason, ...details });
}

/** A parsed CRL. Build one with `Crl.fromDer`. */
export class Crl {
  readonly der: Uint8Array;
  /** TBSCertList bytes exactly as in the input. */
  readonly tbs: Uint8Array;
  readonly sha256: string;
  /** 1 or 2. */
  readonly version: number;
  readonly issuer: DistinguishedName;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** Revoked serial numbers (hex as Certificate.serialNumberHex) with their entries. */
  readonly revoked: ReadonlyMap<string, RevokedEntry>;
  readonly signatureAlgorithm: AlgorithmIdentifierDer;
  readonly signatureValue: Uint8Array;
  readonly extensions: readonly Extension[];
  /** CRLNumber as hex, when present. */
  readonly crlNumber?: string;
  readonly crlNumberCritical: boolean;
  readonly authorityKeyIdentifier?: AuthorityKeyIdentifier;
  readonly issuingDistributionPoint?: IssuingDistributionPoint;
  /** A delta CRL (deltaCRLIndicator present). */
  readonly isDelta: boolean;
  /** Some entry names another issuer (certificateIssuer): an indirect CRL. */
  readonly hasIndirectEntries: boolean;
  /** Critical CRL and CRL-entry extensions imzala does not understand: such a CRL cannot be relied on. */
  readonly criticalUnknownExtensions: readonly string[];

  private constructor(der: Uint8Array) {
    this.der = der;
    const list = readWholeTlv(der);
    const [tbsTlv, algorithmTlv, signatureTlv, ...extra] = childrenWithTag(der, list, TAG.SEQUENCE, 'CertificateList', 3);
    if (!signatureTlv || extra.length) throw new RangeError('CertificateList must hold tbsCertList, signatureAlgorithm and signatureValue');
    this.tbs = encodingOf(der, tbsTlv!).slice();
    this.signatureAlgorithm = readAlgorithmIdentifierAt(der, algorithmTlv, 'signatureAlgorithm');
    this.signatureValue = readOctetAlignedBitString(der, signatureTlv, 'signatureValue').slice();
    this.sha256 = toHex(digest('SHA-256', der));

    const fields = childrenWithTag(der, tbsTlv, TAG.SEQUENCE, 'TBSCertList', 7);
    let i = 0;
    let version = 1;
    if (fields[i]?.tag === TAG.INTEGER) {
      const v = readSmallInteger(der, fields[i++], 'version');
      if (v !== 1) throw new RangeError(`CRL version field ${v} (only v2, encoded 1, may be written)`);
      version = 2;
    }
    this.version = version;
    const innerAlgorithm = fields[i++];
    readAlgorithmIdentifierAt(der, innerAlgorithm, 'TBSCertList.signature');
    if (!bytesEqual(encodingOf(der, innerAlgorithm!), encodingOf(der, algorithmTlv!))) {
      throw new RangeError('signatureAlgorithm differs from TBSCertList.signature');
    }
    const issuerTlv = fields[i++];
    if (!issuerTlv) throw new RangeError('issuer is missing');
    this.issuer = DistinguishedName.fromTlv(der, issuerTlv);
    this.thisUpdate = readTime(der, fields[i++], 'thisUpdate');
    if (fields[i] && (fields[i]!.tag === TAG.UTC_TIME || fields[i]!.tag === TAG.GENERALIZED_TIME)) {
      this.nextUpdate = readTime(der, fields[i++], 'nextUpdate');
    }

    const unknownCritical: string[] = [];
    const revoked = new Map<string, RevokedEntry>();
    let indirect = false;
    if (fields[i]?.tag === TAG.SEQUENCE) {
      for (const entryTlv of childrenWithTag(der, fields[i++], TAG.SEQUENCE, 'revokedCertificates', Number.MAX_SAFE_INTEGER)) {
        const [serialTlv, dateTlv, extensionsTlv, ...rest] = childrenWithTag(der, entryTlv, TAG.SEQUENCE, 'revoked entry', 3);
        if (rest.length) throw new RangeError('revoked entry holds extra values');
        const serial = serialHexOf(integerContent(der, serialTlv, 'userCertificate'));
        const entry: RevokedEntry = { date: readTime(der, dateTlv, 'revocationDate') };
        if (extensionsTlv) {
          if (version !== 2) throw new RangeError('entry extensions need a v2 CRL');
          for (const ext of readExtensions(der, extensionsTlv, 'crlEntryExtensions')) {
            if (ext.oid === EXTENSION_OIDS.reasonCode) entry.reason = decodeExtension(ext, 'reasonCode', readReasonCode);
            else if (ext.oid === EXTENSION_OIDS.invalidityDate) entry.invalidityDate = decodeExtension(ext, 'invalidityDate', readInvalidityDate);
            else if (ext.oid === EXTENSION_OIDS.certificateIssuer) indirect = true;
            if (ext.critical && !KNOWN_ENTRY_EXTENSIONS.has(ext.oid)) unknownCritical.push(ext.oid);
          }
        }
        // A serial listed twice: keep the earlier revocation, which is the one that decides.
        const previous = revoked.get(serial);
        if (!previous || previous.date > entry.date) revoked.set(serial, entry);
      }
    }
    this.revoked = revoked;
    this.hasIndirectEntries = indirect;

    let extensions: Extension[] = [];
    if (fields[i]) {
      const [extensionsTlv, ...rest] = childrenWithTag(der, fields[i++], 0xa0, 'crlExtensions', 1);
      if (!extensionsTlv || rest.length) throw new RangeError('[0] must hold one Extensions value');
      if (version !== 2) throw new RangeError('CRL extensions need version 2');
      extensions = readExtensions(der, extensionsTlv, 'crlExtensions');
    }
    if (i !== fields.length) throw new RangeError('unexpected TBSCertList field');
    this.extensions = extensions;

    const find = (oid: string) => extensions.find((e) => e.oid === oid);
    const number = find(EXTENSION_OIDS.crlNumber);
    if (number) this.crlNumber = decodeExtension(number, 'cRLNumber', readCrlNumber);
    this.crlNumberCritical = number?.critical === true;
    const aki = find(EXTENSION_OIDS.authorityKeyIdentifier);
    if (aki) this.authorityKeyIdentifier = decodeExtension(aki, 'authorityKeyIdentifier', readAuthorityKeyIdentifier);
    const idp = find(EXTENSION_OIDS.issuingDistributionPoint);
    if (idp) this.issuingDistributionPoint = decodeExtension(idp, 'issuingDistributionPoint', readIssuingDistributionPoint);
    this.isDelta = find(EXTENSION_OIDS.deltaCrlIndicator) !== undefined;
    for (const ext of extensions) if (ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.oid)) unknownCritical.push(ext.oid);
    this.criticalUnknownExtensions = unknownCritical;
  }

  /**
   * Reads a DER CRL.
   * @throws ImzalaError('CRL_MALFORMED') with `reason`.
   */
  static fromDer(der: Uint8Array): Crl {
    if (!(der instanceof Uint8Array) || der.length === 0) throw malformed('no bytes');
    if (der.length > MAX_CRL_SIZE) throw malformed(`larger than ${MAX_CRL_SIZE} bytes`, { size: der.length });
    try {
      return new Crl(der.slice());
    } catch (e) {
      if (isImzalaError(e)) throw e;
      throw malformed(e instanceof Error ? e.message : String(e));
    }
  }
}

export type CrlRejection =
  | 'CRL_ISSUER_MISMATCH'
  | 'CRL_SIGNATURE_INVALID'
  | 'CRL_ISSUER_NOT_AUTHORIZED'
  | 'CRL_NOT_CURRENT'
  | 'CRL_NUMBER_MISSING'
  | 'CRL_UNSUPPORTED'
  | 'CRL_SCOPE_MISMATCH';

export interface RevocationCheck {
  status: 'good' | 'revoked' | 'unknown';
  /** null when good; CERTIFICATE_REVOKED or REVOCATION_UNKNOWN otherwise. */
  code: 'CERTIFICATE_REVOKED' | 'REVOCATION_UNKNOWN' | null;
  evidence: {
    /** The CRL that answered (good or revoked). */
    crl?: Crl;
    revocationDate?: Date;
    reason?: RevocationReason;
    invalidityDate?: Date;
    /** Set when the certificate was revoked, but only after `time`. */
    revokedAfterTime?: Date;
    /** CRLs that named this issuer but could not be used, and why. */
    rejected: { crl: Crl; code: CrlRejection; detail: string }[];
  };
}

type Usability = { usable: true } | { usable: false; code: CrlRejection; detail: string };

const signatureChecks = new WeakMap<Crl, Map<string, Promise<boolean>>>();

/** The CRL's signature checked with the issuer's key; remembered per (CRL, issuer) pair. */
function crlSignedBy(crl: Crl, issuer: Certificate): Promise<boolean> {
  let byIssuer = signatureChecks.get(crl);
  if (!byIssuer) signatureChecks.set(crl, (byIssuer = new Map()));
  let check = byIssuer.get(issuer.sha256);
  if (!check) {
    check = (async () => {
      let algorithm;
      try {
        algorithm = signatureAlgorithmFromIdentifier(crl.signatureAlgorithm);
      } catch {
        return false;
      }
      const result = await verifySignature({ publicKeyInfo: issuer.subjectPublicKeyInfo, algorithm, data: crl.tbs, signature: crl.signatureValue });
      return result.valid;
    })();
    byIssuer.set(issuer.sha256, check);
  }
  return check;
}

/** RFC 5280 §6.3.3 (b): why this CRL cannot speak for `cert` (unsupported kind or another scope), or null. */
function scopeProblem(crl: Crl, cert: Certificate): { code: CrlRejection; detail: string } | null {
  const unsupported = (detail: string) => ({ code: 'CRL_UNSUPPORTED' as const, detail });
  const otherScope = (detail: string) => ({ code: 'CRL_SCOPE_MISMATCH' as const, detail });
  if (crl.isDelta) return unsupported('delta CRLs are not used');
  if (crl.hasIndirectEntries) return unsupported('indirect CRLs are not used');
  const idp = crl.issuingDistributionPoint;
  if (!idp) return null;
  if (idp.indirectCRL) return unsupported('indirect CRLs are not used');
  if (idp.onlySomeReasons) return unsupported('the CRL covers only some revocation reasons');
  if (idp.relativeName) return unsupported('the CRL names its distribution point relative to the issuer');
  if (idp.onlyContainsAttributeCerts) return otherScope('the CRL covers attribute certificates only');
  if (idp.onlyContainsUserCerts && cert.isCa) return otherScope('the CRL covers end-entity certificates only');
  if (idp.onlyContainsCACerts && !cert.isCa) return otherScope('the CRL covers CA certificates only');
  if (idp.fullName) {
    const idpUris = urisOf(idp.fullName);
    if (idpUris.length !== idp.fullName.length) return unsupported('the CRL distribution point has names other than URIs');
    const names = new Set(idpUris);
    if (!cert.crlDistributionPoints.some((uri) => names.has(uri))) return otherScope('the CRL is for another distribution point');
  }
  return null;
}

async function usability(crl: Crl, cert: Certificate, issuer: Certificate, time: Date): Promise<Usability> {
  const reject = (code: CrlRejection, detail: string): Usability => ({ usable: false, code, detail });
  if (!namesMatch(crl.issuer, cert.issuer)) return reject('CRL_ISSUER_MISMATCH', `the CRL is issued by ${crl.issuer.toString()}`);
  const akiId = crl.authorityKeyIdentifier?.keyIdentifier;
  if (akiId && issuer.subjectKeyIdentifier && !bytesEqual(akiId, issuer.subjectKeyIdentifier)) {
    return reject('CRL_ISSUER_MISMATCH', 'the CRL names another key of the issuer');
  }
  if (issuer.keyUsage && !issuer.keyUsage.has('cRLSign')) return reject('CRL_ISSUER_NOT_AUTHORIZED', 'the issuer key usage does not assert cRLSign');
  if (crl.criticalUnknownExtensions.length) return reject('CRL_UNSUPPORTED', `unknown critical extension ${crl.criticalUnknownExtensions.join(', ')}`);
  // RFC 5280 §5.2.3: CRLNumber is mandatory and MUST be non-critical.
  if (crl.crlNumber === undefined) return reject('CRL_NUMBER_MISSING', 'the CRL has no CRLNumber');
  if (crl.crlNumberCritical) return reject('CRL_UNSUPPORTED', 'the CRLNumber extension is marked critical');
  const scope = scopeProblem(crl, cert);
  if (scope) return reject(scope.code, scope.detail);
  const t = time.getTime();
  const current = crl.thisUpdate.getTime() <= t && crl.nextUpdate !== undefined && t <= crl.nextUpdate.getTime();
  const issuedLaterWhileValid = crl.thisUpdate.getTime() >= t && cert.notAfter.getTime() >= crl.thisUpdate.getTime();
  if (!current && !issuedLaterWhileValid) {
    return reject('CRL_NOT_CURRENT', `thisUpdate ${crl.thisUpdate.toISOString()}, nextUpdate ${crl.nextUpdate?.toISOString() ?? 'absent'}`);
  }
  if (!(await crlSignedBy(crl, issuer))) return reject('CRL_SIGNATURE_INVALID', 'the CRL signature does not verify with the issuer key');
  return { usable: true };
}

/**
 * Revocation status of `cert` at `time` from `crls` (any order, any issuers). `issuer` is the certificate that
 * issued `cert` (the next one in its path). Never throws.
 */
export async function checkRevocationWithCrls(cert: Certificate, issuer: Certificate, crls: readonly Crl[], time: Date): Promise<RevocationCheck> {
  const rejected: RevocationCheck['evidence']['rejected'] = [];
  let good: Crl | undefined;
  let revokedLater: { crl: Crl; entry: RevokedEntry } | undefined;
  for (const crl of crls) {
    if (!namesMatch(crl.issuer, cert.issuer)) continue;
    const verdict = await usability(crl, cert, issuer, time);
    if (!verdict.usable) {
      rejected.push({ crl, code: verdict.code, detail: verdict.detail });
      continue;
    }
    const entry = crl.revoked.get(cert.serialNumberHex);
    if (entry && entry.reason !== 'removeFromCRL') {
      const effective = entry.invalidityDate && entry.invalidityDate < entry.date ? entry.invalidityDate : entry.date;
      if (effective.getTime() <= time.getTime()) {
        return {
          status: 'revoked',
          code: 'CERTIFICATE_REVOKED',
          evidence: { crl, revocationDate: entry.date, ...optional('reason', entry.reason), ...optional('invalidityDate', entry.invalidityDate), rejected },
        };
      }
      revokedLater ??= { crl, entry };
      continue;
    }
    good ??= crl;
  }
  if (revokedLater) {
    return { status: 'good', code: null, evidence: { crl: revokedLater.crl, revokedAfterTime: revokedLater.entry.date, ...optional('reason', revokedLater.entry.reason), rejected } };
  }
  if (good) return { status: 'good', code: null, evidence: { crl: good, rejected } };
  return { status: 'unknown', code: 'REVOCATION_UNKNOWN', evidence: { rejected } };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
