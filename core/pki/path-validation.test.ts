import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Certificate } from './certificate.js';
import { PKI_MESSAGES } from './codes.js';
import { buildHierarchy, DAY, EXT, OpensslCa, type Issued, type TestHierarchy } from './openssl-ca.test.js';
import { validateCertificatePath, type PathValidationOptions } from './path-validation.js';

const ca = new OpensslCa();
afterAll(() => ca.dispose());

let rsa: TestHierarchy;
let ec: TestHierarchy;
const now = () => new Date();

/** A signer under `issuer` with the usual signer profile plus `extra` (or instead of it, with `replace`). */
function signer(name: string, issuer: Issued, options: { extra?: string[]; replace?: string[]; subject?: string; notBefore?: Date; notAfter?: Date; md?: string } = {}): Issued {
  return ca.issue(name, {
    subject: options.subject ?? `/C=AZ/CN=TEST ${name}/serialNumber=1AB2C3D`,
    issuer,
    extensions: options.replace ?? [...EXT.signer, ...(options.extra ?? [])],
    ...(options.notBefore ? { notBefore: options.notBefore } : {}),
    ...(options.notAfter ? { notAfter: options.notAfter } : {}),
    ...(options.md ? { md: options.md } : {}),
  });
}

function validate(target: Issued, anchors: Issued[], intermediates: Issued[], extra: Partial<PathValidationOptions> = {}) {
  return validateCertificatePath(target.cert, {
    anchors: anchors.map((a) => a.cert),
    intermediates: intermediates.map((i) => i.cert),
    time: now(),
    signerKeyUsage: 'document-signing',
    ...extra,
  });
}

beforeAll(() => {
  rsa = buildHierarchy(ca, 'RSA');
  ec = buildHierarchy(ca, 'EC');
});

describe('valid paths', () => {
  it('accepts a 3-level RSA chain (SHA-256) and returns it target first', async () => {
    const result = await validate(rsa.signer, [rsa.root], [rsa.intermediate]);
    expect(result).toMatchObject({ valid: true, code: null, warnings: [] });
    expect(result.path.map((c) => c.sha256)).toEqual([rsa.signer.cert.sha256, rsa.intermediate.cert.sha256, rsa.root.cert.sha256]);
    expect(result.attempts).toBe(2);
    // openssl agrees.
    expect(ca.succeeds(['verify', '-CAfile', rsa.root.certFile, '-untrusted', rsa.intermediate.certFile, rsa.signer.certFile])).toBe(true);
  });

  it('accepts a 3-level EC chain (P-384 CAs signing with SHA-384, P-256 signer)', async () => {
    const result = await validate(ec.signer, [ec.root], [ec.intermediate]);
    expect(result.valid).toBe(true);
    expect(result.path).toHaveLength(3);
    expect(result.path[2]!.sha256).toBe(ec.root.cert.sha256);
  });

  it('finds the path in a bag with unrelated and same-named certificates in any order', async () => {
    const impostor = ca.issue('impostor-ica', {
      subject: ec.intermediate.cert.subject.toString().split(',').reverse().map((p) => `/${p}`).join(''),
      extensions: EXT.root,
    });
    const result = await validate(ec.signer, [rsa.root, ec.root], [rsa.intermediate, impostor, rsa.signer, ec.intermediate]);
    expect(result.valid).toBe(true);
    expect(result.path[1]!.sha256).toBe(ec.intermediate.cert.sha256);
  });

  it('accepts a target that is itself a trust anchor, and nothing else as one', async () => {
    const selfSigned = ca.issue('self-signed-signer', {
      subject: '/C=AZ/CN=TEST self-signed signer/serialNumber=7XYZ123',
      extensions: ['basicConstraints = critical, CA:FALSE', 'keyUsage = critical, nonRepudiation', 'subjectKeyIdentifier = hash'],
    });
    expect((await validate(selfSigned, [selfSigned], [])).valid).toBe(true);
    const untrusted = await validate(selfSigned, [ec.root], [selfSigned]);
    expect(untrusted).toMatchObject({ valid: false, code: 'NO_CERTIFICATE_CHAIN_FOUND' });
  });

  it('follows a key rollover: two CAs with one name, the key identifier picks the one that signed', async () => {
    const oldIca = ca.issue('rollover-old', { subject: '/C=AZ/CN=TEST Rollover ICA', issuer: ec.root, extensions: EXT.ca(0) });
    const newIca = ca.issue('rollover-new', { subject: '/C=AZ/CN=TEST Rollover ICA', issuer: ec.root, extensions: EXT.ca(0) });
    const target = signer('rollover-signer', newIca);
    const result = await validate(target, [ec.root], [oldIca, newIca]);
    expect(result.valid).toBe(true);
    expect(result.path[1]!.sha256).toBe(newIca.cert.sha256);
    // The old CA's subjectKeyIdentifier contradicts the signer's authorityKeyIdentifier: never tried.
    expect(result.attempts).toBe(2);
  });

  it('compares validity at whole seconds, both ends inclusive', async () => {
    const notAfter = new Date(Math.floor(Date.now() / 1000) * 1000 + 30 * DAY);
    const target = signer('exact-end', ec.intermediate, { notAfter });
    const at = (ms: number) => validate(target, [ec.root], [ec.intermediate], { time: new Date(notAfter.getTime() + ms) });
    expect((await at(0)).valid).toBe(true);
    expect((await at(999)).valid).toBe(true);
    expect(await at(1000)).toMatchObject({ valid: false, code: 'CERTIFICATE_EXPIRED', evidence: { index: 0 } });
  });
});

