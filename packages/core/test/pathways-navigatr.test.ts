import { describe, it, expect, thrownError } from '@col/harness';
import {
  fromNavigatr,
  toNavigatr,
  evaluatePathway,
  type NavigatrPathway,
  type Pathway,
} from '@citiesoflearning/core';


const games: NavigatrPathway = {
  id: 'nav-123',
  name: 'Get into games',
  description: 'From player to maker',
  steps: [
    { title: 'Play', description: 'Try three games', badges: ['urn:play-1', 'urn:play-2', 'urn:play-3'] },
    { title: 'Make', badges: ['urn:make'] },
    { badges: ['urn:share-1', 'urn:share-2'] },
  ],
  completionBadge: 'urn:games-pathway',
};
const claimed = (achievement: string, issuedOn: string) => ({ achievement, issuedOn, status: 'claimed' as const });

describe('Navigatr shape', () => {
  it('imports as all steps (any order), each step any one badge, the completion badge as milestone', () => {
    const pathway = fromNavigatr(games);
    expect(pathway.id).to.equal('nav-123');
    expect(pathway.version).to.equal('1');
    const root = pathway.root;
    expect(root.type).to.equal('group');
    if (root.type !== 'group') return;
    expect(root.milestoneBadge).to.equal('urn:games-pathway');
    expect(root.children.map((step) => step.id)).to.deep.equal(['step-1', 'step-2', 'step-3']);
    expect(root.children[0]).to.deep.equal({
      id: 'step-1', type: 'group', min: 1, title: 'Play', description: 'Try three games',
      children: [
        { id: 'step-1-badge-1', type: 'badge', badge: { id: 'urn:play-1' } },
        { id: 'step-1-badge-2', type: 'badge', badge: { id: 'urn:play-2' } },
        { id: 'step-1-badge-3', type: 'badge', badge: { id: 'urn:play-3' } },
      ],
    });
  });

  it('evaluates like Navigatr: any badge completes a step, all steps in any order complete the pathway', () => {
    const pathway = fromNavigatr(games);
    const options = { asOf: '2026-06-01T00:00:00Z', learner: 'learner-9' };
    const two = evaluatePathway(pathway, [claimed('urn:share-2', '2026-01-01T00:00:00Z'), claimed('urn:play-3', '2026-02-01T00:00:00Z')], options);
    expect(two.progress).to.be.closeTo(2 / 3, 1e-12);
    expect(two.nextSteps.map((s) => s.achievement)).to.deep.equal(['urn:make']);
    const all = evaluatePathway(pathway, [
      claimed('urn:share-2', '2026-01-01T00:00:00Z'), claimed('urn:make', '2026-03-01T00:00:00Z'), claimed('urn:play-3', '2026-02-01T00:00:00Z'),
    ], options);
    expect(all.satisfied).to.equal(true);
    expect(all.completedAt).to.equal('2026-03-01T00:00:00.000Z');
    expect(all.awarded).to.deep.equal([{ node: 'root', achievement: 'urn:games-pathway', badge: 'urn:games-pathway', idempotencyKey: 'learner-9|nav-123@1|root' }]);
  });

  it('Navigatr import/export round trip is lossless', () => {
    expect(toNavigatr(fromNavigatr(games))).to.deep.equal(games);
    const minimal: NavigatrPathway = { id: 'n', name: 'N', steps: [{ badges: ['urn:a'] }] };
    expect(toNavigatr(fromNavigatr(minimal))).to.deep.equal(minimal);
    // Through JSON too, as it travels between systems.
    expect(toNavigatr(JSON.parse(JSON.stringify(fromNavigatr(games))))).to.deep.equal(games);
    // The largest Navigatr pathway: 12 steps of 10 badges.
    const largest: NavigatrPathway = {
      id: 'big', name: 'Big', steps: Array.from({ length: 12 }, (_, s) => ({ badges: Array.from({ length: 10 }, (_, b) => `urn:s${s}b${b}`) })),
    };
    expect(toNavigatr(fromNavigatr(largest))).to.deep.equal(largest);
  });

  it('without a Navigatr id, uses options.id or one derived from the name', () => {
    expect(fromNavigatr({ name: 'Art', steps: [{ badges: ['urn:a'] }] }).id).to.equal('navigatr:Art');
    expect(fromNavigatr({ name: 'Art', steps: [{ badges: ['urn:a'] }] }, { id: 'art', version: '3' })).to.include({ id: 'art', version: '3' });
  });

  it('import enforces the 12-step and 10-badge limits and the shape', () => {
    const thirteen = { name: 'x', steps: Array.from({ length: 13 }, () => ({ badges: ['urn:a'] })) };
    expect(thrownError(() => fromNavigatr(thirteen)).message).to.equal('This is not a valid Navigatr pathway: it has 13 steps; Navigatr allows at most 12.');
    const eleven = { name: 'x', steps: [{ badges: Array.from({ length: 11 }, (_, b) => `urn:${b}`) }] };
    expect(thrownError(() => fromNavigatr(eleven)).message).to.equal('This is not a valid Navigatr pathway: step 1 has 11 badges; Navigatr allows at most 10.');
    for (const bad of [null, { name: 'x' }, { name: 'x', steps: [] }, { name: 'x', steps: [{ badges: [] }] }, { name: 'x', steps: [{ badges: [7] }] }, { steps: [{ badges: ['a'] }] }]) {
      expect(thrownError(() => fromNavigatr(bad as unknown as NavigatrPathway)).code).to.equal('navigatr-invalid');
    }
  });
});

