// Small-number suppression for published counts, kept pure (numbers in, a mask out) so it can be
// tested on crafted tables without a database.
//
// Primary suppression withholds every count from 1 to threshold − 1: a count that small could
// point at one learner. Zero is shown (nobody is described by it). Secondary suppression stops a
// withheld count being worked out by subtraction: in every group of cells that add up to a known
// total (a column and its total, a row and its row total), a single withheld cell would be
// `total − the others`, so a second cell of the group is withheld too — the smallest non-zero
// one, which hides the least. This repeats until no group has exactly one withheld cell, since
// withholding a cell in one group can leave another group with one. Zero cells are never the
// second cell (a reader may know a cell must be zero), and cells that reveal each other are
// withheld together.
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
 * What else the suppression must respect.
 *
 * @example
 * ```ts
 * const options: SuppressionOptions = { links: [[4, 5]], shownElsewhere: [6, 7] };
 * ```
 */
export interface SuppressionOptions {
  /** Cells that reveal each other (equal by construction): withheld together. */
  links?: ReadonlyArray<readonly number[]>;
  /** Cells published in other tables too (totals shared by every breakdown): never withheld as a second cell. */
  shownElsewhere?: Iterable<number>;
}

/**
 * Which cells to withhold: `true` at every index whose value must not be published. Applies
 * primary suppression to every cell, then secondary suppression within each group until no group
 * has exactly one withheld cell that the others and the total would reveal.
 *
 * `links` are cells that reveal each other (a badge's completions are its own issued count): when
 * one is withheld, so are the others. Zero cells are never withheld as the second cell — a reader
 * who knows which badges can have completions knows those zeros; a total is, only when no part is
 * left and it is not `shownElsewhere`. When a second cell chosen for one group leaves another
 * group with nothing to withhold, that choice is undone and the next smallest cell tried instead.
 *
 * @example
 * ```ts
 * // a column of three counts and its total (index 3)
 * suppress([3, 20, 40, 63], [{ parts: [0, 1, 2], total: 3 }], 10);
 * // → [true, true, false, false]: 3 is small, and 20 goes too, or 63 − 40 − 20 = 3
 * ```
 */
export function suppress(values: readonly number[], groups: readonly SuppressionGroup[], threshold: number, options: SuppressionOptions = {}): boolean[] {
  const links = options.links ?? [];
  const banned = new Set<number>(options.shownElsewhere ?? []);
  // Each failed attempt bans one more cell, so this ends.
  for (;;) {
    const { hidden, undo } = attempt(values, groups, threshold, links, banned);
    if (undo === undefined) return hidden;
    banned.add(undo);
  }
}

/** One pass of primary + secondary suppression; `undo` names a second cell whose choice left a group unprotectable. */
function attempt(values: readonly number[], groups: readonly SuppressionGroup[], threshold: number, links: ReadonlyArray<readonly number[]>, banned: ReadonlySet<number>): { hidden: boolean[]; undo?: number } {
  const hidden = values.map((v) => isSmall(v, threshold));
  // For each withheld cell, the second cell whose choice withheld it (undefined: withheld as small).
  const because: Array<number | undefined> = values.map(() => undefined);
  let changed = true;
  while (changed) {
    changed = false;
    for (const link of links) {
      const cause = link.find((i) => hidden[i]);
      if (cause === undefined) continue;
      for (const i of link) {
        if (hidden[i] || values[i] === 0) continue;
        hidden[i] = true;
        because[i] = because[cause];
        changed = true;
      }
    }
    for (const group of groups) {
      const members = group.total === undefined ? group.parts : [...group.parts, group.total];
      const withheld = members.filter((i) => hidden[i]);
      if (withheld.length !== 1) continue;
      let next = smallestVisiblePart(values, hidden, group.parts, banned);
      // No part left to withhold: the total, when it is not also shown elsewhere.
      if (next === undefined && group.total !== undefined && !hidden[group.total] && values[group.total] !== 0 && !banned.has(group.total)) next = group.total;
      if (next === undefined) {
        const cause = because[withheld[0]!];
        if (cause !== undefined) return { hidden, undo: cause };
        continue;
      }
      hidden[next] = true;
      because[next] = next;
      changed = true;
    }
  }
  return { hidden };
}

/** The visible, non-zero, allowed part to withhold next: the smallest. */
function smallestVisiblePart(values: readonly number[], hidden: readonly boolean[], parts: readonly number[], banned: ReadonlySet<number>): number | undefined {
  let best: number | undefined;
  for (const i of parts) {
    if (hidden[i] || values[i] === 0 || banned.has(i)) continue;
    if (best === undefined || values[i]! < values[best]!) best = i;
  }
  return best;
}
