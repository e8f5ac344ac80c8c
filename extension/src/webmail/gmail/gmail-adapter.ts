/**
 * The Gmail adapter: where an opened message's attachments are (the chips of the `.aQH` area, whose `download_url`
 * attribute reads "mime:name:url"), how Gmail itself downloads one (a same-origin `?ui=2&ik=..&attid=..&view=att`
 * URL, fetched with the user's session), who else is in the thread, how a person replies with a file (Reply, then
 * the compose's file input, or a drop on Gmail's drop zone), and where compose windows are. Every selector is in
 * ./selectors.ts; when a needed one matches nothing the method throws FeatureUnavailable and the runtime turns that
 * feature off. Nothing here keeps state beyond the DOM (only a bounded memo of resolved URLs and keys for elements
 * without an id), so messages opened one after another need nothing special. findAttachments runs on every subtree
 * the page adds: it asks each selector once per call, reads a message's key once, and parses each URL once.
 */
import { ImzalaError } from '../../../../core/errors.js';
import { closestMatching, firstMatching, queryAll, queryOne } from '../core/selector-engine.js';
import { TEST_BUILD } from '../core/test-build.js';
import { FeatureUnavailable, type AttachmentRef, type ComposeRef, type Participant, type SelectorSpec, type WebmailAdapter } from '../core/types.js';
import { gmailMessage, type GmailErrorCode } from './codes.js';
import * as S from './selectors.js';

/** A hard memory bound while reading an attachment (Gmail receives at most 50 MB; the runtime's product limit is lower). */
export const GMAIL_MAX_FETCH_BYTES = 64 * 1024 * 1024;
/** How long a clicked Reply may take to show its compose window. */
export const REPLY_COMPOSE_TIMEOUT_MS = 10_000;
/** How long Gmail may take to upload the file and show its row in the reply. */
export const REPLY_ATTACH_TIMEOUT_MS = 30_000;
/** How long a drag may take to make Gmail show its drop zone (when the compose has no file input). */
const DROPZONE_TIMEOUT_MS = 3_000;
/** A thread's participants are read from at most this many elements (a hostile page must not make us loop long). */
const MAX_PARTICIPANT_ELEMENTS = 2_000;
/** Gmail sends the bytes of an attachment from its own origin or, after a redirect, from this host. */
const GMAIL_ATTACHMENT_HOST_ORIGIN = 'https://mail-attachment.googleusercontent.com';

/**
 * Gmail pages: https://mail.google.com/mail/...; in the TEST build also the replicas at http://localhost/gmail/mail/...
 * (`testBuild` is injectable for tests).
 */
export function isGmailUrl(url: URL, testBuild: boolean = TEST_BUILD): boolean {
  if (url.protocol === 'https:' && url.hostname === 'mail.google.com' && url.port === '' && url.pathname.startsWith('/mail/')) return true;
  return testBuild && url.protocol === 'http:' && url.hostname === 'localhost' && url.pathname.startsWith('/gmail/mail/');
}

/**
 * Gmail's `download_url` attribute: "mime:name:url", where url is absolute (https://mail.google.com/...) or, in
 * a replica, may be a path. The name is what lies between the first colon and the colon that starts the URL.
 */
export function parseDownloadUrl(value: string): { mimeType: string; name: string; url: string } | null {
  const first = value.indexOf(':');
  if (first <= 0) return null;
  const rest = value.slice(first + 1);
  const at = rest.search(/:(https?:\/\/|\/)/);
  if (at <= 0) return null;
  return { mimeType: value.slice(0, first), name: rest.slice(0, at), url: rest.slice(at + 1) };
}

function refusal(code: GmailErrorCode, details: Record<string, string | number>): ImzalaError {
  return new ImzalaError(code, gmailMessage(code, details), details);
}

function isHtmlElement(node: unknown): node is HTMLElement {
  return typeof node === 'object' && node !== null && (node as Node).nodeType === 1 && typeof (node as HTMLElement).closest === 'function';
}

function baseUrl(node: Node): string {
  return (node.ownerDocument ?? (node as Document)).location?.href ?? globalThis.location.href;
}

// Keys for messages whose id Gmail did not write anywhere we know: stable while the element lives.
const fallbackKeys = new WeakMap<Element, string>();
let fallbackCounter = 0;

/** `element` when it matches `css`, else its first descendant that does (querySelector: stops at the first). */
function selfOrFirst(element: Element, css: string): Element | null {
  try {
    return element.matches(css) ? element : element.querySelector(css);
  } catch {
    return null; // a selector this browser refuses matches nothing
  }
}

