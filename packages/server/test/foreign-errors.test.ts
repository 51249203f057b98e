// Catch blocks that turn an error into a client-facing answer keep to the errors they mean:
// a server fault is not dressed up as the client's mistake, and a client's mistake is not
// silently accepted.
import { describe, it, before, after, expect } from '@col/harness';
import { generateKeyPair, signCredentialJwt } from '@citiesoflearning/verify';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

describe('errors that are not the client’s', () => {
  let s: TestServer;
  let b: Awaited<ReturnType<typeof seedBasics>>;
  before(async () => {
    s = await startTestServer();
    b = await seedBasics(s, { uses: 5 });
  });
  after(async () => s?.stop());

  it('a corrupt stored ticket key is a 500 internal-error, not the provider’s 401 ticket-invalid', async () => {
    const keys = await generateKeyPair('Ed25519');
    const now = Math.floor(Date.now() / 1000);
    const db = await s.openDatabase();
    try {
      for (const [kid, stored] of [['broken-json', '{not json'], ['broken-key', JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' })]] as const) {
        expect((await s.call('POST', `/api/v1/issuers/${b.issuerKey}/ticket-keys`, { body: { jwk: keys.publicJwk, kid } })).status).to.equal(201);
        await db.run('UPDATE ticket_keys SET jwk = ? WHERE kid = ?', stored, kid);
        const ticket = await signCredentialJwt(
          { aud: `${s.url}/api/v1/claims`, exp: now + 600, jti: `jti-${kid}-0123456789`, achievement: b.achievementKey, email: 'pupil@example.org' },
          { privateJwk: keys.privateJwk, kid },
        );
        const res = await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, ticket, recipient: { email: 'pupil@example.org' } }, token: null });
        expect(res.status, kid).to.equal(500);
        expect(res.json.code, kid).to.equal('internal-error');
      }
    } finally {
      await db.close();
    }
  });

  it('a provider-key request with a malformed JSON body is a 400, not a key without its label', async () => {
    const bad = await s.call('POST', `/api/v1/issuers/${b.issuerKey}/api-keys`, { body: '{"label": "LMS"' });
    expect(bad.status).to.equal(400);
    expect(bad.json.code).to.equal('invalid-json');
    // No body at all still works: the label is optional.
    const bare = await s.call('POST', `/api/v1/issuers/${b.issuerKey}/api-keys`);
    expect(bare.status).to.equal(201);
    const labelled = await s.call('POST', `/api/v1/issuers/${b.issuerKey}/api-keys`, { body: { label: 'LMS' } });
    expect(labelled.status).to.equal(201);
  });
});
