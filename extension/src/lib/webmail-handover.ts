/**
 * "imzala ilə imzalamağa göndər" from a webmail compose window: the webmail runtime sends `webmail:handover` with the
 * compose's fetched attachments and its recipients (the signers, in order); the background leaves them as a handover
 * for the FIRST configured service (same store and validation as the extension pages' `ui:handover`) and opens that
 * service's wizard, `<origin>/yeni#imzala-handover`, in a new tab next to the mail. The wizard takes it once through
 * the page bridge (`imzala:take-handover`).
 *
 * Accepted only from a webmail tab's content script (webmail-jobs.ts's sender check): any other page, and the
 * extension's own pages (they have `ui:handover`), are refused with WEBMAIL_SENDER_NOT_ALLOWED.
 */
import { browser, type Browser } from 'wxt/browser';
import { handoverProblem, type Handover } from '../../../core/protocol/page.js';
import { webmailMessage, type WebmailErrorCode } from '../webmail/core/codes.js';
import { leaveHandover } from './handover-store.js';
import { isSecureOrigin, loadSettings, type Settings } from './settings.js';
import { webmailJobError, type WebmailJobError } from './webmail-job-codes.js';
import { requireWebmailSender } from './webmail-jobs.js';

type Sender = Browser.runtime.MessageSender;

/** Where the wizard takes a handover. */
export const WIZARD_HANDOVER_PATH = '/yeni#imzala-handover';

export type WebmailHandoverAnswer = { ok: true } | { error: WebmailJobError | { code: WebmailErrorCode; message: string; details?: Record<string, unknown> } };

/** Registers the `webmail:handover` listener (call once from the background entrypoint). */
export function installWebmailHandover(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Sender) => {
    if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== 'webmail:handover') return undefined;
    return webmailHandover(message as Record<string, unknown>, sender);
  });
}

/** The origin of the first configured service, when it is one the extension may talk to (https, or localhost). */
export function firstServiceOrigin(settings: Pick<Settings, 'serviceUrls'>): string | null {
  const first = settings.serviceUrls[0];
  if (!first) return null;
  let origin: string;
  try {
    origin = new URL(first).origin;
  } catch {
    return null;
  }
  return isSecureOrigin(origin) ? origin : null;
}

async function webmailHandover(message: Record<string, unknown>, sender: Sender): Promise<WebmailHandoverAnswer> {
  const language = (await loadSettings().catch(() => null))?.settings.language ?? 'az';
  const refuse = (code: WebmailErrorCode, details: Record<string, string | number> = {}): WebmailHandoverAnswer => ({
    error: { code, message: webmailMessage(code, details, language), ...(Object.keys(details).length > 0 ? { details } : {}) },
  });
  try {
    let tab: { tabId: number };
    try {
      tab = requireWebmailSender(sender);
    } catch {
      return { error: webmailJobError('WEBMAIL_SENDER_NOT_ALLOWED', language) };
    }
    const source = message.source === 'gmail' || message.source === 'outlook' ? message.source : 'webmail';
    const handover = { documents: message.documents, signers: message.signers, source };
    const problem = handoverProblem(handover);
    if (problem) return refuse('WEBMAIL_HANDOVER_INVALID', { reason: problem });

    const { settings } = await loadSettings();
    const origin = firstServiceOrigin(settings);
    if (!origin) return refuse('WEBMAIL_NO_SERVICE');
    leaveHandover(origin, handover as Handover);

    const mail = sender.tab!;
    await browser.tabs.create({
      url: `${origin}${WIZARD_HANDOVER_PATH}`,
      ...(mail.index !== undefined ? { index: mail.index + 1 } : {}),
      ...(mail.windowId !== undefined ? { windowId: mail.windowId } : {}),
      openerTabId: tab.tabId,
    });
    return { ok: true };
  } catch (e) {
    return refuse('WEBMAIL_HANDOVER_FAILED', { reason: e instanceof Error ? e.message : String(e) });
  }
}
