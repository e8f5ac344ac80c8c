/**
 * Handovers waiting for a service page: the extension's own pages leave documents and people here for one configured
 * service origin ("send for further signatures"), and that origin's wizard takes them once through the page bridge.
 * Kept in the background's memory for 10 minutes at most: the wizard opens right after, in the same browser.
 */
import type { Handover } from '../../../core/protocol/page.js';

const LIFETIME_MS = 10 * 60_000;
const waiting = new Map<string, { handover: Handover; until: number }>();

/** Leaves `handover` for `origin`, replacing an older one for it. */
export function leaveHandover(origin: string, handover: Handover, now = Date.now()): void {
  for (const [o, entry] of waiting) if (entry.until < now) waiting.delete(o);
  waiting.set(origin, { handover, until: now + LIFETIME_MS });
}

/** The handover left for `origin`, once; null when there is none (or it is older than 10 minutes). */
export function takeHandover(origin: string, now = Date.now()): Handover | null {
  const entry = waiting.get(origin);
  waiting.delete(origin);
  return entry && entry.until >= now ? entry.handover : null;
}
