// Claim codes are stored only as SHA-256 hashes (like provider keys): a copy of the database
// (a backup, a stolen disk) does not hand out the codes still waiting to be redeemed. The code
// is shown once, when it is created.
import { createHash } from 'node:crypto';
import type { Sql } from './sql/sql.js';
import { listClearClaimCodes, replaceStoredClaimCode } from './store/codes.js';

/**
 * The stored form of a normalized claim code.
 *
 * @example
 * ```ts
 * const stored = hashClaimCode('K7QM-W3RT-9XHP'); // 64 hex characters
 * ```
 */
export function hashClaimCode(code: string): string {
  return createHash('sha256').update(`claim-code|${code}`, 'utf8').digest('hex');
}

/**
 * Replace codes an older build stored in clear (and the copies kept with the credentials they
 * issued) by their hashes, in one transaction. Hashes are 64 characters, codes 14, so running it
 * again changes nothing.
 *
 * @example
 * ```ts
 * await hashStoredClaimCodes(ctx.sql); // 0 once every code is hashed
 * ```
 */
export async function hashStoredClaimCodes(sql: Sql): Promise<number> {
  return sql.transaction(async (tx) => {
    const clear = await listClearClaimCodes(tx);
    for (const code of clear) await replaceStoredClaimCode(tx, code, hashClaimCode(code));
    return clear.length;
  });
}

/**
 * Canonical form of a typed code: upper-case, separators ignored.
 *
 * @example
 * ```ts
 * normalizeClaimCode('k7qm w3rt 9xhp'); // 'K7QM-W3RT-9XHP'
 * ```
 */
export function normalizeClaimCode(code: string): string {
  const s = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return s.length === 12 ? `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}` : s;
}
