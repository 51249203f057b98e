import type { Sql } from '../sql/sql.js';
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
 * const row = await findIssuer(ctx.sql, 'museum');
 * ```
 */
export async function findIssuer(sql: Sql, key: string): Promise<IssuerRow | undefined> {
  return await sql.get<IssuerRow>('SELECT * FROM issuers WHERE key = ?', key);
}

/**
 * Whether an issuer with this key exists.
 *
 * @example
 * ```ts
 * if (await issuerExists(ctx.sql, 'museum')) throw conflict;
 * ```
 */
export async function issuerExists(sql: Sql, key: string): Promise<boolean> {
  return await sql.get('SELECT 1 FROM issuers WHERE key = ?', key) !== undefined;
}

/**
 * Every issuer, by name (the order the issuer list shows).
 *
 * @example
 * ```ts
 * const rows = await listIssuersByName(ctx.sql);
 * ```
 */
export async function listIssuersByName(sql: Sql): Promise<IssuerRow[]> {
  return await sql.all<IssuerRow>('SELECT * FROM issuers ORDER BY name, key');
}

/**
 * Every issuer's key, sorted (the order the JWKS lists them in).
 *
 * @example
 * ```ts
 * const keys = await listIssuerKeysSorted(ctx.sql); // ['library', 'museum']
 * ```
 */
export async function listIssuerKeysSorted(sql: Sql): Promise<string[]> {
  return (await sql.all<{ key: string }>('SELECT key FROM issuers ORDER BY key')).map((r) => r.key);
}

/**
 * Store a new issuer row (no keys or status lists: the caller creates those in the same
 * transaction).
 *
 * @example
 * ```ts
 * await insertIssuer(ctx.sql, { key: 'museum', name: 'Brightwater Museum', url: 'https://museum.example' }, isoNow(ctx));
 * ```
 */
export async function insertIssuer(sql: Sql, input: NewIssuer, createdAt: string): Promise<void> {
  await sql.run(
    'INSERT INTO issuers (key, name, url, email, description, image, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    input.key,
    input.name,
    input.url,
    input.email ?? null,
    input.description ?? null,
    input.image ?? null,
    createdAt,
  );
}
