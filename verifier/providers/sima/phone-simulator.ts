/**
 * The SİMA phone SIMULATOR: does what the SİMA app does with a scanned QR code (AZ-ESIGN.md §4), with a TEST person's
 * key instead of the real app's. Decodes the contract, checks that the callback and data hosts are the contract's
 * HostName, GETs the data with ts-cert / ts-sign-alg / ts-sign, signs it (a PDF: a PAdES incremental update made with
 * core's signPdf; anything else: a detached CAdES), and POSTs the callback with the same headers. Options make it
 * misbehave the ways the service must refuse. Never a real SİMA client: only for development and tests.
 */
import { webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ecdsaP1363ToDer } from '../../../core/crypto/ecdsa-encoding.js';
import { concatBytes } from '../../../core/encoding/bytes.js';
import { decodePem } from '../../../core/encoding/pem.js';
import { ImzalaError } from '../../../core/errors.js';
import { bytesSource } from '../../../core/io/byte-source.js';
import { keyPairSigner } from '../../../core/signing/key-pair-signer.js';
import { signDetached } from '../../../core/signing/sign-detached.js';
import { signPdf } from '../../../core/signing/sign-pdf.js';
import { SIMA_SIMULATOR_FAILED } from './codes.js';
import { decodeTsquery, encodeTsquery, type SimaContract } from './contract.js';
import { TS_SIGN_ALGORITHM } from './app-request.js';

/** A TEST SİMA person: EC P-256 key, certificate, and the CA certificates above it (mobile CA, PCA). */
export interface SimaTestPerson {
  certificate: Uint8Array;
  privateKeyPkcs8: Uint8Array;
  chain: Uint8Array[];
}

export interface PhoneSimulatorOptions {
  /** Answer the app's 'operation-canceled' instead of signing. */
  cancel?: boolean;
  /** ts-sign of the callback over other bytes than the body sent. */
  forgeTsSign?: boolean;
  /** Change the contract in the URL (ExpUTC + 1 hour) without its HMAC, as an attacker would. */
  tamperContract?: boolean;
  /** Flip a byte of the signed document after signing (it then does not verify). */
  tamperDocument?: boolean;
  /** POST the same callback a second time (headers and body unchanged). */
  replay?: boolean;
  /** Signing time of the document signature; default now. */
  signingTime?: Date;
}

export interface HttpAnswer { status: number; body: unknown }

export interface PhoneSimulatorResult {
  operationId: string;
  getData: HttpAnswer;
  /** Absent when GETDATA was refused. */
  callback?: HttpAnswer;
  /** With `replay`: the answer to the second, identical callback. */
  replay?: HttpAnswer;
}

const failed = (detail: string) => new ImzalaError(SIMA_SIMULATOR_FAILED, `the SİMA simulator could not finish: ${detail}`, { detail });

/** Loads the demo's TEST SİMA citizen written by `imzala pki demo DIR` (sima-citizen.pem / .key.pem, sima-chain.pem). */
export async function loadSimaTestPerson(dir: string, name = 'sima-citizen'): Promise<SimaTestPerson> {
  const der = async (file: string) => {
    try {
      return decodePem(await readFile(join(dir, file), 'latin1')).map((b) => b.der);
    } catch {
      throw failed(`${file} cannot be read in ${dir}`);
    }
  };
  const [certificate] = await der(`${name}.pem`);
  const [privateKeyPkcs8] = await der(`${name}.key.pem`);
  if (!certificate || !privateKeyPkcs8) throw failed(`${name}.pem or ${name}.key.pem in ${dir} holds no certificate or key`);
  return { certificate, privateKeyPkcs8, chain: await der('sima-chain.pem') };
}

async function tsSign(person: SimaTestPerson, data: Uint8Array): Promise<string> {
  const key = await webcrypto.subtle.importKey('pkcs8', person.privateKeyPkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const raw = new Uint8Array(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, data));
  return Buffer.from(ecdsaP1363ToDer(raw)).toString('base64');
}

