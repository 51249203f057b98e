// Error codes are a typed union across the packages: core's registry, extended by verify and
// the client, so `isColError(error, code)` accepts every real code and a typo does not compile.
// Node and Chromium.
import { describe, it, expect } from '@col/harness';
import { isColError, type ColErrorCode } from '@citiesoflearning/core';
import { ApiError } from '@citiesoflearning/client';

describe('error codes are one typed union', () => {
  it('isColError takes codes from core, verify and the client, and matches the thrown code', () => {
    const apiError = new ApiError('rate-limited', 'Too many requests.', {});
    expect(isColError(apiError, 'rate-limited')).to.equal(true);
    expect(isColError(apiError, 'timeout')).to.equal(false);
    const codes: ColErrorCode[] = ['input-too-large', 'fetch-timeout', 'payload-too-large', 'ticket-lifetime-invalid'];
    expect(codes).to.have.length(4);
    // @ts-expect-error a code no package throws does not compile
    expect(isColError(apiError, 'rate-limitted')).to.equal(false);
  });
});
