/**
 * The secrets in signing links (`/s/{token}`): 256 random bits, base64url, so a link cannot be guessed; the store
 * keeps only their SHA-256, so a copy of the store does not hold working links. A token that does not have the
 * shape of ours is refused before any look-up.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ImzalaError } from '../../../core/errors.js';

/** 32 bytes (256 bits) of randomness: at least the 128 bits the issue asks for, with a wide margin. */
export const LINK_TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface LinkToken {
  /** Goes into the link, and nowhere else. */
  token: string;
  /** SHA-256 hex of the token: what the store keeps and looks up. */
  hash: string;
}

export function newLinkToken(): LinkToken {
  const token = randomBytes(LINK_TOKEN_BYTES).toString('base64url');
  return { token, hash: linkTokenHash(token) };
}

/** The store key of a token from a link; LINK_INVALID when it cannot be one of ours. */
export function linkTokenHash(token: string): string {
  if (!TOKEN_SHAPE.test(token)) throw new ImzalaError('LINK_INVALID', 'the link is not a signing link', {});
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
