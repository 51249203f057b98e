import { describe, it, expect, errorCode } from '@col/harness';
import {
  evaluatePathway,
  evaluateUntrustedPathway,
  milestoneKey,
  type EarnedRecord,
  type Pathway,
  type PathwayNode,
} from '@citiesoflearning/core';
import { AS_OF, DAY, at, badge, earned } from './support/pathway-fixtures.js';

const group = (id: string, children: PathwayNode[], extra: Partial<Extract<PathwayNode, { type: 'group' }>> = {}): PathwayNode => ({
  type: 'group', id, children, ...extra,
});
const pathwayOf = (root: PathwayNode, extra: Partial<Pathway> = {}): Pathway => ({ id: 'p', version: '1', name: 'Test pathway', root, ...extra });
const evaluate = (p: Pathway, records: EarnedRecord[], options: Parameters<typeof evaluatePathway>[2] = {}) =>
  evaluatePathway(p, records, { asOf: AS_OF, learner: 'learner-1', ...options });


describe('evaluatePathway: groups', () => {
  it('all-of: partial progress, then satisfied when the last child completes', () => {
    const p = pathwayOf(group('root', [badge('a'), badge('b'), badge('c')]));
    const partial = evaluate(p, [earned('a', 1), earned('b', 2)]);
    expect(partial.satisfied).to.equal(false);
    expect(partial.progress).to.be.closeTo(2 / 3, 1e-12);
    expect(partial.state).to.equal('in-progress');
    expect(partial.nodes.root!.missing).to.deep.equal(['c']);
    expect(partial.nextSteps.map((s) => s.achievement)).to.deep.equal(['urn:c']);

    const done = evaluate(p, [earned('a', 1), earned('c', 9), earned('b', 2)]);
    expect(done.satisfied).to.equal(true);
    expect(done.progress).to.equal(1);
    expect(done.state).to.equal('complete');
    expect(done.completedAt).to.equal(at(9));
    expect(done.nextSteps).to.deep.equal([]);
  });

  it('2-of-4 with an optional child: the optional one never counts towards the 2', () => {
    const p = pathwayOf(group('root', [badge('a'), badge('b'), badge('c'), badge('d'), badge('extra', { optional: true })], { min: 2 }));
    const onlyOptional = evaluate(p, [earned('extra', 1)]);
    expect(onlyOptional.progress).to.equal(0);
    expect(onlyOptional.nodes.extra!.satisfied).to.equal(true);
    expect(onlyOptional.nodes.root!.missing).to.deep.equal(['a', 'b', 'c', 'd']);

    const one = evaluate(p, [earned('extra', 1), earned('c', 3)]);
    expect(one.progress).to.equal(0.5);
    expect(one.satisfied).to.equal(false);

    const two = evaluate(p, [earned('d', 7), earned('extra', 1), earned('c', 3), earned('a', 20)]);
    expect(two.satisfied).to.equal(true);
    // The threshold was first reached by the 2nd earliest completion (d on day 7), not the last.
    expect(two.completedAt).to.equal(at(7));
    // Optional children are not next steps.
    expect(one.nextSteps.map((s) => s.node)).to.deep.equal(['a', 'b', 'd']);
  });

  it('nested groups: progress is the mean of the best n child progresses', () => {
    const p = pathwayOf(group('root', [
      group('any-of-two', [badge('a'), badge('b')], { min: 1 }),
      group('both', [badge('c'), badge('d')]),
    ]));
    const r = evaluate(p, [earned('b', 1), earned('c', 2)]);
    expect(r.nodes['any-of-two']!.satisfied).to.equal(true);
    expect(r.nodes['any-of-two']!.completedAt).to.equal(at(1));
    expect(r.nodes.both!.progress).to.equal(0.5);
    expect(r.progress).to.equal(0.75);
    expect(r.nextSteps.map((s) => s.node)).to.deep.equal(['d']);
  });

  it('progress counts only the n best children, and completion uses the earliest record', () => {
    const half = (id: string) => group(id, [badge(`${id}-x`), badge(`${id}-y`)]);
    const p = pathwayOf(group('root', [half('g1'), half('g2'), half('g3')], { min: 2 }));
    // g1 done, g2 and g3 half done: (1 + 0.5) / 2, not (1 + 0.5 + 0.5) / 2.
    const r = evaluate(p, [earned('g1-x', 1), earned('g1-y', 2), earned('g2-x', 3), earned('g3-y', 4)]);
    expect(r.progress).to.equal(0.75);
    expect(r.satisfied).to.equal(false);
    const twice = evaluate(pathwayOf(group('root', [badge('a')])), [earned('a', 9), earned('a', 2), earned('a', 5)]);
    expect(twice.completedAt).to.equal(at(2));
  });

  it('a group of 60 steps counts its n best children and its n-th earliest completion, in any order', () => {
    // Steps in a scrambled order (k * 37 mod 60), so neither figure can come out right by luck
    // of document order; 60 is past the few children most groups have.
    const order = Array.from({ length: 60 }, (_, k) => (k * 37) % 60);
    const pair = (k: number) => group(`g${k}`, [badge(`g${k}-x`), badge(`g${k}-y`)]);
    const p = pathwayOf(group('root', order.map(pair), { min: 40 }));
    // Steps 0–29 complete (on day 60 - k), 30–49 half done, 50–59 not started.
    const records: EarnedRecord[] = [];
    for (let k = 0; k < 50; k++) {
      records.push(earned(`g${k}-x`, 1));
      if (k < 30) records.push(earned(`g${k}-y`, 60 - k));
    }
    const partial = evaluate(p, records);
    expect(partial.satisfied).to.equal(false);
    expect(partial.progress).to.equal((30 * 1 + 10 * 0.5) / 40);
    expect(partial.nodes.root!.missing).to.have.length(30);

    // Every step complete, step k on day 61 + k: the 40th earliest completion is step 39's.
    for (let k = 0; k < 60; k++) records.push(earned(`g${k}-y`, 61 + k));
    const done = evaluate(p, records.filter((r) => !(r.achievement.endsWith('-y') && Date.parse(r.issuedOn) < Date.parse(at(61)))));
    expect(done.satisfied).to.equal(true);
    expect(done.completedAt).to.equal(at(61 + 39));
  });

  it('empty group: satisfied straight away, with a group-empty warning', () => {
    const p = pathwayOf(group('root', [badge('a'), group('nothing', [])], { min: 1 }));
    const r = evaluate(p, []);
    expect(r.nodes.nothing!.satisfied).to.equal(true);
    expect(r.nodes.nothing!.progress).to.equal(1);
    expect(r.nodes.nothing!.warnings.map((w) => w.code)).to.deep.equal(['group-empty']);
    expect(r.satisfied).to.equal(true);
  });

  it('empty missing and warnings lists are shared and frozen: changing one throws instead of changing every node', () => {
    const p = pathwayOf(group('root', [badge('a'), badge('b'), badge('c')], { min: 1 }));
    const r = evaluate(p, [earned('a', 1), earned('b', 2)]);
    const a = r.nodes.a!;
    const b = r.nodes.b!;
    expect(a.missing).to.deep.equal([]);
    expect(a.warnings).to.deep.equal([]);
    expect(() => a.missing.push('x')).to.throw(TypeError);
    expect(() => a.warnings.push({ code: 'x', message: 'x' })).to.throw(TypeError);
    expect(b.missing, "no node sees another caller's change").to.deep.equal([]);
    // A list with something in it is the node's own, as before.
    const c = r.nodes.c!;
    expect(c.missing).to.deep.equal(['urn:c']);
    c.missing.push('urn:extra');
    expect(evaluate(p, [earned('a', 1), earned('b', 2)]).nodes.c!.missing).to.deep.equal(['urn:c']);
    expect([...a.missing, 'copied']).to.deep.equal(['copied']);
  });

  it('points thresholds: minPoints must be reached, and completedAt is when it was', () => {
    const p = pathwayOf(group('root', [
      badge('five-a', { points: 5 }), badge('five-b', { points: 5 }), badge('ten', { points: 10 }),
    ], { min: 0, minPoints: 10 }));
    const half = evaluate(p, [earned('five-a', 1)]);
    expect(half.satisfied).to.equal(false);
    expect(half.progress).to.equal(0.5);
    const reached = evaluate(p, [earned('five-a', 1), earned('five-b', 4), earned('ten', 9)]);
    expect(reached.satisfied).to.equal(true);
    expect(reached.completedAt).to.equal(at(4));

    // Both a count and points: one child of any, and 10 points.
    const both = pathwayOf(group('root', [badge('five-a', { points: 5 }), badge('five-b', { points: 5 })], { min: 1, minPoints: 10 }));
    const countOnly = evaluate(both, [earned('five-a', 1)]);
    expect(countOnly.satisfied).to.equal(false);
    expect(countOnly.progress).to.equal(0.5);
    expect(evaluate(both, [earned('five-a', 1), earned('five-b', 2)]).satisfied).to.equal(true);
  });
});

