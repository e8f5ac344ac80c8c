/**
 * The signing page in Chromium, reached from the e-mail really received: the first party sees the process and the
 * parties, previews the PDF, signs both documents with the ASAN İmza simulator (the code on the page is the code on
 * the "phone"), and the second party, invited only then, declines with a reason.
 */
import { join } from 'node:path';
import request from 'supertest';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { loadServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { tempDir } from '../support/cli.js';
import { startProcessThroughApi } from '../support/signing-client.js';
import { mailedSigningLink, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let tmp: ReturnType<typeof tempDir>;
let sink: SmtpSink;
let server: RunningServer;
let browser: TestBrowser;

const linkFor = (address: string) => mailedSigningLink(sink, address);

const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);

beforeAll(async () => {
  tmp = tempDir('imzala-signing-page-');
  sink = await startSmtpSink();
  server = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: join(tmp.dir, 'data'), SMTP_URL: sink.url, IMZALA_ASAN: 'simulator' }), {
    log: () => undefined,
  });
  await startProcessThroughApi(server.url, {
    name: 'TEST podrat müqaviləsi',
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    initiator: { email: 'initiator@example.test', name: 'TEST Təşəbbüskar' },
    signers: [
      { type: 'citizen', name: 'TEST ƏLİYEV VÜQAR', fin: '1TEST01', email: 'vuqar@example.test' },
      { type: 'citizen', name: 'TEST QASIMOV ELNUR', fin: '1TEST05', email: 'elnur@example.test' },
    ],
  }, [['podrat.pdf', Buffer.from(samplePdf(['TEST podrat', 'Məbləğ: 700 AZN']))], ['smeta.txt', Buffer.from('TEST smeta\n')]]);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sink?.close();
  tmp?.cleanup();
});

describe('GET /s/{token} in Chromium', () => {
  it('the first party signs both documents with ASAN İmza; the second, invited only then, declines', async () => {
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'az' });
    await page.goto(await linkFor('vuqar@example.test'), { waitUntil: 'networkidle0' });
    await page.waitForSelector('#process-name');
    expect(await text(page, '#process-name')).toBe('TEST podrat müqaviləsi');
    expect(await text(page, '.parties')).toMatch(/TEST ƏLİYEV VÜQAR \(siz\) — İmza gözləyir[\s\S]*TEST QASIMOV ELNUR — Növbədə/);
    await page.click('.document[data-name="podrat.pdf"] button');
    await page.waitForSelector('.document .pages canvas', { timeout: 30_000 });

    // No imzala extension in this browser: the token tool (offered first) says what to install.
    await page.waitForSelector('#token-missing[data-missing="EXTENSION"]', { timeout: 15_000 });
    expect(await text(page, '#token-missing')).toContain('imzala brauzer əlavəsini');
    await page.click('#choose-asan');
    await page.waitForSelector('#phone');
    await page.type('#phone', '050 000 00 01');
    await page.type('#user-id', '000001');
    await page.click('#mobile-start');
    for (let n = 0; n < 2; n++) {
      await page.waitForFunction((done) => document.querySelector('.code p:nth-of-type(3)')?.textContent?.includes(`${done + 1} /`), {}, n);
      const code = await text(page, '#verification-code');
      const phone = await request(server.url).get('/simulator/asan/sessions');
      const session = (phone.body.sessions as { id: string; verificationCode: string }[]).find((s) => s.verificationCode === code);
      expect(session, `the page shows ${code}; the phone: ${JSON.stringify(phone.body.sessions)}`).toBeDefined();
      await request(server.url).post(`/simulator/asan/sessions/${session!.id}/approve`);
    }
    await page.waitForFunction(() => document.querySelector('#signing-state')?.textContent?.includes('İmzalandı'), { timeout: 30_000 });
    expect(await text(page, '.parties')).toMatch(/TEST ƏLİYEV VÜQAR \(siz\) — İmzalanıb[\s\S]*TEST QASIMOV ELNUR — İmza gözləyir/);
    await page.close();

    const second = await browser.newPage();
    await second.setExtraHTTPHeaders({ 'Accept-Language': 'az' });
    await second.goto(await linkFor('elnur@example.test'), { waitUntil: 'networkidle0' });
    await second.waitForSelector('#decline');
    await second.click('#decline');
    await second.type('#reason', 'TEST: smeta köhnədir');
    await second.click('#decline-confirm');
    await second.waitForFunction(() => document.querySelector('#signing-state')?.textContent?.includes('imtina'), { timeout: 30_000 });
    expect(await text(second, '.parties')).toContain('İmzalanmadı');
    await second.close();
  });

  it('says plainly when a link is not a signing link', async () => {
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en' });
    const res = await page.goto(`${server.url}/s/${'A'.repeat(43)}`, { waitUntil: 'networkidle0' });
    expect(res?.status()).toBe(200);
    await page.waitForSelector('#page-error');
    expect(await text(page, '#page-error')).toMatch(/not a signing link/);
    const bad = await page.goto(`${server.url}/s/not-a-token`);
    expect(bad?.status()).toBe(404);
    await page.close();
  });
});
