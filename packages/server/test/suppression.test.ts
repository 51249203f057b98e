// Small-number suppression on crafted tables: every count from 1 to threshold − 1 is withheld,
// zero is shown, and no withheld count can be worked out by subtracting the visible cells of its
// row or column from their total — checked by an attacker that solves every group with exactly
// one unknown, repeatedly, as far as it gets.
import { describe, it, expect } from '@col/harness';
import { isSmall, suppress, type SuppressionGroup } from '../src/suppression.js';

/** A table with row totals, column totals and a grand total, laid out as values + groups. */
function withMargins(cells: number[][]): { values: number[]; groups: SuppressionGroup[]; at: (r: number, c: number) => number; rowTotal: (r: number) => number; colTotal: (c: number) => number; grand: number } {
  const rows = cells.length;
  const cols = cells[0]!.length;
  const values: number[] = [];
  const at = (r: number, c: number) => r * cols + c;
  for (const row of cells) values.push(...row);
  const rowTotal = (r: number) => rows * cols + r;
  for (const row of cells) values.push(row.reduce((a, b) => a + b, 0));
  const colTotal = (c: number) => rows * cols + rows + c;
  for (let c = 0; c < cols; c++) values.push(cells.reduce((a, row) => a + row[c]!, 0));
  const grand = values.length;
  values.push(cells.flat().reduce((a, b) => a + b, 0));
  const groups: SuppressionGroup[] = [];
  for (let r = 0; r < rows; r++) groups.push({ parts: cells[r]!.map((_, c) => at(r, c)), total: rowTotal(r) });
  for (let c = 0; c < cols; c++) groups.push({ parts: cells.map((_, r) => at(r, c)), total: colTotal(c) });
  groups.push({ parts: cells.map((_, r) => rowTotal(r)), total: grand });
  groups.push({ parts: cells[0]!.map((_, c) => colTotal(c)), total: grand });
  return { values, groups, at, rowTotal, colTotal, grand };
}

/**
 * What an attacker recovers: starting from the visible cells, any group (parts + total) with
 * exactly one unknown gives that unknown by subtraction; repeat until nothing new is learnt.
 * Returns the indexes of withheld cells the attacker learnt.
 */
function recoverable(values: number[], hidden: boolean[], groups: SuppressionGroup[], links: number[][] = []): number[] {
  const known = hidden.map((h) => !h);
  const learnt: number[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    // Linked cells are equal: knowing one is knowing the others.
    for (const link of links) {
      if (!link.some((i) => known[i])) continue;
      for (const i of link) if (!known[i]) (known[i] = true), learnt.push(i), (progress = true);
    }
    for (const g of groups) {
      const members = g.total === undefined ? [...g.parts] : [...g.parts, g.total];
      const unknown = members.filter((i) => !known[i]);
      if (unknown.length !== 1 || g.total === undefined) continue;
      // Subtraction gives the unknown whether it is a part or the total.
      known[unknown[0]!] = true;
      learnt.push(unknown[0]!);
      progress = true;
    }
  }
  return learnt;
}

