// Achievement images stored by an older version were checked with a regex, which missed
// prefixed scripts, entity tricks and external references. At start-up every stored SVG goes
// through today's upload rules once more: what passes is replaced by its rewritten form, what
// would now be refused is dropped (the achievement falls back to its generated medallion).
import type { Sql } from './sql/sql.js';
import { HttpError } from './errors.js';
import { sanitizeUploadedSvg } from './svg-upload.js';
import { dropAchievementImage, listStoredSvgImages, replaceAchievementImage } from './store/achievements.js';

/**
 * Re-apply the SVG upload rules to every stored achievement image; returns how many were
 * rewritten and how many dropped. Running it again changes nothing.
 *
 * @example
 * ```ts
 * const { rewritten, dropped } = await resanitizeStoredSvgs(ctx.sql);
 * ```
 */
export async function resanitizeStoredSvgs(sql: Sql): Promise<{ rewritten: number; dropped: number }> {
  // The counts are made inside the work, which may run more than once (see Sql.transaction).
  return sql.transaction(async (tx) => {
    const counts = { rewritten: 0, dropped: 0 };
    for (const row of await listStoredSvgImages(tx)) {
      let clean: Uint8Array | undefined;
      try {
        const { svg, removed } = sanitizeUploadedSvg(new Uint8Array(row.image));
        if (removed.active.length === 0) clean = svg;
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
      }
      if (!clean) {
        await dropAchievementImage(tx, row.key);
        counts.dropped++;
      } else if (!Buffer.from(clean).equals(row.image)) {
        await replaceAchievementImage(tx, row.key, Buffer.from(clean));
        counts.rewritten++;
      }
    }
    return counts;
  });
}
