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
  slice(offset: number, length: number): Uint8Array {
    return this.bytes.subarray(offset, offset + length);
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
    if (at + 4 > end) fail('ZIP_MALFORMED', 'an extra field is cut short', { entry: name, reason: 'extra field cut short' });
    const id = f.u16(at);
    const size = f.u16(at + 2);
    if (at + 4 + size > end) fail('ZIP_MALFORMED', 'an extra field is cut short', { entry: name, reason: 'extra field cut short' });
    if (id === EXTRA_ZIP64) fail('ZIP64_UNSUPPORTED', 'ZIP64 entries are not supported', { entry: name });
    if (id === EXTRA_UNICODE_PATH) {
      if (size < 5) fail('ZIP_MALFORMED', 'a Unicode path field is cut short', { entry: name, reason: 'Unicode path field cut short' });
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

/** Which field of the local header at `local` says something other than the central directory, or null. */
function localHeaderMismatch(
  f: Fields,
  local: number,
  central: { rawName: Uint8Array; flags: number; methodCode: number; crc: number; compressedSize: number; size: number },
): string | null {
  const localName = f.slice(local + LOCAL_HEADER_SIZE, f.u16(local + 26));
  if (localName.length !== central.rawName.length || !central.rawName.every((b, k) => b === localName[k])) return 'name';
  if (f.u16(local + 8) !== central.methodCode) return 'method';
  const meaningful = FLAG_ENCRYPTED | FLAG_DATA_DESCRIPTOR | FLAG_UTF8;
  if ((f.u16(local + 6) & meaningful) !== (central.flags & meaningful)) return 'flags';
  // With a data descriptor the local CRC and sizes may be zero: the descriptor after the data is checked instead.
  if (central.flags & FLAG_DATA_DESCRIPTOR) return null;
  if (f.u32(local + 14) !== central.crc || f.u32(local + 18) !== central.compressedSize || f.u32(local + 22) !== central.size) {
    return 'sizes or CRC';
  }
  return null;
}

/** Case- and normalisation-insensitive key: "A.txt" and "a.txt" are one file on Windows and macOS. */
function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** A ZIP archive read from bytes; `open` has checked the whole structure, `read` inflates one entry. */
export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();

  private constructor(
    private readonly bytes: Uint8Array,
    /** Entries in central directory order. */
    readonly entries: readonly ZipEntry[],
  ) {
    for (const e of entries) this.byName.set(e.name, e);
  }

  /**
   * Reads and checks the archive's structure (no entry data is inflated yet).
   * @throws ImzalaError with a ZIP_* code when the archive is not one imzala reads safely.
   */
  static open(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): ZipArchive {
    const limit: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
    if (bytes.length > limit.maxArchiveBytes) {
      fail('ZIP_TOO_LARGE', 'the archive is larger than the limit', { size: bytes.length, max: limit.maxArchiveBytes });
    }
    if (bytes.length < END_RECORD_SIZE) fail('ZIP_NOT_A_ZIP', 'too short to be a ZIP archive');
    const f = new Fields(bytes);
    const end = findEndRecord(bytes, f);
    if (end.entryCount > limit.maxEntries) {
      fail('ZIP_TOO_MANY_ENTRIES', 'the archive has too many entries', { count: end.entryCount, max: limit.maxEntries });
    }
    const centralEnd = end.centralOffset + end.centralSize;
    if (centralEnd > end.offset || end.entryCount * CENTRAL_HEADER_SIZE > end.centralSize) {
      fail('ZIP_TRUNCATED', 'the central directory does not fit in the file', { centralOffset: end.centralOffset, centralSize: end.centralSize });
    }
    // Bytes between the directory and the end record belong to no one; a reader that trusts offsets less
    // strictly might find other entries there.
    if (centralEnd !== end.offset) fail('ZIP_MALFORMED', 'data between the central directory and its end record', { reason: 'bytes between the central directory and its end' });

    const entries: ZipEntry[] = [];
    const spans: Span[] = [];
    const seen = new Map<string, string>();
    let declaredTotal = 0;
    let at = end.centralOffset;
    for (let i = 0; i < end.entryCount; i++) {
      if (!f.has(at, CENTRAL_HEADER_SIZE) || at + CENTRAL_HEADER_SIZE > centralEnd) {
        fail('ZIP_TRUNCATED', 'the central directory is cut short', { entryIndex: i });
      }
      if (f.u32(at) !== SIG_CENTRAL) fail('ZIP_MALFORMED', 'a central directory header is damaged', { entryIndex: i, reason: 'bad central directory header' });
      const flags = f.u16(at + 8);
      const methodCode = f.u16(at + 10);
      const crc = f.u32(at + 16);
      const compressedSize = f.u32(at + 20);
      const size = f.u32(at + 24);
      const nameLength = f.u16(at + 28);
      const extraLength = f.u16(at + 30);
      const commentLength = f.u16(at + 32);
      const diskStart = f.u16(at + 34);
      const localHeaderOffset = f.u32(at + 42);
      const headerEnd = at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
      if (headerEnd > centralEnd) fail('ZIP_TRUNCATED', 'the central directory is cut short', { entryIndex: i });
      const rawName = f.slice(at + CENTRAL_HEADER_SIZE, nameLength);
      const name = decodeName(rawName, flags, limit.maxEntryNameBytes);
      const unsafe = unsafeNameReason(name);
      if (unsafe) fail('ZIP_UNSAFE_ENTRY_NAME', 'an entry name points outside the container or is ambiguous', { entry: name, reason: unsafe });
      if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) {
        fail('ZIP64_UNSUPPORTED', 'ZIP64 entries are not supported', { entry: name });
      }
      checkExtraField(f, at + CENTRAL_HEADER_SIZE + nameLength, extraLength, name);
      if (diskStart !== 0) fail('ZIP_MULTI_DISK_UNSUPPORTED', 'archives split over several disks are not supported');
      if (flags & FLAG_ENCRYPTED) fail('ZIP_ENCRYPTED_UNSUPPORTED', 'encrypted entries are not supported', { entry: name });
      if (methodCode !== 0 && methodCode !== 8) {
        fail('ZIP_COMPRESSION_UNSUPPORTED', 'an entry uses an unsupported compression method', { entry: name, method: methodCode });
      }
      const method: ZipMethod = methodCode === 0 ? 'stored' : 'deflate';
      if (method === 'stored' && compressedSize !== size) {
        fail('ZIP_MALFORMED', 'a stored entry has two different sizes', { entry: name, reason: 'stored entry with two sizes' });
      }
      const key = collisionKey(name);
      const earlier = seen.get(key);
      if (earlier !== undefined) fail('ZIP_DUPLICATE_ENTRY', 'two entries have the same name', { entry: name, other: earlier });
      seen.set(key, name);
      declaredTotal += size;
      if (declaredTotal > limit.maxUncompressedTotal) {
        fail('ZIP_UNCOMPRESSED_TOO_LARGE', 'the entries would expand beyond the limit', { max: limit.maxUncompressedTotal });
      }

      // The local header must describe the same entry: readers that walk local headers must see what we see.
      const local = localHeaderOffset;
      if (!f.has(local, LOCAL_HEADER_SIZE) || local + LOCAL_HEADER_SIZE > end.centralOffset) {
        fail('ZIP_TRUNCATED', 'an entry lies outside the file', { entry: name });
      }
      if (f.u32(local) !== SIG_LOCAL) fail('ZIP_LOCAL_HEADER_MISMATCH', 'an entry has no local header where the directory says', { entry: name });
      const localNameLength = f.u16(local + 26);
      const localExtraLength = f.u16(local + 28);
      const dataOffset = local + LOCAL_HEADER_SIZE + localNameLength + localExtraLength;
      if (dataOffset > end.centralOffset) fail('ZIP_TRUNCATED', 'an entry lies outside the file', { entry: name });
      // ZIP64 first: its local sizes are 0xFFFFFFFF placeholders that would otherwise look like a mismatch.
      checkExtraField(f, local + LOCAL_HEADER_SIZE + localNameLength, localExtraLength, name);
      const mismatch = localHeaderMismatch(f, local, { rawName, flags, methodCode, crc, compressedSize, size });
      if (mismatch) fail('ZIP_LOCAL_HEADER_MISMATCH', 'the local header disagrees with the central directory', { entry: name, field: mismatch });
      let dataEnd = dataOffset + compressedSize;
      if (dataEnd > end.centralOffset) fail('ZIP_TRUNCATED', 'an entry lies outside the file', { entry: name });
      if (flags & FLAG_DATA_DESCRIPTOR) dataEnd = checkDataDescriptor(f, dataEnd, end.centralOffset, { name, crc, compressedSize, size });

      entries.push({
        name,
        method,
        compressedSize,
        size,
        crc32: crc,
        isDirectory: isDirectoryName(name),
        localHeaderOffset: local,
        dataOffset,
        localExtraLength,
      });
      spans.push({ start: local, end: dataEnd, name });
      at = headerEnd;
    }
    if (at !== centralEnd) fail('ZIP_MALFORMED', 'the central directory holds more than its entries', { reason: 'trailing directory bytes' });
    checkNoOverlap(spans);
    return new ZipArchive(bytes, entries);
  }

  /** The entry with exactly this name. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** An entry's bytes when they are stored uncompressed (CRC checked), without waiting: for small fixed entries. */
  readStored(entry: ZipEntry): Uint8Array {
    if (entry.method !== 'stored') fail('ZIP_MALFORMED', 'the entry is compressed', { entry: entry.name, reason: 'not stored' });
    return checkCrc(entry, this.bytes.subarray(entry.dataOffset, entry.dataOffset + entry.size));
  }

  /**
   * An entry's bytes, inflated to at most its declared size and checked against its CRC-32.
   * @throws ImzalaError ZIP_ENTRY_SIZE_MISMATCH / ZIP_ENTRY_CORRUPT / ZIP_CRC_MISMATCH
   */
  async read(entry: ZipEntry): Promise<Uint8Array> {
    if (entry.method === 'stored') return this.readStored(entry);
    const data = this.bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    const out = await inflateRawCapped(data, entry.size);
    if (!out.ok && out.reason === 'too-large') {
      fail('ZIP_ENTRY_SIZE_MISMATCH', 'an entry expands beyond its declared size', { entry: entry.name, declared: entry.size });
    }
    if (!out.ok) fail('ZIP_ENTRY_CORRUPT', 'the compressed data of an entry is damaged', { entry: entry.name });
    if (out.bytes.length !== entry.size) {
      fail('ZIP_ENTRY_SIZE_MISMATCH', 'an entry is shorter than its declared size', { entry: entry.name, declared: entry.size, actual: out.bytes.length });
    }
    return checkCrc(entry, out.bytes);
  }
}

