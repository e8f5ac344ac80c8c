/**
 * RFC 3161 timestamps against openssl: tokens made by `openssl ts -reply` (and crafted with `openssl cms` where
 * openssl's TSA refuses to sign, e.g. with a certificate that is not a TSA's), verified by imzala; requests and
 * CMS signatures made by imzala, checked by `openssl ts` and `openssl cms -verify`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCadesSignature } from '../cms/build-signed-data.js';
import { OID } from '../cms/oids.js';
import { parseSignedData } from '../cms/parse-signed-data.js';
import { digestOfBytes, verifyCmsSignatures } from '../cms/verify-signed-data.js';
import { digest, type HashAlgorithm } from '../crypto/hash.js';
import { importSigningKey, signWithKey } from '../crypto/key-signer.js';
import { ecdsaAlgorithm } from '../crypto/signature-algorithms.js';
import { bytesEqual, utf8Bytes } from '../encoding/bytes.js';
import { fromHex, toHex } from '../encoding/hex.js';
import { ImzalaError } from '../errors.js';
import { bytesSource } from '../io/byte-source.js';
import { Certificate } from '../pki/certificate.js';
import { Crl } from '../pki/crl.js';
import { createTsaTestPki, openssl, type TsaTestPki } from '../../test/support/tsa-server.js';
import { documentTimestampImprint } from './document-timestamp.js';
import { addSignatureTimestamp, signatureTimestampImprint, signatureTimestampTokens, signatureValueOf } from './signature-timestamp.js';
import { buildTimestampRequest, randomNonce } from './timestamp-request.js';
import { parseTimestampResponse, PKI_FAILURE_INFO } from './timestamp-response.js';
import { parseTstInfo } from './tst-info.js';
import { verifyTimestampToken, type TimestampVerifyInput } from './verify-timestamp.js';

const DAY = 24 * 60 * 60 * 1000;
let pki: TsaTestPki;
let anchors: Certificate[];
let config: string;
let counter = 0;

/** `openssl ts -reply` for a request: the response bytes. */
function opensslReply(request: Uint8Array, signer = pki.tsa, extra: string[] = []): Uint8Array {
  const n = ++counter;
  writeFileSync(join(pki.dir, `q${n}.tsq`), request);
  const cnf = join(pki.dir, `ts${n}.cnf`);
  writeFileSync(cnf, readFileSync(config, 'utf8') + extra.join('\n') + '\n');
  openssl(pki.dir, ['ts', '-reply', '-config', cnf, '-queryfile', `q${n}.tsq`, '-signer', signer.cert, '-inkey', signer.key, '-chain', pki.chain, '-out', `r${n}.tsr`]);
  return new Uint8Array(readFileSync(join(pki.dir, `r${n}.tsr`)));
}

/** A token over `data` (hashed with `hash`) from openssl's TSA. */
function tokenFor(data: Uint8Array, options: { hash?: HashAlgorithm; nonce?: Uint8Array; signer?: TsaTestPki['tsa']; extra?: string[] } = {}): Uint8Array {
  const hash = options.hash ?? 'SHA-256';
  const request = buildTimestampRequest({ imprint: digest(hash, data), hash, nonce: options.nonce });
  const response = parseTimestampResponse(opensslReply(request, options.signer, options.extra));
  expect(response.status).toBe(0);
  return response.token!;
}

/** A TimeStampToken made by `openssl cms` around a TSTInfo (openssl's TSA refuses the signers used with this). */
function craftedToken(tstInfo: Uint8Array, signer: { cert: string; key: string }): Uint8Array {
  const n = ++counter;
  writeFileSync(join(pki.dir, `tst${n}.der`), tstInfo);
  return openssl(pki.dir, ['cms', '-sign', '-binary', '-nodetach', '-in', `tst${n}.der`, '-econtent_type', OID.tstInfo, '-signer', signer.cert,
    '-inkey', signer.key, '-certfile', pki.chain, '-outform', 'DER', '-cades', '-nosmimecap', '-md', 'sha256']);
}

