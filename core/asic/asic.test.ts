/**
 * ASiC-E and ASiC-S with CAdES: containers imzala makes are read by Info-ZIP, python and `openssl cms`;
 * containers made by hand with python zipfile + `openssl cms` are read by imzala; every change to a signed
 * container (a changed, added or removed file, a broken manifest) ends in a code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePem } from '../encoding/pem.js';
import { utf8Bytes, utf8String } from '../encoding/bytes.js';
import { isImzalaError } from '../errors.js';
import { Certificate } from '../pki/certificate.js';
import { digestOfBytes, verifyCmsSignatures } from '../cms/verify-signed-data.js';
import { ZipArchive } from '../zip/read-zip.js';
import { writeZip, type ZipEntryToWrite } from '../zip/write-zip.js';
import { addAsicESignature, createAsicE, readAsicSignatures, type ManifestSigner } from './index.js';

import { createTestSigner, type TestSigner } from '../../test/fixtures/pdf/signing-tools.js';

let dir: string;
/** Two signers, each under its own TEST root (openssl-made, see signing-tools.ts). */
const signers: Record<'alice' | 'bob', TestSigner> = {} as Record<'alice' | 'bob', TestSigner>;

function run(cmd: string, args: string[], input?: Uint8Array): Uint8Array {
  const r = spawnSync(cmd, args, { cwd: dir, input });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return new Uint8Array(r.stdout);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imzala-asic-'));
  signers.alice = createTestSigner();
  signers.bob = createTestSigner();
  writeFileSync(join(dir, 'roots.pem'), readFileSync(signers.alice.rootCert, 'utf8') + readFileSync(signers.bob.rootCert, 'utf8'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const s of Object.values(signers)) s.dispose();
});

/** `openssl cms -sign`: a detached CMS with signed attributes, made by a tool no one here wrote. */
function opensslSigner(name: 'alice' | 'bob', extra: string[] = []): ManifestSigner {
  return async (manifest) => {
    writeFileSync(join(dir, 'to-sign.bin'), manifest);
    return run('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-in', 'to-sign.bin', '-signer', signers[name].signerCert,
      '-inkey', signers[name].signerKey, '-outform', 'DER', ...extra]);
  };
}

function opensslVerifies(cms: Uint8Array, content: Uint8Array): boolean {
  writeFileSync(join(dir, 'v.p7s'), cms);
  writeFileSync(join(dir, 'v.bin'), content);
  const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'v.p7s', '-content', 'v.bin', '-CAfile', 'roots.pem', '-purpose', 'any',
    '-out', '/dev/null'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0 && r.stderr.includes('Verification successful');
}

function roots(): Certificate[] {
  return decodePem(readFileSync(join(dir, 'roots.pem'), 'utf8')).map((p) => Certificate.fromDer(p.der));
}

async function verdict(cms: Uint8Array, signedData: Uint8Array) {
  const { signers: verified } = await verifyCmsSignatures(cms, { anchors: roots(), time: new Date(), digestContent: digestOfBytes(signedData) });
  return verified[0]!;
}

const contract = utf8Bytes('TEST müqavilə: 1000 AZN\n'.repeat(50));
const annex = new Uint8Array(3000).map((_, i) => (i * 7) & 0xff);
const files = [
  { name: 'müqavilə 1.txt', bytes: contract, mimeType: 'text/plain' },
  { name: 'annex/price.docx', bytes: annex },
];

/** The container with one entry's bytes replaced, one added or one left out. */
async function rewrite(container: Uint8Array, change: (entries: ZipEntryToWrite[]) => ZipEntryToWrite[]): Promise<Uint8Array> {
  const archive = ZipArchive.open(container);
  const entries: ZipEntryToWrite[] = [];
  for (const e of archive.entries) entries.push({ name: e.name, bytes: await archive.read(e), method: e.method });
  return writeZip(change(entries));
}

