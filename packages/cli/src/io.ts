import { readFile } from 'node:fs/promises';
import { ColError } from '@citiesoflearning/core';

/** The most the CLI reads from a file or stdin: a baked image may be large, a badge is not. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/**
 * Reads a file path, or standard input for `-`, refusing anything over {@link MAX_INPUT_BYTES}.
 * Throws a ColError (`input-unreadable`, `input-too-large`) with a message naming the path.
 *
 * @example
 * ```ts
 * const bytes = await readInput('badge.png');
 * ```
 */
export async function readInput(path: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<Uint8Array> {
  if (path === '-') return readStream(stdin);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'it could not be read';
    throw new ColError('input-unreadable', `Cannot read ${path}: ${reason}.`, { cause: error });
  }
  if (bytes.byteLength > MAX_INPUT_BYTES) throw tooLarge(path);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.byteLength;
    if (size > MAX_INPUT_BYTES) throw tooLarge('standard input');
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function tooLarge(what: string): ColError {
  return new ColError('input-too-large', `${what} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB, which no badge needs.`);
}

/**
 * Reads and parses a JSON file given to an option (e.g. `--documents`), naming the option in errors.
 *
 * @example
 * ```ts
 * const documents = await readJsonOption('--documents', 'docs.json');
 * ```
 */
export async function readJsonOption(option: string, path: string): Promise<unknown> {
  const text = new TextDecoder().decode(await readInput(path));
  try {
    return JSON.parse(text);
  } catch {
    throw new ColError('usage', `${option} ${path}: the file is not valid JSON.`);
  }
}
