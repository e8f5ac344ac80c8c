/**
 * x509-limbo (C2SP) harness: runs every testcase of ../shared/corpora/x509-limbo/limbo.json (read in place)
 * through imzala's path validation (core/pki) and reports in the limbo harness format
 * `{version: 1, harness: 'imzala', results: [{id, actual_result, context}]}`.
 *
 * Mapping: trusted_certs = anchors, untrusted_intermediates = the untrusted bag, peer_certificate = target,
 * validation_time (or now) = time, crls = revocation data (required when given), key_usage / extended_key_usage /
 * max_chain_depth = the corresponding options. A certificate that does not parse is dropped from its list
 * (as a trust store or a CMS certificate bag would); a peer that does not parse is a FAILURE.
 *
 * SKIPPED, with the reason in `context`, are the cases that test something a document-signature validator does
 * not do (decided from the case's data, never from its expected result):
 * 1. Server-name matching. imzala checks who signed, not which host it talked to, so it has no reference
 *    DNS name or IP address to match. A SERVER case whose DNS/IP peer name is not presented by the peer
 *    certificate's subjectAltName (exact DNS name, case-insensitive, or a left-most `*.` wildcard over one label;
 *    exact IP address) hinges on that matching and is skipped; otherwise matching is satisfied and the case is
 *    decided by path validation alone. Cases about the subject CN as a host name (webpki::cn::*) are skipped too.
 * 2. Optional features imzala does not implement (the schema says to skip them): Web PKI EKU rules, public
 *    suffix rules for wildcards, Web PKI subscriber key rules.
 * 3. Where the Web PKI profile and RFC 5280 disagree (a webpki:: case that conflicts with an rfc5280:: case),
 *    imzala follows RFC 5280; the webpki:: side is skipped.
 * 4. CA/Browser Forum Baseline Requirements rules for TLS certificates that RFC 5280 allows, listed in
 *    WEB_PKI_ONLY with the rule: document-signing certificates are not issued under the BRs.
 */
import { readFileSync } from 'node:fs';
import { decodePem } from '../../core/encoding/pem.js';
import { isImzalaError } from '../../core/errors.js';
import { Certificate } from '../../core/pki/certificate.js';
import { Crl } from '../../core/pki/crl.js';
import type { KeyUsageName } from '../../core/pki/extensions.js';
import type { GeneralName } from '../../core/pki/general-name.js';
import { validateCertificatePath } from '../../core/pki/path-validation.js';
import { corpusPath } from './corpora.js';

export type LimboExpected = 'SUCCESS' | 'FAILURE';

export interface LimboPeerName {
  kind: 'RFC822' | 'DNS' | 'IP';
  value: string;
}

export interface LimboTestcase {
  id: string;
  conflicts_with: string[];
  features: string[];
  importance: string;
  description: string;
  validation_kind: 'CLIENT' | 'SERVER';
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  peer_certificate_key: string | null;
  validation_time: string | null;
  signature_algorithms: string[];
  key_usage: string[];
  extended_key_usage: string[];
  expected_result: LimboExpected;
  expected_peer_name: LimboPeerName | null;
  expected_peer_names: LimboPeerName[];
  max_chain_depth: number | null;
  crls: string[];
}

export interface LimboResult {
  id: string;
  actual_result: 'SUCCESS' | 'FAILURE' | 'SKIPPED';
  context: string;
}

export interface LimboResults {
  version: 1;
  harness: 'imzala';
  results: LimboResult[];
}

export interface LimboSummary {
  pass: number;
  fail: number;
  skipped: number;
  /** Expected FAILURE, got SUCCESS: must stay empty. */
  falseAccepts: string[];
  /** Expected SUCCESS, got FAILURE. */
  falseRejects: string[];
  /** pass / (pass + fail). */
  applicablePassRate: number;
}

/** Optional limbo features imzala does not implement, with the reason (schema: consumers skip such cases). */
const UNSUPPORTED_FEATURES: Readonly<Record<string, string>> = {
  'pedantic-webpki-eku': 'CA/B Forum extended key usage rules for TLS certificates are not applied to document signing',
  'pedantic-public-suffix-wildcard': 'public-suffix rules for wildcard server names do not apply: imzala matches no server names',
  'pedantic-webpki-subscriber-key': 'CA/B Forum subscriber key rules for TLS certificates are not applied to document signing',
  'pedantic-rfc5280': "a trust anchor's own authorityKeyIdentifier is not required: the path ends at the anchor and never uses it",
};

