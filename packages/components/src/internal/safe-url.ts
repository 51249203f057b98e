/**
 * What issuer-controlled URLs may become in the page: links only `http:`/`https:`. Everything
 * else (`javascript:`, `vbscript:`, `file:`, `data:`, blobs) is dropped. Images: `safe-image.ts`.
 */

/**
 * `value` as an absolute `http:`/`https:` URL string, or `undefined`.
 *
 * @example
 * ```ts
 * safeLinkUrl('https://college.example/badge'); // 'https://college.example/badge'
 * safeLinkUrl('javascript:alert(1)');           // undefined
 * ```
 */
export function safeLinkUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}
