import { describe, it, expect, thrownError } from '@col/harness';
import {
  checkPathway,
  validatePathway,
  evaluateUntrustedPathway,
  PATHWAY_LIMITS,
  type PathwayIssue,
} from '@citiesoflearning/core';


const leaf = (id: string, extra: Record<string, unknown> = {}) => ({ type: 'badge', id, badge: { id: `urn:${id}` }, ...extra });
const wrap = (root: unknown, extra: Record<string, unknown> = {}) => ({ id: 'p', version: '1', name: 'P', root, ...extra });
const codes = (issues: PathwayIssue[]) => issues.map((issue) => issue.code);

describe('validatePathway', () => {
  it('returns a clean typed copy, dropping unknown fields', () => {
    const input = wrap(
      { type: 'group', id: 'root', min: 1, extra: 'dropped', children: [leaf('a', { points: 2, level: 'Engage', junk: 1 }), leaf('b')] },
      { description: 'About', policy: { expiry: 'validWhenCompleted' }, owner: { id: 'https://example.org' }, unknown: true },
    );
    const pathway = validatePathway(input);
    expect(pathway).to.deep.equal({
      id: 'p', version: '1', name: 'P', description: 'About', policy: { expiry: 'validWhenCompleted' }, owner: { id: 'https://example.org' },
      root: { type: 'group', id: 'root', min: 1, children: [
        { type: 'badge', id: 'a', badge: { id: 'urn:a' }, points: 2, level: 'Engage' },
        { type: 'badge', id: 'b', badge: { id: 'urn:b' } },
      ] },
    });
    expect(pathway).not.to.equal(input);
  });

  it('min too large: the error names the node and lists every issue', () => {
    const input = wrap({ type: 'group', id: 'root', children: [
      { type: 'group', id: 'step-3', min: 5, children: [leaf('a'), leaf('b'), leaf('c'), leaf('d'), leaf('e', { optional: true })] },
      { type: 'group', id: 'step-4', min: 2, children: [leaf('f')] },
    ] });
    const error = thrownError(() => validatePathway(input));
    expect(error.code).to.equal('pathway-invalid');
    expect(error.message).to.equal('This pathway is not valid. Node "step-3": min is 5 but it has only 4 required children. (and 1 more problem)');
    const issues = error.details!.issues as PathwayIssue[];
    expect(issues).to.deep.equal([
      { node: 'step-3', code: 'min-too-large', severity: 'error', field: 'min', limit: 4, message: 'Node "step-3": min is 5 but it has only 4 required children.' },
      { node: 'step-4', code: 'min-too-large', severity: 'error', field: 'min', limit: 1, message: 'Node "step-4": min is 2 but it has only 1 required child.' },
    ]);
    expect(checkPathway(input)).to.deep.equal(issues);
  });

  it('names the field and the limit, so an interface can word the problem in its own language', () => {
    const tooLong = checkPathway(wrap(leaf('a'), { name: 'x'.repeat(10_001) }));
    expect(tooLong).to.deep.include({ node: null, code: 'field-too-long', severity: 'error', field: 'name', limit: 10_000, message: 'The pathway: name is longer than 10000 characters.' });
    const tooMany = checkPathway(wrap(leaf('a', { badge: { id: 'urn:a', equivalents: Array.from({ length: 1001 }, (_, i) => `urn:n${i}`) } })));
    expect(tooMany.find((issue) => issue.code === 'field-too-long')).to.include({ node: 'a', field: 'equivalents', limit: 1000 });
    expect(checkPathway(wrap(leaf('a', { optional: 'yes' })))[0]).to.include({ node: 'a', code: 'field-invalid', field: 'optional' });
    expect(checkPathway(wrap(leaf('a')), { limits: { maxDepth: 0 } })[0]).to.include({ code: 'too-deep', limit: 0 });
  });

  it('empty group: a warning, not an error', () => {
    const issues = checkPathway(wrap({ type: 'group', id: 'root', children: [] }));
    expect(issues).to.deep.equal([{
      node: 'root', code: 'group-empty', severity: 'warning',
      message: 'Node "root": nothing in this group is required, so it counts as complete straight away.',
    }]);
    expect(() => validatePathway(wrap({ type: 'group', id: 'root', children: [] }))).not.to.throw();
  });

  it('rejects duplicate ids, unknown prerequisites and precedes, and a node that requires itself', () => {
    const issues = checkPathway(wrap({ type: 'group', id: 'root', children: [
      leaf('a'), leaf('a'), leaf('b', { prerequisites: ['nope'], precedes: ['gone'] }), leaf('c', { prerequisites: ['c'] }),
    ] }));
    expect(codes(issues)).to.deep.equal(['id-duplicate', 'prerequisites-unknown', 'precedes-unknown', 'prerequisites-self']);
    expect(issues[1]!.message).to.equal('Node "b": prerequisites names "nope", which is not a node of this pathway.');
  });

  it('a sequential group must require all its non-optional children', () => {
    const issues = checkPathway(wrap({ type: 'group', id: 'root', order: 'sequential', min: 1, children: [leaf('a'), leaf('b'), leaf('c', { optional: true })] }));
    expect(codes(issues)).to.deep.equal(['sequential-needs-all']);
    expect(checkPathway(wrap({ type: 'group', id: 'root', order: 'sequential', min: 2, children: [leaf('a'), leaf('b'), leaf('c', { optional: true })] }))).to.deep.equal([]);
  });

  it('minPoints beyond the points the children carry is unreachable', () => {
    const issues = checkPathway(wrap({ type: 'group', id: 'root', minPoints: 20, children: [leaf('a', { points: 5 }), leaf('b', { points: 10 })] }));
    expect(issues.map((i) => i.message)).to.deep.equal(['Node "root": minPoints is 20 but its children carry only 15 points.']);
  });
});

