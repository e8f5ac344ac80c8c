/**
 * The Outlook on the web adapter: where OWA shows an opened message's attachments, how it downloads them, how to open
 * a reply and attach a file, and where compose forms are. Every selector is in ./selectors.ts; this file only walks
 * the page with them. Nothing here is sent anywhere but the page's own origin.
 */
import { ImzalaError } from '../../../../core/errors.js';
import { webmailMessage } from '../core/codes.js';
import { closestMatching, firstMatching, queryAll, queryOne } from '../core/selector-engine.js';
import { TEST_BUILD } from '../core/test-build.js';
import { FeatureUnavailable, type AttachmentRef, type ComposeRef, type Participant, type WebmailAdapter } from '../core/types.js';
import * as S from './selectors.js';

/** The hosts of Outlook on the web: one OWA app for work/school (office, office365) and personal (live) accounts. */
export const OUTLOOK_HOSTS: readonly string[] = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'];

/** How long a reply may take to open, and an attached file to show, before replyWithFile gives up. */
const REPLY_WAIT_MS = 15_000;

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Whether `url` is Outlook on the web (or, in the TEST build only, an Outlook replica on localhost). */
export function isOutlookUrl(url: URL, testBuild: boolean = TEST_BUILD): boolean {
  if (url.protocol === 'https:' && OUTLOOK_HOSTS.includes(url.hostname)) return true;
  return testBuild && url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1') && url.pathname.startsWith('/outlook/mail/');
}

function documentOf(node: ParentNode): Document {
  return node instanceof Document ? node : ((node as Node).ownerDocument ?? document);
}

/** The messages inside `root`, or the one `root` sits in (an added subtree may be part of an open message). */
function messagesAround(root: ParentNode): Element[] {
  const inside = queryAll(root, S.message);
  if (inside.length > 0) return inside;
  const around = root instanceof Element ? closestMatching(root, S.message) : null;
  return around ? [around] : [];
}

/** Keys a message while it is open: the selected conversation's id (as Mailvelope does) and the message's position. */
function messageKeyOf(messageElement: Element): string {
  const doc = documentOf(messageElement);
  const all = queryAll(doc, S.message);
  return `${conversationId(doc)}#${all.indexOf(messageElement)}`;
}

function conversationId(doc: Document): string {
  const match = firstMatching(doc, S.selectedConversation);
  const row = match?.elements[0];
  if (row) {
    const direct = row.getAttribute('data-convid');
    if (direct) return direct;
    // The older list names its active row by id (aria-activedescendant) and the row carries data-convid.
    const active = row.getAttribute('aria-activedescendant');
    const activeRow = active ? doc.getElementById(active) : null;
    const fromRow = activeRow?.getAttribute('data-convid');
    if (fromRow) return fromRow;
  }
  return doc.location?.pathname ?? 'outlook';
}

function attachmentNameOf(card: Element): string | null {
  const named = queryOne(card, S.attachmentName);
  const title = named?.getAttribute('title')?.trim();
  return title ? title : null;
}

function attachmentUrlOf(card: Element): string | null {
  const link = queryOne(card, S.attachmentUrl) as HTMLAnchorElement | null;
  return link?.href || null;
}

