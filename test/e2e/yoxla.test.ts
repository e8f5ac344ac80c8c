/**
 * The public check page in real Chromium, as a clerk uses it: open /yoxla, choose a signed PDF, read the verdict,
 * the signer's name and FIN, download both reports; a tampered copy is red with the reason; the language switch
 * works; the private (in-browser) check sends no document anywhere, the server check gives the same report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { loadServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { imzala, run, tempDir } from '../support/cli.js';

const CITIZEN = { name: 'TEST ƏLİYEV VÜQAR TEST OĞLU', fin: '1TEST01' };

let tmp: ReturnType<typeof tempDir>;
let server: RunningServer;
let browser: TestBrowser;
let signed: string;
let tampered: string;

beforeAll(async () => {
  tmp = tempDir('imzala-yoxla-');
  const data = join(tmp.dir, 'data');
  // No trust configured: the service writes and trusts the TEST hierarchy, as `npm start` on a fresh machine does.
  server = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: data }), { log: () => undefined });
  const plain = join(tmp.dir, 'muqavile.pdf');
  writeFileSync(plain, samplePdf(['TEST Contract 7', 'Amount: 1000 AZN', 'Signed with the TEST hierarchy only']));
  signed = join(tmp.dir, 'müqavilə <imzalı>.pdf');
  const r = imzala(['sign', plain, '--out', signed, '--p12', join(data, 'demo-pki', 'citizen.p12'), '--pass-env', 'P12PASS'], { P12PASS: 'test' });
  if (r.status !== 0) throw new Error(`signing failed: ${r.stderr}`);
  const bytes = readFileSync(signed);
  const at = bytes.indexOf('Amount: 1000');
  bytes[at + 8] = '9'.charCodeAt(0); // 1000 AZN -> 9000 AZN inside the signed revision
  tampered = join(tmp.dir, 'tampered.pdf');
  writeFileSync(tampered, bytes);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  tmp?.cleanup();
});

/** Every request the page makes, to see what leaves the browser. */
function watch(page: Page): HTTPRequest[] {
  const seen: HTTPRequest[] = [];
  page.on('request', (r) => seen.push(r));
  return seen;
}