describe('validatePathway: cycles', () => {
  it('prerequisite cycle a → b → a, naming the nodes', () => {
    const error = thrownError(() => validatePathway(wrap({ type: 'group', id: 'root', children: [
      leaf('a', { prerequisites: ['b'] }), leaf('b', { prerequisites: ['a'] }), leaf('c'),
    ] })));
    const issues = error.details!.issues as PathwayIssue[];
    expect(codes(issues)).to.deep.equal(['prerequisite-cycle']);
    expect(issues[0]!.message).to.match(/^Node "(a|b)": its prerequisites can never be met: they form a cycle \("(a|b)" → "(a|b)" → "(a|b)"\)\.$/);
  });

  it('a prerequisite on its own ancestor or descendant is a cycle too', () => {
    const onAncestor = checkPathway(wrap({ type: 'group', id: 'root', children: [
      { type: 'group', id: 'g', children: [leaf('a', { prerequisites: ['g'] })] }, leaf('b'),
    ] }));
    expect(codes(onAncestor)).to.deep.equal(['prerequisite-cycle']);
    const onDescendant = checkPathway(wrap({ type: 'group', id: 'root', children: [
      { type: 'group', id: 'g', prerequisites: ['a'], children: [leaf('a')] },
    ] }));
    expect(codes(onDescendant)).to.deep.equal(['prerequisite-cycle']);
    // A long chain that closes on itself.
    const chain = Array.from({ length: 50 }, (_, k) => leaf(`n${k}`, { prerequisites: [`n${(k + 1) % 50}`] }));
    expect(codes(checkPathway(wrap({ type: 'group', id: 'root', children: chain })))).to.deep.equal(['prerequisite-cycle']);
  });

  it('a cycle of precedes hints is rejected', () => {
    const issues = checkPathway(wrap({ type: 'group', id: 'root', children: [leaf('a', { precedes: ['b'] }), leaf('b', { precedes: ['a'] })] }));
    expect(codes(issues)).to.deep.equal(['precedes-cycle']);
  });

  it('nested pathway cycles: itself, and A → B → A through the library', () => {
    const self = wrap({ type: 'group', id: 'root', children: [{ type: 'pathway', id: 'me', pathway: { id: 'p', version: '1' } }] });
    expect(codes(checkPathway(self))).to.deep.equal(['pathway-cycle']);
    const a = { id: 'a', version: '1', name: 'A', root: { type: 'group', id: 'root', children: [{ type: 'pathway', id: 'to-b', pathway: { id: 'b', version: '1' } }] } };
    const b = { id: 'b', version: '1', name: 'B', root: { type: 'group', id: 'root', children: [{ type: 'pathway', id: 'to-a', pathway: { id: 'a', version: '1' } }] } };
    const library = { 'a@1': a, 'b@1': b } as never;
    const issues = checkPathway(a, { pathways: library });
    expect(codes(issues)).to.deep.equal(['pathway-cycle']);
    expect(issues[0]!.message).to.equal('In pathway "b@1": Node "to-a": nests pathway "a@1", which (through its own nested pathways) includes this one.');
    expect(thrownError(() => evaluateUntrustedPathway(a, [], { pathways: library })).code).to.equal('pathway-invalid');
    // A different version is a different pathway: no cycle.
    const a2 = { ...a, version: '2' };
    expect(checkPathway(a2, { pathways: { 'b@1': { ...b, root: { ...b.root, children: [{ type: 'pathway', id: 'to-a', pathway: { id: 'a', version: '3' } }] } } } as never }))
      .to.deep.equal([{ node: 'to-a', code: 'pathway-unknown', severity: 'error', pathway: 'b@1', message: 'In pathway "b@1": Node "to-a": nests pathway "a@3", which is not among the known pathways.' }]);
  });
});

