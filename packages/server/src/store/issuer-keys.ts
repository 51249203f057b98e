import type { Sql } from '../sql/sql.js';
import { lockingRead } from './row-locks.js';

/**
 * One issuer signing key as stored. `private_jwk` is JSON text, `null` once the key is removed.
 *
 * @example
 * ```ts
 * const rows: IssuerKeyRow[] = await listLiveIssuerKeyRows(ctx.sql, 'museum');
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
 * const seq = await nextIssuerKeySeq(ctx.sql, 'museum'); // 1 for the first key
 * ```
 */
export async function nextIssuerKeySeq(sql: Sql, issuerKey: string): Promise<number> {
  return (await sql.get<{ n: number }>('SELECT coalesce(max(seq), 0) + 1 AS n FROM issuer_keys WHERE issuer_key = ?', issuerKey))!.n;
}

/**
 * Store a new issuer key.
 *
 * @example
 * ```ts
 * await insertIssuerKey(ctx.sql, { issuerKey: 'museum', kid, seq, privateJwk, publicMultibase: kid, createdAt });
 * ```
 */
export async function insertIssuerKey(
  sql: Sql,
  key: { issuerKey: string; kid: string; seq: number; privateJwk: JsonWebKey; publicMultibase: string; createdAt: string },
): Promise<void> {
  await sql.run(
    'INSERT INTO issuer_keys (issuer_key, kid, seq, private_jwk, public_multibase, created_at) VALUES (?, ?, ?, ?, ?, ?)',
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
 * const rows = await listLiveIssuerKeyRows(ctx.sql, 'museum');
 * ```
 */
export async function listLiveIssuerKeyRows(sql: Sql, issuerKey: string): Promise<Array<Omit<IssuerKeyRow, 'private_jwk'>>> {
  return await sql.all<Omit<IssuerKeyRow, 'private_jwk'>>('SELECT kid, public_multibase, created_at FROM issuer_keys WHERE issuer_key = ? AND removed_at IS NULL ORDER BY seq', issuerKey);
}

/**
 * The issuer's newest key that is not removed, with its private part, or `undefined`.
 *
 * @example
 * ```ts
 * const row = await newestLiveIssuerKeyRow(ctx.sql, 'museum');
 * ```
 */
export async function newestLiveIssuerKeyRow(sql: Sql, issuerKey: string): Promise<IssuerKeyRow | undefined> {
  return await sql.get<IssuerKeyRow>('SELECT kid, private_jwk, public_multibase, created_at FROM issuer_keys WHERE issuer_key = ? AND removed_at IS NULL ORDER BY seq DESC LIMIT 1', issuerKey);
}

/**
 * Mark a key removed and erase its private part.
 *
 * @example
 * ```ts
 * await markIssuerKeyRemoved(ctx.sql, 'museum', oldKid, isoNow(ctx));
 * ```
 */
export async function markIssuerKeyRemoved(sql: Sql, issuerKey: string, kid: string, removedAt: string): Promise<void> {
  await sql.run('UPDATE issuer_keys SET removed_at = ?, private_jwk = NULL WHERE issuer_key = ? AND kid = ?', removedAt, issuerKey, kid);
}

/**
 * Keys of issuers that have no live signing key (issuers from before per-issuer keys existed).
 *
 * @example
 * ```ts
 * for (const key of await issuersWithoutLiveKey(ctx.sql)) addIssuerKey(ctx, key);
 * ```
 */
export async function issuersWithoutLiveKey(sql: Sql): Promise<string[]> {
  return (
    await sql.all<{ key: string }>('SELECT key FROM issuers WHERE key NOT IN (SELECT issuer_key FROM issuer_keys WHERE removed_at IS NULL)')
  ).map((r) => r.key);
}

/**
 * Whether the issuer still publishes the key `kid` (it exists and is not removed). Inside a
 * transaction it stays so until that commits: on PostgreSQL the key's row is locked FOR SHARE
 * (row-locks.ts), so a removal waits for what was signed with the key to be stored, and a
 * READ COMMITTED transaction may rely on the answer.
 *
 * @example
 * ```ts
 * if (!await issuerKeyIsListed(tx, 'museum', kid)) { /* sign again with the current key *\/ }
 * ```
 */
export async function issuerKeyIsListed(sql: Sql, issuerKey: string, kid: string): Promise<boolean> {
  // dialect: PostgreSQL locks the row; SQLite's single writer needs no lock.
  return await sql.get(`SELECT 1 FROM issuer_keys WHERE issuer_key = ? AND kid = ? AND removed_at IS NULL${lockingRead(sql, 'share')}`, issuerKey, kid) !== undefined;
}