describe('ASiC-E made by imzala', () => {
  let container: Uint8Array;
  beforeAll(async () => {
    container = await createAsicE(files, opensslSigner('alice'));
  });

  it('is a ZIP that Info-ZIP and python read: mimetype first and stored, data files, one manifest + signature pair', () => {
    writeFileSync(join(dir, 'c.asice'), container);
    const listing = utf8String(run('zipinfo', ['c.asice'])).split('\n').filter((l) => l.startsWith('-'));
    expect(listing[0]).toMatch(/ stor .* mimetype$/);
    expect(listing.map((l) => l.split(' ').pop())).toEqual(['mimetype', '1.txt', 'annex/price.docx', 'META-INF/ASiCManifest001.xml', 'META-INF/signature001.p7s']);
    expect(utf8String(run('unzip', ['-t', 'c.asice']))).toContain('No errors detected');
  });

  it('its manifest lists every file with the SHA-256 python computes, and openssl verifies the CMS over the manifest', () => {
    const py = JSON.parse(utf8String(run('python3', ['-c', `import zipfile,json,hashlib,base64,xml.etree.ElementTree as ET
z=zipfile.ZipFile('c.asice')
m=z.read('META-INF/ASiCManifest001.xml')
open('m.xml','wb').write(m); open('s.p7s','wb').write(z.read('META-INF/signature001.p7s'))
ns={'a':'http://uri.etsi.org/02918/v1.2.1#','d':'http://www.w3.org/2000/09/xmldsig#'}
r=ET.fromstring(m)
refs={x.get('URI'):x.find('d:DigestValue',ns).text for x in r.findall('a:DataObjectReference',ns)}
actual={n:base64.b64encode(hashlib.sha256(z.read(n)).digest()).decode() for n in z.namelist() if n!='mimetype' and not n.startswith('META-INF/')}
print(json.dumps({'sig':r.find('a:SigReference',ns).get('URI'),'refs':refs,'actual':actual}))`])));
    expect(py.sig).toBe('META-INF/signature001.p7s');
    expect(Object.values(py.refs)).toEqual(Object.values(py.actual));
    expect(Object.keys(py.refs)).toEqual(['m%C3%BCqavil%C9%99%201.txt', 'annex/price.docx']);
    expect(opensslVerifies(readFileSync(join(dir, 's.p7s')), readFileSync(join(dir, 'm.xml')))).toBe(true);
  });

  it('reads back: one signature over its manifest, no problems, CMS TOTAL_PASSED', async () => {
    const r = await readAsicSignatures(container);
    expect(r.kind).toBe('ASiC-E');
    expect(r.mimetype).toBe('application/vnd.etsi.asic-e+zip');
    expect(r.dataFiles).toEqual(['müqavilə 1.txt', 'annex/price.docx']);
    expect(r.problems).toEqual([]);
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0]!;
    expect(s).toMatchObject({ signatureName: 'META-INF/signature001.p7s', manifestName: 'META-INF/ASiCManifest001.xml', manifestProblems: [] });
    expect(utf8String(s.signedData)).toContain('<asic:ASiCManifest');
    const v = await verdict(s.cms, s.signedData);
    expect(v.messageDigestMatches).toBe(true);
    expect(v.indication).toBe('TOTAL_PASSED');
  });

  it('a second signer adds a second pair; both signatures stand, the first manifest is unchanged', async () => {
    const two = await addAsicESignature(container, opensslSigner('bob'));
    const r = await readAsicSignatures(two);
    expect(r.problems).toEqual([]);
    expect(r.signatures.map((s) => [s.signatureName, s.manifestName])).toEqual([
      ['META-INF/signature001.p7s', 'META-INF/ASiCManifest001.xml'],
      ['META-INF/signature002.p7s', 'META-INF/ASiCManifest002.xml'],
    ]);
    const first = (await readAsicSignatures(container)).signatures[0]!;
    expect(r.signatures[0]!.signedData).toEqual(first.signedData);
    for (const s of r.signatures) {
      expect(s.manifestProblems).toEqual([]);
      expect((await verdict(s.cms, s.signedData)).indication).toBe('TOTAL_PASSED');
      expect(opensslVerifies(s.cms, s.signedData)).toBe(true);
    }
    const certs = await Promise.all(r.signatures.map(async (s) => (await verdict(s.cms, s.signedData)).signerCertificate!.sha256));
    const expected = [signers.alice, signers.bob].map((t) => Certificate.fromDer(decodePem(readFileSync(t.signerCert, 'utf8'))[0]!.der).sha256);
    expect(certs).toEqual(expected);
  });

  it('a changed data file -> ASIC_DATA_FILE_DIGEST_MISMATCH, though the CMS over the manifest still verifies', async () => {
    const changed = await rewrite(container, (es) => es.map((e) => (e.name === 'müqavilə 1.txt' ? { ...e, bytes: utf8Bytes('TEST müqavilə: 9000 AZN\n') } : e)));
    const r = await readAsicSignatures(changed);
    const s = r.signatures[0]!;
    expect(s.manifestProblems).toEqual([{ code: 'ASIC_DATA_FILE_DIGEST_MISMATCH', details: { file: 'müqavilə 1.txt' } }]);
    expect((await verdict(s.cms, s.signedData)).indication).toBe('TOTAL_PASSED');
    const err = await addAsicESignature(changed, opensslSigner('bob')).catch((e) => e);
    expect(isImzalaError(err) && err.code).toBe('ASIC_CONTAINER_NOT_INTACT');
  });

  it('an added file -> ASIC_DATA_FILE_NOT_SIGNED; a removed file -> ASIC_REFERENCED_FILE_MISSING', async () => {
    const added = await rewrite(container, (es) => [...es, { name: 'payment.txt', bytes: utf8Bytes('pay to X'), method: 'deflate' }]);
    expect((await readAsicSignatures(added)).signatures[0]!.manifestProblems).toEqual([{ code: 'ASIC_DATA_FILE_NOT_SIGNED', details: { file: 'payment.txt' } }]);
    const removed = await rewrite(container, (es) => es.filter((e) => e.name !== 'annex/price.docx'));
    const r = await readAsicSignatures(removed);
    expect(r.dataFiles).toEqual(['müqavilə 1.txt']);
    expect(r.signatures[0]!.manifestProblems).toEqual([{ code: 'ASIC_REFERENCED_FILE_MISSING', details: { file: 'annex/price.docx' } }]);
  });

  it('a removed manifest or signature, or a manifest with a DOCTYPE, is reported, never skipped', async () => {
    const noManifest = await rewrite(container, (es) => es.filter((e) => !e.name.endsWith('.xml')));
    const r1 = await readAsicSignatures(noManifest);
    expect(r1.kind).toBe('ASiC-E');
    expect(r1.signatures[0]!.manifestProblems.map((p) => p.code)).toEqual(['ASIC_MANIFEST_MISSING']);
    const noSignature = await rewrite(container, (es) => es.filter((e) => !e.name.endsWith('.p7s')));
    const r2 = await readAsicSignatures(noSignature);
    expect(r2.signatures).toEqual([]);
    expect(r2.problems.map((p) => p.code)).toEqual(['ASIC_SIGNATURE_MISSING', 'ASIC_NO_SIGNATURE']);
    const laughs = utf8Bytes('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><asic:ASiCManifest xmlns:asic="http://uri.etsi.org/02918/v1.2.1#">&b;</asic:ASiCManifest>');
    const bomb = await rewrite(container, (es) => es.map((e) => (e.name.endsWith('.xml') ? { ...e, bytes: laughs } : e)));
    const r3 = await readAsicSignatures(bomb);
    expect(r3.problems[0]).toMatchObject({ code: 'ASIC_MANIFEST_MALFORMED', details: { manifest: 'META-INF/ASiCManifest001.xml' } });
    expect(r3.signatures[0]!.manifestProblems.map((p) => p.code)).toEqual(['ASIC_MANIFEST_MISSING']);
  });

  it('refuses reserved or unsafe data file names, an enveloping CMS and a signer that signed something else', async () => {
    for (const name of ['mimetype', 'META-INF/x.txt', 'meta-inf/x.txt', '../x.txt', 'dir/']) {
      const err = await createAsicE([{ name, bytes: contract }], opensslSigner('alice')).catch((e) => e);
      expect(isImzalaError(err) && err.code, name).toBe('ASIC_DATA_FILE_NAME_INVALID');
    }
    const empty = await createAsicE([], opensslSigner('alice')).catch((e) => e);
    expect(isImzalaError(empty) && empty.code).toBe('ASIC_NO_DATA_FILES');
    const enveloping = await createAsicE(files, opensslSigner('alice', ['-nodetach'])).catch((e) => e);
    expect(isImzalaError(enveloping) && enveloping.code).toBe('ASIC_SIGNATURE_NOT_DETACHED');
    const wrong: ManifestSigner = async () => opensslSigner('alice')(utf8Bytes('something else'));
    const err = await createAsicE(files, wrong).catch((e) => e);
    expect(isImzalaError(err) && err.code).toBe('SIGNER_PRODUCED_INVALID_SIGNATURE');
  });
});