async function open(lang?: string): Promise<Page> {
  const page = await browser.newPage();
  // An Azerbaijani browser; headless Chromium would otherwise ask for en-US, and the page follows Accept-Language.
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'az-AZ,az;q=0.9' });
  await page.goto(`${server.url}/yoxla${lang ? `?lang=${lang}` : ''}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('#file');
  return page;
}

async function check(page: Page, ...files: string[]): Promise<void> {
  const input = (await page.$('input#file')) as ElementHandle<HTMLInputElement> | null;
  await input!.uploadFile(...files);
  await page.waitForSelector('.report .verdict, .failure', { timeout: 30_000 });
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);

describe('GET /yoxla in Chromium', () => {
  it('shows a TEST-signed PDF as valid, with the signer name and FIN, checked in the browser without uploading it', async () => {
    const page = await open();
    const requests = watch(page);
    expect(await text(page, 'h1')).toBe('Sənədi yoxla');
    expect(await text(page, '#test-banner')).toContain('TEST');
    await check(page, signed);
    expect(await page.$eval('.report .verdict', (e) => e.getAttribute('data-tone'))).toBe('valid');
    expect(await text(page, '.verdict-words')).toBe('Etibarlıdır');
    const signature = await text(page, '.signature');
    expect(signature).toContain(CITIZEN.name);
    expect(signature).toContain(CITIZEN.fin);
    // The document's SHA-256 as sha256sum would print it.
    const sha = run('sha256sum', [signed], { check: true }).stdout.split(' ')[0]!;
    expect(await text(page, '.report')).toContain(sha);
    expect(await text(page, '.checked-at')).toContain('Bu brauzerdə yoxlanıldı');
    // The file name is shown as text, never as markup.
    expect(await text(page, '.report')).toContain('müqavilə <imzalı>.pdf');
    expect(await page.$('.report imzalı')).toBeNull();
    // Nothing was sent: no POST at all, nothing to the verify endpoint.
    expect(requests.filter((r) => r.method() !== 'GET').map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
    expect(requests.some((r) => r.url().includes('/api/v1/verify'))).toBe(false);
    // The preview renders the page with pdf.js, and marks the signed revision.
    await page.waitForSelector('.pages canvas', { timeout: 30_000 });
    expect(await page.$$eval('.revision-choice input', (xs) => xs.length)).toBe(2);
    await page.close();
  });

  it('shows a tampered PDF as invalid (red) with the reason', async () => {
    const page = await open();
    await check(page, tampered);
    expect(await page.$eval('.report .verdict', (e) => e.getAttribute('data-tone'))).toBe('invalid');
    expect(await text(page, '.verdict-words')).toBe('Etibarsızdır');
    expect(await page.$eval('.signature', (e) => e.getAttribute('data-tone'))).toBe('invalid');
    const reason = await page.$eval('.problem[data-code="MESSAGE_DIGEST_MISMATCH"]', (e) => (e as HTMLElement).innerText);
    expect(reason).toContain('Sənəd imzalandıqdan sonra dəyişdirilib');
    await page.close();
  });

  it('says plainly when a file is not signed, or not a document it can check', async () => {
    const page = await open();
    const unsigned = join(tmp.dir, 'imzasiz.pdf');
    writeFileSync(unsigned, samplePdf(['TEST not signed']));
    await check(page, unsigned);
    expect(await page.$eval('.report .verdict', (e) => e.getAttribute('data-tone'))).toBe('unsigned');
    expect(await text(page, '.verdict-words')).toBe('İmzasızdır');
    await page.close();
    const other = await open();
    const note = join(tmp.dir, 'qeyd.txt');
    writeFileSync(note, 'TEST: just text, no signature');
    await check(other, note);
    expect(await other.$eval('.failure', (e) => e.getAttribute('data-code'))).toBe('FORMAT_UNKNOWN');
    expect(await text(other, '.failure')).toContain('qeyd.txt');
    await other.close();
  });

  it('checks a detached .p7s chosen together with its signed file, and says what to do when only the signature is chosen', async () => {
    const content = join(tmp.dir, 'akt.txt');
    writeFileSync(content, 'TEST akt: 1000 AZN\n');
    const p7s = join(tmp.dir, 'akt.txt.p7s');
    const r = imzala(['sign', content, '--out', p7s, '--p12', join(tmp.dir, 'data', 'demo-pki', 'citizen.p12'), '--pass-env', 'P12PASS'], { P12PASS: 'test' });
    expect(r.status, r.stderr).toBe(0);
    const page = await open();
    await check(page, content, p7s); // in either order
    expect(await page.$eval('.report .verdict', (e) => e.getAttribute('data-tone'))).toBe('valid');
    expect(await text(page, '.signature')).toContain(CITIZEN.fin);
    await page.close();
    const alone = await open();
    await check(alone, p7s);
    expect(await alone.$eval('.failure', (e) => e.getAttribute('data-code'))).toBe('CMS_CONTENT_MISSING');
    expect(await text(alone, '.failure')).toContain('imzalanmış faylı birlikdə seçin');
    await alone.close();
  });

  it('switches language: the page and the result follow, ?lang= and the links agree', async () => {
    const page = await open();
    await check(page, signed);
    await page.click('nav.languages a[data-lang="en"]');
    await page.waitForFunction(() => document.querySelector('.verdict-words')?.textContent === 'Valid', { timeout: 30_000 });
    expect(await text(page, 'h1')).toBe('Check a document');
    expect(page.url()).toContain('lang=en');
    expect(await page.$eval('html', (e) => e.lang)).toBe('en');
    expect(await text(page, '#test-banner')).toContain('TEST trust store');
    await page.close();
    const ru = await open('ru');
    expect(await text(ru, 'h1')).toBe('Проверить документ');
    await check(ru, tampered);
    expect(await text(ru, '.problem[data-code="MESSAGE_DIGEST_MISMATCH"]')).toMatch(/[а-я]/);
    await ru.close();
  });

  it('downloads the report as JSON and as a printable PDF with the same facts', async () => {
    const page = await open();
    await check(page, signed);
    await page.click('#download-json');
    const json = JSON.parse(readFileSync(await browser.download(/yoxlama\.json$/), 'utf8'));
    expect(json.schema).toBe('imzala.report/1');
    expect(json.status).toBe('VALID');
    expect(json.signatures[0].signer.fin).toBe(CITIZEN.fin);
    await page.click('#download-pdf');
    const pdf = await browser.download(/yoxlama\.pdf$/);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const printed = run('pdftotext', ['-layout', pdf, '-'], { check: true }).stdout;
    expect(printed).toContain(CITIZEN.fin);
    expect(printed).toContain(CITIZEN.name);
    expect(printed).toContain('Etibarlıdır');
    expect(printed.replace(/\s+/g, '')).toContain(json.trustAnchors[0].sha256);
    await page.close();
  });

  it('checks on the server when asked, with the same report as the in-browser check', async () => {
    const first = await open();
    await check(first, signed);
    const inBrowser = await first.evaluate(() => document.querySelector('.report')!.textContent);
    await first.close();
    const page = await open();
    const requests = watch(page);
    await page.click('#server-check');
    await check(page, signed);
    expect(await text(page, '.checked-at')).toContain('imzala serverində yoxlanıldı');
    expect(requests.some((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/verify?lang=az'))).toBe(true);
    const onServer = await page.evaluate(() => document.querySelector('.report')!.textContent);
    // Same facts; only the checking time and where it was checked differ.
    const strip = (s: string | null | undefined) => (s ?? '').replace(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}/g, 'T').replace(/Bu brauzerdə yoxlanıldı\.|imzala serverində yoxlanıldı\./g, '');
    expect(strip(onServer)).toBe(strip(inBrowser));
    await page.close();
  });

  it('lists the trust anchors with their SHA-256 fingerprints and the TEST banner', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/yoxla/etibar?lang=en`, { waitUntil: 'networkidle0' });
    expect(await text(page, 'h1')).toBe('Trusted root certificates');
    expect(await text(page, '#test-banner')).toContain('TEST');
    const rca = readFileSync(join(tmp.dir, 'data', 'demo-pki', 'trust', 'rca.pem'), 'utf8');
    const fingerprint = run('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { check: true, input: rca }).stdout.split('=')[1]!.trim();
    expect(await text(page, '.fingerprint')).toBe(fingerprint);
    await page.close();
  });
});
