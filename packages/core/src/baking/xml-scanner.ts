/**
 * A small, strict XML tokenizer: just enough XML to find, read, write and sanitize the badge
 * element of an SVG without a DOM (core runs where there is none). It never expands entities
 * and refuses documents that declare any (`<!DOCTYPE … [ … ]>`, `<!ENTITY`), which rules out
 * "billion laughs" and external-entity tricks by construction.
 */
import { ColError } from '../errors.js';

/**
 * One attribute of a start tag, with where it sits in the source.
 *
 * @example
 * ```ts
 * const attr: XmlAttribute = { name: 'href', raw: '#a', start: 4, end: 14 };
 * ```
 */
export interface XmlAttribute {
  name: string;
  /** Raw value between the quotes (still escaped). */
  raw: string;
  /** Source range of the attribute including the whitespace before it. */
  start: number;
  end: number;
}

/**
 * A token of XML source: text, CDATA, comment, processing instruction, DOCTYPE, start or end
 * tag, each with its source range (UTF-16 indices).
 *
 * @example
 * ```ts
 * const token: XmlToken | undefined = new XmlScanner('<svg/>').next(); // { kind: 'start', name: 'svg', … }
 * ```
 */
export type XmlToken =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'cdata'; start: number; end: number; content: string }
  | { kind: 'comment'; start: number; end: number }
  | { kind: 'pi'; start: number; end: number; target: string }
  | { kind: 'doctype'; start: number; end: number }
  | { kind: 'start'; start: number; end: number; name: string; attributes: XmlAttribute[]; selfClosing: boolean; attrsEnd: number }
  | { kind: 'end'; start: number; end: number; name: string };

function invalid(message: string, at: number): ColError {
  return new ColError('svg-invalid', `This SVG image is not well-formed XML: ${message}.`, { details: { offset: at } });
}

function entitiesForbidden(at: number): ColError {
  return new ColError(
    'svg-entities-forbidden',
    'This SVG image declares or uses custom XML entities, which are refused because they can be used to attack the reader.',
    { details: { offset: at } },
  );
}

const NAME_END = /[\s/>=]/;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r';
}

/**
 * Tokenize XML text. Positions are UTF-16 indices into the string. Throws `svg-invalid` for
 * malformed markup and `svg-entities-forbidden` for an internal DTD subset or `<!ENTITY`.
 *
 * @example
 * ```ts
 * import { XmlScanner } from '@citiesoflearning/core';
 * const scanner = new XmlScanner('<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>');
 * for (let t = scanner.next(); t; t = scanner.next()) console.log(t.kind); // start, start, end
 * ```
 */
export class XmlScanner {
  pos = 0;
  constructor(readonly text: string) {}

  private find(needle: string, from: number, what: string): number {
    const at = this.text.indexOf(needle, from);
    if (at < 0) throw invalid(`${what} is never closed`, from);
    return at;
  }

  private name(from: number): number {
    let i = from;
    const t = this.text;
    while (i < t.length && !NAME_END.test(t[i]!)) i++;
    if (i === from) throw invalid('a tag has no name', from);
    return i;
  }

  next(): XmlToken | undefined {
    const t = this.text;
    const start = this.pos;
    if (start >= t.length) return undefined;
    if (t[start] !== '<') {
      const lt = t.indexOf('<', start);
      this.pos = lt < 0 ? t.length : lt;
      return { kind: 'text', start, end: this.pos };
    }
    if (t.startsWith('<!--', start)) {
      this.pos = this.find('-->', start + 4, 'a comment') + 3;
      return { kind: 'comment', start, end: this.pos };
    }
    if (t.startsWith('<![CDATA[', start)) {
      const close = this.find(']]>', start + 9, 'a CDATA section');
      this.pos = close + 3;
      return { kind: 'cdata', start, end: this.pos, content: t.slice(start + 9, close) };
    }
    if (t.startsWith('<!', start)) {
      if (t.slice(start, start + 9).toUpperCase() === '<!DOCTYPE') return this.doctype(start);
      if (t.slice(start, start + 8).toUpperCase() === '<!ENTITY') throw entitiesForbidden(start);
      throw invalid('it contains an unknown <! declaration', start);
    }
    if (t.startsWith('<?', start)) {
      const close = this.find('?>', start + 2, 'a processing instruction');
      this.pos = close + 2;
      const target = t.slice(start + 2, close).split(/\s/, 1)[0] ?? '';
      return { kind: 'pi', start, end: this.pos, target };
    }
    if (t[start + 1] === '/') {
      const nameEnd = this.name(start + 2);
      let i = nameEnd;
      while (isSpace(t[i])) i++;
      if (t[i] !== '>') throw invalid('an end tag is malformed', start);
      this.pos = i + 1;
      return { kind: 'end', start, end: this.pos, name: t.slice(start + 2, nameEnd) };
    }
    return this.startTag(start);
  }

