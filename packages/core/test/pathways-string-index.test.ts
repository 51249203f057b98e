// The table that numbers node ids in a pathway check: it must agree with a Map on every input,
// and crafted collisions must make it give up (so the caller uses a Map), never slow it down.
import { describe, it, expect } from '@col/harness';
import fc from 'fast-check';
import { hashOf, StringIndex } from '../src/pathways/string-index.js';
import { Strings } from '../src/pathways/strings.js';
import { indexRecords, PENDING } from '../src/pathways/records.js';
import { inspectPathway } from '../src/pathways/validate.js';
import { checkPathway, evaluatePathway, type Pathway } from '@citiesoflearning/core';

describe('StringIndex', () => {
  it('numbers strings as a Map would, first come first numbered', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 300 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 50 }), (keys, probes) => {
      const index = new StringIndex();
      const map = new Map<string, number>();
      for (const key of keys) {
        if (!map.has(key)) map.set(key, map.size);
        expect(index.add(key)).to.equal(map.get(key));
      }
      expect(index.size).to.equal(map.size);
      for (const key of [...keys, ...probes]) expect(index.get(key)).to.equal(map.get(key));
      expect(index.overloaded).to.equal(false);
    }), { numRuns: 200 });
  });

  it('holds 100 000 ids through every growth', () => {
    const index = new StringIndex();
    for (let k = 0; k < 100_000; k++) expect(index.add(`leaf-${k}`)).to.equal(k);
    expect(index.get('leaf-99999')).to.equal(99_999);
    expect(index.get('leaf-100000')).to.equal(undefined);
  });

  it('numbers the same with room reserved up front, and lists its keys in number order', () => {
    const index = new StringIndex();
    index.reserve(1000);
    const keys = Array.from({ length: 1500 }, (_, k) => `id-${k % 1200}`);
    for (const key of keys) index.add(key);
    expect(index.size).to.equal(1200);
    expect(index.list().toArray()).to.deep.equal(Array.from({ length: 1200 }, (_, k) => `id-${k}`));
    expect(index.get('id-1199')).to.equal(1199);
    expect(index.get('id-1200')).to.equal(undefined);
    index.reserve(5000); // too late: keys are in it, so nothing changes
    expect(index.add('id-7')).to.equal(7);
    expect(index.add('new')).to.equal(1200);
  });

  it('gives up on keys crafted to collide, instead of probing on and on', () => {
    // With a known seed, keep the keys whose hashes share their low 12 bits: they all want the same slot.
    const seed = 12345;
    const crowded: string[] = [];
    for (let k = 0; crowded.length < 200; k++) if ((hashOf(`k${k}`, seed) & 4095) === 7) crowded.push(`k${k}`);
    const index = new StringIndex(seed);
    for (const key of crowded) index.add(key);
    expect(index.overloaded).to.equal(true);
  });
});

describe('Strings (ids and missing ids in chunks)', () => {
  it('keeps every string in place across chunks, with room reserved or not, and cuts where told', () => {
    for (const capacity of [0, 5, 20_000]) {
      const list = new Strings(capacity);
      for (let k = 0; k < 20_000; k++) list.set(k, `s${k}`);
      expect(list.length).to.equal(20_000);
      expect([list.at(0), list.at(8191), list.at(8192), list.at(16_384), list.at(19_999)]).to.deep.equal(['s0', 's8191', 's8192', 's16384', 's19999']);
      list.truncate(8193);
      expect(list.toArray()).to.deep.equal(Array.from({ length: 8193 }, (_, k) => `s${k}`));
      list.set(8193, 'again'); // written in order after a cut, as the walk does
      expect(list.at(8193)).to.equal('again');
      list.truncate(8192);
      expect(list.length).to.equal(8192);
      list.truncate(0);
      expect(list.toArray()).to.deep.equal([]);
    }
  });
});

