/**
 * A bounded ZIP reader (PKWARE APPNOTE 6.3.x) for containers a stranger sends: everything is read from the
 * central directory and cross-checked against each local header, so a file cannot show one list of entries to
 * imzala and another to an unzip tool. Refused with a code: ZIP64, multi-disk and encrypted archives,
 * methods other than stored and deflate, unsafe or ambiguous names, duplicate names, entries that overlap each
 * other or the central directory (the overlapping-file zip bomb), counts and sizes over the limits. Entry data
 * is inflated only on request, held to its declared size and checked against its CRC-32.
 */
import { utf8String } from '../encoding/bytes.js';
import { ImzalaError } from '../errors.js';
import { crc32 } from './crc32.js';
import { inflateRawCapped } from './inflate-raw.js';
import { isDirectoryName, MAX_ENTRY_NAME_BYTES, unsafeNameReason } from './zip-names.js';

export interface ZipLimits {
  /** Largest archive accepted, in bytes. */
  maxArchiveBytes: number;
  /** Most entries accepted. */
  maxEntries: number;
  /** Largest sum of the entries' declared uncompressed sizes. */
  maxUncompressedTotal: number;
  /** Longest entry name, in bytes. */
  maxEntryNameBytes: number;
}

export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxArchiveBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxUncompressedTotal: 256 * 1024 * 1024,
  maxEntryNameBytes: MAX_ENTRY_NAME_BYTES,
};

export type ZipMethod = 'stored' | 'deflate';

/** One entry as the central directory describes it, after the local header agreed. */
export interface ZipEntry {
  name: string;
  method: ZipMethod;
  compressedSize: number;
  size: number;
  crc32: number;
  isDirectory: boolean;
  localHeaderOffset: number;
  /** Offset of the entry's (compressed) data in the archive. */
  dataOffset: number;
  /** Length of the local header's extra field (ASiC wants none on `mimetype`). */
  localExtraLength: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DATA_DESCRIPTOR = 0x08074b50;
const END_RECORD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const EXTRA_ZIP64 = 0x0001;
const EXTRA_UNICODE_PATH = 0x7075;

function fail(code: string, message: string, details: Record<string, unknown> = {}): never {
  throw new ImzalaError(code, message, details);
}

/** Little-endian field reads with the bounds checked against the archive. */
class Fields {
  constructor(private readonly bytes: Uint8Array) {}
  has(offset: number, length: number): boolean {
    return offset >= 0 && length >= 0 && offset + length <= this.bytes.length;
  }
  u16(offset: number): number {
    return this.bytes[offset]! | (this.bytes[offset + 1]! << 8);
  }
  u32(offset: number): number {
    return (this.bytes[offset]! | (this.bytes[offset + 1]! << 8) | (this.bytes[offset + 2]! << 16) | (this.bytes[offset + 3]! << 24)) >>> 0;
  }
}

interface EndRecord {
  offset: number;
  entryCount: number;
  centralOffset: number;
  centralSize: number;
}

/** Finds the one end-of-central-directory record whose comment runs exactly to the end of the file. */
function findEndRecord(bytes: Uint8Array, f: Fields): EndRecord {
  const lowest = Math.max(0, bytes.length - END_RECORD_SIZE - 0xffff);
  const found: number[] = [];
  for (let at = bytes.length - END_RECORD_SIZE; at >= lowest; at--) {
    if (f.u32(at) === SIG_END && f.u16(at + 20) === bytes.length - at - END_RECORD_SIZE) found.push(at);
  }
  if (found.length === 0) fail('ZIP_NOT_A_ZIP', 'no end of central directory record');
  // Two records that both fit mean two parsers may see two archives (a record hidden in the comment).
  if (found.length > 1) fail('ZIP_MALFORMED', 'ambiguous end of central directory', { reason: 'several end records' });
  const at = found[0]!;
  if (at >= 20 && f.u32(at - 20) === SIG_ZIP64_LOCATOR) fail('ZIP64_UNSUPPORTED', 'ZIP64 archives are not supported');
  const disk = f.u16(at + 4);
  const centralDisk = f.u16(at + 6);
  const onDisk = f.u16(at + 8);
  const entryCount = f.u16(at + 10);
  const centralSize = f.u32(at + 12);
  const centralOffset = f.u32(at + 16);
  if (entryCount === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) {
    fail('ZIP64_UNSUPPORTED', 'ZIP64 archives are not supported');
  }
  if (disk !== 0 || centralDisk !== 0 || onDisk !== entryCount) {
    fail('ZIP_MULTI_DISK_UNSUPPORTED', 'archives split over several disks are not supported');
  }
  return { offset: at, entryCount, centralOffset, centralSize };
}

function decodeName(raw: Uint8Array, flags: number, maxBytes: number): string {
  if (raw.length > maxBytes) fail('ZIP_ENTRY_NAME_TOO_LONG', 'an entry name is too long', { length: raw.length, max: maxBytes });
  if (flags & FLAG_UTF8) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      fail('ZIP_ENTRY_NAME_ENCODING', 'an entry name is not valid UTF-8');
    }
  }
  // Without the UTF-8 flag the bytes are CP437 by the specification but the local code page in practice: only
  // ASCII means the same thing to every reader.
  for (const b of raw) if (b >= 0x80) fail('ZIP_ENTRY_NAME_ENCODING', 'an entry name is neither ASCII nor marked UTF-8');
  return utf8String(raw);
}

/** Walks an extra field; ZIP64 is refused, and an Info-ZIP Unicode path must say the same name. */
function checkExtraField(f: Fields, start: number, length: number, name: string): void {
  let at = start;
  const end = start + length;
  while (at < end) {
    if (at + 4 > end) fail('ZIP_MALFORMED', 'an extra field is cut short', { entry: name });
    const id = f.u16(at);
    const size = f.u16(at + 2);
    if (at + 4 + size > end) fail('ZIP_MALFORMED', 'an extra field is cut short', { entry: name });
    if (id === EXTRA_ZIP64) fail('ZIP64_UNSUPPORTED', 'ZIP64 entries are not supported', { entry: name });
    if (id === EXTRA_UNICODE_PATH) {
      const unicode = size > 5 ? new Uint8Array(0) : null;
      void unicode;
      if (size < 5) fail('ZIP_MALFORMED', 'a Unicode path field is cut short', { entry: name });
      let other: string;
      try {
        other = new TextDecoder('utf-8', { fatal: true }).decode(f.slice(at + 9, size - 5));
      } catch {
        fail('ZIP_ENTRY_NAME_ENCODING', 'a Unicode path field is not valid UTF-8', { entry: name });
      }
      if (other !== name) fail('ZIP_ENTRY_NAME_AMBIGUOUS', 'an entry carries two different names', { entry: name, other });
    }
    at += 4 + size;
  }
}

declare module './read-zip.js' {
  interface Fields {
    slice(offset: number, length: number): Uint8Array;
  }
}
