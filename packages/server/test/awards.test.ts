// Bulk awards (POST /api/v1/awards) for LMS and CRM syncs against a real server: a result per row
// in order, externalId idempotent for good, a keyed limit separate from the anonymous claim
// limit, OB 3.0 evidence / narrative / name in the signed credential, and unknown fields refused
// with the field named. Plus the same extras and refusals on POST /api/v1/claims.
import { describe, it, before, after, expect } from '@col/harness';
import { verify } from '@citiesoflearning/verify';
import { ADMIN, startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

async function documentsFor(s: TestServer, credential: any): Promise<Record<string, unknown>> {
  const urls = new Set<string>([credential.issuer.id, `${s.url}/.well-known/jwks.json`, `${s.url}/.well-known/did.json`, credential.proof.verificationMethod.split('#')[0]]);
  for (const entry of credential.credentialStatus) urls.add(entry.statusListCredential);
  const documents: Record<string, unknown> = {};
  for (const url of urls) documents[url] = await (await fetch(url)).json();
  return documents;
}

async function issuedCount(s: TestServer): Promise<number> {
  const res = await s.call('GET', '/ims/ob/v3p0/credentials?limit=1');
  return Number(res.headers.get('x-total-count'));
}

describe('POST /api/v1/awards', () => {
  let s: TestServer;
  let achievementKey: string;
  let provider: string;
  before(async () => {
    s = await startTestServer();
    ({ achievementKey } = await seedBasics(s));
    provider = (await s.call('POST', '/api/v1/issuers/test-issuer/api-keys', { body: { label: 'LMS' } })).json.key;
  });
  after(async () => s?.stop());

  it('issues each valid row, refuses each bad one with the field named, and answers one result per row in order', async () => {
    const before = await issuedCount(s);
    const res = await s.call('POST', '/api/v1/awards', {
      token: provider,
      body: {
        achievement: achievementKey,
        recipients: [
          { email: 'Ada@Example.org', name: 'Ada Lovelace', externalId: 'enrol-1', narrative: 'Built a weather station.', evidence: [{ id: 'https://lms.example/work/1', name: 'Weather station' }] },
          { email: 'not-an-email' },
          { email: 'grace@example.org', nmae: 'Grace' },
          { email: 'alan@example.org', validUntil: '2020-01-01T00:00:00Z' },
          { email: 'kat@example.org', evidence: [{ id: 'javascript:alert(1)' }] },
          { email: 'lin@example.org', externalId: 'enrol\u0000x' },
          'just a string',
          { email: 'mary@example.org', validUntil: '2099-01-01T00:00:00Z' },
        ],
      },
    });
    expect(res.status, res.text).to.equal(200);
    expect(res.json.results.map((r: any) => r.status)).to.deep.equal(['issued', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'issued']);
    expect(res.json.results.map((r: any) => r.error?.field ?? null)).to.deep.equal([
      null, 'recipients[1].email', 'recipients[2].nmae', 'recipients[3].validUntil', 'recipients[4].evidence[0].id', 'recipients[5].externalId', 'recipients[6]', null,
    ]);
    expect(res.json.summary).to.deep.equal({ issued: 2, duplicate: 0, invalid: 6, failed: 0 });
    expect(await issuedCount(s)).to.equal(before + 2);

    const first = res.json.results[0];
    expect(first.externalId).to.equal('enrol-1');
    expect(first.credential.evidence).to.deep.equal([{ type: ['Evidence'], id: 'https://lms.example/work/1', name: 'Weather station' }]);
    expect(first.credential.credentialSubject.narrative).to.equal('Built a weather station.');
    expect(first.credential.credentialSubject.identifier.find((i: any) => i.identityType === 'name').identityHash).to.equal('Ada Lovelace');
    expect(res.json.results[7].credential.validUntil).to.equal('2099-01-01T00:00:00Z');
    // The extras are signed: the full verifier accepts the credential, recipient included.
    const report = await verify(first.credential, { documents: await documentsFor(s, first.credential), offline: true, recipient: 'ada@example.org' });
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    // And it is served like any other credential.
    expect((await s.call('GET', new URL(first.id).pathname, { token: null })).json.evidence[0].name).to.equal('Weather station');
  });

  it('re-running a sync with externalIds issues nothing and reports every row as a duplicate of the original', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ email: `sync${i}@example.org`, externalId: `crm-${i}` }));
    const first = await s.call('POST', '/api/v1/awards', { token: provider, body: { achievement: achievementKey, recipients: rows } });
    expect(first.json.summary.issued).to.equal(5);
    const count = await issuedCount(s);
    const again = await s.call('POST', '/api/v1/awards', { token: ADMIN, body: { achievement: achievementKey, recipients: [...rows, rows[0]] } });
    expect(again.json.summary).to.deep.equal({ issued: 0, duplicate: 6, invalid: 0, failed: 0 });
    expect(again.json.results.map((r: any) => r.id)).to.deep.equal([...first.json.results.map((r: any) => r.id), first.json.results[0].id]);
    expect(again.json.results[2].credential.proof.proofValue).to.equal(first.json.results[2].credential.proof.proofValue);
    expect(await issuedCount(s)).to.equal(count);
  });

  it('the same externalId twice in one request issues once', async () => {
    const res = await s.call('POST', '/api/v1/awards', { body: { achievement: achievementKey, recipients: [{ email: 'twin@example.org', externalId: 'twin' }, { email: 'twin@example.org', externalId: 'twin' }] } });
    expect(res.json.results.map((r: any) => r.status)).to.deep.equal(['issued', 'duplicate']);
    expect(res.json.results[1].id).to.equal(res.json.results[0].id);
  });

  it('an externalId is scoped to its achievement: the same id on another badge issues', async () => {
    const other = await seedBasics(s);
    const a = await s.call('POST', '/api/v1/awards', { body: { achievement: achievementKey, recipients: [{ email: 'scope@example.org', externalId: 'shared-id' }] } });
    const b = await s.call('POST', '/api/v1/awards', { body: { achievement: other.achievementKey, recipients: [{ email: 'scope@example.org', externalId: 'shared-id' }] } });
    expect([a.json.results[0].status, b.json.results[0].status]).to.deep.equal(['issued', 'issued']);
  });

  it('needs a key that may act for the issuer', async () => {
    const body = { achievement: achievementKey, recipients: [{ email: 'x@example.org' }] };
    expect((await s.call('POST', '/api/v1/awards', { token: null, body })).status).to.equal(401);
    await s.call('POST', '/api/v1/issuers', { body: { key: 'rival', name: 'Rival', url: 'https://rival.example' } });
    const rival = (await s.call('POST', '/api/v1/issuers/rival/api-keys', { body: {} })).json.key;
    const res = await s.call('POST', '/api/v1/awards', { token: rival, body });
    expect([res.status, res.json.code]).to.deep.equal([403, 'forbidden']);
  });

  it('refuses a malformed request as a whole, naming the field', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ email: `m${i}@example.org` }));
    const cases: Array<[unknown, number, string, string]> = [
      [{ achievement: achievementKey, recipients: tooMany }, 400, 'too-many-rows', 'recipients'],
      [{ achievement: achievementKey, recipients: [] }, 400, 'invalid-request', 'recipients'],
      [{ achievement: achievementKey, recipient: [{ email: 'a@b.org' }] }, 400, 'unknown-field', 'recipient'],
      [{ recipients: [{ email: 'a@b.org' }] }, 400, 'invalid-request', 'achievement'],
    ];
    const count = await issuedCount(s);
    for (const [body, status, code, field] of cases) {
      const res = await s.call('POST', '/api/v1/awards', { body });
      expect([res.status, res.json.code, res.json.field], res.text).to.deep.equal([status, code, field]);
    }
    expect((await s.call('POST', '/api/v1/awards', { body: { achievement: 'no-such-badge', recipients: [{ email: 'a@b.org' }] } })).status).to.equal(404);
    // A "__proto__" member is an unknown field like any other, never a way into the object model.
    const proto = await s.call('POST', '/api/v1/awards', { body: `{"achievement":"${achievementKey}","recipients":[{"email":"p@example.org","__proto__":{"admin":true}}]}` });
    expect([proto.status, proto.json.results[0].status, proto.json.results[0].error.field]).to.deep.equal([200, 'invalid', 'recipients[0].__proto__']);
    expect(await issuedCount(s)).to.equal(count);
  });

  it('replays a request sent again with the same Idempotency-Key, per caller', async () => {
    const body = { achievement: achievementKey, recipients: [{ email: 'idem@example.org' }, { email: 'idem2@example.org' }] };
    const headers = { 'idempotency-key': 'sync-2026-12-01-batch-1' };
    const first = await s.call('POST', '/api/v1/awards', { token: provider, body, headers });
    const count = await issuedCount(s);
    const again = await s.call('POST', '/api/v1/awards', { token: provider, body, headers });
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(again.json).to.deep.equal(first.json);
    expect(await issuedCount(s)).to.equal(count);
    const changed = await s.call('POST', '/api/v1/awards', { token: provider, body: { ...body, recipients: [{ email: 'other@example.org' }] }, headers });
    expect([changed.status, changed.json.code]).to.deep.equal([422, 'idempotency-key-reused']);
    // Another caller's identical key is another request: keys cannot be probed across callers.
    const admin = await s.call('POST', '/api/v1/awards', { token: ADMIN, body, headers });
    expect(admin.headers.get('idempotent-replayed')).to.equal(null);
    expect(admin.json.results[0].id).to.not.equal(first.json.results[0].id);
  });
});

