/**
 * "imzala ilə imzala" in a webmail, end to end: the TEST build of the extension (extension/.output-test/chrome-mv3,
 * `IMZALA_TEST_BUILD=1 npx wxt build extension`) in Chromium on the replica server's webmail replicas, with the real
 * adapters (W1's Gmail, W2's Outlook) and the real background (`webmail:check` verifies with core against the TEST RCA
 * served as the configured service's trust anchors). Asserted as a user sees it: the buttons on every attachment and on
 * a message opened later without a page load, the badges (green with the signer for a PDF signed with the demo
 * citizen, red for the same PDF with one byte changed, none for an unsigned PDF), a page whose structure changed keeps
 * working and the popup's "Bu səhifədə" says the feature is off; the release manifest never matches localhost.
 *
 * The popup is opened as a page (chrome-extension://<id>/popup.html?tab=<id>) in its own tab: in a real popup the
 * webmail tab is the active tab of the window, in a page tab it would be the popup itself, so the test brings the
 * webmail tab to the front, reads the active tab's id in the extension's service worker (chrome.tabs.query({ active:
 * true }), what the real popup asks) and passes it in the URL.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from '../../core/encoding/pem.js';
import { makePdf } from '../fixtures/pdf/make-pdf.js';
import { renderGmailThread } from '../fixtures/webmail/gmail.js';
import { renderOutlookReading } from '../fixtures/webmail/outlook.js';
import { launchBrowser, popupFeatures, setExtensionStorage, type TestBrowser } from '../support/browser.js';
import { imzala, tempDir } from '../support/cli.js';
import { writeDemoPki } from '../support/demo-pki.js';
import { startWebmailReplicaServer, type WebmailReplicaServer } from '../support/webmail-replica-server.js';

const TEST_BUILD = join(import.meta.dirname, '../../extension/.output-test/chrome-mv3');
const RELEASE_BUILD = join(import.meta.dirname, '../../extension/.output/chrome-mv3');

interface Manifest {
  content_scripts?: { matches?: string[]; js?: string[]; css?: string[] }[];
}
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const webmailScript = (m: Manifest) => m.content_scripts?.find((s) => s.js?.some((f) => f.includes('webmail')));

const MESSAGES = [
  {
    from: { name: 'Aygün Əliyeva', email: 'aygun@example.az' },
    to: [{ name: 'Mən Özüm', email: 'me@imzala.test' }],
    attachments: [
      { att: 'signed', name: 'müqavilə.pdf', mimeType: 'application/pdf' },
      { att: 'tampered', name: 'dəyişdirilmiş.pdf', mimeType: 'application/pdf' },
      { att: 'unsigned', name: 'imzasız.pdf', mimeType: 'application/pdf' },
      { att: 'docx', name: 'qeyd.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    ],
  },
  {
    from: { name: 'Rəşad Quliyev', email: 'reshad@example.az' },
    to: [{ name: 'Mən Özüm', email: 'me@imzala.test' }],
    attachments: [{ att: 'later', name: 'sonra.pdf', mimeType: 'application/pdf' }],
  },
];

/** How each replica is opened, and how it opens message 1 later without a page load. */
const REPLICAS = [
  {
    kind: 'gmail' as const,
    render: (variant: 'current' | 'broken') => renderGmailThread({ messages: MESSAGES, variant }),
    openLater: '[data-replica-open="1"]',
    openedLater: () => /^#inbox\/./.test(location.hash),
  },
  {
    kind: 'outlook' as const,
    render: (variant: 'current' | 'broken') => renderOutlookReading({ messages: MESSAGES, variant }),
    openLater: '[data-convid="conv-1"]',
    openedLater: () => location.pathname.includes('/inbox/id/conv-1'),
  },
];

