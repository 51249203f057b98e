/**
 * `@citiesoflearning/client/ticket` — sign claim tickets on a provider's server. Its own entry
 * because it is for servers only and brings in jose; pages import the main entry, which does not.
 *
 * @example
 * ```ts
 * import { createClaimTicket } from '@citiesoflearning/client/ticket';
 * const ticket = await createClaimTicket({ privateJwk, kid: 'lms-2026', audience, achievement: 'code-club-1', recipient: { email } });
 * ```
 *
 * @packageDocumentation
 */
export { createClaimTicket } from './create-claim-ticket.js';
export { MAX_TICKET_LIFETIME, type ClaimTicketInput } from './input.js';
