import { ColError } from '../errors.js';
import { isRecord, own } from '../internal/guards.js';
import { orderPathway } from './graph.js';
import type {
  GroupNode,
  Pathway,
  PathwayAlignment,
  PathwayLibrary,
  PathwayNode,
  PathwayPolicy,
} from './types.js';

/**
 * One problem found in a pathway. `node` is the node's id, or its location (e.g.
 * `root.children[2]`) when it has no usable id, or `null` for the pathway itself. Errors make
 * {@link validatePathway} throw; warnings do not.
 *
 * @example
 * ```ts
 * const issue: PathwayIssue = {
 *   node: 'step-3', code: 'min-too-large', severity: 'error',
 *   message: 'Node "step-3": min is 5 but it has only 4 required children.',
 * };
 * ```
 */
export interface PathwayIssue {
  node: string | null;
  code: string;
  message: string;
  severity: 'error' | 'warning';
  /** `id@version` of the nested pathway the issue is in, when it is not the one checked. */
  pathway?: string;
}

/**
 * Bounds that keep hostile input from exhausting memory or time.
 *
 * @example
 * ```ts
 * checkPathway(untrusted, { limits: { maxNodes: 500 } });
 * ```
 */
export interface PathwayLimits {
  /** Deepest nesting of nodes (the root is at depth 1). Default 64. */
  maxDepth?: number;
  /** Most nodes in one pathway. Default 100 000. */
  maxNodes?: number;
}

/**
 * The default {@link PathwayLimits}, plus the most issues reported (later ones are summarised)
 * and the longest accepted id or text field.
 *
 * @example
 * ```ts
 * if (nodes > PATHWAY_LIMITS.maxNodes) splitPathway();
 * ```
 */
export const PATHWAY_LIMITS = Object.freeze({ maxDepth: 64, maxNodes: 100_000, maxIssues: 100, maxTextLength: 10_000 });

/**
 * Options for {@link checkPathway} and {@link validatePathway}.
 *
 * @example
 * ```ts
 * const options: CheckPathwayOptions = { pathways: new Map([['basics@1', basics]]) };
 * ```
 */
export interface CheckPathwayOptions {
  /** Known pathways, so nested `pathway` nodes can be checked (existence, validity, cycles). */
  pathways?: PathwayLibrary;
  limits?: PathwayLimits;
}

/**
 * A validated pathway flattened for evaluation.
 *
 * @internal
 * @example
 * ```ts
 * const { compiled } = inspectPathway(input);
 * compiled?.nodes[compiled.indexOf.get('step-3')!];
 * ```
 */
export interface CompiledPathway {
  pathway: Pathway;
  key: string;
  /** Nodes in pre-order: a parent always comes before its children. */
  nodes: PathwayNode[];
  parent: Int32Array;
  /** Child indices per node (empty for leaves). */
  children: number[][];
  /** Prerequisite indices per node. */
  prerequisites: number[][];
  /** In a sequential group, the previous non-optional sibling of a non-optional child; else -1. */
  sequentialPrevious: Int32Array;
  /** Vertices in dependency order: `2i` = node i's start threshold, `2i+1` = its completion. */
  order: Int32Array;
  /** Next-step ordering rank from `precedes` hints (inherited from ancestors). */
  rank: Int32Array;
  indexOf: Map<string, number>;
}

// A node without a usable id is named by its location, `$.root.children[2]`.
const LOCATION = /^\$\.root(\.children\[\d+\])*$/;
const NODE_TYPES = new Set(['badge', 'activity', 'evidence', 'pathway', 'group']);
const REVIEWS = new Set(['self', 'peer', 'organiser']);

/**
 * `id@version`, the key of a pathway in a {@link PathwayLibrary}.
 *
 * @example
 * ```ts
 * const library = new Map([[pathwayKey(basics.id, basics.version), basics]]);
 * ```
 */
export function pathwayKey(id: string, version: string): string {
  return `${id}@${version}`;
}

/** How a message names a node: `Node "x"`, or its location when it has no id. */
function nodeName(node: string | null): string {
  if (node === null) return 'The pathway';
  if (LOCATION.test(node)) return `The node at ${node.slice(2)}`;
  return `Node ${JSON.stringify(node.length > 80 ? `${node.slice(0, 77)}...` : node)}`;
}