describe('keyed callers have their own award limit', () => {
  let s: TestServer;
  let achievementKey: string;
  let codes: string[];
  before(async () => {
    s = await startTestServer({ claimsPerMinute: 2, awardsPerMinute: 6 });
    ({ achievementKey, codes } = await seedBasics(s, { uses: 10 }));
  });
  after(async () => s?.stop());

  it('direct awards with a key do not spend the per-address claim limit, and the key limit answers 429 with Retry-After', async () => {
    // Anonymous claims from this address: 2 a minute.
    for (let i = 0; i < 2; i++) expect((await s.call('POST', '/api/v1/claims', { token: null, body: { achievement: achievementKey, code: codes[0], recipient: { email: `anon${i}@example.org` } } })).status).to.equal(201);
    expect((await s.call('POST', '/api/v1/claims', { token: null, body: { achievement: achievementKey, code: codes[0], recipient: { email: 'anon9@example.org' } } })).status).to.equal(429);
    // The same address with the admin key still awards: its own budget of 6.
    expect((await s.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, recipient: { email: 'direct@example.org' } } })).status).to.equal(201);
    const batch = { body: { achievement: achievementKey, recipients: Array.from({ length: 5 }, (_, i) => ({ email: `b${i}@example.org` })) }, headers: { 'idempotency-key': 'batch-1' } };
    const bulk = await s.call('POST', '/api/v1/awards', batch);
    expect(bulk.json.summary.issued).to.equal(5);
    const over = await s.call('POST', '/api/v1/awards', { body: { achievement: achievementKey, recipients: [{ email: 'over@example.org' }] } });
    expect([over.status, over.json.code]).to.deep.equal([429, 'rate-limited']);
    expect(Number(over.headers.get('retry-after'))).to.be.within(1, 60);
    // A client that lost the answer and sends the same batch again gets it back: replays are free.
    const replay = await s.call('POST', '/api/v1/awards', batch);
    expect([replay.status, replay.headers.get('idempotent-replayed')]).to.deep.equal([200, 'true']);
    expect(replay.json).to.deep.equal(bulk.json);
  });
});

