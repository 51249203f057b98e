// What evaluatePathway hands back is made partly on demand: the per-node results (`nodes`) are
// built from the evaluation's own arrays when a caller first reads them. A caller must not be
// able to tell: the same answer however often, whenever and however it is read, and each
// evaluation's answer its own even when one compiled pathway serves many learners.
import { describe, it, expect } from '@col/harness';
import fc from 'fast-check';
import { parseInstant } from '../src/pathways/records.js';
import { borrowScratch, giveBack, Use } from '../src/pathways/scratch.js';
import { checkPathway, compilePathway, evaluatePathway, validatePathway, type EarnedRecord, type Pathway, type PathwayIssue, type PathwayNode } from '@citiesoflearning/core';
import { AS_OF, at, badge, earned } from './support/pathway-fixtures.js';


const pathway: Pathway = {
  id: 'p', version: '1', name: 'Digital skills',
  root: {
    type: 'group', id: 'root', milestoneBadge: 'urn:done',
    children: [
      badge('a'),
      { type: 'group', id: 'pick-one', min: 1, milestoneBadge: 'urn:picked', children: [badge('b'), badge('c')] },
      badge('d', { prerequisites: ['a'], acceptPending: true }),
      { type: 'group', id: 'empty', children: [badge('e', { optional: true })] },
    ],
  },
};

