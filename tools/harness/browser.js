// Browser side of the harness: mocha globals (provided by @web/test-runner) + chai.
// Fixtures and repository files are served by the test runner, whose root is the repository.
export { expect, assert } from 'chai';
export const isBrowser = true;
export { errorCode, rejectionCode, thrownError } from './shared.js';

const g = globalThis;
// `describe(name, { skip: reason }, fn)` as node:test takes it; mocha has describe.skip instead.
export const describe = (name, options, fn) =>
  typeof options === 'function' ? g.describe(name, options) : options.skip ? g.describe.skip(`${name} (${options.skip})`, fn) : g.describe(name, fn);
export const it = (name, fn) => g.it(name, fn);
export const before = (fn) => g.before(fn);
export const after = (fn) => g.after(fn);
export const beforeEach = (fn) => g.beforeEach(fn);
export const afterEach = (fn) => g.afterEach(fn);

async function get(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`fixture ${url}: HTTP ${res.status}`);
  return res;
}
export async function readFixture(path) {
  return new Uint8Array(await (await get(`/fixtures/${path}`)).arrayBuffer());
}
export async function readFixtureText(path) {
  return (await get(`/fixtures/${path}`)).text();
}
export async function readFixtureJson(path) {
  return JSON.parse(await readFixtureText(path));
}
export async function listFixtures(folder) {
  const index = await (await get('/.test-results/fixtures-index.json')).json();
  return index.filter((p) => p.startsWith(folder.endsWith('/') ? folder : `${folder}/`));
}
export async function readRepoFile(path) {
  return new Uint8Array(await (await get(`/${path}`)).arrayBuffer());
}
