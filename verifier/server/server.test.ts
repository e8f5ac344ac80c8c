/** The service on a real socket: a fresh data dir gets the TEST hierarchy, and the URL answers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerConfig } from './config.js';
import { startServer, type RunningServer } from './server.js';

let dataDir: string;
let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'imzala-serve-'));
  // An existing but empty trust dir: no anchors configured, so the TEST hierarchy is written and used.
  mkdirSync(join(dataDir, 'trust'));
  server = await startServer(loadServerConfig({ IMZALA_DATA_DIR: dataDir, PORT: '0', IMZALA_OFFLINE: '1' }), { log: (l) => lines.push(l) });
});

afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('startServer', () => {
  it('writes the TEST hierarchy once, logs one line with the URL and the TEST banner, and answers /healthz', async () => {
    expect(existsSync(join(dataDir, 'demo-pki', 'trust', 'rca.pem'))).toBe(true);
    expect(lines).toEqual([`imzala: verification service at ${server.url} (TEST trust store: demo anchors only)`]);
    expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
