/**
 * Parses an RFC 8288 `Link` header into a map of relation → absolute URL (relative targets are
 * resolved against `base`). Only what paging needs: `first`, `last`, `next`, `prev`.
 *
 * @example
 * ```ts
 * import { parseLinkHeader } from '@citiesoflearning/client';
 * parseLinkHeader('<https://h/c?offset=10>; rel="next"', 'https://h/c').next; // 'https://h/c?offset=10'
 * ```
 */
export function parseLinkHeader(header: string | null | undefined, base: string): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  // Split on commas that start a new `<...>` link (URLs may contain commas).
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const [, target = '', params = ''] = match;
    const rel = /(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(params);
    if (!rel) continue;
    let href: string;
    try {
      href = new URL(target, base).href;
    } catch {
      continue;
    }
    for (const name of (rel[1] ?? rel[2] ?? '').toLowerCase().split(/\s+/)) {
      if (name && !(name in links)) links[name] = href;
    }
  }
  return links;
}
