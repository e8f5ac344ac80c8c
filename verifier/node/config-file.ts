/**
 * The optional configuration file: a JSON object of the same names as the environment variables, e.g.
 * `{"PORT": 8080, "IMZALA_TRUST_DIR": "trust", "IMZALA_PUBLIC_URL": "https://imzala.example.az"}`. It is the file
 * named by IMZALA_CONFIG, else `./imzala.config.json` when that exists. The environment wins over the file, so one
 * setting can be changed for one run; relative directories in the file are relative to the file, not to where the
 * service was started. A file that cannot be used stops the start with CONFIG_FILE_INVALID (never half-applied).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ImzalaError } from '../../core/errors.js';

/** The names a file may set (ARCHITECTURE.md's and the limits the README documents). */
export const CONFIG_FILE_NAMES = [
  'PORT',
  'IMZALA_DATA_DIR',
  'IMZALA_TRUST_DIR',
  'IMZALA_PUBLIC_URL',
  'IMZALA_MAX_UPLOAD_BYTES',
  'IMZALA_RATE_LIMIT',
  'IMZALA_OFFLINE',
  'IMZALA_VERIFY_WORKERS',
  'IMZALA_TSA_URL',
  'SMTP_URL',
  'IMZALA_MAIL_FROM',
  'IMZALA_MAIL_ATTACHMENT_LIMIT_BYTES',
  'IMZALA_ASAN',
  'IMZALA_REMINDER_HOURS',
  'IMZALA_SCHEDULER_SECONDS',
  'IMZALA_SIMA',
  'IMZALA_SIMA_CLIENT_ID',
  'IMZALA_SIMA_MASTER_KEY',
  'IMZALA_SIMA_MASTER_KEY_FILE',
  'IMZALA_SIMA_CALLBACK_URL',
  'IMZALA_SIMA_CLIENT_NAME',
  'IMZALA_SIMA_ICON_URI',
  'IMZALA_SIMA_TTL_SECONDS',
  'IMZALA_SIMA_CA_FILE',
] as const;

/** Names whose values are paths: relative to the configuration file's directory. */
const DIRECTORY_NAMES: ReadonlySet<string> = new Set(['IMZALA_DATA_DIR', 'IMZALA_TRUST_DIR', 'IMZALA_SIMA_MASTER_KEY_FILE', 'IMZALA_SIMA_CA_FILE']);
export const DEFAULT_CONFIG_FILE = 'imzala.config.json';

function invalid(file: string, reason: string): ImzalaError {
  return new ImzalaError('CONFIG_FILE_INVALID', `configuration file ${file}: ${reason}`, { file, reason });
}

/** The environment with the configuration file's values under it (the environment's own values win). */
export function withConfigFile(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const named = env.IMZALA_CONFIG;
  const file = resolve(named || DEFAULT_CONFIG_FILE);
  if (!named && !existsSync(file)) return env;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw invalid(file, code ? `cannot be read (${code})` : 'is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid(file, 'must be a JSON object');
  const values: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!(CONFIG_FILE_NAMES as readonly string[]).includes(name)) throw invalid(file, `unknown name "${name}" (known: ${CONFIG_FILE_NAMES.join(', ')})`);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw invalid(file, `"${name}" must be a string, number or boolean`);
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    values[name] = DIRECTORY_NAMES.has(name) ? resolve(dirname(file), text) : text;
  }
  const merged: NodeJS.ProcessEnv = { ...values };
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value !== '') merged[name] = value;
  return merged;
}
