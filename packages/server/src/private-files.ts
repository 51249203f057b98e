// The data directory holds the signing key, learners' (hashed) identities and every credential:
// only the server's own user may read it, whatever umask it runs under and whether or not the
// directory already existed (mkdir's `mode` is ignored for an existing one).
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * Create `dir` (and parents) when needed and make it private: 0700, or less when its owner
 * took rights away.
 *
 * @example
 * ```ts
 * privateDirectory('/var/lib/col'); // drwx------
 * ```
 */
export function privateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  ownerOnly(dir, 0o700);
}

/** Clear the group and other bits (never add any: a directory made read-only stays so). */
function ownerOnly(path: string, mask: number): void {
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) chmodSync(path, mode & mask);
}

/**
 * Make each existing file in `files` private (0600, or less); with `create`, create the first one (empty) when it
 * is missing, so it never exists with looser permissions, even for a moment.
 *
 * @example
 * ```ts
 * privateFiles(['/var/lib/col/col.sqlite', '/var/lib/col/col.sqlite-wal'], { create: true });
 * ```
 */
export function privateFiles(files: string[], { create = false } = {}): void {
  files.forEach((file, i) => {
    if (create && i === 0 && !existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    if (existsSync(file)) ownerOnly(file, 0o600);
  });
}
