// Reading an untrusted pathway (JSON from anywhere) into a clean, typed copy: every field is
// shape-checked, problems are collected as issues naming the node, and the tree is walked with
// an explicit stack so hostile nesting cannot overflow the call stack. The rules that need the
// whole graph (references, cycles, nesting) live in validate.ts.
import { isRecord, own, owned } from '../internal/guards.js';
import type { GroupNode, Pathway, PathwayAlignment, PathwayNode, PathwayPolicy } from './types.js';
import { Issues, PATHWAY_LIMITS } from './issues.js';
import { StringIndex } from './string-index.js';
import { Use, type Scratch } from './scratch.js';
import { Strings } from './strings.js';

/** The kinds of node, in the order of their codes in {@link Walked.types}. @internal */
export const NODE_TYPES: readonly PathwayNode['type'][] = ['badge', 'activity', 'evidence', 'pathway', 'group'];
const NODE_TYPE_CODES = new Map(NODE_TYPES.map((type, code) => [type as string, code]));
const BADGE = NODE_TYPE_CODES.get('badge')!;

/**
 * Whether a badge step has none of the fields that change how it is evaluated (read as the
 * evaluation would read them: see {@link Walked.plain}).
 */
function isPlainBadge(node: Record<string, unknown>): boolean {
  if (node.acceptPending !== undefined || node.evidenceRequired !== undefined || node.maxAgeDays !== undefined || node.milestoneBadge !== undefined) return false;
  const badge = owned(node, node.badge, 'badge');
  return isRecord(badge) && badge.equivalents === undefined;
}

/** The code of a group in {@link Walked.types}. @internal */
export const GROUP = NODE_TYPE_CODES.get('group')!;
const REVIEWS = new Set(['self', 'peer', 'organiser']);

/**
 * Field readers: each copies a valid value into `out` or records an issue. One reader is reused
 * for every node of a walk (and one for the objects inside a node), not made per node.
 */
class Reader {
  private inner: Reader | undefined;

  constructor(
    private readonly issues: Issues,
    private node: string | null,
    private source: Record<string, unknown>,
  ) {}

  /** Point this reader at another object (the next node). */
  reset(node: string | null, source: Record<string, unknown>): this {
    this.node = node;
    this.source = source;
    return this;
  }

  has(key: string): boolean {
    return own(this.source, key) !== undefined;
  }

