// What a pathway check reports, how issues are collected, and the bounds a check enforces:
// shared by the reader (read.ts) and the rules (validate.ts).

/**
 * One problem found in a pathway. `node` is the node's id, or its location (e.g.
 * `root.children[2]`) when it has no usable id, or `null` for the pathway itself. Errors make
 * {@link validatePathway} throw; warnings do not.
 *
 * @example
 * ```ts
 * const issue: PathwayIssue = {
 *   node: 'step-3', code: 'min-too-large', severity: 'error', field: 'min', limit: 4,
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
  /**
   * The field at fault (`name`, `min`, `prerequisites`…), when one is: with `code` and `limit`,
   * enough for an interface to word the problem in its own language instead of `message`.
   */
  field?: string;
  /** The limit that was passed (characters, entries, nodes or levels), when one was. */
  limit?: number;
}

/**
 * What an issue names besides its node and code: see {@link PathwayIssue}.
 *
 * @internal
 * @example
 * ```ts
 * issues.add('step-3', 'field-too-long', 'title is longer than 10000 characters.', 'error', { field: 'title', limit: 10_000 });
 * ```
 */
export type IssueDetails = Pick<PathwayIssue, 'field' | 'limit'>;

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

// A node without a usable id is named by its location, `$.root.children[2]`.
const LOCATION = /^\$\.root(\.children\[\d+\])*$/;

/** How a message names a node: `Node "x"`, or its location when it has no id. @internal */
export function nodeName(node: string | null): string {
  if (node === null) return 'The pathway';
  if (LOCATION.test(node)) return `The node at ${node.slice(2)}`;
  return `Node ${JSON.stringify(node.length > 80 ? `${node.slice(0, 77)}...` : node)}`;
}

/** Collects issues, summarising beyond the cap so hostile input cannot flood memory. @internal */
export class Issues {
  readonly list: PathwayIssue[] = [];
  errors = 0;
  private dropped = 0;
  constructor(private readonly max: number) {}
  add(node: string | null, code: string, detail: string, severity: 'error' | 'warning' = 'error', details: IssueDetails = {}): void {
    if (severity === 'error') this.errors++;
    if (this.list.length >= this.max) {
      this.dropped++;
      return;
    }
    this.list.push({ node, code, message: `${nodeName(node)}: ${detail}`, severity, ...details });
  }
  /** Where the list stands now, to {@link rollback} to. */
  mark(): { listed: number; errors: number; dropped: number } {
    return { listed: this.list.length, errors: this.errors, dropped: this.dropped };
  }
  /** Forget every issue added since `mark` (a check that will be done again). */
  rollback(mark: { listed: number; errors: number; dropped: number }): void {
    this.list.length = mark.listed;
    this.errors = mark.errors;
    this.dropped = mark.dropped;
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
