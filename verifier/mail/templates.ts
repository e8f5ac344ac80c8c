/**
 * Process e-mails (invitation, reminder, your turn, declined, cancelled, expired, completed, started) in
 * Azerbaijani, English and Russian, each as a subject, a plain-text body and an HTML body.
 *
 * Every kind is first described as a short list of blocks (paragraphs, facts, lists, an action link); one
 * renderer turns the blocks into text and one into HTML, so both versions always say the same thing and every
 * user-supplied value (names, process names, reasons, file names) passes through the one HTML escape.
 */
import { ImzalaError } from '../../core/errors.js';
import type { MailKind, SignerStatus } from '../../core/process/model.js';
import type { Language } from '../../core/report/message-types.js';
import { PHRASES, type Phrases } from './phrases.js';

export type { MailKind };
export const MAIL_KINDS: readonly MailKind[] = [
  'invitation', 'reminder', 'your_turn', 'declined', 'cancelled', 'expired', 'completed', 'started',
];

export interface MailPerson { name?: string; email: string }

/** How the final files reach a recipient of the `completed` mail. */
export type CompletedDelivery =
  | { mode: 'attached' }
  /** Over the size limit: `link` is the recipient's own download link (it carries the recipient's token). */
  | { mode: 'link'; link: string; totalSize: number; limit: number };

/** What a process e-mail says. Which fields a kind needs is checked by `renderMail` (MAIL_DATA_MISSING). */
export interface MailData {
  processName: string;
  initiator: MailPerson;
  /** The addressee, for the greeting. */
  recipient?: MailPerson;
  documents: readonly { name: string; size: number }[];
  /** ISO-8601; shown in Baku time. */
  deadline: string;
  /** invitation, reminder, your_turn: the recipient's signing link (`/s/{token}`); started: the process view (optional). */
  link?: string;
  /** your_turn: the party that just signed. */
  previousSigner?: MailPerson;
  /** declined: who declined. */
  decliner?: MailPerson;
  /** declined (required), cancelled (optional). */
  reason?: string;
  /** started (required): every signer in order with the status at the time of the mail. */
  signers?: readonly { name: string; email: string; status: SignerStatus }[];
  /** started: the extra recipients. */
  cc?: readonly string[];
  /** completed (required). */
  delivery?: CompletedDelivery;
}

export interface RenderedMail { subject: string; text: string; html: string }

type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: readonly (readonly [string, string])[] }
  | { kind: 'list'; title: string; items: readonly string[]; numbered?: boolean }
  | { kind: 'quote'; label: string; text: string }
  | { kind: 'action'; label: string; url: string; hint: string }
  | { kind: 'note'; text: string };

/**
 * Renders one process e-mail. Throws ImzalaError MAIL_DATA_MISSING when the kind needs a field that `data`
 * lacks, and MAIL_LINK_INVALID for a link that is not http(s) (a `javascript:` link must never reach a mail).
 */
export function renderMail(kind: MailKind, data: MailData, language: Language): RenderedMail {
  const p = PHRASES[language];
  const { subject, blocks } = compose(kind, data, p);
  const greeting = data.recipient?.name ? fill(p.greeting, { name: data.recipient.name }) : p.greetingNoName;
  const footer = fill(p.footer, { email: data.initiator.email });
  const all: Block[] = [{ kind: 'paragraph', text: greeting }, ...blocks];
  const cleanSubject = oneLine(subject);
  return {
    subject: cleanSubject,
    text: renderText(all, footer),
    html: renderHtml(all, footer, cleanSubject, language),
  };
}