  text(key: string, required = false): string | undefined {
    const value = own(this.source, key);
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.length === 0) {
      this.issues.add(this.node, 'field-invalid', `${key} must be non-empty text.`, 'error', { field: key });
      return undefined;
    }
    if (value.length > PATHWAY_LIMITS.maxTextLength) {
      this.issues.add(this.node, 'field-too-long', `${key} is longer than ${PATHWAY_LIMITS.maxTextLength} characters.`, 'error', { field: key, limit: PATHWAY_LIMITS.maxTextLength });
      return undefined;
    }
    return value;
  }

  flag(key: string): boolean | undefined {
    const value = own(this.source, key);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.issues.add(this.node, 'field-invalid', `${key} must be true or false.`, 'error', { field: key });
      return undefined;
    }
    return value;
  }

  count(key: string, integer: boolean): number | undefined {
    const value = own(this.source, key);
    if (value === undefined) return undefined;
    if (!isCount(value, integer)) {
      this.issues.add(this.node, 'field-invalid', `${key} must be ${integer ? 'a whole number' : 'a number'} of 0 or more.`, 'error', { field: key });
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(key: string, allowed: ReadonlySet<string>): T | undefined {
    const value = own(this.source, key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !allowed.has(value)) {
      this.issues.add(this.node, 'field-invalid', `${key} must be one of ${[...allowed].join(', ')}.`, 'error', { field: key });
      return undefined;
    }
    return value as T;
  }

  texts(key: string, maxItems: number): string[] | undefined {
    const value = own(this.source, key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.issues.add(this.node, 'field-invalid', `${key} must be a list of ids.`, 'error', { field: key });
      return undefined;
    }
    if (value.length > maxItems) {
      this.issues.add(this.node, 'field-too-long', `${key} has more than ${maxItems} entries.`, 'error', { field: key, limit: maxItems });
      return undefined;
    }
    const out: string[] = [];
    for (const item of value) {
      if (typeof item !== 'string' || item.length === 0 || item.length > PATHWAY_LIMITS.maxTextLength) {
        this.issues.add(this.node, 'field-invalid', `${key} must contain only non-empty text ids.`, 'error', { field: key });
        return undefined;
      }
      out.push(item);
    }
    return out;
  }

  object(key: string, required = false): Reader | undefined {
    const value = own(this.source, key);
    if (value === undefined && !required) return undefined;
    if (!isRecord(value)) {
      this.issues.add(this.node, 'field-invalid', `${key} must be an object.`, 'error', { field: key });
      return undefined;
    }
    // Callers finish with one inner object before asking for the next, so one reader serves all.
    return (this.inner ??= new Reader(this.issues, this.node, value)).reset(this.node, value);
  }

  alignments(key: string): PathwayAlignment[] | undefined {
    const value = own(this.source, key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length > 1000) {
      this.issues.add(this.node, 'field-invalid', `${key} must be a list of at most 1000 alignments.`, 'error', { field: key });
      return undefined;
    }
    const out: PathwayAlignment[] = [];
    for (const item of value) {
      if (!isRecord(item)) {
        this.issues.add(this.node, 'field-invalid', `each of ${key} must be an object with targetName and targetUrl.`, 'error', { field: key });
        return undefined;
      }
      const read = new Reader(this.issues, this.node, item);
      const targetName = read.text('targetName', true);
      const targetUrl = read.text('targetUrl', true);
      if (targetName === undefined || targetUrl === undefined) return undefined;
      const alignment: PathwayAlignment = { targetName, targetUrl };
      for (const optional of ['targetDescription', 'targetFramework', 'targetCode', 'targetType'] as const) {
        const text = read.text(optional);
        if (text !== undefined) alignment[optional] = text;
      }
      out.push(alignment);
    }
    return out;
  }
}

/** Whether `value` is a number of 0 or more (a whole one when `integer`), as counts must be. */
function isCount(value: unknown, integer: boolean): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value));
}

/** A count field's value when it is valid, else `undefined` (its reader reports it). */
function validCount(source: Record<string, unknown>, key: string, integer: boolean): number | undefined {
  const value = own(source, key);
  return isCount(value, integer) ? value : undefined;
}

export interface Walked {
  pathway: Pathway | undefined;
  /** Clean copies of the nodes, or (walked with `copy` false) the checked input nodes themselves. */
  nodes: PathwayNode[];
  parent: Int32Array;
  /** Each node's children, in order (see {@link ChildLists}). */
  children: ChildLists;
  /**
   * Per node, what results are made of, gathered while the node is read (nothing reads the
   * nodes again for them): its id, its kind (an index into {@link NODE_TYPES}), whether it is
   * optional, and the id it lists as missing while unsatisfied.
   */
  ids: Strings;
  types: Uint8Array;
  optional: Uint8Array;
  missingId: Strings;
  /**
   * 1 for a plain badge step (no equivalents, `acceptPending`, `evidenceRequired`,
   * `maxAgeDays` or `milestoneBadge`: most steps of large pathways), which evaluation then
   * settles from these columns without reading the node again.
   */
  plain: Uint8Array;
  /** Each id's first node. */
  indexOf: Pick<Map<string, number>, 'get'>;
  /** Ids used by more than one node, once per extra use, in walk order. */
  duplicateIds: string[];
  /**
   * Raw prerequisite / precedes ids of the nodes that have any (most have none: no entry per
   * node), resolved after all ids are known.
   */
  prerequisiteIds: Map<number, string[]>;
  precedesIds: Map<number, string[]>;
}

/** An empty list of node indices, shared (nothing adds to it). @internal */
export const NO_INDICES: number[] = [];

