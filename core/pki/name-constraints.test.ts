import { describe, expect, it } from 'vitest';
import { latin1Bytes, utf8Bytes } from '../encoding/bytes.js';
import { oid, sequence, setOf, tlv } from '../encoding/der-writer.js';
import { readWholeTlv } from '../crypto/der-primitives.js';
import type { GeneralName } from './general-name.js';
import { DistinguishedName } from './name.js';
import {
  checkNameConstraints, constrainedNamesOf, NameConstraintBudget, readNameConstraints, type NameConstraints,
} from './name-constraints.js';

type Subtree = { tag: number; content: Uint8Array };
const dns = (v: string): Subtree => ({ tag: 0x82, content: latin1Bytes(v) });
const email = (v: string): Subtree => ({ tag: 0x81, content: latin1Bytes(v) });
const uri = (v: string): Subtree => ({ tag: 0x86, content: latin1Bytes(v) });
const ip = (...octets: number[]): Subtree => ({ tag: 0x87, content: Uint8Array.from(octets) });
const dirName = (der: Uint8Array): Subtree => ({ tag: 0xa4, content: der });
const otherName = (typeId: string): Subtree => ({ tag: 0xa0, content: Uint8Array.from([...oid(typeId), ...tlv(0xa0, tlv(0x0c, utf8Bytes('x')))]) });

function nameDer(...pairs: [string, string][]): Uint8Array {
  return sequence(...pairs.map(([type, value]) => setOf(sequence(oid(type), tlv(0x0c, utf8Bytes(value))))));
}

/** NameConstraints DER from permitted / excluded subtrees, read back with imzala's reader. */
function constraints(permitted: Subtree[], excluded: Subtree[] = []): NameConstraints {
  const subtrees = (list: Subtree[]) => list.map((s) => sequence(tlv(s.tag, s.content)));
  const der = sequence(...(permitted.length ? [tlv(0xa0, ...subtrees(permitted))] : []), ...(excluded.length ? [tlv(0xa1, ...subtrees(excluded))] : []));
  return readNameConstraints(der, readWholeTlv(der));
}

function check(names: GeneralName[], nc: NameConstraints) {
  return checkNameConstraints(names, nc, new NameConstraintBudget(1 << 18));
}

const D = (v: string): GeneralName => ({ type: 'dNSName', value: v });
const E = (v: string): GeneralName => ({ type: 'rfc822Name', value: v });
const I = (...o: number[]): GeneralName => ({ type: 'iPAddress', bytes: Uint8Array.from(o) });

