import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { isImzalaError } from '../../core/errors.js';
import { makePdf } from '../../test/fixtures/pdf/make-pdf.js';
import { renderMail } from './templates.js';
import { createTransport, linksIn } from './transport.js';

const dataDir = mkdtempSync(join(tmpdir(), 'imzala-mail-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('createTransport without SMTP_URL', () => {
  it('writes an .eml file that mailparser reads back, and logs the recipient and the link only', async () => {
    const lines: string[] = [];
    const transport = createTransport({ dataDir, log: (line) => void lines.push(line) });
    expect(transport.kind).toBe('eml');
    const link = 'https://imzala.test/s/TESTtokenTESTtokenTESTto';
    const rendered = renderMail('invitation', {
      processName: 'TEST Şərtnamə',
      initiator: { email: 'initiator@example.test' },
      recipient: { name: 'TEST Ülviyyə Çələbi', email: 'signer@example.test' },
      documents: [{ name: 'TEST.pdf', size: 999 }],
      deadline: '2026-12-01T08:00:00Z',
      link,
    }, 'az');
    const pdf = makePdf();
    const sent = await transport.send({
      to: 'signer@example.test', ...rendered,
      attachments: [{ filename: 'TEST.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    transport.close();

    const files = readdirSync(join(dataDir, 'outbox'));
    expect(files).toHaveLength(1); // no temp file left behind
    expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f]{12}\.eml$/);
    expect(sent.file).toBe(join(dataDir, 'outbox', files[0]!));

    const raw = readFileSync(sent.file!);
    expect(raw.includes('\r\n')).toBe(true); // RFC 822 line ends
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('İmzalamağa dəvət: «TEST Şərtnamə»');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('signer@example.test');
    expect(mail.from?.text).toContain('imzala');
    expect(mail.text).toContain(link);
    expect(mail.html).toContain('TEST Ülviyyə Çələbi');
    expect(mail.messageId).toBe(sent.messageId);
    expect(new Uint8Array(mail.attachments[0]!.content)).toEqual(pdf);

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('signer@example.test');
    expect(lines[0]).toContain(link);
    expect(lines[0]).not.toContain('%PDF');
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://', () => {
    for (const smtpUrl of ['direct://example.test', 'http://example.test', 'not a url']) {
      try {
        createTransport({ smtpUrl, dataDir });
        expect.unreachable(smtpUrl);
      } catch (e) {
        expect(isImzalaError(e) && e.code).toBe('MAIL_CONFIG_INVALID');
      }
    }
    expect(createTransport({ smtpUrl: 'smtps://user:pass@mail.example.test:465', dataDir }).kind).toBe('smtp');
  });

  it('linksIn finds each http(s) link once', () => {
    expect(linksIn('a https://x.test/s/1 and\nhttps://x.test/s/1 http://y.test/d/2.')).toEqual(['https://x.test/s/1', 'http://y.test/d/2']);
  });
});