/**
 * Every node's children, as node indices, in one list instead of an array per group: node i's
 * are `list[start[i]]` up to (not including) `list[start[i] + count[i]]`, in document order. A
 * leaf has none. (A 100 000-node pathway has 11 000 groups: as many arrays for the garbage
 * collector to copy, and a 100 000-entry array of them.)
 *
 * @internal
 * @example
 * ```ts
 * const { start, count, list } = flat.children;
 * for (let k = start[i]!; k < start[i]! + count[i]!; k++) visit(list[k]!);
 * ```
 */
export interface ChildLists {
  start: Int32Array;
  count: Int32Array;
  list: Int32Array;
}
const ORDERS = new Set(['any', 'sequential']);
const EXPIRIES = new Set(['validNow', 'validWhenCompleted']);

/**
 * `$.root.children[2]…` for the value at `slot` under node `parent` (-1: the root itself), built
 * only when a node without an id needs naming.
 */
function locate(parentOf: Int32Array, slotOf: Int32Array, parent: number, slot: number): string {
  if (parent < 0) return '$.root';
  const slots = [slot];
  for (let at = parent; parentOf[at]! >= 0; at = parentOf[at]!) slots.push(slotOf[at]!);
  return `$.root${slots.reverse().map((s) => `.children[${s}]`).join('')}`;
}

/** Copy `value` into `node[key]` unless it is absent (or invalid: the reader then returns undefined). */
function put(node: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) node[key] = value;
}

/**
 * Check the common fields and the kind-specific fields of one node and, when `node` is given,
 * copy them into it (the clean copy {@link validatePathway} returns). Returns the id the node
 * lists as missing while unsatisfied (FlatPathway's `missingId`), read here so that nothing reads
 * the node again for it.
 */
function readNode(read: Reader, source: Record<string, unknown>, node: Record<string, unknown> | undefined, type: PathwayNode['type'], id: string): string | undefined {
  // One object, filled field by field (no spreads, no closure): this runs once per node of large pathways.
  if (node === undefined) return checkNode(read, source, type, id);
  // As in checkNode: an absent field (the usual case) skips its reader.
  if (source.title !== undefined) put(node, 'title', read.text('title'));
  if (source.description !== undefined) put(node, 'description', read.text('description'));
  if (source.optional !== undefined) put(node, 'optional', read.flag('optional'));
  if (source.points !== undefined) put(node, 'points', read.count('points', false));
  if (source.level !== undefined) put(node, 'level', read.text('level'));
  if (source.milestoneBadge !== undefined) put(node, 'milestoneBadge', read.text('milestoneBadge'));
  if (source.alignments !== undefined) put(node, 'alignments', read.alignments('alignments'));

  switch (type) {
    case 'badge': {
      const badge = read.object('badge', true);
      const equivalents = badge?.texts('equivalents', 1000);
      const badgeId = badge?.text('id', true);
      node.badge = equivalents ? { id: badgeId, equivalents } : { id: badgeId };
      if (source.evidenceRequired !== undefined) put(node, 'evidenceRequired', read.flag('evidenceRequired'));
      if (source.maxAgeDays !== undefined) put(node, 'maxAgeDays', read.count('maxAgeDays', false));
      if (source.acceptPending !== undefined) put(node, 'acceptPending', read.flag('acceptPending'));
      return badgeId;
    }
    case 'activity': {
      const activity = read.object('activity', true);
      const activityId = activity?.text('id', true);
      const badge = activity?.text('badge');
      node.activity = badge ? { id: activityId, badge } : { id: activityId };
      return badge ?? activityId;
    }
    case 'evidence': {
      node.prompt = read.text('prompt', true);
      node.review = read.has('review') ? read.oneOf('review', REVIEWS) : read.text('review', true);
      return id;
    }
    case 'pathway': {
      const ref = read.object('pathway', true);
      const pathwayId = ref?.text('id', true);
      const version = ref?.text('version', true);
      node.pathway = { id: pathwayId, version };
      return missingPathwayId(pathwayId, version);
    }
    case 'group': {
      node.children = [];
      if (source.min !== undefined) put(node, 'min', read.count('min', true));
      if (source.minPoints !== undefined) put(node, 'minPoints', read.count('minPoints', false));
      if (source.order !== undefined) put(node, 'order', read.oneOf('order', ORDERS));
      return id;
    }
  }
}

