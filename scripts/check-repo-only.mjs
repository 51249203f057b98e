#!/usr/bin/env node
// A clone has only the repository: no test, config or script may reach for a folder beside it
// (the web-test-runner config once read fixtures from a sibling folder, and 250 tests failed in
// a fresh clone). `.ci/run` proves it by running everything in a copy with nothing beside it; this check
// catches the mistake in any checkout, before it gets that far, and names the file and line.
//
// It reads the code and configuration (not data or docs) and flags every relative path written
// as `../…` whose target, taken from the file's own folder, lies outside the repository.
// Exit 0 clean, 1 with the offending lines.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Dependencies, build output and generated files are not ours to check; fixtures and test data
// are data (a JSON document may well contain "../" in a URL path it tests).
const SKIP = new Set(['node_modules', '.git', 'dist', 'site', 'vendor', 'cdn', '.test-results', '.col-data', 'fixtures', 'data']);
const CODE = /\.(?:[cm]?[jt]s|json|sh)$/;

/** Each `../…` path in `text` (a file in `folder`) that resolves outside `repo`, with its line. */
export function pathsOutside(text, folder, repo) {
  const found = [];
  for (const match of text.matchAll(/(?<![\w.])(?:\.\.\/)+[\w.@-]*(?:\/[\w.@-]+)*/g)) {
    const target = resolve(folder, match[0]);
    const fromRoot = relative(repo, target);
    if (fromRoot === '..' || fromRoot.startsWith(`..${sep}`)) {
      found.push({ line: text.slice(0, match.index).split('\n').length, path: match[0] });
    }
  }
  return found;
}

function codeFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : codeFiles(path);
    return CODE.test(entry.name) || path === join(root, '.ci', 'run') ? [path] : [];
  });
}

// The check must be able to fail: a line like the one that once broke every fresh clone is caught.
const planted = pathsOutside("const fixtures = resolve(repoRoot, '../beside/fixtures');", root, root);
if (planted.length !== 1 || planted[0].path !== '../beside/fixtures') {
  console.error('check-repo-only: the check no longer recognises "../beside/fixtures"; fix the check.');
  process.exit(1);
}

const problems = codeFiles(root).flatMap((file) =>
  pathsOutside(readFileSync(file, 'utf8'), dirname(file), root).map((p) => `${relative(root, file).split(sep).join('/')}:${p.line}: ${p.path} is outside the repository`));
if (problems.length) {
  console.error(`A clone has nothing beside it; these paths reach outside the repository:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('repository only: no code or configuration reaches outside the repository');
