import { describe, it, expect, errorCode, thrownError } from '@col/harness';
import fc from 'fast-check';
import { parseJson, isColError, ColError, DEFAULT_MAX_JSON_BYTES } from '@citiesoflearning/core';


describe('parseJson', () => {
  it('parses ordinary JSON like JSON.parse', () => {
    const text = '{"a": [1, 2.5e3, -0.1, true, false, null, "x\\u00e9\\n"], "b": {"c": {}}}';
    expect(parseJson(text)).to.deep.equal(JSON.parse(text));
    expect(parseJson(' 42 ')).to.equal(42);
    expect(parseJson('"cymraeg ŵ 😀"')).to.equal('cymraeg ŵ 😀');
  });

  it('drops __proto__ keys without polluting Object.prototype or changing the prototype', () => {
    const parsed = parseJson('{"__proto__": {"polluted": 1}, "a": {"__proto__": {"polluted": 2}, "b": 1}}') as Record<string, any>;
    expect(({} as any).polluted).to.equal(undefined);
    expect(Object.getPrototypeOf(parsed)).to.equal(Object.prototype);
    expect(Object.getPrototypeOf(parsed.a)).to.equal(Object.prototype);
    expect(parsed.polluted).to.equal(undefined);
    expect(Object.keys(parsed)).to.deep.equal(['a']);
    expect(parsed.a).to.deep.equal({ b: 1 });
    // A merge of the parsed value still cannot pollute.
    const merged = Object.assign({}, parsed, parsed.a);
    expect((merged as any).polluted).to.equal(undefined);
    expect(({} as any).polluted).to.equal(undefined);
  });

  it('drops constructor and prototype keys, also inside arrays', () => {
    const parsed = parseJson('[{"constructor": {"prototype": {"x": 1}}, "prototype": 1, "keep": "yes"}]') as any[];
    expect(parsed).to.deep.equal([{ keep: 'yes' }]);
    expect(parsed[0].constructor).to.equal(Object);
  });

  it('drops unsafe keys spelt with \\u escapes', () => {
    const parsed = parseJson('{"__pro\\u0074o__": {"polluted": 1}, "c\\u006fnstructor": 2, "keep": 3}') as Record<string, unknown>;
    expect(Object.keys(parsed)).to.deep.equal(['keep']);
    expect(Object.getPrototypeOf(parsed)).to.equal(Object.prototype);
  });

  it('counts only real nesting toward maxDepth: brackets inside text (after escaped quotes too) do not count', () => {
    const text = '{"a": "[[[{{{", "b\\\\": "\\"[[[[", "c": [["\\\\"]]}';
    expect(parseJson(text, { maxDepth: 3 })).to.deep.equal(JSON.parse(text));
    expect(errorCode(() => parseJson(text, { maxDepth: 2 }))).to.equal('json-too-deep');
    // The depth error says where the nesting went too deep, as the scanner always has.
    const error = thrownError(() => parseJson('{"a":[{"b":[1]}]}', { maxDepth: 3 }));
    expect(error.details).to.deep.equal({ maxDepth: 3, position: 11 });
  });

  it('refuses exactly the JSON nested deeper than maxDepth (arbitrary JSON, text full of brackets and escapes)', () => {
    const depthOf = (value: unknown): number =>
      typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
    const text = fc.oneof(fc.json({ maxDepth: 6 }), fc.json({ maxDepth: 4, stringUnit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a') }));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 7 }), (json, maxDepth) => {
        const tooDeep = depthOf(JSON.parse(json)) > maxDepth;
        if (tooDeep) expect(errorCode(() => parseJson(json, { maxDepth })), json).to.equal('json-too-deep');
        else expect(() => parseJson(json, { maxDepth }), json).to.not.throw();
      }),
      { numRuns: 500 },
    );
  });

  it('reports invalid JSON with line and column', () => {
    try {
      parseJson('{\n  "a": 1,\n  "b": tru\n}');
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(ColError);
      const e = error as ColError;
      expect(e.code).to.equal('json-invalid');
      expect(e.details).to.include({ line: 3, column: 8 });
      expect(e.message).to.match(/line 3, column 8/);
    }
  });

  it('rejects garbage, trailing data, empty input, bad escapes and control characters', () => {
    for (const text of ['', '   ', 'hello', '{"a":1} x', '{a:1}', "{'a':1}", '[1,]', '{"a":1,}', '01', '1.', '"\\x"', '"a\nb"', '"open', '[1 2]', 'NaN', '{"a" 1}', '\u0000']) {
      expect(errorCode(() => parseJson(text)), JSON.stringify(text)).to.equal('json-invalid');
    }
  });

  it('refuses 50 MB quickly with input-too-large, and honours maxBytes in UTF-8 bytes', () => {
    const huge = '['.padEnd(50 * 1024 * 1024, ' ');
    const started = Date.now();
    expect(errorCode(() => parseJson(huge))).to.equal('input-too-large');
    expect(Date.now() - started).to.be.lessThan(100);
    expect(errorCode(() => parseJson('"ééé"', { maxBytes: 6 }))).to.equal('input-too-large'); // 8 bytes
    expect(parseJson('"éé"', { maxBytes: 6 })).to.equal('éé');
    expect(DEFAULT_MAX_JSON_BYTES).to.equal(5 * 1024 * 1024);
  });

  it('refuses deep nesting with json-too-deep and no stack overflow', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(errorCode(() => parseJson(deep))).to.equal('json-too-deep');
    expect(errorCode(() => parseJson('{"a":{"b":{}}}', { maxDepth: 2 }))).to.equal('json-too-deep');
    expect(parseJson('{"a":{"b":{}}}', { maxDepth: 3 })).to.deep.equal({ a: { b: {} } });
    // Unclosed deep input still gets the depth error rather than a crash.
    expect(errorCode(() => parseJson('{"a":'.repeat(10_000)))).to.equal('json-too-deep');
  });

  it('fails fast on long unterminated strings (no regex backtracking blow-up)', () => {
    for (const text of [`"${'a'.repeat(200_000)}`, `{"k": "${'ab\\n'.repeat(50_000)}x`, `["${'é'.repeat(100_000)}\u0001"]`]) {
      const started = Date.now();
      expect(errorCode(() => parseJson(text))).to.equal('json-invalid');
      expect(Date.now() - started).to.be.lessThan(500);
    }
  });

  it('never throws anything but ColError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        try {
          parseJson(text);
        } catch (error) {
          if (!isColError(error)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on arbitrary JSON (minus unsafe keys)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json({ maxDepth: 6 }), fc.json({ maxDepth: 3, stringUnit: 'binary' })), (text) => {
        const expected = JSON.parse(text, (key, value) => (['__proto__', 'constructor', 'prototype'].includes(key) ? undefined : value));
        expect(parseJson(text)).to.deep.equal(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts text JSON.parse accepts and refuses text it refuses (mutated JSON)', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\\', '\n', '\u0001', '\\u12', '-', '.', 'e', '0', ' '), (text, at, insert) => {
        const pos = at % (text.length + 1);
        const mutated = text.slice(0, pos) + insert + text.slice(pos);
        let native = true;
        try {
          JSON.parse(mutated);
        } catch {
          native = false;
        }
        let ours = true;
        try {
          parseJson(mutated);
        } catch (error) {
          if (!isColError(error, 'json-invalid')) throw error;
          ours = false;
        }
        expect(ours, mutated).to.equal(native);
      }),
      { numRuns: 500 },
    );
  });
});