/** A nested pathway step's missing id, `id@version` (as validate.ts's `pathwayKey`). */
function missingPathwayId(id: string | undefined, version: string | undefined): string | undefined {
  return id === undefined || version === undefined ? undefined : `${id}@${version}`;
}

/**
 * The checks of {@link readNode} without the copy: for a caller that evaluates the input once,
 * there and then, the copy is work (and garbage) that nobody reads. Keep the two in step.
 */
function checkNode(read: Reader, node: Record<string, unknown>, type: PathwayNode['type'], id: string): string | undefined {
  // Most optional fields are absent: a read at its own site (fast for the few node shapes seen
  // there) skips the reader, whose one read serves every field and shape. Anything present,
  // own or inherited, goes to the reader, which looks only at own fields.
  if (node.title !== undefined) read.text('title');
  if (node.description !== undefined) read.text('description');
  if (node.optional !== undefined) read.flag('optional');
  if (node.points !== undefined) read.count('points', false);
  if (node.level !== undefined) read.text('level');
  if (node.milestoneBadge !== undefined) read.text('milestoneBadge');
  if (node.alignments !== undefined) read.alignments('alignments');
  switch (type) {
    case 'badge': {
      const badge = read.object('badge', true);
      badge?.texts('equivalents', 1000);
      const badgeId = badge?.text('id', true);
      if (node.evidenceRequired !== undefined) read.flag('evidenceRequired');
      if (node.maxAgeDays !== undefined) read.count('maxAgeDays', false);
      if (node.acceptPending !== undefined) read.flag('acceptPending');
      return badgeId;
    }
    case 'activity': {
      const activity = read.object('activity', true);
      const activityId = activity?.text('id', true);
      return activity?.text('badge') ?? activityId;
    }
    case 'evidence':
      read.text('prompt', true);
      if (read.has('review')) read.oneOf('review', REVIEWS);
      else read.text('review', true);
      return id;
    case 'pathway': {
      const ref = read.object('pathway', true);
      return missingPathwayId(ref?.text('id', true), ref?.text('version', true));
    }
    case 'group':
      if (node.min !== undefined) read.count('min', true);
      if (node.minPoints !== undefined) read.count('minPoints', false);
      if (node.order !== undefined) read.oneOf('order', ORDERS);
      return id;
  }
}

/**
 * Check the group rules that need the raw children: `min` against the non-optional children,
 * `minPoints` against the points available, sequential groups requiring all, empty groups.
 */
function checkGroup(issues: Issues, id: string, group: Record<string, unknown>, rawChildren: unknown[]): void {
  // The group's own fields as checked (an invalid one is reported by its reader and left out here).
  const node = { id, min: validCount(group, 'min', true), minPoints: validCount(group, 'minPoints', false), order: own(group, 'order') };
  let required = 0;
  let points = 0;
  for (let at = 0; at < rawChildren.length; at++) {
    const child: unknown = rawChildren[at];
    if (!isRecord(child)) continue;
    if (owned(child, child.optional, 'optional') !== true) required++;
    const childPoints = owned(child, child.points, 'points');
    if (typeof childPoints === 'number' && Number.isFinite(childPoints) && childPoints > 0) points += childPoints;
  }
  const plural = required === 1 ? 'child' : 'children';
  if (node.min !== undefined && node.min > required) {
    issues.add(node.id, 'min-too-large', `min is ${node.min} but it has only ${required} required ${plural}.`, 'error', { field: 'min', limit: required });
  }
  if (node.minPoints !== undefined && node.minPoints > points) {
    issues.add(node.id, 'min-points-unreachable', `minPoints is ${node.minPoints} but its children carry only ${points} points.`, 'error', { field: 'minPoints', limit: points });
  }
  if (node.order === 'sequential' && node.min !== undefined && node.min !== required) {
    issues.add(node.id, 'sequential-needs-all', `a sequential group needs all ${required} required ${plural}, so min must be absent or ${required}.`);
  }
  if ((node.min ?? required) === 0 && node.minPoints === undefined) {
    issues.add(node.id, 'group-empty', 'nothing in this group is required, so it counts as complete straight away.', 'warning');
  }
}

