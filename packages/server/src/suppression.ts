// Small-number suppression for published counts, kept pure (numbers in, a mask out) so it can be
// tested on crafted tables without a database.
//
// Primary suppression withholds every count from 1 to threshold − 1: a count that small could
// point at one learner. Zero is shown (nobody is described by it). Secondary suppression stops a
// withheld count being worked out by subtraction: in every group of cells that add up to a known
// total (a column and its total, a row and its row total), a single withheld cell would be
// `total − the others`, so a second cell of the group is withheld too — the smallest non-zero
// one, which hides the least. This repeats until no group has exactly one withheld cell, since
// withholding a cell in one group can leave another group with one.
//
// Totals are never withheld as a *secondary* cell: the same total appears in other views of the
// same data (by month, by provider …), so hiding it in one view protects nothing.

/**
 * Cells that add up to a total: indexes into the values array. `total` is the index of the
 * total cell, when the table shows one.
 *
 * @example
 * ```ts
 * const column: SuppressionGroup = { parts: [0, 1, 2], total: 3 };
 * ```
 */
export interface SuppressionGroup {
  parts: readonly number[];
  total?: number;
}

/**
 * The default and lowest threshold: counts from 1 to 9 are withheld.
 *
 * @example
 * ```ts
 * const threshold = Math.max(MIN_THRESHOLD, configured);
 * ```
 */
export const MIN_THRESHOLD = 10;

/**
 * Whether one count is withheld on its own (primary suppression): from 1 to `threshold − 1`.
 *
 * @example
 * ```ts
 * isSmall(3, 10); // true
 * isSmall(0, 10); // false: zero describes nobody
 * ```
 */
export function isSmall(value: number, threshold: number): boolean {
  return value >= 1 && value < threshold;
}

/**
 * Which cells to withhold: `true` at every index whose value must not be published. Applies
 * primary suppression to every cell, then secondary suppression within each group until no group
 * has exactly one withheld cell that the others and the total would reveal.
 *
 * @example
 * ```ts
 * // a column of three counts and its total (index 3)
 * suppress([3, 20, 40, 63], [{ parts: [0, 1, 2], total: 3 }], 10);
 * // → [true, true, false, false]: 3 is small, and 20 goes too, or 63 − 40 − 20 = 3
 * ```
 */
export function suppress(values: readonly number[], groups: readonly SuppressionGroup[], threshold: number): boolean[] {
  const hidden = values.map((v) => isSmall(v, threshold));
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups) {
      const members = group.total === undefined ? group.parts : [...group.parts, group.total];
      if (members.filter((i) => hidden[i]).length !== 1) continue;
      const next = smallestVisiblePart(values, hidden, group.parts);
      if (next === undefined) continue;
      hidden[next] = true;
      changed = true;
    }
  }
  return hidden;
}

/** The visible part to withhold next: the smallest non-zero one, else a zero one (hiding it leaves the attacker two unknowns). */
function smallestVisiblePart(values: readonly number[], hidden: readonly boolean[], parts: readonly number[]): number | undefined {
  let best: number | undefined;
  for (const i of parts) {
    if (hidden[i]) continue;
    if (best === undefined) {
      best = i;
      continue;
    }
    const [v, b] = [values[i]!, values[best]!];
    // Non-zero before zero; then smaller first.
    if ((v > 0 && b === 0) || ((v > 0) === (b > 0) && v < b)) best = i;
  }
  return best;
}
