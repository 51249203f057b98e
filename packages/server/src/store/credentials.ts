import type { Sql, SqlValue } from '../sql/sql.js';
import { lockingRead } from './row-locks.js';

/**
 * A stored, issued credential row.
 *
 * @example
 * ```ts
 * const row: CredentialRow | undefined = await findIssuedCredential(ctx.sql, 'abc');
 * ```
 */
export interface CredentialRow {
  key: string;
  achievement_key: string;
  issuer_key: string;
  state: string;
  recipient_hash: string | null;
  recipient_salt: string | null;
  recipient_did: string | null;
  source: string;
  revocation_index: number;
  suspension_index: number;
  credential: string;
  jwt: string;
  issued_at: string;
  revoked_at: string | null;
  revocation_reason: string | null;
  suspended_at: string | null;
  suspension_reason: string | null;
}

/**
 * The issued credential with this key, or `undefined` (rows still being signed do not count).
 *
 * @example
 * ```ts
 * const row = await findIssuedCredential(ctx.sql, 'abc');
 * ```
 */
export async function findIssuedCredential(sql: Sql, key: string): Promise<CredentialRow | undefined> {
  return await sql.get<CredentialRow>("SELECT * FROM credentials WHERE key = ? AND state = 'issued'", key);
}

/**
 * An issued credential's row, locked until the transaction ends (on PostgreSQL; see
 * row-locks.ts), for a status change decided on what it says: two concurrent changes of one
 * credential take turns, and the second sees the first's. Call inside a transaction.
 *
 * @example
 * ```ts
 * const fresh = await lockIssuedCredential(tx, 'abc');
 * if (fresh && !fresh.revoked_at) await markCredentialRevoked(tx, 'abc', isoNow(ctx), reason);
 * ```
 */
export async function lockIssuedCredential(sql: Sql, key: string): Promise<CredentialRow | undefined> {
  // dialect: PostgreSQL locks the row; SQLite's single writer needs no lock.
  return await sql.get<CredentialRow>(`SELECT * FROM credentials WHERE key = ? AND state = 'issued'${lockingRead(sql, 'update')}`, key);
}

/**
 * Record a revocation (the status bit is written by the caller in the same transaction).
 *
 * @example
 * ```ts
 * await markCredentialRevoked(ctx.sql, row.key, isoNow(ctx), 'Issued in error');
 * ```
 */
export async function markCredentialRevoked(sql: Sql, key: string, at: string, reason: string | undefined): Promise<void> {
  await sql.run('UPDATE credentials SET revoked_at = ?, revocation_reason = ? WHERE key = ?', at, reason ?? null, key);
}

/**
 * Record a suspension (the status bit is written by the caller in the same transaction).
 *
 * @example
 * ```ts
 * await markCredentialSuspended(ctx.sql, row.key, isoNow(ctx), 'Under review');
 * ```
 */
export async function markCredentialSuspended(sql: Sql, key: string, at: string, reason: string | undefined): Promise<void> {
  await sql.run('UPDATE credentials SET suspended_at = ?, suspension_reason = ? WHERE key = ?', at, reason ?? null, key);
}

/**
 * Clear a suspension.
 *
 * @example
 * ```ts
 * await clearCredentialSuspension(ctx.sql, row.key);
 * ```
 */
export async function clearCredentialSuspension(sql: Sql, key: string): Promise<void> {
  await sql.run('UPDATE credentials SET suspended_at = NULL, suspension_reason = NULL WHERE key = ?', key);
}

/**
 * Whether one of the issuer's credentials already holds this status index.
 *
 * @example
 * ```ts
 * if (!await statusIndexTaken(ctx.sql, 'museum', 'revocation_index', 4711)) use(4711);
 * ```
 */
export async function statusIndexTaken(sql: Sql, issuerKey: string, column: 'revocation_index' | 'suspension_index', index: number): Promise<boolean> {
  // The column is one of two fixed names (the parameter type allows no other), so it is safe to splice.
  const text = column === 'revocation_index' ? 'SELECT 1 FROM credentials WHERE issuer_key = ? AND revocation_index = ?' : 'SELECT 1 FROM credentials WHERE issuer_key = ? AND suspension_index = ?';
  return await sql.get(text, issuerKey, index) !== undefined;
}

/**
 * How many credentials the issuer has (issued or being signed).
 *
 * @example
 * ```ts
 * const n = await countIssuerCredentials(ctx.sql, 'museum');
 * ```
 */
