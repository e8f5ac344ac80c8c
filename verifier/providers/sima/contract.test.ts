/** The Web2App contract: its HMAC computed by hand here with node:crypto, and every change to it detected. */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isImzalaError } from '../../../core/errors.js';
import {
  buildContract, checkContractSignature, contractUrl, decodeTsquery, deepLink, encodeTsquery, qrImage, SIMA_DATA_PATH, type SimaClient,
} from './contract.js';

const key = new Uint8Array(randomBytes(32));
const client: SimaClient = {
  clientId: 42, clientName: 'imzala TEST', iconUri: 'https://imzala.example.test/favicon.ico',
  callbackUrl: 'https://imzala.example.test/api/v1/sima/callback', publicUrl: 'https://imzala.example.test', masterKey: key,
};
const operation = { operationId: '2f1e4c2a-8c1e-4d0b-9a57-3f4f1f7e2b10', nbf: 1_800_000_000, exp: 1_800_000_300, fin: '1TEST06', redirectUri: 'https://imzala.example.test/s/x' };

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isImzalaError(e) ? e.code : String(e);
  }
  return 'no error';
}

describe('SİMA contract', () => {
  it('signs base64(HMAC-SHA256(key, SHA-256(compact JSON of SignableContainer))), fields as web2app 1.3', () => {
    const contract = buildContract(client, operation);
    const json = '{"ProtoInfo":{"Name":"web2app","Version":"1.3"},'
      + '"OperationInfo":{"Type":"Sign","OperationId":"2f1e4c2a-8c1e-4d0b-9a57-3f4f1f7e2b10","NbfUTC":1800000000,"ExpUTC":1800000300,"Assignee":["1TEST06"]},'
      + '"ClientInfo":{"ClientId":42,"ClientName":"imzala TEST","IconURI":"https://imzala.example.test/favicon.ico",'
      + '"Callback":"https://imzala.example.test/api/v1/sima/callback","HostName":["imzala.example.test"],"RedirectURI":"https://imzala.example.test/s/x"}}';
    expect(JSON.stringify(contract.SignableContainer)).toBe(json);
    const byHand = createHmac('sha256', key).update(createHash('sha256').update(json).digest()).digest('base64');
    expect(contract.Header).toEqual({ AlgName: 'HMACSHA256', Signature: byHand });
    expect(() => checkContractSignature(contract, key)).not.toThrow();
  });

  it('travels in the QR URL and the deep link and comes back the same', () => {
    const contract = buildContract(client, operation);
    const url = contractUrl(client.publicUrl, contract);
    expect(url.startsWith(`https://imzala.example.test${SIMA_DATA_PATH}?tsquery=`)).toBe(true);
    const tsquery = new URL(url).searchParams.get('tsquery');
    expect(decodeTsquery(tsquery)).toEqual(contract);
    expect(new URL(new URL(deepLink(url)).searchParams.get('data')!).toString()).toBe(url);
    expect(deepLink(url).startsWith('sima://web-to-app?data=https%3A%2F%2F')).toBe(true);
    const svg = Buffer.from(qrImage(url).slice('data:image/svg+xml;base64,'.length), 'base64').toString();
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });

  it('is refused after any change, with another key, or with another algorithm name', () => {
    const contract = buildContract(client, operation);
    const changed = structuredClone(contract);
    changed.SignableContainer.OperationInfo.Assignee = ['1TEST02'];
    expect(code(() => checkContractSignature(changed, key))).toBe('SIMA_CONTRACT_INVALID');
    expect(code(() => checkContractSignature(contract, new Uint8Array(randomBytes(32))))).toBe('SIMA_CONTRACT_INVALID');
    // Same fields, other key order: another compact JSON, so another HMAC.
    const reordered = { ...contract, SignableContainer: { ClientInfo: contract.SignableContainer.ClientInfo, ProtoInfo: contract.SignableContainer.ProtoInfo, OperationInfo: contract.SignableContainer.OperationInfo } };
    expect(code(() => checkContractSignature(decodeTsquery(encodeTsquery(reordered)), key))).toBe('SIMA_CONTRACT_INVALID');
    expect(code(() => checkContractSignature({ ...contract, Header: { ...contract.Header, AlgName: 'NONE' } }, key))).toBe('SIMA_CONTRACT_INVALID');
  });

  it('refuses a tsquery that is not base64 JSON of a contract, or too long', () => {
    expect(code(() => decodeTsquery(undefined))).toBe('SIMA_REQUEST_INVALID');
    expect(code(() => decodeTsquery('%%%'))).toBe('SIMA_REQUEST_INVALID');
    expect(code(() => decodeTsquery(Buffer.from('{"a":1}').toString('base64')))).toBe('SIMA_REQUEST_INVALID');
    expect(code(() => decodeTsquery('A'.repeat(9000)))).toBe('SIMA_REQUEST_INVALID');
  });
});
