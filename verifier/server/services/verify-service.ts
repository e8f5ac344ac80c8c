/**
 * Checks one uploaded file: sniffs its format by its bytes (never by its name or the client's content type),
 * validates it with core against the service's anchors, and returns the `imzala.report/1`.
 */
import { ImzalaError } from '../../../core/errors.js';
import type { Language } from '../../../core/report/message-types.js';
import type { ValidationReport } from '../../../core/report/report.js';
import { sniffFormat, validateDocument } from '../../../core/validation/validate-document.js';
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
}

export interface VerifyRequest {
  /** Validate as of this time instead of now. */
  at?: Date;
  language: Language;
}

export interface VerifyService {
  verify(document: UploadedDocument, request: VerifyRequest): Promise<ValidationReport>;
}

/** Parses the optional `at` field: an ISO-8601 date or date-time, else INVALID_TIME. */
export function parseValidationTime(text: string): Date {
  const time = new Date(text);
  if (text.length > 64 || !/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(time.getTime())) {
    throw new ImzalaError('INVALID_TIME', 'the validation time must be ISO-8601', { value: text.slice(0, 64) });
  }
  return time;
}

function open(path: string): FileByteSource {
  try {
    return openFileByteSource(path);
  } catch (e) {
    throw new ImzalaError('FILE_UNREADABLE', 'the uploaded file cannot be read', { detail: (e as NodeJS.ErrnoException).code ?? 'read error' });
  }
}

export function createVerifyService(config: Pick<ServerConfig, 'offline' | 'revocationCacheDir'>, trust: ServerTrust): VerifyService {
  // One policy for all requests: the cache and the lazily loaded HTTP client are shared.
  const revocation = nodeRevocationPolicy({ offline: config.offline, required: false, cacheDir: config.revocationCacheDir });
  return {
    async verify(document, request) {
      const source = open(document.path);
      try {
        if (source.size === 0) throw new ImzalaError('FILE_EMPTY', 'the file is empty');
        if ((await sniffFormat(source)) === 'unknown') {
          throw new ImzalaError('FORMAT_UNKNOWN', 'the file is not a signed format imzala knows (PDF, CMS .p7s, ASiC)');
        }
        const checkedAt = new Date();
        const context: ValidationContext = {
          anchors: trust.anchors,
          validationTime: request.at ?? checkedAt,
          crls: [],
          language: request.language,
          revocation,
        };
        return await validateDocument({ name: document.name, source }, context, checkedAt);
      } finally {
        source.close();
      }
    },
  };
}