/**
 * The id of a message element: Gmail's legacy id, else its sync id, else the old `m<hex>` body class. The same
 * answer as firstMatching(messageElement, S.messageKey) read off its first element, without collecting every match.
 */
function messageKeyOf(messageElement: Element): string | null {
  const [legacy, sync, body] = S.messageKey.alternatives;
  const withLegacy = selfOrFirst(messageElement, legacy!.css);
  if (withLegacy) return withLegacy.getAttribute('data-legacy-message-id') || null;
  const withSync = selfOrFirst(messageElement, sync!.css);
  if (withSync) return withSync.getAttribute('data-message-id')?.replace(/^#/, '') || null;
  for (const element of firstMatching(messageElement, { ...S.messageKey, alternatives: [body!] })?.elements ?? []) {
    const m = /(?:^|\s)m([0-9a-f]+)(?:\s|$)/.exec(element.getAttribute('class') ?? '');
    if (m) return m[1]!;
  }
  return null;
}

function keyFor(messageElement: Element, url: string, known?: Map<Element, string | null>): string {
  let key = known?.get(messageElement);
  if (key === undefined) {
    key = messageKeyOf(messageElement);
    known?.set(messageElement, key);
  }
  if (key) return key;
  const permmsgid = URL.canParse(url) ? new URL(url).searchParams.get('permmsgid') : null;
  if (permmsgid) return permmsgid;
  let fallback = fallbackKeys.get(messageElement);
  if (!fallback) fallbackKeys.set(messageElement, (fallback = `gmail-message-${++fallbackCounter}`));
  return fallback;
}

/** Resolved URLs by base and raw URL: Gmail re-renders the same chips again and again, and parsing is most of a chip's cost. */
const resolvedUrls = new Map<string, string | null>();
/** A bound on that memo (the page decides how many distinct URLs it shows): past it, the memo starts over. */
const MAX_RESOLVED_URLS = 500;

/** `url` resolved against `base`, or null when it is no URL (as URL.canParse then new URL(url, base).href). */
function resolveUrl(url: string, base: string): string | null {
  const key = `${base}\n${url}`;
  const known = resolvedUrls.get(key);
  if (known !== undefined) return known;
  let resolved: string | null;
  try {
    resolved = new URL(url, base).href;
  } catch {
    resolved = null;
  }
  if (resolvedUrls.size >= MAX_RESOLVED_URLS) resolvedUrls.clear();
  resolvedUrls.set(key, resolved);
  return resolved;
}

/** The first element of the first alternative of `spec` that matches in `root` (root itself first), as queryOne. */
function firstOf(root: Element, spec: SelectorSpec): Element | null {
  for (const alternative of spec.alternatives) {
    const found = selfOrFirst(root, alternative.css);
    if (found) return found;
  }
  return null;
}

/**
 * What a chip or a compose row says about its file: download_url first, else its link and shown name. The shown name
 * is read only when download_url gives none (the common case needs no query inside the chip).
 */
function describeFile(element: Element, base: string, nameSpec: SelectorSpec, linkSpec: SelectorSpec): { name: string; url: string; mimeType?: string } | null {
  const parsed = parseDownloadUrl(element.getAttribute('download_url') ?? '');
  let url = parsed?.url ?? '';
  if (!url) {
    const link = firstOf(element, linkSpec);
    // The chip's link opens the preview (disp=inline); Gmail's download is the same URL with disp=safe.
    url = link?.getAttribute('href')?.replace(/([?&])disp=inline(?=&|$)/, '$1disp=safe') ?? '';
  }
  const name = parsed?.name || firstOf(element, nameSpec)?.textContent?.trim() || '';
  if (!name || !url) return null;
  const resolved = resolveUrl(url, base);
  if (!resolved) return null;
  return { name, url: resolved, ...(parsed?.mimeType ? { mimeType: parsed.mimeType } : {}) };
}

/** Every alternative of `spec` as one selector list (one closest() walk instead of one per alternative). */
const anyOfCache = new WeakMap<SelectorSpec, string>();
function anyOf(spec: SelectorSpec): string {
  let css = anyOfCache.get(spec);
  if (css === undefined) anyOfCache.set(spec, (css = spec.alternatives.map((a) => a.css).join(', ')));
  return css;
}

/** closestMatching, but first one walk up with all alternatives at once: most roots lie in no such element. */
function enclosingMatching(element: Element, spec: SelectorSpec): Element | null {
  try {
    if (element.closest(anyOf(spec)) === null) return null;
  } catch {
    // one alternative the browser refuses spoils the list: ask them one by one
  }
  return closestMatching(element, spec);
}

/** Chips inside `root`, plus the chip `root` itself lies in (a chip whose content Gmail filled in later). */
function chipsIn(root: ParentNode): Element[] {
  const inside = firstMatching(root, S.attachment)?.elements ?? [];
  const enclosing = isHtmlElement(root) ? enclosingMatching(root, S.attachment) : null;
  if (!enclosing || inside.includes(enclosing)) return inside;
  return [...inside, enclosing];
}

/**
 * An attachments area with a link in Gmail's attachment URL form but no chip we recognise: Gmail renamed its chips.
 * (An area alone is no evidence: it is empty while Gmail loads it.)
 */
function areaWithoutChips(root: ParentNode): boolean {
  for (const area of queryAll(root, S.attachmentArea)) {
    if (area.querySelector('a[href*="view=att"]') && chipsIn(area).length === 0) return true;
  }
  return false;
}

function findAttachments(root: ParentNode): AttachmentRef[] {
  const chips = chipsIn(root);
  if (chips.length === 0) {
    if (areaWithoutChips(root)) throw new FeatureUnavailable('attachment-buttons', S.attachment.id);
    return [];
  }
  const refs: AttachmentRef[] = [];
  // A message holds several chips: its key is read once per call.
  const keys = new Map<Element, string | null>();
  const base = baseUrl(chips[0]!);
  for (const chip of chips) {
    if (!isHtmlElement(chip)) continue;
    // Chips outside an opened message (a compose's own files) are not offered for signing.
    const messageElement = closestMatching(chip, S.message);
    if (!messageElement) continue;
    const described = describeFile(chip, base, S.attachmentName, S.attachmentLink);
    if (!described) continue; // not loaded yet: Gmail fills it in later and the runtime sees that subtree
    refs.push({ element: chip, ...described, messageKey: keyFor(messageElement, described.url, keys) });
  }
  return refs;
}

/** The message element of an attachment: its own if still in the page, else the message with the same key. */
function liveMessage(attachment: AttachmentRef): Element | null {
  if (attachment.element.isConnected) {
    const own = closestMatching(attachment.element, S.message);
    if (own) return own;
  }
  const doc = attachment.element.ownerDocument;
  return queryAll(doc, S.message).find((m) => messageKeyOf(m) === attachment.messageKey) ?? null;
}

async function fetchAttachment(attachment: AttachmentRef): Promise<Blob> {
  const base = baseUrl(attachment.element);
  const pageOrigin = new URL(base).origin;
  const url = new URL(attachment.url, base);
  if (url.origin !== pageOrigin) throw refusal('GMAIL_ATTACHMENT_FOREIGN_ORIGIN', { name: attachment.name, origin: url.origin });
  const response = await fetch(url.href, { credentials: 'include', redirect: 'follow', cache: 'no-store' });
  // Gmail answers view=att with a redirect to its attachment host; anything else is not Gmail's download.
  const finalOrigin = response.url ? new URL(response.url).origin : pageOrigin;
  const allowed = finalOrigin === pageOrigin || (pageOrigin === 'https://mail.google.com' && finalOrigin === GMAIL_ATTACHMENT_HOST_ORIGIN);
  if (!allowed) {
    await response.body?.cancel();
    throw refusal('GMAIL_ATTACHMENT_FOREIGN_ORIGIN', { name: attachment.name, origin: finalOrigin });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw refusal('GMAIL_ATTACHMENT_HTTP_STATUS', { name: attachment.name, status: response.status });
  }
  const tooLarge = () => refusal('GMAIL_ATTACHMENT_TOO_LARGE', { name: attachment.name, limit: GMAIL_MAX_FETCH_BYTES });
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > GMAIL_MAX_FETCH_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const type = attachment.mimeType ?? response.headers.get('content-type') ?? '';
  if (!response.body) return new Blob([], { type });
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > GMAIL_MAX_FETCH_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value as Uint8Array<ArrayBuffer>);
  }
  return new Blob(chunks, { type });
}

