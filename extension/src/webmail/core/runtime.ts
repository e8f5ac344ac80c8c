/**
 * The webmail runtime: given the page's adapter, it scans the document once, then handles only the subtrees the page
 * adds (MutationObserver, childList + subtree; one pass per observer delivery, which is one microtask burst). Each
 * attachment element gets ONE actions box: "imzala ilə imzala" on every attachment, "Yoxla" and an automatic badge on
 * PDF / .p7s / ASiC ones. Badge checks are async (fetch + background) and run outside the batch, two at a time. Each
 * compose window (new message or reply) gets ONE "imzala ilə imzalamağa göndər" action at its actionAnchor: it fetches
 * the compose's attachments and hands them with the recipients (the signers, in order) to the background
 * (`webmail:handover`), which opens the first service's wizard.
 *
 * Fragility budget: nothing thrown here or by the adapter reaches the page. A FeatureUnavailable turns its feature off
 * (one console.info line); any other error is swallowed per attachment / per batch (counted in the stats).
 */
import { fromBase64, toBase64 } from '../../../../core/encoding/base64.js';
import { webmailMessage, type WebmailErrorCode } from './codes.js';
import { FeatureRegistry, asFeatureUnavailable, type FeaturesAnswer } from './feature-registry.js';
import type { AttachmentRef, ComposeRef, Participant, WebmailAdapter } from './types.js';
import type { WebmailWords } from './words.js';

/** Gmail's own limit is 25 MB; runtime messages carry base64, so bigger files are refused before the fetch ends. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/**
 * What one `webmail:handover` may carry: the wizard's 10 documents (core/protocol/page.ts MAX_HANDOVER_DOCUMENTS; not
 * imported, that module would bring the protocol's error catalogue into the content script, 6 KB; a test keeps them
 * equal), and 45 MiB together: Chrome refuses runtime messages over 64 MiB of JSON and base64 grows bytes by 4/3 (the
 * background's file cap is the same).
 */
export const MAX_HANDOVER_DOCUMENTS = 10;
export const MAX_HANDOVER_BYTES = 45 * 1024 * 1024;
/** Badge checks in flight at once: a thread with 100 PDFs must not fetch them all together. */
const CHECK_CONCURRENCY = 2;
/** Verdicts kept per attachment URL: a webmail re-renders an open message often, the bytes behind a URL do not change. */
const CHECK_CACHE_SIZE = 256;
/** Above this many added roots in one delivery, one document scan is cheaper than deduplicating them. */
const MAX_ROOTS_PER_BATCH = 64;
/**
 * Above this many added roots, compose windows are looked for once in the document rather than in each root: a page
 * that re-renders a whole thread adds dozens of message roots and no compose, and one document query is cheaper than
 * the adapter's per-root queries (and ancestor walks) for each.
 */
const MAX_COMPOSE_ROOTS_PER_BATCH = 4;
/** The marker on everything the runtime adds: the observer ignores these subtrees. */
export const UI_ATTRIBUTE = 'data-imzala-ui';

export type CheckTone = 'green' | 'amber' | 'red' | 'none';
export type CheckStatus = 'VALID' | 'VALID_WITH_WARNINGS' | 'INDETERMINATE' | 'INVALID' | 'UNSIGNED' | 'UNSUPPORTED';

/** The background's answer to `webmail:check`. */
export interface CheckAnswer {
  status: CheckStatus;
  signer?: string;
  reason?: string;
  tone: CheckTone;
}

export type WebmailOutgoing =
  | { type: 'webmail:check'; name: string; mimeType?: string; data: string }
  | {
      type: 'webmail:sign';
      name: string;
      mimeType?: string;
      data: string;
      messageKey: string;
      participants: Participant[];
      adapter: 'gmail' | 'outlook';
      mode: 'sign' | 'report';
    }
  | {
      type: 'webmail:handover';
      /** Fetched compose attachments, in the compose's order (may be empty: the wizard then asks for documents). */
      documents: { name: string; mimeType: string; data: string }[];
      /** The compose's recipients, in order: the process's signers. */
      signers: Participant[];
      source: 'gmail' | 'outlook';
    };

/** The background's answer to `webmail:handover`. */
export type HandoverAnswer = { ok: true } | { error: { code: string; message: string } };

