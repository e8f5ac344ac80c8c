/**
 * The Azerbaijani identity in a qualified certificate's subject (AZ-ESIGN.md §3), read from public SİMA and
 * token certificates:
 *
 *   person:            C=AZ, CN=<NAME SURNAME PATRONYMIC>, SN=<surname>, GN=<given name>, serialNumber=<FIN>
 *   business / state:  the same plus title=<position>, O=<organisation>, OU=TIN:<VÖEN>
 *
 * FIN (fərdi identifikasiya nömrəsi) is 7 characters of digits and capital Latin letters; some issuers write it
 * ETSI-style as `PNOAZ-<FIN>` (EN 319 412-1 §5.1.3). VÖEN (tax id) is 10 digits. Nothing else is guessed: a
 * serialNumber of another shape leaves `fin` undefined and is kept raw in `serialNumber`.
 */
import type { GeneralName } from './general-name.js';
import { ATTRIBUTE_OIDS, type DistinguishedName } from './name.js';

export type AzCertificateType = 'citizen' | 'business' | 'state' | 'unknown';

export interface AzIdentity {
  commonName: string;
  givenName?: string;
  surname?: string;
  /** Personal identification number (FIN), 7 characters [0-9A-Z]. */
  fin?: string;
  /** The subject serialNumber exactly as written (whether or not it is a FIN). */
  serialNumber?: string;
  /** Taxpayer identification number (VÖEN), 10 digits. */
  voen?: string;
  organization?: string;
  /** The first organisational unit that is not the `TIN:` carrier of the VÖEN. */
  organizationalUnit?: string;
  title?: string;
  email?: string;
  country?: string;
  /**
   * citizen: a FIN and no organisation; business: a VÖEN or an organisation. The public profile has no marker
   * that tells a state / municipal certificate ("Dövlət və bələdiyyə") from a business one, so imzala never
   * answers 'state' from the certificate alone (the type stays in the union for callers that know it from
   * elsewhere, such as a process definition). unknown: neither a FIN nor an organisation.
   */
  certificateType: AzCertificateType;
}

const FIN = /^[0-9A-Z]{7}$/;
const ETSI_FIN = /^PNOAZ-([0-9A-Z]{7})$/;
const VOEN_OU = /^TIN:\s*(\d{10})$/i;

/** The FIN in a subject serialNumber value, or undefined when it is not one. */
export function finFromSerialNumber(serialNumber: string | undefined): string | undefined {
  if (serialNumber === undefined) return undefined;
  const value = serialNumber.trim();
  if (FIN.test(value)) return value;
  return ETSI_FIN.exec(value)?.[1];
}

/** The VÖEN in an organisational unit of the form `TIN:<10 digits>`, or undefined. */
export function voenFromOrganizationalUnit(unit: string): string | undefined {
  return VOEN_OU.exec(unit.trim())?.[1];
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Reads the Azerbaijani identity out of a certificate's subject and subjectAltName.
 * e-mail: the first SAN rfc822Name, else the subject's emailAddress attribute.
 */
export function readAzIdentity(subject: DistinguishedName, subjectAltNames: readonly GeneralName[] = []): AzIdentity {
  const serialNumber = subject.first(ATTRIBUTE_OIDS.serialNumber);
  const fin = finFromSerialNumber(serialNumber);
  const units = subject.all(ATTRIBUTE_OIDS.organizationalUnitName);
  const voen = units.map(voenFromOrganizationalUnit).find((v) => v !== undefined);
  const otherUnit = units.find((u) => voenFromOrganizationalUnit(u) === undefined);
  const organization = nonEmpty(subject.first(ATTRIBUTE_OIDS.organizationName));
  const sanEmail = subjectAltNames.find((n) => n.type === 'rfc822Name');
  const email = sanEmail?.type === 'rfc822Name' ? sanEmail.value : nonEmpty(subject.first(ATTRIBUTE_OIDS.emailAddress));

  const certificateType: AzCertificateType = voen !== undefined || organization !== undefined ? 'business' : fin !== undefined ? 'citizen' : 'unknown';

  const identity: AzIdentity = { commonName: subject.first(ATTRIBUTE_OIDS.commonName) ?? '', certificateType };
  const optional: Partial<AzIdentity> = {
    givenName: nonEmpty(subject.first(ATTRIBUTE_OIDS.givenName)),
    surname: nonEmpty(subject.first(ATTRIBUTE_OIDS.surname)),
    fin,
    serialNumber,
    voen,
    organization,
    organizationalUnit: nonEmpty(otherUnit),
    title: nonEmpty(subject.first(ATTRIBUTE_OIDS.title)),
    email,
    country: nonEmpty(subject.first(ATTRIBUTE_OIDS.countryName)),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (identity as unknown as Record<string, unknown>)[key] = value;
  }
  return identity;
}
