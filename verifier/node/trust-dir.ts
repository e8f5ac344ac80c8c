/** Reads trust anchors (PEM/DER/CRT files, or directories of them) and CRL files from disk. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Crl } from '../../core/pki/crl.js';
import { TrustStore } from '../../core/pki/trust-store.js';
import { decodePem, looksLikePem } from '../../core/encoding/pem.js';
import { ImzalaError } from '../../core/errors.js';
import { defaultTrustDir } from './config.js';

const CERT_EXTENSIONS = /\.(pem|crt|cer|der)$/i;

function filesUnder(path: string, depth = 0): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  if (!st.isDirectory() || depth > 8) return [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const child = join(path, name);
      const cst = statSync(child);
      if (cst.isDirectory()) return filesUnder(child, depth + 1);
      return CERT_EXTENSIONS.test(name) ? [child] : [];
    });
}

/** The trust paths to use: those given (--trust), else the configured trust dir when it exists, else none. */
export function trustPaths(given: string[] | undefined, env: NodeJS.ProcessEnv): string[] {
  if (given) return given;
  const dir = defaultTrustDir(env);
  return dir ? [dir] : [];
}

/** Trust store from files and directories; a path that does not exist is a usage error. */
export function loadTrustStore(paths: string[]): TrustStore {
  const files = paths.flatMap((p) => {
    try {
      return filesUnder(p);
    } catch {
      throw new ImzalaError('TRUST_PATH_NOT_FOUND', `trust path not found: ${p}`, { path: p });
    }
  });
  return TrustStore.fromFiles(files.map((name) => ({ name, bytes: new Uint8Array(readFileSync(name)) })));
}

/** CRLs from files (DER or PEM "X509 CRL"). */
export function loadCrls(paths: string[]): Crl[] {
  return paths.flatMap((p) => {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(p));
    } catch {
      throw new ImzalaError('CRL_FILE_NOT_FOUND', `CRL file not found: ${p}`, { path: p });
    }
    const ders = looksLikePem(bytes)
      ? decodePem(new TextDecoder().decode(bytes)).filter((b) => b.label === 'X509 CRL').map((b) => b.der)
      : [bytes];
    return ders.map((der) => Crl.fromDer(der));
  });
}
