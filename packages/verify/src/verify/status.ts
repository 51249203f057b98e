import { isColError } from '@citiesoflearning/core';
import { makeCheck, type Check } from './report.js';
import { asArray, hasType, idOf, isObj, type RunContext } from './context.js';
import { INCONCLUSIVE_CODES } from './messages.js';
import { checkDataIntegrity } from './checks/data-integrity.js';
import { checkValidity } from './checks/validity.js';
import { worst } from './checks/combine.js';
import { decodeStatusList, getStatusBit } from './primitives.js';
import { clip } from './fetcher.js';

type Json = Record<string, unknown>;
type ListResult = { ok: true; bits: Uint8Array; purpose: unknown } | { ok: false; check: Check };

/**
 * The `status` check for an OB 3.0 credential: every `credentialStatus` entry
 * (`BitstringStatusListEntry` / `StatusList2021Entry` for revocation and suspension,
 * `1EdTechRevocationList`). A status list credential is itself verified (proof, key, dates)
 * before it is believed; an unreachable or unverifiable list makes the check inconclusive.
 *
 * @example
 * ```ts
 * const check = await checkOb3Status(credential, ctx); // e.g. failed, code 'revoked'
 * ```
 */
export async function checkOb3Status(credential: Json, ctx: RunContext): Promise<Check> {
  const entries = asArray(credential.credentialStatus);
  if (entries.length === 0) return makeCheck('status', 'skipped', 'no-status');
  const checks: Check[] = [];
  for (const entry of entries) {
    if (!isObj(entry)) {
      checks.push(makeCheck('status', 'inconclusive', 'status-unsupported', 'The revocation information in this badge is damaged.'));
    } else if (hasType(entry, 'BitstringStatusListEntry') || hasType(entry, 'StatusList2021Entry')) {
      checks.push(await bitstringEntry(entry, ctx));
    } else if (hasType(entry, '1EdTechRevocationList')) {
      checks.push(await revocationListEntry(entry, credential, ctx));
    } else {
      checks.push(makeCheck('status', 'inconclusive', 'status-unsupported'));
    }
  }
  return worst(checks) as Check;
}

async function bitstringEntry(entry: Json, ctx: RunContext): Promise<Check> {
  const url = entry.statusListCredential;
  const purpose = entry.statusPurpose ?? 'revocation';
  const rawIndex = entry.statusListIndex;
  const index = typeof rawIndex === 'number' ? rawIndex : typeof rawIndex === 'string' && /^\d{1,10}$/.test(rawIndex) ? Number(rawIndex) : NaN;
  if (typeof url !== 'string' || !Number.isSafeInteger(index) || index < 0) {
    return makeCheck('status', 'inconclusive', 'status-list-invalid', 'The revocation information in this badge is incomplete.');
  }
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    return makeCheck('status', 'skipped', 'status-unsupported', `The badge has a status of a kind we do not check (${String(purpose)}).`);
  }
  let pending = ctx.lists.get(url) as Promise<ListResult> | undefined;
  if (!pending) {
    pending = loadBitstringList(url, ctx);
    ctx.lists.set(url, pending);
  }
  const list = await pending;
  if (!list.ok) return list.check;
  if (list.purpose !== undefined && list.purpose !== purpose) {
    return makeCheck('status', 'inconclusive', 'status-list-invalid', 'The revocation list is for a different purpose than the badge says.');
  }
  let set: boolean;
  try {
    set = getStatusBit(list.bits, index);
  } catch {
    return makeCheck('status', 'inconclusive', 'status-list-invalid', "The badge's place in the revocation list is outside the list.");
  }
  if (purpose === 'suspension') {
    return set ? makeCheck('status', 'failed', 'suspended') : makeCheck('status', 'passed', 'not-suspended', 'The issuer has not suspended this badge.');
  }
  return set ? makeCheck('status', 'failed', 'revoked') : makeCheck('status', 'passed', 'not-revoked');
}