/** The signed-in account's address: Gmail's title reads "<view> - <address> - Gmail". Null when not there. */
export function accountAddress(doc: Document): string | null {
  const m = /-\s*([^\s@<>()]+@[^\s@<>()]+)\s*-\s*Gmail\s*$/.exec(doc.title ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

function participantOf(element: Element): Participant | null {
  const email = element.getAttribute('email')?.trim();
  if (!email || !email.includes('@')) return null;
  const name = element.getAttribute('name')?.trim() || element.textContent?.trim() || '';
  return name && name.toLowerCase() !== email.toLowerCase() ? { name, email } : { email };
}

function threadParticipants(attachment: AttachmentRef): Participant[] {
  const doc = attachment.element.ownerDocument;
  const messageElement = liveMessage(attachment);
  const scope: ParentNode = (messageElement && closestMatching(messageElement, S.threadRoot)) ?? doc;
  const user = accountAddress(doc);
  const seen = new Set<string>();
  const people: Participant[] = [];
  const messages = queryAll(scope, S.message);
  let budget = MAX_PARTICIPANT_ELEMENTS;
  for (const container of messages.length > 0 ? messages : [scope]) {
    for (const element of [...queryAll(container, S.sender), ...queryAll(container, S.recipient)]) {
      if (--budget < 0) return people;
      const person = participantOf(element);
      if (!person) continue;
      const key = person.email.toLowerCase();
      if (key === user || seen.has(key)) continue;
      seen.add(key);
      people.push(person);
    }
  }
  return people;
}

/** Resolves with the first non-null value of `probe`, checked now and after each DOM change; rejects after `ms`. */
function waitForDom<T>(doc: Document, probe: () => T | null, ms: number, onTimeout: () => Error): Promise<T> {
  const now = probe();
  if (now !== null) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const view = doc.defaultView ?? globalThis;
    const observer = new MutationObserver(() => {
      const value = probe();
      if (value === null) return;
      observer.disconnect();
      view.clearTimeout(timer);
      resolve(value);
    });
    const timer = view.setTimeout(() => {
      observer.disconnect();
      reject(onTimeout());
    }, ms);
    observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style', 'download_url'] });
  });
}

