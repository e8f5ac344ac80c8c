/**
 * Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)-(c), §6.1.4 (g)).
 *
 * Forms checked: directoryName (against the subject and SAN directoryNames), rfc822Name (against SAN e-mail
 * names and the legacy emailAddress attribute of the subject), dNSName, iPAddress and uniformResourceIdentifier
 * (host part). For any other form (otherName, x400Address, ediPartyName, registeredID), a constraint that
 * applies to a name the certificate carries cannot be evaluated, so the certificate is refused (fail closed).
 *
 * A constraint value that breaks its form's syntax (a DNS constraint with a wildcard or a leading period, an
 * IP constraint whose mask is not a prefix, an e-mail constraint with two `@`) makes the extension malformed.
 * A name that breaks its form's syntax is never "inside" a subtree and always possibly inside an excluded
 * one, so constraints of its form refuse it.
 */
import type { Tlv } from '../encoding/der-reader.js';
import { childrenWithTag, readSmallInteger } from './der-values.js';
import { readGeneralName, generalNameToString, type GeneralName, type GeneralNameType } from './general-name.js';
import { nameWithinSubtree, type DistinguishedName } from './name.js';
import { TAG } from '../encoding/der-reader.js';

export interface NameConstraints {
  /** Absent when the extension has no permittedSubtrees. */
  permitted?: GeneralName[];
  /** Absent when the extension has no excludedSubtrees. */
  excluded?: GeneralName[];
}

/** Most subtrees one extension may hold. */
export const MAX_SUBTREES = 8192;

/**
 * NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL, excludedSubtrees [1] GeneralSubtrees OPTIONAL }
 * GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] BaseDistance DEFAULT 0, maximum [1] BaseDistance OPTIONAL }
 * RFC 5280: minimum MUST be zero and maximum MUST be absent; both subtrees absent (or empty) is not allowed.
 * @throws RangeError when malformed.
 */
export function readNameConstraints(bytes: Uint8Array, tlv: Tlv): NameConstraints {
  const out: NameConstraints = {};
  let last = -1;
  for (const field of childrenWithTag(bytes, tlv, TAG.SEQUENCE, 'NameConstraints', 2)) {
    const number = field.tag - 0xa0;
    if (number < 0 || number > 1 || number <= last) throw new RangeError('unexpected NameConstraints field');
    last = number;
    const subtrees = childrenWithTag(bytes, field, field.tag, 'GeneralSubtrees', MAX_SUBTREES).map((subtree) => {
      const [baseTlv, ...rest] = childrenWithTag(bytes, subtree, TAG.SEQUENCE, 'GeneralSubtree', 3);
      if (!baseTlv) throw new RangeError('GeneralSubtree without a base');
      for (const extra of rest) {
        if (extra.tag === 0x80 && readSmallInteger(bytes, extra, 'minimum', 0x80) === 0) continue;
        throw new RangeError('GeneralSubtree minimum/maximum other than the RFC 5280 defaults');
      }
      const base = readGeneralName(bytes, baseTlv);
      const problem = constraintSyntaxProblem(base);
      if (problem) throw new RangeError(`invalid ${base.type} constraint "${generalNameToString(base)}": ${problem}`);
      return base;
    });
    if (subtrees.length === 0) throw new RangeError('empty GeneralSubtrees');
    if (number === 0) out.permitted = subtrees;
    else out.excluded = subtrees;
  }
  if (!out.permitted && !out.excluded) throw new RangeError('NameConstraints holds neither permitted nor excluded subtrees');
  return out;
}

// ---- syntax --------------------------------------------------------------------------------------------

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A host name in preferred name syntax (RFC 1034 §3.5 as relaxed by RFC 1123 §2.1), lower-cased by the caller. */
function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  return host.split('.').every((label) => LABEL.test(label));
}

/** A dNSName as a certificate may present it: a host name, or `*.` followed by one. */
function isPresentedDnsName(name: string): boolean {
  return name.startsWith('*.') ? isHostName(name.slice(2)) : isHostName(name);
}

/** local@host with exactly one `@`, a non-empty local part and a valid host. */
function splitMailbox(address: string): { local: string; host: string } | null {
  const at = address.indexOf('@');
  if (at <= 0 || address.indexOf('@', at + 1) >= 0) return null;
  const local = address.slice(0, at);
  const host = address.slice(at + 1).toLowerCase();
  if (!isHostName(host) || /[\s\u0000-\u001f\u007f]/.test(local)) return null;
  return { local, host };
}

