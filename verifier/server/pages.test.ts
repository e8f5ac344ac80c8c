/**
 * The public pages over HTTP (supertest): language by ?lang= and Accept-Language, the TEST banner exactly while the
 * demo anchors are trusted, the trust page's fingerprints, the anchors API, the strict CSP, and the asset
 * directories (served, and nothing outside them).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { loadServerConfig } from './config.js';
import { escapeHtml, jsonForHtml } from './pages/html.js';
import { colonFingerprint } from './pages/trust-page.js';
import { demoPkiDir, loadServerTrust } from './trust.js';

let dataDir: string;
let testApp: Express;
let realApp: Express;
let rcaPem: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'imzala-pages-'));
  const config = loadServerConfig({ IMZALA_DATA_DIR: dataDir, IMZALA_OFFLINE: '1' });
  testApp = createApp(config, await loadServerTrust(config), { log: () => undefined });
  rcaPem = readFileSync(join(demoPkiDir(config), 'trust', 'rca.pem'), 'utf8');
  // A service with a configured trust directory (here the same root, put there by an operator): no TEST banner.
  const trustDir = join(dataDir, 'operator-trust');
  cpSync(join(demoPkiDir(config), 'trust'), trustDir, { recursive: true });
  const real = loadServerConfig({ IMZALA_DATA_DIR: dataDir, IMZALA_TRUST_DIR: trustDir, IMZALA_OFFLINE: '1' });
  realApp = createApp(real, await loadServerTrust(real), { log: () => undefined });
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('GET /yoxla', () => {
  it('is Azerbaijani by default, with the TEST banner and the page data for the script', async () => {
    const res = await request(testApp).get('/yoxla');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-language']).toBe('az');
    expect(res.headers['vary']).toMatch(/Accept-Language/);
    expect(res.text).toContain('<html lang="az">');
    expect(res.text).toContain('<h1>Sənədi yoxla</h1>');
    expect(res.text).toContain('id="test-banner"');
    const data = /<script type="application\/json" id="imzala-page">(.*?)<\/script>/.exec(res.text)![1]!;
    expect(JSON.parse(data)).toEqual({ language: 'az', testTrust: true, offline: true, maxUploadBytes: 100 * 1024 * 1024 });
    expect(res.text).toContain('<script type="module" src="/assets/app/yoxla.js">');
  });

  it('follows ?lang= first, then Accept-Language', async () => {
    const en = await request(testApp).get('/yoxla?lang=en').set('Accept-Language', 'ru');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('<h1>Check a document</h1>');
    const ru = await request(testApp).get('/yoxla').set('Accept-Language', 'ru-RU,ru;q=0.9,en;q=0.5');
    expect(ru.text).toContain('<h1>Проверить документ</h1>');
    const unknown = await request(testApp).get('/yoxla?lang=xx').set('Accept-Language', 'de');
    expect(unknown.text).toContain('<html lang="az">');
  });

  it('has no TEST banner when the operator configured the anchors', async () => {
    const res = await request(realApp).get('/yoxla');
    expect(res.text).not.toContain('test-banner');
    expect(JSON.parse(/id="imzala-page">(.*?)<\/script>/.exec(res.text)![1]!).testTrust).toBe(false);
  });

  it('is sent with a strict Content-Security-Policy: scripts, styles and the pdf.js worker only from the service', async () => {
    const res = await request(testApp).get('/yoxla');
    const csp = Object.fromEntries(
      String(res.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(' ')]),
    );
    expect(csp['default-src']).toBe("'self'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['style-src']).toBe("'self'");
    expect(csp['worker-src']).toBe("'self'");
    expect(csp['object-src']).toBe("'none'");
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe-inline|unsafe-eval/);
    // No inline script that the policy would block: the only inline block is JSON data.
    expect([...res.text.matchAll(/<script(?![^>]*(src=|type="application\/json"))/g)]).toEqual([]);
    expect(res.text).not.toMatch(/ style=|<style/);
  });

  it('redirects / to the check page', async () => {
    const res = await request(testApp).get('/?lang=ru');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/yoxla?lang=ru');
  });
});

describe('trust transparency', () => {
  it('GET /yoxla/etibar lists each anchor with its SHA-256 fingerprint as openssl prints it', async () => {
    const res = await request(testApp).get('/yoxla/etibar?lang=en');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Trusted root certificates');
    expect(res.text).toContain('id="test-banner"');
    const fingerprint = new X509Certificate(rcaPem).fingerprint256;
    expect(res.text).toContain(`<dd class="mono fingerprint">${fingerprint}</dd>`);
    expect(res.text).toContain('CN=TEST AZ Root Authority (RCA)');
  });

  it('GET /api/v1/trust-anchors gives the anchors with their DER, and each as a PEM download', async () => {
    const res = await request(testApp).get('/api/v1/trust-anchors').set('Origin', 'chrome-extension://iocoigakjbbnhenkjjcnnhinconhhebn');
    expect(res.status).toBe(200);
    // Public data: the extension's signing page (another origin) reads it to check what it signed.
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = res.body as { testTrust: boolean; anchors: { sha256: string; certificate: string; notAfter: string }[] };
    expect(body.testTrust).toBe(true);
    expect(body.anchors).toHaveLength(1);
    const der = Buffer.from(body.anchors[0]!.certificate, 'base64');
    expect(createHash('sha256').update(der).digest('hex')).toBe(body.anchors[0]!.sha256);
    expect(new Date(body.anchors[0]!.notAfter).getTime()).toBe(new Date(new X509Certificate(rcaPem).validTo).getTime());
    const pem = await request(testApp).get(`/api/v1/trust-anchors/${body.anchors[0]!.sha256}.pem`);
    expect(pem.status).toBe(200);
    expect(new X509Certificate(pem.text).fingerprint256).toBe(new X509Certificate(rcaPem).fingerprint256);
    const missing = await request(testApp).get(`/api/v1/trust-anchors/${'0'.repeat(64)}.pem`);
    expect(missing.status).toBe(404);
    expect((missing.body as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  it('describes every /api/v1 route the pages use', async () => {
    const doc = (await request(testApp).get('/api/v1/openapi.json')).body as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/verify', '/api/v1/revocation', '/api/v1/trust-anchors', '/api/v1/trust-anchors/{sha256}.pem', '/api/v1/processes', '/api/v1/signing/{token}/prepare', '/api/v1/signing/{token}/complete', '/api/v1/processes/{id}', '/api/v1/processes/{id}/cancel', '/api/v1/signing/{token}', '/api/v1/signing/{token}/decline', '/api/v1/signing/{token}/mobile']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});

describe('assets', () => {
  it('serves the page bundle, its stylesheet, pdf.js with its worker and the report fonts', async () => {
    for (const [path, type] of [
      ['/assets/app/yoxla.js', /javascript/],
      ['/assets/app/yeni.js', /javascript/],
      ['/assets/static/yoxla.css', /text\/css/],
      ['/assets/pdfjs/build/pdf.min.mjs', /javascript/],
      ['/assets/pdfjs/build/pdf.worker.min.mjs', /javascript/],
      ['/assets/pdfjs/standard_fonts/FoxitFixed.pfb', /./],
      ['/assets/fonts/DejaVuSans.ttf', /font|octet/],
    ] as const) {
      const res = await request(testApp).get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-type'], path).toMatch(type);
    }
  });

  it('serves nothing outside the asset directories', async () => {
    for (const path of ['/assets/app/../../../package.json', '/assets/static/%2e%2e/%2e%2e/%2e%2e/package.json', '/assets/pdfjs/package.json', '/assets/fonts/../LICENSE']) {
      const res = await request(testApp).get(path);
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain('"name": "imzala"');
    }
  });
});

describe('HTML escaping', () => {
  it('escapes text and attribute values, and JSON cannot close its script element', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
    const json = jsonForHtml({ name: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('</script');
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script>' });
    expect(colonFingerprint('ab01cd')).toBe('AB:01:CD');
  });
});
