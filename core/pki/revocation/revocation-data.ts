/**
 * Gathering revocation data for a certification path: for every certificate below the anchor, an OCSP answer
 * from its authorityInfoAccess, else CRLs from its cRLDistributionPoints. What is cached is tried before the
 * network; offline, only the cache and the CRLs given are used. Nothing here decides a verdict: the caller
 * validates the path again with the CRLs and OCSP answers returned (path-checks.ts), and what could not be
 * found is listed in `problems` (url + code) for the report.
 *
 * Bounds: at most MAX_URLS_PER_CERTIFICATE addresses of each kind per certificate, every fetch under
 * `timeoutMs` (the fetcher bounds sizes), the certificates of a path looked up in parallel so time-outs do not
 * add up, and one fetch per CRL address per call.
 */
import { isImzalaError } from '../../errors.js';
import { decodePem, looksLikePem } from '../../encoding/pem.js';
import { latin1String } from '../../encoding/bytes.js';
import type { Certificate } from '../certificate.js';
import { checkRevocationWithCrls, Crl } from '../crl.js';
import { isFetchableUrl, type RevocationFetchContext, type RevocationFetcher, type RevocationRequestBody } from './fetcher.js';
import { buildOcspRequest, checkOcspResponse, DEFAULT_OCSP_MAX_AGE_SECONDS, OCSP_NONCE_LENGTH, type OcspCheck } from './ocsp.js';

/** Stored revocation data by address; `expires` is the data's nextUpdate (the cache may drop it after). */
export interface RevocationCache {
  get(url: string): Promise<Uint8Array | undefined>;
  set(url: string, bytes: Uint8Array, expires: Date): Promise<void>;
}

export interface RevocationProblem {
  /** The address asked (empty when the certificate names none). */
  url: string;
  /** A code of REVOCATION_MESSAGES, or a CRL code of PKI_MESSAGES (CRL_MALFORMED, CRL_NOT_CURRENT, ...). */
  code: string;
  /** SHA-256 of the certificate whose status was asked. */
  certificate: string;
  detail?: string;
}

export interface GatherRevocationOptions {
  fetcher?: RevocationFetcher;
  cache?: RevocationCache;
  /** Use only the cache and `crls`; nothing is fetched (the same holds when no fetcher is given). */
  offline?: boolean;
  /** The time the status is asked for (signing time, or now). */
  time: Date;
  /** Limit for each fetch (default DEFAULT_FETCH_TIMEOUT_MS). */
  timeoutMs?: number;
  /** CRLs already at hand (given by the user or embedded): a certificate they decide is not looked up. */
  crls?: readonly Crl[];
  /** Send a fresh nonce with each OCSP request and require it back (default false: many responders serve pre-produced answers without one). */
  nonce?: boolean;
  /** OCSP responder certificates trusted by local configuration. */
  ocspResponders?: readonly Certificate[];
  /** OCSP responses already at hand (a PDF's /DSS): tried for each certificate before anything is looked up. */
  ocspResponses?: readonly Uint8Array[];
}

/** Responses at hand tried per certificate: a /DSS holds a few per chain; more is hostile. */
export const MAX_GIVEN_OCSP_RESPONSES = 64;

export interface GatheredRevocationData {
  /** CRLs found (fetched or cached) that decide some certificate's status; the given `crls` are not repeated. */
  crls: Crl[];
  /** Accepted OCSP answers (status good or revoked), by the certificate's SHA-256. */
  ocsp: Map<string, OcspCheck>;
  problems: RevocationProblem[];
}

export const DEFAULT_FETCH_TIMEOUT_MS = 5000;
export const MAX_URLS_PER_CERTIFICATE = 4;

/** The cache key of an OCSP answer: the responder's address is shared by every certificate, so the certificate is part of it. */
export function ocspCacheKey(url: string, cert: Certificate): string {
  return `${url}#ocsp-${cert.sha256}`;
}

/**
 * Gathers revocation data for every certificate of `path` (target first, anchor last) below the anchor:
 * cached first, then OCSP from AIA, then CRLs from the CRL distribution points; offline mode uses only what
 * is cached or given. Never throws for network or data problems: they are listed in `problems`.
 */
export async function gatherRevocationData(path: readonly Certificate[], opts: GatherRevocationOptions): Promise<GatheredRevocationData> {
  const result: GatheredRevocationData = { crls: [], ocsp: new Map(), problems: [] };
  const crlFetches = new Map<string, Promise<Uint8Array>>();
  const gatherer = new Gatherer(opts, result, crlFetches);
  await Promise.all(path.slice(0, -1).map((cert, k) => gatherer.forCertificate(cert, path[k + 1]!, { path: path.slice(k) })));
  const seen = new Set<string>();
  result.crls = result.crls.filter((c) => !seen.has(c.sha256) && (seen.add(c.sha256), true));
  return result;
}

