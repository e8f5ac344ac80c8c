/**
 * How core asks for revocation data over the network without knowing the network: the platform (Node's
 * http/https in the CLI, `fetch` in the extension) implements this interface and core receives it as an
 * option. core itself never opens a connection.
 */

import type { Certificate } from '../certificate.js';

/** A body sent with POST (an OCSP request). */
export interface RevocationRequestBody {
  body: Uint8Array;
  contentType: string;
}

/**
 * What the data is asked for. A fetcher that goes through a proxy (the web page's: a browser cannot reach CA
 * servers) sends the path so the proxy can check that `url` really is named by a certificate it trusts;
 * fetchers that go to the address directly ignore it.
 */
export interface RevocationFetchContext {
  /** the certificate whose status is asked, then its issuers up to the anchor */
  path: readonly Certificate[];
}

/**
 * Fetches `url` (GET, or POST when `request` is given) and resolves with the response body of a 200 answer.
 * Implementations accept only http: and https: URLs, bound the time and the size, and reject with an
 * ImzalaError whose code is one of REVOCATION_FETCH_FAILED, REVOCATION_FETCH_TIMEOUT,
 * REVOCATION_RESPONSE_TOO_LARGE or REVOCATION_URL_UNSUPPORTED (core/pki/revocation/codes.ts).
 */
export interface RevocationFetcher {
  fetch(url: string, request?: RevocationRequestBody, context?: RevocationFetchContext): Promise<Uint8Array>;
}

/** The URL schemes revocation data is fetched from; LDAP distribution points (some CAs still list them) are not used. */
export function isFetchableUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}
