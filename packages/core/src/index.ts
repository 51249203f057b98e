/**
 * `@citiesoflearning/core` — the badge data layer: Open Badges 2.0/3.0 and pathway types,
 * detection and normalization of any badge input, baking, recipient hashing and pathway
 * evaluation. No dependencies, no DOM, no network.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export * from './types/index.js';
export * from './json.js';
export * from './detect.js';
export * from './normalize.js';
export * from './recipient.js';
export * from './baking/index.js';
export * from './pathways/index.js';
