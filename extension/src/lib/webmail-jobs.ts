/**
 * The background's side of webmail (Gmail, Outlook on the web). The webmail content script (W3's runtime) sends
 * `webmail:check` (verify an attachment's bytes with core, nothing uploaded) and `webmail:sign` (open the attachment
 * in the extension's signing view, attachment.html). The signing view asks for its job and, once signed, for the
 * reply: the background sends `webmail:reply-with-file` to the mail's tab, which attaches the file to a reply.
 *
 * Content script messages go through runtime.onMessage and are accepted only from a tab whose page is a webmail host
 * (in the TEST build also localhost). The signing view's `ui:webmail-job` / `ui:webmail-reply` go over a runtime
 * port named WEBMAIL_JOB_PORT, not onMessage: the bridge's onMessage listener answers every other `ui:*` message with
 * UNKNOWN_COMMAND, and two listeners answering one message would race.
 *
 * Jobs: the attachment's bytes stay in this worker's memory only (a few jobs, MAX_TOTAL_JOB_BYTES together) and are
 * handed out once; where to reply (tab, frame, message) is also kept in storage.session, so a Chrome service worker
 * that was stopped while the person typed the PIN can still send the reply. Everything is forgotten after 30 minutes.
 */
import { browser, type Browser } from 'wxt/browser';
import { fromBase64, toBase64 } from '../../../core/encoding/base64.js';
import { ImzalaError } from '../../../core/errors.js';
import { bytesSource } from '../../../core/io/byte-source.js';
import type { Certificate } from '../../../core/pki/certificate.js';
import type { Language } from '../../../core/report/message-types.js';
import { localize } from '../../../core/report/messages.js';
import type { DocumentStatus, ValidationReport } from '../../../core/report/report.js';
import { fetchTrustAnchors, validateOffline } from '../ui/check-signed-file.js';
import { TEST_BUILD } from '../webmail/core/test-build.js';
import type { Participant } from '../webmail/core/types.js';
import { loadSettings } from './settings.js';
import { webmailJobError, type WebmailJobError, type WebmailJobErrorCode } from './webmail-job-codes.js';

type Sender = Browser.runtime.MessageSender;

/** The port the signing view talks to the background over (one request, one answer per connection). */
export const WEBMAIL_JOB_PORT = 'imzala-webmail-job';
/** Hosts of the webmails the content script runs on (the release manifest's matches). */
export const WEBMAIL_HOSTS: readonly string[] = ['mail.google.com', 'outlook.office.com', 'outlook.office365.com', 'outlook.live.com'];
/**
 * One file. Chrome refuses runtime messages over 64 MiB of JSON and base64 grows bytes by 4/3: a larger attachment
 * could not reach the background at all.
 */
export const MAX_WEBMAIL_FILE_BYTES = 45 * 1024 * 1024;
export const MAX_TOTAL_JOB_BYTES = 100 * 1024 * 1024;
export const MAX_JOBS = 4;
export const JOB_LIFETIME_MS = 30 * 60 * 1000;
const ANCHORS_LIFETIME_MS = 10 * 60 * 1000;
const MAX_NAME = 255;
const MAX_MESSAGE_KEY = 2048;
const MAX_PARTICIPANTS = 100;

export type WebmailCheckTone = 'green' | 'amber' | 'red' | 'none';
export type WebmailCheckStatus = DocumentStatus | 'UNSUPPORTED';
export interface WebmailCheckAnswer {
  status: WebmailCheckStatus;
  signer?: string;
  reason?: string;
  tone: WebmailCheckTone;
}

/** What the signing view gets for its job (`ui:webmail-job`). */
export interface WebmailJobView {
  jobId: string;
  name: string;
  mimeType?: string;
  /** base64 of the attachment's bytes. */
  data: string;
  participants: Participant[];
  adapter: 'gmail' | 'outlook';
  mode: 'sign' | 'report';
}

/** Where the signed file goes back to: kept in storage.session too. */
interface ReplyTarget {
  tabId: number;
  frameId: number;
  messageKey: string;
  attachmentName: string;
  expiresAt: number;
}

interface HeldJob {
  view: Omit<WebmailJobView, 'data'>;
  bytes: Uint8Array | null;
  target: ReplyTarget;
}

