/**
 * SİMA Web2App configuration (environment over the JSON configuration file, like every setting):
 *   IMZALA_SIMA                 'simulator' | 'real' | unset (off)
 *   IMZALA_SIMA_CLIENT_ID       the ClientId the operator assigned (integer); simulator default 1
 *   IMZALA_SIMA_MASTER_KEY      base64, at least 32 bytes (or IMZALA_SIMA_MASTER_KEY_FILE: a file holding that base64)
 *                               simulator without one: generated once in $IMZALA_DATA_DIR/sima-master.key
 *   IMZALA_SIMA_CALLBACK_URL    default {IMZALA_PUBLIC_URL}/api/v1/sima/callback
 *   IMZALA_SIMA_CLIENT_NAME     default 'imzala'
 *   IMZALA_SIMA_ICON_URI        default {public URL}/favicon.ico
 *   IMZALA_SIMA_TTL_SECONDS     contract lifetime, default 300 (30..3600)
 *   IMZALA_SIMA_CA_FILE         PEM file of the SİMA issuing CA(s) and the PCA (the app sends only the person's
 *                               certificate); simulator default: the demo directory's mobile-ca.pem and pca.pem
 * 'real' refuses to start (SIMA_CONFIG_INVALID) without a client id, a master key, IMZALA_PUBLIC_URL and the CA file.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodePem } from '../../../core/encoding/pem.js';
import { ImzalaError } from '../../../core/errors.js';
import { Certificate } from '../../../core/pki/certificate.js';
import { SIMA_CONFIG_INVALID } from './codes.js';
import { SIMA_CALLBACK_PATH, type SimaClient } from './contract.js';

export const SIMA_MASTER_KEY_MIN_BYTES = 32;
export const DEFAULT_SIMA_TTL_SECONDS = 300;

export interface SimaSettings {
  mode: 'simulator' | 'real';
  clientId: number;
  clientName: string;
  /** null: {public URL}/favicon.ico. */
  iconUri: string | null;
  /** null: {public URL}/api/v1/sima/callback. */
  callbackUrl: string | null;
  masterKey: Uint8Array;
  ttlSeconds: number;
  /** null: the simulator's demo CA files. */
  caFile: string | null;
}

const invalid = (name: string, detail: string) => new ImzalaError(SIMA_CONFIG_INVALID, `the SİMA configuration is invalid: ${detail}`, { name, detail });

function masterKeyFrom(text: string, name: string): Uint8Array {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ? new Uint8Array(Buffer.from(trimmed, 'base64')) : new Uint8Array();
  if (key.length < SIMA_MASTER_KEY_MIN_BYTES) throw invalid(name, `${name} must be base64 of at least ${SIMA_MASTER_KEY_MIN_BYTES} bytes`);
  return key;
}

