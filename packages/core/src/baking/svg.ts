/**
 * Open Badges baking in SVG: the `<openbadges:assertion>` (OB 2.0) or `<openbadges:credential>`
 * (OB 3.0) element, read and written with a small XML scanner, and sanitizing of the SVG on
 * bake (SVG badges are an XSS vector when a site shows them inline or opens them directly).
 */
import { ColError, isColError } from '../errors.js';
import type { PreparedCredential } from './credential.js';
import { checkSize } from './limits.js';
import { isBareUrl, utf8, utf8Loose, utf8Strict } from './text.js';
import type { BakedBadge } from './types.js';
import { NamespaceScope, XmlScanner, cdata, escapeAttribute, splitName, unescapeXml, type XmlToken } from './xml-scanner.js';

/**
 * Namespace of the OB 2.0 `<openbadges:assertion>` element (http, not https, per the spec).
 *
 * @example
 * ```ts
 * import { SVG_NAMESPACE_OB2 } from '@citiesoflearning/core';
 * `<svg xmlns:openbadges="${SVG_NAMESPACE_OB2}">`; // xmlns:openbadges="http://openbadges.org"
 * ```
 */
export const SVG_NAMESPACE_OB2 = 'http://openbadges.org';
/**
 * Namespace of the OB 3.0 `<openbadges:credential>` element.
 *
 * @example
 * ```ts
 * import { SVG_NAMESPACE_OB3 } from '@citiesoflearning/core';
 * `<svg xmlns:openbadges="${SVG_NAMESPACE_OB3}">`; // xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"
 * ```
 */
export const SVG_NAMESPACE_OB3 = 'https://purl.imsglobal.org/ob/v3p0';
const XHTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

type StartTag = Extract<XmlToken, { kind: 'start' }>;

/**
 * Which badge version an element is, if it is a badge element: `assertion` in the OB 2.0
 * namespace or `credential` in the OB 3.0 namespace, under any prefix. Two lenient readings of
 * real-world files: an `openbadges:` prefix nobody declared, and `https://openbadges.org`.
 */
function badgeVersion(token: StartTag, ns: string | undefined): 0 | 2 | 3 {
  const [prefix, local] = splitName(token.name);
  const guess = ns === undefined && prefix === 'openbadges';
  if (local === 'assertion' && (guess || ns === SVG_NAMESPACE_OB2 || ns === 'https://openbadges.org')) return 2;
  if (local === 'credential' && (guess || ns === SVG_NAMESPACE_OB3)) return 3;
  return 0;
}

/** Decode SVG bytes as UTF-8 (a BOM is dropped). */
function decodeSvg(svg: Uint8Array): string {
  const text = utf8Strict(svg, 'svg-invalid', 'SVG image');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Position the scanner past the prolog and return the root start tag (or throw `svg-invalid`). */
function rootElement(scanner: XmlScanner): StartTag {
  for (;;) {
    const token = scanner.next();
    if (!token) break;
    if (token.kind === 'start') {
      if (splitName(token.name)[1] !== 'svg') break;
      return token;
    }
    if (token.kind === 'text' && scanner.text.slice(token.start, token.end).trim() !== '') break;
    if (token.kind === 'end' || token.kind === 'cdata') break;
  }
  throw new ColError('svg-invalid', 'This is not an SVG image: its root element is not <svg>.');
}

/**
 * Whether `bytes` are text whose root element is `<svg>` (looked for in the first MiB, after
 * any XML declaration, comments and DOCTYPE).
 *
 * @example
 * ```ts
 * import { isSvg } from '@citiesoflearning/core';
 * isSvg(new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')); // true
 * ```
 */
export function isSvg(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09) i++;
  if (bytes[i] !== 0x3c) return false; // '<': cheap rejection of binary files
  try {
    rootElement(new XmlScanner(utf8Loose(bytes.subarray(i, i + 1024 * 1024))));
    return true;
  } catch (error) {
    // The scanner's ColErrors mean "not recognisably SVG", which is the answer asked for;
    // anything else is a bug, not an answer.
    if (!isColError(error)) throw error;
    return false;
  }
}

