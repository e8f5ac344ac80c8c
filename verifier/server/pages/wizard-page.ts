/** The HTML of `GET /yeni`: the frame and the element the wizard's script fills (see verifier/web/wizard). */
import type { Language } from '../../../core/report/message-types.js';
import { wizardText } from '../../web/wizard/wizard-messages.js';
import { escapeHtml, jsonForHtml, renderFrame } from './html.js';

export function renderWizardPage(language: Language, testTrust: boolean): string {
  const main = `<h1>${escapeHtml(wizardText('WIZARD_TITLE', language))}</h1>
<p class="lead">${escapeHtml(wizardText('WIZARD_LEAD', language))}</p>
<div id="app" class="app"></div>`;
  return renderFrame({
    language,
    path: '/yeni',
    title: wizardText('WIZARD_TITLE', language),
    testTrust,
    processes: true,
    main,
    head: `<script type="application/json" id="imzala-page">${jsonForHtml({ language })}</script>
<script type="module" src="/assets/app/yeni.js"></script>`,
  });
}
