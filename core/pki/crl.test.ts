import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isImzalaError } from '../errors.js';
import { checkRevocationWithCrls, Crl } from './crl.js';
import { buildHierarchy, DAY, EXT, OpensslCa, type Issued, type TestHierarchy } from './openssl-ca.test.js';

const ca = new OpensslCa();
afterAll(() => ca.dispose());
let ec: TestHierarchy;
let revoked: Issued;
let good: Issued;

const CRL_URL = 'http://mobile.e-imza.test/cdpaia/TESTICA.crl';

beforeAll(() => {
  ec = buildHierarchy(ca, 'EC');
  const withDp = [...EXT.signer, `crlDistributionPoints = URI:${CRL_URL}`];
  revoked = ca.issue('revoked', { subject: '/C=AZ/CN=TEST Revoked/serialNumber=1AB2C3D', issuer: ec.intermediate, extensions: withDp, notBefore: new Date(Date.now() - 30 * DAY) });
  good = ca.issue('good', { subject: '/C=AZ/CN=TEST Good/serialNumber=2AB2C3D', issuer: ec.intermediate, extensions: withDp, notBefore: new Date(Date.now() - 30 * DAY) });
});

const now = () => new Date();

describe('Crl.fromDer reads what openssl wrote', () => {
  it('issuer, dates, number and entries agree with openssl crl', () => {
    const revokedAt = new Date(Math.floor((Date.now() - 2 * DAY) / 1000) * 1000);
    const { crl, file } = ca.crl(ec.intermediate, { revoked: [{ cert: revoked, date: revokedAt, reason: 'keyCompromise' }] });
    const text = ca.run(['crl', '-in', file, '-noout', '-lastupdate', '-nextupdate', '-crlnumber', '-issuer', '-nameopt', 'RFC2253,-esc_msb']).toString();
    expect(text).toContain(`issuer=${crl.issuer.toString()}`);
    expect(crl.thisUpdate.getTime()).toBe(Date.parse(/lastUpdate=(.*)/.exec(text)![1]!));
    expect(crl.nextUpdate!.getTime()).toBe(Date.parse(/nextUpdate=(.*)/.exec(text)![1]!));
    expect(BigInt(`0x${crl.crlNumber}`)).toBe(BigInt(/crlNumber=(.*)/.exec(text)![1]!.trim()));
    expect(crl.version).toBe(2);
    expect([...crl.revoked.keys()]).toEqual([revoked.cert.serialNumberHex]);
    expect(crl.revoked.get(revoked.cert.serialNumberHex)).toEqual({ date: revokedAt, reason: 'keyCompromise' });
  });

  it('CRL_MALFORMED for truncated bytes, trailing bytes and garbage', () => {
    const { der } = ca.crl(ec.intermediate);
    for (const bad of [der.subarray(0, der.length - 3), Uint8Array.from([...der, 1]), new TextEncoder().encode('garbage'), new Uint8Array(0)]) {
      try {
        Crl.fromDer(bad);
        throw new Error('parsed');
      } catch (e) {
        expect(isImzalaError(e) && e.code).toBe('CRL_MALFORMED');
      }
    }
  });
});

