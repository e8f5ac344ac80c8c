/**
 * The consent window: shows the requesting origin (from the background, which took it from the browser) and the
 * document name, and sends the user's Allow / Deny back as `ui:consent-answer`. Text only: nothing from the page is
 * ever interpreted as HTML.
 */
import { browser } from 'wxt/browser';
import { CONSENT_TEXT } from '../../lib/consent-text.js';
import { loadSettings } from '../../lib/settings.js';

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const requestId = params.get('request') ?? '';
  const origin = params.get('origin') ?? '';
  const documentName = params.get('document') ?? '';
  const { settings } = await loadSettings();
  const text = CONSENT_TEXT[settings.language];
  document.documentElement.lang = settings.language;
  document.title = text.title;

  const root = document.getElementById('consent')!;
  const heading = el('h1', text.title);
  const question = el('p', text.question);
  const originLine = el('div', origin);
  originLine.className = 'origin';
  originLine.id = 'origin';
  const documentLine = el('p', `${text.documentLabel} `);
  documentLine.className = 'document';
  const name = el('strong', documentName);
  name.id = 'document-name';
  documentLine.append(name);
  const note = el('p', text.note);
  note.className = 'note';
  const allow = el('button', text.allow);
  allow.id = 'allow';
  const deny = el('button', text.deny);
  deny.id = 'deny';
  const actions = el('div');
  actions.className = 'actions';
  actions.append(allow, deny);
  root.append(heading, question, originLine, documentLine, note, actions);

  const answer = async (allowed: boolean) => {
    allow.disabled = deny.disabled = true;
    const reply = (await browser.runtime.sendMessage({ type: 'ui:consent-answer', requestId, allow: allowed })) as { ok?: boolean } | undefined;
    if (reply?.ok !== true) {
      root.replaceChildren(el('p', text.expired));
      return;
    }
    window.close();
  };
  allow.addEventListener('click', () => void answer(true));
  deny.addEventListener('click', () => void answer(false));
  deny.focus();
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, content?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (content !== undefined) node.textContent = content;
  return node;
}

void main();
