import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/support/ocsp-responder.js';
import { createHttpFetcher } from './http-fetcher.js';
import { createFileRevocationCache } from './revocation-cache.js';

let server: TestServer;
const big = new Uint8Array(64 * 1024).fill(7);

beforeAll(async () => {
  server = await startTestServer((r) => {
    if (r.path === '/crl') return Uint8Array.of(1, 2, 3);
    if (r.path === '/echo') return { status: 200, body: r.body };
    if (r.path === '/big') return big;
    return { status: 404 };
  });
});
afterAll(() => server.close());

describe('createHttpFetcher', () => {
  const fetcher = createHttpFetcher({ timeoutMs: 1000 });

  it('GETs and POSTs with the content type', async () => {
    expect([...(await fetcher.fetch(`${server.url}/crl`))]).toEqual([1, 2, 3]);
    const body = Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05);
    expect([...(await fetcher.fetch(`${server.url}/echo`, { body, contentType: 'application/ocsp-request' }))]).toEqual([...body]);
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', path: '/echo' });
  });

  it('fetches only http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ldap://ldap.example.test/cn=CA?certificateRevocationList', 'ftp://x.test/a.crl']) {
      await expect(fetcher.fetch(url)).rejects.toMatchObject({ code: 'REVOCATION_URL_UNSUPPORTED' });
    }
  });

  it('refuses answers over the size cap, and non-200 answers', async () => {
    await expect(createHttpFetcher({ maxBytes: 1000 }).fetch(`${server.url}/big`)).rejects.toMatchObject({ code: 'REVOCATION_RESPONSE_TOO_LARGE' });
    await expect(fetcher.fetch(`${server.url}/missing`)).rejects.toMatchObject({ code: 'REVOCATION_FETCH_FAILED' });
  });

  it('follows redirects to http(s) only', async () => {
    // The test server sets no headers per answer; a raw server sends the redirects.
    const { createServer } = await import('node:http');
    const raw = createServer((req, res) => {
      res.writeHead(302, { location: req.url === '/to-http' ? `${server.url}/crl` : 'file:///etc/passwd' });
      res.end();
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const port = (raw.address() as import('node:net').AddressInfo).port;
    try {
      expect([...(await fetcher.fetch(`http://127.0.0.1:${port}/to-http`))]).toEqual([1, 2, 3]);
      await expect(fetcher.fetch(`http://127.0.0.1:${port}/to-file`)).rejects.toMatchObject({ code: 'REVOCATION_URL_UNSUPPORTED' });
    } finally {
      raw.closeAllConnections();
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it('gives up on a silent server at the time limit', async () => {
    const silent = await startTestServer(() => 'hang');
    const started = Date.now();
    try {
      await expect(createHttpFetcher({ timeoutMs: 200 }).fetch(`${silent.url}/x`)).rejects.toMatchObject({ code: 'REVOCATION_FETCH_TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await silent.close();
    }
  });
});

describe('createFileRevocationCache', () => {
  it('returns what was stored until it expires, keyed by the exact address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imzala-cache-'));
    try {
      let clock = new Date('2026-11-23T12:00:00Z');
      const cache = createFileRevocationCache({ dir, now: () => clock });
      await cache.set('http://crl.test/ica.crl', Uint8Array.of(9, 8, 7), new Date('2026-11-24T12:00:00Z'));
      expect([...(await cache.get('http://crl.test/ica.crl'))!]).toEqual([9, 8, 7]);
      expect(await cache.get('http://crl.test/ica.crl?')).toBeUndefined();
      clock = new Date('2026-11-24T12:00:01Z');
      expect(await cache.get('http://crl.test/ica.crl')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
