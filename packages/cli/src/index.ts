/**
 * `@citiesoflearning/cli` — the `colearn` command. Import `main` to run it in-process.
 *
 * @packageDocumentation
 */
export { main } from './main.js';
export { VerifyExit } from './commands/verify.js';
export type { Output } from './output.js';
