import type { Db } from '../db.js';

/**
 * A stored, issued credential row.
 *
 * @example
 * ```ts
 * const row: CredentialRow | undefined = findIssuedCredential(ctx.db, 'abc');
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
 * const row = findIssuedCredential(ctx.db, 'abc');
 * ```
 */
export function findIssuedCredential(db: Db, key: string): CredentialRow | undefined {
  return db.prepare("SELECT * FROM credentials WHERE key = ? AND state = 'issued'").get(key) as CredentialRow | undefined;
}

/**
 * Record a revocation (the status bit is written by the caller in the same transaction).
 *
 * @example
 * ```ts
 * markCredentialRevoked(ctx.db, row.key, isoNow(ctx), 'Issued in error');
 * ```
 */
export function markCredentialRevoked(db: Db, key: string, at: string, reason: string | undefined): void {
  db.prepare('UPDATE credentials SET revoked_at = ?, revocation_reason = ? WHERE key = ?').run(at, reason ?? null, key);
}

/**
 * Record a suspension (the status bit is written by the caller in the same transaction).
 *
 * @example
 * ```ts
 * markCredentialSuspended(ctx.db, row.key, isoNow(ctx), 'Under review');
 * ```
 */
export function markCredentialSuspended(db: Db, key: string, at: string, reason: string | undefined): void {
  db.prepare('UPDATE credentials SET suspended_at = ?, suspension_reason = ? WHERE key = ?').run(at, reason ?? null, key);
}

/**
 * Clear a suspension.
 *
 * @example
 * ```ts
 * clearCredentialSuspension(ctx.db, row.key);
 * ```
 */
export function clearCredentialSuspension(db: Db, key: string): void {
  db.prepare('UPDATE credentials SET suspended_at = NULL, suspension_reason = NULL WHERE key = ?').run(key);
}

/**
 * Whether one of the issuer's credentials already holds this status index.
 *
 * @example
 * ```ts
 * if (!statusIndexTaken(ctx.db, 'museum', 'revocation_index', 4711)) use(4711);
 * ```
 */
export function statusIndexTaken(db: Db, issuerKey: string, column: 'revocation_index' | 'suspension_index', index: number): boolean {
  // The column is one of two fixed names (the parameter type allows no other), so it is safe to splice.
  const sql = column === 'revocation_index' ? 'SELECT 1 FROM credentials WHERE issuer_key = ? AND revocation_index = ?' : 'SELECT 1 FROM credentials WHERE issuer_key = ? AND suspension_index = ?';
  return db.prepare(sql).get(issuerKey, index) !== undefined;
}

/**
 * How many credentials the issuer has (issued or being signed).
 *
 * @example
 * ```ts
 * const n = countIssuerCredentials(ctx.db, 'museum');
 * ```
 */