/** Web PKI (CA/B Forum BR) rules that RFC 5280 does not make, and so imzala does not enforce. */
const WEB_PKI_ONLY: Readonly<Record<string, string>> = {
  'webpki::aki::root-with-aki-authoritycertissuer': 'BR 7.1.2.1.3 forbids authorityCertIssuer in a root; RFC 5280 §4.2.1.1 allows it',
  'webpki::aki::root-with-aki-authoritycertserialnumber': 'BR 7.1.2.1.3 forbids authorityCertSerialNumber in a root; RFC 5280 §4.2.1.1 allows it',
  'webpki::aki::root-with-aki-all-fields': 'BR 7.1.2.1.3 forbids authorityCertIssuer/SerialNumber in a root; RFC 5280 §4.2.1.1 allows them',
  'webpki::san::san-critical-with-nonempty-subject': 'BR 7.1.2.7.12 forbids a critical SAN with a subject; RFC 5280 §4.2.1.6 only says SHOULD NOT',
  'webpki::forbidden-rsa-not-divisible-by-8-in-root': 'BR 6.1.5 requires RSA moduli divisible by 8; RFC 5280 has no such rule and a 2052-bit key is not weak',
  'webpki::ee-basicconstraints-ca': 'BR 7.1.2.7.8 requires cA=FALSE in a subscriber certificate; RFC 5280 allows a CA certificate as the target',
};

const EKU_OIDS: Readonly<Record<string, string>> = {
  anyExtendedKeyUsage: '2.5.29.37.0',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9',
};

const KEY_USAGES: Readonly<Record<string, KeyUsageName>> = {
  digitalSignature: 'digitalSignature',
  contentCommitment: 'nonRepudiation',
  keyEncipherment: 'keyEncipherment',
  dataEncipherment: 'dataEncipherment',
  keyAgreement: 'keyAgreement',
  keyCertSign: 'keyCertSign',
  cRLSign: 'cRLSign',
  encipherOnly: 'encipherOnly',
  decipherOnly: 'decipherOnly',
};

export function limboFile(): string {
  return corpusPath('x509-limbo/limbo.json');
}

export function loadLimbo(file = limboFile()): { version: 1; testcases: LimboTestcase[] } {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { version: number; testcases: LimboTestcase[] };
  if (data.version !== 1 || !Array.isArray(data.testcases)) throw new Error(`${file}: not a limbo version 1 file`);
  return { version: 1, testcases: data.testcases };
}

function pemToDer(pem: string): Uint8Array {
  const blocks = decodePem(pem);
  if (blocks.length !== 1) throw new Error(`expected one PEM block, found ${blocks.length}`);
  return blocks[0]!.der;
}

function parseAll<T>(pems: readonly string[], parse: (der: Uint8Array) => T): T[] {
  return pems.flatMap((pem) => {
    try {
      return [parse(pemToDer(pem))];
    } catch {
      return [];
    }
  });
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
function isHostName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && name.split('.').every((l) => LABEL.test(l));
}

/** RFC 6125 §6.4: exact match, or a left-most `*` label standing for exactly one label. Both sides must be host names. */
function dnsPresented(reference: string, sans: readonly GeneralName[]): boolean {
  const ref = reference.toLowerCase();
  if (!isHostName(ref)) return false;
  return sans.some((n) => {
    if (n.type !== 'dNSName') return false;
    const presented = n.value.toLowerCase();
    if (presented === ref) return isHostName(presented);
    if (!presented.startsWith('*.') || !isHostName(presented.slice(2))) return false;
    const dot = ref.indexOf('.');
    return dot > 0 && ref.slice(dot + 1) === presented.slice(2);
  });
}

