/**
 * The hash-signing API end to end on the running service, with a real SMTP server on 127.0.0.1: two parties (a
 * citizen, then a legal entity's representative) sign a PDF and a text file from digests alone with their TEST keys;
 * the second is invited only after the first signed; the final mails carry a PDF that imzala and pdfsig verify with
 * two signatures and an ASiC-E container that verifies; every refusal (out of turn, someone else's certificate, an
 * untrusted root with the right FIN, a wrong value, a used link) changes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '../../core/encoding/base64.js';
import { decodePem, encodePem } from '../../core/encoding/pem.js';
import { imzala, run, tempDir } from '../../test/support/cli.js';
import { createNssDb, pdfsigVerify, trustRoot } from '../../test/support/nss.js';
import { prepareAndSign } from '../../test/support/signing-client.js';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.js';
import { samplePdf } from '../demo/sample-pdf.js';
import { issueCertificate } from '../pki-demo/certificate-builder.js';
import { loadServerConfig } from './config.js';
import { startServer, type RunningServer } from './server.js';
import { linkToken, serviceSecret } from './services/link-tokens.js';

let tmp: ReturnType<typeof tempDir>;
let sink: SmtpSink;
let server: RunningServer;
let data: string;
let pki: string;
let processId: string;

const pem = (file: string) => readFileSync(join(pki, file), 'latin1');
const der = (file: string) => decodePem(pem(file))[0]!.der;
const b64 = (bytes: Uint8Array) => toBase64(bytes);
const addressOf = (m: SmtpSink['mails'][number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
const tokenIn = (text: string | undefined) => /\/s\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];

async function mailTo(address: string, kind: RegExp): Promise<SmtpSink['mails'][number]> {
  for (let i = 0; i < 200; i++) {
    const found = sink.mails.find((m) => addressOf(m) === address && kind.test(m.subject ?? ''));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${address} matching ${kind}; have: ${sink.mails.map((m) => `${addressOf(m)}: ${m.subject}`).join('; ')}`);
}

const prepare = (token: string, body: unknown) => request(server.url).post(`/api/v1/signing/${token}/prepare?lang=en`).send(body as object);
const complete = (token: string, body: unknown) => request(server.url).post(`/api/v1/signing/${token}/complete?lang=en`).send(body as object);

/** prepare with the certificate and sign each digest with the key, as the signer's tool does (complete is the test's). */
async function sign(token: string, who: 'citizen' | 'business', options: { p1363?: boolean } = {}) {
  const chain = decodePem(pem('chain.pem')).map((b) => b.der);
  const result = await prepareAndSign(server.url, token, { certificate: der(`${who}.pem`), chain, privateKey: pem(`${who}.key.pem`), ...options });
  expect(result.prepared.status, result.prepared.text).toBe(200);
  return result;
}

beforeAll(async () => {
  tmp = tempDir('imzala-signing-');
  data = join(tmp.dir, 'data');
  pki = join(data, 'demo-pki');
  sink = await startSmtpSink();
  server = await startServer(loadServerConfig({ PORT: '0', IMZALA_DATA_DIR: data, SMTP_URL: sink.url, IMZALA_VERIFY_WORKERS: '0' }), { log: () => undefined });
  const res = await request(server.url)
    .post('/api/v1/processes')
    .field(
      'process',
      JSON.stringify({
        name: 'TEST icarə müqaviləsi',
        deadline: new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString(),
        initiator: { email: 'initiator@example.test' },
        signers: [
          { type: 'citizen', name: 'TEST ƏLİYEV VÜQAR', fin: '1TEST01', email: 'vuqar@example.test' },
          { type: 'legal', name: 'TEST MƏMMƏDOVA AYSEL', fin: '1TEST02', voen: '9900000001', company: 'TEST Nümunə MMC', email: 'aysel@example.test' },
        ],
        cc: ['muhasib@example.test'],
      }),
    )
    .attach('documents', Buffer.from(samplePdf(['TEST lease contract', 'Rent: 500 AZN'])), 'icarə.pdf')
    .attach('documents', Buffer.from('TEST akt: 500 AZN\n'), 'akt.txt');
  expect(res.status, res.text).toBe(201);
  processId = res.body.id;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await sink?.close();
  tmp?.cleanup();
});

