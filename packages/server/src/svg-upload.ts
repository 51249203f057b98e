// Achievement images uploaded as SVG are parsed with core's strict XML scanner (never a regex)
// and stored only in a rewritten, inert form. The image is served from our origin with a strict
// CSP, but people also download it and open it elsewhere (a file, another site), so the bytes
// themselves must carry no script and load nothing from anywhere.
import { isColError, NamespaceScope, sanitizeSvg, splitName, unescapeXml, XmlScanner, type XmlToken } from '@citiesoflearning/core';
import { HttpError } from './errors.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

/** Elements that run script or embed other documents, matched by local name under any prefix. */
const ACTIVE_ELEMENTS = new Set(['script', 'foreignobject', 'handler', 'listener', 'iframe', 'embed', 'object', 'audio', 'video']);
/** SMIL elements, which can set an attribute (an href, a handler) after our checks ran. */
const ANIMATIONS = new Set(['set', 'animate', 'animatetransform', 'animatemotion']);

type StartTag = Extract<XmlToken, { kind: 'start' }>;

/**
 * What {@link sanitizeUploadedSvg} returns: the inert SVG, and what it took out. `active` lists
 * script-bearing content (the caller refuses such an upload, so a provider learns their image
 * was unsafe rather than finding it silently changed); `external` lists references to other
 * resources, removed quietly.
 *
 * @example
 * ```ts
 * const { svg, removed }: SanitizedSvg = sanitizeUploadedSvg(bytes);
 * ```
 */
export interface SanitizedSvg {
  svg: Uint8Array;
  removed: { active: string[]; external: string[] };
}

const unsafe = (message: string) => new HttpError(400, 'unsafe-image', message);
const notSvg = () => new HttpError(400, 'image-not-svg', '"image" says SVG but its root element is not <svg> in the SVG namespace (xmlns="http://www.w3.org/2000/svg").');
const invalid = (detail: string) => new HttpError(400, 'image-invalid', `"image" is not a well-formed SVG file: ${detail}`);

/** An attribute value as a browser reads a URL: entities decoded, spaces and controls gone. */
function squeeze(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
}

/** Script URLs in any attribute (`javascript:`, `vbscript:`, an HTML `data:` document). */
function isScriptUrl(value: string): boolean {
  const v = squeeze(value);
  return v.includes('javascript:') || v.includes('vbscript:') || v.startsWith('data:text/html') || v.startsWith('data:application/xhtml');
}

/** A reference that stays inside the file: a fragment (`#id`) or an inline raster image. */
function isLocalReference(value: string): boolean {
  const v = squeeze(value);
  return v.startsWith('#') || /^data:image\/(png|jpeg|gif|webp)[;,]/.test(v);
}

/**
 * Whether CSS (a `style` attribute or element) loads nothing from elsewhere. Escapes and
 * comments could spell a function name in disguise, so any backslash is refused outright.
 */
