/** ASiC-E through the CLI: sign a non-PDF file into a container, co-sign it, check it, and refuse what cannot be checked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { imzala, run, tempDir, verifyJson } from '../support/cli.js';
import { writeDemoPki, type DemoPki } from '../support/demo-pki.js';

let tmp: ReturnType<typeof tempDir>;
let pki: DemoPki;
let doc: string;
let twice: string;

const sign = (input: string, out: string, who: 'citizen' | 'business') =>
  imzala(['sign', input, '--out', out, '--p12', pki.p12(who), '--pass-env', 'P', '--lang', 'en'], { P: pki.password });

/** Rewrites a ZIP with python's zipfile, replacing one entry's bytes (a change after signing). */
function python(script: string): void {
  run('python3', ['-c', script], { check: true });
}

beforeAll(() => {
  tmp = tempDir();
  pki = writeDemoPki(join(tmp.dir, 'pki'));
  doc = join(tmp.dir, 'akt.txt');
  writeFileSync(doc, 'TEST akt: 100 AZN\n');
  const once = join(tmp.dir, 'akt.asice');
  twice = join(tmp.dir, 'akt-2.asice');
  expect(sign(doc, once, 'citizen').status).toBe(0);
  expect(sign(once, twice, 'business').status).toBe(0);
});

afterAll(() => tmp?.cleanup());

describe('ASiC-E', () => {
  it('two signers, each with its own manifest and CAdES signature: VALID', () => {
    const { status, report } = verifyJson(twice, ['--trust', pki.trust]);
    expect(report.status).toBe('VALID');
    expect(status).toBe(0);
    expect(report.file.format).toBe('asic');
    expect(report.file.sha256).toBe(createHash('sha256').update(readFileSync(twice)).digest('hex'));
    expect(report.signatures.map((s: any) => s.signer.fin)).toEqual(['1TEST01', '1TEST02']);
    const names = run('python3', ['-c', `import zipfile;print('\\n'.join(zipfile.ZipFile('${twice}').namelist()))`]).stdout.trim().split('\n');
    expect(names[0]).toBe('mimetype');
    expect(names).toEqual(expect.arrayContaining(['akt.txt', 'META-INF/ASiCManifest001.xml', 'META-INF/signature001.p7s', 'META-INF/ASiCManifest002.xml', 'META-INF/signature002.p7s']));
  });

  it('openssl verifies the first signature over its manifest', () => {
    const dir = join(tmp.dir, 'x');
    python(`import zipfile;zipfile.ZipFile('${twice}').extractall('${dir}')`);
    const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'META-INF/signature001.p7s'),
      '-content', join(dir, 'META-INF/ASiCManifest001.xml'), '-CAfile', pki.root, '-purpose', 'any', '-out', '/dev/null']);
    expect(r.stderr).toContain('Verification successful');
  });

  it('a data file changed after signing: INVALID / HASH_FAILURE for every signature', () => {
    const changed = join(tmp.dir, 'changed.asice');
    python(`import zipfile
src=zipfile.ZipFile('${twice}'); dst=zipfile.ZipFile('${changed}','w')
for i in src.infolist():
    data=src.read(i.filename)
    if i.filename=='akt.txt': data=b'TEST akt: 900 AZN\\n'
    dst.writestr(i, data)
dst.close()`);
    const { status, report } = verifyJson(changed, ['--trust', pki.trust]);
    expect(report.status).toBe('INVALID');
    expect(status).toBe(1);
    expect(report.signatures.map((s: any) => s.subIndication)).toEqual(['HASH_FAILURE', 'HASH_FAILURE']);
  });

  it('an ADoc-like container is refused as an unrecognised variant (exit 65), not guessed at', () => {
    const adoc = join(tmp.dir, 'doc.adoc');
    python(`import zipfile
z=zipfile.ZipFile('${adoc}','w'); z.writestr('mimetype','application/vnd.az.adoc'); z.writestr('doc.txt','x'); z.writestr('META-INF/manifest.xml','<manifest/>'); z.close()`);
    const r = imzala(['verify', adoc, '--json', '--trust', pki.trust]);
    expect(r.status).toBe(65);
    expect(JSON.parse(r.stdout).error.code).toBe('ASIC_UNRECOGNISED_VARIANT');
  });
});
