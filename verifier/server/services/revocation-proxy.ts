/**
 * The revocation proxy of the in-browser check (/yoxla): a page cannot fetch CRLs or OCSP answers from CA servers
 * (CORS), so the service fetches them for it — but ONLY addresses named by a certificate whose path, as sent,
 * is signed link by link up to one of the service's own anchors. That keeps it from being an open proxy: the
 * only hosts it reaches are ones a trusted CA put into a certificate it issued. The page's core still checks
 * every answer (signatures, times, CertID), so the proxy is trusted for reach, never for correctness, and
 * hands the bytes over exactly as fetched.
 *
 * Bounds: at most MAX_PROXY_PATH certificates (their signatures are the only costly work before a fetch), an
 * OCSP request of at most MAX_OCSP_REQUEST_BYTES, the Node fetcher's time and size limits upstream, CRLs cached
 * in the file cache until their nextUpdate, OCSP answers in a bounded in-memory cache for OCSP_CACHE_MS, and
 * one upstream fetch per key at a time however many clients ask.
 */
import { createHash } from 'node:crypto';
import { ImzalaError, isImzalaError } from '../../../core/errors.js';
import { fromBase64 } from '../../../core/encoding/base64.js';
import { Certificate } from '../../../core/pki/certificate.js';
import { namesMatch } from '../../../core/pki/name.js';
import { checkEdge } from '../../../core/pki/path-validation.js';
import { isFetchableUrl, type RevocationFetcher } from '../../../core/pki/revocation/fetcher.js';
import { readCrl, type RevocationCache } from '../../../core/pki/revocation/revocation-data.js';
import { createHttpFetcher, type HttpFetcherOptions } from '../../node/http-fetcher.js';
import { createFileRevocationCache } from '../../node/revocation-cache.js';
import type { ServerConfig } from '../config.js';
import type { ServerTrust } from '../trust.js';

/** A path holds the certificate asked about and at least the anchor above it. */
export const MIN_PROXY_PATH = 2;
/** Real paths are 2-4 certificates; a few more leave room, and each one costs a signature check. */
export const MAX_PROXY_PATH = 6;
/** An OCSP request for one certificate (with a nonce) is about 100 bytes. */
export const MAX_OCSP_REQUEST_BYTES = 4096;
/** Longest address accepted (certificates name short ones). */
export const MAX_URL_LENGTH = 2048;
/** How long an OCSP answer is served from memory. */
export const OCSP_CACHE_MS = 5 * 60_000;
/** OCSP answers kept in memory at most (oldest dropped first); each is a few kilobytes. */
export const OCSP_CACHE_ENTRIES = 1000;

/** A request as it arrives: the JSON body of POST /api/v1/revocation. */
export interface RevocationProxyRequest {
  url: string;
  /** The certificate whose status is asked, then its issuers up to an anchor: base64 DER each. */
  path: string[];
  /** Base64 DER OCSPRequest; present for OCSP (POSTed upstream), absent for a CRL (GET). */
  ocspRequest?: string;
}

/** A request after every check: what may be fetched. */
export interface CheckedProxyRequest {
  url: string;
  path: Certificate[];
  ocspRequest?: Uint8Array;
}

export interface RevocationProxy {
  /** Checks `body` (JSON, unknown shape) and resolves with the upstream answer's bytes; refusals are ImzalaErrors. */
  fetch(body: unknown): Promise<Uint8Array>;
}

export interface RevocationProxyOptions {
  /** Where each upstream fetch is logged (url and outcome only). */
  log: (line: string) => void;
  /** Limits of the Node fetcher (tests shorten them); default its own defaults. */
  http?: HttpFetcherOptions;
  /** The clock, for tests. */
  now?: () => number;
}