describe('webmail runtime with the TEST build (Gmail and Outlook replicas)', () => {
  let tb: TestBrowser;
  let server: WebmailReplicaServer;
  let cleanup: () => void;
  let pageErrors: string[];
  let consoleLines: string[];

  beforeAll(async () => {
    const tmp = tempDir('imzala-webmail-e2e-');
    cleanup = tmp.cleanup;
    const pki = writeDemoPki(join(tmp.dir, 'pki'));
    const unsigned = makePdf();
    const input = join(tmp.dir, 'doc.pdf');
    const out = join(tmp.dir, 'signed.pdf');
    writeFileSync(input, unsigned);
    const signedRun = imzala(['sign', input, '--out', out, '--p12', pki.p12('citizen'), '--pass-env', 'P'], { P: pki.password });
    if (signedRun.status !== 0) throw new Error(`imzala sign failed: ${signedRun.stderr}`);
    const signed = new Uint8Array(readFileSync(out));
    // One byte of the signed range changed after signing (inside the PDF header comment line, before /Contents).
    const tampered = signed.slice();
    tampered[12] = tampered[12]! ^ 0x01;
    const root = Buffer.from(decodePem(readFileSync(pki.root, 'utf8'))[0]!.der).toString('base64');
    server = await startWebmailReplicaServer({
      attachments: {
        signed: { name: 'müqavilə.pdf', mimeType: 'application/pdf', bytes: signed },
        tampered: { name: 'dəyişdirilmiş.pdf', mimeType: 'application/pdf', bytes: tampered },
        unsigned: { name: 'imzasız.pdf', mimeType: 'application/pdf', bytes: unsigned },
        docx: { name: 'qeyd.docx', mimeType: 'application/octet-stream', bytes: new TextEncoder().encode('PK not really a docx') },
        later: { name: 'sonra.pdf', mimeType: 'application/pdf', bytes: unsigned },
      },
      trustAnchors: [root],
    });
    tb = await launchBrowser({ extension: TEST_BUILD });
    await setExtensionStorage(tb, { serviceUrls: [server.origin], language: 'az' });
  }, 120_000);
  afterAll(async () => {
    await tb?.close();
    await server?.close();
    cleanup?.();
  });

  async function openReplica(kind: 'gmail' | 'outlook', html: string): Promise<Page> {
    server.set({ [kind]: html });
    const page = await tb.newPage();
    pageErrors = [];
    consoleLines = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // The content script's console lines show here too (its isolated world logs to the page's console).
    page.on('console', (m) => consoleLines.push(m.text()));
    // The page's own error handlers: nothing of the extension may reach them.
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __errors: string[] };
      w.__errors = [];
      window.addEventListener('error', (e) => w.__errors.push(String(e.message)));
      window.addEventListener('unhandledrejection', (e) => w.__errors.push(String(e.reason)));
    });
    await page.goto(kind === 'gmail' ? server.gmailUrl : server.outlookUrl);
    return page;
  }

  const features = (page: Page) => popupFeatures(tb, page);

  for (const replica of REPLICAS) {
    it(`${replica.kind}: puts "imzala ilə imzala" on every attachment, badges green/red/none, and buttons on a message opened later`, async () => {
      const page = await openReplica(replica.kind, replica.render('current'));
      await page.waitForFunction(() => document.querySelectorAll('.imzala-actions').length === 5);
      const boxes = await page.$$eval('.imzala-actions', (list) => list.map((b) => ({ for: (b as HTMLElement).dataset.imzalaFor, sign: b.querySelector('.imzala-sign')?.textContent, check: b.querySelector('.imzala-check')?.textContent ?? null })));
      expect(boxes).toEqual([
        { for: 'müqavilə.pdf', sign: 'imzala ilə imzala', check: 'Yoxla' },
        { for: 'dəyişdirilmiş.pdf', sign: 'imzala ilə imzala', check: 'Yoxla' },
        { for: 'imzasız.pdf', sign: 'imzala ilə imzala', check: 'Yoxla' },
        { for: 'qeyd.docx', sign: 'imzala ilə imzala', check: null },
        { for: 'sonra.pdf', sign: 'imzala ilə imzala', check: 'Yoxla' },
      ]);
      const badge = (name: string) => `.imzala-actions[data-imzala-for="${name}"] .imzala-badge`;
      await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-tone') === 'green', { timeout: 60_000 }, badge('müqavilə.pdf'));
      await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-tone') === 'red', { timeout: 60_000 }, badge('dəyişdirilmiş.pdf'));
      await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-tone') === 'none', { timeout: 60_000 }, badge('imzasız.pdf'));
      const shown = await page.$$eval('.imzala-badge', (list) => list.map((b) => ({ for: (b.closest('.imzala-actions') as HTMLElement).dataset.imzalaFor, tone: b.getAttribute('data-tone'), status: b.getAttribute('data-status'), text: b.textContent, visible: !(b as HTMLElement).hidden })));
      const green = shown.find((b) => b.for === 'müqavilə.pdf')!;
      expect(green).toMatchObject({ tone: 'green', status: 'VALID', visible: true });
      expect(green.text!.startsWith('✓ ') && green.text!.length > 3).toBe(true);
      const red = shown.find((b) => b.for === 'dəyişdirilmiş.pdf')!;
      expect(red).toMatchObject({ tone: 'red', status: 'INVALID', visible: true });
      expect(red.text!.startsWith('✗ ')).toBe(true);
      expect(shown.find((b) => b.for === 'imzasız.pdf')).toMatchObject({ tone: 'none', status: 'UNSIGNED', visible: false });

      // Another conversation, opened without a page load: its attachment gets its buttons.
      await page.click(replica.openLater);
      await page.waitForFunction(replica.openedLater);
      await page.waitForFunction(() => [...document.querySelectorAll('.imzala-actions')].map((b) => (b as HTMLElement).dataset.imzalaFor).join() === 'sonra.pdf');
      expect(await page.$$eval('.imzala-actions .imzala-sign', (l) => l.length)).toBe(1);

      // Everything the page asked for went to this origin; the extension's checks read the attachments here too.
      expect(server.requests.filter((r) => r.kind === 'missing')).toEqual([]);
      expect(server.requests.filter((r) => r.kind === 'attachment').length).toBeGreaterThanOrEqual(3);
      expect(pageErrors).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([]);
      expect((await features(page)).filter((f) => f.id !== 'compose-send-for-signing').every((f) => f.active)).toBe(true);
      await page.close();
    }, 120_000);

    it(`${replica.kind}: a page whose structure changed keeps working, and the popup says the feature is off`, async () => {
      const page = await openReplica(replica.kind, replica.render('broken'));
      // The page's own script still runs: switching conversations works.
      await page.click(replica.openLater);
      await page.waitForFunction(replica.openedLater);
      // The runtime has looked at the page: one line says which feature went off and which selector is to blame.
      for (let i = 0; i < 200 && !consoleLines.some((l) => l.startsWith('imzala: ')); i++) await new Promise((r) => setTimeout(r, 50));
      expect(consoleLines.filter((l) => l.startsWith('imzala: '))).toEqual([`imzala: ${replica.kind} attachment-buttons off: ${replica.kind}.attachment matched nothing`]);
      const list = await features(page);
      expect(list.find((f) => f.id === 'attachment-buttons')).toMatchObject({ active: false, text: 'Qoşmalarda “imzala ilə imzala” düyməsi: söndürülüb' });
      expect(await page.$$eval('.imzala-actions', (l) => l.length)).toBe(0);
      expect(pageErrors).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('the TEST build matches localhost for webmail; the release build never does', () => {
    const test = webmailScript(manifestOf(TEST_BUILD));
    expect(test?.matches).toContain('http://localhost/*');
    expect(test?.css?.length).toBeGreaterThan(0);
    const release = webmailScript(manifestOf(RELEASE_BUILD));
    expect(release, 'the release build has the webmail content script (npm run build)').toBeDefined();
    expect(release!.matches!.sort()).toEqual(['https://mail.google.com/*', 'https://outlook.live.com/*', 'https://outlook.office.com/*', 'https://outlook.office365.com/*']);
  });
});