describe('a pathway check with many ids', () => {
  it('finds a duplicate id among 20 000, and resolves prerequisites by id', () => {
    const children = Array.from({ length: 20_000 }, (_, k) => ({ type: 'badge', id: `b${k}`, badge: { id: `urn:${k}` } }));
    const pathway = { id: 'p', version: '1', name: 'P', root: { type: 'group', id: 'root', min: 1, children } } as unknown as Pathway;
    expect(checkPathway(pathway)).to.deep.equal([]);
    const withPrerequisite = structuredClone(pathway);
    (withPrerequisite.root as unknown as { children: Array<Record<string, unknown>> }).children[5]!.prerequisites = ['b19999'];
    const result = evaluatePathway(withPrerequisite, [{ achievement: 'urn:19999', issuedOn: '2026-01-01T00:00:00Z', status: 'claimed' }], { asOf: '2026-02-01T00:00:00Z' });
    expect(result.nodes['b5']!.locked).to.equal(undefined);
    expect(evaluatePathway(pathway, [], { asOf: '2026-02-01T00:00:00Z' }).nextSteps[0]!.node).to.equal('b0');
    const duplicated = structuredClone(pathway);
    (duplicated.root as unknown as { children: Array<Record<string, unknown>> }).children[19_999]!.id = 'b3';
    expect(checkPathway(duplicated).map((issue) => `${issue.code} ${issue.node}`)).to.deep.equal(['id-duplicate b3']);
  });
});

describe('indexRecords with crafted achievement ids', () => {
  it('moves to a Map when the table gives up, and still answers every achievement with its records in order', () => {
    const seed = 12345;
    const crowded: string[] = [];
    for (let k = 0; crowded.length < 200; k++) if ((hashOf(`k${k}`, seed) & 4095) === 7) crowded.push(`k${k}`);
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();
    // Two records per achievement, the second far later in the list than the first (after the switch).
    const records = [...crowded.map((a, k) => ({ achievement: a, issuedOn: day(k), status: 'claimed' })),
      ...crowded.map((a, k) => ({ achievement: a, issuedOn: day(k + 300), status: 'pending' }))];
    const numbers = new StringIndex(seed);
    const held = indexRecords(records, [], numbers);
    expect(numbers.overloaded).to.equal(true);
    crowded.forEach((achievement, k) => {
      const found: Array<[number, boolean]> = [];
      for (let at = held.first(achievement); at >= 0; at = held.next[at]!) found.push([held.issued[at]!, (held.flags[at]! & PENDING) !== 0]);
      expect(found).to.deep.equal([[Date.parse(day(k)), false], [Date.parse(day(k + 300)), true]]);
    });
    expect(held.first('k-not-there')).to.equal(-1);
  });
});

describe('a pathway check whose ids overload the table', () => {
  it('walks again with a Map and comes to the same pathway, issues and order', () => {
    const seed = 12345;
    const crowded: string[] = [];
    for (let k = 0; crowded.length < 200; k++) if ((hashOf(`k${k}`, seed) & 4095) === 7) crowded.push(`k${k}`);
    const children = crowded.map((id, k) => ({ type: 'badge', id, badge: { id: `urn:${id}` }, ...(k === 3 ? { prerequisites: [crowded[150]] } : {}) }));
    const pathway = { id: 'p', version: '1', name: 'P', root: { type: 'group', id: 'root', min: 2, children } };
    const numbers = new StringIndex(seed);
    const crafted = inspectPathway(pathway, {}, false, numbers);
    expect(numbers.overloaded, 'the crafted ids overloaded the table').to.equal(true);
    const plain = inspectPathway(pathway, {}, false);
    expect(crafted.issues).to.deep.equal(plain.issues);
    expect(crafted.compiled!.ids.toArray()).to.deep.equal(plain.compiled!.ids.toArray());
    expect([...crafted.compiled!.order]).to.deep.equal([...plain.compiled!.order]);
    expect(crafted.compiled!.prerequisites[4]).to.deep.equal([151]);
    expect(crafted.compiled!.indexOf.get(crowded[199]!)).to.equal(200);
  });
});
