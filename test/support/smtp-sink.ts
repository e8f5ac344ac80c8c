/**
 * A local SMTP sink for tests (TOOLCHAIN.md section 6): smtp-server on 127.0.0.1 that parses every accepted
 * message with mailparser. `refuseNext(n)` makes it answer the next n messages with a temporary failure
 * (451 after DATA), the way a busy or broken mail server does, to test the outbox's retries.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>`, usable as SMTP_URL. */
  url: string;
  /** Every accepted message, in order of arrival. */
  mails: ParsedMail[];
  /** How many messages were refused so far. */
  refused(): number;
  /** The next accepted message not yet returned by `next` (resolves at once if one is waiting). */
  next(): Promise<ParsedMail>;
  /** Answers the next `count` messages with 451 (temporary failure) after reading them. */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/** Starts the sink on 127.0.0.1 on a free port. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  const waiters: Array<() => void> = [];
  let consumed = 0;
  let toRefuse = 0;
  let refusedCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      if (toRefuse > 0) {
        toRefuse--;
        refusedCount++;
        // read the message to its end first, then refuse it, as a real server does after DATA
        stream.on('end', () => callback(Object.assign(new Error('TEST sink refuses this message'), { responseCode: 451 })));
        stream.resume();
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          waiters.splice(0).forEach((wake) => wake());
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;

  const next = async (): Promise<ParsedMail> => {
    while (consumed >= mails.length) await new Promise<void>((resolve) => waiters.push(resolve));
    return mails[consumed++]!;
  };

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    refused: () => refusedCount,
    next,
    refuseNext(count) {
      toRefuse = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first recipient's address of a received mail. */
export const addressOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;

/** Whether any mail has reached `address` yet. */
export const hasMailFor = (sink: SmtpSink, address: string) => sink.mails.some((m) => addressOf(m) === address);

/** The signing link (`…/s/{token}`) mailed to `address`, waiting up to `ms` for the mail. */
export async function mailedSigningLink(sink: SmtpSink, address: string, ms = 30_000): Promise<string> {
  for (const until = Date.now() + ms; ; ) {
    const link = sink.mails
      .filter((m) => addressOf(m) === address)
      .map((m) => /https?:\/\/[^\s"<>]+\/s\/[A-Za-z0-9_-]{43}/.exec(m.text ?? '')?.[0])
      .find(Boolean);
    if (link) return link;
    if (Date.now() > until) throw new Error(`no signing link mailed to ${address} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
