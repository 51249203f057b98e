// Subresource-integrity hashes of the elements' CDN bundles (packages/components/cdn/<name>/index.js):
// printed by the CDN build (rollup.config.mjs) and shown in the docs' copy-paste snippets.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The `integrity` value (SHA-384, base64) of some bytes, as `<script integrity>` expects.
 *
 * @example
 * integrityOf(readFileSync('cdn/col-badge/index.js')) // 'sha384-…'
 */
export const integrityOf = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * `{ bundle name → integrity }` for every `<dir>/<name>/index.js`; `{}` when nothing is built.
 *
 * @example
 * cdnIntegrity('packages/components/cdn')['col-badge'] // 'sha384-…'
 */
export function cdnIntegrity(dir) {
  if (!existsSync(dir)) return {};
  const hashes = {};
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'index.js');
    if (existsSync(file)) hashes[name] = integrityOf(readFileSync(file));
  }
  return hashes;
}