const data = utf8Bytes('Müqavilə № 17: imzalanmış mətn');
const input = (overrides: Partial<TimestampVerifyInput> = {}): TimestampVerifyInput => ({
  imprintOf: (hash) => digest(hash, data),
  anchors,
  time: new Date(),
  ...overrides,
});

beforeAll(() => {
  pki = createTsaTestPki();
  anchors = [Certificate.fromDer(pki.root.der)];
  config = join(pki.dir, 'tsa.cnf');
  writeFileSync(join(pki.dir, 'tsaserial'), '01\n');
  writeFileSync(config, ['[tsa]', 'default_tsa = t', '[t]', `serial = ${join(pki.dir, 'tsaserial')}`, 'signer_digest = sha256',
    'default_policy = 1.3.6.1.4.1.32843.99.1', 'digests = sha1, sha256, sha384, sha512', 'ess_cert_id_alg = sha256', 'accuracy = secs:1, millisecs:500',
  ].join('\n') + '\n');
});
afterAll(() => pki?.cleanup());

describe('TimeStampReq', () => {
  it('is read by openssl ts -query with the imprint, the nonce and certReq', () => {
    const nonce = randomNonce();
    const imprint = digest('SHA-384', data);
    const request = buildTimestampRequest({ imprint, hash: 'SHA-384', nonce, policy: '1.3.6.1.4.1.32843.99.1' });
    writeFileSync(join(pki.dir, 'req.tsq'), request);
    const text = new TextDecoder().decode(openssl(pki.dir, ['ts', '-query', '-in', 'req.tsq', '-text']));
    expect(text).toMatch(/Hash Algorithm: sha384/);
    expect(text).toMatch(/Policy OID: 1\.3\.6\.1\.4\.1\.32843\.99\.1/);
    expect(text).toMatch(new RegExp(`Nonce: 0x${toHex(nonce)}`, 'i'));
    expect(text).toMatch(/Certificate required: yes/);
    expect(text.replace(/[\s:-]/g, '')).toContain(toHex(imprint).slice(0, 16));
  });

  it('refuses an imprint of the wrong size', () => {
    expect(() => buildTimestampRequest({ imprint: new Uint8Array(20), hash: 'SHA-256' })).toThrow(expect.objectContaining({ code: 'TSP_REQUEST_INVALID' }));
  });
});

describe('TimeStampResp', () => {
  it('reads a granted response and a rejection with its failure info', () => {
    const good = parseTimestampResponse(opensslReply(buildTimestampRequest({ imprint: digest('SHA-256', data), hash: 'SHA-256' })));
    expect(good.status).toBe(0);
    expect(good.token).not.toBeNull();
    const refused = parseTimestampResponse(
      opensslReply(buildTimestampRequest({ imprint: digest('SHA-224', data), hash: 'SHA-224' })),
    );
    expect(refused.status).toBe(2);
    expect(refused.token).toBeNull();
    expect(refused.failInfo! & (1 << PKI_FAILURE_INFO.badAlg)).toBeTruthy();
    expect(refused.statusText).toMatch(/algorithm/i);
  });

  it('answers garbage with TSP_RESPONSE_MALFORMED, never a crash', () => {
    for (const bytes of [new Uint8Array(0), utf8Bytes('<html>502</html>'), Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00, 0xff), Uint8Array.of(0x30, 0x03, 0x30, 0x01)]) {
      expect(() => parseTimestampResponse(bytes)).toThrow(expect.objectContaining({ code: 'TSP_RESPONSE_MALFORMED' }));
    }
    // Granted, but no token.
    expect(() => parseTimestampResponse(Uint8Array.of(0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x00))).toThrow(expect.objectContaining({ code: 'TSP_RESPONSE_MALFORMED' }));
  });
});

