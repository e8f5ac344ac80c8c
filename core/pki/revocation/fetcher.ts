/**
 * How core asks for revocation data over the network without knowing the network: the platform (Node's
 * http/https in the CLI, `fetch` in the extension) implements this interface and core receives it as an
 * option. core itself never opens a connection.
 */

/** A body sent with POST (an OCSP request). */
export interface RevocationRequestBody {
  body: Uint8Array;
  contentType: string;
}

/**
 * Fetches `url` (GET, or POST when `request` is given) and resolves with the response body of a 200 answer.
 * Implementations accept only http: and https: URLs, bound the time and the size, and reject with an
 * ImzalaError whose code is one of REVOCATION_FETCH_FAILED, REVOCATION_FETCH_TIMEOUT,
 * REVOCATION_RESPONSE_TOO_LARGE or REVOCATION_URL_UNSUPPORTED (core/pki/revocation/codes.ts).
 */
export interface RevocationFetcher {
  fetch(url: string, request?: RevocationRequestBody): Promise<Uint8Array>;
}

/** The URL schemes revocation data is fetched from; LDAP distribution points (some CAs still list them) are not used. */
export function isFetchableUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}
