/** The HTML of `GET /p/{id}/{token}`: the initiator's page (its script asks the API, which checks the token). */
import type { Language } from '../../../core/report/message-types.js';
import { processText } from '../../web/process/process-messages.js';
import { escapeHtml, jsonForHtml, renderFrame } from './html.js';

export function renderProcessPage(language: Language, processId: string, token: string, testTrust: boolean): string {
  return renderFrame({
    language,
    path: '/p',
    title: processText('PROCESS_TITLE', language),
    testTrust,
    processes: true,
    main: `<h1>${escapeHtml(processText('PROCESS_TITLE', language))}</h1>\n<div id="app" class="app"></div>`,
    head: `<script type="application/json" id="imzala-page">${jsonForHtml({ language, processId, token })}</script>
<script type="module" src="/assets/app/process.js"></script>`,
  });
}
