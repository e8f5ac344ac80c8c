/**
 * The native messaging host (dist/host/imzala-host.js) as a browser starts it: one frame on stdin, the hello and the
 * answer on stdout, against a real PKCS#11 token (SoftHSM2) holding the demo citizen (RSA) and business (EC) keys.
 * A PDF signed through the host verifies in imzala and in poppler's pdfsig.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createPublicKey, verify as nodeVerify, constants } from 'node:crypto';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { decodePem } from '../../core/encoding/pem.js';
import { fromBase64, toBase64 } from '../../core/encoding/base64.js';
import { toHex } from '../../core/encoding/hex.js';
import { bytesSource } from '../../core/io/byte-source.js';
import { signPdf } from '../../core/signing/sign-pdf.js';
import { signerDescription } from '../../core/signing/key-pair-signer.js';
import type { DigestSigner } from '../../core/cms/digest-signer.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { installCommand } from '../../extension/native-host/install.js';
import { mapPkcs11Error } from '../../extension/native-host/pkcs11-backend.js';
import { tempDir, verifyJson } from '../support/cli.js';
import { createNssDb, pdfsigVerify, trustRoot } from '../support/nss.js';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm.js';
import { callHost, frame, HOST_SCRIPT, installTestHost, type TestHost } from '../support/native-host.js';

const PIN = '123456';
const SO_PIN = '12345678';
const ORIGIN = 'https://imzala.example.az';
let tmp: ReturnType<typeof tempDir>;
let token: SoftHsmToken;
let host: TestHost;
let requestNo = 0;

const der = (file: string) => decodePem(readFileSync(file, 'utf8')).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
const b64 = (file: string) => toBase64(der(file)[0]!);
const request = (command: string, args: Record<string, unknown> = {}) => ({ protocol: 1, id: `r${++requestNo}`, command, args });
const digestOf = (text: string) => new Uint8Array(require('node:crypto').createHash('sha256').update(text).digest());
const require = createRequire(import.meta.url);

function signArgs(person: 'citizen' | 'business', digest: Uint8Array, extra: Record<string, unknown> = {}) {
  return { certificate: b64(token.pki.cert(person)), digest: toBase64(digest), algorithm: 'SHA-256', origin: ORIGIN, documentName: 'müqavilə.pdf', ...extra };
}

beforeAll(() => {
  tmp = tempDir('imzala-host-');
  token = createSoftHsmToken({ dir: join(tmp.dir, 'hsm'), people: ['citizen', 'business'], pin: PIN, soPin: SO_PIN });
  host = installTestHost({ dir: join(tmp.dir, 'host'), token });
  expect(existsSync(HOST_SCRIPT), 'npm run build makes dist/host/imzala-host.js').toBe(true);
});

afterAll(() => tmp?.cleanup());

describe('status and list-certificates', () => {
  it('greets with its protocol and lists the SoftHSM token', async () => {
    const call = await callHost(request('status', { pkcs11Library: token.library }), host.env);
    expect(call.hello).toEqual({ type: 'hello', protocol: 1, version: expect.any(String) });
    expect(call.response.ok).toBe(true);
    const status = call.response.result;
    expect(status).toMatchObject({ protocol: 1, backend: 'pkcs11', library: token.library });
    expect(status.tokens).toEqual([expect.objectContaining({ label: 'TEST imzala token', manufacturer: 'SoftHSM project', pinLocked: false })]);
    expect(call.status).toBe(0);
    expect(call.stderr).toMatch(/status ok tokens=1/);
  });

  it('status end to end (spawn to answer), measured five times for the report', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const call = await callHost(request('status'), host.env);
      expect(call.response.ok).toBe(true);
      times.push(call.ms);
    }
    times.sort((a, b) => a - b);
    console.log(`native host status, spawn to exit: median ${times[2]!.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
  });

  it('lists the citizen (RSA) and business (EC) certificates, each with ICA then PCA from the token', async () => {
    const call = await callHost(request('list-certificates'), host.env);
    expect(call.response.ok).toBe(true);
    const certificates = call.response.result.certificates;
    expect(certificates).toHaveLength(2);
    const ica = b64(join(token.pki.dir, 'ica.pem'));
    const pca = b64(join(token.pki.dir, 'pca.pem'));
    const citizen = certificates.find((c: any) => c.certificate === b64(token.pki.cert('citizen')));
    expect(citizen).toMatchObject({ keyType: 'RSA', label: 'citizen', chain: [ica, pca], token: { label: 'TEST imzala token' } });
    const business = certificates.find((c: any) => c.certificate === b64(token.pki.cert('business')));
    expect(business).toMatchObject({ keyType: 'EC', label: 'business', chain: [ica, pca] });
  });
});

/** A DigestSigner whose sign() goes through the host, as the extension's would. */
function hostSigner(person: 'citizen' | 'business', seen: any[]): DigestSigner {
  const certificate = der(token.pki.cert(person))[0]!;
  const chain = der(token.pki.chain).reverse();
  const description = signerDescription(certificate, chain);
  return {
    ...description,
    signatureFormat: description.algorithm.scheme === 'ECDSA' ? 'p1363' : 'der',
    async sign({ digest }) {
      const call = await callHost(request('sign', signArgs(person, digest, { algorithm: description.algorithm.hash, scheme: description.algorithm.scheme })), host.env);
      seen.push({ call, digest });
      if (!call.response.ok) throw new Error(JSON.stringify(call.response.error));
      return fromBase64(call.response.result.signature);
    },
  };
}

