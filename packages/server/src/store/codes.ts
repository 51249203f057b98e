import type { Sql } from '../sql/sql.js';

/**
 * Claim codes an older build stored in clear (hashes are 64 characters, codes 14).
 *
 * @example
 * ```ts
 * const clear = await listClearClaimCodes(sql); // [] once every code is hashed
 * ```
 */
export async function listClearClaimCodes(sql: Sql): Promise<string[]> {
  return (await sql.all<{ code: string }>('SELECT code FROM claim_codes WHERE length(code) <> 64')).map((r) => r.code);
}

/**
 * Replace a stored claim code by its hash, in the code table and in the credentials it issued.
 *
 * @example
 * ```ts
 * await replaceStoredClaimCode(sql, 'K7QM-W3RT-9XHP', hashClaimCode('K7QM-W3RT-9XHP'));
 * ```
 */
export async function replaceStoredClaimCode(sql: Sql, from: string, to: string): Promise<void> {
  await sql.run('UPDATE claim_codes SET code = ? WHERE code = ?', to, from);
  await sql.run('UPDATE credentials SET claim_code = ? WHERE claim_code = ?', to, from);
}

/**
 * A stored claim code (looked up by its hash).
 *
 * @example
 * ```ts
 * const row: ClaimCodeRow | undefined = await findClaimCode(ctx.sql, hashClaimCode(code));
 * ```
 */
export interface ClaimCodeRow {
  achievement_key: string;
  uses_left: number;
  expires_at: string | null;
}

/**
 * The claim code stored under this hash, or `undefined`.
 *
 * @example
 * ```ts
 * const row = await findClaimCode(ctx.sql, hashClaimCode('K7QM-W3RT-9XHP'));
 * ```
 */
export async function findClaimCode(sql: Sql, codeHash: string): Promise<ClaimCodeRow | undefined> {
  return await sql.get<ClaimCodeRow>('SELECT achievement_key, uses_left, expires_at FROM claim_codes WHERE code = ?', codeHash);
}

/**
 * Take one use of a claim code if it has one left; `false` when it had none. The conditional
 * decrement is the single source of truth for "exactly N uses".
 *
 * @example
 * ```ts
 * if (!await takeClaimCodeUse(ctx.sql, codeHash)) throw usedUp;
 * ```
 */
export async function takeClaimCodeUse(sql: Sql, codeHash: string): Promise<boolean> {
  return (await sql.run('UPDATE claim_codes SET uses_left = uses_left - 1 WHERE code = ? AND uses_left > 0', codeHash)).changes === 1;
}

/**
 * Give back a use taken by a claim that then failed.
 *
 * @example
 * ```ts
 * await returnClaimCodeUse(ctx.sql, codeHash);
 * ```
 */
export async function returnClaimCodeUse(sql: Sql, codeHash: string): Promise<void> {
  await sql.run('UPDATE claim_codes SET uses_left = uses_left + 1 WHERE code = ?', codeHash);
}

/**
 * Store a new claim code unless its hash is already taken; `false` on a collision.
 *
 * @example
 * ```ts
 * await insertClaimCode(ctx.sql, { codeHash, achievementKey: 'reading-club', uses: 1 }, isoNow(ctx));
 * ```
 */
export async function insertClaimCode(sql: Sql, code: { codeHash: string; achievementKey: string; uses: number; expiresAt?: string | null }, createdAt: string): Promise<boolean> {
  return (
    (await sql.run('INSERT INTO claim_codes (code, achievement_key, uses_total, uses_left, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', code.codeHash, code.achievementKey, code.uses, code.uses, code.expiresAt ?? null, createdAt)).changes === 1
  );
}
