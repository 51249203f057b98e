/**
 * Baking: embed an Open Badge (2.0 or 3.0, JSON or compact JWS) in a PNG or SVG image, and read
 * it back. No DOM, no Node built-ins, no dependencies.
 */
export type { BakedBadge, ImageType } from './types.js';
export { imageType, unbake, bake, type UnbakeOptions, type BakeOptions } from './bake.js';
export { DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_BYTES } from './limits.js';
export { crc32 } from './crc32.js';
export { readPngChunks, encodePngChunk, PNG_KEYWORD_OB2, PNG_KEYWORD_OB3, type PngChunk, type ReadPngOptions } from './png.js';
export { sanitizeSvg, SVG_NAMESPACE_OB2, SVG_NAMESPACE_OB3, type SvgOptions } from './svg.js';
// The strict XML tokenizer, for callers that apply their own SVG policy (the server's uploads).
export { XmlScanner, NamespaceScope, splitName, unescapeXml, type XmlToken, type XmlAttribute } from './xml-scanner.js';
