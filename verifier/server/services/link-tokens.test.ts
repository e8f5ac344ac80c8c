import { describe, expect, it } from 'vitest';
import { isImzalaError } from '../../../core/errors.js';
import { linkTokenHash, newLinkToken } from './link-tokens.js';

describe('signing-link tokens', () => {
  it('are 256-bit base64url secrets, stored only as their SHA-256, and never repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const { token, hash } = newLinkToken();
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).not.toContain(token);
      expect(linkTokenHash(token)).toBe(hash);
      seen.add(token);
    }
    expect(seen.size).toBe(1000);
  });

  it('refuses anything that cannot be a token before looking it up', () => {
    for (const bad of ['', 'abc', `${'A'.repeat(42)}=`, `${'A'.repeat(43)}/`, '../../etc/passwd', 'A'.repeat(44)]) {
      let code = '';
      try {
        linkTokenHash(bad);
      } catch (e) {
        code = isImzalaError(e) ? e.code : String(e);
      }
      expect(code, bad).toBe('LINK_INVALID');
    }
  });
});
