/**
 * The service killed (SIGKILL) in the middle of a run of signings, then started again on the same data: every step the
 * service had confirmed is still there, every mail it owed arrives (a mail may come twice, never zero times), and
 * every link still works, so the steps that were cut off can simply be done again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePem } from '../../core/encoding/pem.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { linkToken, serviceSecret } from '../../verifier/server/services/link-tokens.js';
import { REPO_ROOT, tempDir } from '../support/cli.js';
import { signThroughApi } from '../support/signing-client.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const PROCESSES = 8;
let tmp: ReturnType<typeof tempDir>;
let sink: SmtpSink;
let data: string;
let port: number;
let child: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port: p } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return p;
}

/** `imzala serve` in its own process, as production runs it; resolves when it prints its URL. */
async function startService(): Promise<string> {
  child = spawn(process.execPath, [join(REPO_ROOT, 'bin/imzala.js'), 'serve'], {
    env: { ...process.env, PORT: String(port), IMZALA_DATA_DIR: data, SMTP_URL: sink.url, IMZALA_VERIFY_WORKERS: '0', IMZALA_OFFLINE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /service at (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child!.on('exit', (code) => reject(new Error(`the service exited (${code}): ${out}`)));
  });
}

function kill(): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const pem = (file: string) => readFileSync(join(data, 'demo-pki', file), 'latin1');
const addressOf = (m: SmtpSink['mails'][number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;

/** One party's whole signing step over the API: the completing answer's status (or the refused prepare's). */
async function signStep(url: string, token: string, who: 'citizen' | 'business'): Promise<number> {
  const signer = { certificate: decodePem(pem(`${who}.pem`))[0]!.der, chain: decodePem(pem('chain.pem')).map((b) => b.der), privateKey: pem(`${who}.key.pem`) };
  const { prepare, complete } = await signThroughApi(url, token, signer);
  return (complete ?? prepare).status;
}

beforeAll(async () => {
  tmp = tempDir('imzala-crash-');
  data = join(tmp.dir, 'data');
  sink = await startSmtpSink();
  port = await freePort();
}, 60_000);

afterAll(async () => {
  await kill();
  await sink?.close();
  tmp?.cleanup();
});

describe('SIGKILL in the middle of signing, then a restart', () => {
  it('keeps every confirmed step, owes no mail, and every link still works', async () => {
    let url = await startService();
    const ids: string[] = [];
    for (let i = 0; i < PROCESSES; i++) {
      const res = await request(url)
        .post('/api/v1/processes')
        .field(
          'process',
          JSON.stringify({
            name: `TEST crash ${i}`,
            deadline: new Date(Date.now() + 86_400_000).toISOString(),
            initiator: { email: `initiator-${i}@example.test` },
            signers: [
              { type: 'citizen', name: 'TEST ƏLİYEV VÜQAR', fin: '1TEST01', email: `first-${i}@example.test` },
              { type: 'legal', name: 'TEST MƏMMƏDOVA AYSEL', fin: '1TEST02', voen: '9900000001', company: 'TEST Nümunə MMC', email: `second-${i}@example.test` },
            ],
          }),
        )
        .attach('documents', Buffer.from(samplePdf([`TEST crash contract ${i}`])), `contract-${i}.pdf`)
        .attach('documents', Buffer.from(`TEST act ${i}\n`), `act-${i}.txt`);
      expect(res.status, res.text).toBe(201);
      ids.push(res.body.id);
    }
    const secret = serviceSecret(data);
    const token = (i: number, signer: number) => linkToken(secret, ids[i]!, signer);

    // All first parties sign at once; the service is killed once a few of them were confirmed.
    const confirmed = new Set<number>();
    const running = ids.map((_, i) =>
      signStep(url, token(i, 0), 'citizen').then(
        (status) => {
          if (status === 200) confirmed.add(i);
        },
        () => undefined, // cut off by the kill
      ),
    );
    for (let i = 0; i < 400 && confirmed.size < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await kill();
    await Promise.all(running);
    expect(confirmed.size).toBeGreaterThanOrEqual(2);
    // The kill really cut the run: some steps were still under way.
    expect(confirmed.size).toBeLessThan(PROCESSES);

    url = await startService();
    for (let i = 0; i < PROCESSES; i++) {
      const view = await request(url).get(`/api/v1/signing/${token(i, 0)}`);
      expect(view.status).toBe(200);
      // A confirmed step survived the kill.
      if (confirmed.has(i)) expect(view.body.process.signers[0].status, `process ${i}`).toBe('signed');
      // A step that was cut off is simply done again through the same link (or it had landed after all).
      if (view.body.process.signers[0].status !== 'signed') expect(await signStep(url, token(i, 0), 'citizen')).toBe(200);
    }
    // Every second party is now invited (mail owed before the kill is sent after the restart), and can sign.
    for (let i = 0; i < PROCESSES; i++) {
      const address = `second-${i}@example.test`;
      for (let k = 0; k < 200 && !sink.mails.some((m) => addressOf(m) === address); k++) await new Promise((r) => setTimeout(r, 50));
      expect(sink.mails.some((m) => addressOf(m) === address), `invitation to ${address}`).toBe(true);
      expect(await signStep(url, token(i, 1), 'business')).toBe(200);
      const done = await request(url).get(`/api/v1/signing/${token(i, 1)}`);
      expect(done.body.process.status).toBe('completed');
    }
  });
});
