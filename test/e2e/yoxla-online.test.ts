/**
 * The private check with revocation, in Chromium: a service that looks revocation up (its anchor is a test root
 * whose signer certificate names a local OCSP responder and CRL server), a PDF checked on /yoxla in the browser.
 * The status "good" from OCSP must come through the service's narrow proxy; the document itself is never sent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle, HTTPRequest } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePem } from '../../core/encoding/pem.js';
import { loadServerConfig } from '../../verifier/server/config.js';
import { startServer, type RunningServer } from '../../verifier/server/server.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { tempDir } from '../support/cli.js';
import { signedSample, startRevocationPki, type RevocationPki } from '../support/revocation-pki.js';

let tmp: ReturnType<typeof tempDir>;
let pki: RevocationPki;
let server: RunningServer;
let browser: TestBrowser;
let signed: string;

beforeAll(async () => {
  tmp = tempDir('imzala-yoxla-online-');
  pki = await startRevocationPki();
  const trust = join(tmp.dir, 'trust');
  mkdirSync(trust);
  writeFileSync(join(trust, 'root.pem'), encodePem('CERTIFICATE', pki.certs.root.der));
  server = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: join(tmp.dir, 'data'), IMZALA_TRUST_DIR: trust, IMZALA_OFFLINE: '0' }), {
    log: () => undefined,
  });
  signed = join(tmp.dir, 'contract.pdf');
  writeFileSync(signed, await signedSample(pki, ['TEST contract checked online in the page']));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await pki?.close();
  tmp?.cleanup();
});

describe('/yoxla with revocation look-ups', () => {
  it('shows the OCSP status, fetched through the proxy, without sending the document', async () => {
    const page = await browser.newPage();
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en' });
    const requests: HTTPRequest[] = [];
    page.on('request', (r) => requests.push(r));
    await page.goto(`${server.url}/yoxla`, { waitUntil: 'networkidle0' });
    // A configured anchor: no TEST banner.
    expect(await page.$('#test-banner')).toBeNull();
    const input = (await page.$('input#file')) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(signed);
    await page.waitForSelector('.report .verdict', { timeout: 30_000 });
    expect(await page.$eval('.report .verdict', (e) => e.getAttribute('data-tone'))).toBe('valid');
    const revocation = await page.$eval('.signature .fact-revocation dd', (e) => (e as HTMLElement).innerText);
    expect(revocation.toLowerCase()).toContain('ocsp');
    expect(revocation).toMatch(/not revoked|good/i);

    const posts = requests.filter((r) => r.method() !== 'GET');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((r) => new URL(r.url()).pathname === '/api/v1/revocation')).toBe(true);
    // What the proxy was asked: certificates and addresses, never the document.
    for (const post of posts) {
      const body = JSON.parse(post.postData() ?? '{}') as { url: string; path: string[] };
      expect([pki.ocspUrl, pki.icaCrlUrl, pki.rootCrlUrl]).toContain(body.url);
      expect(post.postData()).not.toContain('TEST contract checked online');
    }
    expect(pki.server.requests.some((r) => r.method === 'POST' && r.path === '/ocsp')).toBe(true);
    expect(requests.some((r) => r.url().includes('/api/v1/verify'))).toBe(false);
    await page.close();
  });
});