describe('claims accept OB 3.0 extras and refuse unknown fields', () => {
  let s: TestServer;
  let achievementKey: string;
  let codes: string[];
  before(async () => {
    s = await startTestServer();
    ({ achievementKey, codes } = await seedBasics(s, { uses: 10 }));
  });
  after(async () => s?.stop());

  it("a direct award with the issuer's key puts evidence, narrative and the learner name into the signed credential", async () => {
    const res = await s.call('POST', '/api/v1/claims', {
      body: { achievement: achievementKey, recipient: { email: 'ev@example.org', name: 'Eve Ng' }, narrative: 'Ran the club for a term.', evidence: [{ narrative: 'Twelve sessions', genre: 'Log' }] },
    });
    expect(res.status, res.text).to.equal(201);
    expect(res.json.credential.evidence).to.deep.equal([{ type: ['Evidence'], narrative: 'Twelve sessions', genre: 'Log' }]);
    expect(res.json.credential.credentialSubject.narrative).to.equal('Ran the club for a term.');
    const report = await verify(res.json.credential, { documents: await documentsFor(s, res.json.credential), offline: true, recipient: 'ev@example.org' });
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
  });

  it('a learner redeeming a code cannot write words or evidence into the credential the issuer signs', async () => {
    const base = { achievement: achievementKey, code: codes[0], recipient: { email: 'self@example.org' } };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, narrative: 'Graduated with honours' }, 'narrative'],
      [{ ...base, evidence: [{ id: 'https://self.example/fake' }] }, 'evidence'],
      [{ ...base, recipient: { email: 'self@example.org', name: 'Someone Famous' } }, 'recipient.name'],
    ];
    for (const [body, field] of cases) {
      const res = await s.call('POST', '/api/v1/claims', { token: null, body });
      expect([res.status, res.json.code, res.json.field], res.text).to.deep.equal([403, 'forbidden', field]);
    }
    // Another issuer's key cannot either.
    await s.call('POST', '/api/v1/issuers', { body: { key: 'other', name: 'Other', url: 'https://other.example' } });
    const other = (await s.call('POST', '/api/v1/issuers/other/api-keys', { body: {} })).json.key;
    const foreign = await s.call('POST', '/api/v1/claims', { token: other, body: { ...base, narrative: 'x' } });
    expect([foreign.status, foreign.json.code]).to.deep.equal([403, 'forbidden']);
  });

  it('answers 400 naming an unknown field (top level, in recipient, in evidence) and uses no code', async () => {
    const base = { achievement: achievementKey, code: codes[0], recipient: { email: 'typo@example.org' } };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, narative: 'typo' }, 'narative'],
      [{ ...base, recipient: { email: 'typo@example.org', nmae: 'Typo' } }, 'recipient.nmae'],
      [{ ...base, evidence: [{ id: 'https://x.example/1', url: 'https://x.example/1' }] }, 'evidence[0].url'],
    ];
    for (const [body, field] of cases) {
      const res = await s.call('POST', '/api/v1/claims', { token: null, body });
      expect([res.status, res.json.code, res.json.field], res.text).to.deep.equal([400, 'unknown-field', field]);
    }
    const bad = await s.call('POST', '/api/v1/claims', { token: null, body: { ...base, evidence: 'https://x.example' } });
    expect([bad.status, bad.json.field]).to.deep.equal([400, 'evidence']);
    // None of the refusals (here and in the test before) spent a use: all ten remain.
    for (let i = 0; i < 10; i++) expect((await s.call('POST', '/api/v1/claims', { token: null, body: { ...base, recipient: { email: `u${i}@example.org` } } })).status).to.equal(201);
    expect((await s.call('POST', '/api/v1/claims', { token: null, body: { ...base, recipient: { email: 'u11@example.org' } } })).json.code).to.equal('code-used-up');
  });
});

