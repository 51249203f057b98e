// BitstringStatusList bookkeeping: one revocation and one suspension list per issuer, stored as
// raw bits with a version counter; the signed list credential is re-made whenever the bits move
// ahead of the last signed copy.
import { randomInt } from 'node:crypto';
import { setStatusBit } from '@citiesoflearning/verify';
import { ColError } from '@citiesoflearning/core';
import { HttpError } from './errors.js';
import { isoNow, urls, type ServerContext } from './context.js';
import type { Sql } from './sql/sql.js';
import { signStatusList } from './signing.js';
import { activeIssuerKey } from './issuer-keys.js';
import { countIssuerCredentials, statusIndexTaken } from './store/credentials.js';
import { issuerKeyIsListed } from './store/issuer-keys.js';
import { findStatusList, insertEmptyStatusList, readStatusBitsForUpdate, saveSignedStatusList, writeStatusBits } from './store/status-lists.js';

/**
 * Bits per list: 131,072 (16 KiB), the minimum the spec recommends for herd privacy.
 *
 * @example
 * ```ts
 * new Uint8Array(STATUS_LIST_BITS / 8); // an empty list
 * ```
 */
export const STATUS_LIST_BITS = 131_072;
/**
 * The two status purposes every credential carries.
 *
 * @example
 * ```ts
 * for (const purpose of PURPOSES) await currentStatusList(ctx, issuerKey, purpose);
 * ```
 */
export const PURPOSES = ['revocation', 'suspension'] as const;
/**
 * A status purpose.
 *
 * @example
 * ```ts
 * const p: Purpose = 'revocation';
 * ```
 */
export type Purpose = (typeof PURPOSES)[number];

/**
 * Create the issuer's empty lists (inside the caller's transaction).
 *
 * @example
 * ```ts
 * await ctx.sql.transaction((tx) => createStatusLists(tx, 'brightwater-libraries'));
 * ```
 */
export async function createStatusLists(sql: Sql, issuerKey: string): Promise<void> {
  for (const purpose of PURPOSES) await insertEmptyStatusList(sql, issuerKey, purpose, Buffer.alloc(STATUS_LIST_BITS / 8));
}

/**
 * A random free index in the issuer's lists (random, not sequential, so an index says nothing
 * about when or in what order a badge was issued). Call inside a transaction.
 *
 * @example
 * ```ts
 * const index = await allocateStatusIndex(tx, issuerKey, 'revocation_index');
 * ```
 */
export async function allocateStatusIndex(sql: Sql, issuerKey: string, column: 'revocation_index' | 'suspension_index'): Promise<number> {
  for (let attempt = 0; attempt < 64; attempt++) {
    const index = randomInt(STATUS_LIST_BITS);
    if (!(await statusIndexTaken(sql, issuerKey, column, index))) return index;
  }
  if ((await countIssuerCredentials(sql, issuerKey)) >= STATUS_LIST_BITS * 0.9) throw new HttpError(503, 'status-list-full', "This issuer's status list is full; the operator must add another issuer.");
  return await allocateStatusIndex(sql, issuerKey, column);
}

/**
 * Set or clear one bit (bit 0 = most significant bit of byte 0). Call inside a transaction: the
 * list's row stays locked from the read to the commit, so two transactions changing bits of one
 * list (two instances revoking at once) wait for each other and neither change is lost.
 *
 * @example
 * ```ts
 * await ctx.sql.transaction((tx) => writeStatusBit(tx, issuerKey, 'revocation', 4711, true));
 * ```
 */
export async function writeStatusBit(sql: Sql, issuerKey: string, purpose: Purpose, index: number, value: boolean): Promise<void> {
  const stored = await readStatusBitsForUpdate(sql, issuerKey, purpose);
  // Every issuer gets both lists when it is created: a missing one is a damaged database.
  if (!stored) throw new ColError('status-list-missing', `Issuer ${issuerKey} has no ${purpose} status list.`);
  const bits = new Uint8Array(stored);
  setStatusBit(bits, index, value);
  await writeStatusBits(sql, issuerKey, purpose, bits);
}

