/**
 * The adapters the content script knows, and which one handles a page: the first whose `matches(url)` says yes. In
 * the TEST build the adapters also accept their localhost replicas (they read TEST_BUILD from ./test-build.ts).
 */
import { gmailAdapter } from '../gmail/gmail-adapter.js';
import { outlookAdapter } from '../outlook/outlook-adapter.js';
import type { WebmailAdapter } from './types.js';

export const WEBMAIL_ADAPTERS: readonly WebmailAdapter[] = [gmailAdapter, outlookAdapter];

/** The adapter for the page at `url`, or null when it is no webmail we know. A throwing matches() counts as no. */
export function adapterFor(url: URL, adapters: readonly WebmailAdapter[] = WEBMAIL_ADAPTERS): WebmailAdapter | null {
  for (const adapter of adapters) {
    try {
      if (adapter.matches(url)) return adapter;
    } catch {
      // an adapter's bug must not stop the others
    }
  }
  return null;
}