describe('sign', () => {
  let verifyDb: string;
  beforeAll(() => {
    verifyDb = createNssDb(join(tmp.dir, 'nss'));
    trustRoot(verifyDb, token.pki.root);
  });

  for (const person of ['citizen', 'business'] as const) {
    it(`a PDF signed through the host with the ${person}'s token key is VALID in imzala and in pdfsig`, async () => {
      host.setPin(PIN);
      const before = host.promptLog().length;
      const original = samplePdf(['TEST contract', `Signed on a token by the ${person}`]);
      const seen: any[] = [];
      const { update } = await signPdf(bytesSource(original), hostSigner(person, seen), { signingTime: new Date(), reason: 'Razıyam' });
      const file = join(tmp.dir, `${person}-token.pdf`);
      writeFileSync(file, Buffer.concat([original, update]));
      expect(seen).toHaveLength(1);
      expect(seen[0].call.response.result.scheme).toBe(person === 'citizen' ? 'RSASSA-PKCS1-v1_5' : 'ECDSA');
      const { report } = verifyJson(file, ['--trust', token.pki.trust]);
      expect(report.status).toBe('VALID');
      expect(pdfsigVerify(verifyDb, file)).toContain('Signature is Valid.');

      // The person saw what they signed: site, document, digest (grouped hex), certificate name and FIN.
      const prompts = host.promptLog();
      expect(prompts).toHaveLength(before + 1);
      const prompt = prompts.at(-1)!;
      const hex = toHex(seen[0].digest);
      expect(prompt).toContain(ORIGIN);
      expect(prompt).toContain('müqavilə.pdf');
      expect(prompt).toContain(hex.toUpperCase().slice(0, 4) + ' ' + hex.toUpperCase().slice(4, 8));
      expect(prompt).toContain(`IMZALA_PROMPT_DIGEST=${hex}`);
      expect(prompt).toContain(`IMZALA_PROMPT_ORIGIN=${ORIGIN}`);
      expect(prompt).toContain(person === 'citizen' ? 'FİN: 1TEST01' : 'FİN: 1TEST02');
      expect(prompt).toContain('Sənəd: müqavilə.pdf');
      // The log names the command and at most 8 hex digits of the digest, never the PIN.
      expect(seen[0].call.stderr).toContain(`digest=${hex.slice(0, 8)}…`);
      expect(seen[0].call.stderr).not.toContain(hex.slice(0, 9));
      expect(seen[0].call.stderr).not.toContain(PIN);
    });
  }

  it('RSA-PSS: the token signs with CKM_RSA_PKCS_PSS and the signature verifies with the certificate', async () => {
    host.setPin(PIN);
    const digest = digestOf('pss');
    const call = await callHost(request('sign', signArgs('citizen', digest, { scheme: 'RSA-PSS' })), host.env);
    expect(call.response.ok).toBe(true);
    expect(call.response.result.scheme).toBe('RSA-PSS');
    const key = createPublicKey(readFileSync(token.pki.cert('citizen')));
    const ok = nodeVerify('sha256', Buffer.from('pss'), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, Buffer.from(fromBase64(call.response.result.signature)));
    expect(ok).toBe(true);
  });

  it('a wrong PIN answers PIN_INCORRECT with the token flags (SoftHSM sets "count low")', async () => {
    host.setPin('999999');
    const call = await callHost(request('sign', signArgs('citizen', digestOf('a'))), host.env);
    expect(call.response).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT', details: { pinCountLow: true, finalTry: false } } });
    expect(call.response.error.message).toMatch(/PIN/);
    // The next prompt warns that tries are few.
    host.setPin(PIN);
    const next = await callHost(request('sign', signArgs('citizen', digestOf('b'))), host.env);
    expect(next.response.ok).toBe(true);
    expect(host.promptLog().at(-1)).toContain('cəhdlərin sayı azdır');
  });

  it('a PIN shorter than the token allows answers PIN_INVALID_FORMAT before any login try', async () => {
    // SoftHSM itself answers CKR_PIN_INCORRECT to a short PIN; the host checks the token's ulMinPinLen first.
    host.setPin('12');
    const call = await callHost(request('sign', signArgs('citizen', digestOf('c'))), host.env);
    expect(call.response.error).toMatchObject({ code: 'PIN_INVALID_FORMAT', details: { minLength: 4, maxLength: 255 } });
  });

  it('the PIN program cancelling answers USER_CANCELLED', async () => {
    host.setPin(null);
    const call = await callHost(request('sign', signArgs('citizen', digestOf('d'))), host.env);
    expect(call.response).toMatchObject({ ok: false, error: { code: 'USER_CANCELLED' } });
  });

  it('a certificate that is not on the token, or has no key there, answers KEY_NOT_FOUND', async () => {
    host.setPin(PIN);
    const notOnToken = await callHost(request('sign', { ...signArgs('citizen', digestOf('e')), certificate: b64(token.pki.cert('expired')) }), host.env);
    expect(notOnToken.response.error).toMatchObject({ code: 'KEY_NOT_FOUND' });
    const caWithoutKey = await callHost(request('sign', { ...signArgs('citizen', digestOf('e')), certificate: b64(join(token.pki.dir, 'ica.pem')) }), host.env);
    expect(caWithoutKey.response.error).toMatchObject({ code: 'KEY_NOT_FOUND' });
  });

  it('no PIN dialog and no PIN program: USER_CANCELLED saying so', async () => {
    const config = join(tmp.dir, 'no-prompt.json');
    writeFileSync(config, JSON.stringify({ pkcs11Libraries: [token.library], language: 'en' }));
    const call = await callHost(request('sign', signArgs('citizen', digestOf('f'))), { ...host.env, IMZALA_HOST_CONFIG: config, DISPLAY: '', WAYLAND_DISPLAY: '' });
    expect(call.response.error).toMatchObject({ code: 'USER_CANCELLED', details: { reason: 'no-pin-dialog' } });
    expect(call.response.error.message).toMatch(/No PIN dialog/);
  });
});