const NO_NUMBERS = new Int32Array(0);
const NO_FLAGS = new Uint8Array(0);

function emptyWalk(): Walked {
  return {
    pathway: undefined, nodes: [], parent: NO_NUMBERS, children: { start: NO_NUMBERS, count: NO_NUMBERS, list: NO_NUMBERS }, ids: new Strings(), types: NO_FLAGS, optional: NO_FLAGS, missingId: new Strings(), plain: NO_FLAGS,
    indexOf: new Map(), duplicateIds: [], prerequisiteIds: new Map(), precedesIds: new Map(),
  };
}

/**
 * How many nodes the walk of `root` will meet, as long as that is at most `maxNodes`: so that
 * the walk's columns are allocated once at their size. Grown by `push` instead, they were a
 * third of a 100 000-node check (each growth copies the whole array into a fresh one, and the
 * old ones are garbage). Only a hint: 0 when the count passes `maxNodes` (too many nodes, or
 * one object met again and again through a loop), so hostile input never makes the walk
 * allocate for more than it holds; the walk then grows its columns as it goes. Follows only
 * own `children` arrays, with an explicit stack, and stops once the count and the stack
 * together pass `maxNodes`, so its work is bounded by the limit too.
 */
function countNodes(root: unknown, maxNodes: number): number {
  const stack: unknown[] = [root];
  let count = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (!isRecord(value)) continue;
    count++;
    const children = owned(value, value.children, 'children');
    if (!Array.isArray(children)) continue;
    if (count + stack.length + children.length > maxNodes) return 0;
    for (let at = 0; at < children.length; at++) stack.push(children[at]);
  }
  return count;
}

/** Give `walked`'s per-node columns room for `capacity` nodes, keeping the first `count`. */
function reserveColumns(walked: Walked, capacity: number, count: number): void {
  // One buffer for the six numeric columns: one allocation instead of six.
  const buffer = new ArrayBuffer(capacity * 15);
  const parent = new Int32Array(buffer, 0, capacity);
  const start = new Int32Array(buffer, capacity * 4, capacity);
  const children = new Int32Array(buffer, capacity * 8, capacity);
  const types = new Uint8Array(buffer, capacity * 12, capacity);
  const optional = new Uint8Array(buffer, capacity * 13, capacity);
  const plain = new Uint8Array(buffer, capacity * 14, capacity);
  plain.set(walked.plain.subarray(0, count));
  parent.set(walked.parent.subarray(0, count));
  start.set(walked.children.start.subarray(0, count));
  children.set(walked.children.count.subarray(0, count));
  types.set(walked.types.subarray(0, count));
  optional.set(walked.optional.subarray(0, count));
  walked.parent = parent;
  walked.children = { start, count: children, list: walked.children.list };
  walked.types = types;
  walked.optional = optional;
  walked.plain = plain;
}

/** Room in `walked`'s child list for `needed` entries, keeping the first `used`. */
function reserveChildList(walked: Walked, needed: number, used: number): void {
  const list = new Int32Array(Math.max(needed, 2 * walked.children.list.length));
  list.set(walked.children.list.subarray(0, used));
  walked.children.list = list;
}

/** Cut `walked`'s columns, allocated for more, to the `count` nodes the walk met. */
function trimColumns(walked: Walked, count: number, childSlots: number): void {
  walked.parent = walked.parent.subarray(0, count);
  const { start, count: children, list } = walked.children;
  walked.children = { start: start.subarray(0, count), count: children.subarray(0, count), list: list.subarray(0, childSlots) };
  walked.types = walked.types.subarray(0, count);
  walked.optional = walked.optional.subarray(0, count);
  walked.plain = walked.plain.subarray(0, count);
  walked.nodes.length = Math.min(walked.nodes.length, count);
  walked.ids.truncate(count);
  walked.missingId.truncate(count);
}

