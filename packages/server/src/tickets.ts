// Claim tickets: short-lived compact JWS a provider's backend signs with a key it registered
// here, saying "this learner is who they say". Claims redeem them for a badge; milestones accept
// them as proof that the caller is the learner whose awards they ask about.
import { createHash } from 'node:crypto';
import { isColError, MAX_CLAIM_TICKET_LIFETIME } from '@citiesoflearning/core';
import { decodeJws, verifyJws } from '@citiesoflearning/verify';
import type { ServerContext } from './context.js';
import { HttpError } from './errors.js';
import { findTicketKey } from './store/ticket-keys.js';

/**
 * Longest a claim ticket may live (its `exp` − now).
 *
 * @example
 * ```ts
 * const exp = Math.floor(Date.now() / 1000) + MAX_TICKET_LIFETIME_S;
 * ```
 */
export const MAX_TICKET_LIFETIME_S = MAX_CLAIM_TICKET_LIFETIME; // one rule, shared with the client's ticket signer

/**
 * Whom a ticket must name: an email (normalized) or a DID.
 *
 * @example
 * ```ts
 * const who: TicketLearner = { email: 'ada@example.org' };
 * ```
 */
export type TicketLearner = { email: string } | { did: string };

/**
 * Check a ticket's signature (a key registered by `issuerKey`'s provider), audience (one of
 * `audiences`), expiry, lifetime and `nbf`. Returns its payload; the caller checks what the
 * ticket is for. Throws 401 `ticket-invalid`, 403 `forbidden` (another provider's key) or 409
 * `ticket-expired`.
 *
 * @example
 * ```ts
 * const payload = await verifyTicket(ctx, ticket, { issuerKey: 'museum', audiences: [ctx.baseUrl] });
 * ```
 */
export async function verifyTicket(ctx: ServerContext, ticket: string, opts: { issuerKey: string; audiences: string[] }): Promise<Record<string, unknown>> {
  const invalid = (message: string) => new HttpError(401, 'ticket-invalid', message);
  let kid: unknown;
  try {
    kid = decodeJws(ticket, { maxLength: 16_384 }).header.kid;
  } catch (error) {
    if (!isColError(error)) throw error;
    throw invalid('The claim ticket is not a signed token (compact JWS).');
  }
  if (typeof kid !== 'string') throw invalid('The claim ticket names no key ("kid" header): register your key and put its kid in the header.');
  const key = await findTicketKey(ctx.sql, kid);
  if (!key) throw invalid('The claim ticket was signed with a key this server does not know.');
  if (key.issuer_key !== opts.issuerKey) throw new HttpError(403, 'forbidden', "This claim ticket was signed by another provider: it cannot speak for this provider's badges.");
  // The stored key is ours: one that cannot be read is the server's fault (a logged 500), never
  // the provider's "ticket-invalid", which would send them hunting for a bug in their tickets.
  const publicJwk = JSON.parse(key.jwk) as JsonWebKey;
  let payload: Record<string, unknown>;
  try {
    payload = (await verifyJws(ticket, publicJwk, { algorithms: [key.alg] })).payload;
  } catch (error) {
    if (!isColError(error) || isColError(error, 'key-unsupported')) throw error;
    throw invalid('The claim ticket signature does not verify.');
  }
  const now = Math.floor(ctx.now().getTime() / 1000);
  if (![payload.aud].flat().some((a) => typeof a === 'string' && opts.audiences.includes(a))) {
    throw invalid(`The claim ticket is for another server ("aud" must be ${opts.audiences[opts.audiences.length - 1]}).`);
  }
  if (typeof payload.exp !== 'number') throw invalid('The claim ticket has no expiry ("exp").');
  if (payload.exp < now - 30) throw new HttpError(409, 'ticket-expired', 'This claim ticket has expired; ask the course page for a new one.');
  if (payload.exp > now + MAX_TICKET_LIFETIME_S + 30) throw invalid(`The claim ticket lives too long: "exp" must be within ${MAX_TICKET_LIFETIME_S / 60} minutes.`);
  if (typeof payload.nbf === 'number' && payload.nbf > now + 30) throw invalid('The claim ticket is not valid yet ("nbf").');
  return payload;
}

/**
 * 403 `ticket-mismatch` unless the ticket names `learner`: by `email`, by `email_sha256` (the
 * SHA-256 of the lower-cased email, so a provider's backend never has to put the address itself
 * into a browser-visible token) or, for a DID, by `sub`.
 *
 * @example
 * ```ts
 * assertTicketNames(payload, { email: 'ada@example.org' });
 * ```
 */
export function assertTicketNames(payload: Record<string, unknown>, learner: TicketLearner): void {
  let named: boolean;
  if ('email' in learner) {
    const hash = createHash('sha256').update(learner.email).digest('hex');
    named = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() === learner.email : typeof payload.email_sha256 === 'string' && payload.email_sha256.toLowerCase() === hash;
  } else named = payload.sub === learner.did;
  if (!named) throw new HttpError(403, 'ticket-mismatch', 'This claim ticket was issued for a different learner.');
}
