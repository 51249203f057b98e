// Per-issuer signing keys: each issuer signs with its own key, one issuer's key cannot speak for
// another, removed keys lose their private part, and a data directory from before per-issuer keys
// (schema 2) upgrades in place with its old credentials still verifying.
import { describe, it, before, after, expect } from '@col/harness';
import { isColError } from '@citiesoflearning/core';
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { didWebToUrl, signDataIntegrity, signCredentialJwt, verify } from '@citiesoflearning/verify';
import { isoNow, urls, type ServerContext } from '../src/context.js';
import type { SqlDatabase } from '../src/sql/sql.js';
import { createApp } from '@citiesoflearning/server';
import { issueAward } from '../src/issue.js';
import { currentStatusList, writeStatusBit } from '../src/status.js';
import { activeIssuerKey, addIssuerKey, listedIssuerKeys, removeIssuerKey } from '../src/issuer-keys.js';
import { issuerKeyIsListed } from '../src/store/issuer-keys.js';
import { ADMIN, sqliteOnly, startTestServer, testStorage, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

// The test server is on loopback, which verify() may refuse by default (SSRF guard): opt in.
const check = (input: object | string) => verify(input, { allowPrivateNetwork: true });

/**
 * `ctx` whose `nth` transaction first runs `step` (on the real database, through `ctx.sql`): a
 * way to put an operator's action at one exact point of a request on either engine, where
 * waiting a tick would depend on how fast that engine answers.
 */
function beforeTransaction(ctx: ServerContext, nth: number, step: () => Promise<void>): ServerContext {
  let opened = 0;
  const sql = new Proxy(ctx.sql, {
    get(target, property) {
      if (property === 'transaction') {
        return async (...args: Parameters<SqlDatabase['transaction']>) => {
          if (++opened === nth) await step();
          return target.transaction(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...ctx, sql };
}

async function claim(s: TestServer, achievement: string, code: string, email = 'keys.learner@example.org') {
  const res = await s.call('POST', '/api/v1/claims', { body: { achievement, code, recipient: { email } }, token: null });
  expect(res.status, res.text).to.equal(201);
  return res.json;
}

describe('per-issuer signing keys', () => {
  let s: TestServer;
  let a: Awaited<ReturnType<typeof seedBasics>>;
  let b: Awaited<ReturnType<typeof seedBasics>>;

  before(async () => {
    s = await startTestServer();
    a = await seedBasics(s, { issuer: 'provider-a', uses: 5 });
    b = await seedBasics(s, { issuer: 'provider-b', uses: 5 });
  });
  after(async () => s?.stop());

  it('signs each issuer with its own key, listed in its Profile over plain http, never the server-wide one', async () => {
    const fromA = await claim(s, a.achievementKey, a.codes[0]!);
    const fromB = await claim(s, b.achievementKey, b.codes[0]!);
    // Over http the issuer is its Profile URL (did:web needs https); its own key is listed there.
    expect(fromA.credential.issuer.id).to.equal(`${s.url}/api/v1/issuers/provider-a`);
    const vmA = fromA.credential.proof.verificationMethod as string;
    const vmB = fromB.credential.proof.verificationMethod as string;
    expect(vmA).to.match(new RegExp(`^${s.url}/api/v1/issuers/provider-a#z6Mk`));
    expect(vmA.split('#')[1]).to.not.equal(vmB.split('#')[1]);
    const profile = (await s.call('GET', '/api/v1/issuers/provider-a', { token: null })).json;
    expect(profile.assertionMethod).to.deep.equal([`${s.url}/api/v1/issuers/provider-a#key-1`, vmA]);
    for (const c of [fromA, fromB]) expect((await check(c.credential)).outcome).to.equal('verified');
    // No response carries a private key member.
    for (const path of ['/api/v1/issuers', '/api/v1/issuers/provider-a', '/api/v1/issuers/provider-a/did.json', '/.well-known/jwks.json', '/.well-known/did.json']) {
      expect((await s.call('GET', path, { token: null })).text, path).to.not.match(/"d"\s*:|private/i);
    }
  });

  it("attack: a leaked key of one issuer cannot sign for another (DI proof and VC-JWT)", async () => {
    const db = await s.openDatabase();
    const row = (await db.get<{ kid: string; private_jwk: string }>("SELECT kid, private_jwk FROM issuer_keys WHERE issuer_key = 'provider-a' AND removed_at IS NULL"))!;
    await db.close();
    const stolen = JSON.parse(row.private_jwk) as JsonWebKey;
    const genuine = (await claim(s, b.achievementKey, b.codes[0]!)).credential;
    const { proof: _proof, ...unsigned } = genuine;
    unsigned.credentialSubject.achievement.name = 'Forged in B’s name';
    // Named as B's key, as A's key, and as the server-wide key: none is B's.
    for (const vm of [`${s.url}/api/v1/issuers/provider-b#${row.kid}`, `${s.url}/api/v1/issuers/provider-a#${row.kid}`, `${s.url}/api/v1/issuers/provider-b#key-1`]) {
      const forged = await signDataIntegrity(unsigned, { privateJwk: stolen, verificationMethod: vm, cryptosuite: 'eddsa-rdfc-2022' });
      const report = await check(forged);
      expect(report.outcome, `${vm}: ${JSON.stringify(report.checks)}`).to.equal('failed');
      const jwt = await signCredentialJwt(unsigned, { privateJwk: stolen, kid: vm, alg: 'EdDSA' });
      expect((await check(jwt)).outcome, `JWT ${vm}`).to.equal('failed');
    }
  });

  it('rotation: the new key signs, the old keeps verifying until removed, and its private part is erased', async () => {
    const old = await claim(s, a.achievementKey, a.codes[0]!);
    const rotated = await s.call('POST', '/api/v1/issuers/provider-a/keys');
    expect(rotated.status, rotated.text).to.equal(201);
    const fresh = await claim(s, a.achievementKey, a.codes[0]!);
    expect(fresh.credential.proof.verificationMethod).to.equal(rotated.json.id);
    expect((await check(old.credential)).outcome).to.equal('verified');
    expect((await check(old.jwt)).outcome).to.equal('verified');
    const oldKid = old.credential.proof.verificationMethod.split('#')[1];
    expect((await s.call('DELETE', `/api/v1/issuers/provider-a/keys/${oldKid}`)).status).to.equal(200);
    const report = await check(old.credential);
    expect(report.outcome).to.equal('failed');
    // The issuer no longer lists the key for issuing: the key check says so.
    expect(report.checks.find((c) => c.id === 'key')?.code).to.equal('vm-not-assertion');
    expect((await check(fresh.credential)).outcome).to.equal('verified');
    const db = await s.openDatabase();
    const removed = (await db.get<{ private_jwk: string | null; removed_at: string | null }>('SELECT private_jwk, removed_at FROM issuer_keys WHERE issuer_key = ? AND kid = ?', 'provider-a', oldKid))!;
    await db.close();
    expect(removed.private_jwk).to.equal(null);
    expect(removed.removed_at).to.be.a('string');
    // Another provider's key may not rotate or remove this issuer's keys.
    const providerB = (await s.call('POST', '/api/v1/issuers/provider-b/api-keys', { body: {} })).json.key;
    expect((await s.call('POST', '/api/v1/issuers/provider-a/keys', { token: providerB })).status).to.equal(403);
    expect((await s.call('DELETE', `/api/v1/issuers/provider-a/keys/${rotated.json.kid}`, { token: providerB })).status).to.equal(403);
    expect((await s.call('DELETE', '/api/v1/issuers/provider-a/keys/not-a-key')).json.code).to.equal('not-found');
    // Even the admin cannot remove one issuer's key through another issuer's address.
    const keyOfB = (await s.call('GET', '/api/v1/issuers/provider-b/did.json', { token: null })).json.verificationMethod[0].id.split('#')[1];
    const crossed = await s.call('DELETE', `/api/v1/issuers/provider-a/keys/${keyOfB}`);
    expect([crossed.status, crossed.json.code]).to.deep.equal([404, 'not-found']);
    expect((await s.call('GET', '/api/v1/issuers/provider-b/did.json', { token: null })).json.assertionMethod.map((id: string) => id.split('#')[1])).to.include(keyOfB);
    // No such issuer: no DID document, and no key to add.
    expect((await s.call('GET', '/api/v1/issuers/no-such-issuer/did.json', { token: null })).status).to.equal(404);
    expect((await s.call('POST', '/api/v1/issuers/no-such-issuer/keys')).status).to.equal(404);
    // Anonymous callers may do neither.
    expect((await s.call('POST', '/api/v1/issuers/provider-a/keys', { token: null })).status).to.equal(401);
  });
});

describe('a key removed while a credential is being signed with it', () => {
  it('is not what the stored credential names: the credential is signed again with the current key', async () => {
    const base = 'https://badges.example.org';
    const { app, context: ctx, close } = await createApp({ ...(await testStorage(':memory:')), baseUrl: base, adminKey: ADMIN, env: {} });
    try {
      const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
      const post = async (path: string, body: unknown) => {
        const res = await app.request(path, { method: 'POST', headers: admin, body: JSON.stringify(body) });
        expect(res.status, path).to.equal(201);
        return (await res.json()) as Record<string, any>;
      };
      await post('/api/v1/issuers', { key: 'leaky', name: 'Leaky Provider', url: 'https://leaky.example' });
      const achievement = await post('/api/v1/achievements', { issuer: 'leaky', name: 'Mid-rotation', description: 'Earned mid-rotation.', criteria: 'Be there.' });
      const leaked = (await activeIssuerKey(ctx.sql, 'leaky')).kid;
      // The operator rotates and removes the key after it was read and the credential signed
      // with it, just before the signed credential is stored (issuing's second transaction).
      let rotated = false;
      const issued = await issueAward(beforeTransaction(ctx, 2, async () => {
        await ctx.sql.transaction((tx) => addIssuerKey(tx, 'leaky', isoNow(ctx)));
        await removeIssuerKey(ctx, 'leaky', leaked);
        rotated = true;
      }), {
        achievementKey: achievement.key,
        recipient: { email: 'mid.rotation@example.org' },
        source: 'admin',
      });
      expect(rotated, 'the key was rotated').to.equal(true);
      const vm = (issued.credential.proof as { verificationMethod: string }).verificationMethod;
      expect((await listedIssuerKeys(ctx.sql, 'leaky')).map((k) => k.kid)).to.not.include(leaked);
      expect(vm.endsWith(`#${leaked}`), 'signed with the removed key').to.equal(false);
      // It verifies against what the issuer publishes now (its DID document and status lists).
      const documents: Record<string, unknown> = {};
      const did = didWebToUrl((issued.credential.issuer as { id: string }).id);
      documents[did] = await (await app.request(new URL(did).pathname)).json();
      for (const entry of issued.credential.credentialStatus as Array<{ statusListCredential: string }>) {
        documents[entry.statusListCredential] = await (await app.request(new URL(entry.statusListCredential).pathname)).json();
      }
      for (const form of [issued.credential, issued.jwt]) {
        const report = await verify(form, { documents, offline: true });
        expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
      }
      // And the server stored what the learner was given.
      const stored = await (await app.request(new URL(issued.id).pathname, { headers: { accept: 'application/json' } })).json();
      expect(stored.proof.verificationMethod).to.equal(vm);
    } finally {
      await close();
    }
  });
});

describe('a key removal racing the transaction that stores what was signed with the key', () => {
  it('waits for that READ COMMITTED transaction, which found the key listed, to commit first', async () => {
    const { app, context: ctx, close } = await createApp({ ...(await testStorage(':memory:')), baseUrl: 'https://badges.example.org', adminKey: ADMIN, env: {} });
    try {
      const made = await app.request('/api/v1/issuers', { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ key: 'leaky', name: 'Leaky Provider', url: 'https://leaky.example' }) });
      expect(made.status).to.equal(201);
      const leaked = (await activeIssuerKey(ctx.sql, 'leaky')).kid;
      await ctx.sql.transaction((tx) => addIssuerKey(tx, 'leaky', isoNow(ctx)));
      const events: string[] = [];
      let removal: Promise<void> | undefined;
      await ctx.sql.transaction(
        async (tx) => {
          expect(await issuerKeyIsListed(tx, 'leaky', leaked)).to.equal(true);
          // The operator removes the key now, on another connection (PostgreSQL) or in the
          // queue behind this transaction (SQLite): either way it must not land before the commit.
          removal ??= removeIssuerKey(ctx, 'leaky', leaked).then(() => void events.push('removed'));
          await new Promise((resolve) => setTimeout(resolve, 300));
          events.push('stored');
        },
        { isolation: 'read-committed' },
      );
      await removal;
      expect(events).to.deep.equal(['stored', 'removed']);
      expect((await listedIssuerKeys(ctx.sql, 'leaky')).map((k) => k.kid)).to.not.include(leaked);
    } finally {
      await close();
    }
  });
});

describe('a key removed while a status list is being signed with it', () => {
  it('does not serve that list: it is signed again with the current key', async () => {
    const { app, context: ctx, close } = await createApp({ ...(await testStorage(':memory:')), baseUrl: 'https://badges.example.org', adminKey: ADMIN, env: {} });
    try {
      const made = await app.request('/api/v1/issuers', { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ key: 'leaky', name: 'Leaky Provider', url: 'https://leaky.example' }) });
      expect(made.status).to.equal(201);
      const leaked = (await activeIssuerKey(ctx.sql, 'leaky')).kid;
      // A revocation moves the bits; a verifier asks for the list, and it is being re-signed…
      await ctx.sql.transaction((tx) => writeStatusBit(tx, 'leaky', 'revocation', 7, true));
      // …when (its key read, the list signed) the operator rotates and removes the key it was
      // signed with, just before the signed list is saved (the first transaction it opens).
      let rotated = false;
      const answered = (await currentStatusList(beforeTransaction(ctx, 1, async () => {
        await ctx.sql.transaction((tx) => addIssuerKey(tx, 'leaky', isoNow(ctx)));
        await removeIssuerKey(ctx, 'leaky', leaked);
        rotated = true;
      }), 'leaky', 'revocation', 'did')) as { proof: { verificationMethod: string } };
      expect(rotated, 'the key was rotated').to.equal(true);
      const [current] = await listedIssuerKeys(ctx.sql, 'leaky');
      expect(current!.kid).to.not.equal(leaked);
      expect(answered.proof.verificationMethod).to.equal(`did:web:badges.example.org:api:v1:issuers:leaky#${current!.kid}`);
      // What the list's URL serves from now on is the same re-signed copy.
      const served = (await (await app.request('/api/v1/issuers/leaky/did/status/revocation')).json()) as { proof: { verificationMethod: string } };
      expect(served.proof.verificationMethod).to.equal(answered.proof.verificationMethod);
    } finally {
      await close();
    }
  });
});

describe('issuer DIDs', () => {
  it('carry the port (as %3A) and any base path, and resolve to the DID document the server serves', () => {
    for (const [base, did] of [
      ['https://badges.example.org', 'did:web:badges.example.org:api:v1:issuers:city-library'],
      ['https://127.0.0.1:8443', 'did:web:127.0.0.1%3A8443:api:v1:issuers:city-library'],
      ['https://example.org/cities/brightwater', 'did:web:example.org:cities:brightwater:api:v1:issuers:city-library'],
    ] as const) {
      const u = urls(base);
      expect(u.issuerDid('city-library')).to.equal(did);
      // What every did:web resolver fetches is exactly where the server serves the document.
      expect(didWebToUrl(did)).to.equal(u.issuerDidDocument('city-library'));
    }
  });
});

describe('the base URL every id and DID is minted from', () => {
  it('refuses one that would mint broken or leaky ids, before anything is stored, with a plain sentence', async () => {
    for (const [baseUrl, said] of [
      ['not a url', /is not a web address/],
      ['ftp://badges.example.org', /must start with https:\/\//],
      ['javascript:alert(1)', /must start with https:\/\//],
      ['https://admin:s3cret@badges.example.org', /must not contain a user name or password/],
      ['https://badges.example.org/?tenant=1', /\?query or #fragment/],
      ['https://badges.example.org/#top', /\?query or #fragment/],
      ['https://badges.example.org/?', /\?query or #fragment/],
    ] as const) {
      const error = await thrownRejection(createApp({ ...(await testStorage(':memory:')), baseUrl, adminKey: ADMIN, env: {} }));
      expect(error.code, baseUrl).to.equal('base-url-invalid');
      expect(error.message, baseUrl).to.match(said);
      expect(error.message, 'never echoes a password').to.not.contain('s3cret');
    }
    // Trailing slashes are dropped; a base path is kept (and becomes part of the DIDs).
    const { app, close } = await createApp({ ...(await testStorage(':memory:')), baseUrl: 'https://example.org/badges//', adminKey: ADMIN, env: {} });
    try {
      const made = await app.request('/api/v1/issuers', { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ key: 'museum', name: 'Museum', url: 'https://museum.example' }) });
      expect(made.headers.get('location')).to.equal('https://example.org/badges/api/v1/issuers/museum');
      expect(((await (await app.request('/api/v1/issuers/museum/did.json')).json()) as { id: string }).id).to.equal('did:web:example.org:badges:api:v1:issuers:museum');
    } finally {
      await close();
    }
  });
});

/** The ColError a promise rejects with (anything else fails the test). */
async function thrownRejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isColError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('upgrading a data directory from before per-issuer keys', { skip: sqliteOnly('rebuilds an SQLite file of schema v2, from before PostgreSQL was supported') }, () => {
  it('gives old issuers a key at start-up; credentials signed with the server-wide key keep verifying', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'col-upgrade-'));
    try {
      let s = await startTestServer({ dataDir });
      const basics = await seedBasics(s, { issuer: 'old-provider', uses: 3 });
      const before = await claim(s, basics.achievementKey, basics.codes[0]!);
      // What the previous version issued: the Profile as issuer, the server-wide `#key-1`.
      const serverKey = JSON.parse((await import('node:fs')).readFileSync(join(dataDir, 'signing-key.jwk.json'), 'utf8')) as JsonWebKey;
      const { proof: _p, ...unsigned } = before.credential;
      const legacy = await signDataIntegrity(unsigned, { privateJwk: serverKey, verificationMethod: `${s.url}/api/v1/issuers/old-provider#key-1`, cryptosuite: 'eddsa-rdfc-2022' });
      const url = s.url;
      await s.stop();
      // Turn the database back into schema 2, as the previous version left it.
      const db = new Database(join(dataDir, 'col.sqlite'));
      db.exec('DROP TABLE issuer_keys; ALTER TABLE status_lists DROP COLUMN did_credential; ALTER TABLE status_lists DROP COLUMN did_credential_version; PRAGMA user_version = 2;');
      // …without what schema 6 added (shared rate-limit counters)…
      db.exec('DROP TABLE rate_limits;');
      // …without what schema 5 added (priorities, issuer areas, shares, the insight counts)…
      db.exec(`DROP TRIGGER insight_count_inserted; DROP TRIGGER insight_count_issued; DROP TRIGGER insight_count_revoked; DROP TRIGGER insight_count_deleted;
        DROP TABLE insight_monthly; DROP TABLE priorities; DROP TABLE shares; ALTER TABLE issuers DROP COLUMN area_code;`);
      // …and without what schema 4 added (bulk-award external ids, status-change stamps).
      db.exec('DROP TABLE award_external_ids; DROP TRIGGER credentials_status_changed; DROP INDEX credentials_by_change; ALTER TABLE credentials DROP COLUMN status_changed_at;');
      db.close();

      s = await startTestServer({ dataDir, port: Number(new URL(url).port) });
      try {
        expect(s.url).to.equal(url);
        // The process's fetch pool may still hold a keep-alive socket to the stopped server: the
        // first request on it fails. Spend it on a health check.
        await fetch(`${url}/api/v1/health`).catch(() => undefined);
        expect(s.logs.join('\n')).to.contain('made a signing key for 1 issuer(s)');
        // The operator is told why these issuers are not DIDs.
        expect(s.logs.join('\n')).to.contain('issuers are named by their Profile URLs: did:web needs https');
        const report = await check(legacy);
        expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
        const after = await claim(s, basics.achievementKey, basics.codes[0]!);
        expect(after.credential.proof.verificationMethod).to.match(/#z6Mk/);
        expect((await check(after.credential)).outcome).to.equal('verified');
      } finally {
        await s.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
