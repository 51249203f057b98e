/**
 * The shared test harness. Suites import everything from here so the same file runs under
 * `node:test` in Node and mocha in Chromium (@web/test-runner).
 */
export type Done = () => void;
export type TestFn = () => void | Promise<void>;
export declare function describe(name: string, fn: () => void): void;
/** A suite skipped, with the reason reported, when `skip` is a string (e.g. `startPostgres()`'s `skipped`). */
export declare function describe(name: string, options: { skip?: string | false }, fn: () => void): void;
export declare function it(name: string, fn: TestFn): void;
export declare function before(fn: TestFn): void;
export declare function after(fn: TestFn): void;
export declare function beforeEach(fn: TestFn): void;
export declare function afterEach(fn: TestFn): void;
export { expect, assert } from 'chai';
/**
 * The stable `code` of the ColError `fn` throws, or `undefined` when it throws nothing; any other
 * error is rethrown (a crash never passes for an expected failure).
 */
export declare function errorCode(fn: () => unknown): string | undefined;
/** The ColError `fn` throws (to check its message and details); fails the test when none is. */
export declare function thrownError(fn: () => unknown): Error & { code: string; details?: Readonly<Record<string, unknown>> };
/**
 * The stable `code` of the ColError a promise (or an action, sync or async) rejects with; fails
 * the test when it resolves. Any other error is rethrown.
 */
export declare function rejectionCode(promiseOrAction: Promise<unknown> | (() => unknown)): Promise<string>;
/** `true` when running in the browser suite. */
export declare const isBrowser: boolean;
/** Bytes of a file under the repository's `fixtures/` (path relative to that folder). */
export declare function readFixture(path: string): Promise<Uint8Array>;
/** Text of a file under the repository's `fixtures/`. */
export declare function readFixtureText(path: string): Promise<string>;
/** Parsed JSON of a file under the repository's `fixtures/`. */
export declare function readFixtureJson<T = any>(path: string): Promise<T>;
/** Every file path (relative to the repository's `fixtures/`) under a folder there, sorted. */
export declare function listFixtures(folder: string): Promise<string[]>;
/** Bytes of a file relative to the repository root (e.g. `packages/core/test/data/x.png`). */
export declare function readRepoFile(path: string): Promise<Uint8Array>;