/** Read the content of a badge element: CDATA sections and (unescaped) text; markup inside is refused. */
function readBody(scanner: XmlScanner, open: StartTag): string {
  if (open.selfClosing) return '';
  let body = '';
  for (;;) {
    const token = scanner.next();
    if (!token) throw new ColError('svg-invalid', `This SVG image is not well-formed XML: <${open.name}> is never closed.`);
    if (token.kind === 'end') {
      if (token.name !== open.name) throw new ColError('svg-invalid', 'This SVG image is not well-formed XML: the badge element is not closed properly.');
      return body;
    }
    if (token.kind === 'cdata') body += token.content;
    else if (token.kind === 'text') body += unescapeXml(scanner.text.slice(token.start, token.end), token.start);
    else if (token.kind !== 'comment' && token.kind !== 'pi') {
      throw new ColError('svg-invalid', 'The badge element in this SVG image contains markup instead of a credential.');
    }
  }
}

/** After the root element only comments, processing instructions and blank text may follow. */
function checkEpilog(scanner: XmlScanner): void {
  for (let token = scanner.next(); token; token = scanner.next()) {
    if (token.kind === 'comment' || token.kind === 'pi') continue;
    if (token.kind === 'text' && scanner.text.slice(token.start, token.end).trim() === '') continue;
    throw new ColError('svg-invalid', 'This SVG image is not well-formed XML: there is content after </svg>.');
  }
}

/**
 * Options for reading, sanitizing or baking SVG.
 *
 * @example
 * ```ts
 * import { sanitizeSvg, type SvgOptions } from '@citiesoflearning/core';
 * const options: SvgOptions = { maxBytes: 1_000_000 };
 * sanitizeSvg(bytes, options);
 * ```
 */
export interface SvgOptions {
  /** Refuse larger input with `input-too-large` (default 50 MiB). */
  maxBytes?: number;
}

/**
 * Find the badge baked into an SVG: `<openbadges:assertion>` (OB 2.0, namespace
 * `http://openbadges.org`) or `<openbadges:credential>` (OB 3.0, namespace
 * `https://purl.imsglobal.org/ob/v3p0`), under any prefix bound to that namespace, anywhere in
 * the document. The text is the element's content (CDATA or escaped text, trimmed) when there
 * is any, else its `verify` attribute (a compact JWS, or a legacy hosted URL).
 *
 * @throws ColError `input-too-large`, `svg-invalid` (not UTF-8, not well-formed, root is not
 *   `<svg>`), `svg-entities-forbidden` (an internal DTD subset or a custom entity),
 *   `badge-duplicate`, `badge-empty`.
 * @example
 * ```ts
 * import { unbakeSvg } from '@citiesoflearning/core';
 * const badge = unbakeSvg(svgBytes); // { image: 'svg', version: 3, text: '{"@context":…}', legacyUrl: false }
 * ```
 */
export function unbakeSvg(svg: Uint8Array, options: SvgOptions = {}): BakedBadge | undefined {
  checkSize(svg.length, options.maxBytes);
  const scanner = new XmlScanner(decodeSvg(svg));
  const scope = new NamespaceScope();
  const root = rootElement(scanner);
  scope.open(root);
  let found: BakedBadge | undefined;
  for (let token = root.selfClosing ? undefined : scanner.next(); token; token = scanner.next()) {
    if (token.kind === 'end') {
      scope.close(token);
      if (scope.depth === 0) break;
      continue;
    }
    if (token.kind !== 'start') continue;
    const ns = scope.open(token);
    const version = badgeVersion(token, ns);
    if (version === 0) continue;
    if (!token.selfClosing) scope.close({ kind: 'end', start: token.start, end: token.start, name: token.name });
    if (found) throw new ColError('badge-duplicate', 'This SVG holds two badges, so it is unclear which one it carries.');
    const verifyAttr = token.attributes.find((a) => a.name === 'verify');
    const verify = verifyAttr ? unescapeXml(verifyAttr.raw, verifyAttr.start).trim() : '';
    const body = readBody(scanner, token).trim();
    const text = body !== '' ? body : verify;
    if (text === '') throw new ColError('badge-empty', 'This image has a badge marker but no badge inside it.');
    found = { image: 'svg', version, text, legacyUrl: isBareUrl(text) };
  }
  if (scope.depth !== 0) throw new ColError('svg-invalid', 'This SVG image is not well-formed XML: it ends before </svg>.');
  checkEpilog(scanner);
  return found;
}