const jobs = new Map<string, HeldJob>();
let anchorsCache: { serviceUrl: string; anchors: Certificate[]; fetchedAt: number } | null = null;

class Refused extends Error {
  constructor(
    readonly code: WebmailJobErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
  }
}

/** Registers the listeners (call once from the background entrypoint). */
export function installWebmailJobs(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => {
    if (!isRecord(message) || typeof message.type !== 'string') return undefined;
    if (message.type === 'webmail:check') return answer(() => webmailCheck(message, sender));
    if (message.type === 'webmail:sign') return answer(() => webmailSign(message, sender));
    return undefined;
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== WEBMAIL_JOB_PORT) return;
    if (!isExtensionPage(port.sender)) {
      port.disconnect();
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      void answer(() => uiMessage(message)).then((reply) => {
        try {
          port.postMessage(reply);
        } catch {
          // The page went away before the answer: nothing to tell.
        }
      });
    });
  });
}

/** Runs a handler; a refusal or an unexpected failure becomes `{ error }` in the user's language. */
async function answer(handler: () => Promise<unknown>): Promise<unknown> {
  try {
    return await handler();
  } catch (e) {
    const language = (await loadSettings().catch(() => null))?.settings.language ?? 'az';
    if (e instanceof Refused) return { error: webmailJobError(e.code, language, e.details) };
    return { error: webmailJobError('WEBMAIL_BAD_REQUEST', language, { reason: e instanceof Error ? e.message : String(e) }) };
  }
}

/** Whether `url` is a page of a supported webmail (https on its host; in the TEST build also the localhost replicas). */
export function isWebmailUrl(url: string | undefined, testBuild = TEST_BUILD): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:' && WEBMAIL_HOSTS.includes(parsed.hostname)) return true;
  // The TEST build's replicas: http://localhost under the paths the adapters accept, nothing else on localhost.
  return testBuild && parsed.protocol === 'http:' && parsed.hostname === 'localhost' && /^\/(gmail|outlook)\//.test(parsed.pathname);
}

/**
 * The webmail tab and frame a content script message came from; refuses (WEBMAIL_SENDER_NOT_ALLOWED) anything else.
 * Also used by webmail-handover.ts.
 */
export function requireWebmailSender(sender: Sender): { tabId: number; frameId: number } {
  // The frame's own URL (sender.url) is what the content script runs in; the tab's URL needs the tabs permission.
  if (sender.id !== browser.runtime.id || !sender.tab || sender.tab.id === undefined || !isWebmailUrl(sender.url ?? sender.tab.url)) {
    throw new Refused('WEBMAIL_SENDER_NOT_ALLOWED');
  }
  return { tabId: sender.tab.id, frameId: sender.frameId ?? 0 };
}

function isExtensionPage(sender: Sender | undefined): boolean {
  const base = browser.runtime.getURL('/');
  return sender !== undefined && sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(base);
}

/** The file of a message: a name, an optional MIME type and base64 bytes within the size cap. */
function fileOf(message: Record<string, unknown>): { name: string; mimeType?: string; bytes: Uint8Array } {
  const { name, mimeType, data } = message;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME) throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'name' });
  if (mimeType !== undefined && (typeof mimeType !== 'string' || mimeType.length > 255)) throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'mimeType' });
  if (typeof data !== 'string') throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'data' });
  // Checked before decoding: a huge string is refused without allocating its bytes.
  const size = Math.floor((data.length * 3) / 4);
  if (size > MAX_WEBMAIL_FILE_BYTES + 3) throw new Refused('WEBMAIL_FILE_TOO_LARGE', { size, max: MAX_WEBMAIL_FILE_BYTES });
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(data);
  } catch {
    throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'data is not base64' });
  }
  if (bytes.length > MAX_WEBMAIL_FILE_BYTES) throw new Refused('WEBMAIL_FILE_TOO_LARGE', { size: bytes.length, max: MAX_WEBMAIL_FILE_BYTES });
  return { name, ...(typeof mimeType === 'string' && mimeType ? { mimeType } : {}), bytes };
}

// ---------------------------------------------------------------------------------------------------------------
// webmail:check

async function webmailCheck(message: Record<string, unknown>, sender: Sender): Promise<WebmailCheckAnswer> {
  requireWebmailSender(sender);
  const file = fileOf(message);
  const { settings } = await loadSettings();
  return checkAttachment(file.name, file.bytes, await trustAnchors(settings.serviceUrls[0]), settings.language);
}

