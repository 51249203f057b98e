// Node side of the harness: node:test + chai, fixtures read from disk.
import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

export { describe, it, before, after, beforeEach, afterEach };
export { expect, assert } from 'chai';
export const isBrowser = false;
export { errorCode, rejectionCode, thrownError } from './shared.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixturesRoot = join(repoRoot, 'fixtures');

export async function readFixture(path) {
  return new Uint8Array(await readFile(join(fixturesRoot, path)));
}
export async function readFixtureText(path) {
  return readFile(join(fixturesRoot, path), 'utf8');
}
export async function readFixtureJson(path) {
  return JSON.parse(await readFixtureText(path));
}
export async function listFixtures(folder) {
  const base = join(fixturesRoot, folder);
  const entries = await readdir(base, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(fixturesRoot, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    .sort();
}
export async function readRepoFile(path) {
  return new Uint8Array(await readFile(join(repoRoot, path)));
}
