import type { Db } from '../db.js';

/**
 * Every stored SVG achievement image, with its achievement's key.
 *
 * @example
 * ```ts
 * for (const { key, image } of listStoredSvgImages(db)) check(key, image);
 * ```
 */
export function listStoredSvgImages(db: Db): Array<{ key: string; image: Buffer }> {
  return db.prepare("SELECT key, image FROM achievements WHERE image_type = 'image/svg+xml' AND image IS NOT NULL").all() as Array<{ key: string; image: Buffer }>;
}

/**
 * Replace an achievement's stored image bytes (its type stays).
 *
 * @example
 * ```ts
 * replaceAchievementImage(db, 'reading-club', Buffer.from(cleanSvg));
 * ```
 */
export function replaceAchievementImage(db: Db, key: string, image: Buffer): void {
  db.prepare('UPDATE achievements SET image = ? WHERE key = ?').run(image, key);
}

/**
 * Drop an achievement's stored image (it falls back to its generated medallion).
 *
 * @example
 * ```ts
 * dropAchievementImage(db, 'reading-club');
 * ```
 */
export function dropAchievementImage(db: Db, key: string): void {
  db.prepare('UPDATE achievements SET image = NULL, image_type = NULL WHERE key = ?').run(key);
}
