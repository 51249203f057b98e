import type { ApiErrorInit } from '../errors/api-error.js';
import { InvalidResponseError } from '../errors/invalid-response-error.js';
import { ShapeError, type Schema } from '../validate/schema.js';

/**
 * Turns a successful response's bytes into the value the caller was promised: strict UTF-8,
 * JSON when `expect` is `json`, then the shape check. Every failure is an `invalid-response`
 * error that says what was wrong (and, for a shape, which field).
 */
export function decodeBody<T>(bytes: Uint8Array, expect: 'json' | 'text', schema: Schema<T> | undefined, where: ApiErrorInit): T {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InvalidResponseError('The server answered with text that is not valid UTF-8.', '', { ...where, cause: error });
  }
  let value: unknown = text;
  if (expect === 'json') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new InvalidResponseError('The server answered with malformed JSON.', '', { ...where, cause: error });
    }
  }
  if (!schema) return value as T;
  try {
    return schema.parse(value);
  } catch (error) {
    if (error instanceof ShapeError) {
      throw new InvalidResponseError(`The server's answer is not what the API promises: ${error.message}.`, error.path, { ...where, cause: error });
    }
    throw error;
  }
}
