// Opportunities as the API creates them: checked input, the provider's own, a free key. Used by
// the opportunity routes and the demo seeding.
import { findOpportunity, insertOpportunity, opportunityExists, type OpportunityRow } from './store/opportunities.js';
import { achievementExists } from './store/achievements.js';
import { isoNow, urls, type ServerContext } from './context.js';
import { HttpError, badRequest } from './errors.js';
import { assertMayActFor, checkKey, field, keyFromReference, slugify, type Principal } from './http.js';
import { randomToken } from './keys.js';
import { loadIssuer } from './issuers.js';

/**
 * How an opportunity is delivered.
 *
 * @example
 * ```ts
 * if (!OPPORTUNITY_MODES.includes(mode)) throw badRequest('Unknown mode.');
 * ```
 */
export const OPPORTUNITY_MODES = ['in-person', 'online', 'blended'];

/**
 * The API view of a stored opportunity.
 *
 * @example
 * ```ts
 * c.json(await presentOpportunity(ctx, row));
 * ```
 */
export async function presentOpportunity(ctx: ServerContext, row: OpportunityRow): Promise<Record<string, unknown>> {
  const u = urls(ctx.baseUrl);
  return {
    id: u.opportunity(row.key),
    key: row.key,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    provider: { id: u.issuer(row.issuer_key), key: row.issuer_key, name: (await loadIssuer(ctx.sql, row.issuer_key)).name },
    ...(row.achievement_key ? { achievement: u.achievement(row.achievement_key) } : {}),
    skills: JSON.parse(row.skills) as string[],
    mode: row.mode,
    ...(row.area_code ? { areaCode: row.area_code } : {}),
    ...(row.latitude !== null && row.longitude !== null ? { location: { latitude: row.latitude, longitude: row.longitude } } : {}),
    ...(row.starts_at ? { startsAt: row.starts_at } : {}),
    ...(row.ends_at ? { endsAt: row.ends_at } : {}),
    ...(row.booking_url ? { bookingUrl: row.booking_url } : {}),
  };
}

/**
 * Create an opportunity (route and demo seed).
 *
 * @example
 * ```ts
 * await createOpportunity(ctx, { kind: 'admin' }, { provider: 'museum', title: 'Fossil walk', mode: 'in-person' });
 * ```
 */
export async function createOpportunity(ctx: ServerContext, who: Principal, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const issuerKey = who.kind === 'provider' ? (checkKey(body.provider, 'provider') ?? who.issuerKey) : checkKey(body.provider, 'provider');
  if (!issuerKey) throw badRequest('"provider" (the issuer key running this opportunity) is required.');
  assertMayActFor(who, issuerKey);
  await loadIssuer(ctx.sql, issuerKey);
  const title = field.string(body, 'title', { required: true, max: 300 })!;
  const description = field.string(body, 'description', { max: 4000 });
  const mode = field.string(body, 'mode', { max: 20 }) ?? 'in-person';
  if (!OPPORTUNITY_MODES.includes(mode)) throw badRequest(`"mode" must be one of ${OPPORTUNITY_MODES.join(', ')}.`);
  const areaCode = field.string(body, 'areaCode', { max: 20 });
  if (areaCode && !/^[A-Z]\d{8}$/.test(areaCode)) throw badRequest('"areaCode" must be an ONS area code such as E06000023.');
  let latitude: number | null = null;
  let longitude: number | null = null;
  if (body.location !== undefined) {
    const loc = body.location as Record<string, unknown> | null;
    if (!loc || typeof loc.latitude !== 'number' || typeof loc.longitude !== 'number' || Math.abs(loc.latitude) > 90 || Math.abs(loc.longitude) > 180) {
      throw badRequest('"location" must be {"latitude", "longitude"} in degrees.');
    }
    latitude = loc.latitude;
    longitude = loc.longitude;
  }
  const startsAt = field.date(body, 'startsAt');
  const endsAt = field.date(body, 'endsAt');
  if (startsAt && endsAt && endsAt < startsAt) throw badRequest('"endsAt" is before "startsAt".');
  const bookingUrl = field.url(body, 'bookingUrl');
  const skills = field.strings(body, 'skills') ?? [];
  let achievementKey: string | null = null;
  if (typeof body.achievement === 'string') {
    achievementKey = keyFromReference(body.achievement, 'achievement');
    if (!await achievementExists(ctx.sql, achievementKey)) throw badRequest('"achievement" names no badge on this server.');
  }
  const key = checkKey(body.key, 'key') ?? `${slugify(title).slice(0, 40)}-${randomToken(3).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
  await ctx.sql.transaction(async (tx) => {
    if (await opportunityExists(tx, key)) throw new HttpError(409, 'already-exists', `An opportunity with key "${key}" already exists.`);
    await insertOpportunity(
      tx,
      { key, issuer_key: issuerKey, title, description: description ?? null, achievement_key: achievementKey, mode, area_code: areaCode ?? null, latitude, longitude, starts_at: startsAt ?? null, ends_at: endsAt ?? null, booking_url: bookingUrl ?? null, skills },
      isoNow(ctx),
    );
  });
  return await presentOpportunity(ctx, (await findOpportunity(ctx.sql, key))!);
}
