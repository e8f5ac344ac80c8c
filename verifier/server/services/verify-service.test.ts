/** The memory in front of the revocation file cache: fewer file reads, and never an answer older than its window. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileRevocationCache } from '../../node/revocation-cache.js';
import { memoizedRevocationCache, REVOCATION_MEMO_ENTRIES, REVOCATION_MEMO_MS } from './verify-service.js';

describe('memoizedRevocationCache', () => {
  it('answers repeated look-ups from memory within its window, then reads the files again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imzala-memo-'));
    try {
      let clock = 1_000_000;
      const files = createFileRevocationCache({ dir });
      let reads = 0;
      const counted = { get: (url: string) => (reads++, files.get(url)), set: files.set.bind(files) };
      const memo = memoizedRevocationCache(counted, () => clock);
      const url = 'http://crl.example.az/ica.crl';
      expect(await memo.get(url)).toBeUndefined();
      expect(await memo.get(url)).toBeUndefined();
      expect(reads).toBe(1);
      // Written by another process: seen once the window has passed.
      await files.set(url, Uint8Array.of(1, 2, 3), new Date(Date.now() + 3_600_000));
      expect(await memo.get(url)).toBeUndefined();
      clock += REVOCATION_MEMO_MS;
      expect(await memo.get(url)).toEqual(Uint8Array.of(1, 2, 3));
      expect(reads).toBe(2);
      // Written through this memo: seen at once, and a caller changing its copy changes nothing.
      await memo.set(url, Uint8Array.of(4, 5), new Date(Date.now() + 3_600_000));
      const copy = (await memo.get(url))!;
      expect(copy).toEqual(Uint8Array.of(4, 5));
      copy[0] = 9;
      expect(await memo.get(url)).toEqual(Uint8Array.of(4, 5));
      expect(await files.get(url)).toEqual(Uint8Array.of(4, 5));
      expect(reads).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`remembers at most ${REVOCATION_MEMO_ENTRIES} addresses`, async () => {
    let reads = 0;
    const memo = memoizedRevocationCache({ get: async () => (reads++, undefined), set: async () => undefined }, () => 0);
    for (let i = 0; i <= REVOCATION_MEMO_ENTRIES; i++) await memo.get(`http://x.example/${i}`);
    expect(reads).toBe(REVOCATION_MEMO_ENTRIES + 1);
    await memo.get(`http://x.example/${REVOCATION_MEMO_ENTRIES}`); // still remembered
    await memo.get('http://x.example/0'); // the oldest, dropped
    expect(reads).toBe(REVOCATION_MEMO_ENTRIES + 2);
  });
});
