// `@citiesoflearning/client/ticket`: claim tickets have their own entry, so a page importing the
// client never downloads a JWT signer. The main entry's createClaimTicket stays for one release
// (deprecated) and loads the real one on first call. Node only: tickets are signed on servers.
import { describe, it, before, expect, rejectionCode } from '@col/harness';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { MAX_CLAIM_TICKET_LIFETIME } from '@citiesoflearning/core';
import * as root from '@citiesoflearning/client';
import { createClaimTicket, MAX_TICKET_LIFETIME } from '@citiesoflearning/client/ticket';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every module the main entry loads up front (static imports and re-exports, not `import()`). */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gm)) {
    if (!specifier) continue;
    if (specifier.startsWith('.')) staticImports(join(dirname(file), specifier.replace(/\.js$/, '.ts')), seen);
    else seen.add(specifier);
  }
  return seen;
}

describe('client: the claim-ticket entry', () => {
  let privateJwk: JsonWebKey;
  let publicKey: CryptoKey;
  before(async () => {
    const pair = await generateKeyPair('EdDSA', { extractable: true });
    publicKey = pair.publicKey;
    privateJwk = (await exportJWK(pair.privateKey)) as JsonWebKey;
  });

  it('the main entry imports no jose up front; the ticket entry does', () => {
    const main = staticImports(join(SRC, 'index.ts'));
    expect([...main].filter((m) => m === 'jose')).to.deep.equal([]);
    expect(staticImports(join(SRC, 'ticket/index.ts')).has('jose')).to.equal(true);
  });

  it('signs a ticket the issuer key verifies, with the claims the server checks', async () => {
    const ticket = await createClaimTicket({ privateJwk, kid: 'lms-1', audience: 'https://badges.example.org/api/v1/claims', achievement: 'knots', recipient: { id: 'did:example:ada' }, expiresIn: 120 });
    const { payload, protectedHeader } = await jwtVerify(ticket, publicKey, { audience: 'https://badges.example.org/api/v1/claims' });
    expect(protectedHeader).to.include({ alg: 'EdDSA', kid: 'lms-1' });
    expect(payload).to.include({ achievement: 'knots', sub: 'did:example:ada' });
    expect(payload.exp! - payload.iat!).to.equal(120);
  });

  it('the deprecated main-entry createClaimTicket still signs the same kind of ticket', async () => {
    const ticket = await root.createClaimTicket({ privateJwk, kid: 'lms-1', audience: 'https://badges.example.org', achievement: 'knots', recipient: { email: 'Ada@Example.org' } });
    const { payload } = await jwtVerify(ticket, publicKey, { audience: 'https://badges.example.org' });
    expect(payload).to.have.keys(['achievement', 'email_sha256', 'aud', 'iat', 'exp', 'jti']);
  });

  it('the lifetime limit is core\'s, once, from both entries', async () => {
    expect(MAX_TICKET_LIFETIME).to.equal(MAX_CLAIM_TICKET_LIFETIME);
    expect(MAX_CLAIM_TICKET_LIFETIME).to.equal(15 * 60);
    expect(root.MAX_TICKET_LIFETIME).to.equal(MAX_CLAIM_TICKET_LIFETIME);
    const input = { privateJwk, kid: 'k', audience: 'https://badges.example.org', achievement: 'knots', recipient: { email: 'x@example.org' }, expiresIn: MAX_CLAIM_TICKET_LIFETIME + 1 };
    expect(await rejectionCode(createClaimTicket(input))).to.equal('ticket-lifetime-invalid');
    expect(await rejectionCode(root.createClaimTicket(input))).to.equal('ticket-lifetime-invalid');
  });
});
