// The insight table: counts from the database (store/insight.ts) folded into rows by one
// breakdown, then small-number suppression. Nothing here sees a credential or a learner: the
// inputs are already counts per badge and month.
import { isColError, type Pathway, type PathwayNode } from '@citiesoflearning/core';
import type { ServerContext } from './context.js';
import type { AchievementData } from './documents.js';
import { monthsBetween, type InsightBy, type InsightQuery } from './insight-query.js';
import { alignmentMatches, presentPriority, type Priority } from './priorities.js';
import { listAchievements } from './store/achievements.js';
import { issuerAreas, monthlyCounts, offeredCounts, publishedPathwayDocuments } from './store/insight.js';
import { listPriorities } from './store/priorities.js';
import { suppress, type SuppressionGroup } from './suppression.js';
import { keyFromReference } from './http.js';

/**
 * The counts an insight table has, in column order.
 *
 * @example
 * ```ts
 * INSIGHT_MEASURES[0]; // 'issued'
 * ```
 */
export const INSIGHT_MEASURES = ['issued', 'claimed', 'revoked', 'pathwayStarts', 'pathwayCompletions', 'opportunities'] as const;

/**
 * One of the counts.
 *
 * @example
 * ```ts
 * const m: InsightMeasure = 'pathwayCompletions';
 * ```
 */
export type InsightMeasure = (typeof INSIGHT_MEASURES)[number];

/**
 * A published count, or a withheld one.
 *
 * @example
 * ```ts
 * const shown: Cell = { value: 42 };
 * const withheld: Cell = { value: null, suppressed: true };
 * ```
 */
export type Cell = { value: number } | { value: null; suppressed: true };

/**
 * One row of the table.
 *
 * @example
 * ```ts
 * const row: InsightRow = { key: '2026-03', label: '2026-03', cells: { issued: { value: 41 }, claimed: { value: 30 }, revoked: { value: 0 }, pathwayStarts: { value: 12 }, pathwayCompletions: { value: null, suppressed: true }, opportunities: { value: 0 } } };
 * ```
 */
export interface InsightRow {
  key: string;
  label: string;
  cells: Record<InsightMeasure, Cell>;
  /** A priority's target, with progress over the period: a copy of the row's `issued` (measure `credentials`) or `pathwayCompletions` cell. */
  target?: { value: number; measure: 'credentials' | 'pathwayCompletions'; by: string; progress: Cell };
}

/**
 * Who the figures are for: anyone (what the place publishes), one provider (its own figures),
 * or the place team (everything).
 *
 * @example
 * ```ts
 * const scope: InsightScope = 'provider';
 * ```
 */
export type InsightScope = 'public' | 'provider' | 'place';

/**
 * The insight response.
 *
 * @example
 * ```ts
 * const table: InsightTable = await buildInsight(ctx, query, { scope: 'place' });
 * table.totals.issued; // { value: 1234 }
 * ```
 */
export interface InsightTable {
  by: InsightBy;
  from: string;
  to: string;
  scope: InsightScope;
  threshold: number;
  measures: InsightMeasure[];
  rows: InsightRow[];
  totals: Record<InsightMeasure, Cell>;
}

/** A count of one measure, with everything a breakdown or filter needs to place it. */
interface Fact {
  measure: InsightMeasure;
  n: number;
  month: string;
  issuer: string;
  area: string | null;
  achievement: string | null;
  /** For pathway starts and completions: the pathway's alignments also place it under priorities. */
  pathway?: PathwayInfo;
}

interface PathwayInfo {
  alignments: Array<{ targetUrl?: string; targetCode?: string; targetFramework?: string }>;
  /** Badges with nothing before them: earning one counts as starting the pathway. */
  entry: Set<string>;
  /** The badge awarded for completing the whole pathway. */
  milestone: string | undefined;
}

type Skill = { key: string; label: string };

/**
 * Build the table for a validated query: `scope` decides whose figures count (`issuerKey` is
 * the provider's own issuer for the provider scope).
 *
 * @example
 * ```ts
 * const table = await buildInsight(ctx, readInsightQuery(c.req.query(), undefined, { now: new Date(), minThreshold: 10 }), { scope: 'place' });
 * ```
 */
