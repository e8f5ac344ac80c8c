/**
 * What the options page accepts as an imzala service address: anything that parses as a URL is reduced to its
 * origin, which must be https (http only for localhost / 127.0.0.1, for development). The settings module checks
 * the same rule again on save (isSecureOrigin).
 */
import { isSecureOrigin } from '../../lib/settings.js';

export type ServiceOriginInput = { ok: true; origin: string } | { ok: false; reason: 'invalid' | 'duplicate' };

export function parseServiceOrigin(input: string, existing: readonly string[]): ServiceOriginInput {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.username || url.password || !isSecureOrigin(url.origin)) return { ok: false, reason: 'invalid' };
  if (existing.includes(url.origin)) return { ok: false, reason: 'duplicate' };
  return { ok: true, origin: url.origin };
}
