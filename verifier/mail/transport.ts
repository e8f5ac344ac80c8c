/**
 * Where mail goes: an SMTP server (SMTP_URL) or, without one, RFC 822 `.eml` files under
 * `$IMZALA_DATA_DIR/outbox/`, with one console line per mail naming the recipient and the links in it,
 * so `npm start` works alone and a developer can follow the signing links.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport as createNodemailerTransport, type SendMailOptions } from 'nodemailer';
import { ImzalaError } from '../../core/errors.js';

/** A file to attach: its bytes, or a path that is streamed (large signed files; the store's `filePath`). Sent as they are. */
export type MailAttachment =
  | { filename: string; contentType?: string; content: Uint8Array }
  | { filename: string; contentType?: string; path: string };

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: readonly MailAttachment[];
}

export interface SentMail {
  messageId: string;
  /** The .eml file written (file transport only). */
  file?: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'eml';
  /** Resolves only when the server accepted the message (SMTP 250 after DATA) or the .eml file is on disk. */
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export interface MailTransportConfig {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`; unset: .eml files. */
  smtpUrl?: string;
  /** `$IMZALA_DATA_DIR`; the .eml files go to `<dataDir>/outbox/`. */
  dataDir: string;
  /** The From header; default `imzala <noreply@localhost>`. */
  from?: string;
  /** One line per mail (file transport) — recipient, subject and links, never document contents. */
  log?: (line: string) => void;
}

const DEFAULT_FROM = 'imzala <noreply@localhost>';

/** Creates the mail transport from the configuration. Throws MAIL_CONFIG_INVALID for an unusable SMTP_URL. */
export function createTransport(config: MailTransportConfig): MailTransport {
  const from = config.from ?? DEFAULT_FROM;
  return config.smtpUrl ? smtpTransport(config.smtpUrl, from) : emlTransport(config, from);
}

function smtpTransport(url: string, from: string): MailTransport {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ImzalaError('MAIL_CONFIG_INVALID', 'SMTP_URL is not a URL', {});
  }
  // Only smtp/smtps: nodemailer would also take `direct:` (deliver to MX hosts itself), which is not a setup we support.
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new ImzalaError('MAIL_CONFIG_INVALID', 'SMTP_URL must start with smtp:// or smtps://', { protocol });
  }
  // Bounded waits: a hung server must not hold the outbox forever (the sender retries later instead).
  const transporter = createNodemailerTransport({ url, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 120_000 });
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail(message(mail, from));
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

function emlTransport(config: MailTransportConfig, from: string): MailTransport {
  const builder = createNodemailerTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const dir = join(config.dataDir, 'outbox');
  const log = config.log ?? ((line: string) => console.log(line));
  return {
    kind: 'eml',
    async send(mail) {
      const info = await builder.sendMail(message(mail, from));
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(6).toString('hex')}.eml`;
      const file = join(dir, name);
      // temp + rename: a reader of the outbox never sees half a message
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      const links = linksIn(mail.text);
      log(`mail -> ${mail.to}: ${mail.subject}${links.length ? ` | ${links.join(' ')}` : ''} (${file})`);
      return { messageId: info.messageId, file };
    },
    close: () => builder.close(),
  };
}

function message(mail: OutgoingMail, from: string): SendMailOptions {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    // RFC 3834: an automatic message; out-of-office robots should not answer it
    headers: { 'Auto-Submitted': 'auto-generated' },
    attachments: mail.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      ...('path' in a ? { path: a.path } : { content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength) }),
    })),
  };
}

/** The http(s) links in a plain-text body, each once. */
export function linksIn(text: string): string[] {
  return [...new Set((text.match(/https?:\/\/[^\s<>"']+/g) ?? []).map((link) => link.replace(/[.,;:!?)]+$/, '')))];
}
