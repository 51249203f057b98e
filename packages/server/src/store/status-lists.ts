import type { Db } from '../db.js';

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
 * const row: StatusListRow | undefined = findStatusList(ctx.db, 'museum', 'revocation', 'profile');
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
 * insertEmptyStatusList(ctx.db, 'museum', 'revocation', Buffer.alloc(16_384));
 * ```
 */
export function insertEmptyStatusList(db: Db, issuerKey: string, purpose: string, bits: Buffer): void {
  db.prepare('INSERT OR IGNORE INTO status_lists (issuer_key, purpose, bits) VALUES (?, ?, ?)').run(issuerKey, purpose, bits);
}

/**
 * The bits of an issuer's list, or `undefined` when it has none for this purpose.
 *
 * @example
 * ```ts
 * const bits = readStatusBits(ctx.db, 'museum', 'revocation');
 * ```
 */
export function readStatusBits(db: Db, issuerKey: string, purpose: string): Buffer | undefined {
  return (db.prepare('SELECT bits FROM status_lists WHERE issuer_key = ? AND purpose = ?').get(issuerKey, purpose) as { bits: Buffer } | undefined)?.bits;
}

/**
 * Store new bits and bump their version (so every signed copy becomes stale).
 *
 * @example
 * ```ts
 * writeStatusBits(ctx.db, 'museum', 'revocation', bits);
 * ```
 */
export function writeStatusBits(db: Db, issuerKey: string, purpose: string, bits: Uint8Array): void {
  db.prepare('UPDATE status_lists SET bits = ?, bits_version = bits_version + 1 WHERE issuer_key = ? AND purpose = ?').run(bits, issuerKey, purpose);
}

/**
 * A list's bits with one of its signed copies, or `undefined` when there is no such list.
 *
 * @example
 * ```ts
 * const row = findStatusList(ctx.db, 'museum', 'revocation', 'profile');
 * ```
 */
export function findStatusList(db: Db, issuerKey: string, purpose: string, copy: StatusListCopy): StatusListRow | undefined {
  const c = COLUMNS[copy];
  return db
    .prepare(`SELECT bits, bits_version, ${c.credential} AS credential, ${c.version} AS credential_version FROM status_lists WHERE issuer_key = ? AND purpose = ?`)
    .get(issuerKey, purpose) as StatusListRow | undefined;
}

/**
 * Store a signed copy made from bits of `version`, only if the stored copy is older: a slower
 * signer of an older version must not overwrite a newer one.
 *
 * @example
 * ```ts
 * saveSignedStatusList(ctx.db, 'museum', 'revocation', 'profile', credential, row.bits_version);
 * ```
 */
export function saveSignedStatusList(db: Db, issuerKey: string, purpose: string, copy: StatusListCopy, credential: unknown, version: number): void {
  const c = COLUMNS[copy];
  db.prepare(`UPDATE status_lists SET ${c.credential} = ?, ${c.version} = ? WHERE issuer_key = ? AND purpose = ? AND ${c.version} < ?`).run(
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
 * forgetDidSignedStatusLists(ctx.db, 'museum');
 * ```
 */
export function forgetDidSignedStatusLists(db: Db, issuerKey: string): void {
  db.prepare('UPDATE status_lists SET did_credential = NULL, did_credential_version = 0 WHERE issuer_key = ?').run(issuerKey);
}
