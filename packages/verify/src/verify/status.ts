import { isColError } from '@citiesoflearning/core';
import { makeCheck, sourceOf, type Check } from './report.js';
import type { RunContext } from './context.js';
import { INCONCLUSIVE_CODES, causeOf, type MessageKey, type MessageRef } from './messages.js';
import { checkDataIntegrity } from './checks/data-integrity.js';
import { checkValidity } from './checks/validity.js';
import { worst } from './checks/combine.js';
import { decodeStatusList, getStatusBit } from './primitives.js';
import { isRecord, asArray, idOf, hasType } from '../internal/guards.js';

type Json = Record<string, unknown>;

/**
 * Default cap on `credentialStatus` entries checked per credential: 4 (revocation and suspension,
 * in two list formats, is the most a genuine badge needs).
 *
 * @example
 * ```ts
 * await verify(input, { maxStatusEntries: DEFAULT_MAX_STATUS_ENTRIES });
 * ```
 */
export const DEFAULT_MAX_STATUS_ENTRIES = 4;
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
  // Each entry can cost a fetch and a signature check: a badge may not make us do unbounded work.
  const cap = ctx.options.maxStatusEntries ?? DEFAULT_MAX_STATUS_ENTRIES;
  if (entries.length > cap) return makeCheck('status', 'inconclusive', 'status-too-many', { n: cap });
  const checks: Check[] = [];
  for (const entry of entries) {
    if (!isRecord(entry)) {
      checks.push(makeCheck('status', 'inconclusive', 'status-unsupported', undefined, 'status.entry-damaged'));
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
    return makeCheck('status', 'inconclusive', 'status-list-invalid', undefined, 'status.entry-incomplete');
  }
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    return makeCheck('status', 'skipped', 'status-unsupported', { purpose: String(purpose).slice(0, 40) }, 'status.purpose-unchecked');
  }
  let pending = ctx.lists.get(url) as Promise<ListResult> | undefined;
  if (!pending) {
    pending = loadBitstringList(url, ctx);
    ctx.lists.set(url, pending);
  }
  const list = await pending;
  if (!list.ok) return list.check;
  if (list.purpose !== undefined && list.purpose !== purpose) {
    return makeCheck('status', 'inconclusive', 'status-list-invalid', undefined, 'status.wrong-purpose');
  }
  let set: boolean;
  try {
    set = getStatusBit(list.bits, index);
  } catch (error) {
    if (!isColError(error)) throw error;
    return makeCheck('status', 'inconclusive', 'status-list-invalid', undefined, 'status.index-outside');
  }
  if (purpose === 'suspension') {
    return set ? makeCheck('status', 'failed', 'suspended') : makeCheck('status', 'passed', 'not-suspended');
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
  const invalid = (detail: MessageKey): ListResult => ({
    ok: false,
    check: makeCheck('status', 'inconclusive', 'status-list-invalid', { detail: { ref: detail } }),
  });
  if (!isRecord(list) || !hasType(list, 'VerifiableCredential')) return invalid('list.not-credential');
  if (!hasType(list, 'BitstringStatusListCredential') && !hasType(list, 'StatusList2021Credential')) {
    return invalid('list.not-status-list');
  }
  const subject = asArray(list.credentialSubject).find(isRecord);
  if (!subject || typeof subject.encodedList !== 'string') return invalid('list.empty');
  const listIssuer = idOf(list.issuer);
  if (!listIssuer) return invalid('list.no-issuer');
  const { proof, key } = await checkDataIntegrity(list, listIssuer, ctx);
  for (const c of [proof, key]) {
    if (c.outcome === 'failed') return invalid('list.tampered');
    if (c.outcome === 'inconclusive') {
      const source = sourceOf(c);
      const cause: MessageRef = source ? { ref: source.key, ...(source.params ? { params: source.params } : {}) } : { ref: 'unknown' };
      return { ok: false, check: makeCheck('status', 'inconclusive', 'status-unreachable', { cause }, 'status.list-unchecked') };
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
  } catch (error) {
    if (!isColError(error)) throw error;
    return invalid('list.damaged');
  }
}

async function revocationListEntry(entry: Json, credential: Json, ctx: RunContext): Promise<Check> {
  const url = entry.id;
  if (typeof url !== 'string') return makeCheck('status', 'inconclusive', 'status-list-invalid', undefined, 'status.entry-incomplete');
  let list: unknown;
  try {
    list = await ctx.fetcher.json(url);
  } catch (error) {
    return unreachable(error);
  }
  if (!isRecord(list) || !Array.isArray(list.revokedCredentials)) {
    return makeCheck('status', 'inconclusive', 'status-list-invalid');
  }
  const id = credential.id;
  const hit = list.revokedCredentials.find((r) => isRecord(r) && r.id === id && r.revoked !== false);
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
  if (!isRecord(list) || !Array.isArray(list.revokedAssertions)) return makeCheck('status', 'inconclusive', 'status-list-invalid');
  for (const item of list.revokedAssertions) {
    const hit =
      (typeof item === 'string' && item === assertion.id) ||
      (isRecord(item) && ((item.id !== undefined && item.id === assertion.id) || (item.uid !== undefined && item.uid === assertion.uid)));
    if (hit) {
      const reason = isRecord(item) && typeof item.revocationReason === 'string' ? item.revocationReason : undefined;
      return makeCheck('status', 'failed', 'revoked', { reason: reason?.slice(0, 500) });
    }
  }
  return makeCheck('status', 'passed', 'not-revoked');
}

function unreachable(error: unknown): Check {
  if (isColError(error) && INCONCLUSIVE_CODES.has(error.code)) {
    return makeCheck('status', 'inconclusive', 'status-unreachable', { cause: causeOf(error) });
  }
  if (isColError(error)) return makeCheck('status', 'inconclusive', 'status-list-invalid', { detail: causeOf(error) });
  throw error;
}
