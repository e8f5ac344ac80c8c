/**
 * The TSA client against a local RFC 3161 server on 127.0.0.1 (test/support/tsa-server.ts: node:http in front of
 * `openssl ts -reply`), including a server that is slow, refuses, answers garbage or answers another request.
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCadesSignature } from '../../core/cms/build-signed-data.js';
import { parseSignedData } from '../../core/cms/parse-signed-data.js';
import { digestOfBytes, verifyCmsSignatures } from '../../core/cms/verify-signed-data.js';
import { digest } from '../../core/crypto/hash.js';
import { importSigningKey, signWithKey } from '../../core/crypto/key-signer.js';
import { ecdsaAlgorithm } from '../../core/crypto/signature-algorithms.js';
import { utf8Bytes } from '../../core/encoding/bytes.js';
import { Certificate } from '../../core/pki/certificate.js';
import { signatureTimestampImprint, signatureTimestampTokens } from '../../core/tsp/signature-timestamp.js';
import { buildTimestampRequest, randomNonce } from '../../core/tsp/timestamp-request.js';
import { parseTimestampResponse } from '../../core/tsp/timestamp-response.js';
import { verifyTimestampToken } from '../../core/tsp/verify-timestamp.js';
import { createTsaTestPki, openssl, startTsaServer, type TsaMisbehaviour, type TsaServer, type TsaTestPki } from '../../test/support/tsa-server.js';
import { obtainTimestampToken, requestTimestamp, timestampSignature } from './tsa-client.js';

let pki: TsaTestPki;
let server: TsaServer;
let anchors: Certificate[];
/** What the server does with the next request (reset after each test that sets it). */
let next: TsaMisbehaviour | undefined;

const data = utf8Bytes('Sənəd: icarə müqaviləsi');
const imprint = digest('SHA-256', data);

beforeAll(async () => {
  pki = createTsaTestPki();
  anchors = [Certificate.fromDer(pki.root.der)];
  server = await startTsaServer({
    signer: pki.tsa,
    chain: pki.chain,
    config: ['digests = sha256, sha384'],
    misbehave: () => {
      const odd = next;
      next = undefined;
      return odd;
    },
  });
});
afterAll(async () => {
  await server?.close();
  pki?.cleanup();
});

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (e) {
    return e as { code: string; details: Record<string, unknown> };
  }
  throw new Error('expected a failure');
}

