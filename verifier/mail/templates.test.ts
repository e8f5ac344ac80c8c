import { describe, expect, it } from 'vitest';
import { isImzalaError } from '../../core/errors.js';
import { LANGUAGES, type Language } from '../../core/report/message-types.js';
import { MAIL_MESSAGES } from './codes.js';
import { MAIL_KINDS, formatBakuTime, renderMail, type MailData, type MailKind } from './templates.js';

const LINK = 'https://imzala.test/s/AbCdEfGhIjKlMnOpQrStUv';
const DOWNLOAD = 'https://imzala.test/d/ZyXwVuTsRqPoNmLkJiHgFe';

function data(overrides: Partial<MailData> = {}): MailData {
  return {
    processName: 'TEST icarə müqaviləsi',
    initiator: { name: 'TEST Təşəbbüsçü', email: 'initiator@example.test' },
    recipient: { name: 'TEST Şəxs Birinci', email: 'first@example.test' },
    documents: [
      { name: 'muqavile.pdf', size: 250_000 },
      { name: 'elave.docx', size: 800 },
    ],
    deadline: '2026-12-31T14:00:00Z',
    link: LINK,
    previousSigner: { name: 'TEST Əvvəlki İmzalayan', email: 'prev@example.test' },
    decliner: { name: 'TEST İmtina Edən', email: 'decliner@example.test' },
    reason: 'TEST səbəb: şərtlər uyğun deyil',
    signers: [
      { name: 'TEST Şəxs Birinci', email: 'first@example.test', status: 'awaiting_signature' },
      { name: 'TEST Şirkət Nümayəndəsi', email: 'second@example.test', status: 'queued' },
    ],
    cc: ['cc@example.test'],
    delivery: { mode: 'attached' },
    ...overrides,
  };
}

const SIGN_KINDS: MailKind[] = ['invitation', 'reminder', 'your_turn'];

