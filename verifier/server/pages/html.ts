/**
 * The HTML frame shared by the service's pages: language, the header with the language switch and navigation, the
 * TEST banner while the demo anchors are trusted. Every value placed in HTML goes through `escapeHtml`; a page has
 * no inline script or style (the Content-Security-Policy forbids them), data for the script travels in a JSON block.
 */
import { LANGUAGES, type Language } from '../../../core/report/message-types.js';
import { pageText, type PageMessage } from '../../web/page-messages.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** JSON for a `<script type="application/json">` block: `<` escaped so no value can close the element. */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export type PagePath = '/yoxla' | '/yoxla/etibar' | '/yeni' | '/s' | '/p' | '/qurasdirma';

export interface FrameOptions {
  language: Language;
  /** The page's path, for the language links and the current navigation entry. */
  path: PagePath;
  /** The page's title, already in `language`. */
  title: string;
  testTrust: boolean;
  /** The service runs signing processes: the navigation offers "send for signing". */
  processes: boolean;
  /** Trusted HTML of the page's main part (built with escapeHtml). */
  main: string;
  /** Extra trusted HTML for the head (the page's script). */
  head?: string;
}

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { az: 'Azərbaycanca', en: 'English', ru: 'Русский' };

export function renderFrame(o: FrameOptions): string {
  const t = (code: PageMessage) => escapeHtml(pageText(code, o.language));
  const languages = LANGUAGES.map((l) =>
    l === o.language
      ? `<a href="${o.path}?lang=${l}" hreflang="${l}" lang="${l}" aria-current="true" data-lang="${l}">${LANGUAGE_NAMES[l]}</a>`
      : `<a href="${o.path}?lang=${l}" hreflang="${l}" lang="${l}" data-lang="${l}">${LANGUAGE_NAMES[l]}</a>`,
  ).join('');
  const nav = (path: PagePath, code: PageMessage) =>
    `<a href="${path}?lang=${o.language}"${path === o.path ? ' aria-current="page"' : ''}>${t(code)}</a>`;
  return `<!doctype html>
<html lang="${o.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(o.title)} · imzala</title>
<link rel="stylesheet" href="/assets/static/yoxla.css">
${o.head ?? ''}
</head>
<body>
${o.testTrust ? `<div class="test-banner" role="note" id="test-banner"><strong>TEST</strong> ${t('TEST_BANNER')}</div>` : ''}
<header class="top">
  <a class="brand" href="/yoxla?lang=${o.language}">imzala</a>
  <nav class="nav" aria-label="imzala">${nav('/yoxla', 'NAV_CHECK')}${o.processes ? nav('/yeni', 'NAV_SEND') : ''}${nav('/yoxla/etibar', 'NAV_TRUST')}</nav>
  <nav class="languages" aria-label="${t('LANGUAGE')}">${languages}</nav>
</header>
<main id="main">
${o.main}
</main>
</body>
</html>
`;
}