/** Shape-check untrusted input into a clean, typed copy, walking with an explicit stack. */
export function walk(input: unknown, issues: Issues, maxDepth: number, maxNodes: number, copy: boolean, numbers = new StringIndex(), scratch?: Scratch): Walked {
  const walked = emptyWalk();
  if (!isRecord(input)) {
    issues.add(null, 'pathway-not-object', 'is not a pathway object.');
    return walked;
  }
  const pathway = readPathwayFields(new Reader(issues, null, input));
  if (own(input, 'root') === undefined) {
    issues.add(null, 'field-invalid', 'root must be a node.', 'error', { field: 'root' });
    return walked;
  }
  const root = own(input, 'root');
  const before = issues.mark();
  const expected = countNodes(root, maxNodes);
  if (!walkNodes(root, walked, issues, maxDepth, maxNodes, copy, numbers, expected, scratch)) {
    // The hopeful walk met a problem: start again with the careful one, which names them all.
    issues.rollback(before);
    Object.assign(walked, emptyWalk());
    walkNodes(root, walked, issues, maxDepth, maxNodes, copy, undefined, expected, scratch);
  }
  if (walked.nodes.length > 0) pathway.root = walked.nodes[0];
  walked.pathway = pathway as unknown as Pathway;
  return walked;
}

/** The pathway's own fields (all but `root`), checked and copied. */
function readPathwayFields(read: Reader): Record<string, unknown> {
  const pathway: Record<string, unknown> = {
    id: read.text('id', true),
    version: read.text('version', true),
    name: read.text('name', true),
  };
  put(pathway, 'description', read.text('description'));
  const owner = read.object('owner');
  if (owner) {
    const ownerName = owner.text('name');
    pathway.owner = ownerName ? { id: owner.text('id', true), name: ownerName } : { id: owner.text('id', true) };
  }
  const destination = read.object('destination');
  if (destination) {
    const out: Record<string, unknown> = { title: destination.text('title', true) };
    for (const key of ['description', 'url']) put(out, key, destination.text(key));
    pathway.destination = out;
  }
  const availability = read.object('availability');
  if (availability) {
    const out: Record<string, unknown> = {};
    put(out, 'places', availability.texts('places', 10_000));
    for (const key of ['startsAt', 'endsAt']) put(out, key, availability.text(key));
    pathway.availability = out;
  }
  put(pathway, 'alignments', read.alignments('alignments'));
  const policyReader = read.object('policy');
  if (policyReader) {
    const policy: PathwayPolicy = {};
    const expiry = policyReader.oneOf<'validNow' | 'validWhenCompleted'>('expiry', EXPIRIES);
    if (expiry) policy.expiry = expiry;
    const enforce = policyReader.flag('enforcePrerequisiteOrder');
    if (enforce !== undefined) policy.enforcePrerequisiteOrder = enforce;
    pathway.policy = policy;
  }
  return pathway;
}

/**
 * The node tree under `root`, depth first in document order, into `walked` (nodes in pre-order,
 * with their parent and child indices, and each id's first node). An explicit stack, so hostile
 * nesting cannot overflow the call stack; a node that is not an object, repeats an object
 * already seen, is too deep or has no known type is reported and skipped with everything under
 * it. With `copy` false the nodes are checked but not copied (see {@link checkNode}).
 *
 * Most pathways have no errors, so the walk first hopes for that (given `numbered`): it numbers
 * the ids with a {@link StringIndex} (one cheap operation per node instead of two `Map` ones: on
 * large pathways a tenth of the whole evaluation), and gives up (returns `false`) at the first
 * error, repeated id or overloaded index. The caller then walks again carefully,
 * which finds repeated objects before anything else and reports every problem. A hopeful walk
 * that finishes met no error and no repeated id, where the careful walk would have done exactly
 * the same; one that gives up costs at most one more walk, and walks are bounded by the limits.
 */
