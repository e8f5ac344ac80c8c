import { afterAll, describe, expect, it } from 'vitest';
import { latin1Bytes, utf8Bytes } from '../encoding/bytes.js';
import { oid, sequence, setOf, tlv } from '../encoding/der-writer.js';
import { ATTRIBUTE_OIDS, DistinguishedName, nameWithinSubtree, namesMatch } from './name.js';
import { OpensslCa } from './openssl-ca.test.js';

const PRINTABLE = 0x13;
const UTF8 = 0x0c;
const IA5 = 0x16;
const BMP = 0x1e;

function bmp(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[i * 2] = text.charCodeAt(i) >> 8;
    out[i * 2 + 1] = text.charCodeAt(i) & 0xff;
  }
  return out;
}

/** A Name from [type, tag, text] triples, one RDN each (or several in one RDN when grouped). */
function name(...rdns: [string, number, string][][]): DistinguishedName {
  const encode = ([type, tag, text]: [string, number, string]) =>
    sequence(oid(type), tlv(tag, tag === UTF8 ? utf8Bytes(text) : tag === BMP ? bmp(text) : latin1Bytes(text)));
  return DistinguishedName.fromDer(sequence(...rdns.map((rdn) => setOf(...rdn.map(encode)))));
}

const CN = ATTRIBUTE_OIDS.commonName;
const O = ATTRIBUTE_OIDS.organizationName;
const C = ATTRIBUTE_OIDS.countryName;
const EMAIL = ATTRIBUTE_OIDS.emailAddress;

describe('namesMatch (RFC 5280 §7.1)', () => {
  it('ignores case, surrounding and repeated spaces, and PrintableString vs UTF8String vs BMPString', () => {
    const a = name([[C, PRINTABLE, 'AZ']], [[CN, PRINTABLE, 'TEST  Root Authority ']]);
    const b = name([[C, UTF8, 'az']], [[CN, UTF8, ' test root   AUTHORITY']]);
    const c = name([[C, BMP, 'AZ']], [[CN, BMP, 'Test Root Authority']]);
    expect(namesMatch(a, b)).toBe(true);
    expect(namesMatch(a, c)).toBe(true);
    expect(namesMatch(a, name([[C, PRINTABLE, 'AZ']], [[CN, PRINTABLE, 'TEST Root Authority 2']]))).toBe(false);
  });

  it('compares Azerbaijani letters case-insensitively', () => {
    expect(namesMatch(name([[CN, UTF8, 'MƏMMƏDOVA AYSEL']]), name([[CN, UTF8, 'Məmmədova Aysel']]))).toBe(true);
    expect(namesMatch(name([[CN, UTF8, 'MƏMMƏDOVA']]), name([[CN, UTF8, 'MAMMADOVA']]))).toBe(false);
  });

  it('needs the same RDNs in the same order, but not the same order inside an RDN', () => {
    const ordered = name([[C, PRINTABLE, 'AZ']], [[O, UTF8, 'TEST']]);
    expect(namesMatch(ordered, name([[O, UTF8, 'TEST']], [[C, PRINTABLE, 'AZ']]))).toBe(false);
    expect(namesMatch(ordered, name([[C, PRINTABLE, 'AZ']]))).toBe(false);
    const multi = name([[CN, UTF8, 'x'], [O, UTF8, 'y']]);
    expect(namesMatch(multi, name([[O, UTF8, 'Y'], [CN, UTF8, 'X']]))).toBe(true);
    expect(namesMatch(multi, name([[CN, UTF8, 'x']], [[O, UTF8, 'y']]))).toBe(false);
  });

  it('compares other string types byte for byte', () => {
    expect(namesMatch(name([[EMAIL, IA5, 'a@example.az']]), name([[EMAIL, IA5, 'a@example.az']]))).toBe(true);
    expect(namesMatch(name([[EMAIL, IA5, 'a@example.az']]), name([[EMAIL, IA5, 'A@example.az']]))).toBe(false);
  });

  it('directoryName subtrees are leading RDNs', () => {
    const base = name([[C, PRINTABLE, 'AZ']], [[O, UTF8, 'TEST']]);
    expect(nameWithinSubtree(name([[C, PRINTABLE, 'az']], [[O, UTF8, 'test']], [[CN, UTF8, 'x']]), base)).toBe(true);
    expect(nameWithinSubtree(name([[C, PRINTABLE, 'AZ']], [[CN, UTF8, 'x']]), base)).toBe(false);
    expect(nameWithinSubtree(name([[C, PRINTABLE, 'AZ']]), base)).toBe(false);
  });
});

describe('DistinguishedName reading and display', () => {
  const ca = new OpensslCa();
  afterAll(() => ca.dispose());

  it('shows RFC 4514 strings as openssl does, escapes included', () => {
    const issued = ca.issue('escapes', {
      subject: '/C=AZ/O=TEST, MMC/OU=TIN:1703177461/title=Hüquqi Təmsilçi/CN=#Əli\\+Vəli; <x>/serialNumber=PNOAZ-1A2B3C4',
      extensions: ['basicConstraints = critical, CA:FALSE'],
    });
    const expected = ca.run(['x509', '-in', issued.certFile, '-noout', '-subject', '-nameopt', 'RFC2253,-esc_msb']).toString().trim();
    expect(`subject=${issued.cert.subject.toString()}`).toBe(expected);
    expect(issued.cert.subject.toString()).toBe('serialNumber=PNOAZ-1A2B3C4,CN=\\#Əli\\+Vəli\\; \\<x\\>,title=Hüquqi Təmsilçi,OU=TIN:1703177461,O=TEST\\, MMC,C=AZ');
    expect(issued.cert.subject.first(ATTRIBUTE_OIDS.title)).toBe('Hüquqi Təmsilçi');
  });

  it('shows multi-valued RDNs with + and unknown types as dotted OIDs, non-strings as #hex', () => {
    const dn = DistinguishedName.fromDer(sequence(setOf(sequence(oid(CN), tlv(UTF8, utf8Bytes('a'))), sequence(oid('1.2.3.4'), tlv(0x02, Uint8Array.of(5))))));
    expect(dn.toString()).toMatch(/^(CN=a\+1\.2\.3\.4=#020105|1\.2\.3\.4=#020105\+CN=a)$/);
  });

  it('refuses malformed names', () => {
    expect(() => DistinguishedName.fromDer(sequence(setOf()))).toThrow(RangeError);
    expect(() => DistinguishedName.fromDer(sequence(setOf(sequence(oid(CN)))))).toThrow(RangeError);
    expect(() => DistinguishedName.fromDer(sequence(setOf(sequence(oid(CN), tlv(UTF8, Uint8Array.of(0xc3, 0x28))))))).toThrow(/UTF-8/);
    expect(() => DistinguishedName.fromDer(sequence(setOf(...Array.from({ length: 40 }, (_, i) => sequence(oid(CN), tlv(UTF8, utf8Bytes(`n${i}`)))))))).toThrow(/more than 32/);
  });
});