async function answer(res: Response): Promise<HttpAnswer> {
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

/**
 * "Scans" `url` (the QR content or a `sima://web-to-app?data=...` deep link) as `person`.
 * @throws ImzalaError SIMA_SIMULATOR_FAILED when the URL or contract is unusable or a host is not the contract's.
 */
export async function simulateSimaPhone(url: string, person: SimaTestPerson, options: PhoneSimulatorOptions = {}): Promise<PhoneSimulatorResult> {
  let dataUrl: URL;
  try {
    const given = new URL(url);
    dataUrl = given.protocol === 'sima:' ? new URL(given.searchParams.get('data') ?? '') : given;
  } catch {
    throw failed('not a SİMA QR URL');
  }
  if (dataUrl.protocol !== 'http:' && dataUrl.protocol !== 'https:') throw failed('the data URL is not http(s)');
  let contract: SimaContract;
  try {
    contract = decodeTsquery(dataUrl.searchParams.get('tsquery'));
  } catch {
    throw failed('the QR URL carries no web2app contract');
  }
  const hosts = contract.SignableContainer.ClientInfo.HostName;
  const callback = new URL(contract.SignableContainer.ClientInfo.Callback);
  // The app refuses to talk to a host the contract does not name.
  if (!hosts.includes(dataUrl.host) || !hosts.includes(callback.host)) throw failed(`a host is not in the contract's HostName (${hosts.join(', ')})`);
  if (options.tamperContract) {
    contract.SignableContainer.OperationInfo.ExpUTC += 3600;
    dataUrl.searchParams.set('tsquery', encodeTsquery(contract));
  }
  const operationId = contract.SignableContainer.OperationInfo.OperationId;
  const certificate = Buffer.from(person.certificate).toString('base64');
  const pathAndQuery = `${dataUrl.pathname}${dataUrl.search}`;
  const getData = await answer(await fetch(dataUrl, {
    headers: { 'ts-cert': certificate, 'ts-sign-alg': TS_SIGN_ALGORITHM, 'ts-sign': await tsSign(person, new TextEncoder().encode(pathAndQuery)) },
  }));
  if (getData.status !== 200) return { operationId, getData };
  const served = getData.body as { filename?: unknown; data?: unknown };
  if (typeof served.data !== 'string') throw failed('GETDATA answered without data');
  const data = new Uint8Array(Buffer.from(served.data, 'base64'));

  let body: Record<string, unknown>;
  if (options.cancel) {
    body = { Type: contract.SignableContainer.OperationInfo.Type, OperationId: operationId, Error: 'operation-canceled' };
  } else {
    const signer = await keyPairSigner(person);
    const signingTime = options.signingTime ?? new Date();
    const isPdf = Buffer.from(data.subarray(0, 5)).toString('latin1') === '%PDF-';
    let signed = isPdf
      ? concatBytes(data, (await signPdf(bytesSource(data), signer, { signingTime })).update)
      : await signDetached(bytesSource(data), signer, signingTime);
    if (options.tamperDocument) {
      signed = signed.slice();
      // Inside what the signature covers: the update's first bytes, or the CMS's signed attributes.
      const at = isPdf ? data.length + 2 : Math.floor(signed.length / 2);
      signed[at] = signed[at]! ^ 0x01;
    }
    body = {
      Type: 'Sign',
      OperationId: operationId,
      DataSignature: Buffer.from(signed).toString('base64'),
      SignedDataHash: Buffer.from(await webcrypto.subtle.digest('SHA-256', signed)).toString('base64'),
      AlgName: TS_SIGN_ALGORITHM,
    };
  }
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const headers = {
    'content-type': 'application/json',
    'ts-cert': certificate,
    'ts-sign-alg': TS_SIGN_ALGORITHM,
    'ts-sign': await tsSign(person, options.forgeTsSign ? concatBytes(bytes, new Uint8Array([0x20])) : bytes),
  };
  const post = async () => answer(await fetch(callback, { method: 'POST', headers, body: bytes }));
  const result: PhoneSimulatorResult = { operationId, getData, callback: await post() };
  if (options.replay) result.replay = await post();
  return result;
}
