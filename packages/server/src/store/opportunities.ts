import type { Sql, SqlValue } from '../sql/sql.js';

/**
 * A stored opportunity (`skills` is a JSON array of strings).
 *
 * @example
 * ```ts
 * const row: OpportunityRow | undefined = await findOpportunity(ctx.sql, 'coding-club');
 * ```
 */
export interface OpportunityRow {
  key: string;
  issuer_key: string;
  title: string;
  description: string | null;
  achievement_key: string | null;
  mode: string;
  area_code: string | null;
  latitude: number | null;
  longitude: number | null;
  starts_at: string | null;
  ends_at: string | null;
  booking_url: string | null;
  skills: string;
  created_at: string;
}

/**
 * The opportunity with this key, or `undefined`.
 *
 * @example
 * ```ts
 * const row = await findOpportunity(ctx.sql, 'coding-club');
 * ```
 */
export async function findOpportunity(sql: Sql, key: string): Promise<OpportunityRow | undefined> {
  return await sql.get<OpportunityRow>('SELECT * FROM opportunities WHERE key = ?', key);
}

/**
 * Whether an opportunity with this key exists.
 *
 * @example
 * ```ts
 * if (await opportunityExists(ctx.sql, 'coding-club')) throw conflict;
 * ```
 */
export async function opportunityExists(sql: Sql, key: string): Promise<boolean> {
  return await sql.get('SELECT 1 FROM opportunities WHERE key = ?', key) !== undefined;
}

/**
 * Store a new opportunity (`skills` as given; stored as JSON).
 *
 * @example
 * ```ts
 * await insertOpportunity(ctx.sql, { key: 'coding-club', issuer_key: 'library', title: 'Coding club', mode: 'in-person', skills: [] }, isoNow(ctx));
 * ```
 */
export async function insertOpportunity(
  sql: Sql,
  o: Omit<OpportunityRow, 'skills' | 'created_at' | 'description' | 'achievement_key' | 'area_code' | 'latitude' | 'longitude' | 'starts_at' | 'ends_at' | 'booking_url'> &
    Partial<Pick<OpportunityRow, 'description' | 'achievement_key' | 'area_code' | 'latitude' | 'longitude' | 'starts_at' | 'ends_at' | 'booking_url'>> & { skills: string[] },
  createdAt: string,
): Promise<void> {
  await sql.run(
    `INSERT INTO opportunities (key, issuer_key, title, description, achievement_key, mode, area_code, latitude, longitude,
      starts_at, ends_at, booking_url, skills, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    o.key,
    o.issuer_key,
    o.title,
    o.description ?? null,
    o.achievement_key ?? null,
    o.mode,
    o.area_code ?? null,
    o.latitude ?? null,
    o.longitude ?? null,
    o.starts_at ?? null,
    o.ends_at ?? null,
    o.booking_url ?? null,
    JSON.stringify(o.skills),
    createdAt,
  );
}

/**
 * What the opportunity search filters on; every field is optional and already validated.
 *
 * @example
 * ```ts
 * const filter: OpportunityFilter = { text: 'robot', mode: 'online' };
 * ```
 */
export interface OpportunityFilter {
  /** Text in the title, description or skills (matched literally: `%` and `_` are no wildcards). */
  text?: string | undefined;
  /** A skill, compared without case. */
  skill?: string | undefined;
  area?: string | undefined;
  mode?: string | undefined;
  issuerKey?: string | undefined;
  achievementKey?: string | undefined;
  /** Still running at or after this date. */
  from?: string | undefined;
  /** Starting at or before this date. */
  to?: string | undefined;
}

/**
 * One page of opportunities matching `filter` (undated ones last, then by start and key), with
 * the total number of matches.
 *
 * @example
 * ```ts
 * const { rows, total } = await searchOpportunities(ctx.sql, { mode: 'online' }, { limit: 20, offset: 0 });
 * ```
 */
export async function searchOpportunities(sql: Sql, filter: OpportunityFilter, page: { limit: number; offset: number }): Promise<{ rows: OpportunityRow[]; total: number }> {
  const where: string[] = [];
  const args: SqlValue[] = [];
  if (filter.text) {
    // dialect: SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's needs ILIKE for that.
    const like = sql.dialect === 'postgres' ? 'ILIKE' : 'LIKE';
    where.push(`(title ${like} ? ESCAPE '\\' OR description ${like} ? ESCAPE '\\' OR skills ${like} ? ESCAPE '\\')`);
    const pattern = `%${filter.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    args.push(pattern, pattern, pattern);
  }
  if (filter.skill) {
    // dialect: each engine has its own way to walk a JSON array of strings.
    where.push(
      sql.dialect === 'postgres'
        ? 'EXISTS (SELECT 1 FROM json_array_elements_text(opportunities.skills::json) AS skill(value) WHERE lower(skill.value) = lower(?))'
        : 'EXISTS (SELECT 1 FROM json_each(opportunities.skills) WHERE lower(json_each.value) = lower(?))',
    );
    args.push(filter.skill);
  }
  if (filter.area) (where.push('area_code = ?'), args.push(filter.area));
  if (filter.mode) (where.push('mode = ?'), args.push(filter.mode));
  if (filter.issuerKey) (where.push('issuer_key = ?'), args.push(filter.issuerKey));
  if (filter.achievementKey) (where.push('achievement_key = ?'), args.push(filter.achievementKey));
  if (filter.from) (where.push('(coalesce(ends_at, starts_at) IS NULL OR coalesce(ends_at, starts_at) >= ?)'), args.push(filter.from));
  if (filter.to) (where.push('(starts_at IS NULL OR starts_at <= ?)'), args.push(filter.to));
  // Only the fixed fragments above are spliced; every value is a bound parameter.
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const { n } = (await sql.get<{ n: number }>(`SELECT count(*) AS n FROM opportunities ${clause}`, ...args))!;
  const rows = await sql.all<OpportunityRow>(`SELECT * FROM opportunities ${clause} ORDER BY starts_at IS NULL, starts_at, key LIMIT ? OFFSET ?`, ...args, page.limit, page.offset);
  return { rows, total: n };
}
