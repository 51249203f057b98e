// createDocumentCache refuses options it cannot honour with one ColError naming the option,
// rather than a RangeError, a crash on first use, or (for NaN) a cache that never stops growing.
import { describe, it, expect, errorCode, thrownError } from '@col/harness';
import { isColError } from '@citiesoflearning/core';
import { createDocumentCache, type DocumentCacheOptions } from '@citiesoflearning/verify';

describe('createDocumentCache options', () => {
  const bad: Array<[keyof DocumentCacheOptions, unknown]> = [
    ['ttlMs', -1],
    ['ttlMs', Number.NaN],
    ['ttlMs', '60000'],
    ['maxEntries', 0],
    ['maxEntries', Number.NaN],
    ['maxEntries', '10'],
    ['maxBytes', -5],
    ['maxBytes', Number.NaN],
    ['now', 1_700_000_000_000],
  ];
  for (const [option, value] of bad) {
    it(`refuses ${option}: ${String(value)} with cache-options-invalid naming the option`, () => {
      const make = () => createDocumentCache({ [option]: value } as DocumentCacheOptions);
      expect(errorCode(make)).to.equal('cache-options-invalid');
      const error = thrownError(make);
      expect(isColError(error, 'cache-options-invalid')).to.equal(true);
      expect(error.details).to.deep.equal({ option });
      expect(error.message).to.contain(`"${option}"`);
    });
  }

  it('accepts the limits at their edges (no caching at ttlMs 0, one entry, nothing over 0 bytes)', () => {
    const cache = createDocumentCache({ ttlMs: 0, maxEntries: 1, maxBytes: 0, now: () => new Date(0) });
    expect(cache.size).to.equal(0);
    expect(typeof cache.wrap(fetch)).to.equal('function');
  });
});