class Gatherer {
  constructor(
    private readonly opts: GatherRevocationOptions,
    private readonly result: GatheredRevocationData,
    private readonly crlFetches: Map<string, Promise<Uint8Array>>,
  ) {}

  async forCertificate(cert: Certificate, issuer: Certificate, context: RevocationFetchContext): Promise<void> {
    const { opts } = this;
    if (opts.crls?.length && (await checkRevocationWithCrls(cert, issuer, opts.crls, opts.time)).status !== 'unknown') return;
    for (const der of (opts.ocspResponses ?? []).slice(0, MAX_GIVEN_OCSP_RESPONSES)) {
      const check = await checkOcspResponse(der, cert, issuer, { time: opts.time, ...(opts.ocspResponders ? { anchors: opts.ocspResponders } : {}) });
      if (this.accept(cert, check)) return;
    }
    if (cert.ocspUrls.length === 0 && cert.crlDistributionPoints.length === 0) {
      this.problem('', 'REVOCATION_NO_SOURCE', cert, 'the certificate has no OCSP address and no CRL distribution point');
      return;
    }
    for (const url of cert.ocspUrls.slice(0, MAX_URLS_PER_CERTIFICATE)) {
      if (await this.tryOcsp(url, cert, issuer, context)) return;
    }
    for (const url of cert.crlDistributionPoints.slice(0, MAX_URLS_PER_CERTIFICATE)) {
      if (await this.tryCrl(url, cert, issuer, context)) return;
    }
  }

  private problem(url: string, code: string, cert: Certificate, detail?: string): void {
    this.result.problems.push({ url, code, certificate: cert.sha256, ...(detail ? { detail } : {}) });
  }

  /** True when an accepted answer decided the certificate's status. */
  private async tryOcsp(url: string, cert: Certificate, issuer: Certificate, context: RevocationFetchContext): Promise<boolean> {
    const { opts } = this;
    if (!isFetchableUrl(url)) {
      this.problem(url, 'REVOCATION_URL_UNSUPPORTED', cert);
      return false;
    }
    const key = ocspCacheKey(url, cert);
    const checkOptions = { time: opts.time, ...(opts.ocspResponders ? { anchors: opts.ocspResponders } : {}) };
    const cached = await this.cached(key);
    if (cached) {
      // Checked again like a fresh answer (without a nonce: it was checked against one when it was fetched).
      const check = await checkOcspResponse(cached, cert, issuer, checkOptions);
      if (this.accept(cert, check)) return true;
    }
    if (opts.offline || !opts.fetcher) {
      this.problem(url, 'REVOCATION_OFFLINE_NO_DATA', cert, cached ? 'the stored data does not decide the status at this time' : 'nothing stored');
      return false;
    }
    const nonce = opts.nonce ? globalThis.crypto.getRandomValues(new Uint8Array(OCSP_NONCE_LENGTH)) : undefined;
    const body = buildOcspRequest(cert, issuer, nonce);
    const bytes = await this.fetch(url, cert, { body, contentType: 'application/ocsp-request' }, context);
    if (!bytes) return false;
    const check = await checkOcspResponse(bytes, cert, issuer, { ...checkOptions, ...(nonce ? { nonce } : {}) });
    if (!this.accept(cert, check)) {
      this.problem(url, check.code ?? 'OCSP_MALFORMED', cert, check.detail);
      return false;
    }
    const { thisUpdate, nextUpdate } = check.evidence;
    const expires = nextUpdate ?? new Date((thisUpdate ?? opts.time).getTime() + DEFAULT_OCSP_MAX_AGE_SECONDS * 1000);
    await this.store(key, bytes, expires);
    return true;
  }

  private accept(cert: Certificate, check: OcspCheck): boolean {
    if (check.status !== 'good' && check.status !== 'revoked') return false;
    this.result.ocsp.set(cert.sha256, check);
    return true;
  }

