/**
 * The secrets in signing links (`/s/{token}`). A token is HMAC-SHA-256 of (process id, signer index) under the
 * service's own 256-bit random secret ($IMZALA_DATA_DIR/secret.key, made once, readable by the service only):
 * 256 unguessable bits, the same in the invitation and every reminder, so a mail can be composed again after a crash
 * without the token ever being stored. The store keeps only the token's SHA-256, so neither a copy of the store nor
 * one of the outbox holds a working link. A token that does not have the shape of ours is refused before any look-up.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ImzalaError } from '../../../core/errors.js';

export const SERVICE_SECRET_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The service's secret for link tokens: read from `dataDir/secret.key`, or made there (0600) on first use. */
export function serviceSecret(dataDir: string): Uint8Array {
  const file = join(dataDir, 'secret.key');
  try {
    const secret = new Uint8Array(readFileSync(file));
    if (secret.length === SERVICE_SECRET_BYTES) return secret;
    throw new ImzalaError('SERVICE_SECRET_INVALID', `${file} is not a ${SERVICE_SECRET_BYTES}-byte secret`, { file });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = new Uint8Array(randomBytes(SERVICE_SECRET_BYTES));
  // 'wx': two starts racing do not overwrite each other's secret; the loser reads the winner's.
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return serviceSecret(dataDir);
    throw e;
  }
  return secret;
}

/** The link token of one signer of one process. */
export function linkToken(secret: Uint8Array, processId: string, signerIndex: number): string {
  return createHmac('sha256', secret).update(`imzala-link:${processId}:${signerIndex}`, 'utf8').digest('base64url');
}

/**
 * The token of the initiator's link to a process (`/p/{processId}/{token}`: status, history, cancel). It is not stored
 * at all: the service recomputes it from the process id and compares in constant time.
 */
export function initiatorToken(secret: Uint8Array, processId: string): string {
  return createHmac('sha256', secret).update(`imzala-initiator:${processId}`, 'utf8').digest('base64url');
}

/** True when `token` is the initiator's token of `processId`. */
export function isInitiatorToken(secret: Uint8Array, processId: string, token: string): boolean {
  if (!TOKEN_SHAPE.test(token)) return false;
  const expected = Buffer.from(initiatorToken(secret, processId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The store key of a token from a link; LINK_INVALID when it cannot be one of ours. */
export function linkTokenHash(token: string): string {
  if (!TOKEN_SHAPE.test(token)) throw new ImzalaError('LINK_INVALID', 'the link is not a signing link', {});
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
