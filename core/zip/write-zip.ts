/**
 * A small ZIP writer (APPNOTE 6.3.x, no ZIP64): entries are written in the order given, each stored or deflated
 * (via CompressionStream), with CRC-32 and sizes in the local header (no data descriptors), so any reader,
 * streaming or not, sees the same archive. ASiC needs `mimetype` first and stored: the caller orders entries.
 */
import { concatBytes, utf8Bytes } from '../encoding/bytes.js';
import { ImzalaError } from '../errors.js';
import { crc32 } from './crc32.js';
import { deflateRaw } from './inflate-raw.js';
import { DEFAULT_ZIP_LIMITS, type ZipMethod } from './read-zip.js';
import { MAX_ENTRY_NAME_BYTES, unsafeNameReason } from './zip-names.js';

export interface ZipEntryToWrite {
  name: string;
  bytes: Uint8Array;
  /** 'deflate' falls back to stored when compression would not make the entry smaller. */
  method: ZipMethod;
}

export interface ZipWriteOptions {
  /** Modification time written for every entry (DOS time, local fields read as UTC); default 1980-01-01. */
  modified?: Date;
}

const FLAG_UTF8 = 0x0800;
/** 2.0: deflate and directories (APPNOTE 4.4.3.2). */
const VERSION_NEEDED = 20;
/** Made by: UNIX (3) << 8 | 2.0, so that unzip restores ordinary permissions from the external attributes. */
const VERSION_MADE_BY = (3 << 8) | 20;
/** -rw-r--r-- regular file, in the high 16 bits as UNIX writers store it. */
const EXTERNAL_FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

class LittleEndian {
  private readonly out: Uint8Array;
  private readonly view: DataView;
  private at = 0;
  constructor(size: number) {
    this.out = new Uint8Array(size);
    this.view = new DataView(this.out.buffer);
  }
  u16(v: number): this {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
    return this;
  }
  u32(v: number): this {
    this.view.setUint32(this.at, v >>> 0, true);
    this.at += 4;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.out.set(b, this.at);
    this.at += b.length;
    return this;
  }
  done(): Uint8Array {
    return this.out;
  }
}

/**
 * Writes a ZIP archive.
 * @throws ImzalaError ZIP_UNSAFE_ENTRY_NAME / ZIP_ENTRY_NAME_TOO_LONG / ZIP_DUPLICATE_ENTRY / ZIP_TOO_LARGE for what
 * imzala's own reader would refuse, so imzala never writes a container it cannot read back.
 */
export async function writeZip(entries: readonly ZipEntryToWrite[], options: ZipWriteOptions = {}): Promise<Uint8Array> {
  const stamp = dosDateTime(options.modified ?? new Date(Date.UTC(1980, 0, 1)));
  const names = new Set<string>();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const unsafe = unsafeNameReason(entry.name);
    if (unsafe) throw new ImzalaError('ZIP_UNSAFE_ENTRY_NAME', 'an entry name is not a plain relative path', { entry: entry.name, reason: unsafe });
    const key = entry.name.normalize('NFC').toLowerCase();
    if (names.has(key)) throw new ImzalaError('ZIP_DUPLICATE_ENTRY', 'two entries have the same name', { entry: entry.name });
    names.add(key);
    const name = utf8Bytes(entry.name);
    if (name.length > MAX_ENTRY_NAME_BYTES) {
      throw new ImzalaError('ZIP_ENTRY_NAME_TOO_LONG', 'an entry name is too long', { length: name.length, max: MAX_ENTRY_NAME_BYTES });
    }
    const flags = name.some((b) => b >= 0x80) ? FLAG_UTF8 : 0;
    const crc = crc32(entry.bytes);
    let data = entry.bytes;
    let method = 0;
    if (entry.method === 'deflate' && entry.bytes.length > 0) {
      const deflated = await deflateRaw(entry.bytes);
      if (deflated.length < entry.bytes.length) {
        data = deflated;
        method = 8;
      }
    }
    const local = new LittleEndian(30 + name.length)
      .u32(0x04034b50).u16(VERSION_NEEDED).u16(flags).u16(method).u16(stamp.time).u16(stamp.date)
      .u32(crc).u32(data.length).u32(entry.bytes.length).u16(name.length).u16(0)
      .bytes(name)
      .done();
    const central = new LittleEndian(46 + name.length)
      .u32(0x02014b50).u16(VERSION_MADE_BY).u16(VERSION_NEEDED).u16(flags).u16(method).u16(stamp.time).u16(stamp.date)
      .u32(crc).u32(data.length).u32(entry.bytes.length).u16(name.length).u16(0).u16(0)
      .u16(0).u16(0).u32(entry.name.endsWith('/') ? ((0o40755 << 16) >>> 0) | 0x10 : EXTERNAL_FILE_ATTRIBUTES).u32(offset)
      .bytes(name)
      .done();
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const centralDirectory = concatBytes(...centrals);
  if (entries.length > 0xfffe || offset + centralDirectory.length + 22 > DEFAULT_ZIP_LIMITS.maxArchiveBytes) {
    throw new ImzalaError('ZIP_TOO_LARGE', 'the archive would be larger than the limit', { max: DEFAULT_ZIP_LIMITS.maxArchiveBytes });
  }
  const end = new LittleEndian(22)
    .u32(0x06054b50).u16(0).u16(0).u16(entries.length).u16(entries.length)
    .u32(centralDirectory.length).u32(offset).u16(0)
    .done();
  return concatBytes(...locals, centralDirectory, end);
}
