/**
 * The HTML of `GET /s/{token}`: the frame and the element the signing page's script fills. The token is only
 * checked for its shape here (the script asks the API, which refuses unknown links in words); the Referrer-Policy
 * (no-referrer, from helmet) keeps it out of other sites' logs.
 */
import type { Language } from '../../../core/report/message-types.js';
import { signingText } from '../../web/signing/signing-messages.js';
import { escapeHtml, jsonForHtml, renderFrame } from './html.js';

export function renderSigningPage(language: Language, token: string, testTrust: boolean): string {
  return renderFrame({
    language,
    path: '/s',
    title: signingText('SIGN_TITLE', language),
    testTrust,
    processes: true,
    main: `<h1>${escapeHtml(signingText('SIGN_TITLE', language))}</h1>\n<div id="app" class="app"></div>`,
    head: `<script type="application/json" id="imzala-page">${jsonForHtml({ language, token })}</script>
<script type="module" src="/assets/app/sign.js"></script>`,
  });
}