describe('bounds', () => {
  it('a container of thousands of signature files is refused before any is read', async () => {
    const cms = await opensslSigner('alice')(utf8Bytes('x'));
    const many = await writeZip([
      { name: 'mimetype', bytes: utf8Bytes('application/vnd.etsi.asic-e+zip'), method: 'stored' },
      { name: 'doc.txt', bytes: contract, method: 'deflate' },
      ...Array.from({ length: 2000 }, (_, i): ZipEntryToWrite => ({ name: `META-INF/signature${i}.p7s`, bytes: cms, method: 'stored' })),
    ]);
    const start = performance.now();
    const err = await readAsicSignatures(many).catch((e) => e);
    expect(isImzalaError(err) && err.code).toBe('ASIC_TOO_MANY_SIGNATURES');
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('containers made by hand with python zipfile and openssl cms', () => {
  function pythonZip(name: string, entries: [string, string, boolean][]): Uint8Array {
    // [entry name, file to read, stored?]
    const lines = entries.map(([n, f, stored]) => `    z.write(${JSON.stringify(f)}, ${JSON.stringify(n)}, compress_type=${stored ? 'zipfile.ZIP_STORED' : 'zipfile.ZIP_DEFLATED'})`);
    run('python3', ['-c', `import zipfile\nwith zipfile.ZipFile(${JSON.stringify(name)}, 'w') as z:\n${lines.join('\n')}`]);
    return readFileSync(join(dir, name));
  }

  it('ASiC-S: one data file and META-INF/signature.p7s over it', async () => {
    writeFileSync(join(dir, 'mt-s'), 'application/vnd.etsi.asic-s+zip');
    writeFileSync(join(dir, 'photo.jpg'), annex);
    run('openssl', ['cms', '-sign', '-binary', '-in', 'photo.jpg', '-signer', signers.alice.signerCert, '-inkey', signers.alice.signerKey, '-outform', 'DER', '-out', 'photo.p7s']);
    const zip = pythonZip('s.asics', [['mimetype', 'mt-s', true], ['photo.jpg', 'photo.jpg', false], ['META-INF/signature.p7s', 'photo.p7s', false]]);
    const r = await readAsicSignatures(zip);
    expect(r).toMatchObject({ kind: 'ASiC-S', dataFiles: ['photo.jpg'], problems: [] });
    expect(r.signatures[0]!.signedData).toEqual(annex);
    expect(r.signatures[0]!.manifestProblems).toEqual([]);
    expect((await verdict(r.signatures[0]!.cms, r.signatures[0]!.signedData)).indication).toBe('TOTAL_PASSED');

    // A second data file: no one can tell which one was signed.
    writeFileSync(join(dir, 'other.txt'), 'TEST');
    const two = pythonZip('s2.asics', [['mimetype', 'mt-s', true], ['photo.jpg', 'photo.jpg', false], ['other.txt', 'other.txt', false], ['META-INF/signature.p7s', 'photo.p7s', false]]);
    const r2 = await readAsicSignatures(two);
    expect(r2.signatures[0]!.manifestProblems.map((p) => p.code)).toEqual(['ASIC_S_DATA_FILE_COUNT']);
  });

  it('ASiC-E with a manifest written by hand (default namespace, SHA-512, a compressed mimetype)', async () => {
    writeFileSync(join(dir, 'mt-e'), 'application/vnd.etsi.asic-e+zip');
    writeFileSync(join(dir, 'doc.txt'), contract);
    const sha512 = run('openssl', ['dgst', '-sha512', '-binary', 'doc.txt']);
    const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<!-- written by hand -->
<ASiCManifest xmlns="http://uri.etsi.org/02918/v1.2.1#" xmlns:ns2="http://www.w3.org/2000/09/xmldsig#">
  <SigReference URI="META-INF/signature-x.p7s" MimeType="application/x-pkcs7-signature"/>
  <DataObjectReference URI="doc.txt" MimeType="text/plain">
    <ns2:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha512"></ns2:DigestMethod>
    <ns2:DigestValue>${Buffer.from(sha512).toString('base64')}</ns2:DigestValue>
  </DataObjectReference>
</ASiCManifest>`;
    writeFileSync(join(dir, 'manifest.xml'), manifest);
    run('openssl', ['cms', '-sign', '-binary', '-in', 'manifest.xml', '-signer', signers.bob.signerCert, '-inkey', signers.bob.signerKey, '-outform', 'DER', '-out', 'manifest.p7s']);
    const zip = pythonZip('e.asice', [['mimetype', 'mt-e', false], ['doc.txt', 'doc.txt', false], ['META-INF/ASiCManifest.xml', 'manifest.xml', false],
      ['META-INF/signature-x.p7s', 'manifest.p7s', false]]);
    const r = await readAsicSignatures(zip);
    expect(r.kind).toBe('ASiC-E');
    expect(r.problems.map((p) => p.code)).toEqual(['ASIC_MIMETYPE_MISPLACED']);
    const s = r.signatures[0]!;
    expect(s.manifestProblems).toEqual([]);
    expect(utf8String(s.signedData)).toBe(manifest);
    expect((await verdict(s.cms, s.signedData)).indication).toBe('TOTAL_PASSED');
  });

  it('an ADoc or other container with a mimetype imzala cannot verify -> ASIC_UNRECOGNISED_VARIANT; a plain ZIP -> zip-unknown', async () => {
    writeFileSync(join(dir, 'mt-adoc'), 'application/vnd.lt.archyvai.adoc-2008');
    writeFileSync(join(dir, 'doc.txt'), contract);
    const adoc = pythonZip('x.adoc', [['mimetype', 'mt-adoc', true], ['doc.txt', 'doc.txt', false]]);
    const r = await readAsicSignatures(adoc);
    expect(r).toMatchObject({ kind: 'ADoc-unrecognised', mimetype: 'application/vnd.lt.archyvai.adoc-2008', signatures: [] });
    expect(r.problems).toEqual([{ code: 'ASIC_UNRECOGNISED_VARIANT', details: { mimetype: 'application/vnd.lt.archyvai.adoc-2008' } }]);
    const plain = pythonZip('p.zip', [['doc.txt', 'doc.txt', false]]);
    expect(await readAsicSignatures(plain)).toMatchObject({ kind: 'zip-unknown', signatures: [], problems: [{ code: 'ASIC_NOT_A_CONTAINER' }] });
  });

  it('an ASiC-S without a mimetype (EN 319 162-1 allows it) is recognised by its layout, and says so', async () => {
    writeFileSync(join(dir, 'doc.txt'), contract);
    run('openssl', ['cms', '-sign', '-binary', '-in', 'doc.txt', '-signer', signers.bob.signerCert, '-inkey', signers.bob.signerKey, '-outform', 'DER', '-out', 'doc.p7s']);
    const zip = pythonZip('nomime.asics', [['doc.txt', 'doc.txt', false], ['META-INF/signature.p7s', 'doc.p7s', false]]);
    const r = await readAsicSignatures(zip);
    expect(r).toMatchObject({ kind: 'ASiC-S', mimetype: null, problems: [{ code: 'ASIC_MIMETYPE_MISSING' }] });
    expect((await verdict(r.signatures[0]!.cms, r.signatures[0]!.signedData)).indication).toBe('TOTAL_PASSED');
  });

  it('a XAdES ASiC-E is reported as not checked, not as unsigned or valid', async () => {
    writeFileSync(join(dir, 'x.xml'), '<asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#"/>');
    const zip = pythonZip('x.asice', [['mimetype', 'mt-e', true], ['doc.txt', 'doc.txt', false], ['META-INF/signatures0.xml', 'x.xml', false]]);
    const r = await readAsicSignatures(zip);
    expect(r.problems.map((p) => p.code)).toEqual(['ASIC_XADES_UNSUPPORTED', 'ASIC_NO_SIGNATURE']);
  });

  it('a hostile ZIP under the container ends in its ZIP code', async () => {
    run('python3', ['-c', `import zipfile
with zipfile.ZipFile('t.asice','w') as z:
    z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.etsi.asic-e+zip')
    z.writestr(zipfile.ZipInfo('../../etc/cron.d/x'), 'x')`]);
    const err = await readAsicSignatures(readFileSync(join(dir, 't.asice'))).catch((e) => e);
    expect(isImzalaError(err) && err.code).toBe('ZIP_UNSAFE_ENTRY_NAME');
  });
});
