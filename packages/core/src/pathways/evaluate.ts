import { ColError } from '../errors.js';
import { HAS_EVIDENCE, indexRecords, parseInstant, PENDING, REVIEWED, type HeldRecords } from './records.js';
import type {
  EarnedRecord,
  MilestoneAward,
  NextStep,
  NodeProgress,
  NodeState,
  Pathway,
  PathwayLibrary,
  PathwayNode,
  PathwayProgress,
  ProgressWarning,
} from './types.js';
import {
  collectNested,
  inspectPathway,
  pathwayKey,
  throwIfInvalid,
  type FlatPathway,
} from './validate.js';
import type { PathwayLimits } from './issues.js';
import { GROUP, NODE_TYPES } from './read.js';
import { preparedPathway, type CompiledPathway } from './compile.js';
import { borrowScratch, giveBack, type Scratch } from './scratch.js';
import { StringIndex } from './string-index.js';

const DAY_MS = 86_400_000;

/**
 * Options for {@link evaluatePathway}.
 *
 * @example
 * ```ts
 * const options: EvaluatePathwayOptions = {
 *   asOf: '2026-06-01T00:00:00Z',
 *   learner: 'learner-7f3a',
 *   awarded: ['https://example.org/achievements/halfway'],
 *   opportunities: [{ badge: 'urn:coding', startsAt: '2026-06-10T09:00:00Z' }],
 * };
 * ```
 */
export interface EvaluatePathwayOptions {
  /** The instant to evaluate at. Default: now. Records issued after it do not exist yet. */
  asOf?: Date | string;
  /**
   * Milestone badge ids the learner holds at `asOf`. A node whose milestone is held stays
   * satisfied even when its inputs later expire (milestones are never taken back).
   */
  awarded?: string[];
  /**
   * Opaque learner id used in award idempotency keys. Never an email address (refused with
   * `learner-not-opaque`). Without it the keys start with `|`: fine for display, but a server
   * awarding milestones must pass it so keys differ between learners.
   */
  learner?: string;
  /** Upcoming chances to earn badges, used to order next steps. */
  opportunities?: Array<{ badge: string; startsAt: string }>;
  /** Known pathways for nested `pathway` nodes. */
  pathways?: PathwayLibrary;
  limits?: PathwayLimits;
}

interface Context {
  asOf: number;
  held: HeldRecords;
  awarded: Set<string>;
  learner: string;
  soonest: Map<string, number>;
  nested: Map<string, PathwayProgress>;
}

/** What a leaf needs from its records. */
interface LeafRules {
  acceptPending: boolean;
  evidenceRequired: boolean;
  review: boolean;
  maxAgeMs: number;
}

interface LeafOutcome {
  satisfied: boolean;
  completed: number;
  state: NodeState;
  warnings: ProgressWarning[];
}

// Node states as small numbers, so an evaluation keeps them in a typed array (see Evaluation).
const STATES: readonly NodeState[] = ['complete', 'in-progress', 'not-started', 'locked', 'expired', 'awaiting-claim', 'awaiting-review'];
const STATE_CODES: Readonly<Record<NodeState, number>> = Object.freeze({
  'complete': 0, 'in-progress': 1, 'not-started': 2, 'locked': 3, 'expired': 4, 'awaiting-claim': 5, 'awaiting-review': 6,
});

// Most nodes have nothing missing and no warnings: at 100 000 nodes two fresh empty lists each
// are 200 000 allocations the garbage collector must then trace. They share this one, frozen so
// that nobody can fill it for everyone (NodeProgress documents that empty lists are shared).
const NONE: never[] = Object.freeze([]) as never[];

/** `list` with `item` added: a new list when `list` is the shared empty one. */
function plus<T>(list: T[], item: T): T[] {
  if (list === NONE) return [item];
  list.push(item);
  return list;
}

const NO_RULES: LeafRules = { acceptPending: false, evidenceRequired: false, review: false, maxAgeMs: Infinity };

/** The achievement whose record satisfies a leaf, and the one to show. */
function firstAchievement(node: PathwayNode): string {
  switch (node.type) {
    case 'badge':
      return node.badge.id;
    case 'activity':
      return node.activity.badge ?? node.activity.id;
    default:
      return node.id;
  }
}

/** The other achievements whose records satisfy a leaf (usually none: no list is made then). */
function otherAchievements(node: PathwayNode): readonly string[] {
  if (node.type === 'badge') return node.badge.equivalents ?? NONE;
  if (node.type === 'activity' && node.activity.badge) return [node.activity.id];
  return NONE;
}

