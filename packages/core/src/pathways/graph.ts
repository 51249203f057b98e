/**
 * The order in which a pathway's nodes can be evaluated, and the cycles that make it impossible.
 * Internal.
 *
 * Each node i has two steps: its start threshold T(i) (when completions start to count, and
 * whether it is locked) and its completion C(i). T(i) needs T(parent), C(p) for every
 * prerequisite p and C(previous step) in a sequential group; C(i) needs T(i) and, for a group,
 * C(child) for every child. Evaluating in a topological order of these 2N steps is linear; any
 * cycle (a prerequisite on an ancestor or a descendant included) means the prerequisites can
 * never be met. Vertex `2i` is T(i), `2i + 1` is C(i).
 */
import type { PathwayNode } from './types.js';
import type { ChildLists } from './read.js';
import { Use, type Scratch } from './scratch.js';

/**
 * The result of {@link orderPathway}.
 *
 * @internal
 * @example
 * ```ts
 * const { order, prerequisiteCycle } = orderPathway(nodes, parent, children, prerequisites, precedes);
 * ```
 */
export interface PathwayOrder {
  order: Int32Array;
  sequentialPrevious: Int32Array;
  /** Absent when no node has `precedes` hints (every rank is 0). */
  rank: Int32Array | undefined;
  /** Node indices around a prerequisite cycle (first repeated at the end), when there is one. */
  prerequisiteCycle?: number[];
  precedesCycle?: number[];
}

/**
 * Order a flattened pathway's 2N evaluation steps (Kahn's algorithm, linear), find the
 * prerequisite cycle that blocks it if any, and rank nodes by `precedes` hints.
 *
 * @internal
 * @example
 * ```ts
 * for (const vertex of orderPathway(nodes, parent, children, prerequisites, precedes).order) step(vertex);
 * ```
 */
export function orderPathway(
  nodes: readonly PathwayNode[],
  parent: ArrayLike<number>,
  children: ChildLists,
  prerequisites: readonly number[][],
  precedes: readonly number[][],
  scratch?: Scratch,
): PathwayOrder {
  const count = nodes.length;
  // One buffer for this ordering's four columns: one allocation instead of four, or none with
  // `scratch` (then the order must not be used once the scratch is given back). Every column
  // is written before it is read, so a borrowed buffer need not be cleared.
  const buffer = scratch ? scratch.buffer(Use.Order, count * 24, false) : new ArrayBuffer(count * 24);
  const sequentialPrevious = new Int32Array(buffer, 0, count).fill(-1);
  const sequentialNext = new Int32Array(buffer, count * 4, count).fill(-1);
  const needs = new Int32Array(buffer, count * 8, 2 * count);
  const order = new Int32Array(buffer, count * 16, 2 * count);
  for (let i = 0; i < count; i++) {
    // Only groups have children: leaves (most nodes) are not read again here.
    if (children.count[i] === 0) continue;
    const node = nodes[i]!;
    if (node.type !== 'group' || node.order !== 'sequential') continue;
    let previous = -1;
    for (let k = children.start[i]!, end = k + children.count[i]!; k < end; k++) {
      const child = children.list[k]!;
      if (nodes[child]!.optional === true) continue;
      sequentialPrevious[child] = previous;
      if (previous >= 0) sequentialNext[previous] = child;
      previous = child;
    }
  }
  // Who waits for each node's completion because of a prerequisite.
  // Only the few nodes that are someone's prerequisite have dependents: no list per node.
  const dependents = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const needed = prerequisites[i]!;
    for (let k = 0; k < needed.length; k++) {
      const p = needed[k]!;
      const list = dependents.get(p);
      if (list) list.push(i);
      else dependents.set(p, [i]);
    }
  }

  for (let i = 0; i < count; i++) {
    needs[2 * i] = (parent[i]! >= 0 ? 1 : 0) + prerequisites[i]!.length + (sequentialPrevious[i]! >= 0 ? 1 : 0);
    needs[2 * i + 1] = 1 + children.count[i]!;
  }
  let tail = 0;
  for (let v = 0; v < 2 * count; v++) if (needs[v] === 0) order[tail++] = v;
  const release = (v: number) => {
    if (--needs[v]! === 0) order[tail++] = v;
  };
  for (let head = 0; head < tail; head++) {
    const v = order[head]!;
    const i = v >> 1;
    if ((v & 1) === 0) {
      release(2 * i + 1);
      for (let k = children.start[i]!, end = k + children.count[i]!; k < end; k++) release(2 * children.list[k]!);
    } else {
      if (parent[i]! >= 0) release(2 * parent[i]! + 1);
      const waiting = dependents.size > 0 ? dependents.get(i) : undefined;
      if (waiting) for (let k = 0; k < waiting.length; k++) release(2 * waiting[k]!);
      if (sequentialNext[i]! >= 0) release(2 * sequentialNext[i]!);
    }
  }

  // Most pathways have no precedes hints: no ranks to work out and no cycle to look for then.
  const hinted = anyPrecedes(count, precedes);
  const result: PathwayOrder = { order, sequentialPrevious, rank: hinted ? rankByPrecedes(count, parent, precedes) : undefined };
  if (tail < 2 * count) result.prerequisiteCycle = findCycle(order, tail, count, parent, children, prerequisites, sequentialPrevious);
  const cycle = hinted ? precedesCycle(count, precedes) : undefined;
  if (cycle) result.precedesCycle = cycle;
  return result;
}

