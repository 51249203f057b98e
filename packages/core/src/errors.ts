/**
 * The one error class every Cities of Learning package throws for expected failures.
 *
 * `code` is stable and meant for programs (switch on it); `message` is plain language meant
 * for people. Expected failures never carry a stack trace to the user: print `message`.
 *
 * @example
 * ```ts
 * import { ColError, unbake } from '@citiesoflearning/core';
 * try {
 *   unbake(bytes);
 * } catch (error) {
 *   if (error instanceof ColError && error.code === 'png-truncated') showRetry(error.message);
 *   else throw error;
 * }
 * ```
 */
export class ColError extends Error {
  /** Stable, kebab-case identifier of what went wrong, e.g. `png-crc-mismatch`. */
  readonly code: string;
  /** Optional machine-readable context (never personal data). */
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ColError';
    this.code = code;
    if (options.details) this.details = Object.freeze({ ...options.details });
  }
}

/**
 * Whether `value` is a {@link ColError}, optionally with a given code. Works across copies of
 * the package (bundled twice, different realms) because it checks the shape, not the prototype.
 *
 * @example
 * ```ts
 * if (isColError(error, 'input-too-large')) tellUser(error.message);
 * ```
 */
export function isColError(value: unknown, code?: string): value is ColError {
  return (
    value instanceof Error &&
    typeof (value as Partial<ColError>).code === 'string' &&
    value.name === 'ColError' &&
    (code === undefined || (value as ColError).code === code)
  );
}
