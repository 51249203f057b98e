/**
 * Open Badges 2.0 and 3.0 wire types and the normalized {@link Badge} view.
 *
 * @packageDocumentation
 */
export * from './common.js';
export * from './ob2.js';
export * from './ob3.js';
export * from './badge.js';
