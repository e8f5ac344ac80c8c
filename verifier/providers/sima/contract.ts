/**
 * The SİMA Web2App contract (AZ-ESIGN.md §4): what the site puts into the QR code, its HMAC header, the GETDATA
 * URL that carries it (`?tsquery=<base64 of the contract JSON>`), the `sima://` deep link and the QR image.
 *
 *   Header.Signature = base64(HMAC-SHA256(masterKey, SHA-256(compact JSON of SignableContainer)))
 *
 * "Compact JSON" is JSON.stringify of the container as built here, keys in the protocol's order. A contract read
 * back from a query is checked against the compact JSON of exactly what was received (re-serialised), so a change
 * of any field, of the key order, or of the number formatting breaks the HMAC.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import qrcode from 'qrcode-generator';
import { ImzalaError } from '../../../core/errors.js';
import { SIMA_CONTRACT_INVALID, SIMA_REQUEST_INVALID } from './codes.js';

export const SIMA_PROTOCOL = { Name: 'web2app', Version: '1.3' } as const;
export const SIMA_HMAC_ALGORITHM = 'HMACSHA256';
/** The GETDATA path: the QR URL is `<public url>${SIMA_DATA_PATH}?tsquery=...`. */
export const SIMA_DATA_PATH = '/api/v1/sima/data';
export const SIMA_CALLBACK_PATH = '/api/v1/sima/callback';
/** Longest tsquery accepted (a contract is well under 2 kB; the QR cannot hold much more anyway). */
export const MAX_TSQUERY_LENGTH = 8 * 1024;

export interface SignableContainer {
  ProtoInfo: { Name: string; Version: string };
  OperationInfo: { Type: 'Auth' | 'Sign'; OperationId: string; NbfUTC: number; ExpUTC: number; Assignee: string[] };
  ClientInfo: { ClientId: number; ClientName: string; IconURI: string; Callback: string; HostName: string[]; RedirectURI: string };
  DataInfo?: { DataURI?: string; AlgName?: string; FingerPrint?: string };
}

export interface SimaContract {
  SignableContainer: SignableContainer;
  Header: { AlgName: string; Signature: string };
}

export interface SimaClient {
  clientId: number;
  clientName: string;
  iconUri: string;
  /** Where the app POSTs its answer. */
  callbackUrl: string;
  /** The service's public URL (GETDATA base; its host goes into HostName). */
  publicUrl: string;
  /** HMAC key, at least 32 bytes. */
  masterKey: Uint8Array;
}

/** The HMAC header value of a container: base64(HMAC-SHA256(key, SHA-256(compact JSON))). */
export function contractSignature(container: SignableContainer, masterKey: Uint8Array): string {
  const hash = createHash('sha256').update(JSON.stringify(container), 'utf8').digest();
  return createHmac('sha256', masterKey).update(hash).digest('base64');
}

/** A signed Sign contract for one operation. */
export function buildContract(
  client: SimaClient,
  operation: { operationId: string; nbf: number; exp: number; fin: string; redirectUri: string },
): SimaContract {
  const hosts = [...new Set([new URL(client.publicUrl).host, new URL(client.callbackUrl).host])];
  const container: SignableContainer = {
    ProtoInfo: { Name: SIMA_PROTOCOL.Name, Version: SIMA_PROTOCOL.Version },
    OperationInfo: { Type: 'Sign', OperationId: operation.operationId, NbfUTC: operation.nbf, ExpUTC: operation.exp, Assignee: [operation.fin] },
    ClientInfo: {
      ClientId: client.clientId,
      ClientName: client.clientName,
      IconURI: client.iconUri,
      Callback: client.callbackUrl,
      HostName: hosts,
      RedirectURI: operation.redirectUri,
    },
  };
  return { SignableContainer: container, Header: { AlgName: SIMA_HMAC_ALGORITHM, Signature: contractSignature(container, client.masterKey) } };
}

/** base64 of the contract JSON, as the tsquery parameter carries it. */
export function encodeTsquery(contract: SimaContract): string {
  return Buffer.from(JSON.stringify(contract), 'utf8').toString('base64');
}

/** The QR content: the GETDATA URL with the contract. */
export function contractUrl(publicUrl: string, contract: SimaContract): string {
  return `${publicUrl.replace(/\/+$/, '')}${SIMA_DATA_PATH}?tsquery=${encodeURIComponent(encodeTsquery(contract))}`;
}

/** The deep link that opens the app on the same phone. */
export function deepLink(url: string): string {
  return `sima://web-to-app?data=${encodeURIComponent(url)}`;
}

/** The QR code of `text` as an SVG data URL (the page's CSP allows img data:). */
export function qrImage(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return `data:image/svg+xml;base64,${Buffer.from(qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true }), 'utf8').toString('base64')}`;
}

const invalid = (detail: string) => new ImzalaError(SIMA_REQUEST_INVALID, `the SİMA request is malformed: ${detail}`, { detail });
const isString = (v: unknown): v is string => typeof v === 'string' && v.length <= 2048;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * The contract carried by a tsquery value, its shape checked (no HMAC check: see `checkContractSignature`).
 * @throws ImzalaError SIMA_REQUEST_INVALID
 */
export function decodeTsquery(tsquery: unknown): SimaContract {
  if (typeof tsquery !== 'string' || tsquery.length === 0 || tsquery.length > MAX_TSQUERY_LENGTH || !/^[A-Za-z0-9+/]+={0,2}$/.test(tsquery)) {
    throw invalid('tsquery must be base64 of at most 8 KiB');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(tsquery, 'base64').toString('utf8'));
  } catch {
    throw invalid('tsquery is not JSON');
  }
  const c = parsed as SimaContract;
  const s = c?.SignableContainer;
  const op = s?.OperationInfo;
  const client = s?.ClientInfo;
  if (
    !s || typeof s !== 'object' || !c.Header || !isString(c.Header.AlgName) || !isString(c.Header.Signature)
    || !s.ProtoInfo || !isString(s.ProtoInfo.Name) || !isString(s.ProtoInfo.Version)
    || !op || (op.Type !== 'Sign' && op.Type !== 'Auth') || !isString(op.OperationId) || !isInt(op.NbfUTC) || !isInt(op.ExpUTC)
    || !Array.isArray(op.Assignee) || op.Assignee.length > 16 || !op.Assignee.every(isString)
    || !client || !isInt(client.ClientId) || !isString(client.Callback) || !Array.isArray(client.HostName) || client.HostName.length > 16
    || !client.HostName.every(isString)
  ) {
    throw invalid('the contract lacks a field of web2app 1.3');
  }
  return c;
}

/**
 * Checks that the contract is ours: the HMAC over its SignableContainer as received, in constant time.
 * @throws ImzalaError SIMA_CONTRACT_INVALID
 */
export function checkContractSignature(contract: SimaContract, masterKey: Uint8Array): void {
  if (contract.Header.AlgName !== SIMA_HMAC_ALGORITHM) {
    throw new ImzalaError(SIMA_CONTRACT_INVALID, 'the contract is not HMAC-SHA256 signed', { algorithm: contract.Header.AlgName.slice(0, 40) });
  }
  const expected = Buffer.from(contractSignature(contract.SignableContainer, masterKey), 'base64');
  const given = Buffer.from(contract.Header.Signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ImzalaError(SIMA_CONTRACT_INVALID, 'the contract HMAC does not verify', {});
  }
}