/** Gmail's buttons act on mousedown/mouseup; a plain click() is not enough for them. */
function press(element: Element): void {
  const view = element.ownerDocument.defaultView;
  for (const type of ['mousedown', 'mouseup', 'click']) {
    element.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view, button: 0 }));
  }
}

function composesIn(root: ParentNode): Element[] {
  const found = new Set(firstMatching(root, S.compose)?.elements ?? []);
  if (isHtmlElement(root)) {
    const enclosing = closestMatching(root, S.compose);
    if (enclosing) found.add(enclosing);
  }
  return [...found];
}

function composeAttachmentNames(composeElement: Element): string[] {
  const match = firstMatching(composeElement, S.composeAttachment);
  if (!match) return [];
  const names: string[] = [];
  for (const row of match.elements) {
    const parsed = parseDownloadUrl(row.getAttribute('download_url') ?? '');
    const name = parsed?.name || queryOne(row, S.composeAttachmentName)?.textContent?.trim();
    if (name) names.push(name);
  }
  return names;
}

// Keys for compose windows (a new message has no message id yet): stable while the compose element lives.
const composeKeys = new WeakMap<Element, string>();
let composeCounter = 0;

function composeKeyOf(composeElement: Element): string {
  let key = composeKeys.get(composeElement);
  if (!key) composeKeys.set(composeElement, (key = `gmail-compose-${++composeCounter}`));
  return key;
}

/**
 * The files attached in a compose window that Gmail gives a download URL for (download_url, else the row's link),
 * as AttachmentRefs whose messageKey is the compose window's key. Rows still uploading have no URL and are left out.
 */
function composeAttachments(composeElement: Element): AttachmentRef[] {
  const match = firstMatching(composeElement, S.composeAttachment);
  if (!match) return [];
  const base = baseUrl(composeElement);
  const messageKey = composeKeyOf(composeElement);
  const refs: AttachmentRef[] = [];
  for (const row of match.elements) {
    if (!isHtmlElement(row)) continue;
    const described = describeFile(row, base, S.composeAttachmentName, S.composeAttachmentLink);
    if (described) refs.push({ element: row, ...described, messageKey });
  }
  return refs;
}

function isVisible(element: Element): boolean {
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  return !!style && style.display !== 'none' && style.visibility !== 'hidden';
}

function dragEvent(type: string, files: DataTransfer, target: Element): void {
  const view = target.ownerDocument.defaultView;
  target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: files, view }));
}