describe('evaluatePathway: badge leaves', () => {
  it('expired under validNow: does not count, state expired; valid exactly until asOf still counts', () => {
    const p = pathwayOf(group('root', [badge('a')]));
    const expired = evaluate(p, [earned('a', 1, { validUntil: at(50) })]);
    expect(expired.nodes.a!.satisfied).to.equal(false);
    expect(expired.nodes.a!.state).to.equal('expired');
    expect(expired.state).to.equal('expired');
    const boundary = evaluate(p, [earned('a', 1, { validUntil: AS_OF })]);
    expect(boundary.nodes.a!.satisfied).to.equal(true);
  });

  it('expired under validWhenCompleted: still counts, with a warning', () => {
    const p = pathwayOf(group('root', [badge('a')]), { policy: { expiry: 'validWhenCompleted' } });
    const r = evaluate(p, [earned('a', 1, { validUntil: at(50) })]);
    expect(r.satisfied).to.equal(true);
    expect(r.nodes.a!.completedAt).to.equal(at(1));
    expect(r.nodes.a!.warnings.map((w) => w.code)).to.deep.equal(['expired-still-counts']);
  });

  it('revoked records are dropped, even when they are the only one', () => {
    const p = pathwayOf(group('root', [badge('a')]));
    const revoked = evaluate(p, [earned('a', 1, { status: 'revoked' })]);
    expect(revoked.nodes.a!.state).to.equal('not-started');
    expect(revoked.satisfied).to.equal(false);
    const reissued = evaluate(p, [earned('a', 1, { status: 'revoked' }), earned('a', 5)]);
    expect(reissued.nodes.a!.completedAt).to.equal(at(5));
  });

  it('pending without acceptPending: awaiting-claim, not counted', () => {
    const p = pathwayOf(group('root', [badge('a')]));
    const r = evaluate(p, [earned('a', 1, { status: 'pending' })]);
    expect(r.nodes.a!.satisfied).to.equal(false);
    expect(r.nodes.a!.state).to.equal('awaiting-claim');
    expect(r.state).to.equal('in-progress');
    expect(r.nextSteps[0]!.state).to.equal('awaiting-claim');
  });

  it('pending with acceptPending: counted, with a warning', () => {
    const p = pathwayOf(group('root', [badge('a', { acceptPending: true })]));
    const r = evaluate(p, [earned('a', 1, { status: 'pending' })]);
    expect(r.satisfied).to.equal(true);
    expect(r.nodes.a!.warnings.map((w) => w.code)).to.deep.equal(['counted-pending']);
  });

  it('evidence required but missing: not counted, with an evidence-missing warning', () => {
    const p = pathwayOf(group('root', [badge('a', { evidenceRequired: true })]));
    for (const evidence of [undefined, null, '', []]) {
      const r = evaluate(p, [earned('a', 1, { evidence })]);
      expect(r.nodes.a!.satisfied).to.equal(false);
      expect(r.nodes.a!.warnings.map((w) => w.code)).to.deep.equal(['evidence-missing']);
    }
    const withEvidence = evaluate(p, [earned('a', 1, { evidence: [{ id: 'https://example.org/portfolio/1' }] })]);
    expect(withEvidence.satisfied).to.equal(true);
  });

  it('maxAgeDays boundary: exactly maxAgeDays old counts, one millisecond older does not', () => {
    const p = pathwayOf(group('root', [badge('a', { maxAgeDays: 30 })]));
    const asOf = Date.parse(AS_OF);
    const exactly = evaluate(p, [{ achievement: 'urn:a', issuedOn: new Date(asOf - 30 * DAY).toISOString(), status: 'claimed' }]);
    expect(exactly.nodes.a!.satisfied).to.equal(true);
    const tooOld = evaluate(p, [{ achievement: 'urn:a', issuedOn: new Date(asOf - 30 * DAY - 1).toISOString(), status: 'claimed' }]);
    expect(tooOld.nodes.a!.satisfied).to.equal(false);
    expect(tooOld.nodes.a!.state).to.equal('expired');
  });

  it('equivalents: a record for an equivalent badge satisfies the leaf', () => {
    const p = pathwayOf(group('root', [{ type: 'badge', id: 'a', badge: { id: 'urn:new', equivalents: ['urn:old', 'urn:partner'] } }]));
    const r = evaluate(p, [{ achievement: 'urn:partner', issuedOn: at(3), status: 'claimed' }]);
    expect(r.satisfied).to.equal(true);
    expect(r.nodes.a!.completedAt).to.equal(at(3));
    const none = evaluate(p, [{ achievement: 'urn:unrelated', issuedOn: at(3), status: 'claimed' }]);
    expect(none.nodes.a!.missing).to.deep.equal(['urn:new']);
  });

  it('activity leaves: satisfied by the activity badge or by an attendance record', () => {
    const p = pathwayOf(group('root', [
      { type: 'activity', id: 'workshop', activity: { id: 'https://example.org/events/1', badge: 'urn:attended-1' } },
      { type: 'activity', id: 'talk', activity: { id: 'https://example.org/events/2' } },
    ]));
    const r = evaluate(p, [
      { achievement: 'urn:attended-1', issuedOn: at(1), status: 'claimed' },
      { achievement: 'https://example.org/events/2', issuedOn: at(2), status: 'claimed' },
    ]);
    expect(r.nodes.workshop!.satisfied).to.equal(true);
    expect(r.nodes.talk!.satisfied).to.equal(true);
    const attendanceOnly = evaluate(p, [{ achievement: 'https://example.org/events/1', issuedOn: at(1), status: 'claimed' }]);
    expect(attendanceOnly.nodes.workshop!.satisfied).to.equal(true);
  });

  it('evidence leaves: peer review must pass (awaiting-review until then); self review needs only evidence', () => {
    const p = pathwayOf(group('root', [
      { type: 'evidence', id: 'reflection', prompt: 'What did you learn?', review: 'peer' },
      { type: 'evidence', id: 'diary', prompt: 'Keep a diary', review: 'self' },
    ]));
    const waiting = evaluate(p, [
      { achievement: 'reflection', issuedOn: at(1), status: 'claimed', evidence: 'I learned…' },
      { achievement: 'diary', issuedOn: at(1), status: 'claimed', evidence: 'Day 1' },
    ]);
    expect(waiting.nodes.reflection!.state).to.equal('awaiting-review');
    expect(waiting.nodes.diary!.satisfied).to.equal(true);
    const reviewed = evaluate(p, [
      { achievement: 'reflection', issuedOn: at(1), status: 'claimed', evidence: 'I learned…', reviewed: true },
      { achievement: 'diary', issuedOn: at(1), status: 'claimed', evidence: 'Day 1' },
    ]);
    expect(reviewed.satisfied).to.equal(true);
    const noEvidence = evaluate(p, [{ achievement: 'reflection', issuedOn: at(1), status: 'claimed', reviewed: true }]);
    expect(noEvidence.nodes.reflection!.satisfied).to.equal(false);
  });
});

