/**
 * Starting signing processes and writing their mails: the glue between the pure model (core/process), the store
 * (verifier/storage) and the outbox (verifier/mail). A process, its link tokens and the mails its start causes are
 * written in one transaction; a refusal changes nothing in the store (documents are stored only after the whole
 * request was found valid).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { MailEffect, NewDocumentInput, ProcessEvent, SigningProcess } from '../../../core/process/model.js';
import { applyEvent, createProcess, type EventResult } from '../../../core/process/process.js';
import { validateNewProcess } from '../../../core/process/validation.js';
import { ImzalaError } from '../../../core/errors.js';
import { bytesSource } from '../../../core/io/byte-source.js';
import { sniffFormat } from '../../../core/validation/validate-document.js';
import type { Language } from '../../../core/report/message-types.js';
import { renderMail, type MailData } from '../../mail/templates.js';
import type { MailAttachment, OutgoingMail } from '../../mail/transport.js';
import type { OutboxEntry, Store, Transaction } from '../../storage/repository.js';
import { initiatorToken, isInitiatorToken, linkToken, linkTokenHash } from './link-tokens.js';

/** An uploaded document on disk (multer's temporary file). */
export interface UploadedDocumentFile {
  path: string;
  name: string;
  mediaType: string;
}

export interface ProcessServiceOptions {
  store: Store;
  /** The service's link secret (link-tokens.ts). */
  secret: Uint8Array;
  /** Where people reach the service (known once it listens): links in mails start with it. */
  publicUrl: () => string;
  /** Final files above this size together are not attached; the mail carries the recipient's link instead. */
  attachmentLimitBytes: number;
  /** Tells the outbox sender that mail is waiting. */
  mailQueued?: () => void;
  now?: () => Date;
}

/** What the initiator's page shows: the whole process (parties with their e-mails, the history). */
export interface InitiatorView {
  process: Pick<SigningProcess, 'id' | 'name' | 'status' | 'deadline' | 'createdAt' | 'cc' | 'history'> & {
    documents: { id: string; name: string; size: number }[];
    signers: { index: number; name: string; email: string; type: string; status: SigningProcess['signers'][number]['status']; signedAt?: string; declineReason?: string }[];
  };
}

export interface ProcessService {
  /** Starts a process from the JSON of `POST /api/v1/processes` and its uploaded documents. */
  start(processJson: string, documents: readonly UploadedDocumentFile[]): Promise<SigningProcess>;
  /** The initiator's view of a process; PROCESS_NOT_FOUND unless `token` is the initiator's. */
  initiatorView(processId: string, token: string): Promise<InitiatorView>;
  /** Cancels a process in progress, as its initiator; the parties invited so far and the cc are told. */
  cancel(processId: string, token: string, reason?: unknown): Promise<InitiatorView>;
  /** The initiator's link to a process. */
  initiatorLink(processId: string): string;
  /** The e-mail of one outbox entry, in the process's language (what the outbox sender sends). */
  compose(entry: OutboxEntry): Promise<OutgoingMail>;
  /** The signing link of a signer. */
  signingLink(processId: string, signerIndex: number): string;
}

/** SHA-256, size and kind of an uploaded file, in one read; the kind by its bytes as the verifier sniffs them, not by its name. */
async function describeUpload(file: UploadedDocumentFile): Promise<NewDocumentInput> {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  for await (const chunk of createReadStream(file.path)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    if (head.length < 1024) head = Buffer.concat([head, bytes.subarray(0, 1024 - head.length)]);
    size += bytes.length;
  }
  const kind = (await sniffFormat(bytesSource(new Uint8Array(head)))) === 'pdf' ? 'pdf' : 'other';
  return { name: file.name, size, sha256: hash.digest('hex'), mediaType: file.mediaType, kind };
}

function outboxEntries(process: SigningProcess, effects: readonly MailEffect[], now: Date): OutboxEntry[] {
  return effects.map((e) => ({
    id: randomUUID(),
    processId: process.id,
    kind: e.kind,
    to: e.to,
    ...(e.signerIndex !== undefined ? { signerIndex: e.signerIndex } : {}),
    createdAt: now.toISOString(),
    attempts: 0,
    nextAttemptAt: now.toISOString(),
  }));
}

/** Stages the mails of `effects` in a transaction. */
async function enqueueEffects(tx: Transaction, process: SigningProcess, effects: readonly MailEffect[], now: Date): Promise<void> {
  for (const entry of outboxEntries(process, effects, now)) await tx.enqueueMail(entry);
}

/**
 * Applies `event` to `process` (core/process decides, or refuses with its code) and, when it changed anything, stages
 * the new process and the mails it causes in `tx`, so both land together or not at all.
 */
export async function recordEvent(tx: Transaction, process: SigningProcess, event: ProcessEvent): Promise<EventResult> {
  const result = applyEvent(process, event);
  if (result.changed) {
    tx.putProcess(result.process);
    await enqueueEffects(tx, result.process, result.effects, new Date(event.at));
  }
  return result;
}

