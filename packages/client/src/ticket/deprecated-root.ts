// The main entry's createClaimTicket, kept for one release: it loads the real one (and jose
// with it) only when called, so a page importing the client does not download a JWT signer.
import type { ClaimTicketInput } from './input.js';

/**
 * Signs a claim ticket: see `createClaimTicket` in `@citiesoflearning/client/ticket`, which this
 * loads on first call. **Server only.**
 *
 * @deprecated Import it from `@citiesoflearning/client/ticket` instead; this re-export from the
 * main entry goes in the next minor release.
 * @example
 * ```ts
 * // Before:
 * import { createClaimTicket } from '@citiesoflearning/client';
 * // Now:
 * import { createClaimTicket as sign } from '@citiesoflearning/client/ticket';
 * ```
 */
export async function createClaimTicket(input: ClaimTicketInput): Promise<string> {
  const ticket = await import('./create-claim-ticket.js');
  return ticket.createClaimTicket(input);
}
