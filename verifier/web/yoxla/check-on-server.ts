/**
 * The server check, when the user chooses it: the file goes to POST /api/v1/verify. XMLHttpRequest rather than
 * fetch because only it reports upload progress. Refusals arrive as `{"error": {"code", "message"}}` already in the
 * user's language.
 */
import type { Language } from '../../../core/report/message-types.js';
import type { ValidationReport } from '../../../core/report/report.js';

export class CheckRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ServerCheckOptions {
  language: Language;
  /** Fraction of the upload sent (0..1); 1 when the server has it and is checking. */
  onUpload?: (fraction: number) => void;
}

/** `content`: the signed file of a detached signature, sent as the form field `content`. */
export function checkOnServer(file: File, content: File | null, options: ServerCheckOptions): Promise<ValidationReport> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('lang', options.language);
    form.append('file', file, file.name);
    if (content) form.append('content', content, content.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/verify?lang=${options.language}`);
    xhr.responseType = 'json';
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => options.onUpload?.(e.lengthComputable && e.total > 0 ? e.loaded / e.total : 0);
    xhr.upload.onload = () => options.onUpload?.(1);
    xhr.onerror = () => reject(new CheckRefused('NETWORK', 'the server could not be reached'));
    xhr.onload = () => {
      const body = xhr.response as { error?: { code?: string; message?: string } } | ValidationReport | null;
      if (xhr.status === 200 && body && 'schema' in body) return resolve(body);
      const error = body && 'error' in body ? body.error : undefined;
      reject(new CheckRefused(error?.code ?? `HTTP_${xhr.status}`, error?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.send(form);
  });
}
