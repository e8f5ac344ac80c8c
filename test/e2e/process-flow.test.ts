/**
 * A whole signing process, as issue 5 describes its check: the wizard in Chromium starts it for three parties (a
 * citizen, a legal entity's representative, a citizen); each link is followed from the e-mail actually received
 * through a real SMTP server on 127.0.0.1; the first party signs on the signing page with the ASAN İmza simulator, the
 * other two through the hash-signing API with TEST keys; each invitation arrives only after the previous signature;
 * the final mails carry a PDF that imzala and pdfsig verify with three signatures and an ASiC-E container that verifies.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePem } from '../../core/encoding/pem.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { issueCertificate, type IssuedCertificate } from '../../verifier/pki-demo/certificate-builder.js';
import type { DemoHierarchy } from '../../verifier/pki-demo/demo-hierarchy.js';
import { writeDemoHierarchy } from '../../verifier/pki-demo/write-demo.js';
import { loadServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { fill, launchBrowser, setValue, type TestBrowser } from '../support/browser.js';
import { imzala, tempDir } from '../support/cli.js';
import { createNssDb, pdfsigVerify, trustRoot } from '../support/nss.js';
import { signThroughApi } from '../support/signing-client.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let tmp: ReturnType<typeof tempDir>;
let sink: SmtpSink;
let server: RunningServer;
let browser: TestBrowser;
let hierarchy: DemoHierarchy;
let third: IssuedCertificate;
let files: { pdf: string; act: string };

const addressOf = (m: SmtpSink['mails'][number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
const mailsTo = (address: string) => sink.mails.filter((m) => addressOf(m) === address);

async function linkFor(address: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const link = mailsTo(address)
      .map((m) => /https?:\/\/[^\s"<>]+\/s\/[A-Za-z0-9_-]{43}/.exec(m.text ?? '')?.[0])
      .find(Boolean);
    if (link) return link;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no link mailed to ${address}`);
}

const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
const chain = () => [hierarchy.ica.certificate, hierarchy.pca.certificate];

beforeAll(async () => {
  tmp = tempDir('imzala-flow-');
  const data = join(tmp.dir, 'data');
  // The TEST hierarchy where the service looks for it; its ICA issues a third TEST person for this test.
  ({ hierarchy } = await writeDemoHierarchy(join(data, 'demo-pki')));
  third = await issueCertificate({
    subject: [
      { type: 'C', value: 'AZ' },
      { type: 'CN', value: 'TEST RZAYEV KAMAL TEST OĞLU' },
      { type: 'serialNumber', value: '1TEST07' },
    ],
    issuer: { certificate: hierarchy.ica.certificate, privateKeyPkcs8: hierarchy.ica.privateKeyPkcs8! },
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 365 * 86_400_000),
    basicConstraints: { ca: false },
    keyUsage: { usages: ['digitalSignature', 'nonRepudiation'], critical: true },
  });
  sink = await startSmtpSink();
  server = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: data, SMTP_URL: sink.url, IMZALA_ASAN: 'simulator' }), { log: () => undefined });
  files = { pdf: join(tmp.dir, 'xidmət.pdf'), act: join(tmp.dir, 'akt.txt') };
  writeFileSync(files.pdf, samplePdf(['TEST service contract', 'Three parties, in order']));
  writeFileSync(files.act, 'TEST akt: 1500 AZN\n');
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sink?.close();
  tmp?.cleanup();
});

async function startWithTheWizard(page: Page): Promise<void> {
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'az' });
  await page.goto(`${server.url}/yeni`, { waitUntil: 'networkidle0' });
  const input = (await page.$('input#documents')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(files.pdf, files.act);
  await page.waitForFunction(() => [...document.querySelectorAll('.document .file-hash')].every((e) => e.textContent?.startsWith('SHA-256')));
  await page.click('#next');
  await fill(page, '#signer-0-name', 'TEST ƏLİYEV VÜQAR');
  await fill(page, '#signer-0-fin', '1TEST01');
  await fill(page, '#signer-0-email', 'vuqar@example.test');
  await page.click('#next');
  await page.click('#add-signer');
  await page.click('#add-signer');
  await page.click('input[name="signer-1-type"][value="legal"]');
  await fill(page, '#signer-1-name', 'TEST MƏMMƏDOVA AYSEL');
  await fill(page, '#signer-1-fin', '1TEST02');
  await fill(page, '#signer-1-voen', '9900000001');
  await fill(page, '#signer-1-company', 'TEST Nümunə MMC');
  await fill(page, '#signer-1-position', 'TEST Hüquqi Təmsilçi');
  await fill(page, '#signer-1-email', 'aysel@example.test');
  await fill(page, '#signer-2-name', 'TEST RZAYEV KAMAL');
  await fill(page, '#signer-2-fin', '1TEST07');
  await fill(page, '#signer-2-email', 'kamal@example.test');
  await page.click('#next');
  await fill(page, '#process-name', 'TEST xidmət müqaviləsi');
  const deadline = new Date(Date.now() + 5 * 86_400_000);
  await setValue(page, '#deadline', new Date(deadline.getTime() - deadline.getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
  await fill(page, '#cc', 'muhasib@example.test');
  await fill(page, '#initiator-email', 'initiator@example.test');
  await page.click('#next');
  await page.click('#send');
  await page.waitForSelector('#sent-title', { timeout: 30_000 });
}

async function signOnThePageWithAsan(page: Page, link: string): Promise<void> {
  await page.goto(link, { waitUntil: 'networkidle0' });
  await page.waitForSelector('#choose-asan');
  await page.click('#choose-asan');
  await page.waitForSelector('#phone');
  await page.type('#phone', '+994 50 000 00 01');
  await page.type('#user-id', '000001');
  await page.click('#mobile-start');
  for (let n = 1; n <= 2; n++) {
    await page.waitForFunction((k) => document.querySelector('.code p:nth-of-type(3)')?.textContent?.includes(`${k} /`), { timeout: 30_000 }, n);
    const code = await page.$eval('#verification-code', (e) => e.textContent);
    const phone = await request(server.url).get('/simulator/asan/sessions');
    const session = (phone.body.sessions as { id: string; verificationCode: string }[]).find((s) => s.verificationCode === code)!;
    await request(server.url).post(`/simulator/asan/sessions/${session.id}/approve`);
  }
  await page.waitForFunction(() => document.querySelector('#signing-state')?.textContent?.includes('İmzalandı'), { timeout: 30_000 });
}

describe('a process of three parties, from the wizard to the signed files in every mailbox', () => {
  it('runs in order and ends with files that imzala and pdfsig verify', async () => {
    const page = await browser.newPage();
    await startWithTheWizard(page);

    // 1: the citizen, on the signing page, with ASAN İmza. Nobody else is invited yet.
    const first = await linkFor('vuqar@example.test');
    expect(mailsTo('aysel@example.test')).toHaveLength(0);
    await signOnThePageWithAsan(page, first);
    await page.close();

    // 2: the legal entity's representative, invited only now, through the hash-signing API (EC key, raw r||s).
    const aysel = tokenOf(await linkFor('aysel@example.test'));
    expect(mailsTo('kamal@example.test')).toHaveLength(0);
    const second = await signThroughApi(server.url, aysel, { certificate: hierarchy.business.certificate, chain: chain(), privateKey: hierarchy.business.privateKeyPkcs8!, p1363: true });
    expect(second.complete?.status, second.complete?.text).toBe(200);

    // 3: the second citizen, invited only now, through the API (RSA key).
    const kamal = tokenOf(await linkFor('kamal@example.test'));
    const last = await signThroughApi(server.url, kamal, { certificate: third.certificate, chain: chain(), privateKey: third.privateKeyPkcs8 });
    expect(last.complete?.body.status).toBe('completed');

    // Every party, the initiator and the extra recipient receive the signed files.
    const finals = [];
    for (const address of ['vuqar@example.test', 'aysel@example.test', 'kamal@example.test', 'initiator@example.test', 'muhasib@example.test']) {
      let final;
      for (let i = 0; i < 300 && !final; i++) {
        final = mailsTo(address).find((m) => m.attachments.some((a) => a.filename === 'akt.txt.asice'));
        if (!final) await new Promise((r) => setTimeout(r, 50));
      }
      expect(final, `final mail to ${address}`).toBeDefined();
      finals.push(final!);
    }
    const pdf = join(tmp.dir, 'final.pdf');
    const asice = join(tmp.dir, 'final.asice');
    writeFileSync(pdf, finals[0]!.attachments.find((a) => a.filename === 'xidmət.pdf')!.content);
    writeFileSync(asice, finals[0]!.attachments.find((a) => a.filename === 'akt.txt.asice')!.content);
    const trust = join(tmp.dir, 'data', 'demo-pki', 'trust');
    for (const file of [pdf, asice]) {
      const report = JSON.parse(imzala(['verify', file, '--json', '--trust', trust]).stdout.trim());
      expect(report.status, file).toBe('VALID');
      expect(report.signatures.map((s: { signer: { fin: string } }) => s.signer.fin)).toEqual(['1TEST01', '1TEST02', '1TEST07']);
    }
    const db = createNssDb(join(tmp.dir, 'nss'));
    const rootPem = join(tmp.dir, 'rca.pem');
    writeFileSync(rootPem, encodePem('CERTIFICATE', hierarchy.rca.certificate));
    trustRoot(db, rootPem);
    expect(pdfsigVerify(db, pdf).match(/Signature is Valid/g)).toHaveLength(3);
  });
});