describe('toNavigatr: pathways Navigatr cannot express', () => {
  const base = (): Pathway => fromNavigatr(games);
  const mutate = (change: (root: Extract<Pathway['root'], { type: 'group' }>) => void): Pathway => {
    const pathway = JSON.parse(JSON.stringify(base())) as Pathway;
    change(pathway.root as Extract<Pathway['root'], { type: 'group' }>);
    return pathway;
  };
  const refusal = (pathway: Pathway) => {
    const error = thrownError(() => toNavigatr(pathway));
    expect(error.code).to.equal('pathway-not-navigatr');
    return error.message;
  };

  it('nested groups, naming the node', () => {
    const pathway = mutate((root) => {
      const step = root.children[1] as Extract<Pathway['root'], { type: 'group' }>;
      step.children.push({ type: 'group', id: 'deeper', min: 1, children: [{ type: 'badge', id: 'x', badge: { id: 'urn:x' } }] });
    });
    expect(refusal(pathway)).to.equal('This pathway cannot be expressed in Navigatr: node "deeper" is a nested group; Navigatr steps hold only badges.');
  });

  it('a step needing more than one badge, a root needing fewer than all steps, a sequential root', () => {
    expect(refusal(mutate((root) => { (root.children[0] as { min: number }).min = 2; }))).to.equal(
      'This pathway cannot be expressed in Navigatr: node "step-1" needs 2 badges; a Navigatr step needs any one.');
    expect(refusal(mutate((root) => { root.min = 2; }))).to.equal(
      'This pathway cannot be expressed in Navigatr: node "root" needs 2 of 3 steps; Navigatr needs all.');
    expect(refusal(mutate((root) => { root.order = 'sequential'; }))).to.match(/node "root" needs its steps in order/);
  });

  it('prerequisites, optional steps, evidence rules, milestones below the root', () => {
    expect(refusal(mutate((root) => { root.children[1]!.prerequisites = ['step-1']; }))).to.match(/node "step-2" has prerequisites/);
    expect(refusal(mutate((root) => { root.children[2]!.optional = true; }))).to.match(/node "step-3" is optional/);
    expect(refusal(mutate((root) => {
      ((root.children[0] as { children: Array<{ evidenceRequired?: boolean }> }).children[0]!).evidenceRequired = true;
    }))).to.match(/node "step-1-badge-1" has evidence, age or pending rules/);
    expect(refusal(mutate((root) => { root.children[0]!.milestoneBadge = 'urn:m'; }))).to.match(/node "step-1" awards a milestone badge/);
  });

  it('more than 12 steps or 10 badges (equivalents count as badges of the step)', () => {
    const many = mutate((root) => {
      while (root.children.length < 13) {
        const n = root.children.length + 1;
        root.children.push({ type: 'group', id: `step-${n}`, min: 1, children: [{ type: 'badge', id: `step-${n}-badge-1`, badge: { id: `urn:${n}` } }] });
      }
    });
    expect(refusal(many)).to.match(/node "root" has 13 steps; Navigatr allows at most 12/);
    const equivalents = mutate((root) => {
      const step = root.children[1] as { children: Array<{ badge: { id: string; equivalents?: string[] } }> };
      step.children[0]!.badge.equivalents = Array.from({ length: 10 }, (_, k) => `urn:old-${k}`);
    });
    expect(refusal(equivalents)).to.match(/node "step-2" has 11 badges/);
    const fewer = mutate((root) => {
      (root.children[1] as { children: Array<{ badge: { id: string; equivalents?: string[] } }> }).children[0]!.badge.equivalents = ['urn:make-old'];
    });
    expect(toNavigatr(fewer).steps[1]!.badges).to.deep.equal(['urn:make', 'urn:make-old']);
  });
});
