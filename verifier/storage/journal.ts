/**
 * The store's commit log. A transaction is committed when its one line is appended to the current journal segment
 * and fdatasync'ed: that is the only fsync on the hot path, so a commit costs the same whatever the store's size.
 * The record files are written after the commit; a crash between the two is repaired at open by replaying the
 * segments that a checkpoint has not yet retired. A line is `<sha-256 hex of json> <json>\n`, so a line torn by a
 * crash (or anything after it) is recognised and ignored: it was never reported committed.
 */
import { createHash } from 'node:crypto';
import { open, readdir, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { syncPath } from './durable-file.js';

export type RecordKind = 'process' | 'token' | 'mail';

/** One record's full new value: replaying it twice gives the same file, so replay is idempotent. */
export interface JournalRecord {
  kind: RecordKind;
  key: string;
  value: unknown;
}

export interface JournalEntry {
  seq: number;
  records: JournalRecord[];
}

const SEGMENT_NAME = /^(\d{12})\.log$/;

function segmentName(n: number): string {
  return `${String(n).padStart(12, '0')}.log`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The committed entries of one segment, up to the first torn or damaged line. */
function parseSegment(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    // No newline: the last write was cut short, so the transaction never committed.
    if (end < 0) break;
    const line = text.slice(start, end);
    start = end + 1;
    const json = line.slice(65);
    if (line[64] !== ' ' || sha256Hex(json) !== line.slice(0, 64)) break;
    entries.push(JSON.parse(json) as JournalEntry);
  }
  return entries;
}

export class Journal {
  #dir: string;
  #segment: number;
  #handle: FileHandle;
  #entries = 0;

  private constructor(dir: string, segment: number, handle: FileHandle) {
    this.#dir = dir;
    this.#segment = segment;
    this.#handle = handle;
  }

  /**
   * Reads the segments left by earlier runs (their committed entries, oldest first) and starts a new segment after
   * them. The old segments stay until the caller has made their records durable and calls `retire(oldSegments)`.
   */
  static async open(dir: string): Promise<{ journal: Journal; pending: JournalEntry[]; oldSegments: string[] }> {
    const names = (await readdir(dir)).filter((n) => SEGMENT_NAME.test(n)).sort();
    const pending: JournalEntry[] = [];
    for (const name of names) pending.push(...parseSegment(await readFile(join(dir, name), 'utf8')));
    const last = names.length ? Number(SEGMENT_NAME.exec(names[names.length - 1]!)![1]) : 0;
    const journal = new Journal(dir, last + 1, await Journal.#create(dir, last + 1));
    return { journal, pending, oldSegments: names.map((n) => join(dir, n)) };
  }

  static async #create(dir: string, n: number): Promise<FileHandle> {
    const handle = await open(join(dir, segmentName(n)), 'wx');
    // The new segment's name must survive a power cut before anything is committed into it.
    await syncPath(dir);
    return handle;
  }

  /** Entries appended to the current segment. */
  get size(): number {
    return this.#entries;
  }

  /** Commits one entry: returns once the line is on disk (fdatasync). */
  async append(entry: JournalEntry): Promise<void> {
    const json = JSON.stringify(entry);
    await this.#handle.write(`${sha256Hex(json)} ${json}\n`);
    await this.#handle.datasync();
    this.#entries++;
  }

  /** Closes the current segment and starts the next; returns the closed segment's path, to retire later. */
  async rotate(): Promise<string> {
    const closed = join(this.#dir, segmentName(this.#segment));
    await this.#handle.close();
    this.#segment++;
    this.#handle = await Journal.#create(this.#dir, this.#segment);
    this.#entries = 0;
    return closed;
  }

  /** Deletes segments whose records are durable in their own files. */
  async retire(segments: string[]): Promise<void> {
    for (const s of segments) await unlink(s);
    if (segments.length) await syncPath(this.#dir);
  }

  async close(): Promise<void> {
    await this.#handle.close();
  }
}
