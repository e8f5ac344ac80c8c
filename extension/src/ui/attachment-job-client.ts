/**
 * The signing view's requests to the background (`ui:webmail-job`, `ui:webmail-reply`), each over its own runtime
 * port (see extension/src/lib/webmail-jobs.ts for why not runtime.sendMessage). A refusal comes back as
 * `{ error: { code, message } }` and is thrown as a WebmailJobFailure.
 */
import { browser } from 'wxt/browser';
import { WEBMAIL_JOB_PORT, type WebmailJobView } from '../lib/webmail-jobs.js';

/** A refusal from the background or the mail's tab, with its stable code and words for the person. */
export class WebmailJobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WebmailJobFailure';
  }
}

function request(message: Record<string, unknown>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: WEBMAIL_JOB_PORT });
    let answered = false;
    port.onMessage.addListener((reply: unknown) => {
      answered = true;
      port.disconnect();
      if (typeof reply !== 'object' || reply === null) return reject(new WebmailJobFailure('INTERNAL_ERROR', 'no answer from the background'));
      const error = (reply as { error?: { code?: unknown; message?: unknown } }).error;
      if (error) return reject(new WebmailJobFailure(String(error.code), String(error.message)));
      resolve(reply as Record<string, unknown>);
    });
    port.onDisconnect.addListener(() => {
      if (!answered) reject(new WebmailJobFailure('INTERNAL_ERROR', 'the background closed the connection'));
    });
    port.postMessage(message);
  });
}

/** The attachment of job `jobId` (handed out once). */
export async function fetchWebmailJob(jobId: string): Promise<WebmailJobView> {
  const reply = await request({ type: 'ui:webmail-job', jobId });
  if (typeof reply.name !== 'string' || typeof reply.data !== 'string' || !Array.isArray(reply.participants)) {
    throw new WebmailJobFailure('INTERNAL_ERROR', 'malformed job');
  }
  return reply as unknown as WebmailJobView;
}

/** Sends `file` to the mail's tab to be attached to a reply; resolves once the tab says it is attached. */
export async function replyWithFile(jobId: string, file: { name: string; mimeType: string; data: string }): Promise<void> {
  const reply = await request({ type: 'ui:webmail-reply', jobId, file });
  if (reply.ok !== true) throw new WebmailJobFailure(String(reply.code ?? 'WEBMAIL_REPLY_FAILED'), String(reply.message ?? ''));
}
