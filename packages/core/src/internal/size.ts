import { ColError } from '../errors.js';

/** The `input-too-large` error, shared with other readers of untrusted input. */
export function tooLarge(maxBytes: number): ColError {
  return new ColError(
    'input-too-large',
    `This is too large to be a badge: the limit is ${formatBytes(maxBytes)}.`,
    { details: { maxBytes } },
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
