import { ApiError, type ApiErrorInit } from './api-error.js';

/**
 * The server answered, but with something the client cannot trust: the wrong content type,
 * malformed JSON, or a field that is missing or of the wrong type. `field` names the first
 * offending field as a path (e.g. `credential.proof`), so a bad deployment is easy to find.
 *
 * @example
 * ```ts
 * import { InvalidResponseError } from '@citiesoflearning/client';
 * try { await col.credentials.get(key); }
 * catch (error) {
 *   if (error instanceof InvalidResponseError) console.error(`bad field: ${error.field}`);
 *   throw error;
 * }
 * ```
 */
export class InvalidResponseError extends ApiError {
  declare readonly code: 'invalid-response';
  /** Path of the offending field (`''` for the whole body). */
  declare readonly field?: string;

  constructor(message: string, field: string | undefined, init: ApiErrorInit = {}) {
    super('invalid-response', message, field === undefined ? init : { ...init, field });
  }
}
