/**
 * What an issuer-controlled image URL may become in `<img src>`: `http:`/`https:`, raster
 * base64 `data:` images, or SVG `data:` images rebuilt without anything active. Loaded with the
 * badge reader, not up front.
 */
import { safeLinkUrl } from './safe-url.js';

const RASTER_DATA = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[a-z0-9+/=\s]*$/i;
/** Largest image `data:` URL we show (a badge image is tens of KB; 1 MB leaves room). */
export const MAX_DATA_URL = 1_000_000;

/**
 * `value` if it may be an `<img src>`: an http(s) URL, a raster base64 `data:` image, or an SVG
 * `data:` image rebuilt without scripts, event handlers, foreign objects or external references.
 * Anything else → `undefined`.
 *
 * @example
 * ```ts
 * safeImageSrc('data:image/png;base64,iVBORw0KGgo='); // unchanged
 * safeImageSrc('data:text/html;base64,PHNjcmlwdD4='); // undefined
 * ```
 */
export function safeImageSrc(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  const head = value.slice(0, 40).replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  if (head.startsWith('data:')) {
    if (value.length > MAX_DATA_URL) return undefined;
    if (RASTER_DATA.test(value)) return value;
    if (head.startsWith('data:image/svg+xml')) return sanitizeSvgDataUrl(value);
    return undefined;
  }
  return safeLinkUrl(value);
}

const SVG_DROP = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'audio', 'video', 'handler', 'listener']);

/** Decode an SVG data URL, strip anything active, and re-encode it; `undefined` if unreadable. */
function sanitizeSvgDataUrl(value: string): string | undefined {
  if (typeof DOMParser === 'undefined') return undefined;
  const comma = value.indexOf(',');
  if (comma < 0) return undefined;
  const meta = value.slice(5, comma).toLowerCase();
  const data = value.slice(comma + 1);
  let text: string;
  try {
    text = meta.endsWith(';base64') ? new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0))) : decodeURIComponent(data);
  } catch {
    return undefined;
  }
  // DOMParser never runs scripts or loads resources: it only builds an inert document.
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) return undefined;
  for (const element of [...root.querySelectorAll('*'), root]) {
    if (SVG_DROP.has(element.localName.toLowerCase())) {
      element.remove();
      continue;
    }
    for (const attr of [...element.attributes]) {
      const name = attr.name.toLowerCase();
      const val = attr.value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
      const isLink = name === 'href' || name.endsWith(':href') || name === 'src';
      if (name.startsWith('on') || (isLink && !val.startsWith('#') && !RASTER_DATA.test(attr.value)) || val.includes('javascript:')) {
        element.removeAttribute(attr.name);
      }
    }
  }
  const clean = new XMLSerializer().serializeToString(root);
  const bytes = new TextEncoder().encode(clean);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
