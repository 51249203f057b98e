import { ColError } from '@citiesoflearning/core';
import { SignJWT, importJWK } from 'jose';
import { newIdempotencyKey } from '../api/keys.js';
import { MAX_TICKET_LIFETIME, type ClaimTicketInput } from './input.js';

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
 * import { createClaimTicket } from '@citiesoflearning/client/ticket';
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