function leafRules(node: PathwayNode): LeafRules {
  if (node.type === 'badge') {
    // Most badge steps have no extra rules: share one object instead of allocating per leaf.
    if (node.acceptPending !== true && node.evidenceRequired !== true && node.maxAgeDays === undefined) return NO_RULES;
    return {
      acceptPending: node.acceptPending === true,
      evidenceRequired: node.evidenceRequired === true,
      review: false,
      maxAgeMs: node.maxAgeDays === undefined ? Infinity : node.maxAgeDays * DAY_MS,
    };
  }
  if (node.type === 'evidence') return { acceptPending: false, evidenceRequired: true, review: node.review !== 'self', maxAgeMs: Infinity };
  return NO_RULES;
}

/** Step 2: pick the earliest record that counts from `threshold` on, or say why none does. */
function evaluateLeaf(first: string, others: readonly string[], rules: LeafRules, threshold: number, validNow: boolean, ctx: Context, out: NodeOutcome): NodeOutcome {
  const { held, asOf } = ctx;
  const { issued, validUntil, flags, next } = held;
  let best = -1;
  let pending = false;
  let unreviewed = false;
  let expired = false;
  let noEvidence = false;
  let early = false;
  for (let k = -1; k < others.length; k++) {
    for (let at = held.first(k < 0 ? first : others[k]!); at >= 0; at = next[at]!) {
      const when = issued[at]!;
      const flag = flags[at]!;
      if (when > asOf) continue; // not earned yet at asOf
      if ((flag & PENDING) !== 0 && !rules.acceptPending) {
        if (rules.review) unreviewed = true;
        else pending = true;
        continue;
      }
      if (rules.evidenceRequired && (flag & HAS_EVIDENCE) === 0) {
        noEvidence = true;
        continue;
      }
      if (rules.review && (flag & REVIEWED) === 0) {
        unreviewed = true;
        continue;
      }
      if (asOf - when > rules.maxAgeMs || (validNow && validUntil[at]! < asOf)) {
        expired = true;
        continue;
      }
      if (when < threshold) {
        early = true;
        continue;
      }
      if (best < 0 || when < issued[best]!) best = at;
    }
  }
  let warnings: ProgressWarning[] = NONE;
  if (best >= 0) {
    if ((flags[best]! & PENDING) !== 0) warnings = plus(warnings, { code: 'counted-pending', message: 'Counted although it has not been claimed yet.' });
    if (validUntil[best]! < asOf) {
      warnings = plus(warnings, { code: 'expired-still-counts', message: 'Expired, but still counts because it was valid when it was earned.' });
    }
    return settle(out, true, issued[best]!, 'complete', warnings, 1);
  }
  if (noEvidence) warnings = plus(warnings, { code: 'evidence-missing', message: 'Earned without the evidence this step needs, so it does not count.' });
  if (early) {
    warnings = plus(warnings, { code: 'earned-too-early', message: 'Earned before the steps that must come first were complete, so it does not count.' });
  }
  const state: NodeState = unreviewed ? 'awaiting-review' : pending ? 'awaiting-claim' : expired ? 'expired' : 'not-started';
  return settle(out, false, Number.NaN, state, warnings, 0);
}

/**
 * Sort `values[0 … length)` in ascending order, in place. Groups have a handful of children: an
 * insertion sort there allocates nothing, where `Array.prototype.sort` made a work array per
 * call (a tenth of a 10 000-node evaluation's garbage). A huge group takes the typed array's own
 * sort, so it stays O(k log k).
 */
function sortAscending(values: Float64Array, length: number): void {
  if (length > 32) {
    values.subarray(0, length).sort();
    return;
  }
  for (let k = 1; k < length; k++) {
    const value = values[k]!;
    let at = k - 1;
    for (; at >= 0 && values[at]! > value; at--) values[at + 1] = values[at]!;
    values[at + 1] = value;
  }
}

/** Sum of the `n` largest of `values[0 … length)` (n ≤ length), largest first; reorders them. */
function sumOfLargest(values: Float64Array, length: number, n: number): number {
  sortAscending(values, length);
  let sum = 0;
  for (let k = length - 1; k >= length - n; k--) sum += values[k]!;
  return sum;
}

// Completion instants repeat (a cohort earns badges on the same few days, and a group completes
// when its last step did): format each instant once. Bounded; cleared when full.
const isoCache = new Map<number, string>();

function iso(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  let text = isoCache.get(ms);
  if (text === undefined) {
    if (isoCache.size >= 4096) isoCache.clear();
    text = new Date(ms).toISOString();
    isoCache.set(ms, text);
  }
  return text;
}

