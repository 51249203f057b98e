import type { Db } from '../db.js';

/**
 * One issuer signing key as stored. `private_jwk` is JSON text, `null` once the key is removed.
 *
 * @example
 * ```ts
 * const rows: IssuerKeyRow[] = listLiveIssuerKeyRows(ctx.db, 'museum');
 * ```
 */
export interface IssuerKeyRow {
  kid: string;
  private_jwk: string | null;
  public_multibase: string;
  created_at: string;
}

/**
 * The sequence number the issuer's next key gets (creation times have second precision; the
 * sequence orders two keys made in one second).
 *
 * @example
 * ```ts
 * const seq = nextIssuerKeySeq(ctx.db, 'museum'); // 1 for the first key
 * ```
 */
export function nextIssuerKeySeq(db: Db, issuerKey: string): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM issuer_keys WHERE issuer_key = ?').get(issuerKey) as { n: number }).n;
}

/**
 * Store a new issuer key.
 *
 * @example
 * ```ts
 * insertIssuerKey(ctx.db, { issuerKey: 'museum', kid, seq, privateJwk, publicMultibase: kid, createdAt });
 * ```
 */
export function insertIssuerKey(
  db: Db,
  key: { issuerKey: string; kid: string; seq: number; privateJwk: JsonWebKey; publicMultibase: string; createdAt: string },
): void {
  db.prepare('INSERT INTO issuer_keys (issuer_key, kid, seq, private_jwk, public_multibase, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    key.issuerKey,
    key.kid,
    key.seq,
    JSON.stringify(key.privateJwk),
    key.publicMultibase,
    key.createdAt,
  );
}

/**
 * The issuer's keys that are not removed, oldest first (without their private parts).
 *
 * @example
 * ```ts
 * const rows = listLiveIssuerKeyRows(ctx.db, 'museum');
 * ```
 */
export function listLiveIssuerKeyRows(db: Db, issuerKey: string): Array<Omit<IssuerKeyRow, 'private_jwk'>> {
  return db
    .prepare('SELECT kid, public_multibase, created_at FROM issuer_keys WHERE issuer_key = ? AND removed_at IS NULL ORDER BY seq')
    .all(issuerKey) as Array<Omit<IssuerKeyRow, 'private_jwk'>>;
}

/**
 * The issuer's newest key that is not removed, with its private part, or `undefined`.
 *
 * @example
 * ```ts
 * const row = newestLiveIssuerKeyRow(ctx.db, 'museum');
 * ```
 */
export function newestLiveIssuerKeyRow(db: Db, issuerKey: string): IssuerKeyRow | undefined {
  return db
    .prepare('SELECT kid, private_jwk, public_multibase, created_at FROM issuer_keys WHERE issuer_key = ? AND removed_at IS NULL ORDER BY seq DESC LIMIT 1')
    .get(issuerKey) as IssuerKeyRow | undefined;
}

/**
 * Mark a key removed and erase its private part.
 *
 * @example
 * ```ts
 * markIssuerKeyRemoved(ctx.db, 'museum', oldKid, isoNow(ctx));
 * ```
 */
export function markIssuerKeyRemoved(db: Db, issuerKey: string, kid: string, removedAt: string): void {
  db.prepare('UPDATE issuer_keys SET removed_at = ?, private_jwk = NULL WHERE issuer_key = ? AND kid = ?').run(removedAt, issuerKey, kid);
}

/**
 * Keys of issuers that have no live signing key (issuers from before per-issuer keys existed).
 *
 * @example
 * ```ts
 * for (const key of issuersWithoutLiveKey(ctx.db)) addIssuerKey(ctx, key);
 * ```
 */
export function issuersWithoutLiveKey(db: Db): string[] {
  return (
    db.prepare('SELECT key FROM issuers WHERE key NOT IN (SELECT issuer_key FROM issuer_keys WHERE removed_at IS NULL)').all() as Array<{ key: string }>
  ).map((r) => r.key);
}

/**
 * Whether the issuer still publishes the key `kid` (it exists and is not removed).
 *
 * @example
 * ```ts
 * if (!issuerKeyIsListed(ctx.db, 'museum', kid)) { /* sign again with the current key *\/ }
 * ```
 */
export function issuerKeyIsListed(db: Db, issuerKey: string, kid: string): boolean {
  return db.prepare('SELECT 1 FROM issuer_keys WHERE issuer_key = ? AND kid = ? AND removed_at IS NULL').get(issuerKey, kid) !== undefined;
}
