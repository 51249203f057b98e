// Achievement images stored by an older version were checked with a regex, which missed
// prefixed scripts, entity tricks and external references. At start-up every stored SVG goes
// through today's upload rules once more: what passes is replaced by its rewritten form, what
// would now be refused is dropped (the achievement falls back to its generated medallion).
import type { Db } from './db.js';
import { HttpError } from './errors.js';
import { sanitizeUploadedSvg } from './svg-upload.js';
import { dropAchievementImage, listStoredSvgImages, replaceAchievementImage } from './store/achievements.js';

/**
 * Re-apply the SVG upload rules to every stored achievement image; returns how many were
 * rewritten and how many dropped. Running it again changes nothing.
 *
 * @example
 * ```ts
 * const { rewritten, dropped } = resanitizeStoredSvgs(db);
 * ```
 */
export function resanitizeStoredSvgs(db: Db): { rewritten: number; dropped: number } {
  const rows = listStoredSvgImages(db);
  const counts = { rewritten: 0, dropped: 0 };
  db.transaction(() => {
    for (const row of rows) {
      let clean: Uint8Array | undefined;
      try {
        const { svg, removed } = sanitizeUploadedSvg(new Uint8Array(row.image));
        if (removed.active.length === 0) clean = svg;
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
      }
      if (!clean) {
        dropAchievementImage(db, row.key);
        counts.dropped++;
      } else if (!Buffer.from(clean).equals(row.image)) {
        replaceAchievementImage(db, row.key, Buffer.from(clean));
        counts.rewritten++;
      }
    }
  })();
  return counts;
}
