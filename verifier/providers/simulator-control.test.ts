import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isImzalaError } from '../../core/errors.js';
import { localizeFrom } from '../../core/report/messages.js';
import { createDemoHierarchy, type DemoHierarchy } from '../pki-demo/demo-hierarchy.js';
import { asanSimCommand } from '../cli/asan-sim-command.js';
import type { CliIo } from '../cli/io.js';
import { UsageError } from '../cli/args.js';
import { createAsanSimulator, type AsanSimulatorProvider } from './asan-simulator.js';
import { createAsanRealProvider } from './asan-real.js';
import { PROVIDER_MESSAGES } from './codes.js';
import { asanSimulatorControlRouter, SIMULATOR_CONTROL_ERROR_STATUS } from './simulator-control.js';

let hierarchy: DemoHierarchy;
const CITIZEN = { phone: '+994501110001', userId: '100001' };

beforeAll(async () => {
  hierarchy = await createDemoHierarchy();
});

async function simulator(): Promise<AsanSimulatorProvider> {
  return createAsanSimulator({
    users: [
      {
        ...CITIZEN,
        keyPairMaterial: { certificate: hierarchy.citizen.certificate, chain: [hierarchy.ica.certificate], privateKeyPkcs8: hierarchy.citizen.privateKeyPkcs8! },
      },
    ],
  });
}

/** The service's error handler in miniature: code -> status from the router's table, message from the catalog. */
function appWith(sim: AsanSimulatorProvider) {
  const app = express();
  app.use(asanSimulatorControlRouter(sim));
  app.use((e: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (!isImzalaError(e)) return res.status(500).json({ error: { code: 'INTERNAL_ERROR', message: String(e) } });
    const lang = req.query.lang === 'en' || req.query.lang === 'ru' ? req.query.lang : 'az';
    res.status(SIMULATOR_CONTROL_ERROR_STATUS[e.code] ?? 422).json({ error: { code: e.code, message: localizeFrom(PROVIDER_MESSAGES, e.code, lang, e.details) } });
  });
  return app;
}

const digest = (text: string) => new Uint8Array(createHash('sha256').update(text).digest());

async function start(sim: AsanSimulatorProvider, text: string) {
  return sim.start({ ...CITIZEN, digest: digest(text), digestAlgorithm: 'SHA-256', documentName: `${text}.pdf`, language: 'az' });
}

describe('asanSimulatorControlRouter', () => {
  it('is refused for the real provider and for none', () => {
    for (const provider of [createAsanRealProvider({}), null]) {
      try {
        asanSimulatorControlRouter(provider);
        throw new Error('expected a refusal');
      } catch (e) {
        expect(isImzalaError(e) && e.code).toBe('SIMULATOR_CONTROL_REFUSED');
      }
    }
  });

  it('GET /simulator/asan/sessions lists what the phone shows', async () => {
    const sim = await simulator();
    const app = appWith(sim);
    expect((await request(app).get('/simulator/asan/sessions').expect(200)).body).toEqual({ simulator: true, sessions: [] });
    const session = await start(sim, 'icare');
    const res = await request(app).get('/simulator/asan/sessions').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.sessions).toEqual([
      expect.objectContaining({ id: session.id, phone: CITIZEN.phone, documentName: 'icare.pdf', verificationCode: session.verificationCode }),
    ]);
  });

  it('POST .../approve signs; approving again is a 409 with a message', async () => {
    const sim = await simulator();
    const app = appWith(sim);
    const session = await start(sim, 'approve');
    expect((await request(app).post(`/simulator/asan/sessions/${session.id}/approve`).expect(200)).body).toEqual({ id: session.id, status: 'ok' });
    expect((await sim.poll(session.id)).status).toBe('ok');
    const again = await request(app).post(`/simulator/asan/sessions/${session.id}/approve?lang=en`).expect(409);
    expect(again.body.error).toEqual({ code: 'SIMULATOR_SESSION_NOT_PENDING', message: 'ASAN İmza simulator: the session is no longer pending (its status: ok).' });
  });

  it('POST .../deny declines', async () => {
    const sim = await simulator();
    const session = await start(sim, 'deny');
    expect((await request(appWith(sim)).post(`/simulator/asan/sessions/${session.id}/deny`).expect(200)).body).toEqual({ id: session.id, status: 'USER_CANCEL' });
    expect(await sim.poll(session.id)).toEqual({ status: 'USER_CANCEL' });
  });

  it('an unknown or malformed session ID is a 404', async () => {
    const app = appWith(await simulator());
    expect((await request(app).post('/simulator/asan/sessions/00000000-0000-4000-8000-000000000000/approve').expect(404)).body.error.code).toBe(
      'PROVIDER_SESSION_UNKNOWN',
    );
    expect((await request(app).post('/simulator/asan/sessions/..%2F..%2Fetc/deny').expect(404)).body.error.code).toBe('PROVIDER_SESSION_UNKNOWN');
  });
});

