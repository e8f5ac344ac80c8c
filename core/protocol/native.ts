/**
 * Messages between the extension's background and the native host (`az.imzala.host`), carried by native messaging
 * (a 4-byte little-endian length, then UTF-8 JSON). One command per connection, as Web eID does: the host greets
 * first with its version, the extension checks it, sends one request, reads one response; the host then exits.
 */
import { isRecord, isBridgeError, type BridgeError } from './codes.js';

export type NativeCommand = 'status' | 'list-certificates' | 'sign';
export const NATIVE_COMMANDS: readonly NativeCommand[] = ['status', 'list-certificates', 'sign'];

/** Largest message either side accepts (the browser allows 1 MiB host -> browser). */
export const NATIVE_MESSAGE_LIMIT = 1024 * 1024;

export interface NativeHello {
  type: 'hello';
  protocol: number;
  version: string;
}

export interface TokenInfo {
  label: string;
  serialNumber: string;
  manufacturer: string;
  slotId: string;
}

export interface TokenCertificate {
  /** base64 DER of a certificate whose private key is on the token. */
  certificate: string;
  /** base64 DER of CA certificates found on the token that issue it, nearest first. */
  chain: string[];
  label: string;
  keyType: 'RSA' | 'EC';
  token: TokenInfo;
}

export interface NativeStatusArgs {
  /** The PKCS#11 library an organisation's policy names; the host tries it first. */
  pkcs11Library?: string;
}

export interface NativeStatusResult {
  version: string;
  protocol: number;
  backend: string;
  library: string | null;
  tokens: (TokenInfo & { pinLocked: boolean; pinCountLow: boolean })[];
}

export type NativeListArgs = NativeStatusArgs;

export interface NativeListResult {
  certificates: TokenCertificate[];
}

export type DigestAlgorithmName = 'SHA-256' | 'SHA-384' | 'SHA-512';
export type SignatureScheme = 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'ECDSA';
export const DIGEST_LENGTHS: Readonly<Record<DigestAlgorithmName, number>> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
const SCHEMES: readonly SignatureScheme[] = ['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA'];

/** What a page may ask to have signed (the background adds `origin` from the browser). */
export interface SignRequestArgs {
  certificate: string;
  digest: string;
  algorithm: DigestAlgorithmName;
  scheme?: SignatureScheme;
  documentName: string;
}

export interface NativeSignArgs extends SignRequestArgs {
  pkcs11Library?: string;
  /** Set by the background from the browser's sender information, never from the page. */
  origin: string;
}

export interface NativeSignResult {
  signature: string;
  scheme: SignatureScheme;
  /** ECDSA values come raw r||s, as tokens return them. */
  signatureFormat?: 'p1363';
}

export type NativeRequest =
  | { protocol: number; id: string; command: 'status'; args: NativeStatusArgs }
  | { protocol: number; id: string; command: 'list-certificates'; args: NativeListArgs }
  | { protocol: number; id: string; command: 'sign'; args: NativeSignArgs };

export type NativeResponse = { id: string; ok: true; result: unknown } | { id: string; ok: false; error: BridgeError };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MAX_CERTIFICATE_BASE64 = 16 * 1024;
const MAX_NAME = 255;
const MAX_ID = 64;
const MAX_PATH = 1024;

/** Why `args` is not a well-formed sign request, or null when it is. Checked by the content script, background and host. */
export function signArgsProblem(args: unknown): string | null {
  if (!isRecord(args)) return 'args must be an object';
  const { certificate, digest, algorithm, scheme, documentName } = args;
  if (typeof certificate !== 'string' || !certificate || certificate.length > MAX_CERTIFICATE_BASE64 || !BASE64.test(certificate)) return 'certificate must be base64 DER';
  if (typeof algorithm !== 'string' || !(algorithm in DIGEST_LENGTHS)) return 'algorithm must be SHA-256, SHA-384 or SHA-512';
  const length = DIGEST_LENGTHS[algorithm as DigestAlgorithmName];
  if (typeof digest !== 'string' || !BASE64.test(digest) || base64Length(digest) !== length) return `digest must be ${length} bytes in base64`;
  if (scheme !== undefined && !SCHEMES.includes(scheme as SignatureScheme)) return 'scheme must be RSASSA-PKCS1-v1_5, RSA-PSS or ECDSA';
  if (typeof documentName !== 'string' || !documentName.trim() || documentName.length > MAX_NAME) return `documentName must be 1-${MAX_NAME} characters`;
  return null;
}

/** Why `x` is not a well-formed native request, or null. */
export function nativeRequestProblem(x: unknown): string | null {
  if (!isRecord(x)) return 'the message must be a JSON object';
  if (typeof x.protocol !== 'number') return 'protocol is missing';
  if (typeof x.id !== 'string' || !x.id || x.id.length > MAX_ID) return 'id must be a short string';
  if (typeof x.command !== 'string') return 'command is missing';
  if (!isRecord(x.args)) return 'args must be an object';
  const library = x.args.pkcs11Library;
  if (library !== undefined && (typeof library !== 'string' || library.length > MAX_PATH)) return 'pkcs11Library must be a path';
  if (x.command === 'sign') {
    const problem = signArgsProblem(x.args);
    if (problem) return problem;
    if (typeof x.args.origin !== 'string' || !x.args.origin || x.args.origin.length > MAX_NAME) return 'origin is missing';
  }
  return null;
}

export function isNativeHello(x: unknown): x is NativeHello {
  return isRecord(x) && x.type === 'hello' && typeof x.protocol === 'number' && typeof x.version === 'string';
}

export function isNativeResponse(x: unknown): x is NativeResponse {
  if (!isRecord(x) || typeof x.id !== 'string') return false;
  if (x.ok === true) return 'result' in x;
  return x.ok === false && isBridgeError(x.error);
}

/** Decoded length of a base64 string (without decoding it). */
export function base64Length(text: string): number {
  if (text.length % 4 !== 0) return -1;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}