const refuse = (detail: string) => new ImzalaError('REVOCATION_PROXY_BAD_REQUEST', `the revocation proxy request is malformed: ${detail}`, { detail });

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function base64Field(value: unknown, name: string): Uint8Array {
  if (typeof value !== 'string' || value.length === 0) throw refuse(`${name} must be a non-empty base64 string`);
  if (!STRICT_BASE64.test(value)) throw refuse(`${name} is not base64`);
  return fromBase64(value);
}

/**
 * The shape checks (400): a JSON object with an http(s)-looking `url` string, a `path` of MIN..MAX_PROXY_PATH
 * readable certificates, and an optional `ocspRequest` of at most MAX_OCSP_REQUEST_BYTES.
 */
export function parseProxyRequest(body: unknown): CheckedProxyRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw refuse('the body must be a JSON object');
  const { url, path, ocspRequest } = body as Record<string, unknown>;
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) throw refuse(`url must be a string of 1 to ${MAX_URL_LENGTH} characters`);
  if (!Array.isArray(path)) throw refuse('path must be an array of base64 certificates');
  // Counted before anything is decoded: the count bounds all later work.
  if (path.length < MIN_PROXY_PATH || path.length > MAX_PROXY_PATH) {
    throw new ImzalaError('REVOCATION_PROXY_PATH_LENGTH', `the path holds ${path.length} certificates`, { count: path.length, min: MIN_PROXY_PATH, max: MAX_PROXY_PATH });
  }
  let request: Uint8Array | undefined;
  if (ocspRequest !== undefined) {
    request = base64Field(ocspRequest, 'ocspRequest');
    if (request.length > MAX_OCSP_REQUEST_BYTES) {
      throw new ImzalaError('REVOCATION_PROXY_OCSP_REQUEST_TOO_LARGE', `the OCSP request is ${request.length} bytes`, { limit: MAX_OCSP_REQUEST_BYTES });
    }
  }
  const certificates = path.map((entry, i) => {
    const der = base64Field(entry, `path[${i}]`);
    try {
      return Certificate.fromDer(der);
    } catch (e) {
      throw refuse(`path[${i}] is not a readable certificate${isImzalaError(e) ? ` (${e.code})` : ''}`);
    }
  });
  return { url, path: certificates, ...(request ? { ocspRequest: request } : {}) };
}

/** True when `child` names `issuer` as its issuer and its signature verifies with `issuer`'s key (path validation's own check). */
async function signedBy(child: Certificate, issuer: Certificate): Promise<boolean> {
  return namesMatch(child.issuer, issuer.subject) && (await checkEdge(child, issuer)).valid;
}

/**
 * The trust checks (403): the last certificate is one of `anchors` (by SHA-256), each certificate is signed by
 * the next, and `url` is http(s) and literally one of path[0]'s OCSP addresses (with an OCSP request) or CRL
 * distribution points (without).
 */
export async function checkProxyRequest(request: CheckedProxyRequest, anchors: readonly Certificate[]): Promise<void> {
  const { path, url } = request;
  const last = path[path.length - 1]!;
  // The cheap check first: a path of someone else's PKI costs no signature verification.
  if (!anchors.some((a) => a.sha256 === last.sha256)) {
    throw new ImzalaError('REVOCATION_PROXY_ANCHOR_UNKNOWN', 'the path does not end at one of the service\'s anchors', { sha256: last.sha256 });
  }
  for (let i = 0; i < path.length - 1; i++) {
    if (!(await signedBy(path[i]!, path[i + 1]!))) {
      throw new ImzalaError('REVOCATION_PROXY_PATH_INVALID', `path[${i}] is not signed by path[${i + 1}]`, { index: i });
    }
  }
  if (!isFetchableUrl(url)) throw new ImzalaError('REVOCATION_PROXY_URL_UNSUPPORTED', 'only http(s) addresses are fetched', {});
  const named = request.ocspRequest ? path[0]!.ocspUrls : path[0]!.crlDistributionPoints;
  if (!named.includes(url)) {
    throw new ImzalaError('REVOCATION_PROXY_URL_NOT_NAMED', 'the address is not named by the certificate', { kind: request.ocspRequest ? 'OCSP' : 'CRL' });
  }
}