function ipBytes(text: string): Uint8Array | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    return parts.every((p) => p <= 255) ? Uint8Array.from(parts) : null;
  }
  if (!text.includes(':')) return null;
  const [head, tail, ...rest] = text.split('::');
  if (rest.length) return null;
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<string>(Math.max(fill, 0)).fill('0'), ...right];
  if (all.length !== 8 || !all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return Uint8Array.from(all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}

function ipPresented(reference: string, sans: readonly GeneralName[]): boolean {
  const ref = ipBytes(reference);
  if (!ref) return false;
  return sans.some((n) => n.type === 'iPAddress' && n.bytes.length === ref.length && n.bytes.every((b, i) => b === ref[i]));
}

/** Why a case does not apply to imzala, or null when it does (see the file comment). */
export function skipReason(tc: LimboTestcase, peer: Certificate): string | null {
  for (const feature of tc.features) {
    const reason = UNSUPPORTED_FEATURES[feature];
    if (reason) return `feature ${feature}: ${reason}`;
  }
  if (tc.id.startsWith('webpki::')) {
    const rfcSide = tc.conflicts_with.find((id) => id.startsWith('rfc5280::'));
    if (rfcSide) return `conflicts with ${rfcSide}; imzala follows RFC 5280 where the Web PKI profile differs`;
    const rule = WEB_PKI_ONLY[tc.id];
    if (rule) return `Web PKI only: ${rule}`;
    if (tc.id.startsWith('webpki::cn::')) return 'judges the subject CN as a TLS host name (BR 7.1.4.3); imzala matches no server names';
  }
  const peerName = tc.expected_peer_name;
  if (tc.validation_kind === 'SERVER' && peerName && (peerName.kind === 'DNS' || peerName.kind === 'IP')) {
    const presented = peerName.kind === 'DNS' ? dnsPresented(peerName.value, peer.subjectAltNames) : ipPresented(peerName.value, peer.subjectAltNames);
    if (!presented) {
      return `hinges on matching the server name ${peerName.kind}:${peerName.value} against the certificate, which document-signature validation does not do`;
    }
  }
  return null;
}

/** Runs one testcase. */
export async function runLimboCase(tc: LimboTestcase): Promise<LimboResult> {
  const result = (actual: LimboResult['actual_result'], context: string): LimboResult => ({ id: tc.id, actual_result: actual, context });
  let peer: Certificate;
  try {
    peer = Certificate.fromDer(pemToDer(tc.peer_certificate));
  } catch (e) {
    return result('FAILURE', `peer certificate refused: ${isImzalaError(e) ? `${e.code}: ${e.message}` : String(e)}`);
  }
  const skip = skipReason(tc, peer);
  if (skip) return result('SKIPPED', skip);

  const unknownEku = tc.extended_key_usage.find((name) => !EKU_OIDS[name]);
  const unknownKu = tc.key_usage.find((name) => !KEY_USAGES[name]);
  if (unknownEku || unknownKu) return result('SKIPPED', `the harness has no mapping for ${unknownEku ?? unknownKu}`);
  if (tc.signature_algorithms.length) return result('SKIPPED', 'constraining the signature algorithms is not a path validation option');

  const crls = parseAll(tc.crls, (der) => Crl.fromDer(der));
  const outcome = await validateCertificatePath(peer, {
    anchors: parseAll(tc.trusted_certs, (der) => Certificate.fromDer(der)),
    intermediates: parseAll(tc.untrusted_intermediates, (der) => Certificate.fromDer(der)),
    time: tc.validation_time ? new Date(tc.validation_time) : new Date(),
    signerKeyUsage: 'any',
    requiredKeyUsage: tc.key_usage.map((name) => KEY_USAGES[name]!),
    extendedKeyUsage: tc.extended_key_usage.map((name) => EKU_OIDS[name]!),
    ...(tc.max_chain_depth !== null ? { maxDepth: tc.max_chain_depth } : {}),
    ...(tc.crls.length ? { crls, requireRevocationData: true } : {}),
  });
  if (outcome.valid) return result('SUCCESS', `path of ${outcome.path.length} certificates, ${outcome.attempts} candidates examined`);
  const where = outcome.evidence.index !== undefined ? ` at path[${outcome.evidence.index}]` : '';
  return result('FAILURE', `${outcome.code}${where}: ${outcome.evidence.detail ?? ''}`);
}

/** Runs the whole corpus. */
export async function runLimbo(options: { file?: string } = {}): Promise<LimboResults> {
  const { testcases } = loadLimbo(options.file);
  const results: LimboResult[] = [];
  for (const tc of testcases) results.push(await runLimboCase(tc));
  return { version: 1, harness: 'imzala', results };
}

/** Counts results against the expectations of `testcases` (default: the corpus). */
export function summarizeLimbo(results: readonly LimboResult[], testcases: readonly LimboTestcase[] = loadLimbo().testcases): LimboSummary {
  const expected = new Map(testcases.map((tc) => [tc.id, tc.expected_result]));
  const summary: LimboSummary = { pass: 0, fail: 0, skipped: 0, falseAccepts: [], falseRejects: [], applicablePassRate: 0 };
  for (const r of results) {
    if (r.actual_result === 'SKIPPED') {
      summary.skipped++;
      continue;
    }
    const want = expected.get(r.id);
    if (want === undefined) throw new Error(`result for unknown testcase ${r.id}`);
    if (r.actual_result === want) {
      summary.pass++;
      continue;
    }
    summary.fail++;
    if (want === 'FAILURE') summary.falseAccepts.push(r.id);
    else summary.falseRejects.push(r.id);
  }
  summary.applicablePassRate = summary.pass + summary.fail ? summary.pass / (summary.pass + summary.fail) : 0;
  return summary;
}
