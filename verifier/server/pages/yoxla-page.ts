/**
 * The HTML of `GET /yoxla`: the frame, a static form that the page's script brings to life, and the data the
 * script needs (language, limits, whether the service looks revocation up) in a JSON block.
 */
import type { Language } from '../../../core/report/message-types.js';
import { pageText, type PageMessage } from '../../web/page-messages.js';
import type { PageConfig } from '../../web/page-config.js';
import { escapeHtml, jsonForHtml, renderFrame } from './html.js';

export function renderYoxlaPage(config: PageConfig, processes: boolean): string {
  const l: Language = config.language;
  const t = (code: PageMessage, details?: Record<string, unknown>) => escapeHtml(pageText(code, l, details));
  const main = `<h1>${t('PAGE_TITLE')}</h1>
<p class="lead">${t('PAGE_LEAD')}</p>
<noscript><p class="notice">${t('NOSCRIPT')}</p></noscript>
<div id="app" class="app"></div>`;
  return renderFrame({
    language: l,
    path: '/yoxla',
    title: pageText('PAGE_TITLE', l),
    testTrust: config.testTrust,
    processes,
    main,
    head: `<script type="application/json" id="imzala-page">${jsonForHtml(config)}</script>
<script type="module" src="/assets/app/yoxla.js"></script>
<meta name="description" content="${t('PAGE_LEAD')}">`,
  });
}