function compose(kind: MailKind, d: MailData, p: Phrases): { subject: string; blocks: Block[] } {
  const process = d.processName;
  const initiator = person(d.initiator);
  const deadline = fill(p.deadlineValue, { time: formatBakuTime(d.deadline, kind) });
  const documents: Block = {
    kind: 'list',
    title: p.labelDocuments,
    items: d.documents.map((doc) => `${doc.name} (${formatSize(doc.size, p)})`),
  };
  const facts: Block = {
    kind: 'facts',
    rows: [[p.labelProcess, process], [p.labelInitiator, initiator], [p.labelDeadline, deadline]],
  };
  // Once a process has ended its deadline no longer matters to the reader.
  const endFacts: Block = { kind: 'facts', rows: [[p.labelProcess, process], [p.labelInitiator, initiator]] };
  const signAction = (): Block[] => [
    facts,
    documents,
    { kind: 'paragraph', text: p.todoSign },
    { kind: 'action', label: p.actionSign, url: required(kind, 'link', safeLink(d.link)), hint: p.linkHint },
    { kind: 'note', text: `${p.deadlineWarning} ${p.linkPersonal}` },
  ];
  switch (kind) {
    case 'invitation':
      return {
        subject: fill(p.invitationSubject, { process }),
        blocks: [{ kind: 'paragraph', text: fill(p.invitationIntro, { initiator, process }) }, ...signAction()],
      };
    case 'your_turn': {
      const previous = person(required(kind, 'previousSigner', d.previousSigner));
      return {
        subject: fill(p.yourTurnSubject, { process }),
        blocks: [{ kind: 'paragraph', text: fill(p.yourTurnIntro, { previous, initiator, process }) }, ...signAction()],
      };
    }
    case 'reminder':
      return {
        subject: fill(p.reminderSubject, { process }),
        blocks: [{ kind: 'paragraph', text: fill(p.reminderIntro, { initiator, process }) }, ...signAction()],
      };
    case 'declined': {
      const decliner = person(required(kind, 'decliner', d.decliner));
      const reason = required(kind, 'reason', d.reason?.trim() || undefined);
      return {
        subject: fill(p.declinedSubject, { process, decliner: d.decliner?.name || d.decliner?.email || '' }),
        blocks: [
          { kind: 'paragraph', text: fill(p.declinedIntro, { decliner, process }) },
          { kind: 'quote', label: p.labelReason, text: reason },
          endFacts,
          documents,
        ],
      };
    }
    case 'cancelled': {
      const reason = d.reason?.trim();
      return {
        subject: fill(p.cancelledSubject, { process }),
        blocks: [
          { kind: 'paragraph', text: fill(p.cancelledIntro, { initiator, process }) },
          reason ? { kind: 'quote', label: p.labelReason, text: reason } : { kind: 'paragraph', text: p.cancelledNoReason },
          endFacts,
          documents,
        ],
      };
    }
    case 'expired':
      return {
        subject: fill(p.expiredSubject, { process }),
        blocks: [
          { kind: 'paragraph', text: fill(p.expiredIntro, { process, deadline }) },
          facts,
          documents,
          { kind: 'paragraph', text: fill(p.expiredNext, { initiator }) },
        ],
      };
    case 'completed': {
      const delivery = required(kind, 'delivery', d.delivery);
      const intro: Block = { kind: 'paragraph', text: fill(p.completedIntro, { process }) };
      if (delivery.mode === 'attached') {
        return {
          subject: fill(p.completedSubject, { process }),
          blocks: [intro, { kind: 'paragraph', text: p.completedAttached }, { ...documents, title: p.labelAttached }, endFacts],
        };
      }
      const sizes = { size: formatSize(delivery.totalSize, p), limit: formatSize(delivery.limit, p) };
      return {
        subject: fill(p.completedSubject, { process }),
        blocks: [
          intro,
          { kind: 'paragraph', text: fill(p.completedLink, sizes) },
          { kind: 'action', label: p.actionDownload, url: required(kind, 'delivery.link', safeLink(delivery.link)), hint: p.linkHint },
          { kind: 'note', text: p.linkPersonal },
          documents,
          endFacts,
        ],
      };
    }
    case 'started': {
      const signers = required(kind, 'signers', d.signers?.length ? d.signers : undefined);
      const first = person(signers[0]!);
      const blocks: Block[] = [
        { kind: 'paragraph', text: fill(p.startedIntro, { process }) },
        { kind: 'paragraph', text: fill(p.startedFirst, { first }) },
        facts,
        documents,
        {
          kind: 'list',
          title: p.labelSigners,
          items: signers.map((s) => `${person(s)} — ${p.status[s.status]}`),
          numbered: true,
        },
        { kind: 'facts', rows: [[p.labelCc, d.cc?.length ? d.cc.join(', ') : p.noCc]] },
      ];
      const view = safeLink(d.link);
      if (view) blocks.push({ kind: 'action', label: p.actionView, url: view, hint: p.linkHint });
      return { subject: fill(p.startedSubject, { process }), blocks };
    }
  }
}

function required<T>(kind: MailKind, field: string, value: T | undefined): T {
  if (value === undefined || value === null) {
    throw new ImzalaError('MAIL_DATA_MISSING', `the ${kind} mail needs ${field}`, { kind, field });
  }
  return value;
}

