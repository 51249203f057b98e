import { ColError } from '../errors.js';

/**
 * Default largest image {@link unbake} and {@link bake} accept: 50 MiB (badge images are
 * kilobytes). Larger input is refused with `input-too-large` before any byte is read.
 *
 * @example
 * ```ts
 * import { unbake, DEFAULT_MAX_IMAGE_BYTES } from '@citiesoflearning/core';
 * unbake(bytes, { maxBytes: DEFAULT_MAX_IMAGE_BYTES / 10 }); // a stricter limit for an upload form
 * ```
 */
export const DEFAULT_MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/**
 * The old name of {@link DEFAULT_MAX_IMAGE_BYTES}: three packages had a `DEFAULT_MAX_BYTES`, each
 * for something else.
 *
 * @deprecated Use `DEFAULT_MAX_IMAGE_BYTES`. This name goes in the next minor release.
 * @example
 * ```ts
 * DEFAULT_MAX_BYTES === DEFAULT_MAX_IMAGE_BYTES; // true
 * ```
 */
export const DEFAULT_MAX_BYTES = DEFAULT_MAX_IMAGE_BYTES;

/** Refuse oversized input before looking at a single byte of it. */
export function checkSize(length: number, maxBytes: number | undefined): void {
  const limit = maxBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  if (!(limit >= 0)) throw new ColError('option-invalid', 'maxBytes must be a number of bytes, zero or more.');
  if (length > limit) {
    throw new ColError(
      'input-too-large',
      `The image is ${length} bytes, more than the ${limit} bytes allowed for a badge image.`,
      { details: { length, maxBytes: limit } },
    );
  }
}
