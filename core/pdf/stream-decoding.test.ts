import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zeroBomb } from '../../test/fixtures/pdf/zip-bomb.js';
import { ImzalaError } from '../errors.js';
import { inflateCapped } from './inflate.js';
import { PdfDict } from './objects.js';
import { undoPredictor } from './predictors.js';
import { decodeStreamData } from './stream-filters.js';

/** PNG-encodes rows with one filter type, the way a writer would. */
function pngEncode(rows: number[][], filter: number, bpp: number): Uint8Array {
  const out: number[] = [];
  let prev = new Array(rows[0]!.length).fill(0);
  for (const row of rows) {
    out.push(filter);
    row.forEach((v, i) => {
      const left = i >= bpp ? row[i - bpp]! : 0;
      const up = prev[i]!;
      const upLeft = i >= bpp ? prev[i - bpp]! : 0;
      let pred = 0;
      if (filter === 1) pred = left;
      if (filter === 2) pred = up;
      if (filter === 3) pred = (left + up) >> 1;
      if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        pred = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      out.push((v - pred + 256) & 255);
    });
    prev = row;
  }
  return Uint8Array.from(out);
}

describe('stream decoding', () => {
  const rows = [
    [1, 0, 0, 15, 0, 0],
    [1, 0, 2, 40, 0, 0],
    [2, 0, 0, 7, 0, 3],
    [1, 255, 250, 1, 0, 1],
  ];

  it('undoes every PNG predictor filter type', () => {
    for (const filter of [0, 1, 2, 3, 4]) {
      const encoded = pngEncode(rows, filter, 1);
      const decoded = undoPredictor(encoded, { predictor: 12, colors: 1, bitsPerComponent: 8, columns: 6 });
      expect(Array.from(decoded), `filter ${filter}`).toEqual(rows.flat());
    }
    // Multi-byte pixels: "left" is one pixel back, not one byte.
    const encoded = pngEncode(rows, 4, 3);
    expect(Array.from(undoPredictor(encoded, { predictor: 15, colors: 3, bitsPerComponent: 8, columns: 2 }))).toEqual(rows.flat());
  });

  it('undoes the TIFF predictor for 8-bit samples', () => {
    const decoded = undoPredictor(Uint8Array.from([10, 1, 1, 20, 2, 254]), { predictor: 2, colors: 1, bitsPerComponent: 8, columns: 3 });
    expect(Array.from(decoded)).toEqual([10, 11, 12, 20, 22, 20]);
  });

  it('rejects an unknown PNG filter byte', () => {
    expect(() => undoPredictor(Uint8Array.from([9, 1, 2]), { predictor: 12, colors: 1, bitsPerComponent: 8, columns: 2 })).toThrow(ImzalaError);
  });

  it('inflates Flate data with a predictor, as in a cross-reference stream', async () => {
    const raw = new Uint8Array(deflateSync(pngEncode(rows, 2, 1)));
    const parms = new PdfDict();
    parms.set('Predictor', 12);
    parms.set('Columns', 6);
    const decoded = await decodeStreamData(raw, ['FlateDecode'], [parms], 1 << 20);
    expect(decoded.complete).toBe(true);
    expect(Array.from(decoded.bytes)).toEqual(rows.flat());
  });

  it('decodes ASCIIHex then Flate in a filter chain', async () => {
    const hex = Buffer.from(deflateSync(Buffer.from('hello pdf'))).toString('hex').toUpperCase().replace(/(..)/g, '$1 ') + '>';
    const decoded = await decodeStreamData(new TextEncoder().encode(hex), ['AHx', 'Fl'], [null, null], 1 << 20);
    expect(new TextDecoder().decode(decoded.bytes)).toBe('hello pdf');
  });

  it('refuses filters a structure reader never needs', async () => {
    await expect(decodeStreamData(new Uint8Array(4), ['DCTDecode'], [null], 1 << 20)).rejects.toMatchObject({ code: 'PDF_UNSUPPORTED_FILTER' });
  });

  it('stops a zip bomb at the cap, quickly and without holding its output', async () => {
    // 1 GiB of zeros in about 1 MB of deflate.
    const bomb = await zeroBomb(1024);
    const started = performance.now();
    const before = process.memoryUsage().rss;
    await expect(inflateCapped(bomb, 8 * 1024 * 1024)).rejects.toMatchObject({ code: 'PDF_STREAM_TOO_LARGE' });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('returns what was decoded from damaged deflate data and says it is incomplete', async () => {
    const good = new Uint8Array(deflateSync(Buffer.from('a'.repeat(1000) + 'tail')));
    const cut = await inflateCapped(good.subarray(0, good.length - 3), 1 << 20);
    expect(cut.complete).toBe(false);
    const whole = await inflateCapped(good, 1 << 20);
    expect(whole.complete).toBe(true);
    expect(whole.bytes.length).toBe(1004);
  });
});
