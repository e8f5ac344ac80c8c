import { describe, expect, it } from 'vitest';
import { formatPdfDate, parsePdfDate } from './pdf-date.js';
import { decodePdfTextString, encodePdfTextString } from './text-string.js';

describe('PDF text strings', () => {
  it('keeps ASCII as PDFDocEncoding and writes Azerbaijani as UTF-16BE with a BOM', () => {
    expect(Array.from(encodePdfTextString('Baku'))).toEqual([0x42, 0x61, 0x6b, 0x75]);
    const az = encodePdfTextString('Razıyam, ə');
    expect(Array.from(az.subarray(0, 2))).toEqual([0xfe, 0xff]);
    expect(decodePdfTextString(az)).toBe('Razıyam, ə');
    expect(decodePdfTextString(encodePdfTextString('İmza şəhadətnaməsi 😀'))).toBe('İmza şəhadətnaməsi 😀');
  });

  it('decodes PDFDocEncoding where it differs from Latin-1, and UTF-8 with a BOM', () => {
    expect(decodePdfTextString(Uint8Array.from([0x80, 0x84, 0x9a, 0xa0, 0xe9]))).toBe('•—ı€é');
    expect(decodePdfTextString(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Gəncə')]))).toBe('Gəncə');
  });
});

describe('PDF dates', () => {
  it('reads full dates with offsets', () => {
    expect(parsePdfDate("D:20260315143000+04'00'")?.toISOString()).toBe('2026-03-15T10:30:00.000Z');
    expect(parsePdfDate("D:20260315143000-05'30'")?.toISOString()).toBe('2026-03-15T20:00:00.000Z');
    expect(parsePdfDate('D:20260315143000Z')?.toISOString()).toBe('2026-03-15T14:30:00.000Z');
    expect(parsePdfDate("D:20260315143000+04'00")?.toISOString()).toBe('2026-03-15T10:30:00.000Z');
  });

  it('reads partial dates and dates without the D: prefix', () => {
    expect(parsePdfDate('D:2026')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parsePdfDate('20260315')?.toISOString()).toBe('2026-03-15T00:00:00.000Z');
  });

  it('rejects impossible dates', () => {
    for (const bad of ['D:20260230120000Z', 'D:20261301', 'D:2026031525', 'garbage', '', "D:20260315143000+25'00'"]) {
      expect(parsePdfDate(bad), bad).toBeNull();
    }
  });

  it('formats in UTC and reads back the same instant', () => {
    const when = new Date('2026-11-23T08:05:09.000Z');
    expect(formatPdfDate(when)).toBe("D:20261123080509+00'00'");
    expect(parsePdfDate(formatPdfDate(when))?.getTime()).toBe(when.getTime());
  });
});