describe('evaluatePathway: order', () => {
  const withPrerequisite = (enforce: boolean) => pathwayOf(
    group('root', [badge('intro'), badge('advanced', { prerequisites: ['intro'] })]),
    { policy: { enforcePrerequisiteOrder: enforce } },
  );

  it('prerequisites advisory: an unmet prerequisite locks the node for display but it still counts', () => {
    const r = evaluate(withPrerequisite(false), [earned('advanced', 1)]);
    expect(r.nodes.advanced!.locked).to.equal(true);
    expect(r.nodes.advanced!.satisfied).to.equal(true);
    expect(r.progress).to.equal(0.5);
    const notEarned = evaluate(withPrerequisite(false), []);
    expect(notEarned.nodes.advanced!.state).to.equal('locked');
    // Locked nodes are not next steps.
    expect(notEarned.nextSteps.map((s) => s.node)).to.deep.equal(['intro']);
    const inOrder = evaluate(withPrerequisite(false), [earned('intro', 1)]);
    expect(inOrder.nodes.advanced!.locked).to.equal(undefined);
    expect(inOrder.nodes.advanced!.state).to.equal('not-started');
  });

  it('prerequisites enforced: a completion earned before the prerequisite does not count', () => {
    const early = evaluate(withPrerequisite(true), [earned('advanced', 1), earned('intro', 5)]);
    expect(early.nodes.advanced!.satisfied).to.equal(false);
    expect(early.nodes.advanced!.warnings.map((w) => w.code)).to.deep.equal(['earned-too-early']);
    expect(early.satisfied).to.equal(false);
    // Re-earning it afterwards counts.
    const again = evaluate(withPrerequisite(true), [earned('advanced', 1), earned('intro', 5), earned('advanced', 8)]);
    expect(again.nodes.advanced!.completedAt).to.equal(at(8));
    expect(again.satisfied).to.equal(true);
    // Same day as the prerequisite counts.
    expect(evaluate(withPrerequisite(true), [earned('intro', 5), earned('advanced', 5)]).satisfied).to.equal(true);
    const unmet = evaluate(withPrerequisite(true), [earned('advanced', 1)]);
    expect(unmet.nodes.advanced!.state).to.equal('locked');
    expect(unmet.progress).to.equal(0);
  });

  it('prerequisites on a group apply to everything inside it (locked and, when enforced, counted from then on)', () => {
    const p = (enforce: boolean) => pathwayOf(group('root', [
      badge('intro'),
      group('module', [badge('m1'), badge('m2')], { prerequisites: ['intro'] }),
    ]), { policy: { enforcePrerequisiteOrder: enforce } });
    const advisory = evaluate(p(false), [earned('m1', 1)]);
    expect(advisory.nodes.m2!.state).to.equal('locked');
    expect(advisory.nodes.m1!.satisfied).to.equal(true);
    expect(advisory.nodes.module!.progress).to.equal(0.5);
    const enforced = evaluate(p(true), [earned('m1', 1), earned('intro', 3), earned('m2', 4)]);
    expect(enforced.nodes.m1!.satisfied).to.equal(false);
    expect(enforced.nodes.m2!.satisfied).to.equal(true);
    expect(enforced.nodes.module!.progress).to.equal(0.5);
    expect(enforced.nextSteps.map((s) => s.node)).to.deep.equal(['m1']);
  });

  it('sequential out of order: a later step earned before an earlier one does not count', () => {
    const p = pathwayOf(group('root', [badge('one'), badge('two'), badge('three')], { order: 'sequential' }));
    const outOfOrder = evaluate(p, [earned('two', 1), earned('one', 2), earned('three', 3)]);
    expect(outOfOrder.nodes.one!.satisfied).to.equal(true);
    expect(outOfOrder.nodes.two!.satisfied).to.equal(false);
    expect(outOfOrder.nodes.two!.warnings.map((w) => w.code)).to.deep.equal(['earned-too-early']);
    expect(outOfOrder.nodes.three!.state).to.equal('locked');
    expect(outOfOrder.satisfied).to.equal(false);
    expect(outOfOrder.progress).to.be.closeTo(1 / 3, 1e-12);

    const inOrder = evaluate(p, [earned('one', 1), earned('two', 2), earned('three', 3)]);
    expect(inOrder.satisfied).to.equal(true);
    expect(inOrder.completedAt).to.equal(at(3));
  });

  it('next steps follow precedes hints, then the soonest opportunity', () => {
    const p = pathwayOf(group('root', [
      badge('late'), badge('soon'), badge('none'),
      badge('first', { precedes: ['basics'] }),
      group('basics', [badge('b1'), badge('b2')], { precedes: ['late'] }),
    ]));
    const r = evaluate(p, [], {
      opportunities: [
        { badge: 'urn:soon', startsAt: at(105) },
        { badge: 'urn:late', startsAt: at(130) },
        { badge: 'urn:b2', startsAt: at(101) },
        { badge: 'urn:none', startsAt: at(90) }, // in the past at asOf: ignored
        { badge: 'urn:soon', startsAt: at(120) },
      ],
    });
    expect(r.nextSteps.map((s) => s.node)).to.deep.equal(['soon', 'none', 'first', 'b2', 'b1', 'late']);
    expect(r.nextSteps[0]!.opportunity).to.deep.equal({ badge: 'urn:soon', startsAt: at(105) });
    expect(r.nextSteps[1]!.opportunity).to.equal(undefined);
  });
});

