import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectPublicKeyInfoOf } from '../../core/cms/build-signed-data.js';
import { verifySignatureOfDigest } from '../../core/crypto/verify-signature.js';
import { isImzalaError } from '../../core/errors.js';
import { writePkcs12 } from '../../core/keys/pkcs12.js';
import type { KeyPairMaterial } from '../../core/signing/key-pair-signer.js';
import { createDemoHierarchy, type DemoEntity, type DemoHierarchy } from '../pki-demo/demo-hierarchy.js';
import { createAsanSimulator, isAsanSimulator, type AsanSimulatorOptions, type AsanSimulatorProvider } from './asan-simulator.js';
import {
  mobileSignatureAlgorithm,
  verificationCode,
  type MobileSignatureDigestAlgorithm,
  type MobileSignatureRequest,
} from './mobile-signature.js';

let hierarchy: DemoHierarchy;
let tmp: string;

const material = (e: DemoEntity): KeyPairMaterial => ({
  certificate: e.certificate,
  chain: [hierarchy.ica.certificate, hierarchy.pca.certificate],
  privateKeyPkcs8: e.privateKeyPkcs8!,
});

const CITIZEN = { phone: '+994501110001', userId: '100001' };
const BUSINESS = { phone: '+994551110002', userId: '100002' };