/** Attaches as a person dragging the file onto the compose does: Gmail shows a drop zone, the drop goes there. */
async function dropOnto(composeElement: Element, files: DataTransfer): Promise<void> {
  const doc = composeElement.ownerDocument;
  dragEvent('dragenter', files, composeElement);
  dragEvent('dragover', files, composeElement);
  let target: Element = composeElement;
  try {
    // Gmail keeps its zones in the page, hidden: the visible one of any alternative is where the drop goes.
    const zones = () => S.composeDropzone.alternatives.flatMap((alternative) => Array.from(doc.querySelectorAll(alternative.css)));
    target = await waitForDom(doc, () => zones().find(isVisible) ?? null, DROPZONE_TIMEOUT_MS, () => new Error('no drop zone'));
  } catch {
    // no drop zone: drop on the compose itself, as on a page that takes drops anywhere in it
  }
  dragEvent('drop', files, target);
  dragEvent('dragend', files, composeElement);
}

async function replyWithFile(attachment: AttachmentRef, file: File): Promise<void> {
  const doc = attachment.element.ownerDocument;
  const messageElement = liveMessage(attachment);
  if (!messageElement) throw refusal('GMAIL_MESSAGE_GONE', {});
  const control = queryOne(messageElement, S.messageReplyButton) ?? queryOne(closestMatching(messageElement, S.threadRoot) ?? doc, S.threadReplyButton);
  if (!control) throw new FeatureUnavailable('reply-with-file', S.messageReplyButton.id);

  const before = new Set(composesIn(doc));
  press(control);
  const seconds = REPLY_COMPOSE_TIMEOUT_MS / 1000;
  const composeElement = await waitForDom(doc, () => composesIn(doc).find((c) => !before.has(c)) ?? null, REPLY_COMPOSE_TIMEOUT_MS, () =>
    refusal('GMAIL_REPLY_COMPOSE_TIMEOUT', { seconds }),
  );

  const files = new DataTransfer();
  files.items.add(file);
  const input = queryOne(composeElement, S.composeFileInput);
  if (input instanceof HTMLInputElement) {
    input.files = files.files;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  } else {
    await dropOnto(composeElement, files);
  }
  await waitForDom(doc, () => (composeAttachmentNames(composeElement).includes(file.name) ? true : null), REPLY_ATTACH_TIMEOUT_MS, () =>
    refusal('GMAIL_REPLY_ATTACH_TIMEOUT', { name: file.name, seconds: REPLY_ATTACH_TIMEOUT_MS / 1000 }),
  );
}

/** "Name <address>" or a bare address, as Gmail's classic recipient chips hold them. */
function parseAddress(value: string): Participant | null {
  const angled = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (angled) return angled[1] ? { name: angled[1], email: angled[2]! } : { email: angled[2]! };
  const bare = value.trim();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(bare) ? { email: bare } : null;
}

function composeRecipients(composeElement: Element): Participant[] {
  const match = firstMatching(composeElement, S.composeRecipient);
  if (!match) return [];
  const people: Participant[] = [];
  for (const element of match.elements) {
    let person: Participant | null;
    if (match.index === 0) {
      const email = element.getAttribute('data-hovercard-id') ?? '';
      const name = element.getAttribute('data-name') ?? '';
      person = email.includes('@') ? (name && name !== email ? { name, email } : { email }) : null;
    } else {
      person = parseAddress((element as HTMLInputElement).value ?? element.getAttribute('value') ?? '');
    }
    if (person && !people.some((p) => p.email.toLowerCase() === person!.email.toLowerCase())) people.push(person);
  }
  return people;
}

function findComposes(root: ParentNode): ComposeRef[] {
  return composesIn(root)
    .filter(isHtmlElement)
    .map((element): ComposeRef => {
      const actionAnchor = queryOne(element, S.composeToolbar);
      if (!isHtmlElement(actionAnchor)) throw new FeatureUnavailable('compose-send-for-signing', S.composeToolbar.id);
      return {
        element,
        actionAnchor,
        recipients: () => composeRecipients(element),
        attachmentNames: () => composeAttachmentNames(element),
        attachments: () => composeAttachments(element),
      };
    });
}

export const gmailAdapter: WebmailAdapter = {
  id: 'gmail',
  matches: (url) => isGmailUrl(url),
  selectors: S.GMAIL_SELECTORS,
  findAttachments,
  fetchAttachment,
  threadParticipants,
  replyWithFile,
  findComposes,
};
