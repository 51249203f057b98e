// Pathways as the API keeps them: a version asked for (or a 404), a new version saved as a draft
// (its milestone badges the pathway's own issuer's), publishing, and the API view of a version.
import { findLatestPathway, findPathwayVersion, insertPathwayDraft, latestPathwayVersion, markPathwayPublished, pathwayExists, type PathwayRow } from './store/pathways.js';
import { achievementOwner } from './store/achievements.js';
import { isoNow, urls, type ServerContext } from './context.js';
import { HttpError, badRequest, notFound } from './errors.js';
import { assertMayActFor, checkKey, slugify, type Principal } from './http.js';
import { checkPathway } from './pathway-model.js';
import { loadIssuer } from './issuers.js';

/**
 * The latest published version (or a given version) of a pathway, or 404.
 *
 * @example
 * ```ts
 * loadPathway(ctx, 'creative-coder', 2); // version 2 (published)
 * ```
 */
export function loadPathway(ctx: ServerContext, key: string, version?: number, includeDrafts = false): PathwayRow {
  const row = version !== undefined ? findPathwayVersion(ctx.db, key, version) : findLatestPathway(ctx.db, key, includeDrafts);
  if (!row || (!includeDrafts && row.status !== 'published')) throw notFound('published pathway');
  return row;
}

/**
 * The API view of one pathway version: the pathway model plus its publication state.
 *
 * @example
 * ```ts
 * c.json(presentPathway(ctx, loadPathway(ctx, key)));
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
function checkMilestoneBadges(ctx: ServerContext, root: unknown, issuerKey: string): void {
  const prefix = urls(ctx.baseUrl).achievement('');
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop() as { id?: string; milestoneBadge?: unknown; children?: unknown[] } | undefined;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node.children)) stack.push(...node.children);
    if (node.milestoneBadge === undefined) continue;
    const badge = String(node.milestoneBadge);
    const key = badge.startsWith(prefix) ? badge.slice(prefix.length) : '';
    const owner = key ? achievementOwner(ctx.db, key) : undefined;
    if (owner === undefined) throw new HttpError(400, 'pathway-invalid', `Node "${node.id}": its milestone badge must be an achievement on this server (${prefix}…).`);
    if (owner !== issuerKey) throw new HttpError(403, 'forbidden', `Node "${node.id}": its milestone badge belongs to another issuer; a pathway can only award its own issuer's badges.`);
  }
}

/**
 * Store a new version (1 for a new key) as a draft; returns it.
 *
 * @example
 * ```ts
 * savePathwayVersion(ctx, { kind: 'admin' }, { issuer: 'museum', name: 'Young Scientist', root });
 * ```
 */
export function savePathwayVersion(ctx: ServerContext, who: Principal, body: Record<string, unknown>, existingKey?: string): PathwayRow {
  return ctx.db.transaction(() => {
    let key: string;
    let issuerKey: string;
    let version: number;
    if (existingKey) {
      const latest = latestPathwayVersion(ctx.db, existingKey);
      if (latest.v === null) throw notFound('pathway');
      assertMayActFor(who, latest.issuer_key!);
      key = existingKey;
      issuerKey = latest.issuer_key!;
      version = latest.v + 1;
    } else {
      const chosenIssuer = who.kind === 'provider' ? (checkKey(body.issuer, 'issuer') ?? who.issuerKey) : checkKey(body.issuer, 'issuer');
      if (!chosenIssuer) throw badRequest('"issuer" (the key of the issuer that owns this pathway) is required.');
      assertMayActFor(who, chosenIssuer);
      loadIssuer(ctx, chosenIssuer);
      issuerKey = chosenIssuer;
      key = checkKey(body.key, 'key') ?? slugify(String(body.name ?? 'pathway'));
      if (pathwayExists(ctx.db, key)) throw new HttpError(409, 'already-exists', `A pathway with key "${key}" already exists; POST to /api/v1/pathways/${key}/versions to change it.`);
      version = 1;
    }
    const u = urls(ctx.baseUrl);
    const { key: _k, issuer: _i, status: _s, createdAt: _c, publishedAt: _p, ...model } = body;
    const owner = { id: u.issuer(issuerKey), name: loadIssuer(ctx, issuerKey).name };
    const pathway = checkPathway({ ...model, id: u.pathway(key), version: String(version), owner });
    checkMilestoneBadges(ctx, pathway.root, issuerKey);
    insertPathwayDraft(ctx.db, { key, version, issuerKey, pathway }, isoNow(ctx));
    return loadPathway(ctx, key, version, true);
  })();
}

/**
 * Publish a draft version (the latest when none is named).
 *
 * @example
 * ```ts
 * publishPathway(ctx, { kind: 'admin' }, 'young-scientist');
 * ```
 */
export function publishPathway(ctx: ServerContext, who: Principal, key: string, version?: number): PathwayRow {
  return ctx.db.transaction(() => {
    const row = loadPathway(ctx, key, version, true);
    assertMayActFor(who, row.issuer_key);
    if (row.status === 'published') return row;
    markPathwayPublished(ctx.db, key, row.version, isoNow(ctx));
    return loadPathway(ctx, key, row.version, true);
  })();
}
