/**
 * A local RFC 3161 timestamping authority for tests: a node:http server on 127.0.0.1 that answers each
 * `application/timestamp-query` with `openssl ts -reply` (so the tokens are made by a tool no one here wrote),
 * and a TEST PKI for it made with the openssl command line: a root, an intermediate CA, a TSA certificate with
 * the critical extended key usage timeStamping, and look-alikes that must be refused (no EKU, a non-critical
 * EKU, a TSA under an untrusted root).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs openssl synchronously in `cwd`; throws with its stderr when it fails. */
export function openssl(cwd: string, args: string[], input?: Uint8Array): Uint8Array {
  const r = spawnSync('openssl', args, { cwd, input, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${r.stderr}`);
  return new Uint8Array(r.stdout);
}

const EXTENSIONS = `[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa_noncritical]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[signer]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

export interface TestKeyPair {
  /** PEM certificate file. */
  cert: string;
  /** PEM private key file. */
  key: string;
  /** DER certificate. */
  der: Uint8Array;
}

export interface TsaTestPki {
  dir: string;
  root: TestKeyPair;
  intermediate: TestKeyPair;
  /** The TSA: critical EKU timeStamping, issued by `intermediate`, valid for 30 days from yesterday. */
  tsa: TestKeyPair;
  /** intermediate + root, PEM (what `openssl ts -reply -chain` embeds). */
  chain: string;
  /** A document signer (no EKU) under `intermediate`: must never be accepted as a TSA. */
  signer: TestKeyPair;
  /** EKU timeStamping, not critical: refused (RFC 3161 §2.3 wants it critical). */
  tsaNonCritical: TestKeyPair;
  /** A root nobody trusts and its TSA (well-formed, critical EKU). */
  otherRoot: TestKeyPair;
  otherTsa: TestKeyPair;
  cleanup(): void;
}

/** Creates the TEST PKI in a fresh temporary folder (RSA 2048 CAs, EC P-256 end entities). */
export function createTsaTestPki(): TsaTestPki {
  const dir = mkdtempSync(join(tmpdir(), 'imzala-tsa-'));
  writeFileSync(join(dir, 'ext.cnf'), EXTENSIONS);
  let serial = 100;
  const make = (name: string, subject: string, section: string, issuer: TestKeyPair | null, key: 'rsa' | 'ec', days: number): TestKeyPair => {
    const keyArgs = key === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
    openssl(dir, ['req', '-new', ...keyArgs, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
    const sign = issuer ? ['-CA', issuer.cert, '-CAkey', issuer.key] : ['-key', `${name}.key`];
    openssl(dir, ['x509', '-req', '-in', `${name}.csr`, ...sign, '-out', `${name}.pem`, '-days', String(days), '-set_serial', String(serial++),
      '-extfile', 'ext.cnf', '-extensions', section, '-sha256']);
    const der = openssl(dir, ['x509', '-in', `${name}.pem`, '-outform', 'DER']);
    return { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`), der };
  };
  const root = make('root', '/C=AZ/O=TEST/CN=TEST TSA Root', 'ca', null, 'rsa', 3650);
  const intermediate = make('intermediate', '/C=AZ/O=TEST/CN=TEST TSA Issuing CA', 'ca', root, 'rsa', 1825);
  const tsa = make('tsa', '/C=AZ/O=TEST/CN=TEST Timestamping Authority', 'tsa', intermediate, 'ec', 30);
  const signer = make('signer', '/C=AZ/O=TEST/CN=TEST Document Signer', 'signer', intermediate, 'ec', 30);
  const tsaNonCritical = make('tsa-noncritical', '/C=AZ/O=TEST/CN=TEST TSA non-critical EKU', 'tsa_noncritical', intermediate, 'ec', 30);
  const otherRoot = make('other-root', '/C=AZ/O=TEST/CN=TEST Untrusted Root', 'ca', null, 'rsa', 3650);
  const otherTsa = make('other-tsa', '/C=AZ/O=TEST/CN=TEST Untrusted TSA', 'tsa', otherRoot, 'ec', 30);
  const chain = join(dir, 'chain.pem');
  writeFileSync(chain, readFileSync(intermediate.cert, 'utf8') + readFileSync(root.cert, 'utf8'));
  return { dir, root, intermediate, tsa, chain, signer, tsaNonCritical, otherRoot, otherTsa, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What the server does with one request instead of answering normally (tests of the client's failures). */
export interface TsaMisbehaviour {
  httpStatus?: number;
  contentType?: string;
  /** Sent instead of openssl's reply. */
  body?: Uint8Array;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface TsaServerOptions {
  /** The TSA's certificate and key, and the chain to embed. */
  signer: { cert: string; key: string };
  chain?: string;
  /** Extra lines of the openssl `[tsa]` section (e.g. `tsa_name = yes`, `accuracy = secs:1`). */
  config?: string[];
  /** Per request: a misbehaviour, or nothing for the normal openssl answer. */
  misbehave?: (query: Uint8Array, index: number) => TsaMisbehaviour | undefined;
}

export interface TsaServer {
  url: string;
  /** The queries received, in order. */
  queries: Uint8Array[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}

/** Starts the TSA on 127.0.0.1 (a free port). openssl runs asynchronously, so a client in the same process is served. */
export async function startTsaServer(options: TsaServerOptions): Promise<TsaServer> {
  const dir = mkdtempSync(join(tmpdir(), 'imzala-tsa-server-'));
  const config = join(dir, 'tsa.cnf');
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(config, [
    '[tsa]', 'default_tsa = tsa_config', '[tsa_config]', `serial = ${join(dir, 'serial')}`, 'signer_digest = sha256',
    'default_policy = 1.3.6.1.4.1.32843.99.1', 'digests = sha1, sha256, sha384, sha512', 'ess_cert_id_alg = sha256',
    'crypto_device = builtin', 'ordering = no', 'tsa_name = no', 'ess_cert_id_chain = no', 'accuracy = secs:1',
    ...(options.config ?? []),
  ].join('\n') + '\n');
  const queries: Uint8Array[] = [];
  let count = 0;

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const query = await readBody(request);
    const index = count++;
    queries.push(query);
    const odd = options.misbehave?.(query, index);
    if (odd?.delayMs) await new Promise((r) => setTimeout(r, odd.delayMs));
    let body = odd?.body;
    if (!body) {
      const queryFile = join(dir, `q${index}.tsq`);
      const replyFile = join(dir, `r${index}.tsr`);
      writeFileSync(queryFile, query);
      const args = ['ts', '-reply', '-config', config, '-queryfile', queryFile, '-signer', options.signer.cert, '-inkey', options.signer.key, '-out', replyFile];
      if (options.chain) args.push('-chain', options.chain);
      await execFileAsync('openssl', args, { cwd: dir });
      body = new Uint8Array(readFileSync(replyFile));
    }
    if (response.destroyed) return;
    response.writeHead(odd?.httpStatus ?? 200, { 'Content-Type': odd?.contentType ?? 'application/timestamp-reply', 'Content-Length': body.length });
    response.end(body);
  };

  const server = createServer((request, response) => {
    answer(request, response).catch((e: Error) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(String(e.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    queries,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      });
    }),
  };
}