/** Addresses (with names where the text gives them as `Name <address>`) in an element's text, title and aria-label. */
export function addressesIn(texts: readonly string[]): Participant[] {
  const found = new Map<string, Participant>();
  for (const text of texts) {
    for (const part of text.split(/[;,\n]/)) {
      // The name of an address is the text between the previous address and it ("A <a@x> B <b@x>"), minus a "To:" label.
      let previousEnd = 0;
      for (const match of part.matchAll(EMAIL)) {
        const email = match[0];
        const key = email.toLowerCase();
        const before = part.slice(previousEnd, match.index).replace(/^[\s>)]*[\p{L}]{1,8}\s*:/u, '');
        previousEnd = match.index + email.length;
        const name = before.replace(/[<>()"]/g, '').trim();
        const existing = found.get(key);
        if (!existing || (!existing.name && name)) found.set(key, name ? { name, email } : { email });
      }
    }
  }
  return [...found.values()];
}

function textsOf(elements: readonly Element[]): string[] {
  const texts: string[] = [];
  for (const element of elements) {
    texts.push(element.textContent ?? '');
    for (const attribute of ['title', 'aria-label', 'data-folder-name']) {
      const value = element.getAttribute(attribute);
      if (value) texts.push(value);
    }
  }
  return texts;
}

function userAddresses(doc: Document): Set<string> {
  return new Set(addressesIn(textsOf(queryAll(doc, S.user))).map((p) => p.email.toLowerCase()));
}

/** The compose form a body editor belongs to: its nearest ancestor holding a Send button. */
function composeOf(body: Element): { element: HTMLElement; send: HTMLElement } | null {
  for (let node = body.parentElement; node; node = node.parentElement) {
    const send = queryOne(node, S.composeSend);
    if (send) return { element: node, send: send as HTMLElement };
  }
  return null;
}

/**
 * Keys a compose window while it is open: the conversation it sits in (or the page path for a new message) and its
 * body editor's position among the page's compose bodies.
 */
function composeKeyOf(element: HTMLElement): string {
  const doc = documentOf(element);
  const bodies = queryAll(doc, S.composeBody);
  const index = bodies.findIndex((body) => element.contains(body));
  return `${conversationId(doc)}#compose-${index}`;
}

/**
 * The compose's attachment cards that carry a same-origin download link (an uploaded file, as OWA serves it). Cards
 * without a link (still uploading, or a structure that builds the URL only on "Download") are left out: the action
 * then hands over the recipients alone.
 */
function composeAttachments(element: HTMLElement): AttachmentRef[] {
  const cards = queryAll(element, S.composeAttachment);
  if (cards.length === 0) return [];
  const messageKey = composeKeyOf(element);
  const refs: AttachmentRef[] = [];
  for (const card of cards) {
    const name = attachmentNameOf(card);
    const link = queryOne(card, S.composeAttachmentUrl) as HTMLAnchorElement | null;
    if (!name || !link?.href) continue;
    refs.push({ element: card as HTMLElement, name, url: link.href, messageKey });
  }
  return refs;
}

function composeRef(element: HTMLElement, send: HTMLElement): ComposeRef {
  return {
    element,
    actionAnchor: send.parentElement ?? send,
    recipients: () => addressesIn(textsOf(queryAll(element, S.composeRecipients).flatMap((well) => [well, ...well.querySelectorAll('[title], [aria-label]')]))),
    attachmentNames: () => queryAll(element, S.composeAttachment).map(attachmentNameOf).filter((n): n is string => n !== null),
    attachments: () => composeAttachments(element),
  };
}

/** Resolves with `check()`'s first non-null answer, re-checking on every DOM change, or null after `ms`. */
function waitFor<T>(doc: Document, check: () => T | null, ms: number): Promise<T | null> {
  const now = check();
  if (now !== null) return Promise.resolve(now);
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const value = check();
      if (value !== null) finish(value);
    });
    const timer = setTimeout(() => finish(null), ms);
    function finish(value: T | null): void {
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    }
    observer.observe(doc, { childList: true, subtree: true, attributes: true });
  });
}

