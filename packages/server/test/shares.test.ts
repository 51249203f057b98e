// Skills-summary links over real HTTP: a learner shares a Verifiable Presentation of real signed
// credentials, an employer's page fetches it cross-origin, the learner deletes it with the
// token; bad shapes, oversize bodies, too many credentials, floods, expiry, wrong tokens — and
// nothing of the summary reaches the log.
import { describe, it, before, after, expect } from '@col/harness';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

const VC2 = 'https://www.w3.org/ns/credentials/v2';
const summary = (credentials: unknown[]) => ({ '@context': [VC2], type: ['VerifiablePresentation', 'ColSkillsSummary'], verifiableCredential: credentials });

describe('skills-summary shares', () => {
  let s: TestServer;
  const clock = { now: new Date('2026-05-01T10:00:00Z') };
  let credential: Record<string, unknown>;
  let jwt: string;
  before(async () => {
    s = await startTestServer({ now: () => clock.now, logRequests: true, sharesPerHour: 1000 });
    const { achievementKey, codes } = await seedBasics(s);
    const claim = await s.call('POST', '/api/v1/claims', { token: null, body: { achievement: achievementKey, code: codes[0], recipient: { email: 'sharer@example.org' } } });
    credential = claim.json.credential;
    jwt = claim.json.jwt;
  });
  after(async () => s?.stop());

  const share = (body: unknown, headers: Record<string, string> = {}) => s.call('POST', '/api/v1/shares', { token: null, body, headers });

  it('stores a summary: 201 with a random 128-bit id, its link, a 30-day expiry and a delete token; anyone fetches it cross-origin', async () => {
    const body = summary([credential, { '@context': VC2, type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` }]);
    const res = await share(body, { origin: 'https://learner-portal.example' });
    expect(res.status, res.text).to.equal(201);
    expect(res.json.id).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(res.json.url).to.equal(`${s.url}/api/v1/shares/${res.json.id}`);
    expect(res.headers.get('location')).to.equal(res.json.url);
    expect(res.json.expiresAt).to.equal('2026-05-31T10:00:00Z');
    expect(res.json.deleteToken).to.match(/^[A-Za-z0-9_-]{32}$/);
    expect(res.headers.get('access-control-allow-origin')).to.equal('*');
    const got = await s.call('GET', `/api/v1/shares/${res.json.id}`, { token: null, headers: { origin: 'https://employer.example' } });
    expect(got.status).to.equal(200);
    expect(got.json).to.deep.equal(body);
    expect(got.headers.get('content-type')).to.match(/^application\/json/);
    expect(got.headers.get('cache-control')).to.equal('no-store');
    expect(got.headers.get('access-control-allow-origin')).to.equal('*');
    // Two shares never get the same id.
    const other = await share(body);
    expect(other.json.id).to.not.equal(res.json.id);
  });

  it('DELETE with the delete token removes it; a wrong or missing token reveals nothing', async () => {
    const made = (await share(summary([credential]))).json;
    const missing = await s.call('DELETE', `/api/v1/shares/${made.id}`, { token: null });
    expect([missing.status, missing.json.code]).to.deep.equal([401, 'unauthorized']);
    const wrong = await s.call('DELETE', `/api/v1/shares/${made.id}`, { token: 'not-the-delete-token' });
    const unknown = await s.call('DELETE', '/api/v1/shares/AAAAAAAAAAAAAAAAAAAAAA', { token: 'not-the-delete-token' });
    // Same status and body whether or not the share exists.
    expect([wrong.status, wrong.json]).to.deep.equal([unknown.status, unknown.json]);
    expect(wrong.status).to.equal(404);
    // Another share's token does not delete this one; the admin key does not either.
    const mine = (await share(summary([credential]))).json;
    expect((await s.call('DELETE', `/api/v1/shares/${made.id}`, { token: mine.deleteToken })).status).to.equal(404);
    expect((await s.call('DELETE', `/api/v1/shares/${made.id}`)).status).to.equal(404);
    expect((await s.call('GET', `/api/v1/shares/${made.id}`, { token: null })).status).to.equal(200);
    // The learner's page may delete it cross-origin.
    const preflight = await fetch(`${s.url}/api/v1/shares/${made.id}`, { method: 'OPTIONS', headers: { origin: 'https://learner-portal.example', 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization' } });
    expect(preflight.headers.get('access-control-allow-methods')).to.contain('DELETE');
    expect(preflight.headers.get('access-control-allow-headers')).to.contain('Authorization');
    const removed = await s.call('DELETE', `/api/v1/shares/${made.id}`, { token: made.deleteToken });
    expect(removed.status).to.equal(204);
    expect((await s.call('GET', `/api/v1/shares/${made.id}`, { token: null })).status).to.equal(404);
    expect((await s.call('DELETE', `/api/v1/shares/${made.id}`, { token: made.deleteToken })).status).to.equal(404);
  });

  it('an expired share is gone (404), and expired ones are purged', async () => {
    const made = (await share(summary([credential]))).json;
    clock.now = new Date('2026-05-31T10:00:01Z');
    try {
      expect((await s.call('GET', `/api/v1/shares/${made.id}`, { token: null })).status).to.equal(404);
      expect((await s.call('DELETE', `/api/v1/shares/${made.id}`, { token: made.deleteToken })).status).to.equal(404);
    } finally {
      clock.now = new Date('2026-05-01T10:00:00Z');
    }
  });

  it('refuses wrong shapes with a 400 naming the field, and stores nothing', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ ...summary([credential]), '@context': ['https://www.w3.org/2018/credentials/v1'] }, '@context', 'invalid-request'],
      [{ ...summary([credential]), type: ['VerifiablePresentation'] }, 'type', 'invalid-request'],
      [summary([]), 'verifiableCredential', 'invalid-request'],
      [{ ...summary([credential]), verifiableCredential: credential }, 'verifiableCredential', 'invalid-request'],
      [summary(['just a string']), 'verifiableCredential[0]', 'invalid-request'],
      [summary([{ type: ['VerifiableCredential'] }]), 'verifiableCredential[0].@context', 'invalid-request'],
      [summary([{ '@context': VC2 }]), 'verifiableCredential[0].type', 'invalid-request'],
      [summary([credential, { '@context': VC2, type: 'EnvelopedVerifiableCredential', id: 'https://evil.example/x' }]), 'verifiableCredential[1].id', 'invalid-request'],
      [{ ...summary([credential]), learnerEmail: 'sharer@example.org' }, 'learnerEmail', 'unknown-field'],
      [summary(Array.from({ length: 51 }, () => ({ '@context': VC2, type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` }))), 'verifiableCredential', 'too-many-credentials'],
    ];
    for (const [body, field, code] of cases) {
      const res = await share(body);
      expect([res.status, res.json.code, res.json.field], `${field}: ${res.text}`).to.deep.equal([400, code, field]);
    }
    const notJson = await s.call('POST', '/api/v1/shares', { token: null, body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect([notJson.status, notJson.json.code]).to.deep.equal([415, 'unsupported-media-type']);
    const broken = await s.call('POST', '/api/v1/shares', { token: null, body: '{"@context":', headers: { 'content-type': 'application/json' } });
    expect([broken.status, broken.json.code]).to.deep.equal([400, 'invalid-json']);
    expect((await share([summary([credential])])).status).to.equal(400);
  });

  it('refuses a body over 256 KB with 413', async () => {
    const padded = { ...credential, description: 'x'.repeat(270 * 1024) };
    const res = await share(summary([padded]));
    expect([res.status, res.json.code]).to.deep.equal([413, 'body-too-large']);
  });

  it('rate-limits each address (429 with Retry-After), storing nothing more', async () => {
    const limited = await startTestServer({ sharesPerHour: 3 });
    try {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<TestServer['call']>> | undefined;
      for (let i = 0; i < 5; i++) {
        last = await limited.call('POST', '/api/v1/shares', { token: null, body: summary([credential]) });
        statuses.push(last.status);
      }
      expect(statuses).to.deep.equal([201, 201, 201, 429, 429]);
      expect(last!.json.code).to.equal('rate-limited');
      expect(Number(last!.headers.get('retry-after'))).to.be.within(1, 3600);
    } finally {
      await limited.stop();
    }
  });

  it('never logs a summary, its id or its delete token', async () => {
    const logged = await startTestServer({ logRequests: true });
    try {
      const marker = 'Ada-Secret-Skills-Marker';
      const body = summary([{ ...credential, name: marker }]);
      const made = (await logged.call('POST', '/api/v1/shares', { token: null, body })).json;
      await logged.call('GET', `/api/v1/shares/${made.id}`, { token: null });
      await logged.call('DELETE', `/api/v1/shares/${made.id}`, { token: 'wrong-token' });
      await logged.call('DELETE', `/api/v1/shares/${made.id}`, { token: made.deleteToken });
      await logged.call('POST', '/api/v1/shares', { token: null, body: `{"broken": "${marker}`, headers: { 'content-type': 'application/json' } });
      await logged.call('POST', '/api/v1/shares', { token: null, body: { ...body, extra: marker } });
      const log = logged.logs.join('\n');
      expect(log).to.contain('POST /api/v1/shares 201');
      expect(log).to.contain('GET /api/v1/shares/:id 200');
      for (const secret of [marker, made.id, made.deleteToken, 'sharer@example.org', jwt.slice(0, 40)]) expect(log, secret).to.not.contain(secret);
    } finally {
      await logged.stop();
    }
  });
});