function isInertCss(css: string): boolean {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  if (text.includes('\\')) return false;
  if (/@import|@font-face|image-set\s*\(|cross-fade\s*\(|element\s*\(|(^|[^\w-])(image|src)\s*\(|expression\s*\(|behavior\s*:|-moz-binding/i.test(text)) return false;
  return urlsAreLocal(text);
}

/** Every `url(…)` in a value points inside the file. */
function urlsAreLocal(value: string): boolean {
  for (const m of value.matchAll(/url\s*\(\s*(['"]?)([^)'"]*)/gi)) if (!isLocalReference(m[2]!)) return false;
  return true;
}

/**
 * Parse an uploaded SVG and return it rewritten without anything active or external:
 * - refused (400): not UTF-8 or not well-formed (`image-invalid`); root not `<svg>` in the SVG
 *   namespace, e.g. a JSON key with "<svg>" in it (`image-not-svg`); a DOCTYPE or any entity
 *   declaration (`unsafe-image`);
 * - removed and reported as `active`: `script`, `foreignObject` and other script or document
 *   carriers under any namespace prefix, XHTML elements, animations of `href`/`style`/`on…`,
 *   `on…` attributes, `javascript:`/`vbscript:`/HTML `data:` URLs, `xml-stylesheet`;
 * - removed and reported as `external`: `href`/`xlink:href`/`src` other than `#fragment` or an
 *   inline raster `data:image/…`, `url(…)` to anything else, `@import` and friends in CSS,
 *   `xml:base`, other processing instructions. Comments go too.
 * The result is then passed through core's `sanitizeSvg` as a second, independent pass.
 *
 * @example
 * ```ts
 * const { svg } = sanitizeUploadedSvg(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><a href="https://x.example"><circle r="4"/></a></svg>'));
 * new TextDecoder().decode(svg); // '<svg xmlns="http://www.w3.org/2000/svg"><a><circle r="4"/></a></svg>'
 * ```
 */
export function sanitizeUploadedSvg(bytes: Uint8Array): SanitizedSvg {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('it is not UTF-8 text.');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const removed: SanitizedSvg['removed'] = { active: [], external: [] };
  let out: string;
  try {
    out = rewrite(text, removed);
  } catch (error) {
    // Our own refusals (unsafe, not SVG) stand as they are; core's parse errors become 400s.
    if (error instanceof HttpError || !isColError(error)) throw error;
    if (error.code === 'svg-entities-forbidden') throw unsafe('"image" SVG declares XML entities (a DOCTYPE with an internal subset); remove them.');
    throw invalid(error.message);
  }
  let svg: Uint8Array;
  try {
    svg = sanitizeSvg(new TextEncoder().encode(out));
  } catch (error) {
    if (error instanceof HttpError || !isColError(error)) throw error;
    throw invalid(error.message);
  }
  return { svg, removed };
}

function rewrite(text: string, removed: SanitizedSvg['removed']): string {
  const scanner = new XmlScanner(text);
  const scope = new NamespaceScope();
  const out: string[] = [];
  let seenRoot = false;
  let skipDepth = 0; // > 0 inside an element being dropped
  let style: { at: number; depth: number; css: string } | undefined; // inside a <style> element
  for (let token = scanner.next(); token; token = scanner.next()) {
    const raw = text.slice(token.start, token.end);
    const outside = !seenRoot || scope.depth === 0;
    switch (token.kind) {
      case 'doctype':
        throw unsafe('"image" SVG has a DOCTYPE; SVG images need none, and they can declare entities. Remove it.');
      case 'pi':
        if (token.target.toLowerCase() === 'xml' && !seenRoot && out.length === 0) out.push(raw);
        else if (token.target.toLowerCase() === 'xml-stylesheet') removed.active.push('<?xml-stylesheet?>');
        else removed.external.push(`<?${token.target}?>`);
        continue;
      case 'comment':
        continue;
      case 'text':
      case 'cdata': {
        if (outside) {
          if (token.kind === 'cdata' || raw.trim() !== '') throw seenRoot ? invalid('there is content after </svg>.') : notSvg();
          continue;
        }
        if (skipDepth > 0) continue;
        // Decoding refuses any entity but the five predefined ones (there is no DTD to define them).
        const decoded = token.kind === 'cdata' ? token.content : unescapeXml(raw, token.start);
        if (style) style.css += decoded;
        out.push(raw);
        continue;
      }
      case 'end':
        scope.close(token);
        if (skipDepth > 0) {
          skipDepth--;
          continue;
        }
        out.push(raw);
        if (style && scope.depth === style.depth) {
          if (!isInertCss(style.css)) {
            out.length = style.at; // drop the whole <style> element
            removed.external.push('<style> loading other resources');
          }
          style = undefined;
        }
        continue;
      case 'start': {
        if (seenRoot && scope.depth === 0) throw invalid('it has two root elements.');
        const ns = scope.open(token);
        if (!seenRoot) {
          if (splitName(token.name)[1] !== 'svg' || ns !== SVG_NS) throw notSvg();
          seenRoot = true;
        } else if (skipDepth > 0) {
          if (!token.selfClosing) skipDepth++;
          continue;
        } else if (style || isActiveElement(token, ns)) {
          // Markup inside <style> has no business there either.
          removed.active.push(`<${token.name}>`);
          if (!token.selfClosing) skipDepth = 1;
          continue;
        }
        out.push(startTag(text, token, removed));
        if (splitName(token.name)[1].toLowerCase() === 'style' && !token.selfClosing) style = { at: out.length - 1, depth: scope.depth - 1, css: '' };
        continue;
      }
    }
  }
  if (!seenRoot) throw notSvg();
  if (scope.depth !== 0) throw invalid('it ends before </svg>.');
  return out.join('');
}

function isActiveElement(token: StartTag, ns: string | undefined): boolean {
  const local = splitName(token.name)[1].toLowerCase();
  if (ACTIVE_ELEMENTS.has(local) || ns === XHTML_NS) return true;
  if (!ANIMATIONS.has(local)) return false;
  const target = token.attributes.find((a) => splitName(a.name)[1] === 'attributeName');
  const name = target ? splitName(unescapeXml(target.raw, target.start).trim())[1].toLowerCase() : '';
  return name.startsWith('on') || name === 'href' || name === 'src' || name === 'style';
}

/** The start tag rebuilt from the attributes that are kept (each copied from the source as is). */
function startTag(text: string, token: StartTag, removed: SanitizedSvg['removed']): string {
  const kept = token.attributes.filter((a) => {
    const [prefix, local] = splitName(a.name);
    if (a.name === 'xmlns' || prefix === 'xmlns') return true; // namespace names are identifiers, never fetched
    const value = unescapeXml(a.raw, a.start);
    const name = local.toLowerCase();
    if (name.startsWith('on') || isScriptUrl(value)) {
      removed.active.push(`${a.name}="…"`);
      return false;
    }
    const external =
      (a.name === 'xml:base') ||
      ((name === 'href' || name === 'src') && !isLocalReference(value)) ||
      (name === 'style' ? !isInertCss(value) : !urlsAreLocal(value));
    if (external) removed.external.push(`${a.name}="…"`);
    return !external;
  });
  return `<${token.name}${kept.map((a) => text.slice(a.start, a.end)).join('')}${text.slice(token.attrsEnd, token.end)}`;
}