/** Attaches `file` the way a person would: through the compose's file input, or by dropping it on the body. */
function attachToCompose(compose: HTMLElement, body: Element, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  const input = queryOne(compose, S.composeFileInput) as HTMLInputElement | null;
  if (input) {
    input.files = transfer.files;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  for (const type of ['dragenter', 'dragover', 'drop']) {
    body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }
}

function replyFailed(reason: string, details: Record<string, unknown> = {}): ImzalaError {
  return new ImzalaError('WEBMAIL_REPLY_FAILED', webmailMessage('WEBMAIL_REPLY_FAILED', { reason }), { adapter: 'outlook', ...details });
}

export const outlookAdapter: WebmailAdapter = {
  id: 'outlook',
  selectors: S.OUTLOOK_SELECTORS,

  matches(url) {
    return isOutlookUrl(url);
  },

  findAttachments(root) {
    const messages = messagesAround(root);
    // A conversation is open but none of its messages is recognisable: the message structure changed.
    if (messages.length === 0) {
      if (queryOne(root, S.readingPane)) throw new FeatureUnavailable('attachment-buttons', S.message.id);
      return [];
    }
    const refs: AttachmentRef[] = [];
    for (const messageElement of messages) {
      const cards = queryAll(messageElement, S.attachment);
      // The message has an attachment well but no card in it is recognisable: the card structure changed.
      if (cards.length === 0 && queryOne(messageElement, S.attachmentWell)) throw new FeatureUnavailable('attachment-buttons', S.attachment.id);
      if (cards.length === 0) continue;
      const messageKey = messageKeyOf(messageElement);
      for (const card of cards) {
        const name = attachmentNameOf(card);
        if (!name) throw new FeatureUnavailable('attachment-buttons', S.attachmentName.id);
        const url = attachmentUrlOf(card);
        if (!url) throw new FeatureUnavailable('attachment-buttons', S.attachmentUrl.id);
        refs.push({ element: card as HTMLElement, name, url, messageKey });
      }
    }
    return refs;
  },

  async fetchAttachment(attachment) {
    const pageOrigin = globalThis.location.origin;
    const url = new URL(attachment.url, globalThis.location.href);
    // The bytes come only from the webmail itself, with the user's session; anything else is refused.
    if (url.origin !== pageOrigin) {
      throw new ImzalaError('WEBMAIL_FETCH_FAILED', webmailMessage('WEBMAIL_FETCH_FAILED', { name: attachment.name, reason: `${url.origin} is not ${pageOrigin}` }), {
        url: url.href,
        origin: pageOrigin,
      });
    }
    const response = await fetch(url, { credentials: 'same-origin', redirect: 'error' });
    if (!response.ok) {
      throw new ImzalaError('WEBMAIL_FETCH_FAILED', webmailMessage('WEBMAIL_FETCH_FAILED', { name: attachment.name, reason: `HTTP ${response.status}` }), {
        url: url.href,
        status: response.status,
      });
    }
    return response.blob();
  },

  threadParticipants(attachment) {
    const doc = documentOf(attachment.element);
    const scope: ParentNode = closestMatching(attachment.element, S.readingPane) ?? doc;
    const people = addressesIn(textsOf([...queryAll(scope, S.sender), ...queryAll(scope, S.recipients)]));
    const me = userAddresses(doc);
    return people.filter((p) => !me.has(p.email.toLowerCase()));
  },

  async replyWithFile(attachment, file) {
    const doc = documentOf(attachment.element);
    let messageElement = attachment.element.isConnected ? closestMatching(attachment.element, S.message) : null;
    // The card may have been re-rendered since: find the message again by its key.
    messageElement ??= queryAll(doc, S.message).find((m) => messageKeyOf(m) === attachment.messageKey) ?? null;
    if (!messageElement) throw new FeatureUnavailable('reply-with-file', S.message.id);
    const reply = queryOne(messageElement, S.replyButton) as HTMLElement | null;
    if (!reply) throw new FeatureUnavailable('reply-with-file', S.replyButton.id);

    const before = new Set(queryAll(doc, S.composeBody));
    reply.click();
    const opened = await waitFor(
      doc,
      () => {
        const body = queryAll(doc, S.composeBody).find((b) => !before.has(b));
        const compose = body ? composeOf(body) : null;
        return body && compose ? { body, compose } : null;
      },
      REPLY_WAIT_MS,
    );
    if (!opened) throw new FeatureUnavailable('reply-with-file', S.composeBody.id);

    attachToCompose(opened.compose.element, opened.body, file);
    const shown = await waitFor(doc, () => (composeRef(opened.compose.element, opened.compose.send).attachmentNames().includes(file.name) ? true : null), REPLY_WAIT_MS);
    if (!shown) throw replyFailed(`“${file.name}” did not show in the reply`, { name: file.name });
  },

  findComposes(root) {
    const composes = new Map<HTMLElement, ComposeRef>();
    const bodies = queryAll(root, S.composeBody);
    const around = bodies.length === 0 && root instanceof Element ? closestMatching(root, S.composeBody) : null;
    const candidates = around ? [around] : bodies;
    for (const body of candidates) {
      const compose = composeOf(body);
      if (compose && !composes.has(compose.element)) composes.set(compose.element, composeRef(compose.element, compose.send));
    }
    // A compose editor is open but no Send button is recognisable around it: the compose structure changed.
    if (candidates.length > 0 && composes.size === 0) throw new FeatureUnavailable('compose-send-for-signing', S.composeSend.id);
    return [...composes.values()];
  },
};
