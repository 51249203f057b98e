// What a claim ticket is made of. No jose here: the main client entry imports this module.
import { MAX_CLAIM_TICKET_LIFETIME } from '@citiesoflearning/core';

/**
 * The longest ticket lifetime the reference server accepts, in seconds (15 minutes): core's
 * {@link MAX_CLAIM_TICKET_LIFETIME}, which the server checks against.
 *
 * @example
 * ```ts
 * const ticket = await createClaimTicket({ ...input, expiresIn: Math.min(600, MAX_TICKET_LIFETIME) });
 * ```
 */
export const MAX_TICKET_LIFETIME: number = MAX_CLAIM_TICKET_LIFETIME;

/**
 * Input of {@link createClaimTicket}.
 *
 * @example
 * ```ts
 * const input: ClaimTicketInput = {
 *   privateJwk, kid: 'lms-2026', audience: 'https://badges.example.org/api/v1/claims',
 *   achievement: 'code-club-1', recipient: { email: 'learner@example.org' }, expiresIn: 300,
 * };
 * ```
 */
export interface ClaimTicketInput {
  /** The provider's PRIVATE signing key (Ed25519 `OKP` or P-256 `EC` JWK). Keep it on your server. */
  privateJwk: JsonWebKey;
  /** The key id registered with `issuers.registerTicketKey` (goes in the JWS header). */
  kid: string;
  /**
   * Who the ticket is for: the server's claims URL (`registerTicketKey` returns it as
   * `audience`) or its base URL.
   */
  audience: string;
  /** The badge, by key or id URL. */
  achievement: string;
  /** The learner: an email address, or a DID as `id`. */
  recipient: { email: string } | { id: string };
  /** Seconds until the ticket expires (default 300; at most 900). */
  expiresIn?: number;
  /** Your provider id, put in `iss` (informational). */
  issuer?: string;
  /**
   * Put the email in the ticket only as its SHA-256 (`email_sha256`, default `true`): the
   * ticket passes through the learner's browser, the address need not.
   */
  hashEmail?: boolean;
  /** A unique id for this ticket (default: 128 random bits). The server accepts each once. */
  jti?: string;
}