export async function buildInsight(ctx: ServerContext, q: InsightQuery, who: { scope: InsightScope; issuerKey?: string }): Promise<InsightTable> {
  const issuerKey = who.scope === 'provider' ? who.issuerKey : q.issuer;
  const span = { from: q.from, to: q.to, issuerKey };
  const issuers = await issuerAreas(ctx.sql);
  const areaOf = new Map(issuers.map((i) => [i.key, i.area]));
  const achievements = (await listAchievements(ctx.sql)).map((row) => ({ key: row.key, issuer: row.issuer_key, data: JSON.parse(row.data) as AchievementData }));
  const issuerOf = new Map(achievements.map((a) => [a.key, a.issuer]));
  const pathways = (await publishedPathwayDocuments(ctx.sql)).map((data) => pathwayInfo(JSON.parse(data) as Pathway));
  const priorities = (await listPriorities(ctx.sql)).map(presentPriority);

  // Facts: counts per badge and month (and, for opportunities, provider and area).
  const facts: Fact[] = [];
  const credentialFact = (achievement: string, month: string, measure: InsightMeasure, n: number, pathway?: PathwayInfo) => {
    const issuer = issuerOf.get(achievement) ?? '';
    facts.push({ measure, n, month, issuer, area: areaOf.get(issuer) ?? null, achievement, ...(pathway ? { pathway } : {}) });
  };
  for (const row of await monthlyCounts(ctx.sql, span)) {
    credentialFact(row.achievement, row.month, 'issued', row.issued);
    credentialFact(row.achievement, row.month, 'revoked', row.revoked);
    credentialFact(row.achievement, row.month, 'claimed', row.claimed);
    for (const p of pathways) {
      if (p.entry.has(row.achievement)) credentialFact(row.achievement, row.month, 'pathwayStarts', row.issued, p);
      if (p.milestone === row.achievement) credentialFact(row.achievement, row.month, 'pathwayCompletions', row.issued, p);
    }
  }
  for (const row of await offeredCounts(ctx.sql, span)) {
    facts.push({ measure: 'opportunities', n: row.offered, month: row.month, issuer: row.issuer, area: row.area ?? areaOf.get(row.issuer) ?? null, achievement: row.achievement });
  }

  const skillsOf = new Map(achievements.map((a) => [a.key, skillsOfAchievement(a.data)]));
  const alignmentsOf = new Map(achievements.map((a) => [a.key, a.data.alignment ?? []]));
  const prioritiesOf = (f: Fact) =>
    priorities.filter((p) => (p.area === undefined || p.area === f.area) && (matchesPriority(p, (f.achievement && alignmentsOf.get(f.achievement)) || []) || (f.pathway !== undefined && matchesPriority(p, f.pathway.alignments))));
  const filterPriority = q.priority === undefined ? undefined : priorities.find((p) => p.key === q.priority);
  const kept = facts.filter(
    (f) =>
      (q.area === undefined || f.area === q.area) &&
      (q.priority === undefined || (filterPriority !== undefined && prioritiesOf(f).some((p) => p.key === filterPriority.key))),
  );

  // Rows: every candidate of the breakdown within the scope (zero rows included: "nothing yet"
  // is worth seeing), labelled, in a stable order.
  const inScope = (issuer: string) => issuerKey === undefined || issuer === issuerKey;
  let candidates: Array<{ key: string; label: string }>;
  let keysOf: (f: Fact) => string[];
  switch (q.by) {
    case 'achievement':
      candidates = achievements.filter((a) => inScope(a.issuer)).map((a) => ({ key: a.key, label: a.data.name }));
      keysOf = (f) => (f.achievement ? [f.achievement] : []);
      break;
    case 'provider':
      candidates = issuers.filter((i) => inScope(i.key)).map((i) => ({ key: i.key, label: i.name }));
      keysOf = (f) => [f.issuer];
      break;
    case 'area': {
      const codes = new Set<string>([...issuers.filter((i) => inScope(i.key)).map((i) => i.area), ...kept.map((f) => f.area)].filter((a): a is string => a !== null));
      candidates = [...codes].sort().map((code) => ({ key: code, label: code }));
      keysOf = (f) => (f.area ? [f.area] : []);
      break;
    }
    case 'month':
      candidates = monthsBetween(q.from, q.to).map((m) => ({ key: m, label: m }));
      keysOf = (f) => [f.month];
      break;
    case 'skill': {
      const all = new Map<string, string>();
      for (const a of achievements) if (inScope(a.issuer)) for (const s of skillsOf.get(a.key)!) all.set(s.key, s.label);
      candidates = [...all].map(([key, label]) => ({ key, label }));
      keysOf = (f) => (f.achievement ? (skillsOf.get(f.achievement) ?? []).map((s) => s.key) : []);
      break;
    }
    case 'priority':
      candidates = priorities.map((p) => ({ key: p.key, label: p.name }));
      keysOf = (f) => prioritiesOf(f).map((p) => p.key);
      break;
  }
  if (q.by !== 'month' && q.by !== 'area') candidates.sort((a, b) => a.label.localeCompare(b.label, 'en') || a.key.localeCompare(b.key));
  if (q.issuer !== undefined && q.by === 'provider') candidates = candidates.filter((c) => c.key === q.issuer);
  if (q.area !== undefined && q.by === 'area') candidates = candidates.filter((c) => c.key === q.area);
  if (q.priority !== undefined && q.by === 'priority') candidates = candidates.filter((c) => c.key === q.priority);

  const zero = () => Object.fromEntries(INSIGHT_MEASURES.map((m) => [m, 0])) as Record<InsightMeasure, number>;
  const counts = new Map(candidates.map((c) => [c.key, zero()]));
  const totals = zero();
  for (const f of kept) {
    totals[f.measure] += f.n;
    for (const key of new Set(keysOf(f))) {
      const row = counts.get(key);
      if (row) row[f.measure] += f.n;
    }
  }
  return withSuppression(q, who.scope, candidates, counts, totals, priorities);
}

