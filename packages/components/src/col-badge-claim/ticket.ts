/**
 * What a claim ticket says about the learner, read in the page without verifying it (the server
 * verifies; the page only needs to know whether to ask for an email).
 */

/**
 * Who the ticket names: `{ email }` when the provider's backend put the address in the ticket,
 * `{ id }` for a DID subject, or `undefined` when the learner must type their email (the ticket
 * holds only a hash of it, or nothing readable).
 *
 * @example
 * ```ts
 * ticketRecipient(ticket); // { email: 'ada@example.org' } | { id: 'did:key:…' } | undefined
 * ```
 */
export function ticketRecipient(ticket: string | undefined): { email: string } | { id: string } | undefined {
  const part = ticket?.split('.')[1];
  if (!part || part.length > 16_384) return undefined;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const payload = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    if (typeof payload.email === 'string' && payload.email.includes('@')) return { email: payload.email };
    if (typeof payload.sub === 'string' && payload.sub.startsWith('did:')) return { id: payload.sub };
  } catch {
    // Unreadable: the server will say so when the learner claims.
  }
  return undefined;
}
