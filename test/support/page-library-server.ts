/**
 * A stand-in for an imzala service's page in extension tests: an HTTP server on 127.0.0.1 whose every page loads the
 * page library (verifier/web/extension-bridge/imzala-extension.ts, bundled for the browser as the service bundles
 * it) into `window.imzala` and sets `window.libraryReady`. Tests reach it as http://localhost:PORT (a configured
 * origin) and http://127.0.0.1:PORT (another origin) to see what the extension answers each.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'rolldown';

export interface PageLibraryServer {
  port: number;
  close(): Promise<void>;
}

export async function startPageLibraryServer(): Promise<PageLibraryServer> {
  const bundle = await build({ input: join(import.meta.dirname, '../../verifier/web/extension-bridge/imzala-extension.ts'), platform: 'browser', write: false, logLevel: 'silent', output: { format: 'esm' } });
  const library = bundle.output[0].code;
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>imzala test service</title>
<script type="module">import { imzala } from '/imzala-extension.js'; window.imzala = imzala; window.libraryReady = true;</script></head>
<body><h1>signing page</h1></body></html>`;
  const server = http.createServer((req, res) => {
    const script = req.url === '/imzala-extension.js';
    res.writeHead(200, { 'content-type': script ? 'text/javascript; charset=utf-8' : 'text/html; charset=utf-8' });
    res.end(script ? library : page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
