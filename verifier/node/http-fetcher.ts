/**
 * The CLI's RevocationFetcher (core/pki/revocation/fetcher.ts) over node:http / node:https: GET for CRLs,
 * POST for OCSP. Bounded on every side, because the addresses come from certificates anyone can make:
 * only http: and https:, an overall time limit (the socket and the whole exchange), a size cap checked against
 * Content-Length and while reading, and at most MAX_REDIRECTS redirects, each again to http(s) only.
 */
import http from 'node:http';
import https from 'node:https';
import { ImzalaError } from '../../core/errors.js';
import { isFetchableUrl, type RevocationFetcher, type RevocationRequestBody } from '../../core/pki/revocation/fetcher.js';

export const DEFAULT_HTTP_TIMEOUT_MS = 5000;
/** Large national CRLs are a few megabytes; 16 MB leaves room and still bounds memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
export const MAX_REDIRECTS = 3;

export interface HttpFetcherOptions {
  timeoutMs?: number;
  maxBytes?: number;
  /** Sent as User-Agent. */
  userAgent?: string;
}

/** A RevocationFetcher for Node. */
export function createHttpFetcher(options: HttpFetcherOptions = {}): RevocationFetcher {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const userAgent = options.userAgent ?? 'imzala';
  return {
    fetch(url: string, request?: RevocationRequestBody): Promise<Uint8Array> {
      const deadline = Date.now() + timeoutMs;
      return fetchFollowing(url, request, { deadline, timeoutMs, maxBytes, userAgent }, 0);
    },
  };
}

interface Limits {
  deadline: number;
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
}

function failed(url: string, reason: string): ImzalaError {
  return new ImzalaError('REVOCATION_FETCH_FAILED', `fetching ${url} failed: ${reason}`, { url, reason });
}

async function fetchFollowing(url: string, request: RevocationRequestBody | undefined, limits: Limits, redirects: number): Promise<Uint8Array> {
  if (!isFetchableUrl(url)) throw new ImzalaError('REVOCATION_URL_UNSUPPORTED', `only http and https addresses are fetched: ${url}`, { url });
  const outcome = await exchange(url, request, limits);
  if ('redirect' in outcome) {
    if (redirects >= MAX_REDIRECTS) throw failed(url, `more than ${MAX_REDIRECTS} redirects`);
    let next: string;
    try {
      next = new URL(outcome.redirect, url).toString();
    } catch {
      throw failed(url, `a redirect to an unreadable address ${outcome.redirect}`);
    }
    // A redirect to file:, ldap: or anything else is refused by the check at the top of the next round.
    return fetchFollowing(next, request, limits, redirects + 1);
  }
  return outcome.body;
}

function exchange(url: string, request: RevocationRequestBody | undefined, limits: Limits): Promise<{ body: Uint8Array } | { redirect: string }> {
  return new Promise((resolve, reject) => {
    const remaining = limits.deadline - Date.now();
    const timeout = () => new ImzalaError('REVOCATION_FETCH_TIMEOUT', `no complete answer from ${url} within ${limits.timeoutMs} ms`, { url, timeoutMs: limits.timeoutMs });
    if (remaining <= 0) return reject(timeout());
    const client = url.toLowerCase().startsWith('https:') ? https : http;
    const headers: Record<string, string | number> = { 'user-agent': limits.userAgent, accept: '*/*' };
    if (request) {
      headers['content-type'] = request.contentType;
      headers['content-length'] = request.body.length;
    }
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = client.request(url, { method: request ? 'POST' : 'GET', headers, timeout: remaining }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return finish(() => resolve({ redirect: res.headers.location! }));
      }
      if (status !== 200) {
        res.resume();
        return finish(() => reject(failed(url, `HTTP status ${status}`)));
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        // Settled before the socket is torn down, whose events would otherwise report a plain failure.
        finish(() => reject(tooLarge(url, limits.maxBytes)));
        return res.destroy();
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) {
          finish(() => reject(tooLarge(url, limits.maxBytes)));
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish(() => resolve({ body: new Uint8Array(Buffer.concat(chunks, size)) })));
      res.on('error', (e) => finish(() => reject(failed(url, e.message))));
      res.on('aborted', () => finish(() => reject(failed(url, 'the connection closed before the answer was complete'))));
    });
    // The whole exchange, not only an idle socket, must end before the deadline.
    const timer = setTimeout(() => {
      finish(() => reject(timeout()));
      req.destroy();
    }, remaining);
    timer.unref();
    req.on('timeout', () => {
      finish(() => reject(timeout()));
      req.destroy();
    });
    req.on('error', (e) => finish(() => reject(failed(url, e.message))));
    if (request) req.end(Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength));
    else req.end();
  });
}

function tooLarge(url: string, maxBytes: number): ImzalaError {
  return new ImzalaError('REVOCATION_RESPONSE_TOO_LARGE', `the answer from ${url} is larger than ${maxBytes} bytes`, { url, maxBytes });
}
