// Helpers shared by the Node and browser sides of the harness.

/**
 * The stable `code` of the ColError `fn` throws; `undefined` when it throws nothing. Any other
 * error is rethrown, so a crash never passes for an expected failure. (Recognises ColError by
 * its shape, as `isColError` does, so the harness needs no package import.)
 */
export function errorCode(fn) {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error && error.name === 'ColError' && typeof error.code === 'string') return error.code;
    throw error;
  }
  return undefined;
}

/** The ColError `fn` throws (to check its message and details); fails when it throws none. */
export function thrownError(fn) {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error && error.name === 'ColError' && typeof error.code === 'string') return error;
    throw error;
  }
  throw new Error('expected a ColError, but nothing was thrown');
}

/**
 * The stable `code` of the ColError a promise (or an action, sync or async) rejects with; fails
 * when it resolves. Any other error is rethrown.
 */
export async function rejectionCode(promiseOrAction) {
  try {
    await (typeof promiseOrAction === 'function' ? promiseOrAction() : promiseOrAction);
  } catch (error) {
    if (error instanceof Error && error.name === 'ColError' && typeof error.code === 'string') return error.code;
    throw error;
  }
  throw new Error('expected a ColError, but it succeeded');
}
