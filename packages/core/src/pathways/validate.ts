import { ColError } from '../errors.js';
import { isRecord, own } from '../internal/guards.js';
import { orderPathway } from './graph.js';
import { Issues, nodeName, PATHWAY_LIMITS, type PathwayIssue, type PathwayLimits } from './issues.js';
import { NO_INDICES, NODE_TYPES, walk, type ChildLists, type Walked } from './read.js';
import { StringIndex } from './string-index.js';
import type { Scratch } from './scratch.js';
import type { Strings } from './strings.js';
import type { Pathway, PathwayLibrary, PathwayNode } from './types.js';


const PATHWAY = NODE_TYPES.indexOf('pathway');

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
export interface FlatPathway {
  pathway: Pathway;
  key: string;
  /** Nodes in pre-order: a parent always comes before its children. */
  nodes: PathwayNode[];
  /**
   * What results are made of, per node, kept apart from `nodes` so that the results can be made
   * after the evaluation returns (only when a caller reads them): ids, kinds, whether optional,
   * and the id an unsatisfied non-group node lists as missing (the achievement to earn, or the
   * nested pathway's `id@version`).
   */
  ids: Strings;
  /** Each node's kind, as an index into `NODE_TYPES` (read.ts). */
  types: Uint8Array;
  optional: Uint8Array;
  missingId: Strings;
  /** 1 for a plain badge step, settled from these columns alone (see read.ts's `Walked.plain`). */
  plain: Uint8Array;
  parent: Int32Array;
  /** Child indices per node (none for leaves). */
  children: ChildLists;
  /**
   * Prerequisite indices per node. Read it by node index only: without prerequisites it is a
   * shared list of empty lists, which may be longer than `nodes`.
   */
  prerequisites: number[][];
  /** In a sequential group, the previous non-optional sibling of a non-optional child; else -1. */
  sequentialPrevious: Int32Array;
  /** Vertices in dependency order: `2i` = node i's start threshold, `2i+1` = its completion. */
  order: Int32Array;
  /** Next-step ordering rank from `precedes` hints (inherited from ancestors); absent without hints. */
  rank: Int32Array | undefined;
  indexOf: Pick<Map<string, number>, 'get'>;
}

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

// Lists of empty lists, for pathways without prerequisites or precedes hints: one, frozen and
// as long as the largest pathway seen (up to the default node limit), serves them all, instead
// of a fresh 100 000-entry array per evaluation. Readers index it by node only.
let sharedNoLists: readonly number[][] = Object.freeze([]);

/** A list of at least `count` empty lists, shared: see {@link FlatPathway.prerequisites}. */
function noLists(count: number): number[][] {
  if (count > PATHWAY_LIMITS.maxNodes) return new Array<number[]>(count).fill(NO_INDICES);
  if (sharedNoLists.length < count) {
    const length = Math.min(Math.max(count, 2 * sharedNoLists.length), PATHWAY_LIMITS.maxNodes);
    sharedNoLists = Object.freeze(new Array<number[]>(length).fill(NO_INDICES));
  }
  return sharedNoLists as number[][];
}

/** Resolve ids of prerequisites and precedes into indices, checking they exist. */
function resolveReferences(walked: Walked, issues: Issues, indexOf: Walked['indexOf']) {
  // Most pathways have no precedes hints, many no prerequisites: the lists of a kind nobody
  // uses are one list of empty lists, shared (nothing changes them after this).
  const count = walked.nodes.length;
  const none = walked.prerequisiteIds.size === 0 || walked.precedesIds.size === 0 ? noLists(count) : undefined;
  const prerequisites: number[][] = walked.prerequisiteIds.size === 0 ? none! : new Array(count).fill(NO_INDICES);
  const precedes: number[][] = walked.precedesIds.size === 0 ? none! : new Array(count).fill(NO_INDICES);
  // In node order, prerequisites before precedes for each node, as the issues have always come.
  const named = [...new Set([...walked.prerequisiteIds.keys(), ...walked.precedesIds.keys()])].sort((a, b) => a - b);
  for (const index of named) {
    const id = walked.nodes[index]!.id;
    // Only the kind the node names is written: the other may be the shared, frozen list.
    const needed = walked.prerequisiteIds.get(index);
    if (needed) prerequisites[index] = resolveIds(needed, 'prerequisites', id, index, issues, indexOf);
    const hinted = walked.precedesIds.get(index);
    if (hinted) precedes[index] = resolveIds(hinted, 'precedes', id, index, issues, indexOf);
  }
  return { prerequisites, precedes };
}

