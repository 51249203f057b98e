import type { Sql } from '../sql/sql.js';
import { lockingRead } from './row-locks.js';

/**
 * Which signed copy of a status list: the one under the server's key (`profile`) or the one
 * under the issuer's own did:web key (`did`).
 *
 * @example
 * ```ts
 * const view: StatusListCopy = 'did';
 * ```
 */
export type StatusListCopy = 'profile' | 'did';

/**
 * A status list's bits and one signed copy of it, with the versions that say whether the copy
 * is stale.
 *
 * @example
 * ```ts
 * const row: StatusListRow | undefined = await findStatusList(ctx.sql, 'museum', 'revocation', 'profile');
 * ```
 */
export interface StatusListRow {
  bits: Buffer;
  bits_version: number;
  credential: string | null;
  credential_version: number;
}

// Column names come from this fixed table only, never from a caller, so they are safe to splice.
const COLUMNS: Record<StatusListCopy, { credential: string; version: string }> = {
  profile: { credential: 'credential', version: 'credential_version' },
  did: { credential: 'did_credential', version: 'did_credential_version' },
};

/**
 * Store an issuer's empty list for one purpose (kept as it is when it already exists).
 *
 * @example
 * ```ts
 * await insertEmptyStatusList(ctx.sql, 'museum', 'revocation', Buffer.alloc(16_384));
 * ```
 */
export async function insertEmptyStatusList(sql: Sql, issuerKey: string, purpose: string, bits: Buffer): Promise<void> {
  await sql.run('INSERT INTO status_lists (issuer_key, purpose, bits) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', issuerKey, purpose, bits);
}

/**
 * The bits of an issuer's list (or `undefined` when it has none for this purpose), locked until
 * the transaction ends (on PostgreSQL; see row-locks.ts): read these, change a bit, and {@link writeStatusBits} them, and no concurrent
 * change of another bit is lost. Call inside a transaction.
 *
 * @example
 * ```ts
 * const bits = await readStatusBitsForUpdate(tx, 'museum', 'revocation');
 * ```
 */
export async function readStatusBitsForUpdate(sql: Sql, issuerKey: string, purpose: string): Promise<Buffer | undefined> {
  // dialect: PostgreSQL locks the list's row; SQLite's single writer needs no lock.
  return (await sql.get<{ bits: Buffer }>(`SELECT bits FROM status_lists WHERE issuer_key = ? AND purpose = ?${lockingRead(sql, 'update')}`, issuerKey, purpose))?.bits;
}

/**
 * Store new bits and bump their version (so every signed copy becomes stale).
 *
 * @example
 * ```ts
 * await writeStatusBits(ctx.sql, 'museum', 'revocation', bits);
 * ```
 */
export async function writeStatusBits(sql: Sql, issuerKey: string, purpose: string, bits: Uint8Array): Promise<void> {
  await sql.run('UPDATE status_lists SET bits = ?, bits_version = bits_version + 1 WHERE issuer_key = ? AND purpose = ?', bits, issuerKey, purpose);
}

/**
 * A list's bits with one of its signed copies, or `undefined` when there is no such list.
 *
 * @example
 * ```ts
 * const row = await findStatusList(ctx.sql, 'museum', 'revocation', 'profile');
 * ```
 */
export async function findStatusList(sql: Sql, issuerKey: string, purpose: string, copy: StatusListCopy): Promise<StatusListRow | undefined> {
  const c = COLUMNS[copy];
  return await sql.get<StatusListRow>(`SELECT bits, bits_version, ${c.credential} AS credential, ${c.version} AS credential_version FROM status_lists WHERE issuer_key = ? AND purpose = ?`, issuerKey, purpose);
}

/**
 * Store a signed copy made from bits of `version`, only if the stored copy is older: a slower
 * signer of an older version must not overwrite a newer one.
 *
 * @example
 * ```ts
 * await saveSignedStatusList(ctx.sql, 'museum', 'revocation', 'profile', credential, row.bits_version);
 * ```
 */
export async function saveSignedStatusList(sql: Sql, issuerKey: string, purpose: string, copy: StatusListCopy, credential: unknown, version: number): Promise<void> {
  const c = COLUMNS[copy];
  await sql.run(
    `UPDATE status_lists SET ${c.credential} = ?, ${c.version} = ? WHERE issuer_key = ? AND purpose = ? AND ${c.version} < ?`,
    JSON.stringify(credential),
    version,
    issuerKey,
    purpose,
    version,
  );
}

/**
 * Drop an issuer's DID-signed copies (they are re-signed with its current key on next request).
 *
 * @example
 * ```ts
 * await forgetDidSignedStatusLists(ctx.sql, 'museum');
 * ```
 */
export async function forgetDidSignedStatusLists(sql: Sql, issuerKey: string): Promise<void> {
  await sql.run('UPDATE status_lists SET did_credential = NULL, did_credential_version = 0 WHERE issuer_key = ?', issuerKey);
}
