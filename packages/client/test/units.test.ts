// The small pure pieces, in Node and Chromium.
import { describe, it, expect, errorCode } from '@col/harness';
import { ApiError, InvalidResponseError, RateLimitedError, isApiError, keyOf, newIdempotencyKey, parseLinkHeader, parseRetryAfter } from '@citiesoflearning/client';
import { isColError } from '@citiesoflearning/core';
import { paginate } from '../src/http/paginate.js';
import { array, either, nullable, object, string, url, ShapeError } from '../src/validate/schema.js';

describe('client units', () => {
  it('parseLinkHeader reads relations, quoted or not, resolving relative targets', () => {
    const links = parseLinkHeader('<https://h.example/c?offset=2&limit=2>; rel="next", </c?offset=0>; rel=first, <https://h.example/c?a=1,2>; rel="last prev"', 'https://h.example/c');
    expect(links).to.deep.equal({
      next: 'https://h.example/c?offset=2&limit=2',
      first: 'https://h.example/c?offset=0',
      last: 'https://h.example/c?a=1,2',
      prev: 'https://h.example/c?a=1,2',
    });
    expect(parseLinkHeader(null, 'https://h.example/')).to.deep.equal({});
    expect(parseLinkHeader('garbage, <x>; title="no rel"', 'https://h.example/')).to.deep.equal({});
  });

  it('parseRetryAfter reads seconds and HTTP dates, never negative', () => {
    const now = Date.parse('2026-11-29T00:00:00Z');
    expect(parseRetryAfter('120', now)).to.equal(120);
    expect(parseRetryAfter('Sun, 29 Nov 2026 00:01:00 GMT', now)).to.equal(60);
    expect(parseRetryAfter('Sat, 28 Nov 2026 00:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });

  it('keyOf accepts keys and id URLs, and encodes for paths', () => {
    expect(keyOf('https://b.example/api/v1/achievements/code-club-1')).to.equal('code-club-1');
    expect(keyOf('https://b.example/api/v1/credentials/-tQT_x/')).to.equal('-tQT_x');
    expect(keyOf('a b/c')).to.equal('a%20b%2Fc');
    expect(keyOf('did:web:b.example%3A8443:api:v1:issuers:river-scouts')).to.equal('river-scouts');
    // What cannot name a resource is the package's own error (key-of.test.ts has the rest).
    expect(errorCode(() => keyOf(''))).to.equal('key-invalid');
    expect(errorCode(() => keyOf('https://b.example/'))).to.equal('key-invalid');
  });

  it('idempotency keys are 128-bit, URL-safe and fresh', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()));
    expect(keys.size).to.equal(200);
    for (const key of keys) expect(key).to.match(/^[A-Za-z0-9_-]{22}$/);
  });

  it('errors are ColErrors with stable codes, recognisable across copies', () => {
    const error = new RateLimitedError('Slow down.', 30, { status: 429 });
    expect(error).to.be.instanceOf(ApiError);
    expect(isColError(error, 'rate-limited')).to.equal(true);
    expect(isApiError(error, 'rate-limited')).to.equal(true);
    expect(error.retryAfter).to.equal(30);
    const lookalike = Object.assign(new Error('x'), { name: 'ColError', code: 'not-found' });
    expect(isApiError(lookalike, 'not-found')).to.equal(true);
    expect(isApiError(Object.assign(new Error('x'), { name: 'ColError', code: 'png-truncated' }))).to.equal(false);
    expect(new InvalidResponseError('bad', 'a.b').field).to.equal('a.b');
  });

  it('schemas name the first wrong field as a path', () => {
    const schema = object({ id: url(), items: array(object({ name: string() })) }, { note: nullable(string()), kind: either(string(), array(string())) });
    expect(() => schema.parse({ id: 'https://x', items: [{ name: 'a' }, { name: 3 }] })).to.throw(ShapeError, 'items[1].name should be a string but is a number');
    expect(() => schema.parse({ id: 'not a url', items: [] })).to.throw(ShapeError, 'id should be an absolute URL but is a string');
    expect(() => schema.parse([])).to.throw(ShapeError, 'the response should be an object but is an array');
    expect(() => schema.parse({ id: 'https://x', items: [], kind: 4 })).to.throw(ShapeError, 'kind should be an array but is a number');
    const ok = { id: 'https://x', items: [], note: null, kind: ['a'], extra: true };
    expect(schema.parse(ok)).to.equal(ok);
  });

  it('paginate stops on an empty page or a repeated next link, and toArray honours max', async () => {
    let calls = 0;
    const looping = paginate(async () => {
      calls++;
      return { page: calls, items: [calls], next: 'same' };
    });
    expect(await looping.toArray()).to.deep.equal([1, 2]);
    calls = 0;
    const endless = paginate(async (cursor) => {
      calls++;
      const n = Number(cursor ?? 0);
      return { page: n, items: [n], next: String(n + 1) };
    });
    expect(await endless.toArray(5)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(calls).to.equal(5);
  });
});