describe('externalId is idempotent for good, not for a day', () => {
  it('after a restart and a month later, the same sync still reports the original credential and issues nothing', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = await mkdtemp(join(tmpdir(), 'col-awards-for-good-'));
    const clock = { offsetMs: 0 };
    const now = () => new Date(Date.now() + clock.offsetMs);
    const rows = [{ email: 'term1@example.org', externalId: 'enrolment-2026-1' }, { email: 'term2@example.org', externalId: 'enrolment-2026-2' }];
    try {
      const s1 = await startTestServer({ dataDir, now });
      const { achievementKey } = await seedBasics(s1);
      const first = await s1.call('POST', '/api/v1/awards', { body: { achievement: achievementKey, recipients: rows } });
      expect(first.json.summary.issued).to.equal(2);
      await s1.stop();

      clock.offsetMs = 31 * 86_400_000; // long past the 24 hours an Idempotency-Key is kept
      const s2 = await startTestServer({ dataDir, now });
      try {
        const count = await issuedCount(s2);
        const again = await s2.call('POST', '/api/v1/awards', { body: { achievement: achievementKey, recipients: rows } });
        expect(again.json.summary).to.deep.equal({ issued: 0, duplicate: 2, invalid: 0, failed: 0 });
        // The same credentials (the port, and so the URL's origin, is new after the restart).
        const keyOf = (r: any) => new URL(r.id).pathname;
        expect(again.json.results.map(keyOf)).to.deep.equal(first.json.results.map(keyOf));
        expect(again.json.results.map((r: any) => r.credential.proof.proofValue)).to.deep.equal(first.json.results.map((r: any) => r.credential.proof.proofValue));
        expect(await issuedCount(s2)).to.equal(count);
      } finally {
        await s2.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
