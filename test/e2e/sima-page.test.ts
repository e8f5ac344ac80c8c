/**
 * SİMA on the signing page in Chromium, with the service's SİMA simulator (IMZALA_SIMA=simulator) playing the phone:
 * the party chooses SİMA, the page shows one QR code and `sima://` link per document, the simulated app "scans" each
 * (GETDATA and the callback with ts-cert / ts-sign, checked by the service), and the page reports the signature once
 * the service accepted both documents; only then is the next party invited.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { DEMO_SIMA_FIN } from '../../verifier/pki-demo/sima-demo.js';
import { loadServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { tempDir } from '../support/cli.js';
import { startProcessThroughApi } from '../support/signing-client.js';
import { hasMailFor, mailedSigningLink, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let tmp: ReturnType<typeof tempDir>;
let sink: SmtpSink;
let server: RunningServer;
let browser: TestBrowser;

const linkFor = (address: string) => mailedSigningLink(sink, address);
const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);

beforeAll(async () => {
  tmp = tempDir('imzala-sima-page-');
  sink = await startSmtpSink();
  server = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: join(tmp.dir, 'data'), SMTP_URL: sink.url, IMZALA_SIMA: 'simulator' }), { log: () => undefined });
  await startProcessThroughApi(server.url, {
    name: 'TEST xidmət müqaviləsi',
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    initiator: { email: 'initiator@example.test' },
    signers: [
      { type: 'citizen', name: 'TEST RZAYEVA LEYLA', fin: DEMO_SIMA_FIN, email: 'leyla@example.test' },
      { type: 'citizen', name: 'TEST NÖVBƏTİ', fin: '1TEST01', email: 'novbeti@example.test' },
    ],
  }, [['xidmet.pdf', Buffer.from(samplePdf(['TEST xidmət müqaviləsi', 'SİMA ilə']))], ['elave.txt', Buffer.from('TEST əlavə\n')]]);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sink?.close();
  tmp?.cleanup();
});

describe('SİMA on the signing page (service simulator as the phone)', () => {
  it('shows a QR code and a sima:// link per document; each scan is checked; the process advances', async () => {
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'az' });
    await page.goto(await linkFor('leyla@example.test'), { waitUntil: 'networkidle0' });
    await page.waitForSelector('#choose-sima');
    await page.click('#choose-sima');
    expect(await text(page, '#tool-sima')).toContain('SİMULYATOR');
    await page.click('#sima-start');

    const seen: string[] = [];
    for (let n = 1; n <= 2; n++) {
      await page.waitForFunction((k) => document.querySelector('.sima-operation p')?.textContent?.includes(`${k} / 2`), { timeout: 30_000 }, n);
      const qr = await page.$eval('#sima-qr', (e) => ({ src: (e as HTMLImageElement).src, url: (e as HTMLElement).dataset.url ?? '', shown: (e as HTMLImageElement).naturalWidth > 0 }));
      expect(qr.src).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(qr.shown).toBe(true);
      const url = new URL(qr.url);
      expect(url.origin + url.pathname).toBe(`${server.url}/api/v1/sima/data`);
      // The contract inside names this party's FIN and is signed with the service's key (checked by the service).
      const contract = JSON.parse(Buffer.from(url.searchParams.get('tsquery')!, 'base64').toString('utf8'));
      expect(contract.SignableContainer.OperationInfo.Assignee).toEqual([DEMO_SIMA_FIN]);
      expect(contract.Header.AlgName).toBe('HMACSHA256');
      const deepLink = await page.$eval('#sima-deep-link', (e) => (e as HTMLAnchorElement).getAttribute('href') ?? '');
      expect(deepLink).toBe(`sima://web-to-app?data=${encodeURIComponent(qr.url)}`);
      seen.push(await page.$eval('.sima-operation', (e) => (e as HTMLElement).dataset.document ?? ''));
      expect(hasMailFor(sink, 'novbeti@example.test')).toBe(false);
      await page.click('#sima-simulate');
      if (n === 1) await page.waitForFunction((first) => document.querySelector('.sima-operation')?.getAttribute('data-document') !== first, { timeout: 30_000 }, seen[0]);
    }
    expect(new Set(seen).size).toBe(2);
    await page.waitForFunction(() => document.querySelector('#signing-state')?.textContent?.includes('İmzalandı'), { timeout: 30_000 });
    expect(await text(page, '.parties')).toMatch(/TEST RZAYEVA LEYLA \(siz\) — İmzalanıb[\s\S]*TEST NÖVBƏTİ — İmza gözləyir/);
    expect(await linkFor('novbeti@example.test')).toMatch(/\/s\//);
    await page.close();
  });
});
