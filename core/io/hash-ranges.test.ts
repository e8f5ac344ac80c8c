import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { bytesSource } from './byte-source.js';
import { hashRanges, type HashJob } from './hash-ranges.js';

function expected(data: Uint8Array, job: HashJob): string {
  const h = createHash(job.algorithm.replace('-', '').toLowerCase());
  for (const [s, n] of job.ranges) h.update(data.subarray(s, s + n));
  return h.digest('hex');
}

describe('hashRanges', () => {
  it('gives each job the digest of exactly its ranges, whatever the chunking and however jobs share prefixes', async () => {
    const data = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31 + 7) & 0xff);
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let round = 0; round < 40; round++) {
      const jobs: HashJob[] = [{ algorithm: 'SHA-256', ranges: [[0, data.length]] }];
      for (let j = 0; j < 1 + rnd(4); j++) {
        const a = rnd(5000);
        const b = a + rnd(3000);
        const end = b + rnd(data.length - b);
        jobs.push({ algorithm: rnd(2) ? 'SHA-256' : 'SHA-384', ranges: [[0, a], [b, end - b]] });
      }
      const got = await hashRanges(bytesSource(data), jobs, 1 + rnd(3000));
      got.forEach((d, i) => expect(Buffer.from(d).toString('hex')).toBe(expected(data, jobs[i]!)));
    }
  });
});
