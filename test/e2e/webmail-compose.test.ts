/**
 * "imzala ilə imzalamağa göndər" from a webmail compose window, end to end: the TEST build of the extension
 * (extension/.output-test/chrome-mv3, made by `npm run build`) in Chromium, a real imzala service (`startServer`)
 * configured as the extension's service, and the Gmail and Outlook compose replicas on the replica server with two
 * recipients and an attachment. Asserted as a user sees it: the action in the compose, a click opens the service's
 * wizard in a new tab, which lists the attachment (same SHA-256 as the bytes the webmail served) and the two
 * recipients as the parties, in order; the compose says what happened. Also: a compose without attachments hands over
 * only the recipients (the wizard asks for the document); a compose whose toolbar is not where the adapter expects it
 * gets no action and the popup says the feature is off; `webmail:handover` from a page that is not a webmail, or from
 * the extension's own page, is refused.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_HANDOVER_DOCUMENTS } from '../../core/protocol/page.js';
import { MAX_HANDOVER_DOCUMENTS as RUNTIME_MAX_HANDOVER_DOCUMENTS } from '../../extension/src/webmail/core/runtime.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { loadServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { renderGmailCompose } from '../fixtures/webmail/gmail.js';
import { renderOutlookCompose } from '../fixtures/webmail/outlook.js';
import { fill, launchBrowser, popupFeatures, setExtensionStorage, type TestBrowser } from '../support/browser.js';
import { tempDir } from '../support/cli.js';
import { startWebmailReplicaServer, type WebmailReplicaServer } from '../support/webmail-replica-server.js';

const TEST_BUILD = join(import.meta.dirname, '../../extension/.output-test/chrome-mv3');

const ME = { name: 'Mən Özüm', email: 'me@imzala.test' };
const RECIPIENTS = [
  { name: 'Aygün Əliyeva', email: 'aygun@example.az' },
  { name: 'Rəşad Quliyev', email: 'reshad@example.az' },
];
const contract = Buffer.from(samplePdf(['TEST müqavilə', 'imzaya göndərilir']));
const contractSha256 = createHash('sha256').update(contract).digest('hex');

type Kind = 'gmail' | 'outlook';
function render(kind: Kind, attachments: { att: string; name: string; mimeType: string }[], variant: 'current' | 'broken' = 'current'): string {
  const messages = [{ from: ME, to: RECIPIENTS, attachments }];
  return kind === 'gmail' ? renderGmailCompose({ messages, variant }) : renderOutlookCompose({ messages, variant });
}

let tmp: ReturnType<typeof tempDir>;
let service: RunningServer;
let replicas: WebmailReplicaServer;
let tb: TestBrowser;

beforeAll(async () => {
  tmp = tempDir('imzala-webmail-compose-');
  service = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: join(tmp.dir, 'data') }), { log: () => undefined });
  replicas = await startWebmailReplicaServer({ attachments: { contract: { name: 'müqavilə.pdf', mimeType: 'application/pdf', bytes: contract } } });
  tb = await launchBrowser({ extension: TEST_BUILD });
  await setExtensionStorage(tb, { serviceUrls: [service.url], language: 'az' });
}, 120_000);

afterAll(async () => {
  await tb?.close();
  await replicas?.close();
  await service?.close();
  tmp?.cleanup();
});

let pageErrors: string[] = [];
async function openCompose(kind: Kind, html: string): Promise<Page> {
  replicas.set({ [kind]: html });
  const page = await tb.newPage();
  pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(kind === 'gmail' ? replicas.gmailUrl : replicas.outlookUrl);
  return page;
}

/** Clicks the compose action and returns the wizard tab it opened (the service's /yeni). */
async function clickAndFollow(page: Page): Promise<Page> {
  const before = new Set(tb.browser.targets());
  const opened = tb.browser.waitForTarget((t: Target) => !before.has(t) && t.type() === 'page' && t.url().startsWith(`${service.url}/yeni`), { timeout: 20_000 });
  await page.click('.imzala-compose-actions .imzala-handover');
  const wizard = (await (await opened).page())!;
  await wizard.waitForSelector('#handover-notice', { timeout: 20_000 });
  return wizard;
}

/**
 * The wizard's notice of what the extension handed over. The wizard tab is opened by the extension, so its language
 * is the browser's (Accept-Language), not the extension's setting: Azerbaijani or English here.
 */
const handedOver = (documents: number, signers: number) => new RegExp(`${documents} sənəd və ${signers} tərəf|handed over ${documents} document\\(s\\) and ${signers} part`);

async function outcome(page: Page): Promise<{ outcome: string | null; code: string | null; text: string | null }> {
  await page.waitForSelector('.imzala-compose-actions .imzala-outcome:not([hidden])', { timeout: 20_000 });
  return page.$eval('.imzala-compose-actions .imzala-outcome', (e) => ({ outcome: e.getAttribute('data-outcome'), code: e.getAttribute('data-code'), text: e.textContent }));
}

