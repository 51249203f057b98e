// Start-up failures an operator can fix (a data directory the server cannot write, a port
// already taken, a short admin key) become a ColError with one plain sentence, which `colearn
// serve` prints without a stack trace before exiting with code 2. Anything else stays as it is:
// an unexpected error keeps its stack, because that is a bug to report.
import { ColError, isColError } from '@citiesoflearning/core';

const DATA_DIR_REASONS: Record<string, string> = {
  EACCES: "the server's user may not write there",
  EPERM: "the server's user may not write there",
  EROFS: 'it is on a read-only file system',
  ENOTDIR: 'part of that path is a file, not a directory',
  EEXIST: 'a file of that name is in the way',
  ENOENT: 'it does not exist and cannot be created',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  SQLITE_CANTOPEN: 'the database in it cannot be opened for writing',
  SQLITE_READONLY: 'the database in it is read-only',
  SQLITE_PERM: "the server's user may not write the database in it",
  SQLITE_FULL: 'the disk is full',
  SQLITE_NOTADB: 'col.sqlite in it is not a database',
  SQLITE_CORRUPT: 'the database in it is damaged',
};

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/**
 * The error to report when the data directory could not be opened: a `data-dir-unusable`
 * ColError naming the directory and why, or `error` itself when it is not about the directory.
 *
 * @example
 * ```ts
 * try { openDatabase(dir); } catch (error) { throw dataDirError(error, dir); }
 * ```
 */
export function dataDirError(error: unknown, dataDir: string): unknown {
  if (isColError(error)) return error;
  const code = codeOf(error);
  const reason = DATA_DIR_REASONS[code] ?? DATA_DIR_REASONS[code.replace(/_[A-Z_]+$/, '')] ?? (code.startsWith('SQLITE_IOERR') ? 'reading or writing it failed' : undefined);
  if (!reason) return error;
  return new ColError('data-dir-unusable', `The data directory ${dataDir} cannot be used: ${reason}. Choose another with --data, or fix its permissions.`, { cause: error });
}

/**
 * The error to report when the server could not listen: `port-in-use`, `port-forbidden` or
 * `host-unavailable` as a ColError, or `error` itself.
 *
 * @example
 * ```ts
 * server.once('error', (error) => reject(listenError(error, host, port)));
 * ```
 */
export function listenError(error: unknown, host: string, port: number): unknown {
  switch (codeOf(error)) {
    case 'EADDRINUSE':
      return new ColError('port-in-use', `Port ${port} on ${host} is already in use by another program; stop it or choose another port with --port.`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new ColError('port-forbidden', `This user may not listen on port ${port} (ports below 1024 need extra rights); choose another port with --port.`, { cause: error });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ColError('host-unavailable', `This machine has no address ${host} to listen on; check --host.`, { cause: error });
    default:
      return error;
  }
}