/** The first service's anchors, fetched at most every 10 minutes; a failed fetch is not cached. */
async function trustAnchors(serviceUrl: string | undefined): Promise<Certificate[]> {
  if (!serviceUrl) return [];
  const now = Date.now();
  if (anchorsCache && anchorsCache.serviceUrl === serviceUrl && now - anchorsCache.fetchedAt < ANCHORS_LIFETIME_MS) return anchorsCache.anchors;
  const anchors = await fetchTrustAnchors(serviceUrl);
  if (anchors.length > 0) anchorsCache = { serviceUrl, anchors, fetchedAt: now };
  return anchors;
}

/** Verifies `bytes` as the sign page does (revocation offline) and says it in a badge's words. */
export async function checkAttachment(name: string, bytes: Uint8Array, anchors: Certificate[], language: Language): Promise<WebmailCheckAnswer> {
  let report: ValidationReport;
  try {
    report = await validateOffline(name, bytesSource(bytes), anchors, language);
  } catch (e) {
    if (e instanceof ImzalaError) return { status: 'UNSUPPORTED', reason: localize(e.code, language, e.details), tone: 'none' };
    throw new Refused('WEBMAIL_VERIFY_FAILED', { reason: e instanceof Error ? e.message : String(e) });
  }
  if (report.file.format === 'unknown' && report.signatures.length === 0) {
    const first = report.errors?.[0] ?? report.warnings?.[0];
    return { status: 'UNSUPPORTED', ...(first ? { reason: first.message } : {}), tone: 'none' };
  }
  const signer = report.signatures.map((s) => s.signer?.commonName).find((n): n is string => typeof n === 'string' && n.length > 0);
  const first =
    report.errors?.[0] ?? report.signatures.flatMap((s) => s.errors)[0] ?? report.warnings?.[0] ?? report.signatures.flatMap((s) => s.warnings)[0];
  return {
    status: report.status,
    ...(signer ? { signer } : {}),
    ...(first && report.status !== 'VALID' ? { reason: first.message } : {}),
    tone: toneOf(report.status),
  };
}

function toneOf(status: DocumentStatus): WebmailCheckTone {
  if (status === 'VALID' || status === 'VALID_WITH_WARNINGS') return 'green';
  if (status === 'INDETERMINATE') return 'amber';
  if (status === 'INVALID') return 'red';
  return 'none';
}

// ---------------------------------------------------------------------------------------------------------------
// webmail:sign and the signing view's requests

async function webmailSign(message: Record<string, unknown>, sender: Sender): Promise<{ jobId: string }> {
  const { tabId, frameId } = requireWebmailSender(sender);
  const file = fileOf(message);
  const { messageKey, adapter } = message;
  const mode = message.mode ?? 'sign';
  if (typeof messageKey !== 'string' || messageKey.length === 0 || messageKey.length > MAX_MESSAGE_KEY) throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'messageKey' });
  if (adapter !== 'gmail' && adapter !== 'outlook') throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'adapter' });
  if (mode !== 'sign' && mode !== 'report') throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'mode' });
  const participants = participantsOf(message.participants);

  forgetExpired();
  if (jobs.size >= MAX_JOBS || heldBytes() + file.bytes.length > MAX_TOTAL_JOB_BYTES) throw new Refused('WEBMAIL_TOO_MANY_JOBS');
  const jobId = randomId();
  const target: ReplyTarget = { tabId, frameId, messageKey, attachmentName: file.name, expiresAt: Date.now() + JOB_LIFETIME_MS };
  jobs.set(jobId, {
    view: { jobId, name: file.name, ...(file.mimeType ? { mimeType: file.mimeType } : {}), participants, adapter, mode },
    bytes: file.bytes,
    target,
  });
  await storeTarget(jobId, target);

  const url = browser.runtime.getURL(`/attachment.html?job=${jobId}` as '/');
  const tab = sender.tab!;
  await browser.tabs.create({
    url,
    ...(tab.index !== undefined ? { index: tab.index + 1 } : {}),
    ...(tab.windowId !== undefined ? { windowId: tab.windowId } : {}),
    openerTabId: tabId,
  });
  return { jobId };
}

