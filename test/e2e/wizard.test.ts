/**
 * The "send for signing" wizard in Chromium, as the person starting a contract uses it: upload a document, enter
 * three parties (a citizen, a legal entity's representative, a citizen; reordering one), a deadline, an extra
 * recipient and their own e-mail, review, send; a mistyped FIN is caught where it is typed, in Azerbaijani. The
 * invitation then really arrives at the first party through a real SMTP server on 127.0.0.1.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { loadServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { fill, launchBrowser, setValue, type TestBrowser } from '../support/browser.js';
import { tempDir } from '../support/cli.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let tmp: ReturnType<typeof tempDir>;
let sink: SmtpSink;
let server: RunningServer;
let browser: TestBrowser;
let contract: string;

beforeAll(async () => {
  tmp = tempDir('imzala-wizard-');
  sink = await startSmtpSink();
  server = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: join(tmp.dir, 'data'), SMTP_URL: sink.url }), { log: () => undefined });
  contract = join(tmp.dir, 'müqavilə.pdf');
  writeFileSync(contract, samplePdf(['TEST contract sent with the wizard']));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sink?.close();
  tmp?.cleanup();
});

const stepTitle = (page: Page) => page.$eval('#step-title', (e) => (e as HTMLElement).innerText);

describe('GET /yeni in Chromium', () => {
  it('sends a contract to three parties in order; the first party receives the invitation with its link', async () => {
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'az' });
    await page.goto(`${server.url}/yeni`, { waitUntil: 'networkidle0' });
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('Sənədi imzaya göndər');

    // 1) documents
    const input = (await page.$('input#documents')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(contract);
    await page.waitForFunction(() => document.querySelector('.document .file-hash')?.textContent?.startsWith('SHA-256'));
    expect(await page.$eval('.document .file-name', (e) => e.textContent)).toBe('müqavilə.pdf');
    await page.click('#next');

    // 2) the first party; a FIN with a wrong shape is refused where it is typed
    expect(await stepTitle(page)).toContain('Birinci tərəf');
    await fill(page, '#signer-0-name', 'TEST ƏLİYEV VÜQAR');
    await fill(page, '#signer-0-fin', '12AB');
    await fill(page, '#signer-0-email', 'vuqar@example.test');
    await page.click('#next');
    const finError = await page.$eval('.field-error[data-field="signers[0].fin"]', (e) => e.textContent ?? '');
    expect(finError).toMatch(/FİN/);
    expect(await stepTitle(page)).toContain('Birinci tərəf'); // not let through
    await fill(page, '#signer-0-fin', '1test01'); // lower case is taken as upper case
    expect(await page.$eval('#signer-0-fin', (e) => (e as HTMLInputElement).value)).toBe('1TEST01');
    await page.click('#next');

    // 3) two more parties; the third is moved up to be second
    expect(await stepTitle(page)).toContain('Digər tərəflər');
    await page.click('#add-signer');
    await page.click('#add-signer');
    await fill(page, '#signer-1-name', 'TEST HƏSƏNOV ORXAN');
    await fill(page, '#signer-1-fin', '1TEST03');
    await fill(page, '#signer-1-email', 'orxan@example.test');
    await page.click('input[name="signer-2-type"][value="legal"]');
    await fill(page, '#signer-2-name', 'TEST MƏMMƏDOVA AYSEL');
    await fill(page, '#signer-2-fin', '1TEST02');
    await fill(page, '#signer-2-voen', '9900000001');
    await fill(page, '#signer-2-company', 'TEST Nümunə MMC');
    await fill(page, '#signer-2-position', 'TEST direktor');
    await fill(page, '#signer-2-email', 'aysel@example.test');
    await page.click('fieldset.signer[data-index="2"] .row-actions button'); // "Yuxarı"
    expect(await page.$eval('#signer-1-name', (e) => (e as HTMLInputElement).value)).toBe('TEST MƏMMƏDOVA AYSEL');
    await page.click('#next');

    // 4) the other details
    expect(await stepTitle(page)).toContain('Digər məlumatlar');
    await fill(page, '#process-name', 'TEST xidmət müqaviləsi');
    const deadline = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    const local = new Date(deadline.getTime() - deadline.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await setValue(page, '#deadline', local);
    await fill(page, '#cc', 'muhasib@example.test');
    await fill(page, '#initiator-email', 'initiator@example.test');
    await page.click('#next');

    // 5) review and send
    expect(await stepTitle(page)).toContain('Yoxlayın və göndərin');
    const review = await page.$eval('.review', (e) => (e as HTMLElement).innerText);
    expect(review.indexOf('TEST MƏMMƏDOVA AYSEL')).toBeLessThan(review.indexOf('TEST HƏSƏNOV ORXAN'));
    await page.click('#send');
    await page.waitForSelector('#sent-title', { timeout: 30_000 });
    expect(await page.$eval('#sent-title', (e) => e.textContent)).toBe('Sənəd uğurla göndərildi');
    await page.close();

    // The first party's invitation arrives, with its own link; the initiator gets the copy.
    const addressOf = (m: (typeof sink.mails)[number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
    for (let i = 0; i < 100 && sink.mails.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    const invitation = sink.mails.find((m) => addressOf(m) === 'vuqar@example.test');
    expect(invitation?.subject).toContain('TEST xidmət müqaviləsi');
    expect(invitation?.text).toMatch(new RegExp(`/s/[A-Za-z0-9_-]{43}`));
    expect(invitation?.html).toContain('müqavilə.pdf');
    expect(sink.mails.some((m) => addressOf(m) === 'initiator@example.test')).toBe(true);
    expect(sink.mails.some((m) => addressOf(m) === 'aysel@example.test' || addressOf(m) === 'orxan@example.test')).toBe(false);
  });

  it('the initiator follows the link in their copy, sees the parties and cancels; the invited party is told', async () => {
    const addressOf = (m: (typeof sink.mails)[number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
    const copy = sink.mails.find((m) => addressOf(m) === 'initiator@example.test');
    const link = /https?:\/\/[^\s"<>]+\/p\/[0-9a-f-]+\/[A-Za-z0-9_-]{43}/.exec(copy?.text ?? '')?.[0];
    expect(link, copy?.text).toBeDefined();
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'az' });
    await page.goto(link!, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#process-name');
    expect(await page.$eval('#process-name', (e) => e.textContent)).toBe('TEST xidmət müqaviləsi');
    expect(await page.$eval('.parties', (e) => (e as HTMLElement).innerText)).toMatch(/vuqar@example\.test> — İmza gözləyir[\s\S]*Növbədə/);
    const before = sink.mails.length;
    await page.click('#cancel');
    await page.type('#cancel-reason', 'TEST: müqavilə dəyişəcək');
    await page.click('#cancel-confirm');
    await page.waitForSelector('#cancelled');
    expect(await page.$eval('#process-status', (e) => e.textContent)).toContain('Ləğv edilib');
    await page.close();
    for (let i = 0; i < 100 && !sink.mails.slice(before).some((m) => addressOf(m) === 'vuqar@example.test'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(sink.mails.slice(before).find((m) => addressOf(m) === 'vuqar@example.test')?.text).toContain('müqavilə dəyişəcək');
  });
});
