// Per-issuer Ed25519 signing keys. Each issuer signs with its own key, so one provider's key
// compromise does not taint the others; rotation adds a key (new credentials use the newest),
// and older keys stay published — so their credentials keep verifying — until removed.
// Private keys live only in the database (same file permissions as the rest of the data) and
// are erased when a key is removed; no route ever returns one.
import { generateKeyPairSync } from 'node:crypto';
import { jwkToMultibase } from '@citiesoflearning/verify';
import { ColError } from '@citiesoflearning/core';
import { HttpError } from './errors.js';
import { isoNow, type ServerContext } from './context.js';
import type { Sql } from './sql/sql.js';
import { forgetDidSignedStatusLists } from './store/status-lists.js';
import { insertIssuerKey, issuersWithoutLiveKey, listLiveIssuerKeyRows, markIssuerKeyRemoved, newestLiveIssuerKeyRow, nextIssuerKeySeq } from './store/issuer-keys.js';

/**
 * One issuer key as published (no private part).
 *
 * @example
 * ```ts
 * const [current]: PublishedIssuerKey[] = await listedIssuerKeys(ctx.sql, 'museum');
 * ```
 */
export interface PublishedIssuerKey {
  /** The fragment that names the key in the DID document / Profile: its multibase (`z6Mk…`). */
  kid: string;
  publicKeyMultibase: string;
  created: string;
}

/**
 * The key an issuer signs new credentials with.
 *
 * @example
 * ```ts
 * const { kid, privateJwk } = await activeIssuerKey(ctx.sql, 'museum');
 * ```
 */
export interface ActiveIssuerKey extends PublishedIssuerKey {
  privateJwk: JsonWebKey;
}

/** A fresh Ed25519 key pair, synchronously (so it can be made inside a SQLite transaction). */
function freshKey(): { privateJwk: JsonWebKey; publicKeyMultibase: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as JsonWebKey;
  const privateJwk: JsonWebKey = { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d! };
  return { privateJwk, publicKeyMultibase: jwkToMultibase({ kty: 'OKP', crv: 'Ed25519', x: jwk.x! }) };
}

/**
 * Generate and store a new key for an issuer; it becomes the one new credentials are signed with.
 * Call inside a transaction when it must commit together with other writes.
 *
 * @example
 * ```ts
 * const added = await ctx.sql.transaction((tx) => addIssuerKey(tx, 'museum', isoNow(ctx))); // added.kid === added.publicKeyMultibase
 * ```
 */
export async function addIssuerKey(sql: Sql, issuerKey: string, created: string): Promise<PublishedIssuerKey> {
  const { privateJwk, publicKeyMultibase } = freshKey();
  const seq = await nextIssuerKeySeq(sql, issuerKey);
  await insertIssuerKey(sql, { issuerKey, kid: publicKeyMultibase, seq, privateJwk, publicMultibase: publicKeyMultibase, createdAt: created });
  return { kid: publicKeyMultibase, publicKeyMultibase, created };
}

/**
 * Every key the issuer still publishes, oldest first (removed keys are left out).
 *
 * @example
 * ```ts
 * const keys = await listedIssuerKeys(ctx.sql, 'museum'); // goes into the DID document
 * ```
 */
export async function listedIssuerKeys(sql: Sql, issuerKey: string): Promise<PublishedIssuerKey[]> {
  return (await listLiveIssuerKeyRows(sql, issuerKey)).map((r) => ({ kid: r.kid, publicKeyMultibase: r.public_multibase, created: r.created_at }));
}

/**
 * The issuer's newest published key, with its private part, for signing.
 *
 * @example
 * ```ts
 * const key = await activeIssuerKey(ctx.sql, 'museum');
 * await signAward(unsigned, key, `${u.issuerDid('museum')}#${key.kid}`);
 * ```
 */
export async function activeIssuerKey(sql: Sql, issuerKey: string): Promise<ActiveIssuerKey> {
  const row = await newestLiveIssuerKeyRow(sql, issuerKey);
  // Start-up gives every issuer a key and the newest cannot be removed: none is a damaged database.
  if (!row || !row.private_jwk) throw new ColError('issuer-key-missing', `Issuer ${issuerKey} has no signing key.`);
  return { kid: row.kid, publicKeyMultibase: row.public_multibase, created: row.created_at, privateJwk: JSON.parse(row.private_jwk) as JsonWebKey };
}

/**
 * Stop publishing a key and erase its private part. Credentials signed with it stop verifying:
 * that is the point when it leaked. The issuer's DID-signed status lists are dropped with it (they
 * are re-signed with the current key on next request). The issuer's newest key cannot be removed
 * (rotate first).
 *
 * @example
 * ```ts
 * await ctx.sql.transaction((tx) => addIssuerKey(tx, 'museum', isoNow(ctx))); // rotate
 * await removeIssuerKey(ctx, 'museum', oldKid);    // then retire the old key
 * ```
 */
export async function removeIssuerKey(ctx: ServerContext, issuerKey: string, kid: string): Promise<void> {
  await ctx.sql.transaction(async (tx) => {
    const listed = await listedIssuerKeys(tx, issuerKey);
    const index = listed.findIndex((k) => k.kid === kid);
    if (index < 0) throw new HttpError(404, 'not-found', 'This issuer publishes no key with that id.');
    if (index === listed.length - 1) {
      throw new HttpError(409, 'key-in-use', 'This is the key new credentials are signed with: add a new key first (POST …/keys), then remove this one.');
    }
    await markIssuerKeyRemoved(tx, issuerKey, kid, isoNow(ctx));
    // Status lists signed with it must not be served any more: they are re-signed on next request.
    await forgetDidSignedStatusLists(tx, issuerKey);
  });
}

/**
 * Give every issuer without a key one (issuers created before per-issuer keys existed).
 * Returns how many keys were made.
 *
 * @example
 * ```ts
 * await ensureIssuerKeys(ctx); // at start-up
 * ```
 */
export async function ensureIssuerKeys(ctx: ServerContext): Promise<number> {
  return ctx.sql.transaction(async (tx) => {
    const missing = await issuersWithoutLiveKey(tx);
    for (const key of missing) await addIssuerKey(tx, key, isoNow(ctx));
    return missing.length;
  });
}
