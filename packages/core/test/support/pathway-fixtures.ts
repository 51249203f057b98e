// Building blocks for the pathway suites: a fixed calendar, badge steps and earned records.
import type { EarnedRecord, PathwayNode } from '@citiesoflearning/core';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** ISO instant `days` after 1 January 2026 (fractions allowed). */
export const at = (days: number): string => new Date(T0 + days * DAY).toISOString();

/** The instant the suites evaluate at: day 100. */
export const AS_OF = at(100);

/** A badge step `id` for the achievement `urn:<id>`. */
export const badge = (id: string, extra: Partial<Extract<PathwayNode, { type: 'badge' }>> = {}): PathwayNode => ({ type: 'badge', id, badge: { id: `urn:${id}` }, ...extra });

/** The learner's claimed record of `urn:<id>`, issued on day `day`. */
export const earned = (id: string, day: number, extra: Partial<EarnedRecord> = {}): EarnedRecord => ({ achievement: `urn:${id}`, issuedOn: at(day), status: 'claimed', ...extra });
