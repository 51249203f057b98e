/**
 * Facts of the badge & pathway HTTP API that the reference server enforces and its clients
 * must respect, defined once here (the one package both depend on) so they cannot drift apart.
 */

/**
 * The longest lifetime of a claim ticket, in seconds (15 minutes): a ticket's `exp` may be at
 * most this far after its `iat`. Short, because a ticket passes through the learner's browser.
 *
 * @example
 * ```ts
 * import { MAX_CLAIM_TICKET_LIFETIME } from '@citiesoflearning/core';
 * const expiresIn = Math.min(600, MAX_CLAIM_TICKET_LIFETIME);
 * ```
 */
export const MAX_CLAIM_TICKET_LIFETIME = 15 * 60;

/**
 * What a resource key (issuer, achievement, pathway, opportunity) looks like: 1–64 of
 * `A–Z a–z 0–9 _ -`, starting with a letter or digit. It goes into URLs unescaped.
 *
 * @example
 * ```ts
 * import { RESOURCE_KEY_PATTERN } from '@citiesoflearning/core';
 * RESOURCE_KEY_PATTERN.test('digital-foundations'); // true
 * RESOURCE_KEY_PATTERN.test('../admin'); // false
 * ```
 */
export const RESOURCE_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