/** Elements removed wherever they appear, with their content (matched case-insensitively by local name). */
const DANGEROUS_ELEMENTS = new Set(['script', 'foreignobject', 'handler', 'listener', 'iframe', 'embed', 'object']);

/** SMIL animation that targets an event-handler attribute (`<set attributeName="onclick" to="…">`). */
function animatesHandler(token: StartTag): boolean {
  return token.attributes.some((a) => splitName(a.name)[1] === 'attributeName' && /^\s*(\w+:)?on/i.test(unescapeXml(a.raw, a.start)));
}

/** Whether an attribute value, as a browser would read it, is a script URL. */
function isScriptValue(value: string): boolean {
  // Browsers ignore whitespace and control characters inside the scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex
  const squeezed = value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  return squeezed.includes('javascript:') || squeezed.includes('vbscript:') || squeezed.startsWith('data:text/html');
}

/** What {@link rewriteSvg} does besides sanitizing. */
interface Rewrite {
  /** Markup to insert right after the root `<svg …>` start tag. */
  afterRoot?: string;
  /** Extra attribute text for the root tag. */
  rootAttributes?: string;
  /** Drop the root's own `xmlns:openbadges` (it is about to be redeclared). */
  dropOpenbadgesPrefix?: boolean;
  /** When given, existing badge elements are removed from the output and this is called for each. */
  removeBadge?: () => void;
}

function rewriteSvg(text: string, rewrite: Rewrite): string {
  const scanner = new XmlScanner(text);
  const scope = new NamespaceScope();
  const out: string[] = [];
  let copiedTo = 0;
  let skipDepth = 0; // > 0 while inside an element being removed
  let seenRoot = false;
  const flushTo = (at: number): void => {
    if (skipDepth === 0) out.push(text.slice(copiedTo, at));
    copiedTo = at;
  };
  for (let token = scanner.next(); token; token = scanner.next()) {
    if (token.kind === 'end') {
      scope.close(token);
      if (skipDepth > 0) {
        copiedTo = token.end;
        skipDepth--;
      }
      continue;
    }
    if (token.kind === 'pi' && token.target.toLowerCase() === 'xml-stylesheet') {
      flushTo(token.start);
      copiedTo = token.end; // a stylesheet PI can run XSLT when the SVG is opened directly
      continue;
    }
    if (token.kind !== 'start') continue;
    const isRoot = !seenRoot;
    if (!isRoot && scope.depth === 0) throw new ColError('svg-invalid', 'This SVG image is not well-formed XML: it has two root elements.');
    if (isRoot) {
      if (splitName(token.name)[1] !== 'svg') throw new ColError('svg-invalid', 'This is not an SVG image: its root element is not <svg>.');
      seenRoot = true;
    }
    const ns = scope.open(token);
    if (skipDepth > 0) {
      if (!token.selfClosing) skipDepth++;
      copiedTo = token.end;
      continue;
    }
    const local = splitName(token.name)[1].toLowerCase();
    const badge = rewrite.removeBadge !== undefined && badgeVersion(token, ns) !== 0;
    if (badge) rewrite.removeBadge?.();
    if (!isRoot && (badge || DANGEROUS_ELEMENTS.has(local) || ns === XHTML_NAMESPACE || animatesHandler(token))) {
      flushTo(token.start);
      copiedTo = token.end;
      if (!token.selfClosing) skipDepth = 1;
      continue;
    }
    // Rebuild the start tag without event handlers and script URLs.
    const kept = token.attributes.filter((a) => {
      const [prefix, name] = splitName(a.name);
      if (a.name === 'xmlns' || prefix === 'xmlns') {
        // Namespace names are identifiers, never fetched or run: dropping one would only unbind a prefix.
        return !(isRoot && rewrite.dropOpenbadgesPrefix && a.name === 'xmlns:openbadges');
      }
      if (/^on/i.test(name)) return false;
      return !isScriptValue(unescapeXml(a.raw, a.start));
    });
    if (!isRoot && kept.length === token.attributes.length) continue; // unchanged: copied as is
    flushTo(token.start);
    let tag = `<${token.name}${kept.map((a) => text.slice(a.start, a.end)).join('')}`;
    if (isRoot) tag += rewrite.rootAttributes ?? '';
    const close = text.slice(token.attrsEnd, token.end);
    if (isRoot && rewrite.afterRoot !== undefined) {
      tag += token.selfClosing ? `>${rewrite.afterRoot}</${token.name}>` : `${close}${rewrite.afterRoot}`;
    } else tag += close;
    out.push(tag);
    copiedTo = token.end;
  }
  if (!seenRoot) throw new ColError('svg-invalid', 'This is not an SVG image: it has no <svg> root element.');
  if (scope.depth !== 0) throw new ColError('svg-invalid', 'This SVG image is not well-formed XML: it ends before </svg>.');
  flushTo(text.length);
  return out.join('');
}

