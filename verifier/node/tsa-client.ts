/**
 * RFC 3161 over HTTP (RFC 3161 §3.4): POST a DER TimeStampReq as `application/timestamp-query`, read a
 * `application/timestamp-reply`. Bounded: one deadline for the whole exchange, a size cap on the reply, no
 * redirects (a TSA URL is configured exactly; following one elsewhere would send the request to a server no
 * one chose). Every failure is an ImzalaError with a TSA_* code and the evidence.
 */
import http from 'node:http';
import https from 'node:https';
import type { HashAlgorithm } from '../../core/crypto/hash.js';
import { bytesEqual } from '../../core/encoding/bytes.js';
import { toHex } from '../../core/encoding/hex.js';
import { ImzalaError, isImzalaError } from '../../core/errors.js';
import { addSignatureTimestamp, signatureValueOf } from '../../core/tsp/signature-timestamp.js';
import { buildTimestampRequest, randomNonce } from '../../core/tsp/timestamp-request.js';
import {
  failInfoNames, MAX_TIMESTAMP_RESPONSE_SIZE, parseTimestampResponse, PKI_STATUS, type TimestampResponse,
} from '../../core/tsp/timestamp-response.js';
import type { TstInfo } from '../../core/tsp/tst-info.js';
import { readTimestampToken } from '../../core/tsp/verify-timestamp.js';
import { digest } from '../../core/crypto/hash.js';

export const TIMESTAMP_QUERY_TYPE = 'application/timestamp-query';
export const TIMESTAMP_REPLY_TYPE = 'application/timestamp-reply';
/** A public TSA answers within a second or two; 15 s leaves room for a slow network without hanging a signing. */
export const DEFAULT_TSA_TIMEOUT_MS = 15_000;

export interface TsaRequestOptions {
  /** Deadline for the whole exchange (connect, send, receive), default DEFAULT_TSA_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Largest reply accepted, default MAX_TIMESTAMP_RESPONSE_SIZE (1 MiB). */
  maxBytes?: number;
}

function tsaUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ImzalaError('TSA_URL_INVALID', `not a URL: ${url}`, { url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ImzalaError('TSA_URL_INVALID', `not http(s): ${url}`, { url });
  return parsed;
}

function invalid(url: string, reason: string, extra: Record<string, unknown> = {}): ImzalaError {
  return new ImzalaError('TSA_RESPONSE_INVALID', `the TSA response is unusable: ${reason}`, { url, reason, ...extra });
}

/**
 * Sends a DER TimeStampReq to `url` and returns the DER TimeStampResp body (not yet parsed).
 * @throws ImzalaError TSA_URL_INVALID, TSA_UNREACHABLE, TSA_TIMEOUT, TSA_RESPONSE_INVALID (HTTP status, content
 * type, size).
 */
export async function requestTimestamp(url: string, requestDer: Uint8Array, options: TsaRequestOptions = {}): Promise<Uint8Array> {
  const target = tsaUrl(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TSA_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_TIMESTAMP_RESPONSE_SIZE;
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<Uint8Array>((resolve, reject) => {
    let settled = false;
    const settle = (error: ImzalaError | null, body?: Uint8Array) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        reject(error);
      } else {
        resolve(body!);
      }
    };
    const request = client.request(target, {
      method: 'POST',
      headers: { 'Content-Type': TIMESTAMP_QUERY_TYPE, 'Content-Length': requestDer.length, Accept: TIMESTAMP_REPLY_TYPE },
    });
    const timer = setTimeout(() => settle(new ImzalaError('TSA_TIMEOUT', `no answer from ${url} within ${timeoutMs} ms`, { url, timeoutMs })), timeoutMs);
    request.on('error', (e) => settle(new ImzalaError('TSA_UNREACHABLE', `cannot reach ${url}: ${e.message}`, { url, reason: e.message })));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        response.resume();
        return settle(invalid(url, `HTTP ${status}`, { httpStatus: status }));
      }
      // RFC 3161 §3.4 names application/timestamp-reply; some servers still send the older "-response".
      const type = (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== TIMESTAMP_REPLY_TYPE && type !== 'application/timestamp-response') {
        response.resume();
        return settle(invalid(url, `content type ${type || '(none)'}`, { contentType: type }));
      }
      const declared = Number(response.headers['content-length'] ?? NaN);
      if (declared > maxBytes) {
        response.resume();
        return settle(invalid(url, `${declared} bytes, more than ${maxBytes}`, { size: declared }));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return settle(invalid(url, `more than ${maxBytes} bytes`, { size }));
        chunks.push(chunk);
      });
      response.on('error', (e) => settle(new ImzalaError('TSA_UNREACHABLE', `the connection to ${url} broke: ${e.message}`, { url, reason: e.message })));
      response.on('end', () => settle(null, new Uint8Array(Buffer.concat(chunks))));
    });
    request.end(requestDer);
  });
}

