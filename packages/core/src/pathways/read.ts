// Reading an untrusted pathway (JSON from anywhere) into a clean, typed copy: every field is
// shape-checked, problems are collected as issues naming the node, and the tree is walked with
// an explicit stack so hostile nesting cannot overflow the call stack. The rules that need the
// whole graph (references, cycles, nesting) live in validate.ts.
import { isRecord, own } from '../internal/guards.js';
import type { GroupNode, Pathway, PathwayAlignment, PathwayNode, PathwayPolicy } from './types.js';
import { Issues, PATHWAY_LIMITS } from './issues.js';

const NODE_TYPES = new Set(['badge', 'activity', 'evidence', 'pathway', 'group']);
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
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
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

export interface Walked {
  pathway: Pathway | undefined;
  nodes: PathwayNode[];
  parent: number[];
  children: number[][];
  /** Raw prerequisite / precedes ids per node, resolved after all ids are known. */
  prerequisiteIds: (string[] | undefined)[];
  precedesIds: (string[] | undefined)[];
}

export const NO_CHILDREN: number[] = [];
const ORDERS = new Set(['any', 'sequential']);
const EXPIRIES = new Set(['validNow', 'validWhenCompleted']);

/**
 * `$.root.children[2]…` for the value at `slot` under node `parent` (-1: the root itself), built
 * only when a node without an id needs naming.
 */
function locate(walked: Walked, slotOf: readonly number[], parent: number, slot: number): string {
  if (parent < 0) return '$.root';
  const slots = [slot];
  for (let at = parent; walked.parent[at]! >= 0; at = walked.parent[at]!) slots.push(slotOf[at]!);
  return `$.root${slots.reverse().map((s) => `.children[${s}]`).join('')}`;
}

/** Copy `value` into `node[key]` unless it is absent (or invalid: the reader then returns undefined). */
function put(node: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) node[key] = value;
}

/** Read the common fields and the kind-specific fields of one node into a clean copy. */
function readNode(read: Reader, id: string, type: PathwayNode['type']): PathwayNode {
  // One object, filled field by field (no spreads, no closure): this runs once per node of large pathways.
  const node: Record<string, unknown> = { type, id };
  put(node, 'title', read.text('title'));
  put(node, 'description', read.text('description'));
  put(node, 'optional', read.flag('optional'));
  put(node, 'points', read.count('points', false));
  put(node, 'level', read.text('level'));
  put(node, 'milestoneBadge', read.text('milestoneBadge'));
  put(node, 'alignments', read.alignments('alignments'));

  switch (type) {
    case 'badge': {
      const badge = read.object('badge', true);
      const equivalents = badge?.texts('equivalents', 1000);
      node.badge = equivalents ? { id: badge?.text('id', true), equivalents } : { id: badge?.text('id', true) };
      put(node, 'evidenceRequired', read.flag('evidenceRequired'));
      put(node, 'maxAgeDays', read.count('maxAgeDays', false));
      put(node, 'acceptPending', read.flag('acceptPending'));
      break;
    }
    case 'activity': {
      const activity = read.object('activity', true);
      const activityId = activity?.text('id', true);
      const badge = activity?.text('badge');
      node.activity = badge ? { id: activityId, badge } : { id: activityId };
      break;
    }
    case 'evidence': {
      node.prompt = read.text('prompt', true);
      node.review = read.has('review') ? read.oneOf('review', REVIEWS) : read.text('review', true);
      break;
    }
    case 'pathway': {
      const ref = read.object('pathway', true);
      node.pathway = { id: ref?.text('id', true), version: ref?.text('version', true) };
      break;
    }
    case 'group': {
      node.children = [];
      put(node, 'min', read.count('min', true));
      put(node, 'minPoints', read.count('minPoints', false));
      put(node, 'order', read.oneOf('order', ORDERS));
      break;
    }
  }
  return node as unknown as PathwayNode;
}

/**
 * Check the group rules that need the raw children: `min` against the non-optional children,
 * `minPoints` against the points available, sequential groups requiring all, empty groups.
 */
