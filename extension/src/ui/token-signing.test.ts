/**
 * The sign page's engine without a browser: token certificates summarised with core's facade, a token DigestSigner
 * whose `ui:sign` answer is made the way a PKCS#11 token makes it (RSA: PKCS#1 v1.5 over DigestInfo; ECDSA: raw
 * r||s over the digest), local files signed into PAdES / ASiC-E and checked with core's validator against the demo
 * root, and refusals turned into the right words.
 */
import { constants, createHash, createPrivateKey, privateEncrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { p256 } from '@noble/curves/nist.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromBase64, toBase64 } from '../../../core/encoding/base64.js';
import { fromHex } from '../../../core/encoding/hex.js';
import { decodePem } from '../../../core/encoding/pem.js';
import { bytesSource } from '../../../core/io/byte-source.js';
import { Certificate } from '../../../core/pki/certificate.js';
import type { NativeSignResult, SignRequestArgs, TokenCertificate } from '../../../core/protocol/native.js';
import { validateDocument } from '../../../core/validation/validate-document.js';
import { makePdf } from '../../../test/fixtures/pdf/make-pdf.js';
import { tempDir } from '../../../test/support/cli.js';
import { writeDemoPki, type DemoPki } from '../../../test/support/demo-pki.js';

const LOCALES = join(import.meta.dirname, '../../public/_locales');

// The pages' words come from the extension's own locale files, fetched as in the browser.
vi.stubGlobal('document', { documentElement: { lang: '' } });
vi.stubGlobal('fetch', async (url: string) => new Response(readFileSync(join(LOCALES, url.replace(/^ext:\/_locales\//, '')))));
vi.mock('wxt/browser', () => ({ browser: { runtime: { getURL: (path: string) => `ext:${path}` }, i18n: { getMessage: () => '' } } }));

const { initI18n } = await import('./i18n.js');
const { summariseTokenCertificate } = await import('../../../core/protocol/certificate-summary.js');
const { tokenSigner } = await import('./token-signer.js');
const { localSigningKind, sha256Hex, signLocalFile, signedFileName } = await import('./sign-local-file.js');
const { BridgeFailure } = await import('./background-client.js');
const { errorText } = await import('./error-words.js');

type Person = 'citizen' | 'business' | 'expired' | 'sima-citizen';
let pki: DemoPki;
let cleanup: () => void;

const pemBlocks = (file: string) => decodePem(readFileSync(file, 'utf8')).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
const certFile = (person: Person) => join(pki.dir, `${person}.pem`);
const keyFile = (person: Person) => join(pki.dir, `${person}.key.pem`);

function tokenEntry(person: Person, der = pemBlocks(certFile(person))[0]!): TokenCertificate {
  const chain = person === 'sima-citizen' ? pemBlocks(join(pki.dir, 'sima-chain.pem')) : pemBlocks(pki.chain);
  return {
    certificate: toBase64(der),
    chain: chain.map(toBase64),
    label: person,
    keyType: person === 'sima-citizen' ? 'EC' : 'RSA',
    token: { label: 'TEST imzala token', serialNumber: '1', manufacturer: 'SoftHSM', slotId: '0' },
  };
}

const SHA256_DIGEST_INFO = fromHex('3031300d060960864801650304020105000420');

/** What a PKCS#11 token answers for `person`'s key: CKM_RSA_PKCS over DigestInfo, or CKM_ECDSA raw r||s. */
function tokenLike(person: Person, sent: SignRequestArgs[]) {
  const key = createPrivateKey(readFileSync(keyFile(person)));
  return async (args: SignRequestArgs): Promise<NativeSignResult> => {
    sent.push(args);
    const digest = fromBase64(args.digest);
    if (key.asymmetricKeyType === 'ec') {
      const d = Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url');
      return { signature: toBase64(p256.sign(digest, d, { prehash: false })), scheme: 'ECDSA', signatureFormat: 'p1363' };
    }
    const value = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
    return { signature: toBase64(value), scheme: 'RSASSA-PKCS1-v1_5' };
  };
}

async function checkWithDemoRoot(name: string, blob: Blob) {
  const anchors = pemBlocks(pki.root).map((der) => Certificate.fromDer(der));
  const now = new Date();
  return validateDocument(
    { name, source: bytesSource(new Uint8Array(await blob.arrayBuffer())) },
    { anchors, validationTime: now, crls: [], language: 'az', revocation: { offline: true, required: false } },
    now,
  );
}

beforeAll(async () => {
  const dir = tempDir('imzala-ext-signing-');
  cleanup = dir.cleanup;
  pki = writeDemoPki(join(dir.dir, 'pki'));
  await initI18n('az');
});

afterAll(() => cleanup?.());

describe('summariseTokenCertificate', () => {
  it('reads name, FIN, VÖEN, organisation, position and validity with core', () => {
    const now = new Date();
    const citizen = summariseTokenCertificate(tokenEntry('citizen'), now)!;
    expect(citizen).toMatchObject({ name: 'TEST ƏLİYEV VÜQAR TEST OĞLU', fin: '1TEST01', validity: 'valid', tokenLabel: 'TEST imzala token' });
    expect(citizen.voen).toBeUndefined();
    const business = summariseTokenCertificate(tokenEntry('business'), now)!;
    expect(business).toMatchObject({ fin: '1TEST02', voen: '9900000001', organization: 'TEST Nümunə MMC', title: 'TEST Hüquqi Təmsilçi', validity: 'valid' });
    expect(summariseTokenCertificate(tokenEntry('expired'), now)!.validity).toBe('expired');
    const notYet = summariseTokenCertificate(tokenEntry('citizen'), new Date('2000-01-01T00:00:00Z'))!;
    expect(notYet.validity).toBe('not-yet-valid');
  });

  it('gives null for bytes that are not a certificate', () => {
    expect(summariseTokenCertificate(tokenEntry('citizen', new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])), new Date())).toBeNull();
  });
});

describe('signing local files through a token signer', () => {
  it('PDF -> PAdES with an RSA token key: the request names the document and SHA-256, and the result is VALID', async () => {
    const sent: SignRequestArgs[] = [];
    let awaited = 0;
    const entry = tokenEntry('citizen');
    const signer = tokenSigner(entry, { documentName: 'muqavile.pdf', send: tokenLike('citizen', sent), onAwaitingToken: () => awaited++ });
    const pdf = new File([makePdf() as Uint8Array<ArrayBuffer>], 'muqavile.pdf', { type: 'application/pdf' });
    expect(await localSigningKind(pdf)).toBe('pdf');
    const signed = await signLocalFile(pdf, 'pdf', signer, new Date());
    expect(signed.name).toBe('muqavile-imzali.pdf');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ certificate: entry.certificate, algorithm: 'SHA-256', scheme: 'RSASSA-PKCS1-v1_5', documentName: 'muqavile.pdf' });
    expect(fromBase64(sent[0]!.digest)).toHaveLength(32);
    expect(awaited).toBe(1);
    const report = await checkWithDemoRoot(signed.name, signed.blob);
    expect(report.status).toBe('VALID');
    expect(report.signatures[0]!.kind).toBe('PAdES');
  });

  it('a text file -> ASiC-E with an EC (SİMA-shaped) key returning raw r||s, then co-signed: both signatures VALID', async () => {
    const text = new File(['Təhvil-təslim aktı\n'], 'akt.txt', { type: 'text/plain' });
    expect(await localSigningKind(text)).toBe('asic-new');
    const ec = tokenSigner(tokenEntry('sima-citizen'), { documentName: 'akt.txt', send: tokenLike('sima-citizen', []) });
    expect(ec.signatureFormat).toBe('p1363');
    const first = await signLocalFile(text, 'asic-new', ec, new Date());
    expect(first.name).toBe('akt.asice');
    expect((await checkWithDemoRoot(first.name, first.blob)).status).toBe('VALID');

    const container = new File([first.blob], 'akt.asice');
    expect(await localSigningKind(container)).toBe('asic-cosign');
    const rsa = tokenSigner(tokenEntry('citizen'), { documentName: 'akt.asice', send: tokenLike('citizen', []) });
    const second = await signLocalFile(container, 'asic-cosign', rsa, new Date());
    expect(second.name).toBe('akt-imzali.asice');
    const report = await checkWithDemoRoot(second.name, second.blob);
    expect(report.signatures).toHaveLength(2);
    expect(report.status).toBe('VALID');
  });

  it('refuses a value the token made with another key (core checks it) and says so in Azerbaijani', async () => {
    // Another person's RSA key: the same scheme, a value that does not verify with the citizen's certificate.
    const signer = tokenSigner(tokenEntry('citizen'), { documentName: 'a.pdf', send: tokenLike('expired', []) });
    const pdf = new File([makePdf() as Uint8Array<ArrayBuffer>], 'a.pdf');
    const failure = await signLocalFile(pdf, 'pdf', signer, new Date()).catch((e: unknown) => e);
    expect((failure as { code?: string }).code).toBe('SIGNER_PRODUCED_INVALID_SIGNATURE');
    expect(errorText(failure)).not.toMatch(/SIGNER_PRODUCED/);
    expect(errorText(failure)).toMatch(/[əığüöşç]/);
  });

  it('refuses an expired certificate before asking the token', async () => {
    const sent: SignRequestArgs[] = [];
    const signer = tokenSigner(tokenEntry('expired'), { documentName: 'a.txt', send: tokenLike('expired', sent) });
    const failure = await signLocalFile(new File(['x'], 'a.txt'), 'asic-new', signer, new Date()).catch((e: unknown) => e);
    expect((failure as { code?: string }).code).toBe('SIGNER_CERTIFICATE_EXPIRED');
    expect(sent).toEqual([]);
  });

  it('passes token refusals through with their words: wrong PIN with one try left, blocked, cancelled, token error', async () => {
    const refuse = (error: { code: string; message: string; details?: Record<string, unknown> }) =>
      tokenSigner(tokenEntry('citizen'), { documentName: 'a.txt', send: async () => Promise.reject(new BridgeFailure(error as never)) });
    const words = async (error: { code: string; message: string; details?: Record<string, unknown> }) =>
      errorText(await signLocalFile(new File(['x'], 'a.txt'), 'asic-new', refuse(error), new Date()).catch((e: unknown) => e));
    expect(await words({ code: 'PIN_INCORRECT', message: 'x', details: { finalTry: true } })).toBe('PIN səhvdir. Son cəhd qalıb: növbəti səhv PIN-i bloklayacaq');
    expect(await words({ code: 'PIN_INCORRECT', message: 'x', details: { pinCountLow: true } })).toBe('PIN səhvdir. Diqqət: az cəhd qalıb');
    expect(await words({ code: 'PIN_INCORRECT', message: 'x' })).toBe('PIN səhvdir');
    expect(await words({ code: 'PIN_BLOCKED', message: 'x' })).toMatch(/^PIN bloklanıb/);
    expect(await words({ code: 'USER_CANCELLED', message: 'x' })).toBe('İmzalama ləğv edildi');
    expect(await words({ code: 'TOKEN_ERROR', message: 'x', details: { ckr: 'CKR_DEVICE_ERROR' } })).toBe('Token xətası: CKR_DEVICE_ERROR');
  });

  it('refuses a value signed with another scheme than the certificate\'s', async () => {
    const signer = tokenSigner(tokenEntry('citizen'), {
      documentName: 'a.txt',
      send: async () => ({ signature: toBase64(new Uint8Array(64)), scheme: 'ECDSA', signatureFormat: 'p1363' }),
    });
    const failure = await signLocalFile(new File(['x'], 'a.txt'), 'asic-new', signer, new Date()).catch((e: unknown) => e);
    expect((failure as { code?: string }).code).toBe('TOKEN_SCHEME_MISMATCH');
    expect(errorText(failure)).toContain('RSASSA-PKCS1-v1_5');
  });
});

describe('file facts and names', () => {
  it('hashes a file in chunks and names results as the brief says', async () => {
    expect(await sha256Hex(new Blob(['imzala\n']))).toBe(createHash('sha256').update('imzala\n').digest('hex'));
    expect(signedFileName('Müqavilə.pdf', 'pdf')).toBe('Müqavilə-imzali.pdf');
    expect(signedFileName('akt.docx', 'asic-new')).toBe('akt.asice');
    expect(signedFileName('paket.asice', 'asic-cosign')).toBe('paket-imzali.asice');
    // A file named .pdf that is not a PDF is not signed as one.
    expect(await localSigningKind(new File(['not a pdf'], 'fake.pdf'))).toBe('asic-new');
    // A ZIP that is not named as an ASiC-E container (a .docx) gets its own container.
    expect(await localSigningKind(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])], 'a.docx'))).toBe('asic-new');
  });
});
