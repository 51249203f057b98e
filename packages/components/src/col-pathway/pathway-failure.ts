/**
 * Why `<col-pathway>` could not show a pathway, reduced to codes and safe details (a node id, a
 * count). Core's error messages are English sentences for developers; the element words the
 * failure from its own en-GB and Welsh catalogues instead, so it never shows them. A field name
 * is shown as it is spelt in the pathway's JSON, the same in every language.
 */
import type { PathwayIssue } from '@citiesoflearning/core';
import { errorCodeOf } from '../internal/errors.js';

/**
 * A failure to show a pathway, in codes and safe details only.
 *
 * @example
 * ```ts
 * const failure: PathwayFailure = { code: 'pathway-invalid', refused: true, problem: 'min-too-large', node: 'pick', more: 0 };
 * ```
 */
export interface PathwayFailure {
  /** The error's stable code (`pathway-invalid`, `navigatr-invalid`, `not-found`, …). */
  code: string;
  /** The pathway itself was refused (its author can fix it); otherwise it could not be loaded. */
  refused: boolean;
  /** The first problem's code: an issue code for `pathway-invalid`, else the error's code. */
  problem?: string;
  /** The node at fault (its id, or its location when it has none); absent for the whole pathway. */
  node?: string;
  /** `id@version` of the included pathway the problem is in, when it is not the one shown. */
  nested?: string;
  /** The field at fault, as the pathway's JSON spells it (`name`, `min`…). */
  field?: string;
  /** The limit that was passed (characters, entries, nodes or levels). */
  limit?: number;
  /** How many further problems there are. */
  more: number;
}

// Codes that mean "this pathway (or what it was given) is wrong", not "it could not be fetched".
const REFUSALS = new Set(['pathway-invalid', 'navigatr-invalid', 'pathway-not-navigatr', 'date-invalid', 'records-invalid']);
const LONGEST_NODE_ID = 80;
const LONGEST_FIELD = 40;

function firstError(details: unknown): { first?: PathwayIssue; errors: number } {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return { errors: 0 };
  const errors = (issues as PathwayIssue[]).filter((issue) => issue && typeof issue === 'object' && issue.severity === 'error');
  return { ...(errors[0] ? { first: errors[0] } : {}), errors: errors.length };
}

/**
 * The codes and safe details of why a pathway could not be shown.
 *
 * @example
 * ```ts
 * try {
 *   evaluatePathway(pathway, records);
 * } catch (error) {
 *   const failure = pathwayFailureOf(error); // { code: 'pathway-invalid', refused: true, problem: 'prerequisite-cycle', node: 'a', more: 0 }
 * }
 * ```
 */
export function pathwayFailureOf(error: unknown): PathwayFailure {
  const code = errorCodeOf(error);
  const refused = REFUSALS.has(code) || code.startsWith('pathway-');
  if (code !== 'pathway-invalid') return { code, refused, ...(refused ? { problem: code } : {}), more: 0 };
  const { first, errors } = firstError((error as { details?: unknown }).details);
  if (!first) return { code, refused, more: 0 };
  const node = typeof first.node === 'string' && first.node ? first.node : undefined;
  return {
    code,
    refused,
    ...(typeof first.code === 'string' ? { problem: first.code } : {}),
    // A location (`$.root.children[2]`) reads better without its `$.`; a hostile id is cut short.
    ...(node ? { node: node.startsWith('$.') ? node.slice(2) : node.length > LONGEST_NODE_ID ? `${node.slice(0, LONGEST_NODE_ID - 1)}…` : node } : {}),
    ...(typeof first.pathway === 'string' ? { nested: first.pathway } : {}),
    ...(typeof first.field === 'string' && first.field.length <= LONGEST_FIELD ? { field: first.field } : {}),
    ...(typeof first.limit === 'number' ? { limit: first.limit } : {}),
    more: Math.max(0, errors - 1),
  };
}
