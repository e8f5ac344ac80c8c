/**
 * The host's own configuration (not the extension's): which PKCS#11 modules to try, an optional PIN program, the
 * language of the PIN dialog and an optional log file. Looked up in IMZALA_HOST_CONFIG, then the user's config dir,
 * then the system's. A file that exists but is wrong makes every command answer HOST_CONFIG_INVALID: silently falling
 * back to defaults could load a module the administrator meant to exclude.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Language } from '../../core/report/message-types.js';
import { HostError } from './host-error.js';

export interface HostConfig {
  /** PKCS#11 modules to try (after a managed `pkcs11Library` from the request, before the built-in list). */
  pkcs11Libraries: string[];
  /** Absolute path of an ask-pass program answering the PIN (off by default). */
  pinProgram: string | null;
  language: Language;
  logFile?: string;
  /** Where the config came from, null when none exists (defaults). */
  source: string | null;
}

export interface ConfigEnvironment {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home?: string;
}

const MAX_CONFIG_BYTES = 64 * 1024;
const MAX_LIBRARIES = 32;

export const DEFAULT_CONFIG: Omit<HostConfig, 'source'> = { pkcs11Libraries: [], pinProgram: null, language: 'az' };

/** The config files looked at, first existing wins. */
export function configCandidates({ env, platform, home = homedir() }: ConfigEnvironment): string[] {
  if (env.IMZALA_HOST_CONFIG) return [env.IMZALA_HOST_CONFIG];
  if (platform === 'win32') {
    return [
      ...(env.APPDATA ? [join(env.APPDATA, 'imzala', 'host.json')] : []),
      join(env.ProgramData ?? 'C:\\ProgramData', 'imzala', 'host.json'),
    ];
  }
  if (platform === 'darwin') {
    return [join(home, 'Library', 'Application Support', 'imzala', 'host.json'), '/Library/Application Support/imzala/host.json'];
  }
  return [join(env.XDG_CONFIG_HOME || join(home, '.config'), 'imzala', 'host.json'), '/etc/imzala/host.json'];
}

/** Loads the host config; throws HostError HOST_CONFIG_INVALID for a file that exists and is wrong. */
export function loadHostConfig(environment: ConfigEnvironment): HostConfig {
  const candidates = configCandidates(environment);
  // An explicit IMZALA_HOST_CONFIG that does not exist is a mistake, not "no config".
  const explicit = Boolean(environment.env.IMZALA_HOST_CONFIG);
  const path = candidates.find((p) => existsSync(p));
  if (!path) {
    if (explicit) throw invalid(candidates[0]!, 'the file does not exist');
    return { ...DEFAULT_CONFIG, source: null };
  }
  if (statSync(path).size > MAX_CONFIG_BYTES) throw invalid(path, `larger than ${MAX_CONFIG_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw invalid(path, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return { ...parseHostConfig(raw, path), source: path };
}

/** Checks the config object field by field. */
export function parseHostConfig(raw: unknown, path: string): Omit<HostConfig, 'source'> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(path, 'not a JSON object');
  const o = raw as Record<string, unknown>;
  const known = new Set(['pkcs11Libraries', 'pinProgram', 'language', 'logFile']);
  const unknown = Object.keys(o).filter((k) => !known.has(k));
  if (unknown.length) throw invalid(path, `unknown keys: ${unknown.join(', ')}`);
  const libraries = o.pkcs11Libraries ?? [];
  if (!Array.isArray(libraries) || libraries.length > MAX_LIBRARIES || !libraries.every((l) => typeof l === 'string' && l.length > 0 && l.length < 1024)) {
    throw invalid(path, 'pkcs11Libraries must be a list of paths');
  }
  const pinProgram = o.pinProgram ?? null;
  if (pinProgram !== null && (typeof pinProgram !== 'string' || !isAbsolute(pinProgram))) throw invalid(path, 'pinProgram must be an absolute path or null');
  const language = o.language ?? 'az';
  if (language !== 'az' && language !== 'en' && language !== 'ru') throw invalid(path, 'language must be az, en or ru');
  const logFile = o.logFile;
  if (logFile !== undefined && (typeof logFile !== 'string' || !isAbsolute(logFile))) throw invalid(path, 'logFile must be an absolute path');
  return { pkcs11Libraries: libraries as string[], pinProgram, language, ...(logFile ? { logFile } : {}) };
}

function invalid(path: string, reason: string): HostError {
  return new HostError('HOST_CONFIG_INVALID', `${path}: ${reason}`, { path, reason });
}
