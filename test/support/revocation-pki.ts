/**
 * A small PKI whose certificates name a local OCSP responder and CRL server (test/support/ocsp-responder.ts),
 * for the revocation proxy's tests: root -> ICA (CRL at /root.crl) -> signer (OCSP at /ocsp, CRL at /ica.crl),
 * plus a same-named "ICA" with another key (a path that does not chain) and, made with openssl, a root and a
 * leaf that name the same responder but chain to nothing the service trusts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePem } from '../../core/encoding/pem.js';
import { concatBytes } from '../../core/encoding/bytes.js';
import { bytesSource } from '../../core/io/byte-source.js';
import { Certificate } from '../../core/pki/certificate.js';
import { keyPairSigner } from '../../core/signing/key-pair-signer.js';
import { signPdf } from '../../core/signing/sign-pdf.js';
import { samplePdf } from '../../verifier/demo/sample-pdf.js';
import { issueCertificate, type IssuedCertificate } from '../../verifier/pki-demo/certificate-builder.js';
import { issueCrl } from '../../verifier/pki-demo/crl-builder.js';
import { buildOcspResponse, requestSerialHex, startTestServer, type Answer, type RecordedRequest, type TestServer } from './ocsp-responder.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ec = { algorithm: 'EC', namedCurve: 'P-256' } as const;

/** What the responder does next: answer, fail, never answer, send too much, or answer after a pause. */
export type ResponderMode = 'normal' | 'http-500' | 'hang' | 'huge' | { delayMs: number };

export interface RevocationPki {
  server: TestServer;
  mode: ResponderMode;
  root: IssuedCertificate;
  ica: IssuedCertificate;
  signer: IssuedCertificate;
  /** Same subject as the ICA, another key, issued by the root. */
  otherIca: IssuedCertificate;
  certs: { root: Certificate; ica: Certificate; signer: Certificate; otherIca: Certificate; foreignRoot: Certificate; foreignLeaf: Certificate };
  ocspUrl: string;
  icaCrlUrl: string;
  rootCrlUrl: string;
  icaCrl: Uint8Array;
  rootCrl: Uint8Array;
  /** The OCSP answers sent, in order. */
  ocspAnswers: Uint8Array[];
  close(): Promise<void>;
}

/** openssl's root and leaf (self-made, trusted by nobody) whose AIA and CDP name `base`'s responder. */
function opensslChain(base: string): { root: Uint8Array; leaf: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'imzala-foreign-'));
  try {
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'root.key', '-out', 'root.pem', '-days', '30',
      '-subj', '/CN=Foreign Root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=Foreign Holder']);
    writeFileSync(join(dir, 'ext.cnf'), `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nauthorityInfoAccess=OCSP;URI:${base}/ocsp\ncrlDistributionPoints=URI:${base}/ica.crl\n`);
    run(['x509', '-req', '-in', 'leaf.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '30', '-extfile', 'ext.cnf']);
    const der = (file: string) => decodePem(readFileSync(join(dir, file), 'latin1'))[0]!.der;
    return { root: der('root.pem'), leaf: der('leaf.pem') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the PKI and starts its server on 127.0.0.1. */
export async function startRevocationPki(): Promise<RevocationPki> {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const at = (offset: number) => new Date(now.getTime() + offset);
  const pki = { mode: 'normal', ocspAnswers: [] as Uint8Array[] } as unknown as RevocationPki;

  const respond = async (request: RecordedRequest): Promise<Answer> => {
    const mode = pki.mode;
    if (mode === 'http-500') return { status: 500 };
    if (mode === 'hang') return 'hang';
    if (mode === 'huge') return new Uint8Array(64 * 1024).fill(0x30);
    if (typeof mode === 'object') await new Promise<void>((resolve) => setTimeout(resolve, mode.delayMs));
    if (request.path === '/ica.crl') return pki.icaCrl;
    if (request.path === '/root.crl') return pki.rootCrl;
    if (request.path !== '/ocsp' || request.method !== 'POST') return { status: 404 };
    if (requestSerialHex(request.body) !== pki.certs.signer.serialNumberHex) return { status: 404 };
    const answer = await buildOcspResponse({
      certificate: pki.signer.certificate,
      issuerCertificate: pki.ica.certificate,
      signer: pki.ica,
      status: 'good',
      thisUpdate: at(-HOUR),
      nextUpdate: at(DAY),
    });
    pki.ocspAnswers.push(answer);
    return answer;
  };

  pki.server = await startTestServer(respond);
  const base = pki.server.url;
  pki.ocspUrl = `${base}/ocsp`;
  pki.icaCrlUrl = `${base}/ica.crl`;
  pki.rootCrlUrl = `${base}/root.crl`;
  const caUsage = { usages: ['keyCertSign', 'cRLSign'] as const };
  pki.root = await issueCertificate({
    subject: [{ type: 'CN', value: 'TEST Proxy Root' }], key: ec, notBefore: at(-365 * DAY), notAfter: at(365 * DAY),
    basicConstraints: { ca: true }, keyUsage: caUsage,
  });
  const icaSpec = {
    subject: [{ type: 'CN', value: 'TEST Proxy ICA' }], issuer: pki.root, key: ec, notBefore: at(-300 * DAY), notAfter: at(300 * DAY),
    basicConstraints: { ca: true, pathLength: 0 }, keyUsage: caUsage, crlDistributionPoints: [pki.rootCrlUrl],
  } as const;
  pki.ica = await issueCertificate(icaSpec);
  pki.otherIca = await issueCertificate(icaSpec);
  pki.signer = await issueCertificate({
    subject: [{ type: 'CN', value: 'TEST Proxy Holder' }], issuer: pki.ica, key: ec, notBefore: at(-10 * DAY), notAfter: at(300 * DAY),
    basicConstraints: { ca: false }, keyUsage: { usages: ['digitalSignature', 'nonRepudiation'] },
    crlDistributionPoints: [pki.icaCrlUrl], authorityInfoAccess: { ocsp: [pki.ocspUrl] },
  });
  const window = { thisUpdate: at(-HOUR), nextUpdate: at(7 * DAY) };
  pki.icaCrl = await issueCrl({ issuer: pki.ica, ...window });
  pki.rootCrl = await issueCrl({ issuer: pki.root, ...window });
  const foreign = opensslChain(base);
  pki.certs = {
    root: Certificate.fromDer(pki.root.certificate),
    ica: Certificate.fromDer(pki.ica.certificate),
    signer: Certificate.fromDer(pki.signer.certificate),
    otherIca: Certificate.fromDer(pki.otherIca.certificate),
    foreignRoot: Certificate.fromDer(foreign.root),
    foreignLeaf: Certificate.fromDer(foreign.leaf),
  };
  pki.close = () => pki.server.close();
  return pki;
}

/** A sample PDF signed now by the PKI's signer (whose certificate names the local OCSP responder and CRL server). */
export async function signedSample(pki: RevocationPki, lines: string[]): Promise<Uint8Array> {
  const plain = samplePdf(lines);
  const signer = await keyPairSigner({ certificate: pki.signer.certificate, chain: [pki.ica.certificate], privateKeyPkcs8: pki.signer.privateKeyPkcs8 });
  const { update } = await signPdf(bytesSource(plain), signer, { signingTime: new Date() });
  return concatBytes(plain, update);
}