/**
 * Make an SVG safe to show inline: remove `<script>`, `<foreignObject>` (and other elements
 * that can carry HTML or script: `handler`, `listener`, `iframe`, `embed`, `object`, anything
 * in the XHTML namespace, SMIL animations of event-handler attributes), every `on…`
 * event-handler attribute, attributes whose value is a
 * `javascript:`/`vbscript:`/`data:text/html` URL, and `xml-stylesheet` instructions. The
 * baked badge, if any, is kept. Everything else is copied byte for byte.
 *
 * @throws ColError `input-too-large`, `svg-invalid`, `svg-entities-forbidden`.
 * @example
 * ```ts
 * import { sanitizeSvg } from '@citiesoflearning/core';
 * const safe = sanitizeSvg(new TextEncoder().encode('<svg onload="alert(1)"><script>alert(2)</script></svg>'));
 * new TextDecoder().decode(safe); // '<svg></svg>'
 * ```
 */
export function sanitizeSvg(svg: Uint8Array, options: SvgOptions = {}): Uint8Array {
  checkSize(svg.length, options.maxBytes);
  return utf8(rewriteSvg(decodeSvg(svg), {}));
}

/** The badge element to write, per version and kind. */
function badgeElement(credential: PreparedCredential): string {
  const name = credential.version === 2 ? 'openbadges:assertion' : 'openbadges:credential';
  if (credential.kind === 'jws') return `<${name} verify="${escapeAttribute(credential.text)}"></${name}>`;
  const verify = credential.hostedId === undefined ? '' : ` verify="${escapeAttribute(credential.hostedId)}"`;
  return `<${name}${verify}>${cdata(credential.text)}</${name}>`;
}

/**
 * Bake a credential into an SVG: the badge element goes right after the `<svg …>` start tag,
 * `xmlns:openbadges` is declared on the root for the right version, any badge already there
 * (either version) is removed (or the call refused with `already-baked`), and the image is
 * sanitized as {@link sanitizeSvg} describes.
 *
 * @example
 * ```ts
 * import { bakeSvg } from '@citiesoflearning/core';
 * const baked = bakeSvg(svgBytes, { text: jws, version: 3, kind: 'jws' });
 * ```
 */
export function bakeSvg(
  svg: Uint8Array,
  credential: PreparedCredential,
  options: SvgOptions & { onExisting?: 'replace' | 'refuse' } = {},
): Uint8Array {
  checkSize(svg.length, options.maxBytes);
  const text = decodeSvg(svg);
  const ns = credential.version === 2 ? SVG_NAMESPACE_OB2 : SVG_NAMESPACE_OB3;
  const result = rewriteSvg(text, {
    afterRoot: badgeElement(credential),
    rootAttributes: ` xmlns:openbadges="${ns}"`,
    dropOpenbadgesPrefix: true,
    removeBadge: () => {
      if (options.onExisting === 'refuse') {
        throw new ColError('already-baked', 'This image already carries a badge; it was left unchanged.');
      }
    },
  });
  return utf8(result);
}
