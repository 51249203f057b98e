// Pathways as the API keeps them: a version asked for (or a 404), a new version saved as a draft
// (its milestone badges the pathway's own issuer's), publishing, and the API view of a version.
import { findLatestPathway, findPathwayVersion, insertPathwayDraft, latestPathwayVersion, markPathwayPublished, pathwayExists, type PathwayRow } from './store/pathways.js';
import { achievementOwner } from './store/achievements.js';
import { isoNow, urls, type ServerContext } from './context.js';
import type { Sql } from './sql/sql.js';
import { HttpError, badRequest, notFound } from './errors.js';
import { assertMayActFor, checkKey, slugify, type Principal } from './http.js';
import { checkPathway } from './pathway-model.js';
import { loadIssuer } from './issuers.js';

/**
 * The latest published version (or a given version) of a pathway, or 404.
 *
 * @example
 * ```ts
 * await loadPathway(ctx.sql, 'creative-coder', 2); // version 2 (published)
 * ```
 */
export async function loadPathway(sql: Sql, key: string, version?: number, includeDrafts = false): Promise<PathwayRow> {
  const row = version !== undefined ? await findPathwayVersion(sql, key, version) : await findLatestPathway(sql, key, includeDrafts);
  if (!row || (!includeDrafts && row.status !== 'published')) throw notFound('published pathway');
  return row;
}

/**
 * The API view of one pathway version: the pathway model plus its publication state.
 *
 * @example
 * ```ts
 * c.json(presentPathway(ctx, await loadPathway(ctx.sql, key)));
 * ```
 */
export function presentPathway(ctx: ServerContext, row: PathwayRow): Record<string, unknown> {
  return { ...(JSON.parse(row.data) as Record<string, unknown>), key: row.key, status: row.status, createdAt: row.created_at, ...(row.published_at ? { publishedAt: row.published_at } : {}) };
}

/**
 * The badges a pathway takes: every badge leaf's `badge` id and its `equivalents`, and every
 * activity leaf's `badge`, under `root` (not those of another pathway it nests by reference).
 *
 * @example
 * ```ts
 * const takes = pathwayBadges((JSON.parse(row.data) as Pathway).root);
 * takes.has('https://badges.example/api/v1/achievements/first-aid'); // true when a leaf asks for it
 * ```
 */
export function pathwayBadges(root: unknown): Set<string> {
  const badges = new Set<string>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop() as { badge?: { id?: unknown; equivalents?: unknown }; activity?: { badge?: unknown }; children?: unknown[] } | undefined;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node.children)) stack.push(...node.children);
    const ids = [node.badge?.id, ...(Array.isArray(node.badge?.equivalents) ? node.badge.equivalents : []), node.activity?.badge];
    for (const id of ids) if (typeof id === 'string') badges.add(id);
  }
  return badges;
}

/**
 * Every milestone badge must be an achievement on this server owned by the pathway's issuer:
 * the server issues milestones in that issuer's name, so a pathway can never make the server
 * award another provider's badge.
 */
async function checkMilestoneBadges(sql: Sql, baseUrl: string, root: unknown, issuerKey: string): Promise<void> {
  const prefix = urls(baseUrl).achievement('');
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop() as { id?: string; milestoneBadge?: unknown; children?: unknown[] } | undefined;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node.children)) stack.push(...node.children);
    if (node.milestoneBadge === undefined) continue;
    const badge = String(node.milestoneBadge);
    const key = badge.startsWith(prefix) ? badge.slice(prefix.length) : '';
    const owner = key ? await achievementOwner(sql, key) : undefined;
    if (owner === undefined) throw new HttpError(400, 'pathway-invalid', `Node "${node.id}": its milestone badge must be an achievement on this server (${prefix}…).`);
    if (owner !== issuerKey) throw new HttpError(403, 'forbidden', `Node "${node.id}": its milestone badge belongs to another issuer; a pathway can only award its own issuer's badges.`);
  }
}

/**
 * Store a new version (1 for a new key) as a draft; returns it.
 *
 * @example
 * ```ts
 * await savePathwayVersion(ctx, { kind: 'admin' }, { issuer: 'museum', name: 'Young Scientist', root });
 * ```
 */
export async function savePathwayVersion(ctx: ServerContext, who: Principal, body: Record<string, unknown>, existingKey?: string): Promise<PathwayRow> {
  return ctx.sql.transaction(async (tx) => {
    let key: string;
    let issuerKey: string;
    let version: number;
    if (existingKey) {
      const latest = await latestPathwayVersion(tx, existingKey);
      if (latest.v === null) throw notFound('pathway');
      assertMayActFor(who, latest.issuer_key!);
      key = existingKey;
      issuerKey = latest.issuer_key!;
      version = latest.v + 1;
    } else {
      const chosenIssuer = who.kind === 'provider' ? (checkKey(body.issuer, 'issuer') ?? who.issuerKey) : checkKey(body.issuer, 'issuer');
      if (!chosenIssuer) throw badRequest('"issuer" (the key of the issuer that owns this pathway) is required.');
      assertMayActFor(who, chosenIssuer);
      await loadIssuer(tx, chosenIssuer);
      issuerKey = chosenIssuer;
      key = checkKey(body.key, 'key') ?? slugify(String(body.name ?? 'pathway'));
      if (await pathwayExists(tx, key)) throw new HttpError(409, 'already-exists', `A pathway with key "${key}" already exists; POST to /api/v1/pathways/${key}/versions to change it.`);
      version = 1;
    }
    const u = urls(ctx.baseUrl);
    const { key: _k, issuer: _i, status: _s, createdAt: _c, publishedAt: _p, ...model } = body;
    const owner = { id: u.issuer(issuerKey), name: (await loadIssuer(tx, issuerKey)).name };
    const pathway = checkPathway({ ...model, id: u.pathway(key), version: String(version), owner });
    await checkMilestoneBadges(tx, ctx.baseUrl, pathway.root, issuerKey);
    await insertPathwayDraft(tx, { key, version, issuerKey, pathway }, isoNow(ctx));
    return await loadPathway(tx, key, version, true);
  });
}

/**
 * Publish a draft version (the latest when none is named).
 *
 * @example
 * ```ts
 * await publishPathway(ctx, { kind: 'admin' }, 'young-scientist');
 * ```
 */
export async function publishPathway(ctx: ServerContext, who: Principal, key: string, version?: number): Promise<PathwayRow> {
  return ctx.sql.transaction(async (tx) => {
    const row = await loadPathway(tx, key, version, true);
    assertMayActFor(who, row.issuer_key);
    if (row.status === 'published') return row;
    await markPathwayPublished(tx, key, row.version, isoNow(ctx));
    return await loadPathway(tx, key, row.version, true);
  });
}
