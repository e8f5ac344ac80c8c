/**
 * The trust store: the anchors an operator chose (AZ-ESIGN.md §3: RCA, PCA, ICA files from the CA's site),
 * read from file contents. Reading a directory is the platform's job (verifier/ in Node); this part is pure.
 *
 * Accepted per file: PEM text with any number of CERTIFICATE (or X509 CERTIFICATE / TRUSTED CERTIFICATE) blocks
 * (other PEM blocks, such as keys or CRLs, are skipped), or one DER certificate (.cer/.crt/.der as Windows
 * and CA sites ship them). A file that cannot be used is recorded in `problems`; it never stops the others.
 * OpenSSL's TRUSTED CERTIFICATE trust settings are not honoured: the certificate is trusted as an anchor like
 * any other, because the operator put it in the trust directory.
 */
import { latin1String } from '../encoding/bytes.js';
import { readTlv } from '../encoding/der-reader.js';
import { decodePem } from '../encoding/pem.js';
import { isImzalaError } from '../errors.js';
import { Certificate } from './certificate.js';

export interface TrustFile {
  name: string;
  bytes: Uint8Array;
}

export interface TrustStoreProblem {
  file: string;
  code: 'CERTIFICATE_MALFORMED' | 'TRUST_FILE_NO_CERTIFICATE' | 'TRUST_FILE_TOO_LARGE';
  message: string;
}

/** A trust file larger than this is not read: a bundle of every public root is under 300 KB. */
export const MAX_TRUST_FILE_SIZE = 8 * 1024 * 1024;
/** Most certificates taken from one file. */
export const MAX_CERTIFICATES_PER_FILE = 1000;

const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);

export class TrustStore {
  private constructor(
    /** Anchors, without duplicates (same SHA-256), in the order first seen. */
    readonly anchors: readonly Certificate[],
    readonly problems: readonly TrustStoreProblem[],
  ) {}

  /** Builds a trust store from file contents; never throws for bad files (see `problems`). */
  static fromFiles(files: readonly TrustFile[]): TrustStore {
    const anchors: Certificate[] = [];
    const seen = new Set<string>();
    const problems: TrustStoreProblem[] = [];
    const add = (file: string, der: Uint8Array) => {
      try {
        const cert = Certificate.fromDer(der);
        if (seen.has(cert.sha256)) return;
        seen.add(cert.sha256);
        anchors.push(cert);
      } catch (e) {
        problems.push({ file, code: 'CERTIFICATE_MALFORMED', message: isImzalaError(e) ? e.message : String(e) });
      }
    };
    for (const { name, bytes } of files) {
      if (bytes.length > MAX_TRUST_FILE_SIZE) {
        problems.push({ file: name, code: 'TRUST_FILE_TOO_LARGE', message: `larger than ${MAX_TRUST_FILE_SIZE} bytes` });
        continue;
      }
      // A DER certificate starts with a SEQUENCE tag; anything else is read as text (PEM may follow long comments).
      const text = bytes[0] === 0x30 ? undefined : latin1String(bytes);
      if (text?.includes('-----BEGIN ')) {
        let blocks;
        try {
          blocks = decodePem(text).filter((b) => CERTIFICATE_LABELS.has(b.label));
        } catch (e) {
          problems.push({ file: name, code: 'CERTIFICATE_MALFORMED', message: `PEM text cannot be decoded: ${String(e)}` });
          continue;
        }
        if (blocks.length === 0) {
          problems.push({ file: name, code: 'TRUST_FILE_NO_CERTIFICATE', message: 'no CERTIFICATE block in the PEM file' });
          continue;
        }
        for (const block of blocks.slice(0, MAX_CERTIFICATES_PER_FILE)) {
          add(name, block.label === 'TRUSTED CERTIFICATE' ? leadingElement(block.der) : block.der);
        }
        continue;
      }
      add(name, bytes);
    }
    return new TrustStore(anchors, problems);
  }

  /** True when a certificate with this SHA-256 is an anchor. */
  has(certificate: Certificate): boolean {
    return this.anchors.some((a) => a.sha256 === certificate.sha256);
  }
}

/** The certificate at the start of an OpenSSL TRUSTED CERTIFICATE (the auxiliary trust data follows it). */
function leadingElement(der: Uint8Array): Uint8Array {
  try {
    return der.subarray(0, readTlv(der).end);
  } catch {
    return der;
  }
}