describe('evaluatePathway: milestones', () => {
  const p = pathwayOf(group('root', [
    group('half', [badge('a'), badge('b')], { milestoneBadge: 'urn:halfway' }),
    badge('c'),
  ], { milestoneBadge: 'urn:finished' }));

  it('a single step with its own milestone awards it, and keeps it complete once held', () => {
    const q = pathwayOf(group('root', [badge('a', { milestoneBadge: 'urn:first-step' }), badge('b')]));
    const fresh = evaluate(q, [earned('a', 90)]);
    expect(fresh.awarded).to.deep.equal([{ node: 'a', achievement: 'urn:first-step', badge: 'urn:first-step', idempotencyKey: 'learner-1|p@1|a' }]);
    // Its record revoked, but its milestone is held: still complete.
    const kept = evaluate(q, [earned('a', 1, { status: 'revoked' })], { awarded: ['urn:first-step'] });
    expect(kept.nodes.a).to.deep.include({ satisfied: true, state: 'complete' });
    expect(kept.nodes.a!.warnings.map((w) => w.code)).to.deep.equal(['milestone-kept']);
    expect(kept.awarded).to.deep.equal([]);
  });

  it('milestone idempotency: the same award key every time, none once awarded', () => {
    const records = [earned('a', 1), earned('b', 2)];
    const first = evaluate(p, records);
    expect(first.awarded).to.deep.equal([{ node: 'half', achievement: 'urn:halfway', badge: 'urn:halfway', idempotencyKey: 'learner-1|p@1|half' }]);
    expect(first.awards).to.equal(first.awarded); // the deprecated name is the same list
    expect(evaluate(p, records).awards).to.deep.equal(first.awards);
    expect(evaluate(p, records, { awarded: ['urn:halfway'] }).awards).to.deep.equal([]);
    // The awarded badge showing up as a record also means it is held.
    expect(evaluate(p, [...records, { achievement: 'urn:halfway', issuedOn: at(2), status: 'claimed' }]).awards).to.deep.equal([]);
    const all = evaluate(p, [...records, earned('c', 3)], { awarded: ['urn:halfway'] });
    expect(all.awards.map((a) => a.badge)).to.deep.equal(['urn:finished']);
  });

  it('idempotency keys keep their layout when ids contain | or @', () => {
    const odd = pathwayOf(group('root', [badge('a')], { milestoneBadge: 'urn:m' }), { id: 'https://x.org/p|1', version: '2@b' });
    const r = evaluate(odd, [earned('a', 1)], { learner: 'l|1' });
    expect(r.awards[0]!.idempotencyKey).to.equal('l%7C1|https://x.org/p%7C1@2%40b|root');
  });

  it('never takes back an awarded milestone when its inputs later expire', () => {
    const records = [earned('a', 1, { validUntil: at(50) }), earned('b', 2), earned('c', 3)];
    const r = evaluate(p, records, { awarded: ['urn:halfway'] });
    expect(r.nodes.a!.state).to.equal('expired');
    expect(r.nodes.half!.satisfied).to.equal(true);
    expect(r.nodes.half!.warnings.map((w) => w.code)).to.include('milestone-kept');
    expect(r.satisfied).to.equal(true);
    expect(r.awards.map((a) => a.badge)).to.deep.equal(['urn:finished']);
    // Without the milestone held, the expiry does undo it.
    expect(evaluate(p, records).nodes.half!.satisfied).to.equal(false);
  });

  it('refuses an email address as the learner id', () => {
    expect(errorCode(() => evaluate(p, [], { learner: 'ann@example.org' }))).to.equal('learner-not-opaque');
  });
});

