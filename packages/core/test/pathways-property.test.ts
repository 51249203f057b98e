import { describe, it, expect } from '@col/harness';
import fc from 'fast-check';
import { evaluatePathway, type EarnedRecord, type Pathway, type PathwayNode } from '@citiesoflearning/core';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
const AS_OF = new Date(T0 + 100 * DAY).toISOString();
const BADGES = ['urn:b0', 'urn:b1', 'urn:b2', 'urn:b3', 'urn:b4', 'urn:b5'];

/** A tree shape; ids, valid `min`s and prerequisites are filled in by `build`. */
type Shape =
  | { leaf: true; badge: number; equivalent: number | null; optional: boolean; acceptPending: boolean; maxAgeDays: number | null; points: number }
  | { leaf: false; children: Shape[]; minFraction: number; useMin: boolean; sequential: boolean; optional: boolean; minPoints: number | null; points: number };

const rarely = fc.nat(5).map((n) => n === 0);
const shape = fc.letrec<{ node: Shape; leaf: Shape; group: Shape; root: Shape }>((tie) => ({
  root: fc.record({
    leaf: fc.constant(false as const),
    children: fc.array(tie('node'), { minLength: 2, maxLength: 5 }),
    minFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    useMin: fc.boolean(),
    sequential: rarely,
    optional: fc.constant(false),
    minPoints: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 3, nil: null }),
    points: fc.constant(0),
  }),
  node: fc.oneof({ depthSize: 'medium', withCrossShrink: true }, tie('leaf'), tie('group')),
  leaf: fc.record({
    leaf: fc.constant(true as const),
    badge: fc.nat(BADGES.length - 1),
    equivalent: fc.option(fc.nat(BADGES.length - 1), { freq: 3, nil: null }),
    optional: rarely,
    acceptPending: fc.boolean(),
    maxAgeDays: fc.option(fc.integer({ min: 0, max: 120 }), { freq: 3, nil: null }),
    points: fc.integer({ min: 0, max: 5 }),
  }),
  group: fc.record({
    leaf: fc.constant(false as const),
    children: fc.array(tie('node'), { maxLength: 4 }),
    minFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    useMin: fc.boolean(),
    sequential: rarely,
    optional: rarely,
    minPoints: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 3, nil: null }),
    points: fc.integer({ min: 0, max: 5 }),
  }),
}));

function build(root: Shape): Pathway {
  let next = 0;
  const make = (s: Shape, isRoot: boolean): PathwayNode => {
    const id = `n${next++}`;
    const optional = !isRoot && s.optional ? { optional: true } : {};
    if (s.leaf) {
      const node: PathwayNode = { type: 'badge', id, badge: { id: BADGES[s.badge]! }, points: s.points, acceptPending: s.acceptPending, ...optional };
      if (s.equivalent !== null) node.badge.equivalents = [BADGES[s.equivalent]!];
      if (s.maxAgeDays !== null) node.maxAgeDays = s.maxAgeDays;
      return node;
    }
    const children = s.children.map((c) => make(c, false));
    const required = children.filter((c) => !c.optional).length;
    const node: PathwayNode = { type: 'group', id, children, points: s.points, ...optional };
    if (s.sequential) node.order = 'sequential';
    else if (s.useMin) node.min = Math.floor(s.minFraction * required);
    const available = children.reduce((sum, c) => sum + (c.points ?? 0), 0);
    if (s.minPoints !== null) node.minPoints = Math.min(s.minPoints, available);
    return node;
  };
  return { id: 'prop', version: '1', name: 'Property', root: make(root, true) };
}

const record: fc.Arbitrary<EarnedRecord> = fc.record({
  achievement: fc.constantFrom(...BADGES),
  issuedOn: fc.integer({ min: 0, max: 120 }).map((d) => new Date(T0 + d * DAY).toISOString()),
  validUntil: fc.option(fc.integer({ min: 50, max: 200 }).map((d) => new Date(T0 + d * DAY).toISOString()), { nil: undefined }),
  status: fc.constantFrom('claimed' as const, 'claimed' as const, 'claimed' as const, 'pending' as const, 'revoked' as const),
}).map((r) => {
  const out: EarnedRecord = { achievement: r.achievement, issuedOn: r.issuedOn, status: r.status };
  if (r.validUntil !== undefined) out.validUntil = r.validUntil;
  return out;
});

describe('evaluatePathway properties (fast-check)', () => {
  it('progress is always in [0, 1], and satisfied ⇔ progress 1, for every node', () => {
    fc.assert(
      fc.property(shape.root, fc.array(record, { maxLength: 12 }), fc.boolean(), (s, records, whenCompleted) => {
        const pathway = build(s);
        if (whenCompleted) pathway.policy = { expiry: 'validWhenCompleted' };
        const result = evaluatePathway(pathway, records, { asOf: AS_OF });
        for (const node of Object.values(result.nodes)) {
          expect(node.progress).to.be.within(0, 1);
          expect(node.satisfied).to.equal(node.progress === 1);
          if (node.satisfied) expect(node.state).to.equal('complete');
        }
        expect(result.progress).to.equal(result.nodes[pathway.root.id]!.progress);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a claimed record never lowers root progress (validNow, prerequisites not enforced)', () => {
    fc.assert(
      fc.property(shape.root, fc.array(record, { maxLength: 12 }), record, (s, records, extra) => {
        const pathway = build(s);
        const before = evaluatePathway(pathway, records, { asOf: AS_OF });
        const after = evaluatePathway(pathway, [...records, { ...extra, status: 'claimed' }], { asOf: AS_OF });
        expect(after.progress).to.be.at.least(before.progress);
        if (before.satisfied) expect(after.satisfied).to.equal(true);
      }),
      { numRuns: 300 },
    );
  });
});
