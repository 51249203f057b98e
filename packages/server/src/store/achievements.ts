import type { Db } from '../db.js';
import type { AchievementData, AchievementRow } from '../documents.js';

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

/**
 * An achievement's stored data and uploaded image (if any), or `undefined`.
 *
 * @example
 * ```ts
 * const stored = findAchievementImage(db, 'reading-club');
 * ```
 */
export function findAchievementImage(db: Db, key: string): { data: string; image_type: string | null; image: Buffer | null } | undefined {
  return db.prepare('SELECT data, image_type, image FROM achievements WHERE key = ?').get(key) as { data: string; image_type: string | null; image: Buffer | null } | undefined;
}

/**
 * Whether an achievement with this key exists.
 *
 * @example
 * ```ts
 * if (achievementExists(ctx.db, 'reading-club')) pickAnotherKey();
 * ```
 */
export function achievementExists(db: Db, key: string): boolean {
  return db.prepare('SELECT 1 FROM achievements WHERE key = ?').get(key) !== undefined;
}

/**
 * Store a new achievement (its data as JSON, and an uploaded image if there is one).
 *
 * @example
 * ```ts
 * insertAchievement(ctx.db, { key: 'reading-club', issuerKey: 'library', data }, isoNow(ctx));
 * ```
 */
export function insertAchievement(db: Db, a: { key: string; issuerKey: string; data: AchievementData; image?: { type: string; bytes: Buffer } }, createdAt: string): void {
  db.prepare('INSERT INTO achievements (key, issuer_key, data, image_type, image, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    a.key,
    a.issuerKey,
    JSON.stringify(a.data),
    a.image?.type ?? null,
    a.image?.bytes ?? null,
    createdAt,
  );
}

/**
 * Achievements oldest first (then by key), all of them or one issuer's, without image bytes.
 *
 * @example
 * ```ts
 * const rows = listAchievements(ctx.db, { issuerKey: 'library' });
 * ```
 */
export function listAchievements(db: Db, filter: { issuerKey?: string | undefined } = {}): AchievementRow[] {
  return (
    filter.issuerKey !== undefined
      ? db.prepare('SELECT key, issuer_key, data, image_type, created_at FROM achievements WHERE issuer_key = ? ORDER BY created_at, key').all(filter.issuerKey)
      : db.prepare('SELECT key, issuer_key, data, image_type, created_at FROM achievements ORDER BY created_at, key').all()
  ) as AchievementRow[];
}

/**
 * The issuer that owns an achievement, or `undefined` when there is no such achievement.
 *
 * @example
 * ```ts
 * const owner = achievementOwner(ctx.db, 'reading-club'); // 'library'
 * ```
 */
export function achievementOwner(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT issuer_key FROM achievements WHERE key = ?').get(key) as { issuer_key: string } | undefined)?.issuer_key;
}

/**
 * The achievement with this key (without its image bytes), or `undefined`.
 *
 * @example
 * ```ts
 * const row = findAchievement(ctx.db, 'reading-club');
 * ```
 */
export function findAchievement(db: Db, key: string): AchievementRow | undefined {
  return db.prepare('SELECT key, issuer_key, data, image_type, created_at FROM achievements WHERE key = ?').get(key) as AchievementRow | undefined;
}
