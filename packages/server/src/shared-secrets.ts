// Secrets every instance on one PostgreSQL database must share. Several instances behind a load
// balancer are one service: a credential signed by one must verify against the DID document
// another serves, and the admin key one accepts the others must accept too. So when the operator
// configures none, the first instance to start generates them and stores them in the database's
// `meta` table, and every later one reads them — never copied between machines by hand. Two
// instances starting at the same moment both offer a value; `claimMeta` keeps exactly one.
// (On SQLite nothing changes: one process, the key in a file in the data directory.)
import { ColError } from '@citiesoflearning/core';
import { generateKeyPair } from '@citiesoflearning/verify';
import type { Sql } from './sql/sql.js';
import { claimMeta } from './store/meta.js';
import { configuredSigningKey, randomToken, signingKeyFromJwk, type ServerKey } from './keys.js';

/** `meta` rows: the private JWK when the database made it, and the public `x` of whichever key is in use. */
const SIGNING_KEY = 'signing_key';
const SIGNING_KEY_PUBLIC = 'signing_key_public';
const ADMIN_KEY = 'admin_key';

function mismatch(): ColError {
  return new ColError(
    'signing-key-mismatch',
    'COL_SIGNING_KEY is not the signing key this database already uses (another instance set a different one, or generated one): every instance on one database must sign with the same key. Set the same COL_SIGNING_KEY on every instance, or unset it everywhere to use the stored one.',
  );
}

/**
 * The server-wide signing key shared by every instance on this PostgreSQL database.
 * `COL_SIGNING_KEY` still wins, but must be the key the database already records (else
 * `signing-key-mismatch`: signing under one DID with two keys would make half the credentials
 * fail to verify); the first instance records its public half. Without it, the stored private
 * key is used, or generated and stored by the first instance to start.
 *
 * @example
 * ```ts
 * const key = await sharedSigningKey(ctx.sql, process.env); // key.source: 'environment' | 'generated' | 'database'
 * ```
 */
export async function sharedSigningKey(sql: Sql, env: Record<string, string | undefined>): Promise<ServerKey> {
  const configured = configuredSigningKey(env);
  if (configured) {
    // Only the public half is recorded: an operator who keeps the key in a secret store has not
    // asked for it to be copied into the database (and its backups).
    const recorded = await claimMeta(sql, SIGNING_KEY_PUBLIC, configured.publicJwk.x!);
    if (recorded.value !== configured.publicJwk.x) throw mismatch();
    return configured;
  }
  const fresh = (await generateKeyPair('Ed25519')).privateJwk;
  // One transaction: the private key and its public record land together, or not at all.
  const { stored, created } = await sql.transaction(async (tx) => {
    const privateKey = await claimMeta(tx, SIGNING_KEY, JSON.stringify(fresh));
    const key = signingKeyFromJwk(JSON.parse(privateKey.value), privateKey.created ? 'generated' : 'database');
    const recorded = await claimMeta(tx, SIGNING_KEY_PUBLIC, key.publicJwk.x!);
    if (recorded.value !== key.publicJwk.x) {
      throw new ColError('signing-key-mismatch', 'This database records a signing key set with COL_SIGNING_KEY on another instance: set the same COL_SIGNING_KEY here.');
    }
    return { stored: key, created: privateKey.created };
  });
  return created ? stored : { ...stored, source: 'database' };
}

/**
 * The admin key shared by every instance on this PostgreSQL database: the configured one
 * (`COL_ADMIN_KEY`, checked by the caller) when given; else the stored one, generated and stored
 * by the first instance to start. `generated` is true only on that instance, so the key is
 * printed once, by the instance that made it.
 *
 * @example
 * ```ts
 * const { adminKey, generated } = await sharedAdminKey(ctx.sql);
 * if (generated) console.error(`admin key: ${adminKey}`);
 * ```
 */
export async function sharedAdminKey(sql: Sql): Promise<{ adminKey: string; generated: boolean }> {
  const { value, created } = await claimMeta(sql, ADMIN_KEY, `cola_${randomToken(24)}`);
  return { adminKey: value, generated: created };
}