async function loadBitstringList(url: string, ctx: RunContext): Promise<ListResult> {
  let list: unknown;
  try {
    list = await ctx.fetcher.json(url);
  } catch (error) {
    return { ok: false, check: unreachable(error) };
  }
  const invalid = (message: string): ListResult => ({
    ok: false,
    check: makeCheck('status', 'inconclusive', 'status-list-invalid', `${message} So we can't tell whether this badge was revoked.`),
  });
  if (!isObj(list) || !hasType(list, 'VerifiableCredential')) return invalid("The issuer's revocation list is not a credential.");
  if (!hasType(list, 'BitstringStatusListCredential') && !hasType(list, 'StatusList2021Credential')) {
    return invalid("The issuer's revocation list does not say it is a status list.");
  }
  const subject = asArray(list.credentialSubject).find(isObj);
  if (!subject || typeof subject.encodedList !== 'string') return invalid("The issuer's revocation list has no list in it.");
  const listIssuer = idOf(list.issuer);
  if (!listIssuer) return invalid("The issuer's revocation list does not say who published it.");
  const { proof, key } = await checkDataIntegrity(list, listIssuer, ctx);
  for (const c of [proof, key]) {
    if (c.outcome === 'failed') return invalid(`The issuer's revocation list has been changed or was not signed by its publisher (${c.code}).`);
    if (c.outcome === 'inconclusive') {
      return { ok: false, check: makeCheck('status', 'inconclusive', 'status-unreachable', `We couldn't check the issuer's revocation list: ${c.message}`) };
    }
  }
  const dates = checkValidity({ from: list.validFrom ?? list.issuanceDate, until: list.validUntil ?? list.expirationDate }, ctx.now);
  if (dates.outcome === 'failed') {
    const code = dates.code === 'expired' ? 'status-list-expired' : dates.code === 'not-yet-valid' ? 'status-list-not-yet-valid' : 'status-list-invalid';
    return { ok: false, check: makeCheck('status', 'inconclusive', code) };
  }
  try {
    const bits = await decodeStatusList(subject.encodedList, { maxBytes: ctx.options.maxBytes ?? 16 * 1024 * 1024 });
    return { ok: true, bits, purpose: subject.statusPurpose };
  } catch {
    return invalid("The issuer's revocation list is damaged.");
  }
}

async function revocationListEntry(entry: Json, credential: Json, ctx: RunContext): Promise<Check> {
  const url = entry.id;
  if (typeof url !== 'string') return makeCheck('status', 'inconclusive', 'status-list-invalid', 'The revocation information in this badge is incomplete.');
  let list: unknown;
  try {
    list = await ctx.fetcher.json(url);
  } catch (error) {
    return unreachable(error);
  }
  if (!isObj(list) || !Array.isArray(list.revokedCredentials)) {
    return makeCheck('status', 'inconclusive', 'status-list-invalid');
  }
  const id = credential.id;
  const hit = list.revokedCredentials.find((r) => isObj(r) && r.id === id && r.revoked !== false);
  if (typeof id === 'string' && hit) return makeCheck('status', 'failed', 'revoked');
  return makeCheck('status', 'passed', 'not-revoked');
}

/**
 * The `status` check for an OB 2.0 badge against its issuer's `revocationList` (matched by
 * assertion `id`, or legacy `uid`).
 *
 * @example
 * ```ts
 * await checkOb2RevocationList(hostedIssuer, assertion, ctx);
 * ```
 */
export async function checkOb2RevocationList(issuer: Json, assertion: Json, ctx: RunContext): Promise<Check> {
  const listRef = issuer.revocationList;
  if (listRef === undefined) return makeCheck('status', 'skipped', 'no-status');
  let list: unknown = listRef;
  if (typeof listRef === 'string') {
    try {
      list = await ctx.fetcher.json(listRef);
    } catch (error) {
      return unreachable(error);
    }
  }
  if (!isObj(list) || !Array.isArray(list.revokedAssertions)) return makeCheck('status', 'inconclusive', 'status-list-invalid');
  for (const item of list.revokedAssertions) {
    const hit =
      (typeof item === 'string' && item === assertion.id) ||
      (isObj(item) && ((item.id !== undefined && item.id === assertion.id) || (item.uid !== undefined && item.uid === assertion.uid)));
    if (hit) {
      const reason = isObj(item) && typeof item.revocationReason === 'string' ? item.revocationReason : undefined;
      return makeCheck('status', 'failed', 'revoked', reason ? `This badge has been revoked by its issuer. Reason given: ${reason}` : undefined);
    }
  }
  return makeCheck('status', 'passed', 'not-revoked');
}

function unreachable(error: unknown): Check {
  if (isColError(error) && INCONCLUSIVE_CODES.has(error.code)) {
    return makeCheck(
      'status',
      'inconclusive',
      'status-unreachable',
      `We couldn't reach the issuer's revocation list, so we can't tell whether it was revoked. (${error.message})`,
    );
  }
  if (isColError(error)) return makeCheck('status', 'inconclusive', 'status-list-invalid', `The issuer's revocation list is damaged: ${clip(error.message)}`);
  throw error;
}
