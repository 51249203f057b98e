import type { Check, CheckOutcome } from '../report.js';

const RANK: Record<CheckOutcome, number> = { failed: 4, inconclusive: 3, warning: 2, passed: 1, skipped: 0 };

/**
 * The most serious of several results for the same check id (failed > inconclusive > warning >
 * passed > skipped); the first such result wins.
 *
 * @example
 * ```ts
 * worst([passedProof, failedProof]); // failedProof
 * ```
 */
export function worst(checks: readonly Check[]): Check | undefined {
  let best: Check | undefined;
  for (const c of checks) if (!best || RANK[c.outcome] > RANK[best.outcome]) best = c;
  return best;
}
