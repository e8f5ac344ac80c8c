import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isImzalaError } from '../../core/errors.js';
import { localizeFrom } from '../../core/report/messages.js';
import { writeDemoHierarchy } from '../pki-demo/write-demo.js';
import { asanProviderFromEnv, ASAN_REAL_ENV, ASAN_SIMULATOR_PEOPLE, createAsanRealProvider } from './asan-real.js';
import { isAsanSimulator } from './asan-simulator.js';
import { PROVIDER_MESSAGES } from './codes.js';

let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'imzala-asan-env-'));
  await writeDemoHierarchy(join(dataDir, 'demo-pki'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function refusal(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (isImzalaError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

const digest = new Uint8Array(createHash('sha256').update('env').digest());

describe('the real ASAN İmza provider without a contract', () => {
  it('refuses every call with PROVIDER_NOT_CONFIGURED and names the variables', async () => {
    const real = createAsanRealProvider({ [ASAN_REAL_ENV.url]: 'https://asan.example.test' });
    expect(real.simulated).toBe(false);
    for (const call of [
      () => real.certificate('+994501234567', '123456'),
      () => real.start({ phone: '+994501234567', userId: '123456', digest, digestAlgorithm: 'SHA-256', documentName: 'a.pdf', language: 'az' }),
      () => real.poll('x'),
      () => real.cancel('x'),
    ]) {
      const r = await refusal(call());
      expect(r.code).toBe('PROVIDER_NOT_CONFIGURED');
      expect(r.details.configured).toEqual(['IMZALA_ASAN_URL']);
    }
    const r = await refusal(real.start({ phone: '+994501234567', userId: '123456', digest, digestAlgorithm: 'SHA-256', documentName: 'a.pdf', language: 'az' }));
    const az = localizeFrom(PROVIDER_MESSAGES, r.code, 'az', r.details);
    expect(az).toContain('müqavilə');
    expect(az).toContain('IMZALA_ASAN_URL, IMZALA_ASAN_CLIENT_ID');
    expect(localizeFrom(PROVIDER_MESSAGES, r.code, 'en', r.details)).toContain('not public');
    expect(localizeFrom(PROVIDER_MESSAGES, r.code, 'ru', r.details)).toContain('не публичен');
  });
});

describe('asanProviderFromEnv', () => {
  it('unset -> no ASAN İmza; real -> the refusing provider; anything else -> a configuration error', async () => {
    expect(await asanProviderFromEnv({})).toBeNull();
    expect(await asanProviderFromEnv({ IMZALA_ASAN: ' ' })).toBeNull();
    const real = await asanProviderFromEnv({ IMZALA_ASAN: 'real' });
    expect(real?.name).toBe('asan-real');
    expect(isAsanSimulator(real)).toBe(false);
    expect((await refusal(asanProviderFromEnv({ IMZALA_ASAN: 'yes' }))).code).toBe('PROVIDER_CONFIG_INVALID');
    expect((await refusal(asanProviderFromEnv({ IMZALA_ASAN: 'simulator', IMZALA_ASAN_TIMEOUT_MS: '2m' }))).code).toBe('PROVIDER_CONFIG_INVALID');
  });

  it('simulator -> the TEST people of $IMZALA_DATA_DIR/demo-pki, each behaving as listed', async () => {
    const lines: string[] = [];
    const t = Date.now();
    const sim = await asanProviderFromEnv({ IMZALA_ASAN: 'simulator', IMZALA_DATA_DIR: dataDir, IMZALA_ASAN_TIMEOUT_MS: '5000' }, { log: (l) => lines.push(l), now: () => new Date(t) });
    if (!isAsanSimulator(sim)) throw new Error('expected the simulator');
    expect(lines[0]).toMatch(/^ASAN İmza simulator: 4 TEST users/);
    const [citizen, business, expired, revoked] = ASAN_SIMULATOR_PEOPLE;

    const session = await sim.start({ phone: citizen!.phone, userId: citizen!.userId, digest, digestAlgorithm: 'SHA-256', documentName: 'a.pdf', language: 'az' });
    expect(Date.parse(session.expiresAt) - t).toBe(5000);
    await sim.approve(session.id);
    expect((await sim.poll(session.id)).status).toBe('ok');
    expect((await sim.certificate(business!.phone, business!.userId)).certificate.length).toBeGreaterThan(100);

    const startFor = (p: typeof expired) =>
      sim.start({ phone: p!.phone, userId: p!.userId, digest, digestAlgorithm: 'SHA-256', documentName: 'a.pdf', language: 'en' });
    expect((await refusal(startFor(expired))).code).toBe('MOBILE_SIGNATURE_CERT_EXPIRED');
    expect((await refusal(startFor(revoked))).code).toBe('MOBILE_SIGNATURE_CERT_SUSPENDED');
  });

  it('simulator without a demo PKI directory: no users, every start is CERT_NOT_FOUND', async () => {
    const sim = await asanProviderFromEnv({ IMZALA_ASAN: 'simulator', IMZALA_DATA_DIR: join(dataDir, 'nothing-here') });
    expect(sim?.simulated).toBe(true);
    const r = await refusal(sim!.start({ phone: '+994500000001', userId: '000001', digest, digestAlgorithm: 'SHA-256', documentName: 'a.pdf', language: 'az' }));
    expect(r.code).toBe('MOBILE_SIGNATURE_CERT_NOT_FOUND');
  });
});
