/**
 * The private check: the document is read from the user's disk by the browser and validated here with core, the
 * same code the server runs. Only revocation look-ups go to the service (through its narrow proxy, which accepts
 * only addresses named in certificates of trusted chains); the document itself is never sent.
 */
import { fromBase64 } from '../../../core/encoding/base64.js';
import { blobSource } from '../../../core/io/byte-source.js';
import { Certificate } from '../../../core/pki/certificate.js';
import type { Language } from '../../../core/report/message-types.js';
import type { ValidationReport } from '../../../core/report/report.js';
import { sniffFormat, validateDocument } from '../../../core/validation/validate-document.js';
import { callApi } from '../api-client.js';
import { createProxyFetcher } from '../proxy-fetcher.js';

interface TrustAnchorsJson {
  anchors: { certificate: string }[];
}

let anchorsOnce: Promise<Certificate[]> | undefined;

/** The service's anchors, fetched once per page. */
function trustAnchors(): Promise<Certificate[]> {
  anchorsOnce ??= callApi<TrustAnchorsJson>('/api/v1/trust-anchors')
    .then((body) => body.anchors.map((a) => Certificate.fromDer(fromBase64(a.certificate))))
    .catch((e: unknown) => {
      anchorsOnce = undefined; // a failed fetch is tried again on the next check
      throw e;
    });
  return anchorsOnce;
}

export interface BrowserCheckOptions {
  language: Language;
  /** The service checks offline: do the same, so both ways give one report. */
  offline: boolean;
  /** Bytes of the file read so far. */
  onProgress?: (bytesRead: number) => void;
}

/** `content`: the signed file of a detached signature (.p7s), chosen together with it. */
export async function checkInBrowser(file: File, content: File | null, options: BrowserCheckOptions): Promise<ValidationReport> {
  const anchors = await trustAnchors();
  const checkedAt = new Date();
  let signatureRead = 0;
  let contentRead = 0;
  const progress = () => options.onProgress?.(signatureRead + contentRead);
  return validateDocument(
    {
      name: file.name,
      source: blobSource(file, (n) => ((signatureRead = n), progress())),
      ...(content ? { content: blobSource(content, (n) => ((contentRead = n), progress())) } : {}),
    },
    {
      anchors,
      validationTime: checkedAt,
      crls: [],
      language: options.language,
      revocation: { offline: options.offline, required: false, fetcher: createProxyFetcher(location.origin) },
    },
    checkedAt,
  );
}

/**
 * Which of the chosen files is the signed document and which (if any) the signed content of a detached
 * signature: with two files, the one that is CMS is the signature, the other its content. One file is itself.
 */
export async function pairFiles(files: readonly File[]): Promise<{ file: File; content: File | null }> {
  if (files.length < 2) return { file: files[0]!, content: null };
  const [a, b] = files as [File, File];
  const [formatA, formatB] = await Promise.all([sniffFormat(blobSource(a)), sniffFormat(blobSource(b))]);
  if (formatB === 'cms' && formatA !== 'cms') return { file: b, content: a };
  return { file: a, content: formatA === 'cms' ? b : null };
}