/** What the upstream did, as one of the codes the page's fetcher understands. */
function upstreamError(url: string, e: unknown): ImzalaError {
  const passed = ['REVOCATION_FETCH_FAILED', 'REVOCATION_FETCH_TIMEOUT', 'REVOCATION_RESPONSE_TOO_LARGE'];
  if (isImzalaError(e) && passed.includes(e.code)) return e;
  // A redirect to ldap: or file: (REVOCATION_URL_UNSUPPORTED), or anything unexpected: the fetch failed.
  return new ImzalaError('REVOCATION_FETCH_FAILED', `fetching ${url} failed`, { url, reason: isImzalaError(e) ? e.code : 'error' });
}

/** The proxy of a service: its anchors, its offline setting, its file cache. */
export function createRevocationProxy(
  config: Pick<ServerConfig, 'offline' | 'revocationCacheDir'>,
  trust: Pick<ServerTrust, 'anchors'>,
  options: RevocationProxyOptions,
): RevocationProxy {
  const now = options.now ?? Date.now;
  const fetcher: RevocationFetcher = createHttpFetcher(options.http);
  const crlCache: RevocationCache = createFileRevocationCache({ dir: config.revocationCacheDir, now: () => new Date(now()) });
  const ocspCache = new Map<string, { bytes: Uint8Array; until: number }>();
  const inFlight = new Map<string, Promise<Uint8Array>>();

  const upstream = async (url: string, request: Uint8Array | undefined): Promise<Uint8Array> => {
    try {
      const bytes = await fetcher.fetch(url, request ? { body: request, contentType: 'application/ocsp-request' } : undefined);
      options.log(`imzala: revocation proxy: ${request ? 'POST' : 'GET'} ${url}: ${bytes.length} bytes`);
      return bytes;
    } catch (e) {
      const error = upstreamError(url, e);
      options.log(`imzala: revocation proxy: ${request ? 'POST' : 'GET'} ${url}: ${error.code}`);
      throw error;
    }
  };

  const crl = async (url: string): Promise<Uint8Array> => {
    try {
      const cached = await crlCache.get(url);
      if (cached) return cached;
    } catch {
      // The cache is an optimisation: unreadable means fetch.
    }
    const bytes = await upstream(url, undefined);
    const parsed = readCrl(bytes);
    // Kept only until the CRL says a newer one is due; what cannot be read is passed on (core says why) but not kept.
    if (parsed?.nextUpdate && parsed.nextUpdate.getTime() > now()) {
      await crlCache.set(url, bytes, parsed.nextUpdate).catch(() => undefined);
    }
    return bytes;
  };

  const ocsp = async (key: string, url: string, request: Uint8Array): Promise<Uint8Array> => {
    const cached = ocspCache.get(key);
    if (cached && cached.until > now()) return cached.bytes;
    ocspCache.delete(key);
    const bytes = await upstream(url, request);
    ocspCache.set(key, { bytes, until: now() + OCSP_CACHE_MS });
    // Map order is insertion order: the first keys are the oldest.
    for (const old of ocspCache.keys()) {
      if (ocspCache.size <= OCSP_CACHE_ENTRIES) break;
      ocspCache.delete(old);
    }
    return bytes;
  };

  return {
    async fetch(body) {
      if (config.offline) throw new ImzalaError('REVOCATION_PROXY_OFFLINE', 'the service runs offline', {});
      const request = parseProxyRequest(body);
      await checkProxyRequest(request, trust.anchors);
      const { url, ocspRequest } = request;
      const key = ocspRequest ? `ocsp ${url} ${createHash('sha256').update(ocspRequest).digest('hex')}` : `crl ${url}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = (ocspRequest ? ocsp(key, url, ocspRequest) : crl(url)).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}