/**
 * The parties the wizard filled in: signer 1 on its own step, then (after the person typed the first FIN, which no
 * e-mail carries) the further signers on the next step.
 */
async function parties(wizard: Page): Promise<{ name: string; email: string; fin: string }[]> {
  const read = () =>
    wizard.$$eval('fieldset.signer', (sets) =>
      sets.map((set) => {
        const index = set.getAttribute('data-index');
        const value = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value ?? '';
        return { name: value(`signer-${index}-name`), email: value(`signer-${index}-email`), fin: value(`signer-${index}-fin`) };
      }),
    );
  await wizard.click('#next');
  await wizard.waitForSelector('#signer-0-email');
  const first = await read();
  await fill(wizard, '#signer-0-fin', '1TEST01');
  await wizard.click('#next');
  await wizard.waitForFunction(() => document.querySelector('#signer-0-email') === null && document.querySelector('#add-signer') !== null, { timeout: 10_000 });
  return [...first, ...(await read())];
}

const features = (page: Page) => popupFeatures(tb, page);

/** Evaluates `expression` in the extension's content-script world of `page` (where runtime.sendMessage is). */
async function inContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.createCDPSession();
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${tb.extensionId}`);
  if (!world) throw new Error(`no content script world on ${page.url()}`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { contextId: world.id, expression, awaitPromise: true, returnByValue: true });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

const HANDOVER = { type: 'webmail:handover', documents: [], signers: [{ email: 'x@example.az' }], source: 'gmail' };

describe('"imzala ilə imzalamağa göndər" in a compose window (TEST build, real service)', () => {
  for (const kind of ['gmail', 'outlook'] as const) {
    it(`${kind}: the action hands the attachment and the two recipients, in order, to the wizard`, async () => {
      const page = await openCompose(kind, render(kind, [{ att: 'contract', name: 'müqavilə.pdf', mimeType: 'application/pdf' }]));
      await page.waitForSelector('.imzala-compose-actions .imzala-handover', { timeout: 20_000 });
      expect(await page.$$eval('.imzala-compose-actions .imzala-handover', (l) => l.map((b) => b.textContent))).toEqual(['imzala ilə imzalamağa göndər']);
      // The page changes the compose (as it does while the person types): still one action, never two.
      await page.evaluate(async () => {
        const compose = document.querySelector('.imzala-compose-actions')!.parentElement!;
        compose.append(document.createElement('span'), document.createElement('div'));
        document.querySelector('[data-replica-compose], [role=main]')!.append(document.createElement('div'));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      });
      expect(await page.$$eval('.imzala-compose-actions', (l) => l.length)).toBe(1);

      const before = replicas.requests.filter((r) => r.kind === 'attachment').length;
      const wizard = await clickAndFollow(page);
      expect(await wizard.$eval('#handover-notice', (e) => e.textContent)).toMatch(handedOver(1, 2));
      await wizard.waitForFunction(() => document.querySelector('.document .file-hash')?.textContent?.startsWith('SHA-256'), { timeout: 15_000 });
      expect(await wizard.$$eval('.document', (l) => l.length)).toBe(1);
      expect(await wizard.$eval('.document', (e) => (e as HTMLElement).innerText)).toContain('müqavilə.pdf');
      expect(await wizard.$eval('.document .file-hash', (e) => e.textContent)).toContain(contractSha256.slice(0, 16));
      const people = await parties(wizard);
      expect(people.map((p) => p.email)).toEqual(RECIPIENTS.map((r) => r.email));
      expect(people.map((p) => p.name)).toEqual(RECIPIENTS.map((r) => r.name));
      // FINs are not in an e-mail: the wizard leaves them for the person (as read before the test typed the first).
      expect(people.map((p) => p.fin)).toEqual(['', '']);
      await wizard.close();

      // The compose says what happened; the attachment was read from the webmail's own origin, nothing else was asked.
      expect(await outcome(page)).toEqual({ outcome: 'ok', code: null, text: 'imzala-da açıldı: 1 sənəd, 2 imzalayan' });
      expect(replicas.requests.filter((r) => r.kind === 'attachment').length).toBe(before + 1);
      expect(replicas.requests.filter((r) => r.kind === 'missing')).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect((await features(page)).find((f) => f.id === 'compose-send-for-signing')).toMatchObject({ active: true });
      await page.close();
    }, 120_000);

    it(`${kind}: a compose without attachments hands over only the recipients; the wizard asks for the document`, async () => {
      const page = await openCompose(kind, render(kind, []));
      await page.waitForSelector('.imzala-compose-actions .imzala-handover', { timeout: 20_000 });
      const wizard = await clickAndFollow(page);
      expect(await wizard.$eval('#handover-notice', (e) => e.textContent)).toMatch(handedOver(0, 2));
      expect(await wizard.$('.document')).toBeNull();
      // The person adds the document in the wizard, then finds the recipients as the parties.
      const file = join(tmp.dir, 'sonra-əlavə.pdf');
      writeFileSync(file, contract);
      const input = (await wizard.$('input[type=file]'))!;
      await input.uploadFile(file);
      await wizard.waitForFunction(() => document.querySelector('.document .file-hash')?.textContent?.startsWith('SHA-256'), { timeout: 15_000 });
      expect((await parties(wizard)).map((p) => p.email)).toEqual(RECIPIENTS.map((r) => r.email));
      await wizard.close();
      expect(await outcome(page)).toEqual({ outcome: 'ok', code: null, text: 'imzala-da açıldı: 0 sənəd, 2 imzalayan' });
      expect(pageErrors).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it('gmail: a compose whose toolbar is not found gets no action, and the popup says the feature is off', async () => {
    const page = await openCompose('gmail', render('gmail', [{ att: 'contract', name: 'müqavilə.pdf', mimeType: 'application/pdf' }], 'broken'));
    await page.waitForSelector('[data-replica-compose]');
    let list = await features(page);
    // The runtime scans at document_idle: the popup's answer is there once the content script runs.
    for (let i = 0; i < 100 && list.find((f) => f.id === 'compose-send-for-signing')?.active !== false; i++) {
      await new Promise((r) => setTimeout(r, 100));
      list = await features(page);
    }
    expect(list.find((f) => f.id === 'compose-send-for-signing')).toMatchObject({ active: false, text: 'Yeni məktubdan imzaya göndərmək: söndürülüb' });
    expect(await page.$$eval('.imzala-compose-actions', (l) => l.length)).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it('outlook: a compose whose Send button was renamed gets no action and the page keeps working', async () => {
    const page = await openCompose('outlook', render('outlook', [{ att: 'contract', name: 'müqavilə.pdf', mimeType: 'application/pdf' }], 'broken'));
    // The replica renders its compose a moment after load; the runtime has seen it once the popup can list features.
    await page.waitForSelector('[role=textbox], [contenteditable=true]', { timeout: 20_000 });
    await features(page);
    expect(await page.$$eval('.imzala-compose-actions', (l) => l.length)).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it('without a configured service the compose says so, with the code, and opens nothing', async () => {
    await setExtensionStorage(tb, { serviceUrls: [] });
    try {
      const page = await openCompose('gmail', render('gmail', [{ att: 'contract', name: 'müqavilə.pdf', mimeType: 'application/pdf' }]));
      await page.waitForSelector('.imzala-compose-actions .imzala-handover', { timeout: 20_000 });
      const pages = (await tb.browser.pages()).length;
      await page.click('.imzala-compose-actions .imzala-handover');
      const shown = await outcome(page);
      expect(shown).toMatchObject({ outcome: 'error', code: 'WEBMAIL_NO_SERVICE' });
      expect(shown.text).toBe('Göndərmək olmadı: imzala xidmətinin ünvanı ayarlarda göstərilməyib; onu genişlənmənin ayarlarında əlavə edin. (WEBMAIL_NO_SERVICE)');
      expect((await tb.browser.pages()).length).toBe(pages);
      await page.close();
    } finally {
      await setExtensionStorage(tb, { serviceUrls: [service.url] });
    }
  }, 60_000);

  it('the runtime refuses more documents than the wizard takes, before fetching any (same limit as core/protocol)', () => {
    expect(RUNTIME_MAX_HANDOVER_DOCUMENTS).toBe(MAX_HANDOVER_DOCUMENTS);
  });

  it('refuses webmail:handover from a page that is not a webmail, and from the extension’s own page', async () => {
    // The service's own page: the TEST build's content scripts run there too (http://localhost), but it is no webmail.
    const page = await tb.newPage();
    await page.goto(`${service.url}/yeni`, { waitUntil: 'networkidle0' });
    const fromService = (await inContentScript(page, `chrome.runtime.sendMessage(${JSON.stringify(HANDOVER)})`)) as { error?: { code: string; message: string } };
    expect(fromService.error?.code).toBe('WEBMAIL_SENDER_NOT_ALLOWED');
    expect(fromService.error?.message).toContain('Gmail');
    await page.close();

    const own = await tb.newPage();
    await own.goto(`chrome-extension://${tb.extensionId}/options.html`);
    const fromOwnPage = (await own.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), HANDOVER)) as {
      error?: { code: string };
    };
    expect(fromOwnPage.error?.code).toBe('WEBMAIL_SENDER_NOT_ALLOWED');
    await own.close();
  }, 60_000);
});
