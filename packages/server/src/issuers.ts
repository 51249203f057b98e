// Issuers as the rest of the server uses them: loading one (or a 404), creating one with its
// signing key and status lists, and minting provider keys. Routes and the demo seed share these.
import { isoNow, type ServerContext } from './context.js';
import type { Sql } from './sql/sql.js';
import type { IssuerRow } from './documents.js';
import { HttpError, notFound } from './errors.js';
import { slugify } from './http.js';
import { randomToken } from './keys.js';
import { createStatusLists } from './status.js';
import { addIssuerKey } from './issuer-keys.js';
import { findIssuer, insertIssuer, issuerExists } from './store/issuers.js';
import { insertProviderKey } from './store/provider-keys.js';

/**
 * Load an issuer or 404.
 *
 * @example
 * ```ts
 * const issuer = await loadIssuer(ctx.sql, 'brightwater-libraries');
 * ```
 */
export async function loadIssuer(sql: Sql, key: string): Promise<IssuerRow> {
  const row = await findIssuer(sql, key);
  if (!row) throw notFound('issuer');
  return row;
}

/**
 * Create an issuer (its signing key and empty status lists) inside a transaction; used by the route and the
 * demo seed. Throws 409 when the key is taken.
 *
 * @example
 * ```ts
 * await createIssuer(ctx, { key: 'museum', name: 'Brightwater Museum', url: 'https://museum.example' });
 * ```
 */
export async function createIssuer(ctx: ServerContext, input: { key?: string; name: string; url: string; email?: string; description?: string; image?: string }): Promise<IssuerRow> {
  const key = input.key ?? slugify(input.name);
  return ctx.sql.transaction(async (tx) => {
    if (await issuerExists(tx, key)) throw new HttpError(409, 'already-exists', `An issuer with key "${key}" already exists.`);
    await insertIssuer(tx, { ...input, key }, isoNow(ctx));
    await createStatusLists(tx, key);
    // Its own signing key from the start: no issuer ever signs with another issuer's key.
    await addIssuerKey(tx, key, isoNow(ctx));
    return await loadIssuer(tx, key);
  });
}

/**
 * Mint a provider API key for an issuer (stored as a SHA-256 hash; the secret is returned once).
 *
 * @example
 * ```ts
 * const { key } = await createProviderKey(ctx, 'museum', 'CMS'); // shown once
 * ```
 */
export async function createProviderKey(ctx: ServerContext, issuerKey: string, label?: string): Promise<{ id: string; issuer: string; key: string }> {
  const id = randomToken(9);
  const secret = `colp_${randomToken(24)}`;
  await ctx.sql.transaction(async (tx) => {
    await insertProviderKey(tx, { id, issuerKey, secret, ...(label !== undefined ? { label } : {}) }, isoNow(ctx));
  });
  return { id, issuer: issuerKey, key: secret };
}
