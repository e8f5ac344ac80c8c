import { installPageRelay } from '../lib/page-relay.js';

// Top frames only, early, so the page's first request finds the relay ready.
export default defineContentScript({
  matches: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
  runAt: 'document_start',
  allFrames: false,
  main(ctx) {
    void installPageRelay(ctx.signal);
  },
});
