/**
 * Hashes several byte-range sets of one source in a single sequential pass: the file's SHA-256 and every
 * signature's ByteRange digest come from one read of the file, which is what bounds a 100 MB verification.
 */
import { createHasher, type HashAlgorithm, type Hasher } from '../crypto/hash.js';
import { forEachChunk, type ByteSource } from './byte-source.js';

export interface HashJob {
  algorithm: HashAlgorithm;
  /** [start, length] pairs in ascending, non-overlapping order. */
  ranges: Array<[number, number]>;
}

/** Digests for each job, in job order. Ranges must lie within the source (checked by the caller). */
export async function hashRanges(source: ByteSource, jobs: HashJob[], chunkSize?: number): Promise<Uint8Array[]> {
  const hashers: Hasher[] = jobs.map((j) => createHasher(j.algorithm));
  const end = Math.max(0, ...jobs.flatMap((j) => j.ranges.map(([s, n]) => s + n)));
  let at = 0;
  await forEachChunk(
    source,
    0,
    end,
    (chunk) => {
      const chunkEnd = at + chunk.length;
      jobs.forEach((job, i) => {
        for (const [start, length] of job.ranges) {
          const from = Math.max(start, at);
          const to = Math.min(start + length, chunkEnd);
          if (from < to) hashers[i]!.update(chunk.subarray(from - at, to - at));
        }
      });
      at = chunkEnd;
    },
    chunkSize,
  );
  return hashers.map((h) => h.digest());
}