function ipMaskIsPrefix(mask: Uint8Array): boolean {
  let zeroSeen = false;
  for (const byte of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      const one = (byte >> bit) & 1;
      if (one && zeroSeen) return false;
      if (!one) zeroSeen = true;
    }
  }
  return true;
}

/** Why a constraint base is not valid for its form, or null. Forms imzala does not evaluate are left alone here. */
function constraintSyntaxProblem(base: GeneralName): string | null {
  switch (base.type) {
    case 'dNSName': {
      // The empty string constrains nothing out (matches every name); otherwise a plain host name.
      if (base.value === '') return null;
      return isHostName(base.value.toLowerCase()) ? null : 'not a host name (wildcards and a leading period are not allowed)';
    }
    case 'rfc822Name': {
      const value = base.value;
      if (value.includes('@')) return splitMailbox(value) ? null : 'not a mailbox';
      const host = value.startsWith('.') ? value.slice(1) : value;
      return isHostName(host.toLowerCase()) ? null : 'not a host or domain';
    }
    case 'iPAddress': {
      if (base.bytes.length !== 8 && base.bytes.length !== 32) return 'an address and mask of 8 or 32 octets are required';
      return ipMaskIsPrefix(base.bytes.subarray(base.bytes.length / 2)) ? null : 'the mask is not a CIDR prefix';
    }
    case 'uniformResourceIdentifier': {
      const host = base.value.startsWith('.') ? base.value.slice(1) : base.value;
      return isHostName(host.toLowerCase()) ? null : 'not a host or domain';
    }
    default:
      return null;
  }
}

// ---- matching ------------------------------------------------------------------------------------------

/** dNSName `name` lies within DNS subtree `constraint` (adding labels on the left only). */
function dnsWithin(name: string, constraint: string): boolean {
  if (constraint === '') return true;
  return name === constraint || name.endsWith(`.${constraint}`);
}

/**
 * Can the presented DNS name (maybe a wildcard) stand for a name inside `constraint`? For a wildcard `*.d` the
 * answer is yes when d is inside the constraint, or when the constraint names one host directly under d: that is
 * how a permitted-looking wildcard slips an excluded host through (CVE-2025-61727).
 */
function dnsMayMatch(name: string, constraint: string): boolean {
  if (!name.startsWith('*.')) return dnsWithin(name, constraint);
  const domain = name.slice(2);
  if (dnsWithin(domain, constraint)) return true;
  const dot = constraint.indexOf('.');
  return dot > 0 && constraint.slice(dot + 1) === domain;
}

/** Every name a wildcard `*.d` can stand for lies inside `constraint`. */
function dnsAllWithin(name: string, constraint: string): boolean {
  if (!name.startsWith('*.')) return dnsWithin(name, constraint);
  return dnsWithin(name.slice(2), constraint);
}

function emailWithin(address: { local: string; host: string }, constraint: string): boolean {
  if (constraint.includes('@')) {
    const c = splitMailbox(constraint)!;
    // RFC 5280 §4.2.1.10: a mailbox constraint names one mailbox; the local part compares exactly, '*' is literal.
    return c.local === address.local && c.host === address.host;
  }
  const host = constraint.toLowerCase();
  if (host.startsWith('.')) return address.host.endsWith(host);
  return address.host === host;
}

function uriHost(uri: string): string | null {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/.exec(uri);
  if (!m || !m[1]) return null;
  const host = m[1].toLowerCase();
  return isHostName(host) ? host : null;
}

function uriHostWithin(host: string, constraint: string): boolean {
  const c = constraint.toLowerCase();
  if (c.startsWith('.')) return host.endsWith(c);
  return host === c;
}

function ipWithin(address: Uint8Array, constraint: Uint8Array): boolean {
  if (constraint.length !== address.length * 2) return false;
  const mask = constraint.subarray(address.length);
  for (let i = 0; i < address.length; i++) {
    if ((address[i]! & mask[i]!) !== (constraint[i]! & mask[i]!)) return false;
  }
  return true;
}

type Verdict = 'inside' | 'outside' | 'unknown';

/**
 * Where `name` stands against one subtree of the same form. `mode` picks the reading for wildcard DNS names:
 * 'all' (every name the wildcard stands for is inside: needed for permitted) or 'any' (some may be: enough for
 * excluded). Names with broken syntax are 'unknown'.
 */
