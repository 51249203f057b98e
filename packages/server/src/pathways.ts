// Pathway versions as routes use them: the one asked for, or a 404.
import type { ServerContext } from './context.js';
import { notFound } from './errors.js';
import { findLatestPathway, findPathwayVersion, type PathwayRow } from './store/pathways.js';

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
