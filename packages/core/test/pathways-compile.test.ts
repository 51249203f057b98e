import { describe, it, expect, errorCode } from '@col/harness';
import { compilePathway, evaluatePathway, validatePathway, type EarnedRecord, type Pathway, type PathwayNode } from '@citiesoflearning/core';
import { AS_OF, badge, earned } from './support/pathway-fixtures.js';


const pathway: Pathway = {
  id: 'p', version: '1', name: 'Digital skills',
  root: {
    type: 'group', id: 'root', milestoneBadge: 'urn:done',
    children: [
      badge('a'),
      { type: 'group', id: 'pick-one', min: 1, children: [badge('b'), badge('c')] },
      badge('d', { prerequisites: ['a'] }),
      { type: 'pathway', id: 'basics', pathway: { id: 'basics', version: '1' } },
    ],
  },
};
const basics: Pathway = { id: 'basics', version: '1', name: 'Basics', root: badge('e') };
const library = new Map([['basics@1', basics]]);

describe('compilePathway: validate once, evaluate many', () => {
  it('gives every learner the same progress as evaluating the pathway itself', () => {
    const compiled = compilePathway(pathway, { pathways: library });
    const learners: EarnedRecord[][] = [
      [],
      [earned('a', 1)],
      [earned('a', 1), earned('c', 2), earned('e', 3)],
      [earned('a', 1), earned('b', 2), earned('d', 3), earned('e', 4)],
    ];
    for (const records of learners) {
      const options = { asOf: AS_OF, learner: 'learner-1', pathways: library };
      expect(evaluatePathway(compiled, records, options)).to.deep.equal(evaluatePathway(pathway, records, options));
    }
    const done = evaluatePathway(compiled, learners[3]!, { asOf: AS_OF, learner: 'learner-1' });
    expect(done.satisfied).to.equal(true);
    expect(done.awarded.map((award) => award.badge)).to.deep.equal(['urn:done']);
  });

  it('resolves nested pathways when compiled: a library passed later is not consulted', () => {
    const compiled = compilePathway(pathway);
    const result = evaluatePathway(compiled, [earned('e', 1)], { asOf: AS_OF, pathways: library });
    expect(result.nodes.basics!.state).to.equal('not-started');
    expect(result.nodes.basics!.warnings.map((w) => w.code)).to.deep.equal(['pathway-unknown']);
  });

  it('cannot be changed after compiling, so a cached validation never goes stale', () => {
    const compiled = compilePathway(pathway);
    const root = compiled.pathway.root as Extract<PathwayNode, { type: 'group' }>;
    expect(() => {
      (root.children as PathwayNode[]).push(badge('z'));
    }).to.throw(TypeError);
    expect(() => {
      (root.children[0] as { id: string }).id = 'renamed';
    }).to.throw(TypeError);
    expect(evaluatePathway(compiled, [earned('a', 1)], { asOf: AS_OF }).nodes.a!.state).to.equal('complete');
  });

  it('copies the input, so changing the caller\'s pathway afterwards changes nothing', () => {
    const mine = structuredClone(pathway);
    const compiled = compilePathway(mine);
    (mine.root as Extract<PathwayNode, { type: 'group' }>).children.push(badge('z'));
    expect(Object.keys(evaluatePathway(compiled, [], { asOf: AS_OF }).nodes)).to.not.include('z');
    expect(Object.isFrozen(mine.root)).to.equal(false);
  });

  it('trusts only handles it made: a look-alike object is validated like any input', () => {
    const compiled = compilePathway(pathway);
    expect(errorCode(() => evaluatePathway({ ...compiled } as never, [], { asOf: AS_OF }))).to.equal('pathway-invalid');
    // The validated copy inside a handle is an ordinary, valid pathway when passed on its own.
    expect(evaluatePathway(compiled.pathway, [earned('a', 1)], { asOf: AS_OF }).nodes.a!.state).to.equal('complete');
  });

  it('refuses an invalid pathway with pathway-invalid, as validatePathway does', () => {
    const broken = { id: 'p', version: '1', name: 'Broken', root: { type: 'group', id: 'g', min: 3, children: [badge('a')] } };
    expect(errorCode(() => compilePathway(broken))).to.equal('pathway-invalid');
    expect(errorCode(() => validatePathway(broken))).to.equal('pathway-invalid');
    expect(errorCode(() => compilePathway('not a pathway'))).to.equal('pathway-invalid');
  });

  it('still checks what comes with each evaluation: records and options', () => {
    const compiled = compilePathway(pathway);
    expect(errorCode(() => evaluatePathway(compiled, 'nope' as never, { asOf: AS_OF }))).to.equal('records-invalid');
    expect(errorCode(() => evaluatePathway(compiled, [], { asOf: 'yesterday' }))).to.equal('date-invalid');
    expect(errorCode(() => evaluatePathway(compiled, [], { learner: 'ada@example.org' }))).to.equal('learner-not-opaque');
  });
});
