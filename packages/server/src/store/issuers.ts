import type { Db } from '../db.js';
import type { IssuerRow } from '../documents.js';

/**
 * The fields a new issuer is stored with (everything but its creation time).
 *
 * @example
 * ```ts
 * const input: NewIssuer = { key: 'museum', name: 'Brightwater Museum', url: 'https://museum.example' };
 * ```
 */
export interface NewIssuer {
  key: string;
  name: string;
  url: string;
  email?: string;
  description?: string;
  image?: string;
}

/**
 * The stored issuer with this key, or `undefined`.
 *
 * @example
 * ```ts
 * const row = findIssuer(ctx.db, 'museum');
 * ```
 */
export function findIssuer(db: Db, key: string): IssuerRow | undefined {
  return db.prepare('SELECT * FROM issuers WHERE key = ?').get(key) as IssuerRow | undefined;
}

/**
 * Whether an issuer with this key exists.
 *
 * @example
 * ```ts
 * if (issuerExists(ctx.db, 'museum')) throw conflict;
 * ```
 */
export function issuerExists(db: Db, key: string): boolean {
  return db.prepare('SELECT 1 FROM issuers WHERE key = ?').get(key) !== undefined;
}

/**
 * Every issuer, by name (the order the issuer list shows).
 *
 * @example
 * ```ts
 * const rows = listIssuersByName(ctx.db);
 * ```
 */
export function listIssuersByName(db: Db): IssuerRow[] {
  return db.prepare('SELECT * FROM issuers ORDER BY name, key').all() as IssuerRow[];
}

/**
 * Every issuer's key, sorted (the order the JWKS lists them in).
 *
 * @example
 * ```ts
 * const keys = listIssuerKeysSorted(ctx.db); // ['library', 'museum']
 * ```
 */
export function listIssuerKeysSorted(db: Db): string[] {
  return (db.prepare('SELECT key FROM issuers ORDER BY key').all() as Array<{ key: string }>).map((r) => r.key);
}

/**
 * Store a new issuer row (no keys or status lists: the caller creates those in the same
 * transaction).
 *
 * @example
 * ```ts
 * insertIssuer(ctx.db, { key: 'museum', name: 'Brightwater Museum', url: 'https://museum.example' }, isoNow(ctx));
 * ```
 */
export function insertIssuer(db: Db, input: NewIssuer, createdAt: string): void {
  db.prepare('INSERT INTO issuers (key, name, url, email, description, image, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    input.key,
    input.name,
    input.url,
    input.email ?? null,
    input.description ?? null,
    input.image ?? null,
    createdAt,
  );
}
