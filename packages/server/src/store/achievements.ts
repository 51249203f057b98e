import type { Sql } from '../sql/sql.js';
import type { AchievementData, AchievementRow } from '../documents.js';

/**
 * Every stored SVG achievement image, with its achievement's key.
 *
 * @example
 * ```ts
 * for (const { key, image } of await listStoredSvgImages(sql)) check(key, image);
 * ```
 */
export async function listStoredSvgImages(sql: Sql): Promise<Array<{ key: string; image: Buffer }>> {
  return await sql.all<{ key: string; image: Buffer }>("SELECT key, image FROM achievements WHERE image_type = 'image/svg+xml' AND image IS NOT NULL");
}

/**
 * Replace an achievement's stored image bytes (its type stays).
 *
 * @example
 * ```ts
 * await replaceAchievementImage(sql, 'reading-club', Buffer.from(cleanSvg));
 * ```
 */
export async function replaceAchievementImage(sql: Sql, key: string, image: Buffer): Promise<void> {
  await sql.run('UPDATE achievements SET image = ? WHERE key = ?', image, key);
}

/**
 * Drop an achievement's stored image (it falls back to its generated medallion).
 *
 * @example
 * ```ts
 * await dropAchievementImage(sql, 'reading-club');
 * ```
 */
export async function dropAchievementImage(sql: Sql, key: string): Promise<void> {
  await sql.run('UPDATE achievements SET image = NULL, image_type = NULL WHERE key = ?', key);
}

/**
 * An achievement's stored data and uploaded image (if any), or `undefined`.
 *
 * @example
 * ```ts
 * const stored = await findAchievementImage(sql, 'reading-club');
 * ```
 */
export async function findAchievementImage(sql: Sql, key: string): Promise<{ data: string; image_type: string | null; image: Buffer | null } | undefined> {
  return await sql.get<{ data: string; image_type: string | null; image: Buffer | null }>('SELECT data, image_type, image FROM achievements WHERE key = ?', key);
}

/**
 * Whether an achievement with this key exists.
 *
 * @example
 * ```ts
 * if (await achievementExists(ctx.sql, 'reading-club')) pickAnotherKey();
 * ```
 */
export async function achievementExists(sql: Sql, key: string): Promise<boolean> {
  return await sql.get('SELECT 1 FROM achievements WHERE key = ?', key) !== undefined;
}

/**
 * Store a new achievement (its data as JSON, and an uploaded image if there is one).
 *
 * @example
 * ```ts
 * await insertAchievement(ctx.sql, { key: 'reading-club', issuerKey: 'library', data }, isoNow(ctx));
 * ```
 */
export async function insertAchievement(sql: Sql, a: { key: string; issuerKey: string; data: AchievementData; image?: { type: string; bytes: Buffer } }, createdAt: string): Promise<void> {
  await sql.run(
    'INSERT INTO achievements (key, issuer_key, data, image_type, image, created_at) VALUES (?, ?, ?, ?, ?, ?)',
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
 * const rows = await listAchievements(ctx.sql, { issuerKey: 'library' });
 * ```
 */
export async function listAchievements(sql: Sql, filter: { issuerKey?: string | undefined } = {}): Promise<AchievementRow[]> {
  return filter.issuerKey !== undefined
    ? await sql.all<AchievementRow>('SELECT key, issuer_key, data, image_type, created_at FROM achievements WHERE issuer_key = ? ORDER BY created_at, key', filter.issuerKey)
    : await sql.all<AchievementRow>('SELECT key, issuer_key, data, image_type, created_at FROM achievements ORDER BY created_at, key');
}

/**
 * The issuer that owns an achievement, or `undefined` when there is no such achievement.
 *
 * @example
 * ```ts
 * const owner = await achievementOwner(ctx.sql, 'reading-club'); // 'library'
 * ```
 */
export async function achievementOwner(sql: Sql, key: string): Promise<string | undefined> {
  return (await sql.get<{ issuer_key: string }>('SELECT issuer_key FROM achievements WHERE key = ?', key))?.issuer_key;
}

/**
 * The achievement with this key (without its image bytes), or `undefined`.
 *
 * @example
 * ```ts
 * const row = await findAchievement(ctx.sql, 'reading-club');
 * ```
 */
export async function findAchievement(sql: Sql, key: string): Promise<AchievementRow | undefined> {
  return await sql.get<AchievementRow>('SELECT key, issuer_key, data, image_type, created_at FROM achievements WHERE key = ?', key);
}
