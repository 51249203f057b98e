// The server's own sources, read as text: the tests that hold the house rules (SQL only in the
// store, no route importing a route, no import circle, every error code listed) scan the same
// files the same way, so a rule cannot pass because its scan missed a folder.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The server's `src/` folder. */
export const SERVER_SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** One source file: its path relative to `src/` with `/` separators, and its text. */
export interface SourceFile {
  name: string;
  text: string;
}

/**
 * Every `.ts` file below `root` (default: the server's `src/`), in name order.
 *
 * @example
 * ```ts
 * for (const { name, text } of await readSources()) check(name, text);
 * ```
 */
export async function readSources(root = SERVER_SRC): Promise<SourceFile[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  return Promise.all(files.map(async (file) => ({ name: relative(root, file).split(sep).join('/'), text: await readFile(file, 'utf8') })));
}

/**
 * The lines of a source with comment lines blanked (TSDoc examples show imports and queries
 * that the code does not run).
 *
 * @example
 * ```ts
 * codeLines('/** db.prepare(…) *\/\nrun();'); // ['', 'run();'] (line numbers stay)
 * ```
 */
export function codeLines(text: string): string[] {
  return text.split('\n').map((line) => (/^\s*(\*|\/\/|\/\*)/.test(line) ? '' : line));
}

/**
 * The files a source imports from its own package (static, `export … from`, type-only and
 * dynamic imports), as names relative to `src/` (`'./x.js'` in `routes/a.ts` → `'routes/x.ts'`).
 *
 * @example
 * ```ts
 * localImports({ name: 'routes/a.ts', text: "import { b } from '../b.js';" }); // ['b.ts']
 * ```
 */
export function localImports(file: SourceFile): string[] {
  const specifiers = [...codeLines(file.text).join('\n').matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  const folder = file.name.includes('/') ? file.name.slice(0, file.name.lastIndexOf('/') + 1) : '';
  return [...new Set(specifiers.map((s) => new URL(s.replace(/\.js$/, '.ts'), `file:///${folder}`).pathname.slice(1)))];
}
