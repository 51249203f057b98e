import { ColError } from '@citiesoflearning/core';
import { SignJWT, importJWK } from 'jose';
import { newIdempotencyKey } from '../api/keys.js';

/**
 * The longest ticket lifetime the reference server accepts, in seconds (15 minutes).
 *
 * @example
 * ```ts
 * const ticket = await createClaimTicket({ ...input, expiresIn: Math.min(600, MAX_TICKET_LIFETIME) });
 * ```
 */
export const MAX_TICKET_LIFETIME = 15 * 60;

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

const sha256Hex = async (text: string) => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
};

/**
 * Signs a **claim ticket**: a short-lived, single-use JWT with which a provider's backend says
 * "this learner finished, let them claim this badge" — so a course page can offer a claim button
 * without holding any secret.
 *
 * **NODE / SERVER ONLY. NEVER CALL THIS IN A BROWSER.** It needs the provider's private key;
 * a key in a page, bundle or app can be read by anyone, who can then award your badges to
 * whomever they like. Sign tickets on your server and hand only the finished ticket to the
 * page. (It refuses to run where a `document` exists.)
 *
 * The claims match what the reference server checks: header `{ alg, kid }`; payload `aud`,
 * `exp` (≤ 15 min ahead), `iat`, `jti`, `achievement`, and the learner as `email_sha256`
 * (SHA-256 hex of the trimmed, lower-cased address), `email`, or `sub` (a DID).
 *
 * @example
 * ```ts
 * // On your server, when the learner completes the course:
 * import { createClaimTicket } from '@citiesoflearning/client';
 * const ticket = await createClaimTicket({
 *   privateJwk: JSON.parse(process.env.TICKET_KEY!), kid: 'lms-2026',
 *   audience: 'https://badges.example.org/api/v1/claims',
 *   achievement: 'code-club-1', recipient: { email: learner.email }, expiresIn: 300,
 * });
 * // Send `ticket` to the page; the page calls
 * // col.claims.create({ achievement: 'code-club-1', ticket, recipient: { email } }).
 * ```
 */
export async function createClaimTicket(input: ClaimTicketInput): Promise<string> {
  if (typeof (globalThis as { document?: unknown }).document !== 'undefined') {
    throw new ColError('server-side-only', 'createClaimTicket must run on your server, never in a browser: it needs your private key.');
  }
  const { privateJwk, kid, audience, achievement, recipient } = input;
  const expiresIn = input.expiresIn ?? 300;
  if (!Number.isFinite(expiresIn) || expiresIn <= 0 || expiresIn > MAX_TICKET_LIFETIME) {
    throw new ColError('ticket-lifetime-invalid', `expiresIn must be between 1 and ${MAX_TICKET_LIFETIME} seconds.`);
  }
  if (typeof privateJwk?.d !== 'string') {
    throw new ColError('ticket-key-invalid', 'privateJwk must be a private key (a JWK with "d").');
  }
  const alg = privateJwk.kty === 'OKP' && privateJwk.crv === 'Ed25519' ? 'EdDSA' : privateJwk.kty === 'EC' && privateJwk.crv === 'P-256' ? 'ES256' : undefined;
  if (!alg) throw new ColError('ticket-key-invalid', 'privateJwk must be an Ed25519 (OKP) or P-256 (EC) key.');

  const claims: Record<string, unknown> = { achievement };
  if ('email' in recipient) {
    const email = recipient.email.trim().toLowerCase();
    if (input.hashEmail === false) claims.email = email;
    else claims.email_sha256 = await sha256Hex(email);
  } else {
    claims.sub = recipient.id;
  }
  const key = await importJWK(privateJwk, alg);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg, kid, typ: 'JWT' })
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${Math.floor(expiresIn)}s`)
    .setJti(input.jti ?? newIdempotencyKey());
  if (input.issuer) jwt.setIssuer(input.issuer);
  return jwt.sign(key);
}