/** Only http(s) links reach a mail: a `javascript:` or `data:` href would run or mislead in some clients. */
function safeLink(link: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  if (!/^https?:\/\/[^\s<>"']+$/i.test(link)) {
    throw new ImzalaError('MAIL_LINK_INVALID', 'a mail link must be http(s) without spaces or quotes', { link: link.slice(0, 200) });
  }
  return link;
}

function person(who: MailPerson): string {
  return who.name ? `${who.name} (${who.email})` : who.email;
}

/** Fills `{name}` placeholders with plain text. A value containing `{x}` is not filled again (single pass). */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Subjects are one header line: control characters (CR/LF from a hostile name) become spaces. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

const BAKU_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Baku', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** `dd.mm.yyyy HH:MM` in Baku time (UTC+4, no daylight saving since 2016), the same in every language. */
export function formatBakuTime(iso: string, kind: MailKind = 'invitation'): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new ImzalaError('MAIL_DATA_MISSING', `the ${kind} mail needs a valid deadline`, { kind, field: 'deadline' });
  const parts = Object.fromEntries(BAKU_TIME.formatToParts(new Date(time)).map((x) => [x.type, x.value]));
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

function formatSize(bytes: number, p: Phrases): string {
  const number = (n: number) => new Intl.NumberFormat(p.locale, { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} ${p.units[0]}`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024)} ${p.units[1]}`;
  return `${number(bytes / (1024 * 1024))} ${p.units[2]}`;
}

function renderText(blocks: readonly Block[], footer: string): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'paragraph':
      case 'note':
        out.push(b.text);
        break;
      case 'facts':
        out.push(b.rows.map(([label, value]) => `${label}: ${value}`).join('\n'));
        break;
      case 'list':
        out.push(`${b.title}:\n${b.items.map((item, i) => `  ${b.numbered ? `${i + 1}.` : '-'} ${item}`).join('\n')}`);
        break;
      case 'quote':
        out.push(`${b.label}:\n${b.text.split(/\r?\n/).map((line) => `> ${line}`).join('\n')}`);
        break;
      case 'action':
        out.push(`${b.label}:\n${b.url}`);
        break;
    }
  }
  out.push(`--\n${footer}`);
  return `${out.join('\n\n')}\n`;
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const COLOR = { brand: '#0b4f6c', text: '#111827', muted: '#4b5563', line: '#e5e7eb', page: '#f3f4f6' };
const FONT = 'font-family:Arial,Helvetica,sans-serif;';

// Mail clients drop <style> and most CSS: tables with inline styles are what survives Outlook and Gmail alike.
function renderHtml(blocks: readonly Block[], footer: string, subject: string, language: Language): string {
  const e = escapeHtml;
  const multiline = (s: string) => s.split(/\r?\n/).map(e).join('<br>');
  const body = blocks.map((b) => {
    switch (b.kind) {
      case 'paragraph':
        return `<p style="margin:0 0 16px;">${multiline(b.text)}</p>`;
      case 'note':
        return `<p style="margin:0 0 16px;font-size:13px;color:${COLOR.muted};">${e(b.text)}</p>`;
      case 'facts':
        return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-collapse:collapse;">${b.rows
          .map(([label, value]) => `<tr><td style="padding:2px 12px 2px 0;color:${COLOR.muted};vertical-align:top;white-space:nowrap;">${e(label)}</td><td style="padding:2px 0;vertical-align:top;font-weight:bold;">${e(value)}</td></tr>`)
          .join('')}</table>`;
      case 'list':
        return `<p style="margin:0 0 4px;color:${COLOR.muted};">${e(b.title)}</p><table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-collapse:collapse;">${b.items
          .map((item, i) => `<tr><td style="padding:2px 8px 2px 0;vertical-align:top;">${b.numbered ? `${i + 1}.` : '&#8226;'}</td><td style="padding:2px 0;">${e(item)}</td></tr>`)
          .join('')}</table>`;
      case 'quote':
        return `<p style="margin:0 0 4px;color:${COLOR.muted};">${e(b.label)}</p><table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px;border-collapse:collapse;"><tr><td style="padding:8px 12px;border-left:4px solid ${COLOR.line};background:${COLOR.page};">${multiline(b.text)}</td></tr></table>`;
      case 'action':
        return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 12px;"><tr><td style="background:${COLOR.brand};border-radius:4px;"><a href="${e(b.url)}" style="display:inline-block;padding:12px 20px;${FONT}font-size:15px;color:#ffffff;text-decoration:none;font-weight:bold;">${e(b.label)}</a></td></tr></table><p style="margin:0 0 16px;font-size:13px;color:${COLOR.muted};">${e(b.hint)}<br><a href="${e(b.url)}" style="color:${COLOR.brand};word-break:break-all;">${e(b.url)}</a></p>`;
    }
  });
  return `<!DOCTYPE html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:${COLOR.page};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${COLOR.page};"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid ${COLOR.line};${FONT}font-size:15px;line-height:1.5;color:${COLOR.text};">
<tr><td style="padding:16px 24px;background:${COLOR.brand};color:#ffffff;font-size:18px;font-weight:bold;${FONT}">imzala</td></tr>
<tr><td style="padding:24px;${FONT}">
${body.join('\n')}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid ${COLOR.line};font-size:12px;color:${COLOR.muted};${FONT}">${e(footer)}</td></tr>
</table>
</td></tr></table>
</body></html>
`;
}