describe('obtainTimestampToken', () => {
  it('gets a token over the imprint with a fresh nonce; it verifies against the TEST root', async () => {
    const { token, tstInfo, response } = await obtainTimestampToken(server.url, { imprint, hash: 'SHA-256' });
    expect(response.status).toBe(0);
    // The request the server saw: certReq and a nonce, which the token echoes.
    const query = server.queries[server.queries.length - 1]!;
    writeFileSync(join(pki.dir, 'seen.tsq'), query);
    const text = new TextDecoder().decode(openssl(pki.dir, ['ts', '-query', '-in', 'seen.tsq', '-text']));
    expect(text).toMatch(/Certificate required: yes/);
    expect(text.toLowerCase()).toContain(`nonce: 0x${tstInfo.nonce}`);
    const result = await verifyTimestampToken(token, { anchors, time: new Date(), imprintOf: (h) => digest(h, data) });
    expect(result).toMatchObject({ valid: true, imprintMatches: true, nonce: tstInfo.nonce });
  });

  it('TSA_REFUSED with the status and failure info when the TSA does not accept the hash', async () => {
    const e = await codeOf(obtainTimestampToken(server.url, { imprint: digest('SHA-512', data), hash: 'SHA-512' }));
    expect(e.code).toBe('TSA_REFUSED');
    expect(e.details).toMatchObject({ status: 2, failure: expect.stringMatching(/badAlg/) });
  });

  it('TSA_NONCE_MISMATCH: an answer made for another request', async () => {
    const other = await requestTimestamp(server.url, buildTimestampRequest({ imprint, hash: 'SHA-256', nonce: randomNonce() }));
    next = { body: other };
    expect((await codeOf(obtainTimestampToken(server.url, { imprint, hash: 'SHA-256' }))).code).toBe('TSA_NONCE_MISMATCH');
  });

  it('TSA_RESPONSE_INVALID: HTTP errors, a wrong content type, garbage, a reply over the size cap', async () => {
    next = { httpStatus: 500 };
    expect(await codeOf(obtainTimestampToken(server.url, { imprint, hash: 'SHA-256' }))).toMatchObject({ code: 'TSA_RESPONSE_INVALID', details: { httpStatus: 500 } });
    next = { contentType: 'text/html', body: utf8Bytes('<h1>login</h1>') };
    expect((await codeOf(obtainTimestampToken(server.url, { imprint, hash: 'SHA-256' }))).code).toBe('TSA_RESPONSE_INVALID');
    next = { body: utf8Bytes('garbage, not DER') };
    expect((await codeOf(obtainTimestampToken(server.url, { imprint, hash: 'SHA-256' }))).code).toBe('TSA_RESPONSE_INVALID');
    next = { body: new Uint8Array(4096) };
    expect(await codeOf(obtainTimestampToken(server.url, { imprint, hash: 'SHA-256', maxBytes: 1024 }))).toMatchObject({ code: 'TSA_RESPONSE_INVALID', details: { size: 4096 } });
  });

  it('TSA_TIMEOUT when the TSA does not answer in time', async () => {
    next = { delayMs: 2000 };
    const started = Date.now();
    expect(await codeOf(obtainTimestampToken(server.url, { imprint, hash: 'SHA-256', timeoutMs: 300 }))).toMatchObject({ code: 'TSA_TIMEOUT', details: { timeoutMs: 300 } });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('TSA_UNREACHABLE for a closed port, TSA_URL_INVALID for a non-HTTP address', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    expect((await codeOf(requestTimestamp(`http://127.0.0.1:${port}/tsa`, new Uint8Array(10)))).code).toBe('TSA_UNREACHABLE');
    expect((await codeOf(requestTimestamp('ftp://tsa.example.test/', new Uint8Array(10)))).code).toBe('TSA_URL_INVALID');
    expect((await codeOf(requestTimestamp('not a url', new Uint8Array(10)))).code).toBe('TSA_URL_INVALID');
  });
});

describe('timestampSignature (CAdES-B-T)', () => {
  it('adds a token from the TSA to a CAdES signature; openssl cms -verify and imzala still accept it', async () => {
    const algorithm = ecdsaAlgorithm('SHA-256');
    const key = await importSigningKey(openssl(pki.dir, ['pkcs8', '-topk8', '-nocrypt', '-in', pki.signer.key, '-outform', 'DER']), algorithm);
    const cms = await buildCadesSignature({
      signer: { certificate: pki.signer.der, chain: [Certificate.fromDer(openssl(pki.dir, ['x509', '-in', pki.intermediate.cert, '-outform', 'DER'])).der], algorithm, sign: ({ toBeSigned }) => signWithKey(key, algorithm, toBeSigned) },
      contentDigest: digest('SHA-256', data),
      signingTime: new Date(),
    });
    const { cms: stamped, timestamp } = await timestampSignature(cms, server.url, { hash: 'SHA-384' });
    expect(timestamp.tstInfo.hash).toBe('SHA-384');
    writeFileSync(join(pki.dir, 'data.txt'), data);
    writeFileSync(join(pki.dir, 'bt.p7s'), stamped);
    openssl(pki.dir, ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'bt.p7s', '-content', 'data.txt', '-CAfile', pki.root.cert, '-purpose', 'any', '-out', '/dev/null']);
    const signer = (await verifyCmsSignatures(stamped, { anchors, time: new Date(), digestContent: digestOfBytes(data) })).signers[0]!;
    expect(signer.indication).toBe('TOTAL_PASSED');
    const info = parseSignedData(stamped).signerInfos[0]!;
    const result = await verifyTimestampToken(signatureTimestampTokens(info)[0]!, { anchors, time: new Date(), imprintOf: signatureTimestampImprint(info.signature) });
    expect(result.valid).toBe(true);
  });
});

describe('parseTimestampResponse of what the server sends', () => {
  it('is the same token the client hands out', async () => {
    const body = await requestTimestamp(server.url, buildTimestampRequest({ imprint, hash: 'SHA-256' }));
    expect(parseTimestampResponse(body).token).not.toBeNull();
  });
});