/** Keep `%`, `|` and `@` inside a key part from blurring the `learner|pathway@version|node` layout. */
function keyPart(text: string): string {
  return text.replace(/[%|@]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The idempotency key of a milestone award, `learner|pathway@version|node`, with `%`, `|` and
 * `@` percent-encoded inside each part. The same learner, pathway version and node always give
 * the same key, so an award is issued once however often progress is evaluated. With `node`
 * `''` it is the prefix every such key of that learner and pathway version starts with.
 *
 * @example
 * ```ts
 * milestoneKey('l-42', { id: 'https://x.example/p/1', version: '2' }, 'step-1');
 * // → 'l-42|https://x.example/p/1@2|step-1'
 * milestoneKey('a|b', { id: 'p', version: '1' }, 'n'); // → 'a%7Cb|p@1|n'
 * const prefix = milestoneKey('l-42', pathway, ''); // every award of l-42 on this version
 * ```
 */
export function milestoneKey(learner: string, pathway: { id: string; version: string }, node: string): string {
  return `${keyPart(learner)}|${keyPart(pathway.id)}@${keyPart(pathway.version)}|${keyPart(node)}`;
}

/** When the learner came to hold a milestone badge: its earliest record, or "always" if only listed. */
function heldSince(badge: string, ctx: Context): number | undefined {
  let since: number | undefined;
  const { held } = ctx;
  for (let at = held.first(badge); at >= 0; at = held.next[at]!) {
    const when = held.issued[at]!;
    if (when <= ctx.asOf && (since === undefined || when < since)) since = when;
  }
  if (since === undefined && ctx.awarded.has(badge)) since = -Infinity;
  return since;
}

/**
 * The working state of one pathway's evaluation: per-node figures in typed arrays, filled in
 * the dependency order of `compiled.order`, and the awards made so far. The per-node results
 * a caller sees are made from these arrays only when the caller first reads `nodes` (see
 * {@link nodeResults}): a page that wants the overall progress, the awards or the next steps
 * never pays for 100 000 result objects and a 100 000-key dictionary.
 */
interface Evaluation {
  compiled: FlatPathway;
  ctx: Context;
  validNow: boolean;
  enforce: boolean;
  /** When completions start to count for each node (step 4). */
  threshold: Float64Array;
  locked: Uint8Array;
  satisfied: Uint8Array;
  progress: Float64Array;
  /** Each satisfied node's completion instant. */
  completed: Float64Array;
  /** Each node's final state, as an index into {@link STATES}. */
  state: Uint8Array;
  /** The warnings of the few nodes that have any (most have none: no list per node). */
  warnings: Map<number, ProgressWarning[]>;
  /** Nodes satisfied only because the learner holds their milestone: nothing is missing then. */
  kept: Set<number>;
  awards: MilestoneAward[];
  /** Scratch space for the node being completed (see {@link settle}). */
  outcome: NodeOutcome;
  /** Scratch space for a group's children's figures, as long as the largest group seen so far. */
  scratch: Float64Array;
}

/**
 * What one node comes to, before milestones and locking are applied. What is still missing is
 * not kept: it follows from the final figures (see {@link missingOf}).
 */
interface NodeOutcome extends LeafOutcome {
  progress: number;
}

/**
 * Fill `out` (the evaluation's one scratch outcome: each node's is stored in the evaluation's
 * arrays before the next node's is made, so one object serves them all instead of one per node).
 */
function settle(out: NodeOutcome, satisfied: boolean, completed: number, state: NodeState, warnings: ProgressWarning[], progress: number): NodeOutcome {
  out.satisfied = satisfied;
  out.completed = completed;
  out.state = state;
  out.warnings = warnings;
  out.progress = progress;
  return out;
}

/** Steps 2–7 for one validated pathway whose nested pathways are already in `ctx.nested`. */
function evaluateCompiled(compiled: FlatPathway, ctx: Context): PathwayProgress {
  const count = compiled.nodes.length;
  // One buffer for the six per-node columns: one allocation (and one backing store for the
  // garbage collector to track) instead of six. The 8-byte columns come first, so each is aligned.
  const buffer = new ArrayBuffer(count * 27);
  const run: Evaluation = {
    compiled,
    ctx,
    validNow: compiled.pathway.policy?.expiry !== 'validWhenCompleted',
    enforce: compiled.pathway.policy?.enforcePrerequisiteOrder === true,
    threshold: new Float64Array(buffer, 0, count),
    progress: new Float64Array(buffer, count * 8, count),
    completed: new Float64Array(buffer, count * 16, count),
    locked: new Uint8Array(buffer, count * 24, count),
    satisfied: new Uint8Array(buffer, count * 25, count),
    state: new Uint8Array(buffer, count * 26, count),
    warnings: new Map(),
    kept: new Set(),
    awards: [],
    outcome: { satisfied: false, completed: Number.NaN, state: 'not-started', warnings: NONE, progress: 0 },
    scratch: new Float64Array(16),
  };
  const { order } = compiled;
  for (let k = 0; k < order.length; k++) {
    const vertex = order[k]!;
    if ((vertex & 1) === 0) startNode(run, vertex >> 1);
    else completeNode(run, vertex >> 1);
  }
  return pathwayProgress(run);
}

/** Step 4 for node `i`: when its completions start to count, and whether it is locked for display. */
function startNode(run: Evaluation, i: number): void {
  const { parent, prerequisites, sequentialPrevious } = run.compiled;
  const { threshold, locked, satisfied, completed } = run;
  const up = parent[i]!;
  let from = up >= 0 ? threshold[up]! : -Infinity;
  let isLocked = up >= 0 && locked[up] === 1;
  const needed = prerequisites[i]!;
  for (let k = 0; k < needed.length; k++) {
    const p = needed[k]!;
    if (satisfied[p] !== 1) isLocked = true;
    if (run.enforce) from = Math.max(from, satisfied[p] === 1 ? completed[p]! : Infinity);
  }
  const previous = sequentialPrevious[i]!;
  if (previous >= 0) {
    // A sequential group always needs its steps in order.
    if (satisfied[previous] !== 1) isLocked = true;
    from = Math.max(from, satisfied[previous] === 1 ? completed[previous]! : Infinity);
  }
  threshold[i] = from;
  locked[i] = isLocked ? 1 : 0;
}

/** Steps 2, 3, 5 and 7 for node `i`, whose children and prerequisites are complete: its figures. */
function completeNode(run: Evaluation, i: number): void {
  const from = run.threshold[i]!;
  let outcome: NodeOutcome;
  if (run.compiled.plain[i] === 1) {
    // A plain badge step: its achievement and rules are known without reading the node again
    // (at 100 000 nodes, reading each node again is a cache miss or two apiece).
    outcome = evaluateLeaf(run.compiled.missingId.at(i), NONE, NO_RULES, from, run.validNow, run.ctx, run.outcome);
  } else {
    const node = run.compiled.nodes[i]!;
    outcome =
      node.type === 'group' ? groupOutcome(run, node, i, from)
      : node.type === 'pathway' ? nestedOutcome(run.ctx, node, from, run.outcome)
      : evaluateLeaf(firstAchievement(node), otherAchievements(node), leafRules(node), from, run.validNow, run.ctx, run.outcome);
    if (node.milestoneBadge !== undefined) applyMilestone(run, node, i, node.milestoneBadge, outcome);
  }

  run.satisfied[i] = outcome.satisfied ? 1 : 0;
  run.progress[i] = outcome.progress;
  run.completed[i] = outcome.completed;
  run.state[i] = !outcome.satisfied && run.locked[i] === 1 ? STATE_CODES.locked : STATE_CODES[outcome.state];
  if (outcome.warnings !== NONE) run.warnings.set(i, outcome.warnings);
}

/** Step 3 for a group: its outcome from its children's. */
function groupOutcome(run: Evaluation, node: Extract<PathwayNode, { type: 'group' }>, i: number, from: number): NodeOutcome {
  const { start, count } = run.compiled.children;
  const first = start[i]!;
  const end = first + count[i]!;
  if (count[i]! > run.scratch.length) run.scratch = new Float64Array(Math.max(count[i]!, 2 * run.scratch.length));
  const outcome = evaluateGroup(run, node, first, end, from);
  if (!outcome.satisfied) outcome.progress = groupProgress(run, node, first, end, from);
  return outcome;
}

/**
 * What node `i` still needs, from the final figures: for a group, its unsatisfied required
 * children (none when its milestone kept it complete); for any other node, nothing once
 * satisfied, else the achievement to earn (or the nested pathway's `id@version`).
 */
function missingOf(columns: ResultColumns, i: number): string[] {
  const { types, ids, optional, children, missingId, satisfied } = columns;
  if (types[i] !== GROUP) return satisfied[i] === 1 ? NONE : [missingId.at(i)];
  if (columns.kept.has(i)) return NONE;
  let missing: string[] = NONE;
  for (let k = children.start[i]!, end = k + children.count[i]!; k < end; k++) {
    const child = children.list[k]!;
    if (optional[child] !== 1 && satisfied[child] !== 1) missing = plus(missing, ids.at(child));
  }
  return missing;
}

/**
 * What the per-node results are made of, and all that a result not yet read keeps: the
 * pathway's columns and the evaluation's final figures. Not the nodes (a result must not keep
 * the caller's objects alive, nor answer from them once changed) and nothing borrowed for the
 * evaluation (see scratch.ts).
 */
interface ResultColumns extends Pick<FlatPathway, 'ids' | 'types' | 'optional' | 'missingId' | 'children'>,
  Pick<Evaluation, 'satisfied' | 'progress' | 'completed' | 'state' | 'locked' | 'warnings' | 'kept'> {}

function resultColumns(run: Evaluation): ResultColumns {
  const { ids, types, optional, missingId, children } = run.compiled;
  const { satisfied, progress, completed, state, locked, warnings, kept } = run;
  return { ids, types, optional, missingId, children, satisfied, progress, completed, state, locked, warnings, kept };
}

/** Node `i`'s result, as {@link PathwayProgress.nodes} shows it. */
function nodeResult(columns: ResultColumns, i: number): NodeProgress {
  const satisfied = columns.satisfied[i] === 1;
  const result: NodeProgress = {
    id: columns.ids.at(i), type: NODE_TYPES[columns.types[i]!]!, satisfied, progress: columns.progress[i]!,
    state: STATES[columns.state[i]!]!, missing: missingOf(columns, i), warnings: columns.warnings.get(i) ?? NONE,
  };
  if (satisfied) {
    const completedAt = iso(columns.completed[i]!);
    if (completedAt !== undefined) result.completedAt = completedAt;
  }
  if (columns.locked[i] === 1) result.locked = true;
  return result;
}

/** Every node's result by id, in pathway order: made once, when a caller first reads `nodes`. */
function nodeResults(columns: ResultColumns): Record<string, NodeProgress> {
  const byId = Object.create(null) as Record<string, NodeProgress>;
  const { ids } = columns;
  for (let i = 0; i < ids.length; i++) byId[ids.at(i)] = nodeResult(columns, i);
  return byId;
}

/** A nested pathway step: counts when that pathway was completed from `from` on. */
function nestedOutcome(ctx: Context, node: Extract<PathwayNode, { type: 'pathway' }>, from: number, out: NodeOutcome): NodeOutcome {
  const key = pathwayKey(node.pathway.id, node.pathway.version);
  const inner = ctx.nested.get(key);
  if (!inner) {
    return settle(out, false, Number.NaN, 'not-started', [{ code: 'pathway-unknown', message: 'The pathway this step refers to is not available, so it cannot be evaluated.' }], 0);
  }
  const innerCompleted = inner.satisfied ? (inner.completedAt ? Date.parse(inner.completedAt) : -Infinity) : Number.NaN;
  const counts = inner.satisfied && innerCompleted >= from;
  let warnings: ProgressWarning[] = NONE;
  if (inner.satisfied && !counts) {
    warnings = plus(warnings, { code: 'earned-too-early', message: 'Completed before the steps that must come first were complete, so it does not count.' });
  }
  return settle(
    out,
    counts,
    counts ? innerCompleted : Number.NaN,
    counts ? 'complete' : inner.satisfied ? 'not-started' : inner.state,
    warnings,
    counts ? 1 : inner.satisfied ? 0 : inner.progress,
  );
}

/** Steps 5 and 7: award a milestone the learner lacks; never take back one already held. */
function applyMilestone(run: Evaluation, node: PathwayNode, i: number, badge: string, outcome: NodeOutcome): void {
  const since = heldSince(badge, run.ctx);
  if (outcome.satisfied && since === undefined) {
    run.awards.push({ node: node.id, achievement: badge, badge, idempotencyKey: milestoneKey(run.ctx.learner, run.compiled.pathway, node.id) });
  } else if (!outcome.satisfied && since !== undefined) {
    outcome.satisfied = true;
    outcome.completed = since;
    outcome.state = 'complete';
    outcome.warnings = [...outcome.warnings, { code: 'milestone-kept', message: 'Counts as complete because its milestone badge was already awarded.' }];
    outcome.progress = 1;
    run.kept.add(i);
  }
}

/**
 * The whole pathway's result: the root's figures, awards and next steps, and every node's
 * result by id. `nodes` is made from the evaluation's arrays when first read, then kept (so it
 * is the same object on every read, and the arrays are let go); to every reader — property
 * access, `JSON.stringify`, spreading, deep equality, `structuredClone` — it is an ordinary
 * enumerable property, and assigning to it replaces it as it would a plain one.
 */
function pathwayProgress(run: Evaluation): PathwayProgress {
  const { awards, ctx } = run;
  const columns = resultColumns(run);
  const root = nodeResult(columns, 0);
  let pending: ResultColumns | undefined = columns;
  let nodes: Record<string, NodeProgress> | undefined;
  const out: PathwayProgress = {
    pathway: { id: run.compiled.pathway.id, version: run.compiled.pathway.version },
    asOf: new Date(ctx.asOf).toISOString(),
    satisfied: root.satisfied,
    progress: root.progress,
    state: root.state,
    get nodes(): Record<string, NodeProgress> {
      if (pending !== undefined) {
        nodes = nodeResults(pending);
        pending = undefined;
      }
      return nodes!;
    },
    set nodes(value: Record<string, NodeProgress>) {
      pending = undefined;
      nodes = value;
    },
    awarded: awards,
    awards,
    nextSteps: nextSteps(run),
    warnings: [],
  };
  if (root.completedAt !== undefined) out.completedAt = root.completedAt;
  return out;
}

/**
 * Step 3: whether n of the non-optional children (and `minPoints`) are satisfied, and when, into
 * the evaluation's scratch outcome (progress 1 when satisfied; see {@link groupProgress}).
 */
function evaluateGroup(run: Evaluation, node: Extract<PathwayNode, { type: 'group' }>, first: number, end: number, from: number): NodeOutcome {
  const { satisfied, progress, completed, state: states, scratch: times } = run;
  const { nodes, optional, children } = run.compiled;
  const kids = children.list;
  // Completion instants with their points, only for a group that counts points.
  const pointed: Array<[number, number]> | undefined = node.minPoints === undefined ? undefined : [];
  let required = 0;
  let done = 0;
  let points = 0;
  let started = false;
  let expired = false;
  for (let k = first; k < end; k++) {
    const child = kids[k]!;
    if (optional[child] !== 1) {
      required++;
      if (satisfied[child] === 1) times[done++] = completed[child]!;
    }
    // Points matter only to a group with minPoints (a satisfied child has progress 1, so it
    // makes its group in-progress without them).
    if (satisfied[child] === 1 && pointed !== undefined) {
      const childPoints = nodes[child]!.points ?? 0;
      points += childPoints;
      pointed?.push([completed[child]!, childPoints]);
    }
    const state = states[child]!;
    if (progress[child]! > 0 || state === STATE_CODES['in-progress'] || state === STATE_CODES['awaiting-claim'] || state === STATE_CODES['awaiting-review']) started = true;
    if (state === STATE_CODES.expired) expired = true;
  }
  const n = node.min ?? required;
  let warnings: ProgressWarning[] = NONE;
  if (n === 0 && node.minPoints === undefined) {
    warnings = plus(warnings, { code: 'group-empty', message: 'Nothing in this group is required, so it counts as complete.' });
  }
  let countReached = done >= n;
  let when = from;
  if (countReached && n > 0) {
    sortAscending(times, done);
    when = times[n - 1]!; // the n-th earliest completion
  }
  if (node.minPoints !== undefined && pointed) {
    if (points < node.minPoints) countReached = false;
    else if (node.minPoints > 0) {
      pointed.sort((a, b) => a[0] - b[0]);
      let sum = 0;
      for (const [time, value] of pointed) {
        sum += value;
        if (sum >= node.minPoints) {
          when = Math.max(when, time);
          break;
        }
      }
    }
  }
  // A group whose start can never come (an unmet enforced prerequisite) is not complete even if empty.
  if (countReached && from !== Infinity) return settle(run.outcome, true, when, 'complete', warnings, 1);
  const state: NodeState = started ? 'in-progress' : expired ? 'expired' : 'not-started';
  return settle(run.outcome, false, Number.NaN, state, warnings, 0);
}

/** Progress of an unsatisfied group: the n best child progresses / n, capped by points progress. */
function groupProgress(run: Evaluation, node: Extract<PathwayNode, { type: 'group' }>, first: number, end: number, from: number): number {
  if (from === Infinity) return 0;
  const { satisfied, progress, scratch: values } = run;
  const { nodes, optional, children } = run.compiled;
  const kids = children.list;
  let length = 0;
  let points = 0;
  for (let k = first; k < end; k++) {
    const child = kids[k]!;
    if (optional[child] !== 1) values[length++] = progress[child]!;
    if (satisfied[child] === 1 && node.minPoints !== undefined) points += nodes[child]!.points ?? 0;
  }
  const n = node.min ?? length;
  let value = n === 0 ? 1 : Math.min(1, sumOfLargest(values, length, n) / n);
  if (node.minPoints !== undefined && node.minPoints > 0) value = Math.min(value, points / node.minPoints);
  // Below 1: fewer than n children are satisfied (each has progress < 1) or points fall short.
  return value;
}

/** Step 6: missing leaves under unlocked, unsatisfied required nodes, hint order then soonest. */
function nextSteps(run: Evaluation): NextStep[] {
  const { compiled, ctx } = run;
  const { nodes, children, rank, types, optional, ids, missingId } = compiled;
  const steps: NextStep[] = [];
  // Steps are found in pathway order; only hints or opportunities reorder them. Then each step's
  // node index and soonest opportunity go in parallel lists (no wrapper object per step: a
  // large pathway can have tens of thousands of next steps), else no list is made at all.
  const reordered = rank !== undefined || ctx.soonest.size > 0;
  const indexOf: number[] = [];
  const soonestOf: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop()!;
    // Read from the columns: the node itself only for what a step shows and they do not hold.
    if (run.satisfied[i] === 1 || run.locked[i] === 1 || optional[i] === 1) continue;
    if (types[i] === GROUP) {
      for (let k = children.start[i]! + children.count[i]! - 1; k >= children.start[i]!; k--) stack.push(children.list[k]!);
      continue;
    }
    const node = nodes[i]!;
    const type = NODE_TYPES[types[i]!]!;
    const step: NextStep = { node: ids.at(i), type, state: STATES[run.state[i]!]! };
    if (node.title !== undefined) step.title = node.title;
    let soonest = Infinity;
    if (node.type === 'pathway') {
      step.pathway = { id: node.pathway.id, version: node.pathway.version };
    } else {
      const first = missingId.at(i); // the achievement a record for this step names
      step.achievement = first;
      if (ctx.soonest.size > 0) {
        const others = otherAchievements(node);
        for (let k = -1; k < others.length; k++) {
          const id = k < 0 ? first : others[k]!;
          const at = ctx.soonest.get(id);
          if (at !== undefined && at < soonest) {
            soonest = at;
            step.opportunity = { badge: id, startsAt: new Date(at).toISOString() };
          }
        }
      }
    }
    steps.push(step);
    if (reordered) {
      indexOf.push(i);
      soonestOf.push(soonest);
    }
  }
  if (!reordered) return steps;
  // Hint rank first, then the soonest opportunity, then pathway order (the order found in).
  const rankOf = (k: number) => (rank === undefined ? 0 : rank[indexOf[k]!]!);
  const before = (a: number, b: number) => rankOf(a) - rankOf(b) || soonestOf[a]! - soonestOf[b]! || indexOf[a]! - indexOf[b]!;
  let sorted = true;
  for (let k = 1; k < steps.length && sorted; k++) sorted = before(k - 1, k) <= 0;
  if (sorted) return steps;
  const positions = steps.map((_, k) => k).sort(before);
  return positions.map((k) => steps[k]!);
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Validate a pathway and the pathways it nests (from `options.pathways`) for one evaluation.
 * They are checked where they are, not copied: this evaluation reads them only before it
 * returns, so its caller cannot change them in between, and the results are made of the ids,
 * kinds and figures kept apart from the nodes (see FlatPathway), never of the caller's objects.
 */
function prepare(pathway: unknown, options: EvaluatePathwayOptions, scratch: Scratch): { flat: FlatPathway; nested: FlatPathway[] } {
  const limits = options.limits ?? {};
  const inspected = inspectPathway(pathway, limits, false, new StringIndex(), scratch);
  const issues = inspected.issues;
  const nested = inspected.compiled ? collectNested(inspected.compiled, options.pathways, limits, issues, false, false) : [];
  throwIfInvalid(issues);
  return { flat: inspected.compiled!, nested };
}

/**
 * Evaluate a learner's progress through a pathway at an instant, following these steps (the
 * model and rules in full: https://github.com/citiesoflearning/sdk/blob/main/docs/pathways.md):
 *
 * 1. revoked records are dropped (malformed ones ignored, with a count in `warnings`);
 * 2. a badge leaf counts its badge or an equivalent — pending only with `acceptPending`, with
 *    evidence when `evidenceRequired`, at most `maxAgeDays` old (exactly at the limit counts),
 *    and under the default `validNow` policy not expired at `asOf`; activity leaves count the
 *    activity's badge or an attendance record (achievement = activity id); evidence leaves count
 *    a record for the node id with evidence (and `reviewed: true` for peer or organiser review);
 * 3. a group is satisfied when `min` (default: all) non-optional children are, and `minPoints`
 *    is reached; progress = the n best child progresses / n; `completedAt` = the n-th earliest
 *    completion; sequential groups only count steps completed in order; a group with nothing
 *    required is satisfied (with a `group-empty` warning);
 * 4. unmet prerequisites lock a node for display; with `enforcePrerequisiteOrder` completions
 *    earned before the prerequisites were complete do not count;
 * 5. each satisfied node whose `milestoneBadge` the learner lacks yields an award with the key
 *    `learner|pathway@version|node`;
 * 6. next steps list the missing leaves of unlocked, unsatisfied, required nodes, ordered by
 *    `precedes` hints then by the soonest opportunity;
 * 7. a node whose milestone the learner holds stays satisfied when its inputs expire.
 *
 * The pathway is validated first (throws `pathway-invalid`, also for nested pathway cycles); nested
 * pathways come from `options.pathways` (an unknown one leaves its node not started, with a
 * warning). To evaluate one pathway many times, validate it once with {@link compilePathway} and
 * pass the result here instead (its nested pathways were resolved then; `options.pathways` and
 * `options.limits` are not used again). Time is linear in nodes + records: records are indexed by achievement once, and each
 * leaf looks only at its own achievements (groups sort their own children, so a huge single group
 * adds a log factor).
 *
 * Throws `ColError`: `pathway-invalid`, `records-invalid`, `date-invalid` (bad `asOf`),
 * `learner-not-opaque` (an email address as `learner`).
 *
 * @example
 * ```ts
 * import { evaluatePathway } from '@citiesoflearning/core';
 * const result = evaluatePathway(pathway, [
 *   { achievement: 'urn:a', issuedOn: '2026-01-05T00:00:00Z', status: 'claimed' },
 * ], { learner: 'learner-7f3a', asOf: '2026-02-01T00:00:00Z' });
 * result.progress;                 // 0.5
 * result.nodes['a']?.state;        // 'complete'
 * result.nextSteps[0]?.achievement; // 'urn:b'
 * for (const award of result.awarded) await award.achievement; // issue with award.idempotencyKey
 * ```
 */
export function evaluatePathway(pathway: Pathway | CompiledPathway, records: readonly EarnedRecord[], options: EvaluatePathwayOptions = {}): PathwayProgress {
  return evaluate(pathway, records, options);
}

/**
 * {@link evaluatePathway} for input whose shape nobody has checked yet — a pathway and records
 * parsed from a request body, a file or another service. Takes `unknown` and validates both
 * (the typed entry validates too, at run time, but states what it expects in its types).
 *
 * Throws `ColError`: `pathway-invalid`, `records-invalid`, `date-invalid`, `learner-not-opaque`.
 *
 * @example
 * ```ts
 * import { evaluateUntrustedPathway } from '@citiesoflearning/core';
 * const body: unknown = JSON.parse(requestText);
 * const { pathway, records } = body as { pathway: unknown; records: unknown };
 * const result = evaluateUntrustedPathway(pathway, records, { learner: 'learner-7f3a' });
 * ```
 */
export function evaluateUntrustedPathway(pathway: unknown, records: unknown, options: EvaluatePathwayOptions = {}): PathwayProgress {
  return evaluate(pathway, records, options);
}

function evaluate(pathway: unknown, records: unknown, options: EvaluatePathwayOptions): PathwayProgress {
  // Memory for the work that is over before this returns (see scratch.ts); results never refer to it.
  const scratch = borrowScratch();
  try {
    return evaluateWith(pathway, records, options, scratch);
  } finally {
    giveBack(scratch);
  }
}

function evaluateWith(pathway: unknown, records: unknown, options: EvaluatePathwayOptions, scratch: Scratch): PathwayProgress {
  const { flat: compiled, nested } = preparedPathway(pathway) ?? prepare(pathway, options, scratch);

  const asOf = options.asOf === undefined ? Date.now() : parseInstant(options.asOf);
  if (Number.isNaN(asOf)) throw new ColError('date-invalid', 'The date to evaluate at (asOf) is not a valid date.');
  const learner = options.learner ?? '';
  if (typeof learner !== 'string' || EMAIL.test(learner)) {
    throw new ColError('learner-not-opaque', 'Use an opaque learner id, not an email address: award keys must not carry personal data.');
  }
  const warnings: ProgressWarning[] = [];
  const soonest = new Map<string, number>();
  for (const opportunity of Array.isArray(options.opportunities) ? options.opportunities : []) {
    const at = parseInstant(opportunity?.startsAt);
    if (typeof opportunity?.badge !== 'string' || Number.isNaN(at) || at < asOf) continue;
    const known = soonest.get(opportunity.badge);
    if (known === undefined || at < known) soonest.set(opportunity.badge, at);
  }
  const ctx: Context = {
    asOf,
    held: indexRecords(records, warnings, new StringIndex(), scratch),
    awarded: new Set(Array.isArray(options.awarded) ? options.awarded.filter((b) => typeof b === 'string') : []),
    learner,
    soonest,
    nested: new Map(),
  };
  const awards: MilestoneAward[] = [];
  for (const inner of nested) {
    const result = evaluateCompiled(inner, ctx);
    ctx.nested.set(inner.key, result);
    awards.push(...result.awards);
  }
  const result = evaluateCompiled(compiled, ctx);
  const keys = new Set(result.awards.map((award) => award.idempotencyKey));
  for (const award of awards) {
    if (!keys.has(award.idempotencyKey)) {
      keys.add(award.idempotencyKey);
      result.awards.push(award);
    }
  }
  result.warnings = warnings;
  return result;
}