describe('the hash-signing API', () => {
  it('refuses the second party before its turn, someone else\'s certificate, and an untrusted root with the right FIN', async () => {
    const secondToken = linkToken(serviceSecret(data), processId, 1);
    const early = await prepare(secondToken, { certificate: b64(der('business.pem')) });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('RECIPIENT_OUT_OF_TURN');

    const first = tokenIn((await mailTo('vuqar@example.test', /./)).text)!;
    const other = await prepare(first, { certificate: b64(der('business.pem')), chain: decodePem(pem('chain.pem')).map((b) => b64(b.der)) });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('CERTIFICATE_IDENTITY_MISMATCH');

    const validity = { notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 365 * 86_400_000) };
    const root = await issueCertificate({ subject: [{ type: 'CN', value: 'TEST Foreign Root' }], ...validity, basicConstraints: { ca: true }, keyUsage: { usages: ['keyCertSign', 'cRLSign'] } });
    const leaf = await issueCertificate({
      subject: [{ type: 'CN', value: 'TEST ƏLİYEV VÜQAR' }, { type: 'serialNumber', value: '1TEST01' }],
      ...validity,
      issuer: root,
      keyUsage: { usages: ['digitalSignature', 'nonRepudiation'] },
    });
    const foreign = await prepare(first, { certificate: b64(leaf.certificate), chain: [b64(root.certificate)] });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('CERTIFICATE_UNTRUSTED');

    const garbage = await prepare(first, { certificate: 'bm90IGEgY2VydGlmaWNhdGU=' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('CERTIFICATE_INVALID');
    expect(sink.mails.some((m) => addressOf(m) === 'aysel@example.test')).toBe(false);
  });

  it('the first party signs from digests; a wrong value is refused; a repeat is idempotent; the second party is invited only now', async () => {
    const first = tokenIn((await mailTo('vuqar@example.test', /./)).text)!;
    const { prepared, body } = await sign(first, 'citizen');
    expect(prepared.body.digests.map((d: { name: string }) => d.name)).toEqual(['icarə.pdf', 'akt.txt']);

    const wrong = { ...body, signatures: body.signatures.map((s) => ({ ...s, signature: b64(new Uint8Array(256).fill(1)) })) };
    const refused = await complete(first, wrong);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('SIGNER_PRODUCED_INVALID_SIGNATURE');
    expect(sink.mails.some((m) => addressOf(m) === 'aysel@example.test')).toBe(false);

    const [a, b] = await Promise.all([complete(first, body), complete(first, body)]);
    expect(a.status, a.text).toBe(200);
    expect(b.status, b.text).toBe(200);
    expect(a.body.process.signers.map((s: { status: string }) => s.status)).toEqual(['signed', 'awaiting_signature']);
    const again = await complete(first, body);
    expect(again.body.status).toBe('in_progress');

    const used = await prepare(first, { certificate: b64(der('citizen.pem')) });
    expect(used.status).toBe(410);
    expect(used.body.error.code).toBe('LINK_USED');
    const invitation = await mailTo('aysel@example.test', /./);
    expect(tokenIn(invitation.text)).toBe(linkToken(serviceSecret(data), processId, 1));
    // One invitation for the second party, however many completes arrived.
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.mails.filter((m) => addressOf(m) === 'aysel@example.test')).toHaveLength(1);
  });

  it('the second party signs (ECDSA as raw r||s); everyone receives a PDF with two valid signatures and a valid ASiC-E container', async () => {
    const second = linkToken(serviceSecret(data), processId, 1);
    const { body } = await sign(second, 'business', { p1363: true });
    const done = await complete(second, body);
    expect(done.status, done.text).toBe(200);
    expect(done.body.status).toBe('completed');
    for (const address of ['vuqar@example.test', 'aysel@example.test', 'initiator@example.test', 'muhasib@example.test']) {
      const final = await mailTo(address, /imzalan|tamam|signed|complet/i);
      const pdf = final.attachments.find((x) => x.filename === 'icarə.pdf');
      const container = final.attachments.find((x) => x.filename === 'akt.txt.asice');
      expect(pdf, `${address}: ${final.attachments.map((x) => x.filename).join(', ')}`).toBeDefined();
      expect(container).toBeDefined();
      if (address !== 'vuqar@example.test') continue;
      const pdfFile = join(tmp.dir, 'final.pdf');
      const asiceFile = join(tmp.dir, 'final.asice');
      writeFileSync(pdfFile, pdf!.content);
      writeFileSync(asiceFile, container!.content);
      for (const file of [pdfFile, asiceFile]) {
        const r = imzala(['verify', file, '--json', '--trust', join(pki, 'trust')]);
        const report = JSON.parse(r.stdout.trim());
        expect(report.status, file).toBe('VALID');
        expect(report.signatures.map((s: { signer: { fin: string } }) => s.signer.fin)).toEqual(['1TEST01', '1TEST02']);
      }
      const db = createNssDb(join(tmp.dir, 'nss'));
      const rootPem = join(tmp.dir, 'rca.pem');
      writeFileSync(rootPem, encodePem('CERTIFICATE', der('trust/rca.pem')));
      trustRoot(db, rootPem);
      const pdfsig = pdfsigVerify(db, pdfFile);
      expect(pdfsig.match(/Signature is Valid/g)).toHaveLength(2);
      expect(run('pdfinfo', [pdfFile]).status).toBe(0);
    }
  });
});