/** Lay the counts out as values + groups (one group per measure: its rows and its total), suppress, and present. */
function withSuppression(q: InsightQuery, scope: InsightScope, candidates: Array<{ key: string; label: string }>, counts: Map<string, Record<InsightMeasure, number>>, totals: Record<InsightMeasure, number>, priorities: Priority[]): InsightTable {
  const width = INSIGHT_MEASURES.length;
  const values: number[] = [];
  for (const c of candidates) for (const m of INSIGHT_MEASURES) values.push(counts.get(c.key)![m]);
  const totalAt = values.length;
  for (const m of INSIGHT_MEASURES) values.push(totals[m]);
  const groups: SuppressionGroup[] = INSIGHT_MEASURES.map((_, j) => ({ parts: candidates.map((_, i) => i * width + j), total: totalAt + j }));
  // Pathway starts and completions are counts of particular badges' credentials: in a row where
  // they are a multiple of `issued` they may well be the same credentials, and each would give
  // the other away.
  const col = (m: InsightMeasure) => INSIGHT_MEASURES.indexOf(m);
  const links: number[][] = [];
  for (let start = 0; start <= totalAt; start += width) {
    const issued = values[start + col('issued')]!;
    for (const m of ['pathwayStarts', 'pathwayCompletions'] as const) {
      const v = values[start + col(m)]!;
      if (issued > 0 && v > 0 && v % issued === 0) links.push([start + col('issued'), start + col(m)]);
    }
  }
  // The totals are the same in every breakdown of the same filters: never a second cell.
  const hidden = suppress(values, groups, q.threshold, { links, shownElsewhere: INSIGHT_MEASURES.map((_, j) => totalAt + j) });
  const cell = (i: number): Cell => (hidden[i] ? { value: null, suppressed: true } : { value: values[i]! });
  const cellsFrom = (start: number) => Object.fromEntries(INSIGHT_MEASURES.map((m, j) => [m, cell(start + j)])) as Record<InsightMeasure, Cell>;
  const byKey = new Map(priorities.map((p) => [p.key, p]));
  const rows = candidates.map((c, i): InsightRow => {
    const cells = cellsFrom(i * width);
    const target = q.by === 'priority' ? byKey.get(c.key)?.target : undefined;
    return { key: c.key, label: c.label, cells, ...(target ? { target: { ...target, progress: cells[target.measure === 'credentials' ? 'issued' : 'pathwayCompletions'] } } : {}) };
  });
  return { by: q.by, from: q.from, to: q.to, scope, threshold: q.threshold, measures: [...INSIGHT_MEASURES], rows, totals: cellsFrom(totalAt) };
}

function matchesPriority(p: Priority, alignments: PathwayInfo['alignments']): boolean {
  return p.alignments.some((wanted) => alignments.some((actual) => alignmentMatches(wanted, actual)));
}

/**
 * A skill's key: its code within its framework document when it has one (frameworks such as the
 * Essential Digital Skills framework give every skill the same URL), else its URL.
 */
function skillsOfAchievement(data: AchievementData): Skill[] {
  return (data.alignment ?? []).map((a) => ({ key: a.targetCode ? `${a.targetCode}@${a.targetUrl}` : a.targetUrl, label: a.targetName }));
}

/** A published pathway's alignments, entry badges and completion badge. */
function pathwayInfo(pathway: Pathway): PathwayInfo {
  const badgeKey = (id: string) => {
    try {
      return keyFromReference(id, 'achievement');
    } catch (error) {
      if (!isColError(error)) throw error;
      return undefined; // a badge hosted elsewhere: not one of this place's achievements
    }
  };
  const entry = new Set<string>();
  const preceded = new Set<string>();
  const walk = (node: PathwayNode, visit: (n: PathwayNode) => void) => {
    visit(node);
    if (node.type === 'group') for (const child of node.children) walk(child, visit);
  };
  walk(pathway.root, (n) => n.precedes?.forEach((id) => preceded.add(id)));
  // Entry nodes: from the root down, a group's first child when it is sequential, else every child
  // that nothing is required or suggested before.
  const collect = (node: PathwayNode) => {
    if (node.prerequisites?.length || preceded.has(node.id)) return;
    if (node.type === 'badge') {
      const key = badgeKey(node.badge.id);
      if (key) entry.add(key);
    } else if (node.type === 'group' && node.children.length) {
      if (node.order === 'sequential') collect(node.children[0]!);
      else node.children.forEach(collect);
    }
  };
  collect(pathway.root);
  const milestone = pathway.root.milestoneBadge ? badgeKey(pathway.root.milestoneBadge) : undefined;
  const alignments: PathwayInfo['alignments'] = [];
  walk(pathway.root, (n) => n.alignments?.forEach((a) => alignments.push(a)));
  for (const a of pathway.alignments ?? []) alignments.push(a);
  return { alignments, entry, milestone };
}