export async function countIssuerCredentials(sql: Sql, issuerKey: string): Promise<number> {
  return (await sql.get<{ n: number }>('SELECT count(*) AS n FROM credentials WHERE issuer_key = ?', issuerKey))!.n;
}

/**
 * What a credential search may filter on; every field is optional.
 *
 * @example
 * ```ts
 * const filter: CredentialSearchFilter = { issuerKey: 'museum', onlyWithSalt: true };
 * ```
 */
export interface CredentialSearchFilter {
  issuerKey?: string | undefined;
  achievementKey?: string | undefined;
  /** Changed (issued or status changed) at or after this ISO time. */
  since?: string | undefined;
  /** Only rows that can be matched to an email (a recipient salt is stored). */
  onlyWithSalt?: boolean;
  /** Keep only revoked and/or suspended rows (both `false`: no such narrowing). */
  revoked?: boolean;
  suspended?: boolean;
}

/**
 * An issued credential row with the time it last changed (the search's sort key).
 *
 * @example
 * ```ts
 * const [first]: SearchedCredentialRow[] = await pageOfCredentials(ctx.sql, filter, 100)('', '');
 * ```
 */
export type SearchedCredentialRow = CredentialRow & { changed: string; status_changed_at: string | null };

/**
 * A reader of issued credentials matching `filter`, `chunk` at a time, in order of last change
 * then key, strictly after the `(changed, key)` position it is given (`('', '')` from the start).
 *
 * @example
 * ```ts
 * const next = pageOfCredentials(ctx.sql, { issuerKey: 'museum' }, 100);
 * const rows = await next('', '');
 * ```
 */
export function pageOfCredentials(sql: Sql, filter: CredentialSearchFilter, chunk: number): (changed: string, key: string) => Promise<SearchedCredentialRow[]> {
  const where = ["state = 'issued'"];
  const params: SqlValue[] = [];
  if (filter.issuerKey) (where.push('issuer_key = ?'), params.push(filter.issuerKey));
  if (filter.achievementKey) (where.push('achievement_key = ?'), params.push(filter.achievementKey));
  if (filter.since) (where.push('COALESCE(status_changed_at, issued_at) >= ?'), params.push(filter.since));
  if (filter.onlyWithSalt) where.push('recipient_salt IS NOT NULL');
  if (filter.revoked || filter.suspended) {
    where.push(`(${[filter.revoked ? 'revoked_at IS NOT NULL' : '', filter.suspended ? 'suspended_at IS NOT NULL' : ''].filter(Boolean).join(' OR ')})`);
  }
  // Only fixed SQL fragments are spliced; every value is a bound parameter (the chunk size is
  // a number the caller owns).
  const text = `SELECT *, COALESCE(status_changed_at, issued_at) AS changed FROM credentials
      WHERE ${where.join(' AND ')} AND (COALESCE(status_changed_at, issued_at), key) > (?, ?)
      ORDER BY COALESCE(status_changed_at, issued_at), key LIMIT ${Math.trunc(chunk)}`;
  return (changed, key) => sql.all<SearchedCredentialRow>(text, ...params, changed, key);
}

/**
 * Whether the credential with this key is issued (signed and stored).
 *
 * @example
 * ```ts
 * while (!await credentialIsIssued(ctx.sql, key)) await wait(50);
 * ```
 */
export async function credentialIsIssued(sql: Sql, key: string): Promise<boolean> {
  return await sql.get("SELECT 1 FROM credentials WHERE key = ? AND state = 'issued'", key) !== undefined;
}

/**
 * One page of issued credentials (oldest first) with the total, optionally one issuer's and
 * issued at or after `since`; only the signed credential JSON is returned.
 *
 * @example
 * ```ts
 * const { rows, total } = await pageOfIssuedCredentials(ctx.sql, { issuerKey: 'museum' }, { limit: 50, offset: 0 });
 * ```
 */