function checkGroup(issues: Issues, node: GroupNode, rawChildren: unknown[]): void {
  let required = 0;
  let points = 0;
  for (const child of rawChildren) {
    if (!isRecord(child)) continue;
    if (own(child, 'optional') !== true) required++;
    const childPoints = own(child, 'points');
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

/** Shape-check untrusted input into a clean, typed copy, walking with an explicit stack. */
export function walk(input: unknown, issues: Issues, maxDepth: number, maxNodes: number): Walked {
  const walked: Walked = { pathway: undefined, nodes: [], parent: [], children: [], prerequisiteIds: [], precedesIds: [] };
  if (!isRecord(input)) {
    issues.add(null, 'pathway-not-object', 'is not a pathway object.');
    return walked;
  }
  const pathway = readPathwayFields(new Reader(issues, null, input));
  if (own(input, 'root') === undefined) {
    issues.add(null, 'field-invalid', 'root must be a node.', 'error', { field: 'root' });
    return walked;
  }
  walkNodes(own(input, 'root'), walked, issues, maxDepth, maxNodes);
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
 * with their parent and child indices). An explicit stack, so hostile nesting cannot overflow
 * the call stack; a node that is not an object, repeats an object already seen, is too deep or
 * has no known type is reported and skipped with everything under it.
 */
function walkNodes(root: unknown, walked: Walked, issues: Issues, maxDepth: number, maxNodes: number): void {
  const seen = new Set<object>();
  // The stack as parallel arrays (value, parent node index, slot in the parent, depth): no
  // object per node. `slotOf` keeps each node's slot, to name a node without an id.
  const values: unknown[] = [root];
  const parents: number[] = [-1];
  const slots: number[] = [0];
  const depths: number[] = [1];
  const slotOf: number[] = [];
  const reader = new Reader(issues, null, {});
  while (values.length > 0) {
    const value = values.pop();
    const parent = parents.pop()!;
    const slot = slots.pop()!;
    const depth = depths.pop()!;
    if (walked.nodes.length >= maxNodes) {
      issues.add(null, 'too-many-nodes', `has more than ${maxNodes} nodes.`, 'error', { limit: maxNodes });
      return;
    }
    if (!isRecord(value)) {
      issues.add(locate(walked, slotOf, parent, slot), 'node-invalid', 'is not a node object.');
      continue;
    }
    if (seen.has(value)) {
      issues.add(locate(walked, slotOf, parent, slot), 'node-repeated', 'is the same object as another node (a loop in the tree).');
      continue;
    }
    seen.add(value);
    const rawId = own(value, 'id');
    const hasId = typeof rawId === 'string' && rawId.length > 0 && rawId.length <= PATHWAY_LIMITS.maxTextLength;
    const label = hasId ? rawId : locate(walked, slotOf, parent, slot);
    if (!hasId) issues.add(label, 'field-invalid', 'id must be non-empty text.', 'error', { field: 'id' });
    if (depth > maxDepth) {
      issues.add(label, 'too-deep', `is nested more than ${maxDepth} levels deep.`, 'error', { limit: maxDepth });
      continue;
    }
    const rawType = own(value, 'type');
    if (typeof rawType !== 'string' || !NODE_TYPES.has(rawType)) {
      issues.add(label, 'node-type-invalid', 'type must be one of badge, activity, evidence, pathway, group.');
      continue;
    }
    const index = addNode(walked, reader.reset(label, value), label, rawType as PathwayNode['type'], parent, slot, maxNodes);
    slotOf.push(slot);
    const node = walked.nodes[index]!;
    if (node.type !== 'group') continue;
    const rawChildren = own(value, 'children');
    if (!Array.isArray(rawChildren)) {
      issues.add(label, 'field-invalid', 'children must be a list of nodes.', 'error', { field: 'children' });
      continue;
    }
    if (rawChildren.length > maxNodes - walked.nodes.length) {
      issues.add(null, 'too-many-nodes', `has more than ${maxNodes} nodes.`, 'error', { limit: maxNodes });
      return;
    }
    checkGroup(issues, node, rawChildren);
    node.children = new Array(rawChildren.length);
    walked.children[index] = new Array(rawChildren.length);
    // Pushed in reverse so children are visited (and numbered) in document order.
    for (let at = rawChildren.length - 1; at >= 0; at--) {
      values.push(rawChildren[at]);
      parents.push(index);
      slots.push(at);
      depths.push(depth + 1);
    }
  }
}

/** Read one node and append it to `walked` at `slot` under node `parent`; returns its index. */
function addNode(walked: Walked, reader: Reader, label: string, type: PathwayNode['type'], parent: number, slot: number, maxNodes: number): number {
  const node = readNode(reader, label, type);
  const index = walked.nodes.length;
  const prerequisites = reader.texts('prerequisites', maxNodes);
  const precedes = reader.texts('precedes', maxNodes);
  if (prerequisites) (node as { prerequisites?: string[] }).prerequisites = prerequisites;
  if (precedes) (node as { precedes?: string[] }).precedes = precedes;
  walked.nodes.push(node);
  walked.parent.push(parent);
  walked.children.push(NO_CHILDREN);
  walked.prerequisiteIds.push(prerequisites);
  walked.precedesIds.push(precedes);
  if (parent >= 0) {
    (walked.nodes[parent] as GroupNode).children[slot] = node;
    walked.children[parent]![slot] = index;
  }
  return index;
}