interface Span {
  start: number;
  end: number;
  name: string;
}

/** Every byte belongs to at most one entry: shared data is how the overlapping-file zip bomb multiplies its size. */
function checkNoOverlap(list: Span[]): void {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) {
      fail('ZIP_OVERLAPPING_ENTRIES', 'two entries share bytes', { entry: sorted[i]!.name, other: sorted[i - 1]!.name });
    }
  }
}

/** The data descriptor after an entry's data (APPNOTE 4.3.9), optional signature first; returns where it ends. */
function checkDataDescriptor(
  f: Fields,
  at: number,
  limit: number,
  expected: { name: string; crc: number; compressedSize: number; size: number },
): number {
  const signed = f.has(at, 4) && f.u32(at) === SIG_DATA_DESCRIPTOR;
  const fields = signed ? at + 4 : at;
  if (fields + 12 > limit) fail('ZIP_TRUNCATED', 'a data descriptor lies outside the file', { entry: expected.name });
  if (f.u32(fields) !== expected.crc || f.u32(fields + 4) !== expected.compressedSize || f.u32(fields + 8) !== expected.size) {
    fail('ZIP_LOCAL_HEADER_MISMATCH', 'the data descriptor disagrees with the central directory', { entry: expected.name, field: 'data descriptor' });
  }
  return fields + 12;
}

function checkCrc(entry: ZipEntry, bytes: Uint8Array): Uint8Array {
  if (crc32(bytes) !== entry.crc32) fail('ZIP_CRC_MISMATCH', 'an entry does not match its CRC-32', { entry: entry.name });
  return bytes;
}
