/** Builds X.509 v2 CRLs (RFC 5280 5) with pkijs + WebCrypto: CRL number, AKI and per-entry reason codes. */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from '../../core/encoding/bytes.js';
import { parseCertificate } from '../../core/keys/key-pair-match.js';
import {
  importSigningKey,
  subjectKeyIdentifierOf,
  x509Time,
  type Issuer,
  type SignatureSpec,
} from './certificate-builder.js';

/** RFC 5280 5.3.1 CRLReason values. */
export const CRL_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

export type CrlReason = keyof typeof CRL_REASONS;

export interface RevokedEntry {
  /** The certificate's serial number, as its INTEGER content bytes. */
  serialNumber: Uint8Array;
  revocationDate: Date;
  /** Absent: no reasonCode entry extension (RFC 5280 says to leave out "unspecified"). */
  reason?: CrlReason;
}

export interface CrlSpec {
  issuer: Issuer;
  thisUpdate: Date;
  nextUpdate?: Date;
  revoked?: readonly RevokedEntry[];
  /** The cRLNumber extension; default 1. */
  crlNumber?: number;
  signature?: SignatureSpec;
}

const OID_CRL_NUMBER = '2.5.29.20';
const OID_AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';
const OID_REASON_CODE = '2.5.29.21';

/** The serial number bytes of a DER certificate (to list it in a CRL). */
export function certificateSerialNumber(certificate: Uint8Array): Uint8Array {
  return parseCertificate(certificate).serialNumber.valueBlock.valueHexView.slice();
}

/** Issues a CRL signed by `spec.issuer` and returns its DER. */
export async function issueCrl(spec: CrlSpec): Promise<Uint8Array> {
  const issuer = parseCertificate(spec.issuer.certificate, 'issuer certificate');
  const authorityKeyId = subjectKeyIdentifierOf(issuer);

  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1; // v2
  crl.issuer = issuer.subject;
  crl.thisUpdate = x509Time(spec.thisUpdate);
  if (spec.nextUpdate) crl.nextUpdate = x509Time(spec.nextUpdate);
  // An empty list is left out entirely: an empty SEQUENCE is not allowed (RFC 5280 5.1.2.6).
  if (spec.revoked?.length) {
    crl.revokedCertificates = spec.revoked.map(
      (entry) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({ valueHex: toArrayBuffer(entry.serialNumber) }),
          revocationDate: x509Time(entry.revocationDate),
          ...(entry.reason !== undefined
            ? {
                crlEntryExtensions: new pkijs.Extensions({
                  extensions: [
                    new pkijs.Extension({
                      extnID: OID_REASON_CODE,
                      critical: false,
                      extnValue: new asn1js.Enumerated({ value: CRL_REASONS[entry.reason] }).toBER(false),
                    }),
                  ],
                }),
              }
            : {}),
        }),
    );
  }
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      new pkijs.Extension({
        extnID: OID_AUTHORITY_KEY_IDENTIFIER,
        critical: false,
        extnValue: new asn1js.Sequence({
          value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: toArrayBuffer(authorityKeyId) })],
        }).toBER(false),
      }),
      new pkijs.Extension({
        extnID: OID_CRL_NUMBER,
        critical: false,
        extnValue: new asn1js.Integer({ value: spec.crlNumber ?? 1 }).toBER(false),
      }),
    ],
  });
  await crl.sign(await importSigningKey(spec.issuer.privateKeyPkcs8, spec.signature), spec.signature?.hash ?? 'SHA-256');
  return new Uint8Array(crl.toSchema(true).toBER(false));
}
