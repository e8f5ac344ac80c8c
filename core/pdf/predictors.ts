/**
 * Predictor functions for Flate/LZW data (ISO 32000-2, 7.4.4.4): PNG predictors (10-15, a filter byte per row;
 * cross-reference streams normally use 12 = Up) and TIFF predictor 2 for 8-bit components.
 */
import { ImzalaError } from '../errors.js';

export interface PredictorParams {
  predictor: number;
  colors: number;
  bitsPerComponent: number;
  columns: number;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function invalid(message: string, details: Record<string, unknown>): ImzalaError {
  return new ImzalaError('PDF_STREAM_CORRUPT', message, details);
}

/** Undoes the predictor; returns the data unchanged for predictor 1 (none). */
export function undoPredictor(data: Uint8Array, params: PredictorParams): Uint8Array {
  const { predictor, colors, bitsPerComponent, columns } = params;
  if (predictor === 1) return data;
  if (![1, 2, 4, 8, 16].includes(bitsPerComponent) || colors < 1 || colors > 32 || columns < 1 || columns > 1 << 24) {
    throw invalid('unsupported predictor parameters', { ...params });
  }
  const bytesPerPixel = Math.max(1, Math.ceil((colors * bitsPerComponent) / 8));
  const rowBytes = Math.ceil((colors * bitsPerComponent * columns) / 8);
  if (predictor === 2) {
    if (bitsPerComponent !== 8) throw invalid('TIFF predictor supported for 8-bit components only', { ...params });
    const out = data.slice();
    for (let row = 0; row + rowBytes <= out.length; row += rowBytes) {
      for (let i = bytesPerPixel; i < rowBytes; i++) out[row + i] = (out[row + i]! + out[row + i - bytesPerPixel]!) & 0xff;
    }
    return out;
  }
  if (predictor < 10 || predictor > 15) throw invalid('unknown predictor', { ...params });
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  let prev = new Uint8Array(rowBytes);
  for (let r = 0; r < rows; r++) {
    const inAt = r * (rowBytes + 1);
    const filter = data[inAt]!;
    const row = out.subarray(r * rowBytes, (r + 1) * rowBytes);
    const src = data.subarray(inAt + 1, inAt + 1 + rowBytes);
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= bytesPerPixel ? row[i - bytesPerPixel]! : 0;
      const up = prev[i]!;
      const upLeft = i >= bytesPerPixel ? prev[i - bytesPerPixel]! : 0;
      let v: number;
      switch (filter) {
        case 0: v = src[i]!; break;
        case 1: v = src[i]! + left; break;
        case 2: v = src[i]! + up; break;
        case 3: v = src[i]! + ((left + up) >> 1); break;
        case 4: v = src[i]! + paeth(left, up, upLeft); break;
        default: throw invalid('unknown PNG filter type', { row: r, filter });
      }
      row[i] = v & 0xff;
    }
    prev = row;
  }
  return out;
}