describe('evaluatePathway results read on demand', () => {
  it('gives the same nodes on every read: the same object, equal to a fresh evaluation', () => {
    const result = evaluatePathway(pathway, [earned('a', 1), earned('b', 2)], { asOf: AS_OF });
    const first = result.nodes;
    expect(result.nodes).to.equal(first);
    expect(Object.keys(first)).to.deep.equal(['root', 'a', 'pick-one', 'b', 'c', 'd', 'empty', 'e']);
    expect(first['pick-one']).to.deep.include({ satisfied: true, state: 'complete', missing: ['c'], completedAt: at(2) });
    expect(first['d']).to.deep.include({ satisfied: false, state: 'not-started', missing: ['urn:d'] });
    expect(first['empty']!.warnings.map((w) => w.code)).to.deep.equal(['group-empty']);
    expect(evaluatePathway(pathway, [earned('a', 1), earned('b', 2)], { asOf: AS_OF }).nodes).to.deep.equal(first);
  });

  it('is an ordinary property to every reader: JSON, spreading, structuredClone, Object.keys, assignment', () => {
    const result = evaluatePathway(pathway, [earned('a', 1)], { asOf: AS_OF });
    const json = JSON.parse(JSON.stringify(result)) as typeof result;
    expect(Object.keys(result)).to.include('nodes');
    expect(json.nodes['a']).to.deep.equal({ id: 'a', type: 'badge', satisfied: true, progress: 1, state: 'complete', missing: [], warnings: [], completedAt: at(1) });
    expect({ ...result }.nodes).to.equal(result.nodes);
    expect(structuredClone(result).nodes).to.deep.equal(result.nodes);
    // Frozen before anyone read the nodes: reading them still works, and gives the same answer.
    const frozen = Object.freeze(evaluatePathway(pathway, [earned('a', 1)], { asOf: AS_OF }));
    expect(frozen.nodes).to.deep.equal(result.nodes);
    // Replacing the nodes (a caller's own filtering, say) replaces them, as with a plain object.
    const mine = evaluatePathway(pathway, [earned('a', 1)], { asOf: AS_OF });
    mine.nodes = { a: result.nodes['a']! };
    expect(Object.keys(mine.nodes)).to.deep.equal(['a']);
  });

  it('keeps a compiled pathway evaluated for two learners apart, whatever order the results are read in', () => {
    const compiled = compilePathway(pathway);
    const first = evaluatePathway(compiled, [earned('a', 1), earned('c', 3)], { asOf: AS_OF, learner: 'l-1' });
    const second = evaluatePathway(compiled, [earned('b', 5)], { asOf: AS_OF, learner: 'l-2' });
    // Read the second learner's nodes first, then the first's: neither borrows from the other.
    expect(second.nodes['a']).to.deep.include({ satisfied: false, state: 'not-started', missing: ['urn:a'] });
    expect(second.nodes['b']).to.deep.include({ satisfied: true, completedAt: at(5) });
    expect(first.nodes['a']).to.deep.include({ satisfied: true, completedAt: at(1) });
    expect(first.nodes['b']).to.deep.include({ satisfied: false, missing: ['urn:b'] });
    expect(first.nodes['pick-one']!.completedAt).to.equal(at(3));
    expect(second.nodes['pick-one']!.completedAt).to.equal(at(5));
    expect(first.nodes).to.deep.equal(evaluatePathway(pathway, [earned('a', 1), earned('c', 3)], { asOf: AS_OF, learner: 'l-1' }).nodes);
    expect(second.nodes).to.deep.equal(evaluatePathway(pathway, [earned('b', 5)], { asOf: AS_OF, learner: 'l-2' }).nodes);
  });

  it('answers each one-shot call on its own, though calls reuse their working memory: larger, smaller, read late', () => {
    // One-shot calls keep the tables and columns they use only while working, and the next call
    // reuses them (left as they were, larger or smaller than it needs): nothing of an earlier
    // answer may come from them, however late it is read.
    const wide = (n: number, prefix: string): Pathway => ({
      id: `w${n}`, version: '1', name: 'Wide',
      root: { type: 'group', id: `${prefix}-root`, min: Math.ceil(n / 2), children: Array.from({ length: n }, (_, k) => badge(`${prefix}${k}`)) },
    });
    const records = (n: number, prefix: string, step: number) => Array.from({ length: Math.ceil(n / step) }, (_, k) => earned(`${prefix}${k * step}`, 1 + (k % 50)));
    const large = evaluatePathway(wide(3000, 'x'), records(3000, 'x', 2), { asOf: AS_OF });
    const small = evaluatePathway(wide(10, 'y'), records(10, 'y', 3), { asOf: AS_OF });
    const again = evaluatePathway(wide(3000, 'z'), records(3000, 'z', 5), { asOf: AS_OF });
    expect(small.nodes).to.deep.equal(evaluatePathway(structuredClone(wide(10, 'y')), records(10, 'y', 3), { asOf: AS_OF }).nodes);
    expect(large.nodes['x-root']).to.deep.include({ satisfied: true, progress: 1 });
    expect(large.nodes['x2999']).to.deep.include({ satisfied: false, missing: ['urn:x2999'] });
    expect(again.nodes['z-root']).to.deep.include({ satisfied: false, progress: 600 / 1500 });
    expect(large.nodes).to.deep.equal(evaluatePathway(structuredClone(wide(3000, 'x')), records(3000, 'x', 2), { asOf: AS_OF }).nodes);
    expect(again.nextSteps).to.have.length(2400);
  });

  it('keeps nothing of the learner or the caller in the memory it keeps for the next call', () => {
    const result = evaluatePathway(pathway, [earned('a', 1), earned('b', 2), earned('d', 3)], { asOf: AS_OF });
    expect(result.progress).to.be.greaterThan(0);
    const scratch = borrowScratch();
    try {
      // The records buffer held the learner's dates and flags during the call: wiped since.
      const records = new Uint8Array(scratch.buffer(Use.Records, 0, false));
      expect(records.length).to.be.greaterThan(0);
      expect(records.every((byte) => byte === 0)).to.equal(true);
      // The node list held the caller's node objects: emptied (the pathway has 8 nodes).
      const nodes = scratch.nodeList(8);
      expect(nodes.every((node) => node === undefined)).to.equal(true);
    } finally {
      giveBack(scratch);
    }
  });

  it('answers a call made from inside another call (a getter in the input) on its own, and the outer one too', () => {
    const inner: Pathway = { id: 'inner', version: '1', name: 'Inner', root: { type: 'group', id: 'i-root', children: [badge('i1'), badge('i2')] } };
    let innerResult: ReturnType<typeof evaluatePathway> | undefined;
    const outerRoot = { type: 'group', id: 'root', children: [badge('o1'), badge('o2'), badge('o3')] } as Record<string, unknown>;
    Object.defineProperty(outerRoot, 'min', {
      enumerable: true,
      get: () => {
        innerResult ??= evaluatePathway(inner, [earned('i1', 1)], { asOf: AS_OF });
        return 2;
      },
    });
    const outer = evaluatePathway({ id: 'outer', version: '1', name: 'Outer', root: outerRoot as unknown as PathwayNode }, [earned('o1', 1), earned('o3', 4)], { asOf: AS_OF });
    expect(innerResult!.progress).to.equal(0.5);
    expect(innerResult!.nodes['i2']).to.deep.include({ satisfied: false, missing: ['urn:i2'] });
    expect(outer).to.deep.include({ satisfied: true, completedAt: at(4) });
    expect(outer.nodes['o2']).to.deep.include({ satisfied: false });
  });

  it('shows a milestone that kept a group complete with nothing missing, and its warning', () => {
    // The learner holds the pick-one milestone, and the record that earned it has since expired.
    const records: EarnedRecord[] = [{ achievement: 'urn:b', issuedOn: at(1), validUntil: at(50), status: 'claimed' }];
    const result = evaluatePathway(pathway, records, { asOf: AS_OF, awarded: ['urn:picked'] });
    expect(result.nodes['pick-one']).to.deep.include({ satisfied: true, state: 'complete', missing: [] });
    expect(result.nodes['pick-one']!.warnings.map((w) => w.code)).to.deep.equal(['milestone-kept']);
    expect(result.nodes['b']).to.deep.include({ satisfied: false, state: 'expired', missing: ['urn:b'] });
  });

  it('reads record dates in every shape Date.parse reads, and the common one exactly as it does', () => {
    const p: Pathway = { id: 'dates', version: '1', name: 'Dates', root: badge('a') };
    const shapes = [
      '2026-02-01T00:00:00Z', '2026-02-01T00:00:00.250Z', '2026-02-01', '2026-02-01T01:00:00+01:00',
      '2026-02-01T00:00:00.1Z', '2024-02-29T23:59:59.999Z', '2026-02-01t00:00:00z', '+002026-02-01T00:00:00Z',
    ];
    for (const issuedOn of shapes) {
      const result = evaluatePathway(p, [{ achievement: 'urn:a', issuedOn, status: 'claimed' }], { asOf: AS_OF });
      expect(result.completedAt, issuedOn).to.equal(new Date(Date.parse(issuedOn)).toISOString());
    }
    // Out-of-range fields are left to Date.parse: what it refuses, the evaluation ignores.
    for (const issuedOn of ['2026-13-01T00:00:00Z', '2026-01-01T24:00:01Z', '2026-01-01T23:59:60Z', '2026-01-0xT00:00:00Z']) {
      const result = evaluatePathway(p, [{ achievement: 'urn:a', issuedOn, status: 'claimed' }], { asOf: AS_OF });
      expect(result.satisfied, issuedOn).to.equal(!Number.isNaN(Date.parse(issuedOn)));
    }
  });
});