export function createProcessService(options: ProcessServiceOptions): ProcessService {
  const { store, secret } = options;
  const now = options.now ?? (() => new Date());
  const link = (processId: string, signerIndex: number) => `${options.publicUrl()}/s/${linkToken(secret, processId, signerIndex)}`;
  const initiatorLink = (processId: string) => `${options.publicUrl()}/p/${processId}/${initiatorToken(secret, processId)}`;

  /** The process of an initiator's link; the same refusal for an unknown process and a wrong token. */
  async function initiatorsProcess(processId: string, token: string): Promise<SigningProcess> {
    const process = isInitiatorToken(secret, processId, token) ? await store.getProcess(processId) : undefined;
    if (!process) throw new ImzalaError('PROCESS_NOT_FOUND', 'no such process', {});
    return process;
  }

  const viewOf = (p: SigningProcess): InitiatorView => ({
    process: {
      id: p.id,
      name: p.name,
      status: p.status,
      deadline: p.deadline,
      createdAt: p.createdAt,
      cc: p.cc,
      history: p.history,
      documents: p.documents.map((d) => ({ id: d.id, name: d.name, size: d.size })),
      signers: p.signers.map((s) => ({
        index: s.index,
        name: s.name,
        email: s.email,
        type: s.type,
        status: s.status,
        ...(s.signedAt ? { signedAt: s.signedAt } : {}),
        ...(s.declineReason ? { declineReason: s.declineReason } : {}),
      })),
    },
  });

  return {
    signingLink: link,
    initiatorLink,

    async initiatorView(processId, token) {
      return viewOf(await initiatorsProcess(processId, token));
    },

    async cancel(processId, token, reason) {
      const process = await initiatorsProcess(processId, token);
      if (reason !== undefined && typeof reason !== 'string') throw new ImzalaError('SIGNING_REQUEST_INVALID', 'reason must be text', { detail: 'reason must be text' });
      const at = now();
      const next = await store.transact(async (tx) => {
        const current = (await tx.getProcess(process.id))!;
        return (await recordEvent(tx, current, { type: 'cancel', at: at.toISOString(), actor: current.initiator.email, ...(reason ? { reason } : {}) })).process;
      });
      options.mailQueued?.();
      return viewOf(next);
    },

    async start(processJson, uploads) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(processJson);
      } catch {
        throw new ImzalaError('PROCESS_INPUT_INVALID', 'the field "process" is not JSON', { errors: [{ field: 'process', code: 'PROCESS_INPUT_INVALID' }] });
      }
      const documents = await Promise.all(uploads.map(describeUpload));
      const input = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed, documents } : parsed;
      const at = now();
      // Checked before anything is stored: a refused request leaves the store as it was.
      const checked = validateNewProcess(input, at);
      if (!checked.ok) throw new ImzalaError('PROCESS_FIELDS_INVALID', 'the process was refused', { errors: checked.errors });
      const { process, effects } = createProcess(checked.value, { processId: randomUUID(), documentIds: documents.map(() => randomUUID()) }, at);
      for (const upload of uploads) {
        const stored = await store.putFile(createReadStream(upload.path));
        if (!documents.some((d) => d.sha256 === stored.sha256)) throw new Error('a document changed while it was stored');
      }
      await store.transact(async (tx) => {
        tx.putProcess(process);
        process.signers.forEach((_, i) => {
          tx.putToken({ hash: linkTokenHash(linkToken(secret, process.id, i)), processId: process.id, signerIndex: i, createdAt: at.toISOString() });
        });
        await enqueueEffects(tx, process, effects, at);
      });
      options.mailQueued?.();
      return process;
    },

    async compose(entry) {
      const process = await store.getProcess(entry.processId);
      if (!process) throw new Error(`outbox entry ${entry.id}: no process ${entry.processId}`);
      const language = process.language as Language;
      const signer = entry.signerIndex !== undefined ? process.signers[entry.signerIndex] : undefined;
      const recipient = signer ? { name: signer.name, email: signer.email } : { email: entry.to };
      const data: MailData = {
        processName: process.name,
        initiator: process.initiator,
        recipient,
        documents: process.documents.map((d) => ({ name: d.name, size: d.size })),
        deadline: process.deadline,
        signers: process.signers.map((s) => ({ name: s.name, email: s.email, status: s.status })),
        cc: process.cc,
      };
      if (signer && (entry.kind === 'invitation' || entry.kind === 'reminder' || entry.kind === 'your_turn')) {
        data.link = link(process.id, signer.index);
      }
      // The initiator's copy carries their own page: the process's progress, and cancelling it.
      if (entry.kind === 'started') data.link = initiatorLink(process.id);
      if (entry.kind === 'your_turn' && signer && signer.index > 0) {
        const previous = process.signers[signer.index - 1]!;
        data.previousSigner = { name: previous.name, email: previous.email };
      }
      if (entry.kind === 'declined') {
        const decliner = process.signers.find((s) => s.status === 'declined');
        if (decliner) data.decliner = { name: decliner.name, email: decliner.email };
        data.reason = decliner?.declineReason ?? '';
      }
      if (entry.kind === 'cancelled') {
        const cancel = [...process.history].reverse().find((h) => h.event === 'cancel');
        if (cancel?.detail) data.reason = cancel.detail;
      }
      const attachments: MailAttachment[] = [];
      if (entry.kind === 'completed') {
        const total = process.documents.reduce((n, d) => n + d.size, 0);
        if (total <= options.attachmentLimitBytes || !signer) {
          data.delivery = { mode: 'attached' };
          for (const d of process.documents) {
            const sha256 = process.current[d.id] ?? d.sha256;
            const path = await store.filePath(sha256);
            if (!path) throw new Error(`document ${d.id}: stored file ${sha256} is missing`);
            // A signed non-PDF document is an ASiC-E container holding the original.
            const signed = sha256 !== d.sha256;
            attachments.push(
              d.kind === 'pdf' || !signed
                ? { filename: d.name, contentType: d.mediaType, path }
                : { filename: `${d.name}.asice`, contentType: 'application/vnd.etsi.asic-e+zip', path },
            );
          }
        } else {
          data.delivery = { mode: 'link', link: link(process.id, signer.index), totalSize: total, limit: options.attachmentLimitBytes };
        }
      }
      const mail = renderMail(entry.kind, data, language);
      return { to: entry.to, subject: mail.subject, text: mail.text, html: mail.html, ...(attachments.length ? { attachments } : {}) };
    },
  };
}
