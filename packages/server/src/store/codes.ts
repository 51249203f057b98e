import type { Db } from '../db.js';

/**
 * Claim codes an older build stored in clear (hashes are 64 characters, codes 14).
 *
 * @example
 * ```ts
 * const clear = listClearClaimCodes(db); // [] once every code is hashed
 * ```
 */
export function listClearClaimCodes(db: Db): string[] {
  return (db.prepare('SELECT code FROM claim_codes WHERE length(code) <> 64').all() as Array<{ code: string }>).map((r) => r.code);
}

/**
 * Replace a stored claim code by its hash, in the code table and in the credentials it issued.
 *
 * @example
 * ```ts
 * replaceStoredClaimCode(db, 'K7QM-W3RT-9XHP', hashClaimCode('K7QM-W3RT-9XHP'));
 * ```
 */
export function replaceStoredClaimCode(db: Db, from: string, to: string): void {
  db.prepare('UPDATE claim_codes SET code = ? WHERE code = ?').run(to, from);
  db.prepare('UPDATE credentials SET claim_code = ? WHERE claim_code = ?').run(to, from);
}

/**
 * A stored claim code (looked up by its hash).
 *
 * @example
 * ```ts
 * const row: ClaimCodeRow | undefined = findClaimCode(ctx.db, hashClaimCode(code));
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
 * const row = findClaimCode(ctx.db, hashClaimCode('K7QM-W3RT-9XHP'));
 * ```
 */
export function findClaimCode(db: Db, codeHash: string): ClaimCodeRow | undefined {
  return db.prepare('SELECT achievement_key, uses_left, expires_at FROM claim_codes WHERE code = ?').get(codeHash) as ClaimCodeRow | undefined;
}

/**
 * Take one use of a claim code if it has one left; `false` when it had none. The conditional
 * decrement is the single source of truth for "exactly N uses".
 *
 * @example
 * ```ts
 * if (!takeClaimCodeUse(ctx.db, codeHash)) throw usedUp;
 * ```
 */
export function takeClaimCodeUse(db: Db, codeHash: string): boolean {
  return db.prepare('UPDATE claim_codes SET uses_left = uses_left - 1 WHERE code = ? AND uses_left > 0').run(codeHash).changes === 1;
}

/**
 * Give back a use taken by a claim that then failed.
 *
 * @example
 * ```ts
 * returnClaimCodeUse(ctx.db, codeHash);
 * ```
 */
export function returnClaimCodeUse(db: Db, codeHash: string): void {
  db.prepare('UPDATE claim_codes SET uses_left = uses_left + 1 WHERE code = ?').run(codeHash);
}

/**
 * Store a new claim code unless its hash is already taken; `false` on a collision.
 *
 * @example
 * ```ts
 * insertClaimCode(ctx.db, { codeHash, achievementKey: 'reading-club', uses: 1 }, isoNow(ctx));
 * ```
 */
export function insertClaimCode(db: Db, code: { codeHash: string; achievementKey: string; uses: number; expiresAt?: string | null }, createdAt: string): boolean {
  return (
    db
      .prepare('INSERT OR IGNORE INTO claim_codes (code, achievement_key, uses_total, uses_left, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(code.codeHash, code.achievementKey, code.uses, code.uses, code.expiresAt ?? null, createdAt).changes === 1
  );
}
