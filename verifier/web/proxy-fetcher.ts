/**
 * The web page's RevocationFetcher: a browser cannot fetch CRLs or OCSP answers from CA servers (CORS), so it
 * asks the service's POST /api/v1/revocation, sending the certificate path the address comes from; the service
 * fetches only addresses named by a path that ends at its own anchors. What comes back is checked by core exactly
 * like a directly fetched answer, so the proxy is trusted for reach only. Uses nothing but `fetch` (it runs in
 * the page, and type-checks under core's rules).
 */
import { toBase64 } from '../../core/encoding/base64.js';
import { ImzalaError } from '../../core/errors.js';
import type { RevocationFetchContext, RevocationFetcher, RevocationRequestBody } from '../../core/pki/revocation/fetcher.js';

/** The proxy's answer codes that keep their meaning for core; every other refusal is a failed fetch. */
const PASSED_CODES = new Set(['REVOCATION_FETCH_TIMEOUT', 'REVOCATION_RESPONSE_TOO_LARGE']);

/** The `error.code` of the service's JSON error body, if it has one. */
async function proxyCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown } } | null;
    const code = body?.error?.code;
    return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A RevocationFetcher that goes through the service at `serviceUrl` (e.g. `https://imzala.example`, or '' for the
 * page's own origin). Rejects with REVOCATION_FETCH_FAILED, REVOCATION_FETCH_TIMEOUT or
 * REVOCATION_RESPONSE_TOO_LARGE; `details.proxyCode` keeps the service's own code (e.g. REVOCATION_PROXY_OFFLINE).
 */
export function createProxyFetcher(serviceUrl: string, fetchImpl: typeof fetch = globalThis.fetch): RevocationFetcher {
  const endpoint = `${serviceUrl.replace(/\/+$/, '')}/api/v1/revocation`;
  return {
    async fetch(url: string, request?: RevocationRequestBody, context?: RevocationFetchContext): Promise<Uint8Array> {
      if (!context || context.path.length === 0) {
        // The service fetches nothing without the path; say so rather than send a request bound to be refused.
        throw new ImzalaError('REVOCATION_FETCH_FAILED', `fetching ${url} through the service needs the certificate path`, { url, reason: 'no certificate path' });
      }
      const body = JSON.stringify({
        url,
        path: context.path.map((c) => toBase64(c.der)),
        ...(request ? { ocspRequest: toBase64(request.body) } : {}),
      });
      let response: Response;
      try {
        response = await fetchImpl(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body, credentials: 'omit' });
      } catch (e) {
        throw new ImzalaError('REVOCATION_FETCH_FAILED', `the service at ${endpoint} could not be reached`, { url, reason: e instanceof Error ? e.message : String(e) });
      }
      if (response.status !== 200) {
        const code = await proxyCode(response);
        const mapped = code && PASSED_CODES.has(code) ? code : 'REVOCATION_FETCH_FAILED';
        throw new ImzalaError(mapped, `the service did not fetch ${url}: HTTP ${response.status}${code ? ` ${code}` : ''}`, {
          url,
          status: response.status,
          ...(code ? { proxyCode: code } : {}),
        });
      }
      try {
        return new Uint8Array(await response.arrayBuffer());
      } catch (e) {
        throw new ImzalaError('REVOCATION_FETCH_FAILED', `the answer for ${url} was cut off`, { url, reason: e instanceof Error ? e.message : String(e) });
      }
    },
  };
}