describe('each failure has its code and evidence', () => {
  it('NO_CERTIFICATE_CHAIN_FOUND: signer under a root that is not trusted', async () => {
    const result = await validate(ec.signer, [rsa.root], [ec.intermediate]);
    expect(result).toMatchObject({ valid: false, code: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(result.evidence.certificate?.sha256).toBe(ec.intermediate.cert.sha256);
    expect(result.evidence.detail).toContain('TEST EC Root Authority');
  });

  it('NO_CERTIFICATE_CHAIN_FOUND: intermediate missing from the bag', async () => {
    const result = await validate(ec.signer, [ec.root], []);
    expect(result).toMatchObject({ valid: false, code: 'NO_CERTIFICATE_CHAIN_FOUND', path: [ec.signer.cert] });
  });

  it('CERTIFICATE_EXPIRED and CERTIFICATE_NOT_YET_VALID, for the signer and for the anchor', async () => {
    const expired = signer('expired', ec.intermediate, { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 30 * DAY) });
    const r1 = await validate(expired, [ec.root], [ec.intermediate]);
    expect(r1).toMatchObject({ valid: false, code: 'CERTIFICATE_EXPIRED', evidence: { index: 0 } });
    expect(r1.evidence.certificate?.sha256).toBe(expired.cert.sha256);
    // The same certificate was fine while it was valid.
    expect((await validate(expired, [ec.root], [ec.intermediate], { time: new Date(Date.now() - 100 * DAY) })).valid).toBe(true);

    const future = signer('future', ec.intermediate, { notBefore: new Date(Date.now() + 10 * DAY), notAfter: new Date(Date.now() + 100 * DAY) });
    expect(await validate(future, [ec.root], [ec.intermediate])).toMatchObject({ valid: false, code: 'CERTIFICATE_NOT_YET_VALID' });

    const oldRoot = ca.issue('expired-root', {
      subject: '/C=AZ/CN=TEST Expired Root', extensions: EXT.root,
      notBefore: new Date(Date.now() - 800 * DAY), notAfter: new Date(Date.now() - DAY),
    });
    const underOld = signer('under-expired-root', oldRoot, { notBefore: new Date(Date.now() - 100 * DAY) });
    expect(await validate(underOld, [oldRoot], [])).toMatchObject({ valid: false, code: 'CERTIFICATE_EXPIRED', evidence: { index: 1 } });
  });

  it('CERTIFICATE_SIGNATURE_INVALID: one byte of the signed part changed', async () => {
    const der = ec.signer.der.slice();
    const cn = new TextEncoder().encode('AYSEL');
    const at = der.findIndex((_, i) => cn.every((b, j) => der[i + j] === b));
    der[at] = 'E'.charCodeAt(0);
    const forged = Certificate.fromDer(der);
    expect(forged.subject.toString()).toContain('EYSEL');
    const result = await validateCertificatePath(forged, { anchors: [ec.root.cert], intermediates: [ec.intermediate.cert], time: now() });
    expect(result).toMatchObject({ valid: false, code: 'CERTIFICATE_SIGNATURE_INVALID', evidence: { index: 0, signatureCode: 'SIG_CRYPTO_FAILURE' } });
  });

  it('CERTIFICATE_SIGNATURE_INVALID: an anchor with the right name but another key', async () => {
    // Without key identifiers only the signature tells the two same-named roots apart.
    const rootExt = ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign', 'subjectKeyIdentifier = none', 'authorityKeyIdentifier = none'];
    const otherKeyRoot = ca.issue('same-name-root', { subject: '/C=AZ/CN=TEST Same Name Root', extensions: rootExt });
    const realRoot = ca.issue('same-name-root-real', { subject: '/C=AZ/CN=TEST Same Name Root', extensions: rootExt });
    const target = signer('same-name-signer', realRoot, { replace: [...EXT.signer.filter((l) => !l.startsWith('authorityKeyIdentifier')), 'authorityKeyIdentifier = none'] });
    const result = await validate(target, [otherKeyRoot], []);
    expect(result).toMatchObject({ valid: false, code: 'CERTIFICATE_SIGNATURE_INVALID', evidence: { index: 0 } });
    expect(result.path.map((c) => c.sha256)).toEqual([target.cert.sha256, otherKeyRoot.cert.sha256]);
  });

  it('CERTIFICATE_ALGORITHM_UNSUPPORTED: an Ed25519 intermediate', async () => {
    const edKey = ca.write('ed25519.pem', ca.run(['genpkey', '-algorithm', 'ED25519']));
    const edIca = ca.issue('ed-ica', { subject: '/C=AZ/CN=TEST Ed25519 ICA', issuer: ec.root, key: { file: edKey }, extensions: EXT.ca() });
    const target = signer('under-ed', edIca);
    const result = await validate(target, [ec.root], [edIca]);
    expect(result).toMatchObject({ valid: false, code: 'CERTIFICATE_ALGORITHM_UNSUPPORTED' });
  });

  it('NOT_A_CA: an intermediate with cA FALSE', async () => {
    const notCa = ca.issue('not-ca', {
      subject: '/C=AZ/CN=TEST Not A CA', issuer: ec.root,
      extensions: ['basicConstraints = critical, CA:FALSE', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always'],
    });
    const target = signer('under-not-ca', notCa);
    const result = await validate(target, [ec.root], [notCa]);
    expect(result).toMatchObject({ valid: false, code: 'NOT_A_CA', evidence: { index: 1 } });
    expect(result.evidence.certificate?.sha256).toBe(notCa.cert.sha256);
  });

  it('PATH_LENGTH_EXCEEDED: a root with pathlen 0 above an intermediate, and maxDepth', async () => {
    const root0 = ca.issue('root-pathlen0', {
      subject: '/C=AZ/CN=TEST Root pathlen 0', extensions: ['basicConstraints = critical, CA:TRUE, pathlen:0', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash'],
    });
    const ica = ca.issue('ica-under-root0', { subject: '/C=AZ/CN=TEST ICA under pathlen 0', issuer: root0, extensions: EXT.ca() });
    const target = signer('under-root0', ica);
    expect(await validate(target, [root0], [ica])).toMatchObject({ valid: false, code: 'PATH_LENGTH_EXCEEDED', evidence: { index: 1 } });
    expect((await validate(ec.signer, [ec.root], [ec.intermediate], { maxDepth: 1 })).valid).toBe(true);
    expect(await validate(ec.signer, [ec.root], [ec.intermediate], { maxDepth: 0 })).toMatchObject({ valid: false, code: 'PATH_LENGTH_EXCEEDED' });
  });

  it('KEY_CERT_SIGN_MISSING: a CA whose key usage lacks keyCertSign', async () => {
    const ica = ca.issue('no-keycertsign', {
      subject: '/C=AZ/CN=TEST ICA without keyCertSign', issuer: ec.root,
      extensions: ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, digitalSignature, cRLSign', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid:always'],
    });
    const target = signer('under-no-keycertsign', ica);
    expect(await validate(target, [ec.root], [ica])).toMatchObject({ valid: false, code: 'KEY_CERT_SIGN_MISSING', evidence: { index: 1 } });
  });

  it('UNKNOWN_CRITICAL_EXTENSION: names the extension; a non-critical unknown one is fine', async () => {
    const critical = signer('unknown-critical', ec.intermediate, { extra: ['1.3.6.1.4.1.55738.1 = critical, ASN1:NULL'] });
    const result = await validate(critical, [ec.root], [ec.intermediate]);
    expect(result).toMatchObject({ valid: false, code: 'UNKNOWN_CRITICAL_EXTENSION', evidence: { index: 0, extensions: ['1.3.6.1.4.1.55738.1'] } });
    const plain = signer('unknown-noncritical', ec.intermediate, { extra: ['1.3.6.1.4.1.55738.1 = ASN1:NULL'] });
    expect((await validate(plain, [ec.root], [ec.intermediate])).valid).toBe(true);
  });

  it('NAME_CONSTRAINTS_VIOLATED: directoryName and e-mail subtrees of an intermediate', async () => {
    const constrained = ca.issue('nc-ica', {
      subject: '/C=AZ/O=TEST Constrained/CN=TEST Constrained ICA', issuer: ec.root,
      extensions: [...EXT.ca(), 'nameConstraints = critical, permitted;dirName:nc_dir, permitted;email:.example.az', '[nc_dir]', 'C = AZ', 'O = TEST Constrained'],
    });
    const inside = signer('nc-inside', constrained, { subject: '/C=AZ/O=TEST Constrained/CN=TEST Inside', extra: ['subjectAltName = email:aysel@mail.example.az'] });
    expect((await validate(inside, [ec.root], [constrained])).valid).toBe(true);

    const otherOrg = signer('nc-other-org', constrained, { subject: '/C=AZ/O=TEST Elsewhere/CN=TEST Outside' });
    const r1 = await validate(otherOrg, [ec.root], [constrained]);
    expect(r1).toMatchObject({ valid: false, code: 'NAME_CONSTRAINTS_VIOLATED', evidence: { index: 0 } });
    expect(r1.evidence.detail).toContain('O=TEST Elsewhere');

    const badMail = signer('nc-bad-mail', constrained, { subject: '/C=AZ/O=TEST Constrained/CN=TEST Mail', extra: ['subjectAltName = email:aysel@example.com'] });
    const r2 = await validate(badMail, [ec.root], [constrained]);
    expect(r2).toMatchObject({ valid: false, code: 'NAME_CONSTRAINTS_VIOLATED' });
    expect(r2.evidence.detail).toContain('email:aysel@example.com');
  });

  it('POLICY_CONSTRAINTS_VIOLATED: explicit policy required and the signer asserts another policy', async () => {
    const policyIca = ca.issue('policy-ica', {
      subject: '/C=AZ/CN=TEST Policy ICA', issuer: ec.root,
      extensions: [...EXT.ca(), 'certificatePolicies = 1.3.6.1.4.1.32843.7.1', 'policyConstraints = critical, requireExplicitPolicy:0'],
    });
    const matching = signer('policy-ok', policyIca);
    expect((await validate(matching, [ec.root], [policyIca])).valid).toBe(true);
    const other = signer('policy-other', policyIca, { replace: EXT.signer.map((l) => (l.startsWith('certificatePolicies') ? 'certificatePolicies = 1.2.3.4.5' : l)) });
    expect(await validate(other, [ec.root], [policyIca])).toMatchObject({ valid: false, code: 'POLICY_CONSTRAINTS_VIOLATED', evidence: { index: 0 } });
  });

  it('CERTIFICATE_PROFILE_VIOLATION: a signer without authorityKeyIdentifier', async () => {
    const noAki = signer('no-aki', ec.intermediate, { replace: [...EXT.signer.filter((l) => !l.startsWith('authorityKeyIdentifier')), 'authorityKeyIdentifier = none'] });
    expect(noAki.cert.authorityKeyIdentifier).toBeUndefined();
    const result = await validate(noAki, [ec.root], [ec.intermediate]);
    expect(result).toMatchObject({ valid: false, code: 'CERTIFICATE_PROFILE_VIOLATION', evidence: { index: 0 } });
    expect(result.evidence.detail).toContain('authorityKeyIdentifier');
  });

  it('SIGNER_KEY_USAGE_MISSING: a key for encryption only; no keyUsage at all is allowed', async () => {
    const encryption = signer('encipher-only', ec.intermediate, { replace: EXT.signer.map((l) => (l.startsWith('keyUsage') ? 'keyUsage = critical, keyAgreement' : l)) });
    expect(await validate(encryption, [ec.root], [ec.intermediate])).toMatchObject({ valid: false, code: 'SIGNER_KEY_USAGE_MISSING' });
    expect((await validate(encryption, [ec.root], [ec.intermediate], { signerKeyUsage: 'any' })).valid).toBe(true);
    const noKu = signer('no-ku', ec.intermediate, { replace: EXT.signer.filter((l) => !l.startsWith('keyUsage')) });
    expect((await validate(noKu, [ec.root], [ec.intermediate])).valid).toBe(true);
  });

  it('EXTENDED_KEY_USAGE_MISSING: EKU required by the caller; anyExtendedKeyUsage satisfies it', async () => {
    const tls = signer('tls-eku', ec.intermediate, { replace: EXT.signer.map((l) => (l.startsWith('extendedKeyUsage') ? 'extendedKeyUsage = serverAuth' : l)) });
    const emailProtection = '1.3.6.1.5.5.7.3.4';
    expect(await validate(tls, [ec.root], [ec.intermediate], { extendedKeyUsage: [emailProtection] })).toMatchObject({ valid: false, code: 'EXTENDED_KEY_USAGE_MISSING' });
    expect((await validate(ec.signer, [ec.root], [ec.intermediate], { extendedKeyUsage: [emailProtection] })).valid).toBe(true);
    const any = signer('any-eku', ec.intermediate, { replace: EXT.signer.map((l) => (l.startsWith('extendedKeyUsage') ? 'extendedKeyUsage = anyExtendedKeyUsage' : l)) });
    expect((await validate(any, [ec.root], [ec.intermediate], { extendedKeyUsage: [emailProtection] })).valid).toBe(true);
  });

  it('CERTIFICATE_REVOKED / REVOCATION_UNKNOWN, and revocation after the validation time', async () => {
    const revoked = signer('revoked', ec.intermediate, { notBefore: new Date(Date.now() - 10 * DAY) });
    const good = signer('not-revoked', ec.intermediate);
    const { crl } = ca.crl(ec.intermediate, { revoked: [{ cert: revoked, date: new Date(Date.now() - 2 * DAY), reason: 'keyCompromise' }] });
    const { crl: rootCrl } = ca.crl(ec.root);
    const crls = [crl, rootCrl];

    const r = await validate(revoked, [ec.root], [ec.intermediate], { crls, requireRevocationData: true });
    expect(r).toMatchObject({ valid: false, code: 'CERTIFICATE_REVOKED', evidence: { index: 0, revocation: { status: 'revoked', evidence: { reason: 'keyCompromise' } } } });
    expect((await validate(good, [ec.root], [ec.intermediate], { crls, requireRevocationData: true })).valid).toBe(true);

    // Signed three days ago (before the revocation): still valid, with the later revocation as a warning.
    const before = await validate(revoked, [ec.root], [ec.intermediate], { crls, requireRevocationData: true, time: new Date(Date.now() - 3 * DAY) });
    expect(before.valid).toBe(true);
    expect(before.warnings.map((w) => w.code)).toEqual(['CERTIFICATE_REVOKED_AFTER_TIME']);

    const unknown = await validate(good, [ec.root], [ec.intermediate], { crls: [crl], requireRevocationData: true });
    expect(unknown).toMatchObject({ valid: false, code: 'REVOCATION_UNKNOWN', evidence: { index: 1 } });
    // Required but none given at all: refused, not skipped.
    expect(await validate(good, [ec.root], [ec.intermediate], { requireRevocationData: true })).toMatchObject({ valid: false, code: 'REVOCATION_UNKNOWN', evidence: { index: 1 } });
    const lenient = await validate(good, [ec.root], [ec.intermediate], { crls: [crl] });
    expect(lenient.valid).toBe(true);
    expect(lenient.warnings).toMatchObject([{ code: 'REVOCATION_UNKNOWN', certificate: ec.intermediate.cert }]);
  });

  it('WEAK_ALGORITHM: MD5 and a 1024-bit RSA issuer refuse; SHA-1 only warns', async () => {
    const md5 = signer('md5-signed', rsa.intermediate, { md: 'md5' });
    expect(await validate(md5, [rsa.root], [rsa.intermediate])).toMatchObject({ valid: false, code: 'WEAK_ALGORITHM', evidence: { index: 0 } });

    const weakIca = ca.issue('rsa1024-ica', { subject: '/C=AZ/CN=TEST RSA-1024 ICA', issuer: rsa.root, key: { type: 'RSA', bits: 1024 }, extensions: EXT.ca() });
    const underWeak = signer('under-rsa1024', weakIca);
    const weak = await validate(underWeak, [rsa.root], [weakIca]);
    expect(weak).toMatchObject({ valid: false, code: 'WEAK_ALGORITHM', evidence: { index: 0 } });
    expect(weak.evidence.detail).toContain('1024 bits');

    const sha1 = signer('sha1-signed', rsa.intermediate, { md: 'sha1' });
    const result = await validate(sha1, [rsa.root], [rsa.intermediate]);
    expect(result.valid).toBe(true);
    expect(result.warnings).toMatchObject([{ code: 'WEAK_ALGORITHM', certificate: sha1.cert }]);
  });

  it('PATH_TOO_COMPLEX: thousands of names against thousands of constraints stop early', async () => {
    const subtrees = Array.from({ length: 600 }, (_, i) => `permitted;DNS:host${i}.example.az`).join(', ');
    const ica = ca.issue('many-constraints', { subject: '/C=AZ/CN=TEST Many Constraints', issuer: ec.root, extensions: [...EXT.ca(), `nameConstraints = critical, ${subtrees}`] });
    const names = Array.from({ length: 500 }, (_, i) => `DNS:host${i}.example.az`).join(', ');
    const target = signer('many-names', ica, { extra: [`subjectAltName = ${names}`] });
    const started = Date.now();
    const result = await validate(target, [ec.root], [ica]);
    expect(result).toMatchObject({ valid: false, code: 'PATH_TOO_COMPLEX' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('every failure code has a message in Azerbaijani, English and Russian', () => {
    const codes = ['NO_CERTIFICATE_CHAIN_FOUND', 'CERTIFICATE_EXPIRED', 'CERTIFICATE_NOT_YET_VALID', 'CERTIFICATE_SIGNATURE_INVALID',
      'CERTIFICATE_ALGORITHM_UNSUPPORTED', 'NOT_A_CA', 'PATH_LENGTH_EXCEEDED', 'KEY_CERT_SIGN_MISSING', 'UNKNOWN_CRITICAL_EXTENSION',
      'NAME_CONSTRAINTS_VIOLATED', 'POLICY_CONSTRAINTS_VIOLATED', 'CERTIFICATE_PROFILE_VIOLATION', 'SIGNER_KEY_USAGE_MISSING',
      'EXTENDED_KEY_USAGE_MISSING', 'CERTIFICATE_REVOKED', 'REVOCATION_UNKNOWN', 'WEAK_ALGORITHM', 'PATH_TOO_COMPLEX',
      'CERTIFICATE_REVOKED_AFTER_TIME'];
    for (const code of codes) {
      const message = PKI_MESSAGES[code];
      expect(message, code).toBeDefined();
      expect(message!.az.length && message!.en.length && message!.ru.length).toBeGreaterThan(10);
    }
  });
});

describe('path building on hostile input', () => {
  it('stops on a cycle of cross-certified CAs that never reaches an anchor', async () => {
    const keyA = ca.key({ type: 'EC', curve: 'P-256' });
    const keyB = ca.key({ type: 'EC', curve: 'P-256' });
    const aSelf = ca.issue('cycle-a', { subject: '/CN=TEST Cycle A', key: { file: keyA }, extensions: EXT.root });
    const bSelf = ca.issue('cycle-b', { subject: '/CN=TEST Cycle B', key: { file: keyB }, extensions: EXT.root });
    const aByB = ca.issue('cycle-a-by-b', { subject: '/CN=TEST Cycle A', issuer: bSelf, key: { file: keyA }, extensions: EXT.ca() });
    const bByA = ca.issue('cycle-b-by-a', { subject: '/CN=TEST Cycle B', issuer: aSelf, key: { file: keyB }, extensions: EXT.ca() });
    const target = signer('cycle-signer', aSelf);
    const result = await validate(target, [ec.root], [aByB, bByA]);
    expect(result).toMatchObject({ valid: false, code: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(result.attempts).toBeLessThanOrEqual(4);
  });

  it('bounds the search among many same-named CAs without key identifiers', async () => {
    const bag: Issued[] = [];
    const subject = '/CN=TEST Crowded ICA';
    const noKeyIds = ['basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign', 'subjectKeyIdentifier = none', 'authorityKeyIdentifier = none'];
    let previous = ca.issue('crowd-0', { subject, extensions: noKeyIds });
    bag.push(previous);
    for (let i = 1; i < 30; i++) {
      previous = ca.issue(`crowd-${i}`, { subject, issuer: previous, extensions: noKeyIds });
      bag.push(previous);
    }
    const target = signer('crowd-signer', previous, { replace: [...EXT.signer.filter((l) => !l.startsWith('authorityKeyIdentifier')), 'authorityKeyIdentifier = none'] });
    const started = Date.now();
    const result = await validate(target, [ec.root], bag.reverse(), { maxAttempts: 64 });
    expect(result).toMatchObject({ valid: false, code: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(result.attempts).toBe(64);
    expect(result.evidence.detail).toContain('stopped after 64');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports the informative failure (expired intermediate) rather than "no chain"', async () => {
    const expiredIca = ca.issue('expired-ica', {
      subject: '/C=AZ/CN=TEST Expired ICA', issuer: ec.root, extensions: EXT.ca(),
      notBefore: new Date(Date.now() - 500 * DAY), notAfter: new Date(Date.now() - DAY),
    });
    const target = signer('under-expired-ica', expiredIca, { notBefore: new Date(Date.now() - 100 * DAY) });
    const result = await validate(target, [ec.root], [expiredIca]);
    expect(result).toMatchObject({ valid: false, code: 'CERTIFICATE_EXPIRED', evidence: { index: 1 } });
    expect(result.path.map((c) => c.sha256)).toEqual([target.cert.sha256, expiredIca.cert.sha256, ec.root.cert.sha256]);
  });
});

describe('the Azerbaijani hierarchy shape (RCA -> PCA -> ICA -> signer)', () => {
  it('validates a business signer four levels deep and reads its identity', async () => {
    const rca = ca.issue('az-rca', { subject: '/C=AZ/CN=TEST AZ Root Authority (RCA)', key: { type: 'RSA', bits: 3072 }, extensions: EXT.root });
    const pca = ca.issue('az-pca', { subject: '/C=AZ/CN=TEST AZ Policy Authority (PCA)', issuer: rca, extensions: EXT.ca(1) });
    const ica = ca.issue('az-ica', {
      subject: '/C=AZ/O=TEST National Certificate Services Center/CN=TEST Azerbaijan National Issuing Mobile CA01',
      issuer: pca, extensions: EXT.ca(0), md: 'sha384',
    });
    const business = signer('az-business', ica, {
      subject: '/C=AZ/O=TEST TOYPAY MMC/OU=TIN:1703177461/title=Hüquqi Təmsilçi/CN=TEST FƏRİD İSMAYILZADƏ/SN=İSMAYILZADƏ/GN=FƏRİD/serialNumber=56MKFRY',
      extra: ['subjectAltName = email:ferid@example.az'],
    });
    const result = await validate(business, [rca], [ica, pca]);
    expect(result.valid).toBe(true);
    expect(result.path).toHaveLength(4);
    expect(result.path[0]!.identity).toMatchObject({
      fin: '56MKFRY', voen: '1703177461', organization: 'TEST TOYPAY MMC', title: 'Hüquqi Təmsilçi',
      certificateType: 'business', email: 'ferid@example.az', commonName: 'TEST FƏRİD İSMAYILZADƏ',
    });
  });
});