/** Collects issues, summarising beyond the cap so hostile input cannot flood memory. */
class Issues {
  readonly list: PathwayIssue[] = [];
  errors = 0;
  private dropped = 0;
  constructor(private readonly max: number) {}
  add(node: string | null, code: string, detail: string, severity: 'error' | 'warning' = 'error'): void {
    if (severity === 'error') this.errors++;
    if (this.list.length >= this.max) {
      this.dropped++;
      return;
    }
    this.list.push({ node, code, message: `${nodeName(node)}: ${detail}`, severity });
  }
  finish(): PathwayIssue[] {
    if (this.dropped > 0) {
      this.list.push({
        node: null,
        code: 'too-many-issues',
        message: `The pathway: ${this.dropped} more problems were found and not listed.`,
        severity: 'error',
      });
    }
    return this.list;
  }
}

/** Field readers: each copies a valid value into `out` or records an issue. */
class Reader {
  constructor(
    private readonly issues: Issues,
    private readonly node: string | null,
    private readonly source: Record<string, unknown>,
  ) {}

  has(key: string): boolean {
    return own(this.source, key) !== undefined;
  }

  text(key: string, required = false): string | undefined {
    const value = own(this.source, key);
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.length === 0) {
      this.issues.add(this.node, 'field-invalid', `${key} must be non-empty text.`);
      return undefined;
    }
    if (value.length > PATHWAY_LIMITS.maxTextLength) {
      this.issues.add(this.node, 'field-too-long', `${key} is longer than ${PATHWAY_LIMITS.maxTextLength} characters.`);
      return undefined;
    }
    return value;
  }

  flag(key: string): boolean | undefined {
    const value = own(this.source, key);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.issues.add(this.node, 'field-invalid', `${key} must be true or false.`);
      return undefined;
    }
    return value;
  }

  count(key: string, integer: boolean): number | undefined {
    const value = own(this.source, key);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
      this.issues.add(this.node, 'field-invalid', `${key} must be ${integer ? 'a whole number' : 'a number'} of 0 or more.`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(key: string, allowed: ReadonlySet<string>): T | undefined {
    const value = own(this.source, key);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !allowed.has(value)) {
      this.issues.add(this.node, 'field-invalid', `${key} must be one of ${[...allowed].join(', ')}.`);
      return undefined;
    }
    return value as T;
  }

  texts(key: string, maxItems: number): string[] | undefined {
    const value = own(this.source, key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.issues.add(this.node, 'field-invalid', `${key} must be a list of ids.`);
      return undefined;
    }
    if (value.length > maxItems) {
      this.issues.add(this.node, 'field-too-long', `${key} has more than ${maxItems} entries.`);
      return undefined;
    }
    const out: string[] = [];
    for (const item of value) {
      if (typeof item !== 'string' || item.length === 0 || item.length > PATHWAY_LIMITS.maxTextLength) {
        this.issues.add(this.node, 'field-invalid', `${key} must contain only non-empty text ids.`);
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
      this.issues.add(this.node, 'field-invalid', `${key} must be an object.`);
      return undefined;
    }
    return new Reader(this.issues, this.node, value);
  }

  alignments(key: string): PathwayAlignment[] | undefined {
    const value = own(this.source, key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length > 1000) {
      this.issues.add(this.node, 'field-invalid', `${key} must be a list of at most 1000 alignments.`);
      return undefined;
    }
    const out: PathwayAlignment[] = [];
    for (const item of value) {
      if (!isRecord(item)) {
        this.issues.add(this.node, 'field-invalid', `each of ${key} must be an object with targetName and targetUrl.`);
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

interface Frame {
  value: unknown;
  /** The frame of the parent node (for the location of a node without an id), or null at the root. */
  up: Frame | null;
  depth: number;
  parent: number;
  slot: number;
}

interface Walked {
  pathway: Pathway | undefined;
  nodes: PathwayNode[];
  parent: number[];
  children: number[][];
  /** Raw prerequisite / precedes ids per node, resolved after all ids are known. */
  prerequisiteIds: (string[] | undefined)[];
  precedesIds: (string[] | undefined)[];
}

const NO_CHILDREN: number[] = [];
const ORDERS = new Set(['any', 'sequential']);
const EXPIRIES = new Set(['validNow', 'validWhenCompleted']);

/** `$.root.children[2]…`, built only when a node without an id needs naming. */
function locate(frame: Frame): string {
  const slots: number[] = [];
  for (let at: Frame | null = frame; at && at.up; at = at.up) slots.push(at.slot);
  return `$.root${slots.reverse().map((slot) => `.children[${slot}]`).join('')}`;
}

/** Read the common fields and the kind-specific fields of one node into a clean copy. */
function readNode(read: Reader, id: string, type: PathwayNode['type']): PathwayNode {
  // One object, filled field by field (no spreads): this runs once per node of large pathways.
  const node: Record<string, unknown> = { type, id };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) node[key] = value;
  };
  set('title', read.text('title'));
  set('description', read.text('description'));
  set('optional', read.flag('optional'));
  set('points', read.count('points', false));
  set('level', read.text('level'));
  set('milestoneBadge', read.text('milestoneBadge'));
  set('alignments', read.alignments('alignments'));

  switch (type) {
    case 'badge': {
      const badge = read.object('badge', true);
      const equivalents = badge?.texts('equivalents', 1000);
      node.badge = equivalents ? { id: badge?.text('id', true), equivalents } : { id: badge?.text('id', true) };
      set('evidenceRequired', read.flag('evidenceRequired'));
      set('maxAgeDays', read.count('maxAgeDays', false));
      set('acceptPending', read.flag('acceptPending'));
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
      set('min', read.count('min', true));
      set('minPoints', read.count('minPoints', false));
      set('order', read.oneOf('order', ORDERS));
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
    issues.add(node.id, 'min-too-large', `min is ${node.min} but it has only ${required} required ${plural}.`);
  }
  if (node.minPoints !== undefined && node.minPoints > points) {
    issues.add(node.id, 'min-points-unreachable', `minPoints is ${node.minPoints} but its children carry only ${points} points.`);
  }
  if (node.order === 'sequential' && node.min !== undefined && node.min !== required) {
    issues.add(node.id, 'sequential-needs-all', `a sequential group needs all ${required} required ${plural}, so min must be absent or ${required}.`);
  }
  if ((node.min ?? required) === 0 && node.minPoints === undefined) {
    issues.add(node.id, 'group-empty', 'nothing in this group is required, so it counts as complete straight away.', 'warning');
  }
}

/** Shape-check untrusted input into a clean, typed copy, walking with an explicit stack. */
function walk(input: unknown, issues: Issues, maxDepth: number, maxNodes: number): Walked {
  const walked: Walked = { pathway: undefined, nodes: [], parent: [], children: [], prerequisiteIds: [], precedesIds: [] };
  if (!isRecord(input)) {
    issues.add(null, 'pathway-not-object', 'is not a pathway object.');
    return walked;
  }
  const read = new Reader(issues, null, input);
  const pathway: Record<string, unknown> = {
    id: read.text('id', true),
    version: read.text('version', true),
    name: read.text('name', true),
  };
  const description = read.text('description');
  if (description !== undefined) pathway.description = description;
  const owner = read.object('owner');
  if (owner) {
    const ownerName = owner.text('name');
    pathway.owner = ownerName ? { id: owner.text('id', true), name: ownerName } : { id: owner.text('id', true) };
  }
  const destination = read.object('destination');
  if (destination) {
    const out: Record<string, unknown> = { title: destination.text('title', true) };
    for (const key of ['description', 'url']) {
      const text = destination.text(key);
      if (text !== undefined) out[key] = text;
    }
    pathway.destination = out;
  }
  const availability = read.object('availability');
  if (availability) {
    const out: Record<string, unknown> = {};
    const places = availability.texts('places', 10_000);
    if (places) out.places = places;
    for (const key of ['startsAt', 'endsAt']) {
      const text = availability.text(key);
      if (text !== undefined) out[key] = text;
    }
    pathway.availability = out;
  }
  const alignments = read.alignments('alignments');
  if (alignments) pathway.alignments = alignments;
  const policyReader = read.object('policy');
  if (policyReader) {
    const policy: PathwayPolicy = {};
    const expiry = policyReader.oneOf<'validNow' | 'validWhenCompleted'>('expiry', EXPIRIES);
    if (expiry) policy.expiry = expiry;
    const enforce = policyReader.flag('enforcePrerequisiteOrder');
    if (enforce !== undefined) policy.enforcePrerequisiteOrder = enforce;
    pathway.policy = policy;
  }
  if (own(input, 'root') === undefined) {
    issues.add(null, 'field-invalid', 'root must be a node.');
    return walked;
  }

  const seen = new Set<object>();
  const stack: Frame[] = [{ value: own(input, 'root'), up: null, depth: 1, parent: -1, slot: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (walked.nodes.length >= maxNodes) {
      issues.add(null, 'too-many-nodes', `has more than ${maxNodes} nodes.`);
      break;
    }
    const { value } = frame;
    if (!isRecord(value)) {
      issues.add(locate(frame), 'node-invalid', 'is not a node object.');
      continue;
    }
    if (seen.has(value)) {
      issues.add(locate(frame), 'node-repeated', 'is the same object as another node (a loop in the tree).');
      continue;
    }
    seen.add(value);
    const rawId = own(value, 'id');
    const hasId = typeof rawId === 'string' && rawId.length > 0 && rawId.length <= PATHWAY_LIMITS.maxTextLength;
    const label = hasId ? rawId : locate(frame);
    if (!hasId) issues.add(label, 'field-invalid', 'id must be non-empty text.');
    if (frame.depth > maxDepth) {
      issues.add(label, 'too-deep', `is nested more than ${maxDepth} levels deep.`);
      continue;
    }
    const rawType = own(value, 'type');
    if (typeof rawType !== 'string' || !NODE_TYPES.has(rawType)) {
      issues.add(label, 'node-type-invalid', 'type must be one of badge, activity, evidence, pathway, group.');
      continue;
    }
    const reader = new Reader(issues, label, value);
    const node = readNode(reader, label, rawType as PathwayNode['type']);
    const index = walked.nodes.length;
    walked.nodes.push(node);
    walked.parent.push(frame.parent);
    walked.children.push(NO_CHILDREN);
    walked.prerequisiteIds.push(reader.texts('prerequisites', maxNodes));
    walked.precedesIds.push(reader.texts('precedes', maxNodes));
    if (walked.prerequisiteIds[index]) (node as { prerequisites?: string[] }).prerequisites = walked.prerequisiteIds[index];
    if (walked.precedesIds[index]) (node as { precedes?: string[] }).precedes = walked.precedesIds[index];
    if (frame.parent >= 0) {
      (walked.nodes[frame.parent] as GroupNode).children[frame.slot] = node;
      walked.children[frame.parent]![frame.slot] = index;
    }
    if (node.type !== 'group') continue;
    const rawChildren = own(value, 'children');
    if (!Array.isArray(rawChildren)) {
      issues.add(label, 'field-invalid', 'children must be a list of nodes.');
      continue;
    }
    if (rawChildren.length > maxNodes - walked.nodes.length) {
      issues.add(null, 'too-many-nodes', `has more than ${maxNodes} nodes.`);
      break;
    }
    checkGroup(issues, node, rawChildren);
    node.children = new Array(rawChildren.length);
    walked.children[index] = new Array(rawChildren.length);
    // Pushed in reverse so children are visited (and numbered) in document order.
    for (let slot = rawChildren.length - 1; slot >= 0; slot--) {
      stack.push({ value: rawChildren[slot], up: frame, depth: frame.depth + 1, parent: index, slot });
    }
  }
  if (walked.nodes.length > 0) pathway.root = walked.nodes[0];
  walked.pathway = pathway as unknown as Pathway;
  return walked;
}

/** Resolve ids of prerequisites and precedes into indices, checking they exist. */
function resolveReferences(walked: Walked, issues: Issues, indexOf: Map<string, number>) {
  const prerequisites: number[][] = [];
  const precedes: number[][] = [];
  walked.nodes.forEach((node, index) => {
    const resolve = (ids: string[] | undefined, field: string): number[] => {
      if (!ids) return NO_CHILDREN;
      const out: number[] = [];
      for (const id of ids) {
        const target = indexOf.get(id);
        if (target === undefined) issues.add(node.id, `${field}-unknown`, `${field} names "${id}", which is not a node of this pathway.`);
        else if (target === index) issues.add(node.id, `${field}-self`, `${field} names the node itself.`);
        else out.push(target);
      }
      return out;
    };
    prerequisites.push(resolve(walked.prerequisiteIds[index], 'prerequisites'));
    precedes.push(resolve(walked.precedesIds[index], 'precedes'));
  });
  return { prerequisites, precedes };
}

/**
 * Check one pathway (not the pathways it nests) and, when it has no errors, flatten it for
 * evaluation.
 *
 * @internal
 * @example
 * ```ts
 * const { issues, compiled } = inspectPathway(JSON.parse(text));
 * ```
 */
export function inspectPathway(
  input: unknown,
  limits: PathwayLimits = {},
): { issues: PathwayIssue[]; compiled?: CompiledPathway } {
  const maxDepth = limits.maxDepth ?? PATHWAY_LIMITS.maxDepth;
  const maxNodes = limits.maxNodes ?? PATHWAY_LIMITS.maxNodes;
  const issues = new Issues(PATHWAY_LIMITS.maxIssues);
  const walked = walk(input, issues, maxDepth, maxNodes);

  const indexOf = new Map<string, number>();
  walked.nodes.forEach((node, index) => {
    if (indexOf.has(node.id)) issues.add(node.id, 'id-duplicate', 'this id is used by more than one node.');
    else indexOf.set(node.id, index);
  });
  const { prerequisites, precedes } = resolveReferences(walked, issues, indexOf);
  const pathway = walked.pathway;
  for (const node of walked.nodes) {
    if (node.type === 'pathway' && pathway && node.pathway.id === pathway.id && node.pathway.version === pathway.version) {
      issues.add(node.id, 'pathway-cycle', 'nests the pathway it belongs to.');
    }
  }
  if (issues.errors > 0 || !pathway) return { issues: issues.finish() };

  const ordered = orderPathway(walked.nodes, walked.parent, walked.children, prerequisites, precedes);
  if (ordered.prerequisiteCycle) {
    const names = ordered.prerequisiteCycle.map((i) => JSON.stringify(walked.nodes[i]!.id)).join(' → ');
    issues.add(walked.nodes[ordered.prerequisiteCycle[0]!]!.id, 'prerequisite-cycle', `its prerequisites can never be met: they form a cycle (${names}).`);
  }
  if (ordered.precedesCycle) {
    const names = ordered.precedesCycle.map((i) => JSON.stringify(walked.nodes[i]!.id)).join(' → ');
    issues.add(walked.nodes[ordered.precedesCycle[0]!]!.id, 'precedes-cycle', `its "precedes" hints form a cycle (${names}).`);
  }
  if (issues.errors > 0) return { issues: issues.finish() };
  return {
    issues: issues.finish(),
    compiled: {
      pathway,
      key: pathwayKey(pathway.id, pathway.version),
      nodes: walked.nodes,
      parent: Int32Array.from(walked.parent),
      children: walked.children,
      prerequisites,
      sequentialPrevious: ordered.sequentialPrevious,
      order: ordered.order,
      rank: ordered.rank,
      indexOf,
    },
  };
}

/**
 * Look a pathway up in a library.
 *
 * @internal
 * @example
 * ```ts
 * lookupPathway(new Map([['a@1', a]]), 'a', '1'); // a
 * ```
 */
export function lookupPathway(library: PathwayLibrary | undefined, id: string, version: string): unknown {
  if (library === undefined) return undefined;
  if (typeof library === 'function') return library(id, version);
  const key = pathwayKey(id, version);
  if (library instanceof Map) return library.get(key);
  return Object.prototype.hasOwnProperty.call(library, key) ? (library as Record<string, Pathway>)[key] : undefined;
}

/**
 * The pathways nested (at any depth) under `root`, dependencies first, each checked. Issues of
 * nested pathways and cycles between pathways are appended to `issues`. Unknown nested
 * pathways are errors only when `reportUnknown`.
 *
 * @internal
 * @example
 * ```ts
 * const nested = collectNested(compiled, library, {}, issues, true); // dependencies first
 * ```
 */
export function collectNested(
  root: CompiledPathway,
  library: PathwayLibrary | undefined,
  limits: PathwayLimits,
  issues: PathwayIssue[],
  reportUnknown: boolean,
): CompiledPathway[] {
  const compiled = new Map<string, CompiledPathway | null>([[root.key, root]]);
  const done = new Set<string>();
  const active = new Set<string>([root.key]);
  const ordered: CompiledPathway[] = [];
  // Explicit depth-first stack of [pathway, next node index to look at].
  const stack: Array<{ at: CompiledPathway; next: number }> = [{ at: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const node = top.at.nodes[top.next++];
    if (node === undefined) {
      stack.pop();
      active.delete(top.at.key);
      done.add(top.at.key);
      if (top.at !== root) ordered.push(top.at);
      continue;
    }
    if (node.type !== 'pathway') continue;
    const key = pathwayKey(node.pathway.id, node.pathway.version);
    const where = top.at === root ? undefined : top.at.key;
    const report = (code: string, message: string) =>
      issues.push({ node: node.id, code, message: `${where ? `In pathway "${where}": ` : ''}${nodeName(node.id)}: ${message}`, severity: 'error', ...(where ? { pathway: where } : {}) });
    if (active.has(key)) {
      report('pathway-cycle', `nests pathway "${key}", which (through its own nested pathways) includes this one.`);
      continue;
    }
    if (done.has(key) || compiled.get(key) === null) continue;
    const found = lookupPathway(library, node.pathway.id, node.pathway.version);
    if (found === undefined) {
      compiled.set(key, null);
      if (reportUnknown) report('pathway-unknown', `nests pathway "${key}", which is not among the known pathways.`);
      continue;
    }
    const inspected = inspectPathway(found, limits);
    for (const issue of inspected.issues) issues.push({ ...issue, message: `In pathway "${key}": ${issue.message}`, pathway: key });
    if (!inspected.compiled || inspected.compiled.key !== key) {
      if (inspected.compiled) report('pathway-mismatch', `the known pathway for "${key}" has id@version "${inspected.compiled.key}".`);
      compiled.set(key, null);
      continue;
    }
    compiled.set(key, inspected.compiled);
    active.add(key);
    stack.push({ at: inspected.compiled, next: 0 });
  }
  return ordered;
}

/**
 * Every problem in a pathway — untrusted JSON is fine — without throwing: shape and type of
 * every field, unique ids, `min` within the non-optional children, `minPoints` reachable,
 * prerequisites and `precedes` naming real nodes and free of cycles, sequential groups requiring
 * all their children, nested pathways known (when `options.pathways` is given) and acyclic, and
 * the depth and size limits ({@link PATHWAY_LIMITS}). Warnings (e.g. `group-empty`) do not make
 * a pathway invalid.
 *
 * The walk uses an explicit stack, so a 100 000-level nesting is reported, not a stack overflow.
 *
 * @example
 * ```ts
 * for (const issue of checkPathway(JSON.parse(text))) console.log(issue.severity, issue.message);
 * // error Node "step-3": min is 5 but it has only 4 required children.
 * ```
 */
export function checkPathway(pathway: unknown, options: CheckPathwayOptions = {}): PathwayIssue[] {
  const limits = options.limits ?? {};
  const inspected = inspectPathway(pathway, limits);
  const issues = inspected.issues;
  if (inspected.compiled) collectNested(inspected.compiled, options.pathways, limits, issues, options.pathways !== undefined);
  return issues;
}

/**
 * Throw `pathway-invalid` naming the first error, with all issues in `details.issues`.
 *
 * @internal
 * @example
 * ```ts
 * throwIfInvalid(checkPathway(input));
 * ```
 */
export function throwIfInvalid(issues: PathwayIssue[]): void {
  const first = issues.find((issue) => issue.severity === 'error');
  if (!first) return;
  const more = issues.filter((issue) => issue.severity === 'error').length - 1;
  const suffix = more > 0 ? ` (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : '';
  throw new ColError('pathway-invalid', `This pathway is not valid. ${first.message}${suffix}`, { details: { issues } });
}

/**
 * Validate untrusted input as a {@link Pathway}: returns a clean, typed copy (unknown fields
 * dropped) or throws a `ColError` with code `pathway-invalid` whose message names the first
 * problem's node and whose `details.issues` lists every {@link PathwayIssue}. See
 * {@link checkPathway} for what is checked.
 *
 * @example
 * ```ts
 * import { validatePathway, isColError } from '@citiesoflearning/core';
 * try {
 *   const pathway = validatePathway(await response.json());
 * } catch (error) {
 *   if (isColError(error, 'pathway-invalid')) showProblems(error.details?.issues);
 *   else throw error;
 * }
 * ```
 */
export function validatePathway(pathway: unknown, options: CheckPathwayOptions = {}): Pathway {
  const limits = options.limits ?? {};
  const inspected = inspectPathway(pathway, limits);
  const issues = inspected.issues;
  if (inspected.compiled) collectNested(inspected.compiled, options.pathways, limits, issues, options.pathways !== undefined);
  throwIfInvalid(issues);
  return inspected.compiled!.pathway;
}
