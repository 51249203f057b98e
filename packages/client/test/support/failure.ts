import { isApiError, type ApiError } from '@citiesoflearning/client';

/** The ApiError a call rejects with; fails the test when it succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