describe('checkRevocationWithCrls', () => {
  it('revoked before the time: revoked, with the CRL, date and reason as evidence', async () => {
    const date = new Date(Date.now() - 2 * DAY);
    const { crl } = ca.crl(ec.intermediate, { revoked: [{ cert: revoked, date, reason: 'keyCompromise' }] });
    const check = await checkRevocationWithCrls(revoked.cert, ec.intermediate.cert, [crl], now());
    expect(check).toMatchObject({ status: 'revoked', code: 'CERTIFICATE_REVOKED', evidence: { crl, reason: 'keyCompromise', rejected: [] } });
    expect(Math.abs(check.evidence.revocationDate!.getTime() - date.getTime())).toBeLessThan(1000);
    expect(await checkRevocationWithCrls(good.cert, ec.intermediate.cert, [crl], now())).toMatchObject({ status: 'good', code: null, evidence: { crl } });
  });

  it('revoked only after the time: good for that time, the later revocation kept as evidence', async () => {
    const { crl } = ca.crl(ec.intermediate, { revoked: [{ cert: revoked, date: new Date(Date.now() - 2 * DAY), reason: 'superseded' }] });
    const check = await checkRevocationWithCrls(revoked.cert, ec.intermediate.cert, [crl], new Date(Date.now() - 5 * DAY));
    expect(check.status).toBe('good');
    expect(check.evidence.revokedAfterTime).toBeInstanceOf(Date);
    expect(check.evidence.reason).toBe('superseded');
  });

  it('an earlier key compromise date (invalidityDate) counts from that date', async () => {
    const { crl } = ca.crl(ec.intermediate, { revoked: [{ cert: revoked, date: new Date(Date.now() - DAY), compromisedAt: new Date(Date.now() - 10 * DAY) }] });
    const entry = crl.revoked.get(revoked.cert.serialNumberHex)!;
    expect(entry.reason).toBe('keyCompromise');
    expect(entry.invalidityDate).toBeInstanceOf(Date);
    const check = await checkRevocationWithCrls(revoked.cert, ec.intermediate.cert, [crl], new Date(Date.now() - 5 * DAY));
    expect(check).toMatchObject({ status: 'revoked', evidence: { reason: 'keyCompromise' } });
  });

  it('a CRL from another issuer says nothing; one with the issuer name but another key is refused', async () => {
    const { crl: otherIssuer } = ca.crl(ec.root, { revoked: [{ cert: revoked }] });
    expect(await checkRevocationWithCrls(revoked.cert, ec.intermediate.cert, [otherIssuer], now())).toMatchObject({ status: 'unknown', code: 'REVOCATION_UNKNOWN', evidence: { rejected: [] } });

    const impostor = ca.issue('impostor', { subject: '/C=AZ/O=TEST National Certificate Services Center/CN=TEST EC Issuing Authority (ICA)', extensions: EXT.root });
    const { crl: forged } = ca.crl(impostor);
    const check = await checkRevocationWithCrls(revoked.cert, ec.intermediate.cert, [forged], now());
    expect(check).toMatchObject({ status: 'unknown', evidence: { rejected: [{ code: 'CRL_SIGNATURE_INVALID' }] } });
  });

  it('refuses CRLs from an issuer without cRLSign, without CRLNumber, out of date, or with an unknown critical extension', async () => {
    const noCrlSign = ca.issue('no-crlsign', {
      subject: '/C=AZ/CN=TEST ICA without cRLSign', issuer: ec.root,
      extensions: ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always'],
    });
    const child = ca.issue('child', { subject: '/C=AZ/CN=TEST child', issuer: noCrlSign, extensions: EXT.signer });
    const { crl: unauthorized } = ca.crl(noCrlSign);
    expect((await checkRevocationWithCrls(child.cert, noCrlSign.cert, [unauthorized], now())).evidence.rejected).toMatchObject([{ code: 'CRL_ISSUER_NOT_AUTHORIZED' }]);

    const { crl: unnumbered } = ca.crl(ec.intermediate, { withoutCrlNumber: true });
    expect(unnumbered.crlNumber).toBeUndefined();
    expect((await checkRevocationWithCrls(good.cert, ec.intermediate.cert, [unnumbered], now())).evidence.rejected).toMatchObject([{ code: 'CRL_NUMBER_MISSING' }]);

    const { crl: current } = ca.crl(ec.intermediate, { hours: 24 });
    const stale = await checkRevocationWithCrls(good.cert, ec.intermediate.cert, [current], new Date(Date.now() + 3 * DAY));
    expect(stale).toMatchObject({ status: 'unknown', evidence: { rejected: [{ code: 'CRL_NOT_CURRENT' }] } });
    // Issued after the time, while the certificate was valid: it still tells about that time.
    expect((await checkRevocationWithCrls(good.cert, ec.intermediate.cert, [current], new Date(Date.now() - 3 * DAY))).status).toBe('good');

    const { crl: strange } = ca.crl(ec.intermediate, { extensions: ['1.3.6.1.4.1.55738.2 = critical, ASN1:NULL'] });
    expect(strange.criticalUnknownExtensions).toEqual(['1.3.6.1.4.1.55738.2']);
    expect((await checkRevocationWithCrls(good.cert, ec.intermediate.cert, [strange], now())).evidence.rejected).toMatchObject([{ code: 'CRL_UNSUPPORTED' }]);
  });

  it('honours the issuing distribution point scope', async () => {
    const idp = (lines: string[]) => ca.crl(ec.intermediate, { extensions: ['issuingDistributionPoint = critical, @idp', '[idp]', ...lines] }).crl;
    const matching = idp([`fullname = URI:${CRL_URL}`, 'onlyuser = TRUE']);
    expect(matching.issuingDistributionPoint).toMatchObject({ onlyContainsUserCerts: true });
    expect((await checkRevocationWithCrls(good.cert, ec.intermediate.cert, [matching], now())).status).toBe('good');

    const otherPoint = idp(['fullname = URI:http://other.e-imza.test/x.crl']);
    expect((await checkRevocationWithCrls(good.cert, ec.intermediate.cert, [otherPoint], now())).evidence.rejected).toMatchObject([{ code: 'CRL_SCOPE_MISMATCH' }]);
    const caOnly = idp([`fullname = URI:${CRL_URL}`, 'onlyCA = TRUE']);
    expect((await checkRevocationWithCrls(good.cert, ec.intermediate.cert, [caOnly], now())).evidence.rejected).toMatchObject([{ code: 'CRL_SCOPE_MISMATCH' }]);
    const partial = idp([`fullname = URI:${CRL_URL}`, 'onlysomereasons = keyCompromise']);
    expect((await checkRevocationWithCrls(good.cert, ec.intermediate.cert, [partial], now())).evidence.rejected).toMatchObject([{ code: 'CRL_UNSUPPORTED' }]);
  });

  it('a revoking CRL wins over a clean one from the same issuer', async () => {
    const { crl: clean } = ca.crl(ec.intermediate);
    const { crl: listing } = ca.crl(ec.intermediate, { revoked: [{ cert: revoked }] });
    expect((await checkRevocationWithCrls(revoked.cert, ec.intermediate.cert, [clean, listing], now())).status).toBe('revoked');
  });
});