describe('verifyTimestampToken', () => {
  it('accepts a token from openssl ts: the time, the TSA, the hash, the serial and the nonce', async () => {
    const nonce = randomNonce();
    const before = Date.now();
    const token = tokenFor(data, { nonce, hash: 'SHA-512' });
    const result = await verifyTimestampToken(token, input({ expectedNonce: nonce }));
    expect(result).toMatchObject({ valid: true, code: null, imprintMatches: true, hash: 'SHA-512', nonce: toHex(nonce), accuracyMs: 1500 });
    expect(result.time!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(result.time!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(result.tsa).toMatch(/TEST Timestamping Authority/);
    expect(result.serialNumber).toMatch(/^[0-9a-f]+$/);
    expect(result.path?.valid).toBe(true);
    expect(result.path?.path.map((c) => c.subject.toString())).toEqual([expect.stringMatching(/Timestamping Authority/), expect.stringMatching(/Issuing CA/), expect.stringMatching(/TSA Root/)]);
  });

  it('checks the tsa name openssl writes into the TSTInfo against the certificate', async () => {
    const result = await verifyTimestampToken(tokenFor(data, { extra: ['tsa_name = yes'] }), input());
    expect(result.valid).toBe(true);
    expect(result.tstInfo?.tsa?.type).toBe('directoryName');
  });

  it('TSP_IMPRINT_MISMATCH: the token is over other data', async () => {
    const result = await verifyTimestampToken(tokenFor(data), input({ imprintOf: (hash) => digest(hash, utf8Bytes('another contract')) }));
    expect(result).toMatchObject({ valid: false, code: 'TSP_IMPRINT_MISMATCH', imprintMatches: false });
  });

  it('TSP_NONCE_MISMATCH: a token for another request', async () => {
    const result = await verifyTimestampToken(tokenFor(data, { nonce: randomNonce() }), input({ expectedNonce: randomNonce() }));
    expect(result.code).toBe('TSP_NONCE_MISMATCH');
  });

  it('TSP_TSA_UNTRUSTED: a well-formed TSA under a root that is not trusted', async () => {
    const token = tokenFor(data, { signer: pki.otherTsa });
    expect((await verifyTimestampToken(token, input())).code).toBe('TSP_TSA_UNTRUSTED');
    // The same token is fine for someone who trusts that root: the refusal is about trust, not the bytes.
    expect((await verifyTimestampToken(token, input({ anchors: [Certificate.fromDer(pki.otherRoot.der)] }))).valid).toBe(true);
  });

  it('TSP_SIGNATURE_INVALID: a changed genTime or signature', async () => {
    const token = tokenFor(data);
    const tstInfo = parseSignedData(token).eContent!;
    const at = findBytes(token, tstInfo);
    const genTime = findBytes(tstInfo, utf8Bytes(String(new Date().getUTCFullYear())));
    const backdated = token.slice();
    backdated[at + genTime + 3] = backdated[at + genTime + 3]! - 1; // one year earlier
    expect(parseTstInfo(parseSignedData(backdated).eContent!).genTime.getUTCFullYear()).toBe(new Date().getUTCFullYear() - 1);
    expect((await verifyTimestampToken(backdated, input())).code).toBe('TSP_SIGNATURE_INVALID');

    const signature = parseSignedData(token).signerInfos[0]!.signature;
    const forged = token.slice();
    forged[findBytes(token, signature) + 20]! ^= 0x01;
    expect((await verifyTimestampToken(forged, input())).code).toBe('TSP_SIGNATURE_INVALID');
  });

  it('TSP_TSA_NOT_TIMESTAMPING: signed by a document signer or with a non-critical timeStamping EKU', async () => {
    const tstInfo = parseSignedData(tokenFor(data)).eContent!;
    const bySigner = await verifyTimestampToken(craftedToken(tstInfo, pki.signer), input());
    expect(bySigner).toMatchObject({ valid: false, code: 'TSP_TSA_NOT_TIMESTAMPING', imprintMatches: true });
    const nonCritical = await verifyTimestampToken(craftedToken(tstInfo, pki.tsaNonCritical), input());
    expect(nonCritical.code).toBe('TSP_TSA_NOT_TIMESTAMPING');
    expect(nonCritical.errors[0]?.details).toMatchObject({ critical: false });
    // The crafting itself is sound: the real TSA's key, used the same way, gives a valid token.
    expect((await verifyTimestampToken(craftedToken(tstInfo, pki.tsa), input())).valid).toBe(true);
  });

  it('validates the TSA chain at the validation time: expired since, it needs a later proof of existence', async () => {
    const token = tokenFor(data);
    const tsa = Certificate.fromDer(pki.tsa.der);
    const afterExpiry = new Date(tsa.notAfter.getTime() + DAY);
    expect((await verifyTimestampToken(token, input({ time: afterExpiry }))).code).toBe('TSP_TSA_CERTIFICATE_EXPIRED');
    expect((await verifyTimestampToken(token, input({ time: new Date(tsa.notAfter.getTime() - DAY) }))).valid).toBe(true);
    // A validation time before genTime: the token did not exist yet.
    expect((await verifyTimestampToken(token, input({ time: new Date(Date.now() - DAY) }))).errors.map((e) => e.code)).toContain('TSP_GENTIME_AFTER_VALIDATION_TIME');
  });

  it('TSP_TSA_CERTIFICATE_REVOKED: the issuing CA revoked the TSA certificate (a CRL from openssl ca)', async () => {
    const tsa = Certificate.fromDer(pki.tsa.der);
    const ca = join(pki.dir, 'crl-ca');
    const yesterday = new Date(Date.now() - DAY).toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
    const notAfter = tsa.notAfter.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
    writeFileSync(`${ca}-index.txt`, ['R', notAfter, `${yesterday},keyCompromise`, tsa.serialNumberHex.toUpperCase(), 'unknown', '/CN=revoked'].join('\t') + '\n');
    writeFileSync(`${ca}-crlnumber`, '01\n');
    writeFileSync(`${ca}.cnf`, ['[ca]', 'default_ca = d', '[d]', `database = ${ca}-index.txt`, `crlnumber = ${ca}-crlnumber`, 'default_md = sha256', 'default_crl_days = 7'].join('\n') + '\n');
    openssl(pki.dir, ['ca', '-gencrl', '-batch', '-config', `${ca}.cnf`, '-cert', pki.intermediate.cert, '-keyfile', pki.intermediate.key, '-out', `${ca}.crl`]);
    const crl = Crl.fromDer(openssl(pki.dir, ['crl', '-in', `${ca}.crl`, '-outform', 'DER']));
    const token = tokenFor(data);
    const result = await verifyTimestampToken(token, input({ crls: [crl] }));
    expect(result.code).toBe('TSP_TSA_CERTIFICATE_REVOKED');
    expect(result.errors[0]?.details).toMatchObject({ revokedAt: expect.any(String) });
  });

  it('TSP_WEAK_ALGORITHM: a SHA-1 imprint proves nothing', async () => {
    const result = await verifyTimestampToken(tokenFor(data, { hash: 'SHA-1' }), input());
    expect(result).toMatchObject({ valid: false, code: 'TSP_WEAK_ALGORITHM', imprintMatches: true });
  });

  it('TSP_NOT_TSTINFO and TSP_MALFORMED: other CMS and garbage are codes, never throws', async () => {
    writeFileSync(join(pki.dir, 'doc.txt'), data);
    const plainCms = openssl(pki.dir, ['cms', '-sign', '-binary', '-in', 'doc.txt', '-signer', pki.tsa.cert, '-inkey', pki.tsa.key, '-outform', 'DER', '-cades']);
    expect((await verifyTimestampToken(plainCms, input())).code).toBe('TSP_NOT_TSTINFO');
    for (const bytes of [new Uint8Array(0), utf8Bytes('not a token'), Uint8Array.of(0x30, 0x80, 0x30, 0x80), fromHex('3003020101')]) {
      const result = await verifyTimestampToken(bytes, input());
      expect(result).toMatchObject({ valid: false, code: 'TSP_MALFORMED' });
    }
  });

  it('survives seeded mutations of a good token: a result every time, valid only while the signed bytes are intact', async () => {
    const token = tokenFor(data);
    const signedData = parseSignedData(token);
    const tstAt = findBytes(token, signedData.eContent!);
    const sigAt = findBytes(token, signedData.signerInfos[0]!.signature);
    let seed = 0x1234567;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const started = Date.now();
    for (let i = 0; i < 150; i++) {
      const mutated = token.slice();
      const at = Math.floor(random() * token.length);
      mutated[at] = Math.floor(random() * 256);
      if (mutated[at] === token[at]) continue;
      const result = await verifyTimestampToken(mutated, input());
      const inSignedPart = (at >= tstAt && at < tstAt + signedData.eContent!.length) || (at >= sigAt && at < sigAt + signedData.signerInfos[0]!.signature.length);
      if (inSignedPart) expect(result.valid, `byte ${at}`).toBe(false);
      expect(typeof result.valid).toBe('boolean');
    }
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('signature timestamps (CAdES-B-T)', () => {
  let cms: Uint8Array;
  const content = utf8Bytes('Bu fayl imzalanıb və vaxt damğası alıb.\n');

  beforeAll(async () => {
    const algorithm = ecdsaAlgorithm('SHA-256');
    const key = await importSigningKey(openssl(pki.dir, ['pkcs8', '-topk8', '-nocrypt', '-in', pki.signer.key, '-outform', 'DER']), algorithm);
    cms = await buildCadesSignature({
      signer: {
        certificate: pki.signer.der,
        chain: [openssl(pki.dir, ['x509', '-in', pki.intermediate.cert, '-outform', 'DER'])],
        algorithm,
        sign: ({ toBeSigned }) => signWithKey(key, algorithm, toBeSigned),
      },
      contentDigest: digest('SHA-256', content),
      signingTime: new Date(),
    });
    writeFileSync(join(pki.dir, 'content.txt'), content);
  });

  it('adds the token as an unsigned attribute without changing a signed byte; openssl cms -verify still accepts it', async () => {
    const signatureValue = signatureValueOf(cms);
    const token = tokenFor(signatureValue);
    const stamped = addSignatureTimestamp(cms, token);

    const before = parseSignedData(cms);
    const after = parseSignedData(stamped);
    expect(bytesEqual(after.signerInfos[0]!.signedAttributesToBeSigned!, before.signerInfos[0]!.signedAttributesToBeSigned!)).toBe(true);
    expect(bytesEqual(after.signerInfos[0]!.signature, before.signerInfos[0]!.signature)).toBe(true);
    expect(after.certificates).toEqual(before.certificates);
    expect(after.signerInfos[0]!.unsignedAttributes.map((a) => a.type)).toEqual([OID.signatureTimeStampToken]);

    writeFileSync(join(pki.dir, 'stamped.p7s'), stamped);
    const verified = openssl(pki.dir, ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'stamped.p7s', '-content', 'content.txt', '-CAfile', pki.root.cert, '-purpose', 'any', '-out', '/dev/null']);
    expect(verified).toBeDefined(); // openssl exits non-zero (and `openssl` throws) when the signature does not verify
    const printed = new TextDecoder().decode(openssl(pki.dir, ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'stamped.p7s']));
    expect(printed).toMatch(/id-smime-aa-timeStampToken/);

    // The original signature stays valid for imzala too, and its timestamp verifies over the signature value.
    const cmsResult = await verifyCmsSignatures(stamped, { anchors, time: new Date(), digestContent: digestOfBytes(content) });
    expect(cmsResult.signers[0]!.indication).toBe('TOTAL_PASSED');
    const [found] = signatureTimestampTokens(after.signerInfos[0]!);
    const timestamp = await verifyTimestampToken(found!, { anchors, time: new Date(), imprintOf: signatureTimestampImprint(after.signerInfos[0]!.signature) });
    expect(timestamp.valid).toBe(true);
  });

  it('openssl ts -verify accepts the embedded token over the signature value', () => {
    const stamped = addSignatureTimestamp(cms, tokenFor(signatureValueOf(cms)));
    const [token] = signatureTimestampTokens(parseSignedData(stamped).signerInfos[0]!);
    writeFileSync(join(pki.dir, 'sigvalue.bin'), signatureValueOf(stamped));
    writeFileSync(join(pki.dir, 'embedded.tst'), token!);
    const out = new TextDecoder().decode(openssl(pki.dir, ['ts', '-verify', '-data', 'sigvalue.bin', '-in', 'embedded.tst', '-token_in', '-CAfile', pki.root.cert, '-untrusted', pki.chain]));
    expect(out).toMatch(/Verification: OK/);
  });

  it('keeps an earlier timestamp when a second TSA adds one', async () => {
    const value = signatureValueOf(cms);
    const twice = addSignatureTimestamp(addSignatureTimestamp(cms, tokenFor(value)), tokenFor(value, { hash: 'SHA-384' }));
    const info = parseSignedData(twice).signerInfos[0]!;
    const tokens = signatureTimestampTokens(info);
    expect(tokens).toHaveLength(2);
    const results = await Promise.all(tokens.map((t) => verifyTimestampToken(t, { anchors, time: new Date(), imprintOf: signatureTimestampImprint(info.signature) })));
    expect(results.map((r) => [r.valid, r.hash]).sort()).toEqual([[true, 'SHA-256'], [true, 'SHA-384']]);
    // A token over the signature value is not a token over the content.
    expect((await verifyTimestampToken(tokens[0]!, { anchors, time: new Date(), imprintOf: (h) => digest(h, content) })).code).toBe('TSP_IMPRINT_MISMATCH');
  });

  it('refuses what it cannot extend without touching signed bytes', () => {
    const token = tokenFor(signatureValueOf(cms));
    expect(() => addSignatureTimestamp(utf8Bytes('not a signature'), token)).toThrow(expect.objectContaining({ code: 'TSP_CMS_NOT_DER' }));
    expect(() => addSignatureTimestamp(token.subarray(0, 10), token)).toThrow(ImzalaError);
    expect(() => addSignatureTimestamp(cms, utf8Bytes('xx'))).toThrow(expect.objectContaining({ code: 'TSP_MALFORMED' }));
    // BER (indefinite lengths), as some tools write, is not re-encoded: it could not be done byte-exact.
    const ber = openssl(pki.dir, ['cms', '-sign', '-binary', '-stream', '-in', 'content.txt', '-signer', pki.signer.cert, '-inkey', pki.signer.key, '-outform', 'DER', '-cades']);
    expect(ber[1]).toBe(0x80);
    expect(() => addSignatureTimestamp(ber, token)).toThrow(expect.objectContaining({ code: 'TSP_CMS_NOT_DER' }));
  });
});

describe('document timestamps', () => {
  it('the imprint is the digest of the ByteRange, and a token over it verifies', async () => {
    const file = utf8Bytes('%PDF-1.7 ...<' + '0'.repeat(64) + '>... %%EOF');
    const gap = file.indexOf(0x3c);
    const byteRange = [0, gap, gap + 66, file.length - gap - 66];
    const covered = new Uint8Array([...file.subarray(0, gap), ...file.subarray(gap + 66)]);
    const imprintOf = documentTimestampImprint(bytesSource(file), byteRange);
    expect(toHex(await imprintOf('SHA-256'))).toBe(toHex(digest('SHA-256', covered)));
    const result = await verifyTimestampToken(tokenFor(covered), { anchors, time: new Date(), imprintOf });
    expect(result.valid).toBe(true);
    const changed = file.slice();
    changed[3] = 0x45;
    expect((await verifyTimestampToken(tokenFor(covered), { anchors, time: new Date(), imprintOf: documentTimestampImprint(bytesSource(changed), byteRange) })).code).toBe('TSP_IMPRINT_MISMATCH');
  });
});

function findBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('not found');
}
