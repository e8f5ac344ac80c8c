/**
 * A small, bounded, namespace-aware XML reader for ASiC manifests (no DOMParser in Node, and core must not
 * depend on one). It reads elements, attributes, text and the five predefined entities plus character
 * references. A DOCTYPE is refused outright: entity definitions are how XML expands a few bytes into gigabytes
 * ("billion laughs") or reads local files, and no manifest needs one.
 */
import { ImzalaError } from '../errors.js';

export interface XmlElement {
  /** Namespace URI the element's prefix (or the default namespace) is bound to; null when none. */
  namespace: string | null;
  localName: string;
  /** Attributes by their name as written (ASiC's are unprefixed); namespace declarations left out. */
  attributes: ReadonlyMap<string, string>;
  children: XmlElement[];
  /** The element's own text (character data directly inside it), entities decoded. */
  text: string;
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
}

const DEFAULT_LIMITS: XmlLimits = { maxDepth: 32, maxElements: 10_000 };
const NAME = /[A-Za-z_][A-Za-z0-9._\-]*(?::[A-Za-z_][A-Za-z0-9._\-]*)?/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function malformed(reason: string, at?: number): never {
  throw new ImzalaError('ASIC_MANIFEST_MALFORMED', 'the manifest is not well-formed XML', { reason: at === undefined ? reason : `${reason} at ${at}` });
}

function decodeEntities(raw: string, at: number): string {
  if (raw.includes('<')) malformed('"<" in text or attribute', at);
  return raw.replace(/&([^;]{0,10});|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) malformed('bare "&"', at);
    if (ref.startsWith('#x')) return codePoint(parseInt(ref.slice(2), 16), at);
    if (ref.startsWith('#')) return codePoint(parseInt(ref.slice(1), 10), at);
    const value = ENTITIES[ref];
    if (value === undefined) malformed(`unknown entity &${ref};`, at);
    return value;
  });
}

function codePoint(n: number, at: number): string {
  if (!Number.isInteger(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) malformed('bad character reference', at);
  return String.fromCodePoint(n);
}

interface OpenElement {
  qname: string;
  element: XmlElement;
  scope: Map<string, string | null>;
}

/**
 * Parses one XML document into its root element.
 * @throws ImzalaError ASIC_MANIFEST_MALFORMED (with the reason) for anything not well-formed, a DOCTYPE,
 * unbound prefixes or input beyond the limits.
 */
export function parseXml(text: string, limits: XmlLimits = DEFAULT_LIMITS): XmlElement {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: OpenElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;

  const skipSpace = () => {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
  };
  const readName = (): string => {
    NAME.lastIndex = at;
    const m = NAME.exec(text);
    if (!m) malformed('expected a name', at);
    at = NAME.lastIndex;
    return m[0];
  };
  const resolve = (qname: string, scope: Map<string, string | null>, isAttribute: boolean): { namespace: string | null; localName: string } => {
    const colon = qname.indexOf(':');
    if (colon < 0) return { namespace: isAttribute ? null : (scope.get('') ?? null), localName: qname };
    const prefix = qname.slice(0, colon);
    if (prefix === 'xml') return { namespace: 'http://www.w3.org/XML/1998/namespace', localName: qname.slice(colon + 1) };
    const ns = scope.get(prefix);
    if (ns === undefined || ns === null) malformed(`unbound prefix ${prefix}`, at);
    return { namespace: ns, localName: qname.slice(colon + 1) };
  };

  while (at < text.length) {
    const lt = text.indexOf('<', at);
    const chunk = text.slice(at, lt < 0 ? text.length : lt);
    if (stack.length > 0) stack[stack.length - 1]!.element.text += decodeEntities(chunk, at);
    else if (chunk.trim() !== '') malformed('text outside the root element', at);
    if (lt < 0) break;
    at = lt;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) malformed('unterminated comment', at);
      at = end + 3;
    } else if (text.startsWith('<![CDATA[', at)) {
      if (stack.length === 0) malformed('CDATA outside the root element', at);
      const end = text.indexOf(']]>', at + 9);
      if (end < 0) malformed('unterminated CDATA', at);
      stack[stack.length - 1]!.element.text += text.slice(at + 9, end);
      at = end + 3;
    } else if (text.startsWith('<!', at)) {
      malformed('DOCTYPE and declarations are not accepted', at);
    } else if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at + 2);
      if (end < 0) malformed('unterminated processing instruction', at);
      at = end + 2;
    } else if (text.startsWith('</', at)) {
      at += 2;
      const qname = readName();
      skipSpace();
      if (text[at] !== '>') malformed('expected ">"', at);
      at++;
      const open = stack.pop();
      if (!open || open.qname !== qname) malformed(`unexpected </${qname}>`, at);
    } else {
      at++;
      const qname = readName();
      const raw = new Map<string, string>();
      for (;;) {
        const before = at;
        skipSpace();
        if (text.startsWith('/>', at) || text[at] === '>') break;
        if (at === before) malformed('expected space before an attribute', at);
        const name = readName();
        skipSpace();
        if (text[at] !== '=') malformed('expected "="', at);
        at++;
        skipSpace();
        const quote = text[at];
        if (quote !== '"' && quote !== "'") malformed('expected a quoted value', at);
        const end = text.indexOf(quote, at + 1);
        if (end < 0) malformed('unterminated attribute value', at);
        if (raw.has(name)) malformed(`duplicate attribute ${name}`, at);
        raw.set(name, decodeEntities(text.slice(at + 1, end), at));
        at = end + 1;
      }
      const selfClosing = text.startsWith('/>', at);
      at += selfClosing ? 2 : 1;
      if (++count > limits.maxElements) malformed('too many elements');
      if (stack.length >= limits.maxDepth) malformed('nested too deeply');
      if (root !== null && stack.length === 0) malformed('more than one root element', at);

      const scope = new Map(stack.length > 0 ? stack[stack.length - 1]!.scope : []);
      const attributes = new Map<string, string>();
      for (const [name, value] of raw) {
        if (name === 'xmlns') scope.set('', value === '' ? null : value);
        else if (name.startsWith('xmlns:')) {
          if (value === '') malformed('empty namespace for a prefix', at);
          scope.set(name.slice(6), value);
        } else attributes.set(name, value);
      }
      for (const name of attributes.keys()) resolve(name, scope, true);
      const { namespace, localName } = resolve(qname, scope, false);
      const element: XmlElement = { namespace, localName, attributes, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1]!.element.children.push(element);
      else root = element;
      if (!selfClosing) stack.push({ qname, element, scope });
    }
  }
  if (stack.length > 0) malformed(`unclosed <${stack[stack.length - 1]!.qname}>`);
  if (root === null) malformed('no root element');
  return root;
}