export function countIssuerCredentials(db: Db, issuerKey: string): number {
  return (db.prepare('SELECT count(*) AS n FROM credentials WHERE issuer_key = ?').get(issuerKey) as { n: number }).n;
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
 * const [first]: SearchedCredentialRow[] = pageOfCredentials(ctx.db, filter, 100)('', '');
 * ```
 */
export type SearchedCredentialRow = CredentialRow & { changed: string; status_changed_at: string | null };

/**
 * A reader of issued credentials matching `filter`, `chunk` at a time, in order of last change
 * then key, strictly after the `(changed, key)` position it is given (`('', '')` from the start).
 *
 * @example
 * ```ts
 * const next = pageOfCredentials(ctx.db, { issuerKey: 'museum' }, 100);
 * const rows = next('', '');
 * ```
 */
export function pageOfCredentials(db: Db, filter: CredentialSearchFilter, chunk: number): (changed: string, key: string) => SearchedCredentialRow[] {
  const where = ["state = 'issued'"];
  const params: unknown[] = [];
  if (filter.issuerKey) (where.push('issuer_key = ?'), params.push(filter.issuerKey));
  if (filter.achievementKey) (where.push('achievement_key = ?'), params.push(filter.achievementKey));
  if (filter.since) (where.push('COALESCE(status_changed_at, issued_at) >= ?'), params.push(filter.since));
  if (filter.onlyWithSalt) where.push('recipient_salt IS NOT NULL');
  if (filter.revoked || filter.suspended) {
    where.push(`(${[filter.revoked ? 'revoked_at IS NOT NULL' : '', filter.suspended ? 'suspended_at IS NOT NULL' : ''].filter(Boolean).join(' OR ')})`);
  }
  // Only fixed SQL fragments are spliced; every value is a bound parameter (the chunk size is
  // a number the caller owns).
  const statement = db.prepare(
    `SELECT *, COALESCE(status_changed_at, issued_at) AS changed FROM credentials
      WHERE ${where.join(' AND ')} AND (COALESCE(status_changed_at, issued_at), key) > (?, ?)
      ORDER BY COALESCE(status_changed_at, issued_at), key LIMIT ${Math.trunc(chunk)}`,
  );
  return (changed, key) => statement.all(...params, changed, key) as SearchedCredentialRow[];
}

/**
 * Whether the credential with this key is issued (signed and stored).
 *
 * @example
 * ```ts
 * while (!credentialIsIssued(ctx.db, key)) await wait(50);
 * ```
 */
export function credentialIsIssued(db: Db, key: string): boolean {
  return db.prepare("SELECT 1 FROM credentials WHERE key = ? AND state = 'issued'").get(key) !== undefined;
}

/**
 * One page of issued credentials (oldest first) with the total, optionally one issuer's and
 * issued at or after `since`; only the signed credential JSON is returned.
 *
 * @example
 * ```ts
 * const { rows, total } = pageOfIssuedCredentials(ctx.db, { issuerKey: 'museum' }, { limit: 50, offset: 0 });
 * ```
 */
export function pageOfIssuedCredentials(
  db: Db,
  filter: { issuerKey?: string | undefined; since?: string | undefined },
  page: { limit: number; offset: number },
): { rows: Array<{ credential: string }>; total: number } {
  const where = ["state = 'issued'"];
  const args: unknown[] = [];
  if (filter.issuerKey !== undefined) (where.push('issuer_key = ?'), args.push(filter.issuerKey));
  if (filter.since) (where.push('issued_at >= ?'), args.push(filter.since));
  // Only the fixed fragments above are spliced; every value is a bound parameter.
  const clause = where.join(' AND ');
  const { n } = db.prepare(`SELECT count(*) AS n FROM credentials WHERE ${clause}`).get(...args) as { n: number };
  const rows = db.prepare(`SELECT credential FROM credentials WHERE ${clause} ORDER BY issued_at, key LIMIT ? OFFSET ?`).all(...args, page.limit, page.offset) as Array<{ credential: string }>;
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
 *
 * @example
 * ```ts
 * insertIssuingCredential(ctx.db, row);
 * ```
 */
export function insertIssuingCredential(db: Db, c: IssuingCredential): void {
  db.prepare(
    `INSERT INTO credentials (key, achievement_key, issuer_key, state, recipient_hash, recipient_salt, recipient_email,
       recipient_did, claim_code, source, revocation_index, suspension_index, issued_at)
     VALUES (?, ?, ?, 'issuing', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.key, c.achievementKey, c.issuerKey, c.recipientHash, c.recipientSalt, c.recipientEmail,
    c.recipientDid, c.claimCode, c.source, c.revocationIndex, c.suspensionIndex, c.issuedAt,
  );
}

/**
 * Turn a placeholder row into an issued credential with its signed forms.
 *
 * @example
 * ```ts
 * markCredentialIssued(ctx.db, key, signed.credential, signed.jwt);
 * ```
 */
export function markCredentialIssued(db: Db, key: string, credential: unknown, jwt: string): void {
  db.prepare("UPDATE credentials SET state = 'issued', credential = ?, jwt = ? WHERE key = ?").run(JSON.stringify(credential), jwt, key);
}

/**
 * Delete a placeholder row whose signing failed (an issued row with the same key is kept).
 *
 * @example
 * ```ts
 * deleteIssuingCredential(ctx.db, key);
 * ```
 */
export function deleteIssuingCredential(db: Db, key: string): void {
  db.prepare("DELETE FROM credentials WHERE key = ? AND state = 'issuing'").run(key);
}

/**
 * The placeholder rows a crash left behind, with the claim code each one used (if any).
 *
 * @example
 * ```ts
 * for (const row of listIssuingCredentials(ctx.db)) rollBack(row);
 * ```
 */
export function listIssuingCredentials(db: Db): Array<{ key: string; claim_code: string | null }> {
  return db.prepare("SELECT key, claim_code FROM credentials WHERE state = 'issuing'").all() as Array<{ key: string; claim_code: string | null }>;
}