/** The node indices named by `ids` (a field of node `index`); unknown ids and the node itself are issues. */
function resolveIds(ids: string[] | undefined, field: string, node: string, index: number, issues: Issues, indexOf: Walked['indexOf']): number[] {
  if (!ids) return NO_INDICES;
  const out: number[] = [];
  for (const id of ids) {
    const target = indexOf.get(id);
    if (target === undefined) issues.add(node, `${field}-unknown`, `${field} names "${id}", which is not a node of this pathway.`);
    else if (target === index) issues.add(node, `${field}-self`, `${field} names the node itself.`);
    else out.push(target);
  }
  return out;
}

/**
 * Check one pathway (not the pathways it nests) and, when it has no errors, flatten it for
 * evaluation.
 *
 * With `copy` (the default) the flat form's nodes are clean copies; without, they are the
 * input's own node objects, checked: only for a caller that is done with them before its
 * caller can change the input (one evaluation, or a check that returns only issues).
 * `numbers` numbers the ids (see read.ts's walk); tests pass one with a known seed. With
 * `scratch` (see scratch.ts), the id index and the evaluation order are in borrowed memory:
 * the flat form must then not be used once the scratch is given back.
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
  copy = true,
  numbers = new StringIndex(),
  scratch?: Scratch,
): { issues: PathwayIssue[]; compiled?: FlatPathway } {
  const maxDepth = limits.maxDepth ?? PATHWAY_LIMITS.maxDepth;
  const maxNodes = limits.maxNodes ?? PATHWAY_LIMITS.maxNodes;
  const issues = new Issues(PATHWAY_LIMITS.maxIssues);
  const walked = walk(input, issues, maxDepth, maxNodes, copy, numbers, scratch);

  const { indexOf } = walked;
  for (const id of walked.duplicateIds) issues.add(id, 'id-duplicate', 'this id is used by more than one node.');
  const { prerequisites, precedes } = resolveReferences(walked, issues, indexOf);
  const pathway = walked.pathway;
  const { types, missingId } = walked;
  const selfKey = pathway ? pathwayKey(pathway.id, pathway.version) : undefined;
  for (let index = 0; index < types.length; index++) {
    // A nested pathway step's missing id is its `id@version`, set only when both were valid
    // text; as `@` may be in either, an equal key is confirmed part by part.
    if (types[index] === PATHWAY && missingId.at(index) === selfKey && pathway && nestsItself(walked.nodes[index]!, pathway)) {
      issues.add(walked.ids.at(index), 'pathway-cycle', 'nests the pathway it belongs to.');
    }
  }
  if (issues.errors > 0 || !pathway) return { issues: issues.finish() };

  const ordered = orderPathway(walked.nodes, walked.parent, walked.children, prerequisites, precedes, scratch);
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
      ids: walked.ids,
      types,
      optional: walked.optional,
      missingId,
      plain: walked.plain,
      parent: walked.parent,
      children: walked.children,
      prerequisites,
      sequentialPrevious: ordered.sequentialPrevious,
      order: ordered.order,
      rank: ordered.rank,
      indexOf,
    },
  };
}

/** Whether a nested pathway step (its reference already checked) names `pathway` itself. */
function nestsItself(node: PathwayNode, pathway: Pathway): boolean {
  const ref = own(node as unknown as Record<string, unknown>, 'pathway');
  return isRecord(ref) && own(ref, 'id') === pathway.id && own(ref, 'version') === pathway.version;
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
  root: FlatPathway,
  library: PathwayLibrary | undefined,
  limits: PathwayLimits,
  issues: PathwayIssue[],
  reportUnknown: boolean,
  copy = true,
): FlatPathway[] {
  const compiled = new Map<string, FlatPathway | null>([[root.key, root]]);
  const done = new Set<string>();
  const active = new Set<string>([root.key]);
  const ordered: FlatPathway[] = [];
  // Explicit depth-first stack of [pathway, next node index to look at].
  const stack: Array<{ at: FlatPathway; next: number }> = [{ at: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const at = top.next++;
    if (at >= top.at.types.length) {
      stack.pop();
      active.delete(top.at.key);
      done.add(top.at.key);
      if (top.at !== root) ordered.push(top.at);
      continue;
    }
    // Only nested pathway steps matter here: the kinds column says which, without reading every node.
    if (top.at.types[at] !== PATHWAY) continue;
    const node = top.at.nodes[at] as Extract<PathwayNode, { type: 'pathway' }>;
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
    const inspected = inspectPathway(found, limits, copy);
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
  // Only the issues are wanted: check the input where it is, without copying it.
  const inspected = inspectPathway(pathway, limits, false);
  const issues = inspected.issues;
  if (inspected.compiled) collectNested(inspected.compiled, options.pathways, limits, issues, options.pathways !== undefined, false);
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