export interface ObtainedTimestamp {
  /** The TimeStampToken (DER ContentInfo) as the TSA sent it. */
  token: Uint8Array;
  response: TimestampResponse;
  tstInfo: TstInfo;
}

/**
 * Asks the TSA at `url` for a token over `imprint` (a digest made with `hash`), with a fresh nonce and the
 * TSA certificate requested. Checks that the TSA granted it, that the token is a TSTInfo for this imprint and
 * this nonce. It does not decide whether to trust the TSA: `verifyTimestampToken` does that with the anchors.
 * @throws ImzalaError TSA_* (see requestTimestamp), TSA_REFUSED (status, failInfo), TSA_RESPONSE_INVALID,
 * TSA_NONCE_MISMATCH.
 */
export async function obtainTimestampToken(
  url: string,
  input: { imprint: Uint8Array; hash: HashAlgorithm; policy?: string } & TsaRequestOptions,
): Promise<ObtainedTimestamp> {
  const nonce = randomNonce();
  const request = buildTimestampRequest({ imprint: input.imprint, hash: input.hash, nonce, certReq: true, policy: input.policy });
  const body = await requestTimestamp(url, request, input);
  let response: TimestampResponse;
  try {
    response = parseTimestampResponse(body);
  } catch (e) {
    throw isImzalaError(e) ? invalid(url, String(e.details.reason ?? e.message)) : e;
  }
  if (response.status !== PKI_STATUS.granted && response.status !== PKI_STATUS.grantedWithMods) {
    const failure = [...failInfoNames(response.failInfo ?? 0), response.statusText].filter(Boolean).join('; ') || 'no reason given';
    throw new ImzalaError('TSA_REFUSED', `the TSA refused the request: status ${response.status}, ${failure}`, {
      url, status: response.status, statusText: response.statusText, failInfo: response.failInfo, failure,
    });
  }
  const token = response.token!;
  let tstInfo: TstInfo;
  try {
    ({ tstInfo } = readTimestampToken(token));
  } catch (e) {
    throw isImzalaError(e) ? invalid(url, `the token cannot be read (${e.code}: ${String(e.details.reason ?? e.message)})`) : e;
  }
  if (tstInfo.nonce !== toHex(nonce)) throw new ImzalaError('TSA_NONCE_MISMATCH', 'the TSA answered another request', { url, sent: toHex(nonce), received: tstInfo.nonce });
  if (tstInfo.hash !== input.hash || !bytesEqual(tstInfo.hashedMessage, input.imprint)) {
    throw invalid(url, 'the token covers other data than requested', { hash: tstInfo.hash, stamped: toHex(tstInfo.hashedMessage) });
  }
  return { token, response, tstInfo };
}

/**
 * CAdES-B-T from B-B: time-stamps the signature value of a DER CMS signature (one SignerInfo) at `url` and
 * returns the CMS with the token added as its signature-time-stamp unsigned attribute.
 */
export async function timestampSignature(cmsDer: Uint8Array, url: string, options: { hash?: HashAlgorithm } & TsaRequestOptions = {}): Promise<{ cms: Uint8Array; timestamp: ObtainedTimestamp }> {
  const hash = options.hash ?? 'SHA-256';
  const timestamp = await obtainTimestampToken(url, { ...options, hash, imprint: digest(hash, signatureValueOf(cmsDer)) });
  return { cms: addSignatureTimestamp(cmsDer, timestamp.token), timestamp };
}