function walkNodes(
  root: unknown, walked: Walked, issues: Issues, maxDepth: number, maxNodes: number, copy: boolean,
  numbered: StringIndex | undefined, expected: number, scratch: Scratch | undefined,
): boolean {
  const errorsBefore = issues.errors;
  // Hopeful (given a fresh index to number the ids with): every node has a usable id, so the
  // n-th id added is node n's, and the index's keys are the ids. Careful otherwise.
  const careful = numbered === undefined;
  // Room for the nodes the count expects (more are added as they come: the count is a hint).
  let capacity = Math.max(expected, 16);
  reserveColumns(walked, capacity, 0);
  // A tree of n nodes has n - 1 children.
  reserveChildList(walked, capacity, 0);
  let childSlots = 0;
  if (expected > 0) {
    // Borrowed for a one-shot check (copies are kept: then never borrowed).
    walked.nodes = scratch && !copy ? (scratch.nodeList(expected) as PathwayNode[]) : new Array(expected);
    walked.missingId = new Strings(expected);
    if (careful) walked.ids = new Strings(expected);
  }
  if (numbered) {
    numbered.reserve(expected, scratch, Use.NodeIds);
    walked.indexOf = numbered;
  }
  const indexOf = careful ? new Map<string, number>() : undefined;
  if (indexOf) walked.indexOf = indexOf;
  // A repeated object is found through its id: a node object seen before has the same id as the
  // node it was then, so the id map (needed anyway) finds it without a set of every node. Only
  // objects that never became a node (no usable id, too deep, no known type) go in this set.
  const seenElsewhere = new Set<object>();
  // The input object of each node, to tell a repeated object from another with the same id.
  const raw: object[] = copy ? new Array(expected) : (walked.nodes as unknown as object[]);
  // The stack as parallel arrays (value, parent node index, slot in the parent, depth): no
  // object per node. `slotOf` keeps each node's slot, to name a node without an id.
  const values: unknown[] = [root];
  const parents: number[] = [-1];
  const slots: number[] = [0];
  const depths: number[] = [1];
  // Each node's slot is needed only during the walk: borrowed when there is a scratch.
  let slotOf = scratch ? new Int32Array(scratch.buffer(Use.Slots, 4 * capacity, false), 0, capacity) : new Int32Array(capacity);
  const reader = new Reader(issues, null, {});
  let count = 0;
  const located = (parent: number, slot: number) => locate(walked.parent, slotOf, parent, slot);
  while (values.length > 0) {
    const value = values.pop();
    const parent = parents.pop()!;
    const slot = slots.pop()!;
    const depth = depths.pop()!;
    if (!careful && issues.errors !== errorsBefore) return false;
    if (count >= maxNodes) {
      issues.add(null, 'too-many-nodes', `has more than ${maxNodes} nodes.`, 'error', { limit: maxNodes });
      trimColumns(walked, count, childSlots);
      return careful;
    }
    if (!isRecord(value)) {
      issues.add(located(parent, slot), 'node-invalid', 'is not a node object.');
      continue;
    }
    const rawId = owned(value, value.id, 'id');
    const hasId = typeof rawId === 'string' && rawId.length > 0 && rawId.length <= PATHWAY_LIMITS.maxTextLength;
    const earlier = hasId && indexOf ? indexOf.get(rawId) : undefined;
    if ((earlier !== undefined && raw[earlier] === value) || (seenElsewhere.size > 0 && seenElsewhere.has(value))) {
      issues.add(located(parent, slot), 'node-repeated', 'is the same object as another node (a loop in the tree).');
      continue;
    }
    const label = hasId ? rawId : located(parent, slot);
    if (!hasId) {
      seenElsewhere.add(value);
      issues.add(label, 'field-invalid', 'id must be non-empty text.', 'error', { field: 'id' });
    }
    if (depth > maxDepth) {
      seenElsewhere.add(value);
      issues.add(label, 'too-deep', `is nested more than ${maxDepth} levels deep.`, 'error', { limit: maxDepth });
      continue;
    }
    const rawType = owned(value, value.type, 'type');
    const type = typeof rawType === 'string' ? NODE_TYPE_CODES.get(rawType) : undefined;
    if (type === undefined) {
      seenElsewhere.add(value);
      issues.add(label, 'node-type-invalid', 'type must be one of badge, activity, evidence, pathway, group.');
      continue;
    }
    const index = count++;
    if (hasId && indexOf) {
      if (earlier === undefined) indexOf.set(rawId, index);
      else walked.duplicateIds.push(rawId);
    } else if (hasId && numbered) {
      if (numbered.add(rawId) !== index) return false; // seen before, or the index is overloaded
    }
    if (index === capacity) {
      // More nodes than counted (input that changes as it is read): grow, twice as large.
      reserveColumns(walked, (capacity *= 2), index);
      const grown = new Int32Array(capacity);
      grown.set(slotOf);
      slotOf = grown;
    }
    addNode(walked, reader.reset(label, value), value, label, type, parent, slot, index, maxNodes, copy, careful);
    if (copy) raw[index] = value;
    slotOf[index] = slot;
    if (type !== GROUP) continue;
    const rawChildren = owned(value, value.children, 'children');
    if (!Array.isArray(rawChildren)) {
      issues.add(label, 'field-invalid', 'children must be a list of nodes.', 'error', { field: 'children' });
      continue;
    }
    if (rawChildren.length > maxNodes - count) {
      issues.add(null, 'too-many-nodes', `has more than ${maxNodes} nodes.`, 'error', { limit: maxNodes });
      trimColumns(walked, count, childSlots);
      return careful;
    }
    checkGroup(issues, label, value, rawChildren);
    if (copy) (walked.nodes[index] as GroupNode).children = new Array(rawChildren.length);
    if (childSlots + rawChildren.length > walked.children.list.length) reserveChildList(walked, childSlots + rawChildren.length, childSlots);
    walked.children.start[index] = childSlots;
    walked.children.count[index] = rawChildren.length;
    childSlots += rawChildren.length;
    // Pushed in reverse so children are visited (and numbered) in document order.
    for (let at = rawChildren.length - 1; at >= 0; at--) {
      values.push(rawChildren[at]);
      parents.push(index);
      slots.push(at);
      depths.push(depth + 1);
    }
  }
  trimColumns(walked, count, childSlots);
  if (numbered) walked.ids = numbered.list();
  return careful || issues.errors === errorsBefore;
}

