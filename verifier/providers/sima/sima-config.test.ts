/** IMZALA_SIMA* settings: off when unset, the simulator's generated master key, and the refusals of 'real'. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isImzalaError } from '../../../core/errors.js';
import { tempDir } from '../../../test/support/cli.js';
import { loadSimaSettings, simaClient } from './sima-config.js';

const tmp = tempDir('imzala-sima-config-');
afterAll(() => tmp.cleanup());
const key = Buffer.alloc(32, 7).toString('base64');

function refusal(env: NodeJS.ProcessEnv, publicUrl: string | null = 'https://imzala.example.test'): string {
  try {
    loadSimaSettings(env, { dataDir: tmp.dir, publicUrl });
  } catch (e) {
    return isImzalaError(e) ? `${e.code} ${String(e.details?.name)}` : String(e);
  }
  return 'accepted';
}

describe('SİMA settings', () => {
  it('are off without IMZALA_SIMA', () => {
    expect(loadSimaSettings({}, { dataDir: tmp.dir, publicUrl: null })).toBeNull();
  });

  it('simulator: a master key is made once in the data directory (owner-only) and reused', () => {
    const a = loadSimaSettings({ IMZALA_SIMA: 'simulator' }, { dataDir: tmp.dir, publicUrl: null })!;
    const b = loadSimaSettings({ IMZALA_SIMA: 'simulator' }, { dataDir: tmp.dir, publicUrl: null })!;
    expect(a.masterKey.length).toBe(32);
    expect(Buffer.compare(a.masterKey, b.masterKey)).toBe(0);
    expect(statSync(join(tmp.dir, 'sima-master.key')).mode & 0o077).toBe(0);
    expect(Buffer.from(readFileSync(join(tmp.dir, 'sima-master.key'), 'utf8').trim(), 'base64')).toEqual(Buffer.from(a.masterKey));
    expect(a).toMatchObject({ mode: 'simulator', clientId: 1, clientName: 'imzala', ttlSeconds: 300 });
    const client = simaClient(a, () => 'http://localhost:8080/');
    expect(client.callbackUrl).toBe('http://localhost:8080/api/v1/sima/callback');
    expect(client.iconUri).toBe('http://localhost:8080/favicon.ico');
  });

  it('real: refuses to start without client id, master key, public URL or CA file; takes a key file', () => {
    const file = join(tmp.dir, 'key.b64');
    writeFileSync(file, `${key}\n`);
    const full = { IMZALA_SIMA: 'real', IMZALA_SIMA_CLIENT_ID: '77', IMZALA_SIMA_MASTER_KEY_FILE: file, IMZALA_SIMA_CA_FILE: file };
    expect(refusal(full)).toBe('accepted');
    expect(refusal({ ...full, IMZALA_SIMA_CLIENT_ID: '' })).toBe('SIMA_CONFIG_INVALID IMZALA_SIMA_CLIENT_ID');
    expect(refusal({ ...full, IMZALA_SIMA_MASTER_KEY_FILE: '' })).toBe('SIMA_CONFIG_INVALID IMZALA_SIMA_MASTER_KEY');
    expect(refusal(full, null)).toBe('SIMA_CONFIG_INVALID IMZALA_PUBLIC_URL');
    expect(refusal({ ...full, IMZALA_SIMA_CA_FILE: '' })).toBe('SIMA_CONFIG_INVALID IMZALA_SIMA_CA_FILE');
    expect(refusal({ ...full, IMZALA_SIMA_MASTER_KEY_FILE: '', IMZALA_SIMA_MASTER_KEY: Buffer.alloc(16).toString('base64') })).toBe('SIMA_CONFIG_INVALID IMZALA_SIMA_MASTER_KEY');
    expect(refusal({ ...full, IMZALA_SIMA_CLIENT_ID: 'x1' })).toBe('SIMA_CONFIG_INVALID IMZALA_SIMA_CLIENT_ID');
    expect(refusal({ IMZALA_SIMA: 'yes' })).toBe('SIMA_CONFIG_INVALID IMZALA_SIMA');
    expect(refusal({ ...full, IMZALA_SIMA_TTL_SECONDS: '5' })).toBe('SIMA_CONFIG_INVALID IMZALA_SIMA_TTL_SECONDS');
    expect(refusal({ ...full, IMZALA_SIMA_CALLBACK_URL: 'ftp://x' })).toBe('SIMA_CONFIG_INVALID IMZALA_SIMA_CALLBACK_URL');
  });
});
