/**
 * Every error code a {@link ColError} is known to carry, as a registry: core lists its own, and
 * each package adds its codes by declaration merging (as lib.dom's `HTMLElementTagNameMap` is
 * extended), so {@link isColError}`(error, code)` accepts exactly the codes that exist and a
 * typo does not compile.
 *
 * @example
 * ```ts
 * // In a package that throws its own codes:
 * declare module '@citiesoflearning/core' {
 *   interface ColErrorCodes { 'my-code': true }
 * }
 * ```
 */
export interface ColErrorCodes {
  'already-baked': true;
  'badge-duplicate': true;
  'badge-empty': true;
  'badge-invalid': true;
  'badge-not-embedded': true;
  'badge-text-invalid': true;
  'credential-invalid': true;
  'date-invalid': true;
  'hash-algorithm-unsupported': true;
  'image-not-baked': true;
  'image-unsupported': true;
  'input-too-large': true;
  'input-unrecognized': true;
  'json-invalid': true;
  'json-too-deep': true;
  'jws-malformed': true;
  'learner-not-opaque': true;
  'navigatr-invalid': true;
  'option-invalid': true;
  'pathway-invalid': true;
  'pathway-not-navigatr': true;
  'png-badge-compressed': true;
  'png-crc-mismatch': true;
  'png-invalid': true;
  'png-missing-iend': true;
  'png-truncated': true;
  'recipient-invalid': true;
  'records-invalid': true;
  'svg-entities-forbidden': true;
  'svg-invalid': true;
}

/**
 * A stable error code of any Cities of Learning package (the keys of {@link ColErrorCodes}).
 *
 * @example
 * ```ts
 * const retryable: ColErrorCode[] = ['fetch-timeout', 'fetch-failed'];
 * ```
 */
export type ColErrorCode = keyof ColErrorCodes;

/**
 * Marks every ColError, subclasses included (a server's `HttpError` names itself differently).
 * A registered symbol, so two copies of this package (bundled twice, another realm) agree on it.
 */
const COL_ERROR_BRAND = Symbol.for('@citiesoflearning/core/ColError');

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
Object.defineProperty(ColError.prototype, COL_ERROR_BRAND, { value: true });

/**
 * Whether `value` is a {@link ColError} (or a subclass such as the server's `HttpError`),
 * optionally with a given code. Works across copies of the package (bundled twice, different
 * realms) because it checks a registered brand and the shape, not the prototype.
 *
 * @example
 * ```ts
 * if (isColError(error, 'input-too-large')) tellUser(error.message);
 * ```
 */
export function isColError(value: unknown, code?: ColErrorCode): value is ColError {
  return (
    value instanceof Error &&
    typeof (value as Partial<ColError>).code === 'string' &&
    (value.name === 'ColError' || (value as unknown as Record<symbol, unknown>)[COL_ERROR_BRAND] === true) &&
    (code === undefined || (value as ColError).code === code)
  );
}