describe('validatePathway: hostile input', () => {
  it('100 000-deep nesting: a clear error, no stack overflow', () => {
    let node: Record<string, unknown> = leaf('bottom');
    for (let depth = 100_000; depth > 0; depth--) node = { type: 'group', id: `n${depth}`, children: [node] };
    const error = thrownError(() => validatePathway(wrap(node)));
    expect(error.code).to.equal('pathway-invalid');
    expect(error.message).to.equal(`This pathway is not valid. Node "n${PATHWAY_LIMITS.maxDepth + 1}": is nested more than 64 levels deep.`);
    expect(thrownError(() => evaluateUntrustedPathway(wrap(node), [])).code).to.equal('pathway-invalid');
  });

  it('more nodes than the limit: refused before walking them all', () => {
    const wide = wrap({ type: 'group', id: 'root', min: 1, children: Array.from({ length: 50 }, (_, k) => leaf(`l${k}`)) });
    expect(codes(checkPathway(wide, { limits: { maxNodes: 20 } }))).to.deep.equal(['too-many-nodes']);
    // A huge sparse array is refused by its length, without allocating for it.
    const sparse: unknown[] = [];
    sparse.length = 2 ** 31;
    expect(codes(checkPathway(wrap({ type: 'group', id: 'root', children: sparse })))).to.deep.equal(['too-many-nodes']);
  });

  it('a nested pathway step whose reference is null or not an object: reported, never a crash', () => {
    const input = { id: 'p', version: '1', name: 'P', root: { type: 'group', id: 'root', children: [
      { type: 'pathway', id: 'x', pathway: null }, { type: 'pathway', id: 'y', pathway: 'nope' },
    ] } };
    expect(checkPathway(input).map((issue) => `${issue.code} ${issue.node}`)).to.deep.equal(['field-invalid x', 'field-invalid y']);
    expect(thrownError(() => evaluateUntrustedPathway(input, [])).code).to.equal('pathway-invalid');
  });

  it('wrong types everywhere: every field reported, nothing thrown but the ColError', () => {
    for (const input of [null, 42, 'pathway', [], true]) {
      expect(codes(checkPathway(input))).to.deep.equal(['pathway-not-object']);
    }
    const issues = checkPathway({
      id: 7, version: null, name: ['x'], description: {}, policy: { expiry: 'forever', enforcePrerequisiteOrder: 'yes' },
      alignments: [{ targetName: 1 }],
      root: { type: 'group', id: 'root', min: -1, minPoints: 'lots', order: 'random', optional: 'no', children: [
        { type: 'badge', id: 'a', badge: 'urn:a', maxAgeDays: Infinity, acceptPending: 1 },
        { type: 'evidence', id: 'e', prompt: '', review: 'boss' },
        { type: 'pathway', id: 'q', pathway: { id: 'q' } },
        { type: 'activity', id: 'act', activity: { id: 5 } },
        { type: 'rocket', id: 'r' },
        { id: 'untyped' },
        'not a node',
        { type: 'badge', badge: { id: 'urn:x' } },
        { type: 'badge', id: 'z', badge: { id: 'urn:z', equivalents: 'urn:y' }, prerequisites: 'a', title: 3, points: -2 },
        { type: 'group', id: 'g', children: 'none' },
      ] },
    });
    expect(issues.every((i) => i.severity === 'error')).to.equal(true);
    const messages = issues.map((i) => i.message);
    for (const expected of [
      'The pathway: id must be non-empty text.',
      'The pathway: version must be non-empty text.',
      'The pathway: name must be non-empty text.',
      'The pathway: expiry must be one of validNow, validWhenCompleted.',
      'The pathway: enforcePrerequisiteOrder must be true or false.',
      'The pathway: targetName must be non-empty text.',
      'Node "root": min must be a whole number of 0 or more.',
      'Node "root": minPoints must be a number of 0 or more.',
      'Node "root": order must be one of any, sequential.',
      'Node "root": optional must be true or false.',
      'Node "a": badge must be an object.',
      'Node "a": maxAgeDays must be a number of 0 or more.',
      'Node "e": prompt must be non-empty text.',
      'Node "e": review must be one of self, peer, organiser.',
      'Node "q": version must be non-empty text.',
      'Node "act": id must be non-empty text.',
      'Node "r": type must be one of badge, activity, evidence, pathway, group.',
      'Node "untyped": type must be one of badge, activity, evidence, pathway, group.',
      'The node at root.children[6]: is not a node object.',
      'The node at root.children[7]: id must be non-empty text.',
      'Node "z": equivalents must be a list of ids.',
      'Node "z": prerequisites must be a list of ids.',
      'Node "z": title must be non-empty text.',
      'Node "z": points must be a number of 0 or more.',
      'Node "g": children must be a list of nodes.',
    ]) {
      expect(messages).to.include(expected);
    }
    expect(thrownError(() => validatePathway({ root: 5 })).code).to.equal('pathway-invalid');
  });

  it('caps the number of issues listed', () => {
    const issues = checkPathway(wrap({ type: 'group', id: 'root', children: Array.from({ length: 5000 }, (_, k) => ({ id: `x${k}` })) }));
    expect(issues.length).to.equal(PATHWAY_LIMITS.maxIssues + 1);
    expect(issues[issues.length - 1]).to.deep.equal({ node: null, code: 'too-many-issues', severity: 'error', message: 'The pathway: 4900 more problems were found and not listed.' });
  });

  it('a node object that appears twice (a loop in the tree) is reported, not walked forever', () => {
    const root: Record<string, unknown> = { type: 'group', id: 'root', children: [] };
    (root.children as unknown[]).push(leaf('a'), root);
    expect(codes(checkPathway(wrap(root)))).to.include('node-repeated');
  });

  it('`__proto__` as a node id is valid and pollutes nothing', () => {
    const input = JSON.parse('{"id":"p","version":"1","name":"P","root":{"type":"group","id":"root","children":[{"type":"badge","id":"__proto__","badge":{"id":"urn:a"}},{"type":"badge","id":"b","badge":{"id":"urn:b"},"prerequisites":["__proto__"]}]}}');
    const pathway = validatePathway(input);
    expect(pathway.root.type === 'group' && pathway.root.children[0]!.id).to.equal('__proto__');
    expect(({} as Record<string, unknown>).type).to.equal(undefined);
    const dup = JSON.parse('{"id":"p","version":"1","name":"P","root":{"type":"group","id":"root","children":[{"type":"badge","id":"__proto__","badge":{"id":"urn:a"}},{"type":"badge","id":"__proto__","badge":{"id":"urn:b"}}]}}');
    expect(codes(checkPathway(dup))).to.deep.equal(['id-duplicate']);
  });
});

describe('checkPathway: naming a node that has no id', () => {
  it('names it by its place in the tree, so an author can find it', () => {
    const issues = checkPathway({
      id: 'p', version: '1', name: 'Paths',
      root: {
        type: 'group', id: 'root',
        children: [
          'not a node',
          { type: 'group', id: 'g', children: [{ type: 'badge', badge: { id: 'urn:x' } }, { type: 'badge', id: 'ok', badge: { id: 'urn:y' } }] },
        ],
      },
    });
    expect(issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.node, issue.code])).to.deep.equal([
      ['$.root.children[0]', 'node-invalid'],
      ['$.root.children[1].children[0]', 'field-invalid'],
    ]);
  });
});