describe('name constraints by form', () => {
  it('dNSName: the constraint plus labels added on the left, case-insensitively', () => {
    const nc = constraints([dns('example.az')]);
    expect(check([D('example.az')], nc)).toBeNull();
    expect(check([D('WWW.Mail.Example.AZ')], nc)).toBeNull();
    expect(check([D('notexample.az')], nc)).toMatchObject({ name: 'DNS:notexample.az' });
    expect(check([D('example.az.evil')], nc)).not.toBeNull();
  });

  it('dNSName wildcards: permitted only when every instance is, excluded when any instance could be', () => {
    expect(check([D('*.example.az')], constraints([dns('example.az')]))).toBeNull();
    expect(check([D('*.example.az')], constraints([dns('a.example.az')]))).not.toBeNull();
    expect(check([D('*.example.az')], constraints([], [dns('bank.example.az')]))).toMatchObject({ reason: expect.stringContaining('excluded') });
    expect(check([D('*.example.az')], constraints([], [dns('x.y.example.az')]))).toBeNull();
  });

  it('rfc822Name: one mailbox, all mailboxes on a host, or on subdomains; asterisks are literal', () => {
    expect(check([E('aysel@example.az')], constraints([email('aysel@example.az')]))).toBeNull();
    expect(check([E('Aysel@example.az')], constraints([email('aysel@example.az')]))).not.toBeNull();
    expect(check([E('aysel@EXAMPLE.az')], constraints([email('example.az')]))).toBeNull();
    expect(check([E('aysel@mail.example.az')], constraints([email('example.az')]))).not.toBeNull();
    expect(check([E('aysel@mail.example.az')], constraints([email('.example.az')]))).toBeNull();
    expect(check([E('aysel@example.az')], constraints([email('.example.az')]))).not.toBeNull();
    expect(check([E('user@example.az')], constraints([email('*@example.az')]))).not.toBeNull();
    expect(check([E('bad@@example.az')], constraints([email('example.az')]))).toMatchObject({ reason: 'not a valid rfc822Name' });
  });

  it('iPAddress: address and mask, IPv4 and IPv6 never mixed; broken addresses refused', () => {
    const v4 = constraints([ip(192, 0, 2, 0, 255, 255, 255, 0)]);
    expect(check([I(192, 0, 2, 77)], v4)).toBeNull();
    expect(check([I(192, 0, 3, 1)], v4)).not.toBeNull();
    expect(check([I(...new Array(16).fill(0))], v4)).not.toBeNull();
    expect(check([I(192, 0, 2, 0, 255, 255, 255, 0)], v4)).toMatchObject({ reason: 'not a valid iPAddress' });
  });

  it('uniformResourceIdentifier: the host part, exact or under a .domain', () => {
    expect(check([{ type: 'uniformResourceIdentifier', value: 'https://imza.example.az/x' }], constraints([uri('.example.az')]))).toBeNull();
    expect(check([{ type: 'uniformResourceIdentifier', value: 'https://example.az/x' }], constraints([uri('example.az')]))).toBeNull();
    expect(check([{ type: 'uniformResourceIdentifier', value: 'urn:uuid:1234' }], constraints([uri('example.az')]))).not.toBeNull();
  });

  it('directoryName applies to the subject; emailAddress attributes count as e-mail names', () => {
    const nc = constraints([dirName(nameDer(['2.5.4.6', 'AZ'], ['2.5.4.10', 'TEST']))]);
    const inside = DistinguishedName.fromDer(nameDer(['2.5.4.6', 'az'], ['2.5.4.10', 'test'], ['2.5.4.3', 'x']));
    const outside = DistinguishedName.fromDer(nameDer(['2.5.4.6', 'AZ'], ['2.5.4.10', 'OTHER']));
    expect(check(constrainedNamesOf(inside, [], []), nc)).toBeNull();
    expect(check(constrainedNamesOf(outside, [], []), nc)).not.toBeNull();
    const mailNc = constraints([email('example.az')]);
    expect(check(constrainedNamesOf(inside, ['someone@elsewhere.test'], []), mailNc)).toMatchObject({ name: 'email:someone@elsewhere.test' });
  });

  it('a constraint on a form imzala cannot evaluate refuses names of that form, and only those', () => {
    const nc = constraints([], [otherName('1.3.6.1.4.1.311.20.2.3')]);
    const upn: GeneralName = { type: 'otherName', typeId: '1.3.6.1.4.1.311.20.2.3', der: new Uint8Array(0) };
    expect(check([upn], nc)).toMatchObject({ reason: expect.stringContaining('cannot evaluate') });
    expect(check([D('example.az')], nc)).toBeNull();
  });

  it('stops when the comparison budget runs out', () => {
    const nc = constraints(Array.from({ length: 100 }, (_, i) => dns(`h${i}.example.az`)));
    const names = Array.from({ length: 100 }, (_, i) => D(`h${i}.example.az`));
    expect(checkNameConstraints(names, nc, new NameConstraintBudget(9_999))).toBe('budget');
    expect(checkNameConstraints(names, nc, new NameConstraintBudget(10_000))).toBeNull();
  });
});

describe('malformed name constraints are refused when read', () => {
  it.each([
    ['a wildcard DNS constraint', [dns('*.example.az')]],
    ['a DNS constraint with a leading period', [dns('.example.az')]],
    ['an IPv4 constraint without a mask', [ip(192, 0, 2, 1)]],
    ['an IP mask that is not a prefix', [ip(192, 0, 2, 0, 255, 0, 255, 0)]],
    ['an e-mail constraint with two @', [email('a@b@example.az')]],
  ])('%s', (_label, permitted) => {
    expect(() => constraints(permitted)).toThrow(RangeError);
  });

  it('no subtrees at all, or empty ones', () => {
    const empty = sequence();
    expect(() => readNameConstraints(empty, readWholeTlv(empty))).toThrow(/neither/);
    const emptyPermitted = sequence(tlv(0xa0));
    expect(() => readNameConstraints(emptyPermitted, readWholeTlv(emptyPermitted))).toThrow(/empty/);
  });
});
