import type { Db } from '../db.js';

/**
 * A value from the `meta` table (server-wide settings such as the pepper and the base URL), or
 * `undefined` when it was never written.
 *
 * @example
 * ```ts
 * const stored = readMeta(db, 'base_url');
 * ```
 */
export function readMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/**
 * Write a `meta` value that must not exist yet (a second write fails: such values are written
 * once, like the pepper).
 *
 * @example
 * ```ts
 * insertMeta(db, 'pepper', pepper.toString('base64'));
 * ```
 */
export function insertMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(key, value);
}

/**
 * Write a `meta` value, replacing any earlier one.
 *
 * @example
 * ```ts
 * writeMeta(db, 'base_url', 'https://badges.example');
 * ```
 */
export function writeMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
