// A pathway validated once and evaluated many times: a page that shows one pathway to many
// learners (or re-evaluates as records arrive) should not re-check 100 000 nodes every time.
// Caching validation on the caller's own object would be unsafe — it is a mutable plain object —
// so compilePathway() returns a handle whose pathway is our own, deeply frozen copy; only
// handles made here are trusted (a look-alike object is validated like any other input).
import { throwIfInvalid, collectNested, inspectPathway, type CheckPathwayOptions, type FlatPathway } from './validate.js';
import type { Pathway } from './types.js';

/**
 * A pathway that {@link compilePathway} validated and prepared for evaluation. Pass it to
 * {@link evaluatePathway} in place of the pathway to skip validation. Immutable.
 *
 * @example
 * ```ts
 * const compiled: CompiledPathway = compilePathway(pathway);
 * compiled.pathway.name; // the validated copy, deeply frozen
 * ```
 */
export interface CompiledPathway {
  /** The validated copy (unknown fields dropped), deeply frozen. */
  readonly pathway: Pathway;
}

/** What evaluation needs of a compiled pathway: its flat form and its nested pathways'. */
interface Prepared {
  flat: FlatPathway;
  nested: FlatPathway[];
}

const prepared = new WeakMap<object, Prepared>();

/**
 * Validate a pathway once (like {@link validatePathway}, so untrusted JSON is fine) and prepare
 * it for evaluation. Nested `pathway` nodes are resolved now, from `options.pathways`; an
 * unknown one is not an error (its node evaluates as not started, with a warning), as in
 * {@link evaluatePathway}.
 *
 * Throws `ColError` `pathway-invalid` (with every issue in `details.issues`).
 *
 * @example
 * ```ts
 * import { compilePathway, evaluatePathway } from '@citiesoflearning/core';
 * const compiled = compilePathway(await (await fetch(pathwayUrl)).json());
 * for (const learner of learners) {
 *   const progress = evaluatePathway(compiled, learner.records, { learner: learner.id });
 * }
 * ```
 */
export function compilePathway(pathway: unknown, options: CheckPathwayOptions = {}): CompiledPathway {
  const limits = options.limits ?? {};
  const inspected = inspectPathway(pathway, limits);
  const issues = inspected.issues;
  const nested = inspected.compiled ? collectNested(inspected.compiled, options.pathways, limits, issues, false) : [];
  throwIfInvalid(issues);
  const flat = inspected.compiled!;
  // The flat forms share the copies' node objects: freezing the copies keeps them in step.
  deepFreeze(flat.pathway);
  for (const inner of nested) deepFreeze(inner.pathway);
  const handle: CompiledPathway = Object.freeze({ pathway: flat.pathway });
  prepared.set(handle, { flat, nested });
  return handle;
}

/**
 * The prepared form of a handle made by {@link compilePathway}, or `undefined` for anything else.
 *
 * @internal
 * @example
 * ```ts
 * const ready = preparedPathway(input); // undefined: validate input first
 * ```
 */
export function preparedPathway(value: unknown): Prepared | undefined {
  return typeof value === 'object' && value !== null ? prepared.get(value) : undefined;
}

/** Freeze every object and array reachable from `root` (our own copy: a tree, no cycles). */
function deepFreeze(root: object): void {
  const stack: object[] = [root];
  while (stack.length > 0) {
    const value = stack.pop()!;
    Object.freeze(value);
    for (const key in value) {
      const child = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) stack.push(child);
    }
  }
}
