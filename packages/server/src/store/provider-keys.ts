import { createHash } from 'node:crypto';
import type { Sql } from '../sql/sql.js';

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
 * await insertProviderKey(ctx.sql, { id, issuerKey: 'museum', secret, label: 'CMS' }, isoNow(ctx));
 * ```
 */
export async function insertProviderKey(sql: Sql, key: { id: string; issuerKey: string; secret: string; label?: string }, createdAt: string): Promise<void> {
  await sql.run(
    'INSERT INTO provider_keys (id, issuer_key, secret_hash, label, created_at) VALUES (?, ?, ?, ?, ?)',
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
 * const issuerKey = await issuerOfProviderSecret(ctx.sql, token);
 * ```
 */
export async function issuerOfProviderSecret(sql: Sql, secret: string): Promise<string | undefined> {
  const row = await sql.get<{ issuer_key: string }>('SELECT issuer_key FROM provider_keys WHERE secret_hash = ? AND revoked_at IS NULL', hashProviderSecret(secret));
  return row?.issuer_key;
}