describe('token states', () => {
  it('a token whose flags say the user PIN is locked: status shows it, sign answers PIN_BLOCKED without asking', async () => {
    const locked = createSoftHsmToken({ dir: join(tmp.dir, 'hsm-locked'), pin: PIN, soPin: SO_PIN, pki: token.pki });
    locked.markPinLocked();
    const lockedHost = installTestHost({ dir: join(tmp.dir, 'host-locked'), token: locked });
    const status = await callHost(request('status'), lockedHost.env);
    expect(status.response.result.tokens).toEqual([expect.objectContaining({ pinLocked: true })]);
    const call = await callHost(request('sign', signArgs('citizen', digestOf('g'))), lockedHost.env);
    expect(call.response.error).toMatchObject({ code: 'PIN_BLOCKED' });
    expect(lockedHost.promptLog()).toHaveLength(0);
  });

  it('no token: status lists none, list-certificates and sign answer TOKEN_ABSENT', async () => {
    const gone = createSoftHsmToken({ dir: join(tmp.dir, 'hsm-gone'), pin: PIN, soPin: SO_PIN, pki: token.pki });
    gone.remove();
    const goneHost = installTestHost({ dir: join(tmp.dir, 'host-gone'), token: gone });
    const status = await callHost(request('status'), goneHost.env);
    expect(status.response.result.tokens).toEqual([]);
    expect((await callHost(request('list-certificates'), goneHost.env)).response.error).toMatchObject({ code: 'TOKEN_ABSENT' });
    expect((await callHost(request('sign', signArgs('citizen', digestOf('h'))), goneHost.env)).response.error).toMatchObject({ code: 'TOKEN_ABSENT' });
  });

  it('PKCS#11 return values SoftHSM cannot produce map as documented (real pkcs11js Pkcs11Error objects)', () => {
    const p = require('pkcs11js');
    const map = (code: number) => mapPkcs11Error(p, new p.Pkcs11Error('x', code, 'C_Login'));
    expect(map(p.CKR_PIN_LOCKED).code).toBe('PIN_BLOCKED');
    expect(map(p.CKR_DEVICE_REMOVED).code).toBe('TOKEN_ABSENT');
    expect(map(p.CKR_TOKEN_NOT_PRESENT).code).toBe('TOKEN_ABSENT');
    expect(map(p.CKR_PIN_LEN_RANGE).code).toBe('PIN_INVALID_FORMAT');
    expect(map(p.CKR_DEVICE_ERROR)).toMatchObject({ code: 'TOKEN_ERROR', details: { ckr: 'CKR_DEVICE_ERROR' } });
  });
});

