/**
 * Hashes several byte-range sets of one source in a single sequential pass: the file's SHA-256 and every
 * signature's ByteRange digest come from one read of the file. Jobs of the same algorithm that have taken the
 * same bytes so far share one hasher, which is cloned only where their ranges part: the long prefix that a
 * file and its signatures have in common is hashed once, not once per job.
 */
import { createHasher, type HashAlgorithm, type Hasher } from '../crypto/hash.js';
import { forEachChunk, type ByteSource } from './byte-source.js';

export interface HashJob {
  algorithm: HashAlgorithm;
  /** [start, length] pairs in ascending, non-overlapping order. */
  ranges: Array<[number, number]>;
}

interface Group {
  hasher: Hasher;
  jobs: number[];
}

function includes(job: HashJob, at: number): boolean {
  return job.ranges.some(([start, length]) => at >= start && at < start + length);
}

/** Digests for each job, in job order. Ranges must lie within the source (checked by the caller). */
export async function hashRanges(source: ByteSource, jobs: HashJob[], chunkSize?: number): Promise<Uint8Array[]> {
  // Segment boundaries: between two of them every job either takes every byte or none.
  const points = new Set<number>([0]);
  for (const job of jobs) for (const [s, n] of job.ranges) points.add(s).add(s + n);
  const boundaries = [...points].sort((a, b) => a - b);
  const end = boundaries[boundaries.length - 1]!;

  // Jobs with the same algorithm start in one group each; groups split (by cloning) where their jobs part.
  let groups: Group[] = [];
  const byAlgorithm = new Map<HashAlgorithm, number[]>();
  jobs.forEach((job, i) => byAlgorithm.set(job.algorithm, [...(byAlgorithm.get(job.algorithm) ?? []), i]));
  for (const [algorithm, members] of byAlgorithm) groups.push({ hasher: createHasher(algorithm), jobs: members });

  let segment = 0;
  let active: Group[] = [];
  const enterSegment = (at: number) => {
    const next: Group[] = [];
    for (const g of groups) {
      const taking = g.jobs.filter((j) => includes(jobs[j]!, at));
      const idle = g.jobs.filter((j) => !includes(jobs[j]!, at));
      if (taking.length && idle.length) {
        next.push({ hasher: g.hasher.clone(), jobs: taking }, { hasher: g.hasher, jobs: idle });
      } else {
        next.push(g);
      }
    }
    groups = next;
    active = groups.filter((g) => includes(jobs[g.jobs[0]!]!, at));
  };
  enterSegment(0);

  let at = 0;
  await forEachChunk(
    source,
    0,
    end,
    (chunk) => {
      let offset = 0;
      while (offset < chunk.length) {
        const segmentEnd = boundaries[segment + 1]!;
        const take = Math.min(chunk.length - offset, segmentEnd - (at + offset));
        const piece = chunk.subarray(offset, offset + take);
        for (const g of active) g.hasher.update(piece);
        offset += take;
        if (at + offset === segmentEnd && segmentEnd < end) {
          segment++;
          enterSegment(segmentEnd);
        }
      }
      at += chunk.length;
    },
    chunkSize,
  );

  const digests: Uint8Array[] = new Array(jobs.length);
  for (const g of groups) {
    const d = g.hasher.digest();
    for (const j of g.jobs) digests[j] = d;
  }
  return digests;
}