describe('imzala asan-sim (the phone from a terminal)', () => {
  let server: Server;
  let url: string;
  let sim: AsanSimulatorProvider;

  beforeAll(async () => {
    sim = await simulator();
    server = appWith(sim).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function io(): CliIo & { lines: string[] } {
    const lines: string[] = [];
    return { out: (l) => lines.push(l), err: (l) => lines.push(l), env: {}, debug: false, lines };
  }

  it('list, approve and deny', async () => {
    const a = io();
    expect(await asanSimCommand(['list', '--url', url], a)).toBe(0);
    expect(a.lines).toEqual(['ASAN İmza simulyatoru: gözləyən sorğu yoxdur.']);

    const first = await start(sim, 'one');
    const second = await start(sim, 'two');
    const b = io();
    expect(await asanSimCommand(['list', '--url', url, '--lang', 'en'], b)).toBe(0);
    expect(b.lines[0]).toContain('requests waiting on the phone');
    expect(b.lines.slice(1).join('\n')).toContain(`${first.id}  ${CITIZEN.phone}  ${first.verificationCode}`);
    expect(b.lines.slice(1).join('\n')).toContain(second.id);

    expect(await asanSimCommand(['approve', first.id, '--url', url], io())).toBe(0);
    expect((await sim.poll(first.id)).status).toBe('ok');
    const c = io();
    expect(await asanSimCommand(['deny', second.id, `--url=${url}`, '--lang', 'ru'], c)).toBe(0);
    expect(c.lines).toEqual([`Симулятор ASAN İmza: отклонено: ${second.id}`]);
    expect((await sim.poll(second.id)).status).toBe('USER_CANCEL');
  });

  it('passes the service refusal on with its code', async () => {
    const session = await start(sim, 'twice');
    await sim.deny(session.id);
    try {
      await asanSimCommand(['approve', session.id, '--url', url], io());
      throw new Error('expected a refusal');
    } catch (e) {
      expect(isImzalaError(e) && e.code).toBe('SIMULATOR_SESSION_NOT_PENDING');
      expect((e as Error).message).toContain('USER_CANCEL');
    }
  });

  it('says clearly when no simulator answers', async () => {
    const closed = express().listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    const port = (closed.address() as AddressInfo).port;
    try {
      // A service without the simulator (404), then nothing listening at all.
      await expect(asanSimCommand(['list', '--url', `http://127.0.0.1:${port}`], io())).rejects.toMatchObject({ code: 'SIMULATOR_CONTROL_UNREACHABLE' });
    } finally {
      await new Promise((resolve) => closed.close(resolve));
    }
    await expect(asanSimCommand(['list', '--url', `http://127.0.0.1:${port}`], io())).rejects.toMatchObject({ code: 'SIMULATOR_CONTROL_UNREACHABLE' });
  });

  it('usage errors', async () => {
    for (const argv of [[], ['approve'], ['list', 'extra'], ['frobnicate'], ['list', '--url', 'ftp://x']]) {
      await expect(asanSimCommand(argv, io())).rejects.toBeInstanceOf(UsageError);
    }
  });
});