beforeAll(async () => {
  hierarchy = await createDemoHierarchy();
  tmp = mkdtempSync(join(tmpdir(), 'imzala-asan-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function digestOf(text: string, algorithm: MobileSignatureDigestAlgorithm): Uint8Array {
  return new Uint8Array(createHash(algorithm.replace('-', '').toLowerCase()).update(text).digest());
}

function request(who: { phone: string; userId: string }, digest: Uint8Array, digestAlgorithm: MobileSignatureDigestAlgorithm = 'SHA-256'): MobileSignatureRequest {
  return { ...who, digest, digestAlgorithm, documentName: 'müqavilə.pdf', language: 'az' };
}

async function simulator(options: Partial<AsanSimulatorOptions> = {}): Promise<AsanSimulatorProvider> {
  return createAsanSimulator({
    users: [
      { ...CITIZEN, keyPairMaterial: material(hierarchy.citizen) },
      { ...BUSINESS, keyPairMaterial: material(hierarchy.business) },
      { phone: '+994701110003', userId: '100003', keyPairMaterial: material(hierarchy.citizen), behaviour: 'suspended' },
      { phone: '+994701110004', userId: '100004', keyPairMaterial: material(hierarchy.citizen), behaviour: 'expired' },
      { phone: '+994701110005', userId: '100005', keyPairMaterial: material(hierarchy.expired) },
    ],
    ...options,
  });
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (isImzalaError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** openssl's own check of a signature over a pre-hashed digest (PKCS#1 v1.5 DigestInfo, or ECDSA). */
function opensslVerifies(certificate: Uint8Array, digest: Uint8Array, algorithm: MobileSignatureDigestAlgorithm, signature: Uint8Array): boolean {
  const pub = createPublicKey({ key: Buffer.from(subjectPublicKeyInfoOf(certificate)), format: 'der', type: 'spki' });
  const dir = mkdtempSync(join(tmp, 'v-'));
  writeFileSync(join(dir, 'pub.pem'), pub.export({ format: 'pem', type: 'spki' }));
  writeFileSync(join(dir, 'digest'), digest);
  writeFileSync(join(dir, 'sig'), signature);
  const md = algorithm.replace('-', '').toLowerCase();
  try {
    execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, 'pub.pem'), '-in', join(dir, 'digest'), '-sigfile', join(dir, 'sig'), '-pkeyopt', `digest:${md}`], {
      stdio: 'pipe',
    });
    return true;
  } catch {
    return false;
  }
}

describe('ASAN İmza simulator: a session from start to signature', () => {
  it.each([
    ['an RSA citizen, SHA-256', CITIZEN, 'citizen', 'SHA-256'],
    ['an EC P-256 business signer, SHA-384', BUSINESS, 'business', 'SHA-384'],
    ['an RSA citizen, SHA-512', CITIZEN, 'citizen', 'SHA-512'],
  ] as const)('%s: code, phone, approve, a signature that verifies', async (_label, who, entity, algorithm) => {
    const sim = await simulator();
    expect(isAsanSimulator(sim)).toBe(true);
    const { certificate, chain } = await sim.certificate('0' + who.phone.slice(4), who.userId);
    expect(certificate).toEqual(hierarchy[entity].certificate);
    expect(chain).toEqual([hierarchy.ica.certificate, hierarchy.pca.certificate]);

    const digest = digestOf(`signed attributes for ${entity}`, algorithm);
    const session = await sim.start(request(who, digest, algorithm));
    expect(session.verificationCode).toBe(verificationCode(digest));
    expect(session.verificationCode).toMatch(/^\d{4}$/);
    expect(await sim.poll(session.id)).toEqual({ status: 'pending' });

    // The phone shows the request with the same code as the page.
    expect(sim.pendingSessions()).toEqual([
      expect.objectContaining({ id: session.id, phone: who.phone, documentName: 'müqavilə.pdf', verificationCode: session.verificationCode }),
    ]);

    await sim.approve(session.id);
    const state = await sim.poll(session.id);
    if (state.status !== 'ok') throw new Error(`expected ok, got ${state.status}`);
    expect(state.certificate).toEqual(certificate);
    expect(state.chain).toEqual(chain);
    const check = await verifySignatureOfDigest({
      publicKeyInfo: subjectPublicKeyInfoOf(certificate),
      algorithm: mobileSignatureAlgorithm(certificate, algorithm),
      digest,
      signature: state.signature,
    });
    expect(check).toMatchObject({ valid: true, code: null });
    expect(opensslVerifies(certificate, digest, algorithm, state.signature)).toBe(true);
    // Over another digest the same signature is worthless.
    const other = await verifySignatureOfDigest({
      publicKeyInfo: subjectPublicKeyInfoOf(certificate),
      algorithm: mobileSignatureAlgorithm(certificate, algorithm),
      digest: digestOf('something else', algorithm),
      signature: state.signature,
    });
    expect(other.valid).toBe(false);
    expect(opensslVerifies(certificate, digestOf('something else', algorithm), algorithm, state.signature)).toBe(false);
    expect(sim.pendingSessions()).toEqual([]);
    // Approved once: a second press is refused, and the result stays.
    expect((await refusal(sim.approve(session.id))).code).toBe('SIMULATOR_SESSION_NOT_PENDING');
    expect((await sim.poll(session.id)).status).toBe('ok');
  });

  it('a key read from a PKCS#12 file signs too', async () => {
    const p12 = await writePkcs12(
      { privateKeyPkcs8: hierarchy.citizen.privateKeyPkcs8!, certificate: hierarchy.citizen.certificate, chain: [hierarchy.ica.certificate] },
      'secret',
      { iterations: 2048 },
    );
    const sim = await createAsanSimulator({ users: [{ ...CITIZEN, p12Bytes: p12, p12Password: 'secret' }] });
    const digest = digestOf('p12', 'SHA-256');
    const session = await sim.start(request(CITIZEN, digest));
    await sim.approve(session.id);
    const state = await sim.poll(session.id);
    if (state.status !== 'ok') throw new Error(state.status);
    expect(opensslVerifies(hierarchy.citizen.certificate, digest, 'SHA-256', state.signature)).toBe(true);
  });
});

describe('ASAN İmza simulator: sessions that end without a signature', () => {
  it('deny on the phone -> USER_CANCEL, and it cannot be approved afterwards', async () => {
    const sim = await simulator();
    const session = await sim.start(request(CITIZEN, digestOf('deny', 'SHA-256')));
    await sim.deny(session.id);
    expect(await sim.poll(session.id)).toEqual({ status: 'USER_CANCEL' });
    expect(await refusal(sim.approve(session.id))).toMatchObject({ code: 'SIMULATOR_SESSION_NOT_PENDING', details: { status: 'USER_CANCEL' } });
  });

  it('cancel by the service -> USER_CANCEL; cancelling a finished session changes nothing', async () => {
    const sim = await simulator();
    const session = await sim.start(request(CITIZEN, digestOf('cancel', 'SHA-256')));
    await sim.cancel(session.id);
    expect((await sim.poll(session.id)).status).toBe('USER_CANCEL');
    const done = await sim.start(request(CITIZEN, digestOf('done', 'SHA-256')));
    await sim.approve(done.id);
    await sim.cancel(done.id);
    expect((await sim.poll(done.id)).status).toBe('ok');
  });

  it('no answer within the time-out -> TIMEOUT (injected clock), and the phone no longer lists it', async () => {
    let t = Date.parse('2026-11-23T10:00:00Z');
    const sim = await simulator({ now: () => new Date(t), timeoutMs: 120_000 });
    const session = await sim.start(request(CITIZEN, digestOf('slow', 'SHA-256')));
    expect(session.expiresAt).toBe('2026-11-23T10:02:00.000Z');
    t += 119_999;
    expect((await sim.poll(session.id)).status).toBe('pending');
    t += 1;
    expect(await sim.poll(session.id)).toEqual({ status: 'TIMEOUT' });
    expect(sim.pendingSessions()).toEqual([]);
    expect(await refusal(sim.approve(session.id))).toMatchObject({ code: 'SIMULATOR_SESSION_NOT_PENDING', details: { status: 'TIMEOUT' } });
  });

  it('the default time-out is 2 minutes', async () => {
    const t = Date.parse('2026-11-23T10:00:00Z');
    const sim = await simulator({ now: () => new Date(t) });
    const session = await sim.start(request(CITIZEN, digestOf('x', 'SHA-256')));
    expect(Date.parse(session.expiresAt) - t).toBe(120_000);
  });

  it('a suspended certificate -> CERT_SUSPENDED at start', async () => {
    const sim = await simulator();
    const r = await refusal(sim.start(request({ phone: '+994701110003', userId: '100003' }, digestOf('s', 'SHA-256'))));
    expect(r).toMatchObject({ code: 'MOBILE_SIGNATURE_CERT_SUSPENDED', details: { status: 'CERT_SUSPENDED', simulated: true } });
    expect(sim.pendingSessions()).toEqual([]);
  });

  it('an expired certificate -> CERT_EXPIRED at start, whether configured so or past notAfter', async () => {
    const sim = await simulator();
    for (const who of [{ phone: '+994701110004', userId: '100004' }, { phone: '+994701110005', userId: '100005' }]) {
      const r = await refusal(sim.start(request(who, digestOf('e', 'SHA-256'))));
      expect(r).toMatchObject({ code: 'MOBILE_SIGNATURE_CERT_EXPIRED', details: { status: 'CERT_EXPIRED' } });
    }
  });

  it('an unavailable service -> SERVICE_UNAVAILABLE for certificate, start and poll', async () => {
    const down = await simulator({ unavailable: true });
    expect((await refusal(down.certificate(CITIZEN.phone, CITIZEN.userId))).code).toBe('MOBILE_SIGNATURE_SERVICE_UNAVAILABLE');
    expect((await refusal(down.start(request(CITIZEN, digestOf('u', 'SHA-256'))))).code).toBe('MOBILE_SIGNATURE_SERVICE_UNAVAILABLE');

    const sim = await simulator();
    const session = await sim.start(request(CITIZEN, digestOf('u', 'SHA-256')));
    sim.setUnavailable(true);
    expect(await sim.poll(session.id)).toEqual({ status: 'SERVICE_UNAVAILABLE' });
    sim.setUnavailable(false);
    expect(await sim.poll(session.id)).toEqual({ status: 'pending' });
  });

  it('an unknown phone/user ID pair -> CERT_NOT_FOUND', async () => {
    const sim = await simulator();
    expect((await refusal(sim.certificate('+994509999999', '999999'))).code).toBe('MOBILE_SIGNATURE_CERT_NOT_FOUND');
    // A known phone with another person's user ID is not found either.
    expect((await refusal(sim.start(request({ phone: CITIZEN.phone, userId: BUSINESS.userId }, digestOf('n', 'SHA-256'))))).code).toBe(
      'MOBILE_SIGNATURE_CERT_NOT_FOUND',
    );
  });

  it('refuses unknown sessions and bad requests', async () => {
    const sim = await simulator();
    expect((await refusal(sim.poll('no-such-session'))).code).toBe('PROVIDER_SESSION_UNKNOWN');
    expect((await refusal(sim.approve('no-such-session'))).code).toBe('PROVIDER_SESSION_UNKNOWN');
    expect((await refusal(sim.start(request(CITIZEN, new Uint8Array(31))))).code).toBe('PROVIDER_DIGEST_INVALID');
  });

  it('logs every step as the simulator, with the verification code', async () => {
    const lines: string[] = [];
    const sim = await simulator({ log: (l) => lines.push(l) });
    const session = await sim.start(request(CITIZEN, digestOf('log', 'SHA-256')));
    await sim.deny(session.id);
    expect(lines.length).toBe(2);
    for (const line of lines) expect(line).toMatch(/^ASAN İmza simulator: /);
    expect(lines[0]).toContain(session.verificationCode);
  });
});

describe('ASAN İmza simulator: configuration', () => {
  it('refuses a user whose key does not belong to the certificate', async () => {
    const wrong = { ...material(hierarchy.citizen), privateKeyPkcs8: hierarchy.expired.privateKeyPkcs8! };
    expect((await refusal(createAsanSimulator({ users: [{ ...CITIZEN, keyPairMaterial: wrong }] }))).code).toBe('SIMULATOR_USER_INVALID');
  });

  it('refuses a user without key material, a bad phone, and the same person twice', async () => {
    expect((await refusal(createAsanSimulator({ users: [{ ...CITIZEN }] }))).code).toBe('SIMULATOR_USER_INVALID');
    expect((await refusal(createAsanSimulator({ users: [{ phone: '123', userId: '100001', keyPairMaterial: material(hierarchy.citizen) }] }))).code).toBe(
      'SIMULATOR_USER_INVALID',
    );
    const twice = { ...CITIZEN, keyPairMaterial: material(hierarchy.citizen) };
    expect((await refusal(createAsanSimulator({ users: [twice, { ...twice, phone: '050 111 00 01' }] }))).code).toBe('SIMULATOR_USER_INVALID');
  });
});