export type ReplyAnswer = { ok: true } | { ok: false; code: WebmailErrorCode; message: string };

/** Counters the bench reads (globalThis.__imzalaWebmailStats in the content script's world). */
export interface WebmailStats {
  /** Mutation deliveries that added page content, handled (the initial scan included). */
  batches: number;
  /** Sum and maximum of the synchronous time spent per such batch, ms (performance.now). */
  totalMs: number;
  maxMs: number;
  /** Of totalMs: the time inside adapter.findAttachments and adapter.findComposes. */
  adapterMs: number;
  /** Deliveries that added no page element (removals, text, the runtime's own badges): skipped, not in the above. */
  skippedBatches: number;
  /** Attachment elements given an actions box. */
  attachments: number;
  /** Compose windows given the "send for signing" action. */
  composes: number;
  /** `webmail:handover` sent and answered { ok: true }. */
  handovers: number;
  checksStarted: number;
  checksDone: number;
  /** Errors caught that were not FeatureUnavailable. */
  errors: number;
}

export interface RuntimeEnvironment {
  adapter: WebmailAdapter;
  document: Document;
  /** To the background (browser.runtime.sendMessage). */
  send(message: WebmailOutgoing): Promise<unknown>;
  words: WebmailWords;
  /** The user's language, for refusal texts. */
  language?: 'az' | 'en' | 'ru';
  /** Diagnostic lines (default console.info). */
  log?(line: string): void;
  /** Run badge checks automatically (default true). */
  autoCheck?: boolean;
}

export interface WebmailRuntime {
  stats: WebmailStats;
  features(): FeaturesAnswer;
  /** Handles `webmail:reply-with-file` from the background. */
  replyWithFile(request: unknown): Promise<ReplyAnswer>;
  /** Answers the runtime's messages (`webmail:features`, `webmail:reply-with-file`); undefined for others. */
  handleMessage(message: unknown): Promise<unknown> | undefined;
  /** Resolves when no badge check is queued or running (tests). */
  idle(): Promise<void>;
  stop(): void;
}

const CHECKABLE_EXTENSIONS = ['.pdf', '.p7s', '.p7m', '.asice', '.sce', '.asics', '.scs', '.zip'];
const CHECKABLE_TYPES = ['application/pdf', 'application/pkcs7-signature', 'application/x-pkcs7-signature', 'application/pkcs7-mime', 'application/vnd.etsi.asic-e+zip', 'application/vnd.etsi.asic-s+zip', 'application/zip'];

/** PDF, CMS (.p7s) and ASiC containers get the check action and the automatic badge; other files only the button. */
export function isCheckable(name: string, mimeType?: string): boolean {
  const lower = name.toLowerCase();
  if (CHECKABLE_EXTENSIONS.some((ext) => lower.endsWith(ext))) return true;
  return mimeType !== undefined && CHECKABLE_TYPES.includes(mimeType.toLowerCase().split(';')[0]!.trim());
}

function isCheckAnswer(x: unknown): x is CheckAnswer {
  if (typeof x !== 'object' || x === null) return false;
  const a = x as Record<string, unknown>;
  return (
    ['VALID', 'VALID_WITH_WARNINGS', 'INDETERMINATE', 'INVALID', 'UNSIGNED', 'UNSUPPORTED'].includes(a.status as string) &&
    ['green', 'amber', 'red', 'none'].includes(a.tone as string) &&
    (a.signer === undefined || typeof a.signer === 'string') &&
    (a.reason === undefined || typeof a.reason === 'string')
  );
}

class RuntimeRefusal extends Error {
  constructor(
    readonly code: WebmailErrorCode,
    readonly details: Record<string, string | number>,
  ) {
    super(webmailMessage(code, details));
    this.name = 'RuntimeRefusal';
  }
}