function participantsOf(value: unknown): Participant[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_PARTICIPANTS) throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'participants' });
  return value.map((p: unknown) => {
    if (!isRecord(p) || typeof p.email !== 'string' || p.email.length > 320 || (p.name !== undefined && (typeof p.name !== 'string' || p.name.length > 320))) {
      throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'participants' });
    }
    return { email: p.email, ...(typeof p.name === 'string' && p.name ? { name: p.name } : {}) };
  });
}

async function uiMessage(message: unknown): Promise<unknown> {
  if (!isRecord(message) || typeof message.jobId !== 'string') throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'jobId' });
  if (message.type === 'ui:webmail-job') return takeJob(message.jobId);
  if (message.type === 'ui:webmail-reply') return reply(message.jobId, message.file);
  throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'type' });
}

/** The job's attachment, once: the bytes are dropped when handed out (the reply target stays until used or expired). */
function takeJob(jobId: string): WebmailJobView {
  forgetExpired();
  const job = jobs.get(jobId);
  if (!job || !job.bytes) throw new Refused('WEBMAIL_JOB_NOT_FOUND');
  const data = toBase64(job.bytes);
  job.bytes = null;
  return { ...job.view, data };
}

async function reply(jobId: string, file: unknown): Promise<unknown> {
  forgetExpired();
  const target = jobs.get(jobId)?.target ?? (await loadTarget(jobId));
  if (!target) throw new Refused('WEBMAIL_JOB_NOT_FOUND');
  if (!isRecord(file)) throw new Refused('WEBMAIL_BAD_REQUEST', { reason: 'file' });
  const { name, mimeType, bytes } = fileOf(file);
  let answer: unknown;
  try {
    answer = await browser.tabs.sendMessage(
      target.tabId,
      { type: 'webmail:reply-with-file', messageKey: target.messageKey, attachmentName: target.attachmentName, file: { name, mimeType: mimeType ?? 'application/octet-stream', data: toBase64(bytes) } },
      { frameId: target.frameId },
    );
  } catch {
    throw new Refused('WEBMAIL_TAB_GONE');
  }
  if (!isRecord(answer) || typeof answer.ok !== 'boolean') throw new Refused('WEBMAIL_TAB_GONE');
  if (answer.ok) {
    jobs.delete(jobId);
    await dropTarget(jobId);
    try {
      const tab = await browser.tabs.update(target.tabId, { active: true });
      if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
    } catch {
      // The reply is attached; not being able to bring its tab forward is no failure.
    }
  }
  // The runtime's own answer ({ ok: true } or { ok: false, code, message }) goes to the page as it is.
  return answer;
}

function heldBytes(): number {
  let total = 0;
  for (const job of jobs.values()) total += job.bytes?.length ?? 0;
  return total;
}

function forgetExpired(): void {
  const now = Date.now();
  for (const [id, job] of jobs) {
    if (job.target.expiresAt <= now) {
      jobs.delete(id);
      void dropTarget(id);
    }
  }
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// storage.session (Chrome 102+, Firefox 115+) keeps reply targets while the browser runs, never on disk.
type SessionArea = { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> };

function sessionArea(): SessionArea | null {
  return ((browser.storage as unknown as { session?: SessionArea }).session ?? null);
}

async function storeTarget(jobId: string, target: ReplyTarget): Promise<void> {
  await sessionArea()?.set({ [`webmail-job:${jobId}`]: target }).catch(() => undefined);
}

async function loadTarget(jobId: string): Promise<ReplyTarget | null> {
  const area = sessionArea();
  if (!area) return null;
  const key = `webmail-job:${jobId}`;
  const stored = (await area.get(key).catch(() => ({}) as Record<string, unknown>))[key];
  if (!isRecord(stored) || typeof stored.tabId !== 'number' || typeof stored.frameId !== 'number' || typeof stored.messageKey !== 'string') return null;
  if (typeof stored.attachmentName !== 'string' || typeof stored.expiresAt !== 'number') return null;
  if (stored.expiresAt <= Date.now()) {
    await dropTarget(jobId);
    return null;
  }
  return stored as unknown as ReplyTarget;
}

async function dropTarget(jobId: string): Promise<void> {
  await sessionArea()?.remove(`webmail-job:${jobId}`).catch(() => undefined);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export type { WebmailJobError };
