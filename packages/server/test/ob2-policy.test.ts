// OB 2.0 issuer profiles say where this issuer's hosted assertions live, so a verifier does not
// take any other URL on a shared server (an uploaded image, another provider's document) for one.
import { describe, it, before, after, expect } from '@col/harness';
import { verify } from '@citiesoflearning/verify';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

describe('OB 2.0 hosted verification policy', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => s?.stop());

  it('the issuer publishes startsWith limited to the credential URLs, which its assertions match and uploads do not', async () => {
    const b = await seedBasics(s, { uses: 2 });
    const award = (await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'ob2@example.org' } }, token: null })).json;
    const assertion = (await s.call('GET', new URL(award.links.ob2).pathname, { token: null })).json;
    const badgeClass = (await s.call('GET', new URL(assertion.badge).pathname, { token: null })).json;
    const issuer = (await s.call('GET', new URL(badgeClass.issuer).pathname, { token: null })).json;
    expect(issuer.verification).to.deep.equal({ type: 'VerificationObject', startsWith: [`${s.url}/api/v1/credentials/`] });
    expect(assertion.id.startsWith(issuer.verification.startsWith[0])).to.equal(true);
    for (const elsewhere of [`${s.url}/api/v1/achievements/${b.achievementKey}/image`, `${s.url}/api/v1/issuers/${b.issuerKey}/ob2`, `${s.url}/.well-known/jwks.json`]) {
      expect(elsewhere.startsWith(issuer.verification.startsWith[0]), elsewhere).to.equal(false);
    }
    // And the policy does not stand in the way of the real thing.
    expect((await verify(award.links.ob2, { recipient: 'ob2@example.org', allowPrivateNetwork: true })).outcome).to.equal('verified');
  });
});