describe('renderMail', () => {
  for (const language of LANGUAGES) {
    for (const kind of MAIL_KINDS) {
      it(`${kind} in ${language}: subject, text and html name the process and say it in that language`, () => {
        const mail = renderMail(kind, data(), language);
        expect(mail.subject).toContain('TEST icarə müqaviləsi');
        expect(mail.subject).not.toMatch(/[\r\n]/);
        expect(mail.text).toContain('TEST icarə müqaviləsi');
        expect(mail.html).toContain('TEST icarə müqaviləsi');
        expect(mail.html).toContain(`<html lang="${language}">`);
        expect(mail.text).not.toMatch(/\{\w+\}/); // every placeholder filled
        expect(mail.html).not.toMatch(/\{\w+\}/);
        expect(mail.text).toContain('initiator@example.test'); // the footer says whom to ask
        if (kind !== 'started') expect(mail.text).toContain('muqavile.pdf');
      });
    }
  }

  it('the three languages differ and Azerbaijani uses its own letters', () => {
    const subjects = LANGUAGES.map((l) => renderMail('invitation', data(), l).subject);
    expect(new Set(subjects).size).toBe(3);
    const az = renderMail('invitation', data(), 'az');
    expect(az.subject).toBe('İmzalamağa dəvət: «TEST icarə müqaviləsi»');
    expect(renderMail('invitation', data(), 'ru').text).toContain('Просмотреть и подписать');
    expect(renderMail('invitation', data(), 'en').text).toContain('Review and sign');
  });

  for (const kind of SIGN_KINDS) {
    for (const language of LANGUAGES) {
      it(`${kind} (${language}) carries the link as a button and as plain text, the initiator and the Baku deadline`, () => {
        const mail = renderMail(kind, data(), language);
        expect(mail.text).toContain(LINK);
        expect(mail.html).toContain(`href="${LINK}"`);
        expect(mail.html).toContain(`>${LINK}</a>`); // visible as text too, for clients that hide buttons
        expect(mail.text).toContain('TEST Təşəbbüsçü (initiator@example.test)');
        // 14:00 UTC is 18:00 in Baku (UTC+4)
        expect(mail.text).toContain('31.12.2026 18:00');
        expect(mail.text).toMatch(/Bakı vaxtı|Baku time|бакинскому времени/);
      });
    }
  }

  it('your_turn says the previous party signed', () => {
    expect(renderMail('your_turn', data(), 'az').text).toContain('TEST Əvvəlki İmzalayan (prev@example.test)');
    expect(renderMail('your_turn', data(), 'en').text).toContain('has signed');
  });

  it('declined names who declined and the reason', () => {
    const mail = renderMail('declined', data(), 'en');
    expect(mail.subject).toContain('TEST İmtina Edən');
    expect(mail.text).toContain('TEST İmtina Edən (decliner@example.test) declined');
    expect(mail.text).toContain('> TEST səbəb: şərtlər uyğun deyil');
  });

  it('cancelled without a reason says none was given', () => {
    expect(renderMail('cancelled', data({ reason: undefined }), 'az').text).toContain('Səbəb göstərilməyib.');
    expect(renderMail('cancelled', data({ reason: 'TEST artıq lazım deyil' }), 'az').text).toContain('> TEST artıq lazım deyil');
  });

  it('completed: attached files are listed; over the limit the download link replaces them', () => {
    const attached = renderMail('completed', data(), 'az');
    expect(attached.text).toContain('əlavə edilib');
    expect(attached.text).not.toContain(LINK); // the signing link is dead by now; it must not be offered
    const big = renderMail('completed', data({ delivery: { mode: 'link', link: DOWNLOAD, totalSize: 30 * 1024 * 1024, limit: 20 * 1024 * 1024 } }), 'az');
    expect(big.text).toContain(DOWNLOAD);
    expect(big.html).toContain(`href="${DOWNLOAD}"`);
    expect(big.text).toContain('30 MB');
    expect(big.text).toContain('20 MB');
  });

  it('started lists every signer in order with the status words, the cc and the first invited party', () => {
    const mail = renderMail('started', data({ link: undefined }), 'az');
    expect(mail.text).toContain('1. TEST Şəxs Birinci (first@example.test) — İmza gözləyir');
    expect(mail.text).toContain('2. TEST Şirkət Nümayəndəsi (second@example.test) — Növbədə');
    expect(mail.text).toContain('cc@example.test');
    expect(mail.text).toContain('Sənəd uğurla göndərildi');
  });

  it('escapes every user value in the HTML: a hostile name, process name, reason and file name', () => {
    const hostile = '<script>alert("x")</script>';
    const mail = renderMail('declined', data({
      processName: `TEST ${hostile}`,
      initiator: { name: `TEST <img src=x onerror=alert(1)>`, email: 'initiator@example.test' },
      recipient: { name: `TEST ${hostile}`, email: 'first@example.test' },
      decliner: { name: `TEST "quoted" ${hostile}`, email: 'decliner@example.test' },
      reason: `TEST ${hostile}\nsecond line`,
      documents: [{ name: `${hostile}.pdf`, size: 1 }],
    }), 'en');
    expect(mail.html).not.toContain('<script');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('second line'); // reason lines kept (as <br>)
    // the plain text keeps the values as typed: it is never interpreted as markup
    expect(mail.text).toContain(hostile);
    for (const kind of MAIL_KINDS) {
      const m = renderMail(kind, data({ processName: hostile, recipient: { name: hostile, email: 'a@example.test' } }), 'az');
      expect(m.html).not.toContain('<script');
    }
  });

  it('a line break in a process name cannot add a mail header through the subject', () => {
    const mail = renderMail('invitation', data({ processName: 'TEST\r\nBcc: victim@example.test' }), 'en');
    expect(mail.subject).toBe('Please sign: "TEST Bcc: victim@example.test"');
  });

  it('refuses a non-http link and missing fields with catalogued codes', () => {
    const code = (f: () => unknown) => {
      try { f(); } catch (e) { if (isImzalaError(e)) return e.code; throw e; }
      return 'no error';
    };
    expect(code(() => renderMail('invitation', data({ link: 'javascript:alert(1)' }), 'az'))).toBe('MAIL_LINK_INVALID');
    expect(code(() => renderMail('invitation', data({ link: undefined }), 'az'))).toBe('MAIL_DATA_MISSING');
    expect(code(() => renderMail('declined', data({ reason: '  ' }), 'az'))).toBe('MAIL_DATA_MISSING');
    expect(code(() => renderMail('completed', data({ delivery: undefined }), 'az'))).toBe('MAIL_DATA_MISSING');
    expect(code(() => renderMail('started', data({ signers: [] }), 'az'))).toBe('MAIL_DATA_MISSING');
    expect(code(() => renderMail('expired', data({ deadline: 'soon' }), 'az'))).toBe('MAIL_DATA_MISSING');
    for (const c of Object.keys(MAIL_MESSAGES)) {
      for (const l of LANGUAGES as Language[]) expect(MAIL_MESSAGES[c]?.[l]).toBeTruthy();
    }
  });

  it('formats Baku time independently of the machine time zone', () => {
    expect(formatBakuTime('2026-06-30T20:30:00Z')).toBe('01.07.2026 00:30');
  });
});
