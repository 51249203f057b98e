// Search filters for GET /api/v1/achievements: a place's catalogue is small (dozens to a few
// hundred badges), so filters run over the presented documents rather than in SQL.

/**
 * What `GET /api/v1/achievements` can filter on besides `issuer`. All matches are
 * case-insensitive.
 *
 * @example
 * ```ts
 * const filters: AchievementFilters = { skill: 'communicating', q: 'online' };
 * ```
 */
export interface AchievementFilters {
  /** An alignment's `targetName` or `targetCode` equals this (e.g. a skill or an RSA level). */
  skill?: string;
  /** One of the tags equals this. */
  tag?: string;
  /** The name or description contains this text. */
  q?: string;
}

const lower = (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Whether an achievement document passes every given filter.
 *
 * @example
 * ```ts
 * documents.filter((a) => matchesAchievementFilters(a, { tag: 'coding' }));
 * ```
 */
export function matchesAchievementFilters(achievement: Record<string, unknown>, filters: AchievementFilters): boolean {
  if (filters.skill) {
    const want = lower(filters.skill);
    const aligned = list(achievement.alignment).some((a) => {
      const alignment = (a ?? {}) as Record<string, unknown>;
      return lower(alignment.targetName) === want || lower(alignment.targetCode) === want;
    });
    if (!aligned) return false;
  }
  if (filters.tag && !list(achievement.tag).some((t) => lower(t) === lower(filters.tag))) return false;
  if (filters.q && !`${lower(achievement.name)}\n${lower(achievement.description)}`.includes(lower(filters.q))) return false;
  return true;
}
