import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isImzalaError } from '../../../core/errors.js';
import { linkToken, linkTokenHash, serviceSecret } from './link-tokens.js';

const dir = mkdtempSync(join(tmpdir(), 'imzala-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return isImzalaError(e) ? e.code : String(e);
  }
  return 'none';
};

describe('signing-link tokens', () => {
  it('come from a 256-bit secret made once and kept private; each signer of each process gets its own 256-bit token', () => {
    const secret = serviceSecret(join(dir, 'a'));
    expect(secret).toHaveLength(32);
    expect(statSync(join(dir, 'a', 'secret.key')).mode & 0o777).toBe(0o600);
    expect(serviceSecret(join(dir, 'a'))).toEqual(secret); // the same after a restart
    expect(serviceSecret(join(dir, 'b'))).not.toEqual(secret);
    const tokens = new Set<string>();
    for (let p = 0; p < 50; p++) for (let i = 0; i < 3; i++) tokens.add(linkToken(secret, `process-${p}`, i));
    expect(tokens.size).toBe(150);
    const token = linkToken(secret, 'process-1', 0);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(linkToken(secret, 'process-1', 0)).toBe(token); // a reminder carries the same link
    expect(linkToken(serviceSecret(join(dir, 'b')), 'process-1', 0)).not.toBe(token);
    expect(linkTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a damaged secret file and anything that cannot be a token', () => {
    const bad = join(dir, 'c');
    serviceSecret(bad);
    writeFileSync(join(bad, 'secret.key'), 'too short');
    expect(code(() => serviceSecret(bad))).toBe('SERVICE_SECRET_INVALID');
    for (const token of ['', 'abc', `${'A'.repeat(42)}=`, `${'A'.repeat(43)}/`, '../../etc/passwd', 'A'.repeat(44)]) {
      expect(code(() => linkTokenHash(token)), token).toBe('LINK_INVALID');
    }
  });
});