/** The simulator's master key, made once in the data directory (like secret.key). */
function generatedMasterKey(dataDir: string): Uint8Array {
  const file = join(dataDir, 'sima-master.key');
  try {
    return masterKeyFrom(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${Buffer.from(randomBytes(32)).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return masterKeyFrom(readFileSync(file, 'utf8'), file);
}

function url(env: NodeJS.ProcessEnv, name: string): string | null {
  const text = env[name];
  if (!text) return null;
  try {
    const u = new URL(text);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch {
    // refused below
  }
  throw invalid(name, `${name} must be an http(s) URL`);
}

/**
 * The SİMA settings, or null when IMZALA_SIMA is unset.
 * @throws ImzalaError SIMA_CONFIG_INVALID
 */
export function loadSimaSettings(env: NodeJS.ProcessEnv, context: { dataDir: string; publicUrl: string | null }): SimaSettings | null {
  const mode = env.IMZALA_SIMA;
  if (!mode) return null;
  if (mode !== 'simulator' && mode !== 'real') throw invalid('IMZALA_SIMA', 'IMZALA_SIMA must be simulator or real');
  const idText = env.IMZALA_SIMA_CLIENT_ID;
  if (!idText && mode === 'real') throw invalid('IMZALA_SIMA_CLIENT_ID', 'IMZALA_SIMA=real needs IMZALA_SIMA_CLIENT_ID');
  const clientId = idText ? Number(idText) : 1;
  if (!/^\d{1,10}$/.test(idText ?? '1') || !Number.isSafeInteger(clientId) || clientId > 2 ** 31 - 1) throw invalid('IMZALA_SIMA_CLIENT_ID', 'IMZALA_SIMA_CLIENT_ID must be a whole number');
  let masterKey: Uint8Array;
  if (env.IMZALA_SIMA_MASTER_KEY) masterKey = masterKeyFrom(env.IMZALA_SIMA_MASTER_KEY, 'IMZALA_SIMA_MASTER_KEY');
  else if (env.IMZALA_SIMA_MASTER_KEY_FILE) {
    let text: string;
    try {
      text = readFileSync(env.IMZALA_SIMA_MASTER_KEY_FILE, 'utf8');
    } catch (e) {
      throw invalid('IMZALA_SIMA_MASTER_KEY_FILE', `IMZALA_SIMA_MASTER_KEY_FILE cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    masterKey = masterKeyFrom(text, 'IMZALA_SIMA_MASTER_KEY_FILE');
  } else if (mode === 'real') throw invalid('IMZALA_SIMA_MASTER_KEY', 'IMZALA_SIMA=real needs IMZALA_SIMA_MASTER_KEY or IMZALA_SIMA_MASTER_KEY_FILE');
  else masterKey = generatedMasterKey(context.dataDir);
  if (mode === 'real' && !context.publicUrl) throw invalid('IMZALA_PUBLIC_URL', 'IMZALA_SIMA=real needs IMZALA_PUBLIC_URL (the app must reach the service)');
  if (mode === 'real' && !env.IMZALA_SIMA_CA_FILE) throw invalid('IMZALA_SIMA_CA_FILE', 'IMZALA_SIMA=real needs IMZALA_SIMA_CA_FILE (the SİMA issuing CA and PCA certificates)');
  const ttlText = env.IMZALA_SIMA_TTL_SECONDS;
  const ttlSeconds = ttlText ? Number(ttlText) : DEFAULT_SIMA_TTL_SECONDS;
  if (!/^\d+$/.test(ttlText ?? '300') || ttlSeconds < 30 || ttlSeconds > 3600) throw invalid('IMZALA_SIMA_TTL_SECONDS', 'IMZALA_SIMA_TTL_SECONDS must be 30..3600');
  return {
    mode,
    clientId,
    clientName: env.IMZALA_SIMA_CLIENT_NAME || 'imzala',
    iconUri: url(env, 'IMZALA_SIMA_ICON_URI'),
    callbackUrl: url(env, 'IMZALA_SIMA_CALLBACK_URL'),
    masterKey,
    ttlSeconds,
    caFile: env.IMZALA_SIMA_CA_FILE || null,
  };
}

/** The contract's client; `publicUrl` is asked per use (the service's URL is known only once it listens). */
export function simaClient(settings: SimaSettings, publicUrl: () => string): SimaClient {
  const base = () => publicUrl().replace(/\/+$/, '');
  return {
    clientId: settings.clientId,
    clientName: settings.clientName,
    masterKey: settings.masterKey,
    get publicUrl() {
      return base();
    },
    get callbackUrl() {
      return settings.callbackUrl ?? `${base()}${SIMA_CALLBACK_PATH}`;
    },
    get iconUri() {
      return settings.iconUri ?? `${base()}/favicon.ico`;
    },
  };
}

/**
 * The CA certificates between the person and the anchors: IMZALA_SIMA_CA_FILE, or for the simulator the demo
 * directory's mobile CA and PCA.
 * @throws ImzalaError SIMA_CONFIG_INVALID when the file cannot be read or holds no certificate
 */
export function simaIntermediates(settings: SimaSettings, demoPkiDir: string): Certificate[] {
  const files = settings.caFile ? [settings.caFile] : [join(demoPkiDir, 'mobile-ca.pem'), join(demoPkiDir, 'pca.pem')];
  const certificates: Certificate[] = [];
  for (const file of files) {
    try {
      for (const block of decodePem(readFileSync(file, 'latin1'))) if (block.label === 'CERTIFICATE') certificates.push(Certificate.fromDer(block.der));
    } catch (e) {
      throw invalid('IMZALA_SIMA_CA_FILE', `${file} cannot be used (${(e as NodeJS.ErrnoException).code ?? 'not a certificate'})`);
    }
  }
  if (certificates.length === 0) throw invalid('IMZALA_SIMA_CA_FILE', `${files.join(', ')} holds no certificate`);
  return certificates;
}
