/** Configuration names of ARCHITECTURE.md (stable): IMZALA_DATA_DIR (default ./data), IMZALA_TRUST_DIR (default $IMZALA_DATA_DIR/trust). */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.IMZALA_DATA_DIR || './data');
}

export function trustDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.IMZALA_TRUST_DIR || join(dataDir(env), 'trust'));
}

/** The configured trust dir when it exists, else null (then nothing is trusted and the report says so). */
export function defaultTrustDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = trustDir(env);
  return existsSync(dir) ? dir : null;
}
