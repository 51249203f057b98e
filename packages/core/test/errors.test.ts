// isColError is how programs (the CLI, the elements, a user's catch block) tell our expected
// failures from bugs: it must know every ColError, subclasses with their own name included, and
// nothing else that merely looks like one.
import { describe, it, expect } from '@col/harness';
import { ColError, isColError } from '@citiesoflearning/core';

class NamedSubclass extends ColError {
  constructor(readonly status: number) {
    super('png-truncated', 'The image ends early.');
    this.name = 'HttpError';
  }
}

describe('isColError', () => {
  it('knows a ColError, and checks its code when asked', () => {
    const error = new ColError('png-truncated', 'The image ends early.');
    expect(isColError(error)).to.equal(true);
    expect(isColError(error, 'png-truncated')).to.equal(true);
    expect(isColError(error, 'png-invalid')).to.equal(false);
  });

  it('knows a subclass that names itself differently (the server answers with HttpError)', () => {
    const error = new NamedSubclass(400);
    expect(error.name).to.equal('HttpError');
    expect(isColError(error)).to.equal(true);
    expect(isColError(error, 'png-truncated')).to.equal(true);
  });

  it('refuses errors that are not ours, even with a code', () => {
    const foreign = Object.assign(new Error('boom'), { code: 'ECONNRESET' });
    expect(isColError(foreign)).to.equal(false);
    expect(isColError(new TypeError('x'))).to.equal(false);
    expect(isColError({ name: 'ColError', code: 'png-truncated', message: 'not an Error' })).to.equal(false);
    expect(isColError(null)).to.equal(false);
  });

  it('knows a ColError made by another copy of the package (same name and shape)', () => {
    const copy = Object.assign(new Error('The image ends early.'), { name: 'ColError', code: 'png-truncated' });
    expect(isColError(copy, 'png-truncated')).to.equal(true);
  });
});
