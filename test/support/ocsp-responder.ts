/**
 * A small OCSP responder and CRL server for tests, on 127.0.0.1: OCSP answers are real BasicOCSPResponses
 * built and signed with pkijs + WebCrypto (an implementation other than imzala's reader), CRLs come from the
 * TEST PKI's issueCrl. Tests point certificates' AIA / CRL distribution points at `server.url`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from '../../core/encoding/bytes.js';
import { parseCertificate } from '../../core/keys/key-pair-match.js';
import { importSigningKey, keyIdentifier, type Issuer } from '../../verifier/pki-demo/certificate-builder.js';
import { CRL_REASONS, type CrlReason } from '../../verifier/pki-demo/crl-builder.js';

const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';

export type OcspStatusSpec = 'good' | 'unknown' | { revoked: Date; reason?: CrlReason };

export interface OcspAnswerSpec {
  /** The certificate asked about, and its issuer (for the CertID). */
  certificate: Uint8Array;
  issuerCertificate: Uint8Array;
  /** Who signs: the issuer itself or a delegated responder (certificate + PKCS#8 key). */
  signer: Issuer;
  status: OcspStatusSpec;
  thisUpdate: Date;
  nextUpdate?: Date;
  producedAt?: Date;
  /** Echoed nonce value (the OCTET STRING's contents). */
  nonce?: Uint8Array;
  /** ResponderID by SHA-1 key hash instead of by name. */
  responderByKey?: boolean;
  /** Certificates sent along (a delegated responder sends its own). */
  certs?: readonly Uint8Array[];
  /** CertID hash (default SHA-1). */
  certIdHash?: 'SHA-1' | 'SHA-256';
}

const seconds = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

/** A signed, successful OCSPResponse (DER). */
export async function buildOcspResponse(spec: OcspAnswerSpec): Promise<Uint8Array> {
  const cert = parseCertificate(spec.certificate);
  const issuer = parseCertificate(spec.issuerCertificate);
  const signer = parseCertificate(spec.signer.certificate);
  const certID = new pkijs.CertID();
  await certID.createForCertificate(cert, { hashAlgorithm: spec.certIdHash ?? 'SHA-1', issuerCertificate: issuer });

  let certStatus: asn1js.AsnType;
  if (spec.status === 'good' || spec.status === 'unknown') {
    certStatus = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: spec.status === 'good' ? 0 : 2 } });
  } else {
    const value: asn1js.AsnType[] = [new asn1js.GeneralizedTime({ valueDate: seconds(spec.status.revoked) })];
    if (spec.status.reason) {
      value.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: CRL_REASONS[spec.status.reason] })] }));
    }
    certStatus = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
  }
  const single = new pkijs.SingleResponse({ certID, certStatus, thisUpdate: seconds(spec.thisUpdate) });
  if (spec.nextUpdate) single.nextUpdate = seconds(spec.nextUpdate);

  const basic = new pkijs.BasicOCSPResponse();
  basic.tbsResponseData.responderID = spec.responderByKey
    ? new asn1js.OctetString({ valueHex: toArrayBuffer(keyIdentifier(signer.subjectPublicKeyInfo)) })
    : signer.subject;
  basic.tbsResponseData.producedAt = seconds(spec.producedAt ?? spec.thisUpdate);
  basic.tbsResponseData.responses = [single];
  if (spec.nonce) {
    basic.tbsResponseData.responseExtensions = [
      new pkijs.Extension({ extnID: OCSP_NONCE, critical: false, extnValue: new asn1js.OctetString({ valueHex: toArrayBuffer(spec.nonce) }).toBER(false) }),
    ];
  }
  if (spec.certs?.length) basic.certs = spec.certs.map((c) => parseCertificate(c));
  await basic.sign(await importSigningKey(spec.signer.privateKeyPkcs8), 'SHA-256');
  return wrapBasic(new Uint8Array(basic.toSchema().toBER(false)));
}

function wrapBasic(basic: Uint8Array): Uint8Array {
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({ responseType: OCSP_BASIC, response: new asn1js.OctetString({ valueHex: toArrayBuffer(basic) }) }),
  });
  return new Uint8Array(response.toSchema().toBER(false));
}

/** An OCSPResponse with a non-successful status (1 malformedRequest, 2 internalError, 3 tryLater, 6 unauthorized). */
export function ocspStatusResponse(status: number): Uint8Array {
  return new Uint8Array(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) }).toSchema().toBER(false));
}

/** The nonce value of an OCSP request (pkijs reading it, as a responder would), if any. */
export function requestNonce(request: Uint8Array): Uint8Array | undefined {
  const parsed = pkijs.OCSPRequest.fromBER(toArrayBuffer(request));
  const ext = parsed.tbsRequest.requestExtensions?.find((e) => e.extnID === OCSP_NONCE);
  if (!ext) return undefined;
  const inner = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result;
  return inner instanceof asn1js.OctetString ? inner.valueBlock.valueHexView.slice() : ext.extnValue.valueBlock.valueHexView.slice();
}

/** The serial number (hex, as Certificate.serialNumberHex) asked about in an OCSP request. */
export function requestSerialHex(request: Uint8Array): string {
  const parsed = pkijs.OCSPRequest.fromBER(toArrayBuffer(request));
  const hex = Buffer.from(parsed.tbsRequest.requestList[0]!.reqCert.serialNumber.valueBlock.valueHexView).toString('hex');
  return hex.replace(/^00(?=[89a-f])/, '');
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: Uint8Array;
}

/** What the server answers for one request: bytes with status 200, another status, or no answer at all (hang). */
export type Answer = Uint8Array | { status: number; body?: Uint8Array } | 'hang';

export interface TestServer {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 (a free port) whose answers come from `handle`. */
export async function startTestServer(handle: (request: RecordedRequest) => Answer | Promise<Answer>): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const recorded = { method: req.method ?? 'GET', path: req.url ?? '/', body: new Uint8Array(Buffer.concat(chunks)) };
      requests.push(recorded);
      try {
        const answer = await handle(recorded);
        if (answer === 'hang') {
          hanging.push(res);
          return;
        }
        const { status, body } = answer instanceof Uint8Array ? { status: 200, body: answer } : answer;
        res.writeHead(status, { 'content-type': 'application/octet-stream' });
        res.end(body ? Buffer.from(body) : undefined);
      } catch (e) {
        res.writeHead(500);
        res.end(String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
