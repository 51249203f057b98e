// Each kind of bad input gets a clear JSON error and changes nothing; plus the less common good
// paths (DID recipients, uploaded images, direct awards by an integrator, schema migrations).
import { describe, it, before, after, expect } from '@col/harness';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { unbake } from '@citiesoflearning/core';
import { generateKeyPair, signCredentialJwt, multibaseToJwk, verifyDataIntegrityProof } from '@citiesoflearning/verify';
import { sqliteOnly, startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('bad input', () => {
  let s: TestServer;
  let b: Awaited<ReturnType<typeof seedBasics>>;
  before(async () => {
    s = await startTestServer();
    b = await seedBasics(s, { uses: 100 });
  });
  after(async () => s?.stop());

  const expectError = (res: { status: number; json: any }, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.json)).to.equal(status);
    expect(res.json.code).to.equal(code);
    expect(res.json.message).to.be.a('string').and.not.match(/\bat\s.+:\d+:\d+/);
  };

  it('claims: missing or malformed fields', async () => {
    const post = (body: unknown) => s.call('POST', '/api/v1/claims', { body, token: null });
    expectError(await post({ code: b.codes[0], recipient: { email: 'a@example.org' } }), 400, 'invalid-request');
    expectError(await post({ achievement: b.achievementKey, recipient: { email: 'a@example.org' } }), 400, 'invalid-request');
    expectError(await post({ achievement: b.achievementKey, code: b.codes[0], ticket: 'x.y.z', recipient: { email: 'a@example.org' } }), 400, 'invalid-request');
    expectError(await post({ achievement: b.achievementKey, code: b.codes[0] }), 400, 'invalid-request');
    expectError(await post({ achievement: b.achievementKey, code: b.codes[0], recipient: 'a@example.org' }), 400, 'invalid-request');
    expectError(await post({ achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'a@@example' } }), 400, 'invalid-email');
    expectError(await post({ achievement: b.achievementKey, code: b.codes[0], recipient: { email: `${'a'.repeat(250)}@example.org` } }), 400, 'invalid-email');
    expectError(await post({ achievement: 'not a key!', code: b.codes[0], recipient: { email: 'a@example.org' } }), 400, 'invalid-request');
    expectError(await post({ achievement: 'no-such-badge', code: b.codes[0], recipient: { email: 'a@example.org' } }), 404, 'not-found');
    expectError(await post({ achievement: b.achievementKey, code: 12345, recipient: { email: 'a@example.org' } }), 400, 'invalid-request');
    expectError(await post([1, 2, 3]), 400, 'invalid-request');
    expectError(await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'a@example.org' } }, token: null, headers: { 'idempotency-key': 'bad key with spaces' } }), 400, 'invalid-request');
    // Nothing was consumed by any of that.
    const db = await s.openDatabase();
    // (Codes are stored hashed: the achievement's only code is this one.)
    expect((await db.get<{ uses_left: number }>('SELECT uses_left FROM claim_codes WHERE achievement_key = ?', b.achievementKey))?.uses_left).to.equal(100);
    await db.close();
  });

  it('claim tickets: malformed, unknown key, wrong audience, expired, too long-lived, wrong badge, replayed', async () => {
    const keys = await generateKeyPair('Ed25519');
    await s.call('POST', `/api/v1/issuers/${b.issuerKey}/ticket-keys`, { body: { jwk: keys.publicJwk, kid: 'lms-1' } });
    const now = Math.floor(Date.now() / 1000);
    const ticket = (claims: Record<string, unknown>, kid = 'lms-1', key = keys.privateJwk) =>
      signCredentialJwt({ aud: `${s.url}/api/v1/claims`, exp: now + 600, jti: `jti-${Math.random().toString(36).slice(2)}`, achievement: b.achievementKey, email: 'pupil@example.org', ...claims }, { privateJwk: key, kid });
    const post = async (t: string | Promise<string>, email = 'pupil@example.org') => s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, ticket: await t, recipient: { email } }, token: null });
    expectError(await post('not-a-jws'), 401, 'ticket-invalid');
    expectError(await post(ticket({}, 'unknown-kid')), 401, 'ticket-invalid');
    expectError(await post(ticket({ aud: 'https://elsewhere.example' })), 401, 'ticket-invalid');
    expectError(await post(ticket({ exp: now - 120 })), 409, 'ticket-expired');
    expectError(await post(ticket({ exp: now + 86_400 })), 401, 'ticket-invalid');
    expectError(await post(ticket({ exp: undefined })), 401, 'ticket-invalid');
    expectError(await post(ticket({ jti: 'short' })), 401, 'ticket-invalid');
    expectError(await post(ticket({ achievement: 'some-other-badge' })), 403, 'ticket-mismatch');
    expectError(await post(ticket({}, 'lms-1', (await generateKeyPair()).privateJwk)), 401, 'ticket-invalid');
    // A hashed learner works; the same ticket twice does not.
    const { createHash } = await import('node:crypto');
    const hashed = await ticket({ email: undefined, email_sha256: createHash('sha256').update('pupil@example.org').digest('hex') });
    expect((await post(hashed, ' Pupil@Example.org ')).status).to.equal(201);
    expectError(await post(hashed), 409, 'ticket-used');
  });

  it('achievements, codes, issuers, opportunities and keys refuse bad fields', async () => {
    const make = (extra: Record<string, unknown>) => s.call('POST', '/api/v1/achievements', { body: { issuer: b.issuerKey, name: 'N', description: 'D', criteria: 'C', ...extra } });
    expectError(await make({ achievementType: 'Trophy' }), 400, 'invalid-request');
    expectError(await make({ image: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>' }), 400, 'unsafe-image');
    expectError(await make({ image: 'data:image/png;base64,AAAA' }), 400, 'invalid-request');
    expectError(await make({ image: 'http://insecure.example/a.png' }), 400, 'invalid-request');
    expectError(await make({ alignment: [{ targetName: 'x' }] }), 400, 'invalid-request');
    expectError(await make({ criteria: 42 }), 400, 'invalid-request');
    expectError(await make({ key: 'has spaces' }), 400, 'invalid-request');
    expectError(await make({ issuer: 'no-such-issuer' }), 404, 'not-found');
    expectError(await s.call('POST', `/api/v1/achievements/${b.achievementKey}/claim-codes`, { body: { count: 5000 } }), 400, 'invalid-request');
    expectError(await s.call('POST', `/api/v1/achievements/${b.achievementKey}/claim-codes`, { body: { expiresAt: '2001-01-01T00:00:00Z' } }), 400, 'invalid-request');
    expectError(await s.call('POST', `/api/v1/achievements/${b.achievementKey}/claim-codes`, { body: { expiresAt: 'tomorrow' } }), 400, 'invalid-request');
    expectError(await s.call('POST', '/api/v1/issuers', { body: { name: 'X', url: 'javascript:alert(1)' } }), 400, 'invalid-request');
    expectError(await s.call('POST', '/api/v1/opportunities', { body: { provider: b.issuerKey, title: 'T', areaCode: 'Brightwater' } }), 400, 'invalid-request');
    expectError(await s.call('POST', '/api/v1/opportunities', { body: { provider: b.issuerKey, title: 'T', location: { latitude: 200, longitude: 0 } } }), 400, 'invalid-request');
    expectError(await s.call('POST', '/api/v1/opportunities', { body: { provider: b.issuerKey, title: 'T', startsAt: '2030-02-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' } }), 400, 'invalid-request');
    expectError(await s.call('POST', `/api/v1/issuers/${b.issuerKey}/ticket-keys`, { body: { jwk: { kty: 'oct', k: 'c2VjcmV0' } } }), 400, 'private-key-sent');
    expectError(await s.call('POST', `/api/v1/issuers/${b.issuerKey}/ticket-keys`, { body: { jwk: { kty: 'RSA', n: 'x', e: 'AQAB' } } }), 400, 'key-unsupported');
    expectError(await s.call('GET', '/api/v1/pathways/x?version=zero', { token: null }), 400, 'invalid-request');
  });

  it('names the field at fault in `field`, so a program or an element can say which one in its own words', async () => {
    const fieldOf = async (res: Promise<{ status: number; json: any }>) => {
      const answer = await res;
      expectError(answer, 400, 'invalid-request');
      return answer.json.field;
    };
    const make = (extra: Record<string, unknown>) => s.call('POST', '/api/v1/achievements', { body: { issuer: b.issuerKey, name: 'N', description: 'D', criteria: 'C', ...extra } });
    expect(await fieldOf(s.call('GET', '/api/v1/opportunities?from=tomorrow', { token: null }))).to.equal('from');
    expect(await fieldOf(s.call('GET', '/api/v1/opportunities?to=2030-13-45', { token: null }))).to.equal('to');
    expect(await fieldOf(make({ name: 'N'.repeat(201) }))).to.equal('name');
    expect(await fieldOf(make({ key: 'has spaces' }))).to.equal('key');
    expect(await fieldOf(s.call('POST', `/api/v1/achievements/${b.achievementKey}/claim-codes`, { body: { expiresAt: 'tomorrow' } }))).to.equal('expiresAt');
    expect(await fieldOf(s.call('POST', '/api/v1/issuers', { body: { name: 'X', url: 'javascript:alert(1)' } }))).to.equal('url');
  });
});

describe('other good paths', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => s?.stop());

  it('issues to a DID as credentialSubject.id, verifiably, with no identifier', async () => {
    const b = await seedBasics(s);
    const res = await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' } }, token: null });
    expect(res.status).to.equal(201);
    expect(res.json.credential.credentialSubject.id).to.equal('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
    expect(res.json.credential.credentialSubject.identifier).to.equal(undefined);
    const profile = (await s.call('GET', `/api/v1/issuers/${b.issuerKey}`)).json;
    expect((await verifyDataIntegrityProof(res.json.credential, res.json.credential.proof, multibaseToJwk(profile.verificationMethod.find((m: any) => m.id === res.json.credential.proof.verificationMethod).publicKeyMultibase))).ok).to.equal(true);
  });

  it('bakes into the uploaded PNG image', async () => {
    const b = await seedBasics(s);
    const a = await s.call('POST', '/api/v1/achievements', { body: { issuer: b.issuerKey, name: 'Pictured', description: 'd', criteria: 'c', image: `data:image/png;base64,${PNG_1x1}`, imageCaption: 'A tiny square' } });
    expect(a.json.image.caption).to.equal('A tiny square');
    const img = await fetch(a.json.image.id);
    expect(img.headers.get('content-type')).to.equal('image/png');
    expect(Buffer.from(await img.arrayBuffer()).toString('base64')).to.equal(PNG_1x1);
    const code = (await s.call('POST', `/api/v1/achievements/${a.json.key}/claim-codes`, { body: {} })).json.codes[0];
    const award = (await s.call('POST', '/api/v1/claims', { body: { achievement: a.json.key, code, recipient: { email: 'pic@example.org' } }, token: null })).json;
    const baked = new Uint8Array(await (await fetch(award.links.png)).arrayBuffer());
    expect(baked.length).to.be.lessThan(Buffer.from(PNG_1x1, 'base64').length + award.links.png.length + JSON.stringify(award.credential).length + 200);
    expect(JSON.parse(unbake(baked)!.text).id).to.equal(award.id);
  });

  it('lets the admin or the issuer\'s provider key award directly (no code), but not anonymous callers or other providers', async () => {
    const b = await seedBasics(s, { issuer: 'direct-a' });
    await seedBasics(s, { issuer: 'direct-b' });
    const keyA = (await s.call('POST', '/api/v1/issuers/direct-a/api-keys', { body: {} })).json.key;
    const keyB = (await s.call('POST', '/api/v1/issuers/direct-b/api-keys', { body: {} })).json.key;
    const body = { achievement: b.achievementKey, recipient: { email: 'bulk@example.org' } };
    expect((await s.call('POST', '/api/v1/claims', { body, token: keyA })).status).to.equal(201);
    expect((await s.call('POST', '/api/v1/claims', { body })).status).to.equal(201);
    expect((await s.call('POST', '/api/v1/claims', { body, token: keyB })).status).to.equal(403);
    expect((await s.call('POST', '/api/v1/claims', { body, token: null })).status).to.equal(400);
  });

  it('OB 3.0 credential list: paging with X-Total-Count and Link, since, and provider scoping', async () => {
    const b = await seedBasics(s, { issuer: 'paging', uses: 10 });
    const key = (await s.call('POST', '/api/v1/issuers/paging/api-keys', { body: {} })).json.key;
    for (let i = 0; i < 5; i++) await s.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: `p${i}@example.org` } }, token: null });
    const page = await s.call('GET', '/ims/ob/v3p0/credentials?limit=2&offset=2', { token: key });
    expect(page.json.credential).to.have.length(2);
    expect(page.headers.get('x-total-count')).to.equal('5');
    const links = Object.fromEntries([...page.headers.get('link')!.matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2], new URL(m[1]!).searchParams.get('offset')]));
    expect(links).to.deep.equal({ first: '0', last: '4', next: '4', prev: '0' });
    expect(page.json.credential.every((c: any) => c.issuer.id.endsWith('/issuers/paging'))).to.equal(true);
    const future = await s.call('GET', '/ims/ob/v3p0/credentials?since=2999-01-01T00:00:00Z', { token: key });
    expect(future.json.credential).to.deep.equal([]);
    expect(future.headers.get('x-total-count')).to.equal('0');
  });

  describe('on SQLite', { skip: sqliteOnly("WAL mode and SQLite's user_version (PostgreSQL's schema_version: sql-postgres.test.ts)") }, () => {
    it('migrations: reopening is a no-op, and a database from a newer server is refused', async () => {
      const dataDir = s.dataDir;
      await s.close();
      const db = new Database(join(dataDir, 'col.sqlite'));
      expect(db.pragma('journal_mode', { simple: true })).to.equal('wal');
      const version = db.pragma('user_version', { simple: true }) as number;
      expect(version).to.be.greaterThan(0);
      db.pragma(`user_version = ${version + 1}`);
      db.close();
      let failed: unknown;
      try {
        await startTestServer({ dataDir });
      } catch (error) {
        failed = error;
      }
      expect(String(failed)).to.match(/newer server/);
      const fix = new Database(join(dataDir, 'col.sqlite'));
      fix.pragma(`user_version = ${version}`);
      fix.close();
      s = await startTestServer({ dataDir });
      expect((await s.call('GET', '/api/v1/health')).status).to.equal(200);
    });
  });
});