function placeName(name: GeneralName, subtree: GeneralName, mode: 'all' | 'any'): Verdict {
  if (name.type === 'directoryName' && subtree.type === 'directoryName') {
    return nameWithinSubtree(name.value, subtree.value) ? 'inside' : 'outside';
  }
  if (name.type === 'dNSName' && subtree.type === 'dNSName') {
    const n = name.value.toLowerCase();
    if (!isPresentedDnsName(n)) return 'unknown';
    const c = subtree.value.toLowerCase();
    return (mode === 'all' ? dnsAllWithin(n, c) : dnsMayMatch(n, c)) ? 'inside' : 'outside';
  }
  if (name.type === 'rfc822Name' && subtree.type === 'rfc822Name') {
    const mailbox = splitMailbox(name.value);
    if (!mailbox) return 'unknown';
    return emailWithin(mailbox, subtree.value) ? 'inside' : 'outside';
  }
  if (name.type === 'iPAddress' && subtree.type === 'iPAddress') {
    if (name.bytes.length !== 4 && name.bytes.length !== 16) return 'unknown';
    return ipWithin(name.bytes, subtree.bytes) ? 'inside' : 'outside';
  }
  if (name.type === 'uniformResourceIdentifier' && subtree.type === 'uniformResourceIdentifier') {
    const host = uriHost(name.value);
    if (!host) return 'unknown';
    return uriHostWithin(host, subtree.value) ? 'inside' : 'outside';
  }
  return 'unknown';
}

const EVALUATED_FORMS: ReadonlySet<GeneralNameType> = new Set(['directoryName', 'rfc822Name', 'dNSName', 'iPAddress', 'uniformResourceIdentifier']);

export interface NameConstraintViolation {
  /** The name that broke the constraint. */
  name: string;
  /** What went wrong, for people. */
  reason: string;
}

/** Counts comparisons across one path so a hostile path cannot make name checking quadratic without end. */
export class NameConstraintBudget {
  private used = 0;
  constructor(readonly limit: number) {}
  spend(count: number): boolean {
    this.used += count;
    return this.used <= this.limit;
  }
}

/** Comparisons allowed per path: generous for real CAs (a few dozen subtrees and names), small for a DoS. */
export const DEFAULT_NAME_CONSTRAINT_BUDGET = 1 << 18;

/**
 * The names of a certificate that constraints apply to: the subject (when not empty) as a directoryName, each
 * emailAddress attribute of the subject as an rfc822Name, and every subjectAltName entry.
 */
export function constrainedNamesOf(subject: DistinguishedName, emailAttributes: readonly string[], subjectAltNames: readonly GeneralName[]): GeneralName[] {
  const names: GeneralName[] = [];
  if (!subject.isEmpty) names.push({ type: 'directoryName', value: subject });
  for (const email of emailAttributes) names.push({ type: 'rfc822Name', value: email });
  names.push(...subjectAltNames);
  return names;
}

/**
 * Checks `names` against one certificate's NameConstraints.
 * @returns null when they satisfy it; a violation otherwise; 'budget' when the work bound ran out.
 */
export function checkNameConstraints(names: readonly GeneralName[], constraints: NameConstraints, budget: NameConstraintBudget): NameConstraintViolation | 'budget' | null {
  const permitted = constraints.permitted ?? [];
  const excluded = constraints.excluded ?? [];
  if (!budget.spend(names.length * (permitted.length + excluded.length))) return 'budget';
  for (const name of names) {
    const label = generalNameToString(name);
    const permittedOfForm = permitted.filter((s) => s.type === name.type);
    const excludedOfForm = excluded.filter((s) => s.type === name.type);
    if (permittedOfForm.length === 0 && excludedOfForm.length === 0) continue;
    if (!EVALUATED_FORMS.has(name.type)) {
      return { name: label, reason: `a constraint on ${name.type} names applies and imzala cannot evaluate that form` };
    }
    for (const subtree of excludedOfForm) {
      const verdict = placeName(name, subtree, 'any');
      if (verdict !== 'outside') {
        return { name: label, reason: verdict === 'inside' ? `inside excluded subtree ${generalNameToString(subtree)}` : `not a valid ${name.type}` };
      }
    }
    if (permittedOfForm.length) {
      const verdicts = permittedOfForm.map((subtree) => placeName(name, subtree, 'all'));
      if (!verdicts.includes('inside')) {
        return { name: label, reason: verdicts.includes('unknown') ? `not a valid ${name.type}` : 'outside every permitted subtree of its form' };
      }
    }
  }
  return null;
}
