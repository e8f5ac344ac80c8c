/**
 * The ZIP reader and writer against Info-ZIP (`zip`, `zipinfo`, `unzip`) and python's zipfile, and the reader
 * against hostile archives: each one ends in its code, quickly, without inflating what it should not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isImzalaError } from '../errors.js';
import { utf8Bytes, utf8String } from '../encoding/bytes.js';
import { craftZip, type CraftedEntry } from '../../test/fixtures/zip/craft-zip.js';
import { crc32 } from './crc32.js';
import { deflateRaw } from './inflate-raw.js';
import { ZipArchive, type ZipLimits } from './read-zip.js';
import { writeZip } from './write-zip.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imzala-zip-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[], input?: string) {
  const r = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

function python(script: string): string {
  return run('python3', ['-c', script]);
}

/** The code an archive is refused with when opened and every entry read, and how long it took. */
async function refusal(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Promise<{ code: string | null; ms: number }> {
  const start = performance.now();
  try {
    const archive = ZipArchive.open(bytes, limits);
    for (const e of archive.entries) await archive.read(e);
    return { code: null, ms: performance.now() - start };
  } catch (e) {
    if (!isImzalaError(e)) throw e;
    return { code: e.code, ms: performance.now() - start };
  }
}

const text = utf8Bytes('TEST müqavilə: 1000 AZN\n'.repeat(200));

describe('crc32', () => {
  it('matches the check value of the ISO 3309 polynomial and python zlib.crc32', () => {
    expect(crc32(utf8Bytes('123456789'))).toBe(0xcbf43926);
    writeFileSync(join(dir, 'crc.bin'), text);
    expect(crc32(text)).toBe(Number(python(`import zlib;print(zlib.crc32(open('crc.bin','rb').read()))`).trim()));
  });
});

describe('writer and reader', () => {
  const entries = [
    { name: 'mimetype', bytes: utf8Bytes('application/vnd.etsi.asic-e+zip'), method: 'stored' as const },
    { name: 'müqavilə 1.txt', bytes: text, method: 'deflate' as const },
    { name: 'empty.txt', bytes: new Uint8Array(0), method: 'deflate' as const },
    { name: 'annex/', bytes: new Uint8Array(0), method: 'stored' as const },
    { name: 'annex/random.bin', bytes: crypto.getRandomValues(new Uint8Array(5000)), method: 'deflate' as const },
  ];

  it('round-trips stored, deflated, empty, UTF-8 named and incompressible entries', async () => {
    const zip = await writeZip(entries);
    const archive = ZipArchive.open(zip);
    expect(archive.entries.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(await archive.read(archive.entry(e.name)!)).toEqual(e.bytes);
    expect(archive.entry('müqavilə 1.txt')!.method).toBe('deflate');
    // Random bytes do not compress: stored rather than made larger.
    expect(archive.entry('annex/random.bin')!.method).toBe('stored');
    expect(archive.entry('annex/')!.isDirectory).toBe(true);
  });

  it('writes archives Info-ZIP and python read the same way: mimetype first and stored, CRCs right', async () => {
    writeFileSync(join(dir, 'ours.zip'), await writeZip(entries));
    const listing = run('zipinfo', ['ours.zip']).split('\n').filter((l) => /^[-d]/.test(l));
    expect(listing[0]).toMatch(/ stor .* mimetype$/);
    expect(listing[1]).toMatch(/ defN .* müqavilə 1\.txt$/);
    expect(run('unzip', ['-t', 'ours.zip'])).toContain('No errors detected');
    const py = JSON.parse(python(`import zipfile,json
z=zipfile.ZipFile('ours.zip')
print(json.dumps({'bad': z.testzip(), 'names': z.namelist(), 'first': [z.infolist()[0].filename, z.infolist()[0].compress_type, len(z.infolist()[0].extra)], 'text': z.read('müqavilə 1.txt').decode()}))`));
    expect(py.bad).toBeNull();
    expect(py.names).toEqual(entries.map((e) => e.name));
    expect(py.first).toEqual(['mimetype', 0, 0]);
    expect(py.text).toBe(utf8String(text));
  });

  it('reads archives made by Info-ZIP (incl. streamed with data descriptors) and by python', async () => {
    writeFileSync(join(dir, 'a.txt'), text);
    writeFileSync(join(dir, 'b.txt'), 'TEST ikinci fayl\n');
    run('zip', ['-q', '-X', 'info.zip', 'a.txt', 'b.txt']);
    // `zip - -` writes to a pipe: no seeking back, so sizes and CRC follow the data in a data descriptor.
    const streamed = spawnSync('zip', ['-q', '-', 'a.txt'], { cwd: dir });
    expect(streamed.status).toBe(0);
    python(`import zipfile
with zipfile.ZipFile('py.zip','w',zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.etsi.asic-s+zip', compress_type=zipfile.ZIP_STORED)
    z.write('a.txt', 'dir/ə.txt')`);
    const info = ZipArchive.open(readFileSync(join(dir, 'info.zip')));
    expect(await info.read(info.entry('a.txt')!)).toEqual(text);
    expect(utf8String(await info.read(info.entry('b.txt')!))).toBe('TEST ikinci fayl\n');
    const pipe = ZipArchive.open(new Uint8Array(streamed.stdout));
    expect(await pipe.read(pipe.entry('a.txt')!)).toEqual(text);
    const py = ZipArchive.open(readFileSync(join(dir, 'py.zip')));
    expect(await py.read(py.entry('dir/ə.txt')!)).toEqual(text);
  });

  it('refuses to write names its own reader would refuse', async () => {
    for (const name of ['../x', '/etc/passwd', 'a\\b', 'C:/x', 'a//b', 'a/./b']) {
      const err = await writeZip([{ name, bytes: text, method: 'stored' }]).catch((e) => e);
      expect(isImzalaError(err) && err.code, name).toBe('ZIP_UNSAFE_ENTRY_NAME');
    }
    const dup = await writeZip([{ name: 'A.txt', bytes: text, method: 'stored' }, { name: 'a.txt', bytes: text, method: 'stored' }]).catch((e) => e);
    expect(isImzalaError(dup) && dup.code).toBe('ZIP_DUPLICATE_ENTRY');
  });
});

describe('hostile archives end in a code, quickly', () => {
  const plain: CraftedEntry = { name: 'a.txt', data: text };

  it('a crafted baseline is read (so the cases below fail for their one lie)', async () => {
    expect(await refusal(craftZip([plain, { name: 'b.txt', data: text }]))).toMatchObject({ code: null });
  });

  it('zip bomb: an entry that inflates past its declared size is cut off at that size', async () => {
    const zeros = new Uint8Array(64 * 1024 * 1024);
    const bomb = await deflateRaw(zeros);
    const r = await refusal(craftZip([{ name: 'bomb.bin', data: bomb, method: 8, size: 1024 * 1024, crc: 0 }]));
    expect(r.code).toBe('ZIP_ENTRY_SIZE_MISMATCH');
    expect(r.ms).toBeLessThan(2000);
  });

  it('zip bomb: declared sizes over the total limit are refused before anything is inflated', async () => {
    const big = await deflateRaw(new Uint8Array(4 * 1024 * 1024));
    const entries = Array.from({ length: 5 }, (_, i): CraftedEntry => ({ name: `z${i}`, data: big, method: 8, size: 4 * 1024 * 1024, crc: 0 }));
    const r = await refusal(craftZip(entries), { maxUncompressedTotal: 16 * 1024 * 1024 });
    expect(r.code).toBe('ZIP_UNCOMPRESSED_TOO_LARGE');
    expect(r.ms).toBeLessThan(100);
  });

  it('overlapping entries (the overlapping-file bomb: one entry lies inside another)', async () => {
    // "outer" stores bytes that are themselves a whole local header and data for "inner".
    const inner: CraftedEntry = { name: 'inner.txt', data: text };
    const innerBytes = craftZip([inner]).subarray(0, 30 + 'inner.txt'.length + text.length);
    const outer: CraftedEntry = { name: 'outer.txt', data: innerBytes };
    const zip = craftZip([outer]);
    // Add a central record for "inner" pointing inside outer's data.
    const head = 30 + 'outer.txt'.length;
    const withInner = craftZipWithExtraCentral(zip, inner, head);
    expect((await refusal(withInner)).code).toBe('ZIP_OVERLAPPING_ENTRIES');
    // Two central records for one local header: the same bytes counted twice.
    expect((await refusal(craftZip([plain], { centralFor: [0, 0] }))).code).toBe('ZIP_DUPLICATE_ENTRY');
  });

  it('huge entry counts and a central directory that cannot hold them', async () => {
    const r = await refusal(craftZip([plain], { entryCount: 60000 }));
    expect(r.code).toBe('ZIP_TOO_MANY_ENTRIES');
    expect((await refusal(craftZip([plain], { entryCount: 5000 }))).code).toBe('ZIP_TRUNCATED');
    expect(r.ms).toBeLessThan(100);
  });

  it('traversal and ambiguous names, from crafted bytes and from python zipfile', async () => {
    for (const name of ['../evil.txt', 'a/../../evil.txt', '/etc/passwd', 'a\\..\\evil.txt', 'C:/evil.txt', 'a//b', 'nul\u0000.txt']) {
      expect((await refusal(craftZip([{ name, data: text }]))).code, name).toBe('ZIP_UNSAFE_ENTRY_NAME');
    }
    python(`import zipfile
with zipfile.ZipFile('evil.zip','w') as z:
    z.writestr(zipfile.ZipInfo('../../evil.sh'), 'rm -rf ~')`);
    expect((await refusal(readFileSync(join(dir, 'evil.zip')))).code).toBe('ZIP_UNSAFE_ENTRY_NAME');
    // Non-ASCII bytes without the UTF-8 flag mean different names to different readers.
    expect((await refusal(craftZip([{ name: new Uint8Array([0x61, 0xe7, 0x2e, 0x74]), data: text }]))).code).toBe('ZIP_ENTRY_NAME_ENCODING');
  });

  it('duplicate names, also differing only in case', async () => {
    expect((await refusal(craftZip([plain, { name: 'A.TXT', data: text }]))).code).toBe('ZIP_DUPLICATE_ENTRY');
  });

  it('truncated central directory, cut file, bytes after the end record', async () => {
    const good = craftZip([plain, { name: 'b.txt', data: text }]);
    // The end record survives but the directory it points to runs into it.
    const cut = new Uint8Array([...good.subarray(0, good.length - 22 - 30), ...good.subarray(good.length - 22)]);
    expect((await refusal(cut)).code).toBe('ZIP_TRUNCATED');
    expect((await refusal(good.subarray(0, good.length - 10))).code).toBe('ZIP_NOT_A_ZIP');
    expect((await refusal(good.subarray(0, 100))).code).toBe('ZIP_NOT_A_ZIP');
    expect((await refusal(new Uint8Array([...good, 0x00]))).code).toBe('ZIP_NOT_A_ZIP');
  });

  it('a second end record hidden in the comment is refused as ambiguous', async () => {
    const fake = craftZip([plain]).subarray(-22);
    const zip = craftZip([plain], { comment: fake });
    expect((await refusal(zip)).code).toBe('ZIP_MALFORMED');
  });

  it('local header that disagrees with the central directory (name, sizes)', async () => {
    expect((await refusal(craftZip([{ ...plain, localName: 'b.txt' }]))).code).toBe('ZIP_LOCAL_HEADER_MISMATCH');
    const zip = craftZip([plain]);
    zip[18] ^= 0x01; // local compressed size
    expect((await refusal(zip)).code).toBe('ZIP_LOCAL_HEADER_MISMATCH');
  });

  it('changed data -> CRC mismatch; damaged deflate -> corrupt', async () => {
    const zip = craftZip([plain]);
    zip[30 + 5 + 10] ^= 0x20;
    expect((await refusal(zip)).code).toBe('ZIP_CRC_MISMATCH');
    const deflated = await deflateRaw(text);
    const broken = deflated.slice();
    broken.fill(0xff, 2, 40);
    expect((await refusal(craftZip([{ name: 'a.txt', data: broken, method: 8, size: text.length, crc: crc32(text) }]))).code).toMatch(
      /^ZIP_(ENTRY_CORRUPT|ENTRY_SIZE_MISMATCH)$/,
    );
  });

  it('ZIP64, encryption and other compression methods from the real tools', async () => {
    python(`import zipfile
with zipfile.ZipFile('z64.zip','w') as z:
    with z.open('a.txt','w',force_zip64=True) as f: f.write(b'TEST')`);
    expect((await refusal(readFileSync(join(dir, 'z64.zip')))).code).toBe('ZIP64_UNSUPPORTED');
    writeFileSync(join(dir, 'a.txt'), text);
    run('zip', ['-q', '-P', 'secret', 'enc.zip', 'a.txt']);
    expect((await refusal(readFileSync(join(dir, 'enc.zip')))).code).toBe('ZIP_ENCRYPTED_UNSUPPORTED');
    run('zip', ['-q', '-Z', 'bzip2', 'bz.zip', 'a.txt']);
    expect((await refusal(readFileSync(join(dir, 'bz.zip')))).code).toBe('ZIP_COMPRESSION_UNSUPPORTED');
  });

  it('over the archive size limit', async () => {
    expect((await refusal(craftZip([plain]), { maxArchiveBytes: 1000 })).code).toBe('ZIP_TOO_LARGE');
  });

  it('seeded mutations of a real archive: every one is read or refused with a ZIP code, none crashes or hangs', async () => {
    const base = await writeZip([
      { name: 'mimetype', bytes: utf8Bytes('application/vnd.etsi.asic-e+zip'), method: 'stored' },
      { name: 'a.txt', bytes: text, method: 'deflate' },
      { name: 'META-INF/signature001.p7s', bytes: text.subarray(0, 300), method: 'deflate' },
    ]);
    let seed = 20261123;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    const start = performance.now();
    const codes = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const m = base.slice();
      for (let k = 0, n = 1 + (next() % 4); k < n; k++) m[next() % m.length] = next() & 0xff;
      const r = await refusal(m);
      codes.add(r.code ?? 'read');
      expect(r.code === null || r.code.startsWith('ZIP')).toBe(true);
    }
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(codes.size).toBeGreaterThan(3);
  });
});

/** Appends a central record for `entry` at `offset` to an archive with one entry. */
function craftZipWithExtraCentral(zip: Uint8Array, entry: CraftedEntry, offset: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const endAt = zip.length - 22;
  const centralOffset = view.getUint32(endAt + 16, true);
  const centralSize = view.getUint32(endAt + 12, true);
  const extra = craftZip([entry]);
  const extraCentral = extra.subarray(extra.length - 22 - (46 + 'inner.txt'.length), extra.length - 22).slice();
  new DataView(extraCentral.buffer).setUint32(42, offset, true);
  const out = new Uint8Array([...zip.subarray(0, centralOffset + centralSize), ...extraCentral, ...zip.subarray(endAt)]);
  const endView = new DataView(out.buffer, out.length - 22);
  endView.setUint16(8, 2, true);
  endView.setUint16(10, 2, true);
  endView.setUint32(12, centralSize + extraCentral.length, true);
  return out;
}
