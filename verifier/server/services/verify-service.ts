/**
 * Checks one uploaded file: sniffs its format by its bytes (never by its name or the client's content type),
 * validates it with core against the service's anchors, and returns the `imzala.report/1` as JSON text (what
 * the route sends as is). The same code runs in the HTTP thread (IMZALA_VERIFY_WORKERS=0) and in the verification
 * workers (verify-pool.ts), so the answer does not depend on where it was computed.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ImzalaError } from '../../../core/errors.js';
import { bytesSource, type ByteSource } from '../../../core/io/byte-source.js';
import type { RevocationPolicy } from '../../../core/cms/verify-signed-data.js';
import type { Certificate } from '../../../core/pki/certificate.js';
import type { RevocationCache } from '../../../core/pki/revocation/revocation-data.js';
import type { Language } from '../../../core/report/message-types.js';
import type { ValidationReport } from '../../../core/report/report.js';
import { validateDocument } from '../../../core/validation/validate-document.js';
import type { ValidationContext } from '../../../core/validation/validation-context.js';
import { openFileByteSource, type FileByteSource } from '../../node/file-byte-source.js';
import { nodeRevocationPolicy } from '../../node/revocation-policy.js';
import type { ServerConfig } from '../config.js';
import type { ServerTrust } from '../trust.js';

export interface UploadedDocument {
  /** The file on disk (the service's temporary copy). */
  path: string;
  /** The name the user gave it, shown in the report. */
  name: string;
  /** The signed file of a detached signature (form field `content`), on disk. */
  contentPath?: string;
}

export interface VerifyRequest {
  /** Validate as of this time instead of now. */
  at?: Date;
  language: Language;
}

export interface VerifyService {
  /** The document's `imzala.report/1` as JSON text; refusals are ImzalaErrors with the service's codes. */
  verifyReportJson(document: UploadedDocument, request: VerifyRequest): Promise<string>;
  /** Releases what the service holds (workers); afterwards nothing more is verified. */
  close(): Promise<void>;
}

/** What checking needs beyond the file: the anchors and one revocation policy shared by all requests. */
export interface VerifyEnvironment {
  anchors: readonly Certificate[];
  revocation: RevocationPolicy;
}

/** Parses the optional `at` field: an ISO-8601 date or date-time, else INVALID_TIME. */
export function parseValidationTime(text: string): Date {
  const time = new Date(text);
  if (text.length > 64 || !/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(time.getTime())) {
    throw new ImzalaError('INVALID_TIME', 'the validation time must be ISO-8601', { value: text.slice(0, 64) });
  }
  return time;
}

/**
 * Files up to this size are read whole with one read: a 50 KB PDF would otherwise cost a thread-pool round trip
 * for every small read the PDF parser makes (xref, objects, /Contents), a measurable share of a check. Larger
 * files are read on demand and never held whole.
 */
export const READ_WHOLE_MAX_BYTES = 1024 * 1024;

function readWhole(fd: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let got = 0;
  while (got < size) {
    const n = readSync(fd, bytes, got, size - got, got);
    if (n === 0) break;
    got += n;
  }
  return got === size ? bytes : bytes.subarray(0, got);
}

/** The uploaded file as a ByteSource and a way to let go of it. */
function open(path: string): { source: ByteSource; close(): void } {
  try {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size <= READ_WHOLE_MAX_BYTES) return { source: bytesSource(readWhole(fd, size)), close() {} };
    } finally {
      closeSync(fd);
    }
    const file: FileByteSource = openFileByteSource(path);
    return { source: file, close: () => file.close() };
  } catch (e) {
    throw new ImzalaError('FILE_UNREADABLE', 'the uploaded file cannot be read', { detail: (e as NodeJS.ErrnoException).code ?? 'read error' });
  }
}

/** How long a look-up of the file cache is answered from memory. */
export const REVOCATION_MEMO_MS = 5_000;
/** Most addresses remembered in memory. */
export const REVOCATION_MEMO_ENTRIES = 1024;

/**
 * The file revocation cache with a short memory in front: every check of the same document asks the cache for the
 * same addresses, and reading two files (or failing to) per address per request was a measurable share of a
 * check. An answer (bytes or "not cached") is reused for REVOCATION_MEMO_MS; what this process writes is seen at
 * once. Nothing is trusted for it: core checks cached bytes (signature, thisUpdate/nextUpdate) like fetched ones,
 * and the file cache itself drops entries past their nextUpdate, which is at most REVOCATION_MEMO_MS late here.
 */
export function memoizedRevocationCache(cache: RevocationCache, now: () => number = Date.now): RevocationCache {
  const memo = new Map<string, { at: number; bytes: Uint8Array | undefined }>();
  const remember = (url: string, bytes: Uint8Array | undefined) => {
    memo.delete(url);
    memo.set(url, { at: now(), bytes });
    if (memo.size > REVOCATION_MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  };
  return {
    async get(url) {
      const hit = memo.get(url);
      if (hit && now() - hit.at < REVOCATION_MEMO_MS) return hit.bytes?.slice();
      const bytes = await cache.get(url);
      remember(url, bytes);
      return bytes?.slice();
    },
    async set(url, bytes, expires) {
      await cache.set(url, bytes, expires);
      remember(url, bytes.slice());
    },
  };
}

/** The revocation policy of the service (HTTP thread or worker): the node policy with the memoized cache. */
export function serviceRevocationPolicy(config: Pick<ServerConfig, 'offline' | 'revocationCacheDir'>): RevocationPolicy {
  const policy = nodeRevocationPolicy({ offline: config.offline, required: false, cacheDir: config.revocationCacheDir });
  return policy.cache ? { ...policy, cache: memoizedRevocationCache(policy.cache) } : policy;
}

/** Checks one uploaded file and returns its report; refusals (empty, unknown format, unreadable) throw ImzalaError. */
export async function verifyUploadedFile(document: UploadedDocument, request: VerifyRequest, environment: VerifyEnvironment): Promise<ValidationReport> {
  const file = open(document.path);
  const content = document.contentPath ? open(document.contentPath) : null;
  try {
    // validateDocument refuses an empty file (FILE_EMPTY) and an unknown format (FORMAT_UNKNOWN) by its bytes.
    const checkedAt = new Date();
    const context: ValidationContext = {
      anchors: environment.anchors,
      validationTime: request.at ?? checkedAt,
      crls: [],
      language: request.language,
      revocation: environment.revocation,
    };
    return await validateDocument({ name: document.name, source: file.source, ...(content ? { content: content.source } : {}) }, context, checkedAt);
  } finally {
    file.close();
    content?.close();
  }
}

/** The service checking in the calling thread (IMZALA_VERIFY_WORKERS=0, and tests). */
export function createVerifyService(config: Pick<ServerConfig, 'offline' | 'revocationCacheDir'>, trust: Pick<ServerTrust, 'anchors'>): VerifyService {
  // One policy for all requests: the cache and the lazily loaded HTTP client are shared.
  const environment: VerifyEnvironment = { anchors: trust.anchors, revocation: serviceRevocationPolicy(config) };
  return {
    async verifyReportJson(document, request) {
      return JSON.stringify(await verifyUploadedFile(document, request, environment));
    },
    async close() {},
  };
}