/** A small seeded generator, so a failing table can be reproduced from its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('small-number suppression', () => {
  it('withholds 1..threshold-1 and shows 0 and counts at or over the threshold', () => {
    expect([0, 1, 9, 10, 11].map((v) => isSmall(v, 10))).to.deep.equal([false, true, true, false, false]);
    expect([0, 14, 15].map((v) => isSmall(v, 15))).to.deep.equal([false, true, false]);
    // No groups: only primary suppression.
    expect(suppress([0, 1, 9, 10, 250], [], 10)).to.deep.equal([false, true, true, false, false]);
  });

  it('withholds a second cell of a column so the total cannot give the first away', () => {
    // 3 + 20 + 40 = 63: showing 20, 40 and 63 would reveal the 3.
    const hidden = suppress([3, 20, 40, 63], [{ parts: [0, 1, 2], total: 3 }], 10);
    expect(hidden).to.deep.equal([true, true, false, false]);
  });

  it('picks the smallest non-zero cell as the second one, and leaves zeros shown when it can', () => {
    const hidden = suppress([4, 0, 35, 12, 51], [{ parts: [0, 1, 2, 3], total: 4 }], 10);
    expect(hidden).to.deep.equal([true, false, false, true, false]);
  });

  it('prefers a non-zero part to a total, and never a zero', () => {
    // 4 is small; the only other non-zero part is 30: it goes, the total and the zero stay.
    expect(suppress([4, 0, 30, 34], [{ parts: [0, 1, 2], total: 3 }], 10)).to.deep.equal([true, false, true, false]);
    // Nothing non-zero left to withhold: the total is small itself, so it is withheld as small.
    expect(suppress([4, 0, 0, 4], [{ parts: [0, 1, 2], total: 3 }], 10)).to.deep.equal([true, false, false, true]);
    // A row total (of this table only) goes when no part is left; a total shown elsewhere never
    // does (here a total that is more than its parts, as a count by skill is: one badge, many skills).
    const group = [{ parts: [0, 1], total: 2 }];
    expect(suppress([4, 0, 14], group, 10)).to.deep.equal([true, false, true]);
    expect(suppress([4, 0, 14], group, 10, { shownElsewhere: [2] })).to.deep.equal([true, false, false]);
  });

  it('withholds linked cells together (a badge\'s completions are its issued count)', () => {
    // Row per badge: [issued, completions]; columns summed in totals (indexes 6, 7).
    // Badge 0: 3 issued; badge 1: 25; badge 2: the milestone badge, 40 issued = 40 completions.
    const values = [3, 0, 25, 0, 40, 40, 68, 40];
    const groups = [{ parts: [0, 2, 4], total: 6 }, { parts: [1, 3, 5], total: 7 }];
    const links = [[4, 5]];
    const hidden = suppress(values, groups, 10, { links, shownElsewhere: [6, 7] });
    // Withholding badge 2's 40 would not protect the 3: its completions (the column's only
    // non-zero, equal to the shown total) give it away. So 25 is withheld instead.
    expect(hidden).to.deep.equal([true, false, true, false, false, false, false, false]);
    expect(recoverable(values, hidden, groups, links)).to.deep.equal([]);
    // Without the link the naive choice would be the 25 as well here (smaller); make it larger:
    const values2 = [3, 0, 45, 0, 40, 40, 88, 40];
    const hidden2 = suppress(values2, groups, 10, { links, shownElsewhere: [6, 7] });
    expect(hidden2[4], 'the milestone badge is not the second cell').to.equal(false);
    expect(hidden2[2]).to.equal(true);
    expect(recoverable(values2, hidden2, groups, links)).to.deep.equal([]);
  });

  it('leaves a group alone when two or more cells are already withheld', () => {
    expect(suppress([3, 4, 50, 57], [{ parts: [0, 1, 2], total: 3 }], 10)).to.deep.equal([true, true, false, false]);
  });

  it('a withheld cell cannot be recovered from its row, its column or the totals (crafted 3×3 table)', () => {
    const t = withMargins([
      [3, 25, 40],
      [30, 12, 18],
      [22, 35, 50],
    ]);
    const hidden = suppress(t.values, t.groups, 10);
    expect(hidden[t.at(0, 0)], 'the 3 is withheld').to.equal(true);
    // Its row and its column each lose another cell.
    expect([1, 2].some((c) => hidden[t.at(0, c)]), 'a second cell in its row').to.equal(true);
    expect([1, 2].some((r) => hidden[t.at(r, 0)]), 'a second cell in its column').to.equal(true);
    // The attacker's subtraction recovers nothing that was withheld.
    expect(recoverable(t.values, hidden, t.groups)).to.deep.equal([]);
    for (const g of t.groups) {
      const members = [...g.parts, g.total!];
      expect(members.filter((i) => hidden[i]).length, `group ${JSON.stringify(g)}`).to.not.equal(1);
    }
  });

  it('cascades: withholding one cell for a row can expose a column, which is then protected too', () => {
    const t = withMargins([
      [2, 11, 60],
      [40, 10, 70],
      [45, 80, 90],
    ]);
    const hidden = suppress(t.values, t.groups, 10);
    expect(recoverable(t.values, hidden, t.groups)).to.deep.equal([]);
    expect(hidden[t.at(0, 0)]).to.equal(true);
  });

  it('no withheld cell is ever recoverable by subtraction, over 500 random tables with small cells', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const rand = prng(seed);
      const rows = 2 + Math.floor(rand() * 5);
      const cols = 2 + Math.floor(rand() * 5);
      const cells = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rand() < 0.3 ? Math.floor(rand() * 10) : Math.floor(rand() * 200))));
      const threshold = rand() < 0.5 ? 10 : 10 + Math.floor(rand() * 20);
      const t = withMargins(cells);
      const hidden = suppress(t.values, t.groups, threshold);
      t.values.forEach((v, i) => {
        if (v >= 1 && v < threshold) expect(hidden[i], `seed ${seed}: small value ${v} at ${i} is withheld`).to.equal(true);
      });
      expect(recoverable(t.values, hidden, t.groups), `seed ${seed}: ${JSON.stringify(cells)}`).to.deep.equal([]);
    }
  });

  it('a larger threshold only ever withholds more', () => {
    const t = withMargins([
      [12, 25, 40],
      [30, 14, 18],
    ]);
    const at10 = suppress(t.values, t.groups, 10);
    const at20 = suppress(t.values, t.groups, 20);
    expect(at10.every((h) => !h)).to.equal(true);
    expect(at20.filter(Boolean).length).to.be.greaterThan(0);
    expect(recoverable(t.values, at20, t.groups)).to.deep.equal([]);
  });
});