describe('bad messages', () => {
  it('a length over 1 MiB answers MESSAGE_TOO_LARGE without reading the body', async () => {
    const header = Buffer.alloc(4);
    header.writeUInt32LE(2 * 1024 * 1024);
    const call = await callHost(Buffer.concat([header, Buffer.from('{')]), host.env);
    expect(call.response).toMatchObject({ ok: false, error: { code: 'MESSAGE_TOO_LARGE' } });
  });

  it('not JSON answers INVALID_REQUEST; a wrong protocol VERSION_MISMATCH; an unknown command UNKNOWN_COMMAND', async () => {
    expect((await callHost(frame('{"protocol":1,'), host.env)).response.error.code).toBe('INVALID_REQUEST');
    expect((await callHost({ ...request('status'), protocol: 2 }, host.env)).response.error).toMatchObject({ code: 'VERSION_MISMATCH', details: { host: 1, request: 2 } });
    expect((await callHost(request('format-disk'), host.env)).response.error.code).toBe('UNKNOWN_COMMAND');
    const badDigest = await callHost(request('sign', { ...signArgs('citizen', digestOf('i')), digest: 'AAAA' }), host.env);
    expect(badDigest.response.error.code).toBe('INVALID_REQUEST');
  });

  it('answers and exits while the browser keeps stdin open (one command per connection)', async () => {
    const call = await callHost(request('status'), host.env, { closeStdin: false });
    expect(call.response.ok).toBe(true);
    expect(call.status).toBe(0);
  });

  it('the stream ending before a whole message: only the hello, exit 0, no stack', async () => {
    const call = await callHost(Buffer.from([10, 0]), host.env);
    expect(call.messages).toHaveLength(1);
    expect(call.status).toBe(0);
    expect(call.stderr).not.toMatch(/at .*\.js/);
  });

  it('a broken host config answers HOST_CONFIG_INVALID to every command', async () => {
    const config = join(tmp.dir, 'broken.json');
    writeFileSync(config, '{"pkcs11Libraries": "not a list"}');
    const call = await callHost(request('status'), { ...host.env, IMZALA_HOST_CONFIG: config });
    expect(call.response.error).toMatchObject({ code: 'HOST_CONFIG_INVALID', details: { path: config } });
    expect(call.response.error.message).toContain(config);
  });
});

describe('install', () => {
  it('writes manifests naming only our extension ids, with a launcher that starts the host; uninstall removes them', async () => {
    const home = join(tmp.dir, 'home');
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), defaultHostPath: HOST_SCRIPT, home, env: { XDG_CONFIG_HOME: join(home, '.config') }, platform: 'linux' as const };
    expect(installCommand(['install'], io)).toBe(0);
    const chrome = join(home, '.config/google-chrome/NativeMessagingHosts/az.imzala.host.json');
    const firefox = join(home, '.mozilla/native-messaging-hosts/az.imzala.host.json');
    for (const dir of ['google-chrome', 'chromium', 'microsoft-edge']) {
      const manifest = JSON.parse(readFileSync(join(home, '.config', dir, 'NativeMessagingHosts/az.imzala.host.json'), 'utf8'));
      expect(manifest).toMatchObject({ name: 'az.imzala.host', type: 'stdio', allowed_origins: ['chrome-extension://iocoigakjbbnhenkjjcnnhinconhhebn/'] });
      expect(manifest.allowed_extensions).toBeUndefined();
    }
    const ff = JSON.parse(readFileSync(firefox, 'utf8'));
    expect(ff.allowed_extensions).toEqual(['imzala@imzala.az']);
    expect(ff.allowed_origins).toBeUndefined();
    // The manifest's path is an executable that speaks native messaging.
    const path = JSON.parse(readFileSync(chrome, 'utf8')).path;
    expect(statSync(path).mode & 0o111).not.toBe(0);
    const r = spawnSync(path, [], { input: frame(request('status')), env: { ...process.env, ...host.env } });
    expect(r.stdout.readUInt32LE(0)).toBeGreaterThan(0);
    expect(JSON.parse(r.stdout.subarray(4, 4 + r.stdout.readUInt32LE(0)).toString())).toMatchObject({ type: 'hello', protocol: 1 });
    expect(lines.join('\n')).toContain(chrome);

    expect(installCommand(['uninstall'], io)).toBe(0);
    expect(existsSync(chrome)).toBe(false);
    expect(existsSync(firefox)).toBe(false);
    expect(installCommand(['install', '--browser', 'safari'], io)).toBe(2);
    expect(installCommand(['install', '--host', join(tmp.dir, 'missing.js')], io)).toBe(1);
    expect(lines.join('\n')).toContain('INSTALL_HOST_NOT_FOUND');
  });

  it('--user-data-dir writes the Chromium manifest where a custom profile reads it', () => {
    const userDataDir = join(tmp.dir, 'profile');
    const withDir = installTestHost({ dir: join(tmp.dir, 'host-profile'), token, userDataDir });
    expect(withDir.installed.map((f) => f.manifest)).toEqual([join(userDataDir, 'NativeMessagingHosts/az.imzala.host.json')]);
  });
});