export async function pageOfIssuedCredentials(
  sql: Sql,
  filter: { issuerKey?: string | undefined; since?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ rows: Array<{ credential: string }>; total: number }> {
  const where = ["state = 'issued'"];
  const args: SqlValue[] = [];
  if (filter.issuerKey !== undefined) (where.push('issuer_key = ?'), args.push(filter.issuerKey));
  if (filter.since) (where.push('issued_at >= ?'), args.push(filter.since));
  // Only the fixed fragments above are spliced; every value is a bound parameter.
  const clause = where.join(' AND ');
  const { n } = (await sql.get<{ n: number }>(`SELECT count(*) AS n FROM credentials WHERE ${clause}`, ...args))!;
  const rows = await sql.all<{ credential: string }>(`SELECT credential FROM credentials WHERE ${clause} ORDER BY issued_at, key LIMIT ? OFFSET ?`, ...args, page.limit, page.offset);
  return { rows, total: n };
}

/**
 * What the placeholder row of a credential being issued holds (everything but the signed forms).
 *
 * @example
 * ```ts
 * const row: IssuingCredential = { key, achievementKey: 'reading-club', issuerKey: 'library', source: 'admin',
 *   recipientHash: null, recipientSalt: null, recipientEmail: null, recipientDid: 'did:key:z6Mk…',
 *   claimCode: null, revocationIndex: 4, suspensionIndex: 9, issuedAt: isoNow(ctx) };
 * ```
 */
export interface IssuingCredential {
  key: string;
  achievementKey: string;
  issuerKey: string;
  source: string;
  recipientHash: string | null;
  recipientSalt: string | null;
  recipientEmail: string | null;
  recipientDid: string | null;
  claimCode: string | null;
  revocationIndex: number;
  suspensionIndex: number;
  issuedAt: string;
}

/**
 * Store the placeholder row of a credential about to be signed (state `issuing`): it holds the
 * status indexes so no other issue takes them, and it is rolled back if signing never finishes.
 * Returns whether the row was written (always, unless `unlessTaken` and a key or index is taken).
 *
 * @example
 * ```ts
 * await insertIssuingCredential(ctx.sql, row);
 * ```
 */
export async function insertIssuingCredential(sql: Sql, c: IssuingCredential, options: { unlessTaken?: boolean } = {}): Promise<boolean> {
  // `unlessTaken`: a status index another issue took since we looked (on PostgreSQL, another
  // instance or connection) makes this a no-op returning false, for the caller to pick again,
  // instead of a unique violation that would fail the whole issue.
  const { changes } = await sql.run(
    `INSERT INTO credentials (key, achievement_key, issuer_key, state, recipient_hash, recipient_salt, recipient_email,
       recipient_did, claim_code, source, revocation_index, suspension_index, issued_at)
     VALUES (?, ?, ?, 'issuing', ?, ?, ?, ?, ?, ?, ?, ?, ?)${options.unlessTaken ? ' ON CONFLICT DO NOTHING' : ''}`,
    c.key, c.achievementKey, c.issuerKey, c.recipientHash, c.recipientSalt, c.recipientEmail,
    c.recipientDid, c.claimCode, c.source, c.revocationIndex, c.suspensionIndex, c.issuedAt,
  );
  return changes === 1;
}

/**
 * Turn a placeholder row into an issued credential with its signed forms.
 *
 * @example
 * ```ts
 * await markCredentialIssued(ctx.sql, key, signed.credential, signed.jwt);
 * ```
 */
export async function markCredentialIssued(sql: Sql, key: string, credential: unknown, jwt: string): Promise<boolean> {
  const { changes } = await sql.run("UPDATE credentials SET state = 'issued', credential = ?, jwt = ? WHERE key = ? AND state = 'issuing'", JSON.stringify(credential), jwt, key);
  return changes === 1;
}

/**
 * Delete a placeholder row whose signing failed (an issued row with the same key is kept).
 *
 * @example
 * ```ts
 * await deleteIssuingCredential(ctx.sql, key);
 * ```
 */
export async function deleteIssuingCredential(sql: Sql, key: string): Promise<boolean> {
  return (await sql.run("DELETE FROM credentials WHERE key = ? AND state = 'issuing'", key)).changes === 1;
}

/**
 * The placeholder rows a crash left behind, with the claim code each one used (if any): all of
 * them, or only those reserved before `issuedBefore` (an ISO time).
 *
 * @example
 * ```ts
 * for (const row of await listIssuingCredentials(ctx.sql)) rollBack(row);
 * ```
 */
export async function listIssuingCredentials(sql: Sql, issuedBefore?: string): Promise<Array<{ key: string; claim_code: string | null }>> {
  return await sql.all<{ key: string; claim_code: string | null }>(
    "SELECT key, claim_code FROM credentials WHERE state = 'issuing' AND (CAST(? AS TEXT) IS NULL OR issued_at < ?)",
    issuedBefore ?? null,
    issuedBefore ?? null,
  );
}