/**
 * Check one node (copying it when `copy`) and append it to `walked` at `slot` under node
 * `parent`: the copy, or the input node itself.
 */
function addNode(
  walked: Walked, reader: Reader, value: Record<string, unknown>, label: string, type: number,
  parent: number, slot: number, index: number, maxNodes: number, copy: boolean, careful: boolean,
): void {
  const typeName = NODE_TYPES[type]!;
  const node = copy ? { type: typeName, id: label } : undefined;
  walked.missingId.set(index, readNode(reader, value, node, typeName, label)!);
  const prerequisites = value.prerequisites === undefined ? undefined : reader.texts('prerequisites', maxNodes);
  const precedes = value.precedes === undefined ? undefined : reader.texts('precedes', maxNodes);
  if (prerequisites) walked.prerequisiteIds.set(index, prerequisites);
  if (precedes) walked.precedesIds.set(index, precedes);
  if (node !== undefined) {
    if (prerequisites) (node as { prerequisites?: string[] }).prerequisites = prerequisites;
    if (precedes) (node as { precedes?: string[] }).precedes = precedes;
  }
  const added = (node ?? value) as unknown as PathwayNode;
  walked.nodes[index] = added;
  walked.parent[index] = parent;
  walked.children.start[index] = 0;
  walked.children.count[index] = 0;
  walked.types[index] = type;
  // Read as the node's own reader did (an invalid value is an error: no result is made then).
  walked.optional[index] = owned(value, value.optional, 'optional') === true ? 1 : 0;
  if (careful) walked.ids.set(index, label);
  if (type === BADGE) walked.plain[index] = isPlainBadge(value) ? 1 : 0;
  if (parent >= 0) {
    if (copy) (walked.nodes[parent] as GroupNode).children[slot] = added;
    walked.children.list[walked.children.start[parent]! + slot] = index;
  }
}