describe('parseInstant: record dates read directly in their common shape', () => {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  it('agrees with Date.parse on every date written as toISOString writes them, in range or not', () => {
    const stamp = fc.record({
      year: fc.integer({ min: 0, max: 9999 }), month: fc.integer({ min: 0, max: 13 }), day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }), minute: fc.integer({ min: 0, max: 61 }), second: fc.integer({ min: 0, max: 61 }),
      ms: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
    }).map(({ year, month, day, hour, minute, second, ms }) =>
      `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${ms === undefined ? '' : `.${pad(ms, 3)}`}Z`);
    fc.assert(fc.property(stamp, (text) => Object.is(parseInstant(text), Date.parse(text))), { numRuns: 5000 });
  });

  it('agrees with Date.parse when any one character of such a date is changed', () => {
    const changed = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(...'0123456789-:.TZtz+ /\u0660\uff10x')).map(([at, c]) => {
      const text = '2026-07-15T12:34:56.789Z';
      return text.slice(0, at) + c + text.slice(at + 1);
    });
    fc.assert(fc.property(changed, (text) => Object.is(parseInstant(text), Date.parse(text))), { numRuns: 2000 });
  });
});

describe('evaluatePathway checks the pathway where it is, without copying it', () => {
  it('answers from what the pathway was during the call: changing it afterwards changes no result', () => {
    const input = JSON.parse(JSON.stringify(pathway)) as Pathway;
    const result = evaluatePathway(input, [earned('b', 2)], { asOf: AS_OF });
    const expected = JSON.parse(JSON.stringify(evaluatePathway(pathway, [earned('b', 2)], { asOf: AS_OF }))) as unknown;
    // Rename, retype and re-point every node before anyone has read the per-node results.
    const stack: PathwayNode[] = [input.root];
    while (stack.length > 0) {
      const node = stack.pop()! as unknown as Record<string, unknown>;
      node.id = `changed-${String(node.id)}`;
      node.optional = true;
      if (node.type === 'badge') (node.badge as { id: string }).id = 'urn:changed';
      if (Array.isArray(node.children)) stack.push(...(node.children as PathwayNode[]));
      node.type = 'evidence';
    }
    expect(JSON.parse(JSON.stringify(result))).to.deep.equal(expected);
  });

  it('reports every problem exactly as validatePathway, checkPathway and compilePathway do', () => {
    const looped: Record<string, unknown> = { type: 'group', id: 'loop', children: [] };
    (looped.children as unknown[]).push(looped, { type: 'badge', id: 'x', badge: { id: 'urn:x' } });
    const noId: Record<string, unknown> = { type: 'badge', badge: { id: 'urn:n' } };
    const tooDeep = { type: 'badge', id: 'deep', badge: { id: 'urn:d' } };
    const wrap = (root: unknown) => ({ id: 'p', version: '1', name: 'P', root });
    const inputs: unknown[] = [
      wrap(looped),
      wrap({ type: 'group', id: 'r', children: [noId, noId, { type: 'badge', id: 'a', badge: { id: 'urn:a' } }] }),
      wrap({ type: 'group', id: 'r', min: 'two', minPoints: -1, order: 'sideways', children: [{ type: 'badge', id: 'a', badge: { id: 'urn:a' }, points: 'x' }] }),
      wrap({ type: 'group', id: 'r', min: 3, children: [{ type: 'badge', id: 'a', badge: { id: 'urn:a' } }, { type: 'badge', id: 'a', badge: {} }] }),
      wrap({ type: 'group', id: 'r', order: 'sequential', min: 1, children: [
        { type: 'badge', id: 'a', badge: { id: 'urn:a', equivalents: [''] }, prerequisites: ['b', 'nobody'], precedes: 'b' },
        { type: 'evidence', id: 'b', prompt: 'Why?', review: 'everyone', prerequisites: ['a'] },
        { type: 'activity', id: 'c', activity: { badge: 5 } },
        { type: 'pathway', id: 'd', pathway: { id: 'p', version: '1' } },
        { type: 'mystery', id: 'e' },
      ] }),
      wrap({ type: 'group', id: 'r', children: [{ type: 'group', id: 'g', children: [{ type: 'group', id: 'h', children: [tooDeep, tooDeep] }] }] }),
    ];
    const issuesOf = (run: () => unknown): PathwayIssue[] => {
      try {
        run();
      } catch (error) {
        return (error as { details: { issues: PathwayIssue[] } }).details.issues;
      }
      throw new Error('expected pathway-invalid');
    };
    for (const input of inputs) {
      const checked = checkPathway(input, { limits: { maxDepth: 3 } });
      expect(checked.some((issue) => issue.severity === 'error')).to.equal(true);
      expect(issuesOf(() => validatePathway(input, { limits: { maxDepth: 3 } }))).to.deep.equal(checked);
      expect(issuesOf(() => compilePathway(input, { limits: { maxDepth: 3 } }))).to.deep.equal(checked);
      expect(issuesOf(() => evaluatePathway(input as Pathway, [], { limits: { maxDepth: 3 } }))).to.deep.equal(checked);
    }
    expect(checkPathway(inputs[0]).map((issue) => issue.code)).to.include('node-repeated');
    // A problem found late, after a warning: every issue once, in the order the pathway reads.
    const late = wrap({ type: 'group', id: 'r', children: [
      { type: 'group', id: 'empty', children: [] },
      ...Array.from({ length: 50 }, (_, k) => ({ type: 'badge', id: `b${k}`, badge: { id: `urn:${k}` } })),
      { type: 'badge', id: 'b7', badge: { id: 'urn:again' } },
      looped,
    ] });
    expect(checkPathway(late).map((issue) => `${issue.code} ${issue.node}`)).to.deep.equal([
      'group-empty empty', 'node-repeated $.root.children[52].children[0]', 'id-duplicate b7',
    ]);
    expect(issuesOf(() => evaluatePathway(late as Pathway, []))).to.deep.equal(checkPathway(late));
    expect(checkPathway(inputs[1]).map((issue) => issue.code)).to.include('node-repeated');
  });
});