/** Starts the runtime on `env.document`: initial scan now, then the observer. */
export function startWebmailRuntime(env: RuntimeEnvironment): WebmailRuntime {
  const { adapter, document: doc, words } = env;
  const log = env.log ?? ((line: string) => console.info(line));
  const language = env.language ?? 'en';
  const registry = new FeatureRegistry(adapter.id, new Map(), log);
  const stats: WebmailStats = { batches: 0, totalMs: 0, maxMs: 0, adapterMs: 0, skippedBatches: 0, attachments: 0, composes: 0, handovers: 0, checksStarted: 0, checksDone: 0, errors: 0 };
  const handled = new WeakSet<Element>();
  /** Compose element -> its action box; a compose whose box the page removed (re-rendered toolbar) gets a new one. */
  const composeBoxes = new WeakMap<Element, HTMLElement>();
  /** messageKey + NUL + name -> the attachment, for `webmail:reply-with-file`. Pruned of detached elements. */
  const tracked = new Map<string, AttachmentRef>();
  const checkQueue: (() => Promise<void>)[] = [];
  /** url + NUL + name -> the background's verdict (failures are not kept). Insertion order = age. */
  const checkCache = new Map<string, Promise<CheckAnswer>>();
  let checksRunning = 0;
  let idleWaiters: (() => void)[] = [];
  let stopped = false;

  function caught(error: unknown): void {
    if (!registry.absorb(error)) stats.errors++;
  }

  function trackKey(messageKey: string, name: string): string {
    return `${messageKey}\u0000${name}`;
  }

  function prune(): void {
    for (const [key, ref] of tracked) if (!ref.element.isConnected) tracked.delete(key);
  }

  async function attachmentBytes(ref: AttachmentRef): Promise<Uint8Array> {
    return new Uint8Array(await (await attachmentBlob(ref)).arrayBuffer());
  }

  /** The attachment's bytes as the webmail serves them, refused above MAX_ATTACHMENT_BYTES. */
  async function attachmentBlob(ref: AttachmentRef): Promise<Blob> {
    let blob: Blob;
    try {
      blob = await adapter.fetchAttachment(ref);
    } catch (error) {
      if (asFeatureUnavailable(error)) throw error;
      throw new RuntimeRefusal('WEBMAIL_FETCH_FAILED', { name: ref.name, reason: error instanceof Error ? error.message : String(error) });
    }
    if (blob.size > MAX_ATTACHMENT_BYTES) throw new RuntimeRefusal('WEBMAIL_ATTACHMENT_TOO_LARGE', { name: ref.name, size: blob.size, limit: MAX_ATTACHMENT_BYTES });
    return blob;
  }

  function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
    const node = doc.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Keeps our clicks away from the page's own handlers on the attachment chip (preview, download). */
  function onActivate(node: HTMLElement, action: () => void): void {
    node.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      action();
    });
  }

  function showProblem(box: HTMLElement, error: unknown): void {
    const words = error instanceof RuntimeRefusal ? webmailMessage(error.code, error.details, language) : error instanceof Error ? error.message : String(error);
    let note = box.querySelector<HTMLElement>('.imzala-problem');
    if (!note) {
      note = element('span', 'imzala-problem');
      box.append(note);
    }
    note.textContent = words;
    if (error instanceof RuntimeRefusal) note.dataset.code = error.code;
  }

  /** Sends the attachment to the background, which opens the signing view (mode 'sign') or the full report. */
  async function openView(ref: AttachmentRef, mode: 'sign' | 'report', box: HTMLElement, trigger: HTMLElement): Promise<void> {
    if (trigger.getAttribute('aria-busy') === 'true') return;
    trigger.setAttribute('aria-busy', 'true');
    const title = trigger.title;
    trigger.title = words('webmail_busy');
    try {
      const bytes = await attachmentBytes(ref);
      let participants: Participant[] = [];
      try {
        participants = adapter.threadParticipants(ref);
      } catch (error) {
        caught(error); // signing works without the other people's addresses
      }
      await env.send({
        type: 'webmail:sign',
        name: ref.name,
        ...(ref.mimeType !== undefined ? { mimeType: ref.mimeType } : {}),
        data: toBase64(bytes),
        messageKey: ref.messageKey,
        participants,
        adapter: adapter.id,
        mode,
      });
      box.querySelector('.imzala-problem')?.remove();
    } catch (error) {
      caught(error);
      showProblem(box, error);
    } finally {
      trigger.removeAttribute('aria-busy');
      trigger.title = title;
    }
  }

  function setBadge(badge: HTMLElement, tone: CheckTone | 'pending', text: string, title?: string): void {
    badge.className = `imzala-badge imzala-badge--${tone}`;
    badge.dataset.tone = tone;
    badge.textContent = text;
    badge.hidden = tone === 'none';
    if (title !== undefined) badge.title = title;
  }

  function verdict(ref: AttachmentRef): Promise<CheckAnswer> {
    const key = `${ref.url}\u0000${ref.name}`;
    const known = checkCache.get(key);
    if (known) return known;
    const pending = (async () => {
      const bytes = await attachmentBytes(ref);
      const answer = await env.send({ type: 'webmail:check', name: ref.name, ...(ref.mimeType !== undefined ? { mimeType: ref.mimeType } : {}), data: toBase64(bytes) });
      if (!isCheckAnswer(answer)) throw new RuntimeRefusal('WEBMAIL_CHECK_FAILED', { reason: JSON.stringify(answer)?.slice(0, 200) ?? 'no answer' });
      return answer;
    })();
    checkCache.set(key, pending);
    pending.catch(() => checkCache.delete(key));
    if (checkCache.size > CHECK_CACHE_SIZE) checkCache.delete(checkCache.keys().next().value!);
    return pending;
  }

  async function check(ref: AttachmentRef, badge: HTMLElement): Promise<void> {
    if (!registry.isActive('attachment-badges')) {
      badge.hidden = true;
      return;
    }
    stats.checksStarted++;
    try {
      const answer = await verdict(ref);
      badge.dataset.status = answer.status;
      if (answer.tone === 'green') setBadge(badge, 'green', answer.signer ? `✓ ${answer.signer}` : words('webmail_badge_valid'), words('webmail_badge_title'));
      else if (answer.tone === 'amber') setBadge(badge, 'amber', `! ${answer.reason ?? words('webmail_badge_warning')}`, words('webmail_badge_title'));
      else if (answer.tone === 'red') setBadge(badge, 'red', `✗ ${answer.reason ?? words('webmail_badge_invalid')}`, words('webmail_badge_title'));
      else setBadge(badge, 'none', '');
    } catch (error) {
      caught(error);
      // No verdict is not a verdict: the badge disappears, the "Yoxla" action still opens the full report.
      setBadge(badge, 'none', '');
      if (error instanceof RuntimeRefusal) badge.dataset.code = error.code;
    } finally {
      stats.checksDone++;
    }
  }

  function pumpChecks(): void {
    while (checksRunning < CHECK_CONCURRENCY && checkQueue.length > 0 && !stopped) {
      const job = checkQueue.shift()!;
      checksRunning++;
      void job().finally(() => {
        checksRunning--;
        pumpChecks();
      });
    }
    if (checksRunning === 0 && (checkQueue.length === 0 || stopped)) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** The box shapes, built once; each attachment gets a deep clone (cheaper than building it each time). */
  const prototypes = new Map<string, HTMLElement>();
  function prototypeBox(checkable: boolean, pendingBadge: boolean): HTMLElement {
    const shape = `${checkable}/${pendingBadge}`;
    let box = prototypes.get(shape);
    if (box) return box;
    box = element('span', 'imzala-actions');
    box.setAttribute(UI_ATTRIBUTE, '');
    const sign = element('button', 'imzala-button imzala-sign', words('webmail_sign_button'));
    sign.type = 'button';
    sign.title = words('webmail_sign_title');
    box.append(sign);
    if (checkable) {
      const checkButton = element('button', 'imzala-button imzala-check', words('webmail_check_button'));
      checkButton.type = 'button';
      checkButton.title = words('webmail_check_title');
      const badge = element('span', 'imzala-badge');
      badge.setAttribute('role', 'button');
      badge.tabIndex = 0;
      badge.hidden = true;
      if (pendingBadge) setBadge(badge, 'pending', words('webmail_badge_checking'));
      box.append(checkButton, badge);
    }
    prototypes.set(shape, box);
    return box;
  }

  /**
   * One click listener for all our attachment boxes (capture phase, so the page's own chip handlers never see our
   * clicks): the box's attachment comes from a WeakMap, so decorating an attachment adds no listener of its own.
   */
  const boxRefs = new WeakMap<Element, AttachmentRef>();
  const onBoxClick = (event: Event) => {
    const target = event.target instanceof Element ? event.target.closest('.imzala-sign, .imzala-check, .imzala-badge') : null;
    const box = target?.parentElement;
    const ref = box ? boxRefs.get(box) : undefined;
    if (!target || !box || !ref) return;
    event.preventDefault();
    event.stopPropagation();
    void openView(ref, target.classList.contains('imzala-sign') ? 'sign' : 'report', box as HTMLElement, target as HTMLElement);
  };
  doc.addEventListener('click', onBoxClick, true);

  function decorate(ref: AttachmentRef): void {
    const checkable = isCheckable(ref.name, ref.mimeType);
    const autoCheck = checkable && env.autoCheck !== false && registry.isActive('attachment-badges');
    const box = prototypeBox(checkable, autoCheck).cloneNode(true) as HTMLElement;
    box.dataset.imzalaFor = ref.name;
    boxRefs.set(box, ref);
    if (autoCheck) {
      const badge = box.lastElementChild as HTMLElement;
      checkQueue.push(() => check(ref, badge));
    }
    // Next to the chip, not inside it: the page's chip handlers (preview on click) never see our clicks.
    ref.element.insertAdjacentElement('afterend', box);
  }

  function scanAttachments(root: ParentNode): void {
    if (!registry.isActive('attachment-buttons')) return;
    let refs: AttachmentRef[];
    const started = performance.now();
    try {
      refs = adapter.findAttachments(root);
    } catch (error) {
      caught(error);
      return;
    } finally {
      stats.adapterMs += performance.now() - started;
    }
    for (const ref of refs) {
      try {
        if (handled.has(ref.element)) continue;
        handled.add(ref.element);
        tracked.set(trackKey(ref.messageKey, ref.name), ref);
        decorate(ref);
        stats.attachments++;
      } catch (error) {
        caught(error);
      }
    }
  }

  function scanComposes(root: ParentNode): void {
    if (!registry.isActive('compose-send-for-signing')) return;
    let composes: ComposeRef[];
    const started = performance.now();
    try {
      composes = adapter.findComposes(root);
    } catch (error) {
      caught(error);
      return;
    } finally {
      stats.adapterMs += performance.now() - started;
    }
    for (const compose of composes) {
      try {
        const box = composeBoxes.get(compose.element);
        if (box && box.isConnected && box.parentElement === compose.actionAnchor) continue;
        box?.remove();
        composeBoxes.set(compose.element, decorateCompose(compose));
        stats.composes++;
      } catch (error) {
        caught(error);
      }
    }
  }

  let composePrototype: HTMLElement | null = null;
  /** The compose action box: the button and a status line for the outcome. */
  function composeBox(): HTMLElement {
    if (!composePrototype) {
      composePrototype = element('span', 'imzala-actions imzala-compose-actions');
      composePrototype.setAttribute(UI_ATTRIBUTE, '');
      const button = element('button', 'imzala-button imzala-handover', words('webmail_handover_button'));
      button.type = 'button';
      button.title = words('webmail_handover_title');
      const outcome = element('span', 'imzala-outcome');
      outcome.setAttribute('role', 'status');
      outcome.hidden = true;
      composePrototype.append(button, outcome);
    }
    return composePrototype.cloneNode(true) as HTMLElement;
  }

  function decorateCompose(compose: ComposeRef): HTMLElement {
    const box = composeBox();
    const button = box.firstElementChild as HTMLElement;
    onActivate(button, () => void handOver(compose, box, button));
    // Inside the anchor (the compose's toolbar), last: the page's own controls keep their places.
    compose.actionAnchor.append(box);
    return box;
  }

  function showOutcome(box: HTMLElement, outcome: 'ok' | 'error', text: string, code?: string): void {
    const note = box.querySelector<HTMLElement>('.imzala-outcome');
    if (!note) return;
    note.hidden = false;
    note.className = `imzala-outcome imzala-outcome--${outcome}`;
    note.dataset.outcome = outcome;
    if (code !== undefined) note.dataset.code = code;
    else delete note.dataset.code;
    note.textContent = text;
  }

  function fill(text: string, ...values: (string | number)[]): string {
    return values.reduce<string>((acc, value, i) => acc.replaceAll(`$${i + 1}`, String(value)), text);
  }

  /** "Send for signing with imzala": the compose's attachments and recipients to the background's handover. */
  async function handOver(compose: ComposeRef, box: HTMLElement, trigger: HTMLElement): Promise<void> {
    if (trigger.getAttribute('aria-busy') === 'true') return;
    trigger.setAttribute('aria-busy', 'true');
    const title = trigger.title;
    trigger.title = words('webmail_busy');
    const failed = (message: string, code: string) => showOutcome(box, 'error', fill(words('webmail_handover_failed'), `${message} (${code})`), code);
    try {
      const refs = compose.attachments();
      if (refs.length > MAX_HANDOVER_DOCUMENTS) throw new RuntimeRefusal('WEBMAIL_HANDOVER_TOO_MANY_DOCUMENTS', { count: refs.length, limit: MAX_HANDOVER_DOCUMENTS });
      const signers = compose.recipients().map((p) => ({ email: p.email, ...(p.name ? { name: p.name } : {}) }));
      const documents: { name: string; mimeType: string; data: string }[] = [];
      let total = 0;
      // One at a time: the bytes of ten 25 MB files must not all be in flight at once.
      for (const ref of refs) {
        const blob = await attachmentBlob(ref);
        total += blob.size;
        if (total > MAX_HANDOVER_BYTES) throw new RuntimeRefusal('WEBMAIL_HANDOVER_TOO_LARGE', { size: total, limit: MAX_HANDOVER_BYTES });
        const mimeType = ref.mimeType || blob.type.split(';')[0]!.trim() || 'application/octet-stream';
        documents.push({ name: ref.name, mimeType, data: toBase64(new Uint8Array(await blob.arrayBuffer())) });
      }
      const answer = (await env.send({ type: 'webmail:handover', documents, signers, source: adapter.id })) as unknown;
      if (isRecord(answer) && answer.ok === true) {
        stats.handovers++;
        showOutcome(box, 'ok', fill(words('webmail_handover_done'), documents.length, signers.length));
        return;
      }
      const error = isRecord(answer) && isRecord(answer.error) ? answer.error : null;
      if (error && typeof error.code === 'string' && typeof error.message === 'string') return failed(error.message, error.code);
      throw new RuntimeRefusal('WEBMAIL_HANDOVER_FAILED', { reason: JSON.stringify(answer)?.slice(0, 200) ?? 'no answer' });
    } catch (error) {
      caught(error);
      if (error instanceof RuntimeRefusal) failed(webmailMessage(error.code, error.details, language), error.code);
      else {
        const unavailable = asFeatureUnavailable(error);
        if (unavailable) failed(webmailMessage('WEBMAIL_FEATURE_OFF', { feature: unavailable.feature, selector: unavailable.selectorId }, language), 'WEBMAIL_FEATURE_OFF');
        else failed(webmailMessage('WEBMAIL_HANDOVER_FAILED', { reason: error instanceof Error ? error.message : String(error) }, language), 'WEBMAIL_HANDOVER_FAILED');
      }
    } finally {
      trigger.removeAttribute('aria-busy');
      trigger.title = title;
    }
  }

  function timed(work: () => void, started = performance.now()): void {
    try {
      work();
    } catch (error) {
      caught(error);
    }
    const spent = performance.now() - started;
    stats.batches++;
    stats.totalMs += spent;
    if (spent > stats.maxMs) stats.maxMs = spent;
    pumpChecks();
  }

  function isOurs(node: Element): boolean {
    return node.hasAttribute(UI_ATTRIBUTE) || node.closest(`[${UI_ATTRIBUTE}]`) !== null;
  }

  /** The page's added element subtrees of a delivery (connected, not ours, none inside another). */
  function addedRoots(records: MutationRecord[]): Element[] | 'many' {
    const roots: Element[] = [];
    for (const record of records) {
      // Our own boxes change when a badge is filled in: their records are never the page's.
      if (record.target.nodeType === 1 && isOurs(record.target as Element)) continue;
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType !== 1) continue;
        const added = node as Element;
        if (!added.isConnected || added.hasAttribute(UI_ATTRIBUTE)) continue;
        roots.push(added);
        if (roots.length > MAX_ROOTS_PER_BATCH) return 'many';
      }
    }
    // A subtree inside another added subtree is scanned with it.
    return roots.filter((root, i) => roots.indexOf(root) === i && !roots.some((other) => other !== root && other.contains(root)));
  }

  function onMutations(records: MutationRecord[]): void {
    const started = performance.now();
    let roots: Element[] | 'many';
    try {
      roots = addedRoots(records);
    } catch (error) {
      caught(error);
      return;
    }
    if (roots !== 'many' && roots.length === 0) {
      stats.skippedBatches++;
      return;
    }
    timed(() => {
      if (roots === 'many') scanAttachments(doc);
      else for (const root of roots) scanAttachments(root);
      if (roots === 'many' || roots.length > MAX_COMPOSE_ROOTS_PER_BATCH) scanComposes(doc);
      else for (const root of roots) scanComposes(root);
      if (tracked.size > 200) prune();
    }, started);
  }

  const observer = new MutationObserver((records) => {
    if (!stopped) onMutations(records);
  });
  timed(() => {
    scanAttachments(doc);
    scanComposes(doc);
  });
  observer.observe(doc.documentElement ?? doc, { childList: true, subtree: true });

  async function replyWithFile(request: unknown): Promise<ReplyAnswer> {
    const refuse = (code: WebmailErrorCode, details: Record<string, string | number> = {}): ReplyAnswer => ({ ok: false, code, message: webmailMessage(code, details) });
    try {
      if (typeof request !== 'object' || request === null) return refuse('WEBMAIL_BAD_MESSAGE');
      const r = request as Record<string, unknown>;
      const file = r.file as Record<string, unknown> | undefined;
      if (typeof r.messageKey !== 'string' || typeof r.attachmentName !== 'string' || typeof file !== 'object' || file === null) return refuse('WEBMAIL_BAD_MESSAGE');
      if (typeof file.name !== 'string' || typeof file.data !== 'string' || (file.mimeType !== undefined && typeof file.mimeType !== 'string')) return refuse('WEBMAIL_BAD_MESSAGE');
      if (!registry.isActive('reply-with-file')) return refuse('WEBMAIL_FEATURE_OFF', { feature: 'reply-with-file', selector: registry.answer().features.find((f) => f.id === 'reply-with-file')?.selectorId ?? '' });
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(file.data);
      } catch {
        return refuse('WEBMAIL_BAD_MESSAGE');
      }
      prune();
      let ref = tracked.get(trackKey(r.messageKey, r.attachmentName));
      if (!ref) {
        // The message may have been re-rendered since: look again in the whole page.
        try {
          ref = adapter.findAttachments(doc).find((a) => a.messageKey === r.messageKey && a.name === r.attachmentName);
        } catch (error) {
          caught(error);
        }
      }
      if (!ref) return refuse('WEBMAIL_ATTACHMENT_NOT_FOUND', { name: r.attachmentName });
      const attached = new File([bytes as Uint8Array<ArrayBuffer>], file.name, { type: (file.mimeType as string | undefined) ?? 'application/octet-stream' });
      try {
        await adapter.replyWithFile(ref, attached);
      } catch (error) {
        const unavailable = asFeatureUnavailable(error);
        if (unavailable) {
          registry.absorb(error);
          return refuse('WEBMAIL_FEATURE_OFF', { feature: unavailable.feature, selector: unavailable.selectorId });
        }
        stats.errors++;
        return refuse('WEBMAIL_REPLY_FAILED', { reason: error instanceof Error ? error.message : String(error) });
      }
      return { ok: true };
    } catch (error) {
      stats.errors++;
      return refuse('WEBMAIL_REPLY_FAILED', { reason: error instanceof Error ? error.message : String(error) });
    }
  }

  return {
    stats,
    features: () => registry.answer(),
    replyWithFile,
    handleMessage(message) {
      if (typeof message !== 'object' || message === null) return undefined;
      const type = (message as { type?: unknown }).type;
      if (type === 'webmail:features') return Promise.resolve(registry.answer());
      if (type === 'webmail:reply-with-file') return replyWithFile(message);
      return undefined;
    },
    idle() {
      if (checksRunning === 0 && checkQueue.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    stop() {
      stopped = true;
      observer.disconnect();
      doc.removeEventListener('click', onBoxClick, true);
      checkQueue.length = 0;
    },
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The features answer of a page no adapter handles. */
export function noAdapterAnswer(): FeaturesAnswer {
  return { adapter: null, features: [] };
}

