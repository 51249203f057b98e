import { createHash } from 'node:crypto';
import type { Db } from '../db.js';

/**
 * The stored form of a provider API key: its SHA-256 as hex. The one place provider secrets are
 * hashed, so minting and checking a key can never disagree.
 *
 * @example
 * ```ts
 * const stored = hashProviderSecret('colp_…');
 * ```
 */
export function hashProviderSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Store a provider key (hashed here; the plain secret is never stored).
 *
 * @example
 * ```ts
 * insertProviderKey(ctx.db, { id, issuerKey: 'museum', secret, label: 'CMS' }, isoNow(ctx));
 * ```
 */
export function insertProviderKey(db: Db, key: { id: string; issuerKey: string; secret: string; label?: string }, createdAt: string): void {
  db.prepare('INSERT INTO provider_keys (id, issuer_key, secret_hash, label, created_at) VALUES (?, ?, ?, ?, ?)').run(
    key.id,
    key.issuerKey,
    hashProviderSecret(key.secret),
    key.label ?? null,
    createdAt,
  );
}

/**
 * The issuer a live (not revoked) provider key belongs to, or `undefined`.
 *
 * @example
 * ```ts
 * const issuerKey = issuerOfProviderSecret(ctx.db, token);
 * ```
 */
export function issuerOfProviderSecret(db: Db, secret: string): string | undefined {
  const row = db.prepare('SELECT issuer_key FROM provider_keys WHERE secret_hash = ? AND revoked_at IS NULL').get(hashProviderSecret(secret)) as
    | { issuer_key: string }
    | undefined;
  return row?.issuer_key;
}