/** Walk back from a step that never became ready, through steps that never did, to a cycle. */
function findCycle(
  order: Int32Array,
  ready: number,
  count: number,
  parent: ArrayLike<number>,
  children: ChildLists,
  prerequisites: readonly number[][],
  sequentialPrevious: Int32Array,
): number[] {
  const done = new Uint8Array(2 * count);
  for (let k = 0; k < ready; k++) done[order[k]!] = 1;
  const stuck = (v: number) => done[v] === 0;
  let v = done.indexOf(0);
  const visitedAt = new Map<number, number>();
  const path: number[] = [];
  while (!visitedAt.has(v)) {
    visitedAt.set(v, path.length);
    path.push(v);
    const i = v >> 1;
    const candidates: number[] = [];
    if ((v & 1) === 0) {
      if (parent[i]! >= 0) candidates.push(2 * parent[i]!);
      for (const p of prerequisites[i]!) candidates.push(2 * p + 1);
      if (sequentialPrevious[i]! >= 0) candidates.push(2 * sequentialPrevious[i]! + 1);
    } else {
      candidates.push(2 * i);
      for (let k = children.start[i]!, end = k + children.count[i]!; k < end; k++) candidates.push(2 * children.list[k]! + 1);
    }
    v = candidates.find(stuck)!;
  }
  const cycle = path.slice(visitedAt.get(v)!).map((step) => step >> 1);
  // Read as "needs": each node needs the next one. Each node appears once, then the first again.
  const nodesOnCycle = cycle.filter((node, k) => k === 0 || node !== cycle[k - 1]);
  if (nodesOnCycle.length > 1 && nodesOnCycle[nodesOnCycle.length - 1] === nodesOnCycle[0]) nodesOnCycle.pop();
  nodesOnCycle.push(nodesOnCycle[0]!);
  return nodesOnCycle.length > 12 ? [...nodesOnCycle.slice(0, 11), nodesOnCycle[nodesOnCycle.length - 1]!] : nodesOnCycle;
}

/** Whether any node has `precedes` hints. */
function anyPrecedes(count: number, precedes: readonly number[][]): boolean {
  for (let i = 0; i < count; i++) if (precedes[i]!.length > 0) return true;
  return false;
}

/** Rank for next steps: 1 + the highest rank of anything that `precedes` a node, inherited down. */
function rankByPrecedes(count: number, parent: ArrayLike<number>, precedes: readonly number[][]): Int32Array {
  const rank = new Int32Array(count);
  const waiting = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const hinted = precedes[i]!;
    for (let k = 0; k < hinted.length; k++) waiting[hinted[k]!]!++;
  }
  const queue = new Int32Array(count);
  let tail = 0;
  for (let i = 0; i < count; i++) if (waiting[i] === 0) queue[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const i = queue[head]!;
    const hinted = precedes[i]!;
    for (let k = 0; k < hinted.length; k++) {
      const j = hinted[k]!;
      rank[j] = Math.max(rank[j]!, rank[i]! + 1);
      if (--waiting[j]! === 0) queue[tail++] = j;
    }
  }
  // Pre-order: parents first, so a hint on a group orders every leaf under it.
  for (let i = 1; i < count; i++) rank[i] = Math.max(rank[i]!, rank[parent[i]!]!);
  return rank;
}

/** Node indices around a cycle of `precedes` hints, if any (first repeated at the end). */
function precedesCycle(count: number, precedes: readonly number[][]): number[] | undefined {
  // Depth-first search with an explicit stack; colour 1 = on the current path, 2 = finished.
  const colour = new Uint8Array(count);
  const next = new Int32Array(count);
  for (let start = 0; start < count; start++) {
    if (colour[start] !== 0 || precedes[start]!.length === 0) continue;
    const path = [start];
    colour[start] = 1;
    while (path.length > 0) {
      const i = path[path.length - 1]!;
      const j = precedes[i]![next[i]!++];
      if (j === undefined) {
        colour[i] = 2;
        path.pop();
      } else if (colour[j] === 1) {
        const cycle = path.slice(path.indexOf(j));
        cycle.push(j);
        return cycle;
      } else if (colour[j] === 0) {
        colour[j] = 1;
        path.push(j);
      }
    }
  }
  return undefined;
}
