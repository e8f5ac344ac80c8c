/** PEM armour (RFC 7468). */
import { fromBase64, toBase64 } from './base64.js';
import { latin1String } from './bytes.js';

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block in the text, in order. Headers such as Proc-Type are not supported (encrypted PEM). */
export function decodePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(PEM_RE)) {
    blocks.push({ label: m[1]!, der: fromBase64(m[2]!) });
  }
  return blocks;
}

export function encodePem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der).replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** True when the bytes look like PEM text rather than DER. */
export function looksLikePem(bytes: Uint8Array): boolean {
  return latin1String(bytes.subarray(0, Math.min(bytes.length, 4096))).includes('-----BEGIN ');
}