describe('evaluatePathway: asOf', () => {
  const p = pathwayOf(group('root', [badge('a'), badge('b')]));
  const records = [earned('a', 10, { validUntil: at(200) }), earned('b', 20)];

  it('asOf in the past: records issued after it do not exist yet', () => {
    const r = evaluate(p, records, { asOf: at(15) });
    expect(r.nodes.a!.satisfied).to.equal(true);
    expect(r.nodes.b!.state).to.equal('not-started');
    expect(r.progress).to.equal(0.5);
    expect(r.asOf).to.equal(at(15));
    expect(evaluate(p, records, { asOf: new Date(at(5)) }).progress).to.equal(0);
  });

  it('asOf in the future: badges expired by then no longer count', () => {
    expect(evaluate(p, records, { asOf: at(150) }).satisfied).to.equal(true);
    const later = evaluate(p, records, { asOf: at(250) });
    expect(later.nodes.a!.state).to.equal('expired');
    expect(later.satisfied).to.equal(false);
  });

  it('rejects an invalid asOf', () => {
    expect(errorCode(() => evaluate(p, records, { asOf: 'next Tuesday' }))).to.equal('date-invalid');
  });
});

describe('evaluatePathway: nested pathways and hostile input', () => {
  const basics: Pathway = pathwayOf(group('root', [badge('a'), badge('b')], { milestoneBadge: 'urn:basics-done' }), { id: 'basics', version: '2' });
  const outer = pathwayOf(group('root', [{ type: 'pathway', id: 'basics-step', pathway: { id: 'basics', version: '2' } }, badge('c')]));

  it('evaluates a nested pathway from the library, and reports its milestones', () => {
    const r = evaluate(outer, [earned('a', 1), earned('b', 2)], { pathways: new Map([['basics@2', basics]]) });
    expect(r.nodes['basics-step']!.satisfied).to.equal(true);
    expect(r.nodes['basics-step']!.completedAt).to.equal(at(2));
    expect(r.progress).to.equal(0.5);
    expect(r.awarded).to.deep.equal([{ node: 'root', achievement: 'urn:basics-done', badge: 'urn:basics-done', idempotencyKey: 'learner-1|basics@2|root' }]);
    const half = evaluate(outer, [earned('a', 1)], { pathways: (id, version) => (id === 'basics' && version === '2' ? basics : undefined) });
    expect(half.nodes['basics-step']!.progress).to.equal(0.5);
  });

  it('an unknown nested pathway leaves its node not started, with a warning', () => {
    const r = evaluate(outer, [earned('a', 1), earned('b', 2)]);
    expect(r.nodes['basics-step']!.state).to.equal('not-started');
    expect(r.nodes['basics-step']!.warnings.map((w) => w.code)).to.deep.equal(['pathway-unknown']);
  });

  it('`__proto__` as a node id is an ordinary key and pollutes nothing', () => {
    const p = pathwayOf(group('root', [{ type: 'badge', id: '__proto__', badge: { id: 'urn:a' } }, badge('constructor')]));
    const r = evaluate(p, [earned('a', 1)]);
    expect(Object.prototype.hasOwnProperty.call(r.nodes, '__proto__')).to.equal(true);
    expect(r.nodes['__proto__']!.satisfied).to.equal(true);
    expect(r.nodes['constructor']!.satisfied).to.equal(false);
    expect(({} as Record<string, unknown>).satisfied).to.equal(undefined);
    expect(JSON.parse(JSON.stringify(r.nodes))['__proto__'].id).to.equal('__proto__');
  });

  it('a pathway whose children change as they are read is walked as read, past the size counted first', () => {
    // The walk counts the nodes first to size its columns; a getter (or Proxy) can answer the
    // count with one list and the walk with another. The walk must grow, not drop or overrun.
    const steps = Array.from({ length: 50 }, (_, k) => badge(`s${k}`));
    let reads = 0;
    const root = { type: 'group', id: 'root', min: 40 } as Record<string, unknown>;
    Object.defineProperty(root, 'children', { enumerable: true, get: () => (reads++ === 0 ? [] : steps) });
    const result = evaluate(pathwayOf(root as unknown as PathwayNode), steps.slice(0, 45).map((_, k) => earned(`s${k}`, 1 + k)));
    expect(result.satisfied).to.equal(true);
    expect(result.completedAt).to.equal(at(40));
    expect(Object.keys(result.nodes)).to.have.length(51);
    expect(result.nodes.s49).to.deep.include({ satisfied: false, missing: ['urn:s49'] });
  });

  it('a loop through one object many times is reported, not counted node by node into memory', () => {
    const loop = { type: 'group', id: 'loop', children: [] as unknown[] };
    for (let k = 0; k < 1000; k++) loop.children.push(loop);
    const p = pathwayOf(group('root', [badge('a'), loop as unknown as PathwayNode]));
    expect(errorCode(() => evaluate(p, []))).to.equal('pathway-invalid');
  });

  it('ignores malformed records with a count, and rejects records that are not a list', () => {
    const p = pathwayOf(group('root', [badge('a')]));
    const r = evaluate(p, [null, 42, { achievement: 'urn:a' }, { achievement: 'urn:a', issuedOn: 'soon', status: 'claimed' },
      { achievement: 'urn:a', issuedOn: at(1), status: 'maybe' }, earned('a', 3)] as unknown as EarnedRecord[]);
    expect(r.satisfied).to.equal(true);
    expect(r.warnings).to.deep.equal([{ code: 'records-ignored', message: '5 records were ignored because they lack a valid achievement, issue date or status.' }]);
    expect(errorCode(() => evaluateUntrustedPathway(p, { achievement: 'urn:a' }))).to.equal('records-invalid');
  });

  it('validates the pathway first', () => {
    expect(errorCode(() => evaluateUntrustedPathway({ id: 'p' }, []))).to.equal('pathway-invalid');
  });
});

describe('milestoneKey', () => {
  it('is the idempotency key the evaluator reports, and with an empty node the prefix of all of them', () => {
    const p = pathwayOf(group('root', [badge('a')], { milestoneBadge: 'https://b/done' }), { id: 'https://x.example/p|1', version: '2' });
    const [award] = evaluate(p, [earned('a', 1)], { learner: 'l@42' }).awards;
    expect(award!.idempotencyKey).to.equal(milestoneKey('l@42', p, 'root'));
    expect(award!.idempotencyKey).to.equal('l%4042|https://x.example/p%7C1@2|root');
    expect(award!.idempotencyKey.startsWith(milestoneKey('l@42', p, ''))).to.equal(true);
    expect(milestoneKey('l@42', p, '')).to.equal('l%4042|https://x.example/p%7C1@2|');
  });
});