  /** True when a usable CRL decided the certificate's status. */
  private async tryCrl(url: string, cert: Certificate, issuer: Certificate, context: RevocationFetchContext): Promise<boolean> {
    const { opts } = this;
    if (!isFetchableUrl(url)) {
      this.problem(url, 'REVOCATION_URL_UNSUPPORTED', cert);
      return false;
    }
    const cached = await this.cached(url);
    if (cached) {
      const crl = readCrl(cached);
      if (crl && (await this.decides(crl, cert, issuer))) return true;
    }
    if (opts.offline || !opts.fetcher) {
      this.problem(url, 'REVOCATION_OFFLINE_NO_DATA', cert, cached ? 'the stored data does not decide the status at this time' : 'nothing stored');
      return false;
    }
    let fetching = this.crlFetches.get(url);
    // Shared by every certificate naming the address; the first one's path goes along (it names the address too).
    if (!fetching) this.crlFetches.set(url, (fetching = this.fetchOrThrow(url, undefined, context)));
    let bytes: Uint8Array;
    try {
      bytes = await fetching;
    } catch (e) {
      this.fetchProblem(url, cert, e);
      return false;
    }
    const crl = readCrl(bytes);
    if (!crl) {
      this.problem(url, 'CRL_MALFORMED', cert, 'the distribution point did not serve a readable CRL');
      return false;
    }
    const check = await checkRevocationWithCrls(cert, issuer, [crl], opts.time);
    if (check.status === 'unknown') {
      const rejection = check.evidence.rejected[0];
      this.problem(url, rejection?.code ?? 'CRL_ISSUER_MISMATCH', cert, rejection?.detail ?? `the CRL is issued by ${crl.issuer.toString()}`);
      return false;
    }
    this.result.crls.push(crl);
    // A CRL without nextUpdate is kept as long as an OCSP answer without one would be.
    await this.store(url, bytes, crl.nextUpdate ?? new Date(crl.thisUpdate.getTime() + DEFAULT_OCSP_MAX_AGE_SECONDS * 1000));
    return true;
  }

  private async decides(crl: Crl, cert: Certificate, issuer: Certificate): Promise<boolean> {
    if ((await checkRevocationWithCrls(cert, issuer, [crl], this.opts.time)).status === 'unknown') return false;
    this.result.crls.push(crl);
    return true;
  }

  /** The cache's bytes for `key`; a failing cache counts as empty (it is an optimisation, never evidence). */
  private async cached(key: string): Promise<Uint8Array | undefined> {
    try {
      return await this.opts.cache?.get(key);
    } catch {
      return undefined;
    }
  }

  private async store(key: string, bytes: Uint8Array, expires: Date): Promise<void> {
    try {
      await this.opts.cache?.set(key, bytes, expires);
    } catch {
      // A cache that cannot be written only costs a fetch next time.
    }
  }

  private async fetch(url: string, cert: Certificate, request: RevocationRequestBody, context: RevocationFetchContext): Promise<Uint8Array | undefined> {
    try {
      return await this.fetchOrThrow(url, request, context);
    } catch (e) {
      this.fetchProblem(url, cert, e);
      return undefined;
    }
  }

  private fetchOrThrow(url: string, request: RevocationRequestBody | undefined, context: RevocationFetchContext): Promise<Uint8Array> {
    const fetcher = this.opts.fetcher!;
    const ms = this.opts.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
    return new Promise<Uint8Array>((resolve, reject) => {
      // The fetcher has its own limit; this one holds whatever fetcher is injected.
      const timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
      fetcher.fetch(url, request, context).then(
        (bytes) => (clearTimeout(timer), resolve(bytes)),
        (e: unknown) => (clearTimeout(timer), reject(e)),
      );
    });
  }

  private fetchProblem(url: string, cert: Certificate, e: unknown): void {
    if (e instanceof TimeoutError) return this.problem(url, 'REVOCATION_FETCH_TIMEOUT', cert, e.message);
    const known = ['REVOCATION_FETCH_FAILED', 'REVOCATION_FETCH_TIMEOUT', 'REVOCATION_RESPONSE_TOO_LARGE', 'REVOCATION_URL_UNSUPPORTED'];
    if (isImzalaError(e) && known.includes(e.code)) return this.problem(url, e.code, cert, e.message);
    this.problem(url, 'REVOCATION_FETCH_FAILED', cert, e instanceof Error ? e.message : String(e));
  }
}

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** A CRL from DER or PEM bytes (distribution points should serve DER; some serve PEM), or undefined. */
export function readCrl(bytes: Uint8Array): Crl | undefined {
  try {
    if (looksLikePem(bytes)) {
      const block = decodePem(latin1String(bytes)).find((b) => b.label === 'X509 CRL');
      return block ? Crl.fromDer(block.der) : undefined;
    }
    return Crl.fromDer(bytes);
  } catch {
    return undefined;
  }
}