const signing = new Map<string, Promise<Record<string, unknown>>>();

/**
 * Which signed copy of a status list: `profile` (issuer = the https Profile, signed with the
 * server-wide key — what credentials issued before did:web point to, and what plain-http servers
 * still use) or `did` (issuer = the issuer's did:web, signed with its current key). Both copies
 * carry the same bits.
 *
 * @example
 * ```ts
 * const view: StatusListView = issuerIdentity(u, key).didWeb ? 'did' : 'profile';
 * ```
 */
export type StatusListView = 'profile' | 'did';

/**
 * The signed status list credential, re-signed first when its bits changed since the last
 * signature. Concurrent callers share one signing run.
 *
 * @example
 * ```ts
 * const list = await currentStatusList(ctx, 'brightwater-library', 'revocation');
 * ```
 */
export async function currentStatusList(ctx: ServerContext, issuerKey: string, purpose: Purpose, view: StatusListView = 'profile'): Promise<Record<string, unknown>> {
  const row = await findStatusList(ctx.sql, issuerKey, purpose, view);
  if (!row) throw new HttpError(404, 'not-found', 'No status list with that address exists here.');
  if (row.credential && row.credential_version >= row.bits_version) return JSON.parse(row.credential) as Record<string, unknown>;
  const u = urls(ctx.baseUrl);
  const signer =
    view === 'did'
      ? await (async () => {
          const key = await activeIssuerKey(ctx.sql, issuerKey);
          const did = u.issuerDid(issuerKey);
          return { id: u.issuerDidStatusList(issuerKey, purpose), issuer: did, key, kid: key.kid as string | undefined, method: `${did}#${key.kid}` };
        })()
      : { id: u.statusList(issuerKey, purpose), issuer: u.issuer(issuerKey), key: ctx.key, kid: undefined, method: u.issuerKeyId(issuerKey) };
  const flightKey = `${ctx.baseUrl}|${issuerKey}|${purpose}|${view}|${signer.method}|${row.bits_version}`;
  let flight = signing.get(flightKey);
  if (!flight) {
    flight = signStatusList(
      // Backdated a minute: a verifier whose clock is a little behind ours (or that read its own
      // clock just before fetching) must not see a freshly signed list as "not valid yet".
      { id: signer.id, issuer: signer.issuer, statusPurpose: purpose, bits: new Uint8Array(row.bits), validFrom: isoNow({ now: () => new Date(ctx.now().getTime() - 60_000) }) },
      signer.key,
      signer.method,
    ).then(async (credential) => {
      // The key was removed while we signed (removing it dropped the stored copy): a list signed
      // with it would fail every verifier, so sign again with the current key instead. Checked
      // in the transaction that saves, so a removal cannot land between the check and the save.
      // READ COMMITTED: the key check holds its row (issuerKeyIsListed) and the save is one
      // guarded statement, so saves racing revocations of the same list wait rather than abort.
      const saved = await ctx.sql.transaction(
        async (tx) => {
          if (signer.kid !== undefined && !(await issuerKeyIsListed(tx, issuerKey, signer.kid))) return false;
          // Only ever move forward: a slower signer of an older version must not overwrite a newer one.
          await saveSignedStatusList(tx, issuerKey, purpose, view, credential, row.bits_version);
          return true;
        },
        { isolation: 'read-committed' },
      );
      return saved ? credential : currentStatusList(ctx, issuerKey, purpose, view);
    });
    signing.set(flightKey, flight);
    flight.then(
      () => signing.delete(flightKey),
      () => signing.delete(flightKey),
    );
  }
  return flight;
}

/**
 * Sign both copies of both of an issuer's lists now (after creating the issuer), so the first
 * verifier does not wait for signing.
 *
 * @example
 * ```ts
 * await signStatusLists(ctx, 'brightwater-libraries');
 * ```
 */
export async function signStatusLists(ctx: ServerContext, issuerKey: string): Promise<void> {
  await Promise.all(PURPOSES.flatMap((purpose) => [currentStatusList(ctx, issuerKey, purpose, 'profile'), currentStatusList(ctx, issuerKey, purpose, 'did')]));
}
