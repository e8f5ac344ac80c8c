/** Addresses on the configured imzala service the pages link to. */
import type { Settings } from '../lib/settings.js';

/** Where the install instructions for the helper program live on the service (to be served by the verifier). */
export const INSTALL_HELP_PATH = '/qurasdirma';

/** The first configured service, the one the pages link to and fetch trust anchors from. */
export function primaryServiceUrl(settings: Settings): string | undefined {
  return settings.serviceUrls[0];
}

/** `path` on the first configured service, or undefined when none is configured. */
export function serviceLink(settings: Settings, path: string): string | undefined {
  const base = primaryServiceUrl(settings);
  return base === undefined ? undefined : new URL(path, base).href;
}