  /** A DOCTYPE is allowed only without an internal subset: no `[ … ]`, so no entity declarations. */
  private doctype(start: number): XmlToken {
    const t = this.text;
    let i = start + 9;
    while (i < t.length) {
      const c = t[i]!;
      if (c === '"' || c === "'") {
        i = this.find(c, i + 1, 'a quoted DOCTYPE identifier') + 1;
        continue;
      }
      if (c === '[') throw entitiesForbidden(start);
      if (c === '>') {
        this.pos = i + 1;
        return { kind: 'doctype', start, end: this.pos };
      }
      i++;
    }
    throw invalid('the DOCTYPE is never closed', start);
  }

  private startTag(start: number): XmlToken {
    const t = this.text;
    const nameEnd = this.name(start + 1);
    const name = t.slice(start + 1, nameEnd);
    const attributes: XmlAttribute[] = [];
    let i = nameEnd;
    for (;;) {
      const attrStart = i;
      while (isSpace(t[i])) i++;
      if (i >= t.length) throw invalid(`the <${name}> tag is never closed`, start);
      if (t[i] === '>' || t.startsWith('/>', i)) {
        const selfClosing = t[i] === '/';
        this.pos = i + (selfClosing ? 2 : 1);
        return { kind: 'start', start, end: this.pos, name, attributes, selfClosing, attrsEnd: attrStart };
      }
      if (i === attrStart) throw invalid(`attributes of <${name}> are not separated by spaces`, i);
      const attrNameEnd = this.name(i);
      const attrName = t.slice(i, attrNameEnd);
      i = attrNameEnd;
      while (isSpace(t[i])) i++;
      if (t[i] !== '=') throw invalid(`the attribute ${attrName} has no value`, i);
      i++;
      while (isSpace(t[i])) i++;
      const quote = t[i];
      if (quote !== '"' && quote !== "'") throw invalid(`the value of ${attrName} is not quoted`, i);
      const close = this.find(quote, i + 1, `the value of ${attrName}`);
      const raw = t.slice(i + 1, close);
      if (raw.includes('<')) throw invalid(`the value of ${attrName} contains "<"`, i);
      i = close + 1;
      attributes.push({ name: attrName, raw, start: attrStart, end: i });
    }
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Replace the five predefined entities and numeric character references. Any other named
 * entity is refused (`svg-entities-forbidden`): it could only mean something through a DTD,
 * and DTDs are never honoured.
 *
 * @example
 * ```ts
 * unescapeXml('&#106;avascript:&amp;'); // 'javascript:&'
 * ```
 */
export function unescapeXml(raw: string, at = 0): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#[xX][0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (_match, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) {
        throw invalid(`it contains an invalid character reference &${ref};`, at);
      }
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[ref];
    if (value === undefined) throw entitiesForbidden(at);
    return value;
  });
}

/** Escape text for a double-quoted attribute value. */
export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&${c === '&' ? 'amp' : c === '<' ? 'lt' : c === '>' ? 'gt' : c === '"' ? 'quot' : 'apos'};`);
}

/** Wrap text in CDATA, splitting it wherever it contains `]]>` (which would end the section early). */
export function cdata(text: string): string {
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

/**
 * Split a qualified name into prefix and local name.
 *
 * @example
 * ```ts
 * splitName('xlink:href'); // ['xlink', 'href']
 * ```
 */
export function splitName(name: string): [prefix: string, local: string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

/**
 * Tracks namespace bindings through nested elements. One stack of URIs per prefix makes
 * resolving O(1) and opening/closing O(declarations), so deeply nested hostile input stays
 * linear (walking a scope chain per element would be quadratic).
 *
 * @example
 * ```ts
 * const scope = new NamespaceScope();
 * scope.open(startTag); // the element's namespace, e.g. 'http://www.w3.org/2000/svg'
 * ```
 */
export class NamespaceScope {
  private readonly bound = new Map<string, string[]>();
  private readonly open_: Array<{ name: string; declared: string[] }> = [];

  /** Resolve a prefix ('' = default namespace) in the current scope. */
  resolve(prefix: string): string | undefined {
    const uris = this.bound.get(prefix);
    if (uris && uris.length > 0) return uris[uris.length - 1];
    return prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : undefined;
  }

  /** Enter an element; returns the namespace of the element itself. */
  open(token: Extract<XmlToken, { kind: 'start' }>): string | undefined {
    const declared: string[] = [];
    for (const a of token.attributes) {
      const prefix = a.name === 'xmlns' ? '' : a.name.startsWith('xmlns:') ? a.name.slice(6) : undefined;
      if (prefix === undefined) continue;
      let uris = this.bound.get(prefix);
      if (!uris) this.bound.set(prefix, (uris = []));
      uris.push(unescapeXml(a.raw, a.start));
      declared.push(prefix);
    }
    this.open_.push({ name: token.name, declared });
    const ns = this.resolve(splitName(token.name)[0]);
    if (token.selfClosing) this.leave();
    return ns;
  }

  /** Leave an element; its end tag must match the innermost open element. */
  close(token: Extract<XmlToken, { kind: 'end' }>): void {
    const top = this.open_[this.open_.length - 1];
    if (!top || top.name !== token.name) throw invalid(`the end tag </${token.name}> does not match its start tag`, token.start);
    this.leave();
  }

  private leave(): void {
    const top = this.open_.pop();
    for (const prefix of top?.declared ?? []) this.bound.get(prefix)!.pop();
  }

  get depth(): number {
    return this.open_.length;
  }
}
