/** The ASiCManifest writer and reader, and the XML reader under them against hostile input. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { utf8Bytes, utf8String } from '../encoding/bytes.js';
import { digest } from '../crypto/hash.js';
import { isImzalaError } from '../errors.js';
import { buildAsicManifest, parseAsicManifest } from './asic-manifest.js';
import { parseXml } from './xml.js';

function code(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!isImzalaError(e)) throw e;
    return e.code;
  }
}

const manifest = buildAsicManifest({
  signatureName: 'META-INF/signature001.p7s',
  dataObjects: [
    { name: 'a & b <1>.txt', digestAlgorithm: 'SHA-256', digest: digest('SHA-256', utf8Bytes('a')), mimeType: 'text/plain' },
    { name: 'qovluq/şəkil.png', digestAlgorithm: 'SHA-512', digest: digest('SHA-512', utf8Bytes('b')) },
  ],
});

describe('ASiCManifest', () => {
  it('round-trips names that need escaping in URIs and XML, and python ElementTree reads the same URIs', () => {
    const parsed = parseAsicManifest(manifest);
    expect(parsed.signatureName).toBe('META-INF/signature001.p7s');
    expect(parsed.references.map((r) => [r.name, r.digestAlgorithm, r.mimeType])).toEqual([
      ['a & b <1>.txt', 'SHA-256', 'text/plain'],
      ['qovluq/şəkil.png', 'SHA-512', null],
    ]);
    expect(parsed.references[1]!.digestValue).toEqual(digest('SHA-512', utf8Bytes('b')));
    const py = spawnSync('python3', ['-c', `import sys,urllib.parse,xml.etree.ElementTree as ET
r=ET.fromstring(sys.stdin.buffer.read())
print('|'.join(urllib.parse.unquote(x.get('URI')) for x in r.iter('{http://uri.etsi.org/02918/v1.2.1#}DataObjectReference')))`], { input: manifest, encoding: 'utf8' });
    expect(py.stdout.trim()).toBe('a & b <1>.txt|qovluq/şəkil.png');
  });

  it('refuses what is not an ASiCManifest', () => {
    const bad = [
      '<ASiCManifest/>', // no namespace
      '<a:ASiCManifest xmlns:a="http://uri.etsi.org/02918/v1.2.1#"><a:DataObjectReference URI="x"/></a:ASiCManifest>', // no SigReference
      '<a:ASiCManifest xmlns:a="http://uri.etsi.org/02918/v1.2.1#"><a:SigReference URI="s.p7s"/></a:ASiCManifest>', // nothing signed
      '<a:ASiCManifest xmlns:a="http://uri.etsi.org/02918/v1.2.1#"><a:SigReference URI="s.p7s"/><a:DataObjectReference URI="%E0%A4%A"/></a:ASiCManifest>',
    ];
    for (const text of bad) expect(code(() => parseAsicManifest(utf8Bytes(text))), text).toBe('ASIC_MANIFEST_MALFORMED');
    expect(code(() => parseAsicManifest(new Uint8Array([0x3c, 0xff, 0xfe])))).toBe('ASIC_MANIFEST_MALFORMED');
    expect(code(() => parseAsicManifest(new Uint8Array(2 * 1024 * 1024)))).toBe('ASIC_MANIFEST_MALFORMED');
  });
});

describe('XML reader on hostile input', () => {
  it('refuses DOCTYPE (entity expansion), unbound prefixes, mismatched tags, two roots', () => {
    for (const text of [
      '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
      '<a>&x;</a>',
      '<p:a/>',
      '<a></b>',
      '<a/><b/>',
      '<a b="1" b="2"/>',
      '<a>',
      'text',
      '<a>&#0;</a>',
    ]) {
      expect(code(() => parseXml(text)), text).toBe('ASIC_MANIFEST_MALFORMED');
    }
  });

  it('stops deep nesting and floods of elements quickly', () => {
    const start = performance.now();
    expect(code(() => parseXml('<a>'.repeat(200_000)))).toBe('ASIC_MANIFEST_MALFORMED');
    expect(code(() => parseXml(`<a>${'<b/>'.repeat(200_000)}</a>`))).toBe('ASIC_MANIFEST_MALFORMED');
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('seeded mutations of a real manifest end in a manifest or ASIC_MANIFEST_MALFORMED', () => {
    let seed = 319162;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    const outcomes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const m = manifest.slice();
      for (let k = 0, n = 1 + (next() % 3); k < n; k++) m[next() % m.length] = next() & 0x7f;
      outcomes.add(code(() => parseAsicManifest(m)) ?? 'read');
    }
    expect([...outcomes].sort()).toEqual(['ASIC_MANIFEST_MALFORMED', 'read']);
    expect(utf8String(manifest)).toContain('xmlns:asic="http://uri.etsi.org/02918/v1.2.1#"');
  });
});
