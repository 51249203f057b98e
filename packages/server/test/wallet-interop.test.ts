// Wallet-grade interoperability (issue 17, issue 8 item 6): the demo server, serving HTTPS itself
// with a throwaway CA, issues credentials under did:web issuers; DCC's verifier-core, Digital
// Bazaar's vc + eddsa-rdfc-2022 (plain document loader) and our verify() all accept every one —
// claims, direct awards, milestones — see revocation, and keep accepting credentials signed with
// a key the issuer rotated away from, until that key is removed — served by the server itself
// over TLS, and from behind a TLS-terminating reverse proxy with a base path, as the README
// describes. All traffic stays on loopback.
import { describe, it, before, after, expect } from '@col/harness';
import { execFile } from 'node:child_process';
import { request, createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signDataIntegrity, signCredentialJwt } from '@citiesoflearning/verify';
import { startServer, type RunningServer } from '@citiesoflearning/server';
import { makeThrowawayTls, type ThrowawayTls } from './support/tls.js';
import { ADMIN, storedSigningKey, testStorage } from './support/test-server.js';

const peerScript = fileURLToPath(new URL('./support/peer-verify.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Item { label: string; credential?: unknown; jwt?: string; ob2?: string }
interface PeerResult {
  label: string;
  dcc?: { validSignature: boolean; revocation?: boolean; suspension?: boolean; errors: string[] };
  db?: { verified: boolean; proofVerified: boolean; statuses: Array<{ purpose: string; verified: boolean; status: boolean }>; errors: string[] };
  ours?: { outcome: string; checks: Record<string, string> };
  oursJwt?: { outcome: string; checks: Record<string, string> };
}

/** JSON over https, trusting only the throwaway CA; `path` is resolved against `base`. */
function httpsCall(base: string, ca: string, method: string, path: string, body?: unknown, token: string | null = ADMIN): Promise<{ status: number; type: string; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, ca, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type'] ?? ''), json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

/** Run the three verifiers in a child process that trusts the throwaway CA. */
async function runPeers(dir: string, tls: ThrowawayTls, items: Item[]): Promise<{ results: PeerResult[]; offLoopback: string[] }> {
  const input = join(dir, `in-${Math.random().toString(36).slice(2)}.json`);
  const output = `${input}.out`;
  await writeFile(input, JSON.stringify({ items }));
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--conditions=@citiesoflearning/source', peerScript, input, output], {
      cwd: repoRoot, env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.certFile }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024,
    }, (error, _stdout, stderr) => (error ? reject(new Error(`peer verifiers failed: ${stderr.slice(-2000)}`)) : resolve()));
  });
  const out = JSON.parse(await readFile(output, 'utf8'));
  // Only JSON-LD contexts and the OB JSON Schema may be asked for off loopback, and they were answered locally.
  for (const url of out.offLoopback) expect(url, 'no lookup of an unexpected remote URL').to.match(/^https:\/\/(w3id\.org|www\.w3\.org|purl\.imsglobal\.org)\//);
  expect(out.results.map((r: PeerResult) => r.label)).to.deep.equal(items.map((i) => i.label));
  return out;
}

function expectAccepted(r: PeerResult) {
  const why = JSON.stringify(r, null, 1);
  expect(r.dcc!.validSignature, `DCC: ${why}`).to.equal(true);
  expect(r.dcc!.errors, `DCC: ${why}`).to.deep.equal([]);
  expect(r.dcc!.revocation, `DCC revocation: ${why}`).to.equal(true);
  expect(r.db!.verified, `Digital Bazaar: ${why}`).to.equal(true);
  expect(r.db!.statuses.map((s) => [s.purpose, s.verified, s.status]), `Digital Bazaar status: ${why}`).to.deep.equal([['revocation', true, false], ['suspension', true, false]]);
  expect(r.ours!.outcome, `ours: ${why}`).to.equal('verified');
}

/** What every verifier must say of a revoked credential: the signature holds, the status says revoked. */
function expectRevoked(r: PeerResult) {
  const why = JSON.stringify(r, null, 1);
  expect(r.dcc!.validSignature, `DCC: ${why}`).to.equal(true);
  expect(r.dcc!.revocation, `DCC sees the revocation: ${why}`).to.equal(false);
  expect(r.db!.proofVerified, `Digital Bazaar: ${why}`).to.equal(true);
  // Digital Bazaar's vc reports the status bits beside the verification; the revocation bit is set.
  expect(r.db!.statuses.find((s) => s.purpose === 'revocation'), `Digital Bazaar sees the revocation: ${why}`).to.include({ verified: true, status: true });
  expect(r.db!.statuses.find((s) => s.purpose === 'suspension'), why).to.include({ verified: true, status: false });
  expect(r.ours!.outcome, `ours: ${why}`).to.equal('failed');
  expect(r.ours!.checks.status, `ours: ${why}`).to.equal('failed:revoked');
}

describe('wallet interop over HTTPS: did:web issuers verify in DCC, Digital Bazaar and our verifier', () => {
  let dir: string;
  let tls: ThrowawayTls;
  let server: RunningServer;
  let codes: Map<string, string>;

  const call = (method: string, path: string, body?: unknown, token: string | null = ADMIN) => httpsCall(server.url, tls.cert, method, path, body, token);
  const peers = (items: Item[]) => runPeers(dir, tls, items);

  /** Bulk-award one badge to `email` with a provider key of the badge's issuer (the LMS path). */
  async function bulkAward(achievement: string, email: string) {
    const issuer = (await call('GET', `/api/v1/achievements/${achievement}`, undefined, null)).json.provider as string;
    const providerKey = (await call('POST', `/api/v1/issuers/${issuer}/api-keys`, { label: 'wallet test LMS' })).json.key as string;
    const res = await call('POST', '/api/v1/awards', { achievement, recipients: [{ email }] }, providerKey);
    expect(res.status, JSON.stringify(res.json)).to.equal(200);
    expect(res.json.results[0].status, JSON.stringify(res.json)).to.equal('issued');
    return res.json.results[0] as { id: string; credential: any };
  }

  /** Four claims on the digital-ready pathway, then its milestone badge (new for this learner). */
  async function milestoneFor(email: string) {
    const claims = [];
    for (const a of ['digital-foundations', 'online-communicator', 'information-handler', 'safe-online']) claims.push(await claim(a, email));
    const res = await call('POST', '/api/v1/pathways/digital-ready-brightwater/milestones', { recipient: { email }, credentials: claims.map((c) => c.credential) }, null);
    expect(res.status, JSON.stringify(res.json)).to.equal(200);
    const earned = res.json.awarded.find((x: any) => x.new);
    expect(earned, JSON.stringify(res.json)).to.not.equal(undefined);
    return { claims, earned: earned as { id: string; credential: any; jwt: string } };
  }

  async function claim(achievement: string, email: string) {
    const res = await call('POST', '/api/v1/claims', { achievement, code: codes.get(achievement), recipient: { email } }, null);
    expect(res.status, JSON.stringify(res.json)).to.equal(201);
    return res.json as { id: string; credential: any; jwt: string };
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'col-wallet-'));
    tls = makeThrowawayTls(dir);
    server = await startServer({ port: 0, host: '127.0.0.1', ...(await testStorage(join(dir, 'data'))), demo: true, adminKey: ADMIN, env: {}, claimsPerMinute: 10_000, tls: { cert: tls.cert, key: tls.key } });
    codes = new Map(server.demo!.claimCodes.map((c) => [c.achievement, c.code]));
  });
  after(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("serves HTTPS, and each issuer's DID document at its did:web address with its key as an assertion method", async () => {
    expect(server.url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    const port = new URL(server.url).port;
    const did = `did:web:127.0.0.1%3A${port}:api:v1:issuers:brightwater-libraries`;
    const res = await call('GET', '/api/v1/issuers/brightwater-libraries/did.json', undefined, null);
    expect(res.status).to.equal(200);
    expect(res.type).to.match(/^application\/did\+json/);
    const doc = res.json;
    expect(doc.id).to.equal(did);
    expect(doc['@context']).to.deep.equal(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
    expect(doc.alsoKnownAs).to.deep.equal([`${server.url}/api/v1/issuers/brightwater-libraries`]);
    expect(doc.verificationMethod).to.have.length(1);
    expect(doc.verificationMethod[0]).to.include({ type: 'Multikey', controller: did });
    expect(doc.verificationMethod[0].id).to.equal(`${did}#${doc.verificationMethod[0].publicKeyMultibase}`);
    expect(doc.assertionMethod).to.deep.equal([doc.verificationMethod[0].id]);
    expect(JSON.stringify(doc)).to.not.match(/"d"|privateJwk/);
    // Each issuer has its own key.
    const other = (await call('GET', '/api/v1/issuers/eastgate-makerspace/did.json', undefined, null)).json;
    expect(other.verificationMethod[0].publicKeyMultibase).to.not.equal(doc.verificationMethod[0].publicKeyMultibase);
    // The https Profile names the DID and is a controller document for the server-wide key.
    const profile = (await call('GET', '/api/v1/issuers/brightwater-libraries', undefined, null)).json;
    expect(profile['@context']).to.include('https://w3id.org/security/multikey/v1');
    expect(profile.otherIdentifier[0].identifier).to.equal(did);
    expect(profile.assertionMethod).to.deep.equal([`${server.url}/api/v1/issuers/brightwater-libraries#key-1`]);
  });

  it('every credential the demo issues — claims, a direct award, a bulk award, a milestone, the seeded learner — is accepted by all three verifiers', async () => {
    const email = 'wallet.learner@example.org';
    const { claims, earned } = await milestoneFor(email);
    const award = await call('POST', '/api/v1/claims', { achievement: 'intro-to-coding', recipient: { email } });
    expect(award.status, JSON.stringify(award.json)).to.equal(201);
    const bulk = await bulkAward('peer-mentor', email);

    const port = new URL(server.url).port;
    for (const c of [claims[0]!.credential, award.json.credential, bulk.credential, earned.credential]) {
      expect(c.issuer.id).to.match(new RegExp(`^did:web:127\\.0\\.0\\.1%3A${port}:api:v1:issuers:[a-z-]+$`));
      expect(c.issuer.name).to.be.a('string');
      // The Profile's name, website, email and image stay in the embedded issuer, for people reading the badge.
      const profile = (await call('GET', `/api/v1/issuers/${c.issuer.id.split(':').pop()}`, undefined, null)).json;
      const shown = ({ name, url, email, image }: any) => ({ name, url, email, image });
      expect(shown(c.issuer)).to.deep.equal(shown(profile));
      expect(c.issuer.url).to.match(/^https:\/\//);
      // RDFC, not JCS: DCC's verifier-core ships no eddsa-jcs-2022 suite.
      expect(c.proof).to.include({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
      expect(c.proof.verificationMethod.startsWith(`${c.issuer.id}#z6Mk`)).to.equal(true);
      // Status lists are published under the DID too (peers require the same issuer).
      const list = (await call('GET', new URL(c.credentialStatus[0].statusListCredential).pathname, undefined, null)).json;
      expect(list.issuer).to.equal(c.issuer.id);
    }
    for (const issued of [claims[0]!, award.json, earned]) {
      expect(JSON.parse(Buffer.from(issued.jwt.split('.')[0], 'base64url').toString()).kid).to.equal(issued.credential.proof.verificationMethod);
    }
    // The OB 2.0 view of the same award keeps its https ids (OB 2.0 knows no DIDs).
    const ob2 = await call('GET', `${new URL(award.json.id).pathname}/ob2`, undefined, null);
    expect(ob2.status).to.equal(200);
    expect(ob2.json.badge).to.equal(`${server.url}/api/v1/achievements/intro-to-coding/ob2`);
    const badgeClass = (await call('GET', new URL(ob2.json.badge).pathname, undefined, null)).json;
    expect(badgeClass.issuer).to.match(new RegExp(`^${server.url}/api/v1/issuers/[a-z-]+/ob2$`));

    // The demo learner's twelve badges, signed at start-up (one revoked there).
    const learner = (await call('GET', '/api/v1/demo/learner', undefined, null)).json.credentials as Array<{ credential: any; jwt: string }>;
    expect(learner).to.have.length(12);
    const isRevokedDemoBadge = (c: any) => c.credentialSubject.achievement.id.endsWith('/youth-volunteer');

    const items: Item[] = [
      ...claims.map((c, i) => ({ label: `claim ${i}`, credential: c.credential, jwt: c.jwt })),
      { label: 'award', credential: award.json.credential, jwt: award.json.jwt },
      { label: 'bulk award', credential: bulk.credential },
      { label: 'milestone', credential: earned.credential, jwt: earned.jwt },
      { label: 'ob2 view', ob2: `${server.url}${new URL(award.json.id).pathname}/ob2` },
      ...learner.map((l, i) => ({ label: `${isRevokedDemoBadge(l.credential) ? 'revoked ' : ''}demo learner ${i}`, credential: l.credential, jwt: l.jwt })),
    ];
    const { results } = await peers(items);
    expect(results.map((r) => r.label)).to.deep.equal(items.map((i) => i.label));
    for (const r of results) {
      if (r.label === 'ob2 view') {
        expect(r.ours!.outcome, `OB 2.0 hosted view: ${JSON.stringify(r.ours)}`).to.equal('verified');
        continue;
      }
      if (r.label.startsWith('revoked ')) expectRevoked(r);
      else expectAccepted(r);
      // Ours reads the VC-JWT the same way as the Data Integrity copy.
      if (r.oursJwt) expect(r.oursJwt.outcome, `${r.label} as VC-JWT: ${JSON.stringify(r.oursJwt)}`).to.equal(r.ours!.outcome);
    }
    expect(results.filter((r) => r.label.startsWith('revoked '))).to.have.length(1);
  });

  it('revocation of a claim, an award and a milestone is seen by all three verifiers', async () => {
    const email = 'revoked.learner@example.org';
    const { claims, earned } = await milestoneFor(email);
    const bulk = await bulkAward('build-a-website', email);
    const revocable = [
      { label: 'claim', issued: claims[0]! },
      { label: 'award', issued: bulk },
      { label: 'milestone', issued: earned },
    ];
    for (const r of (await peers(revocable.map((x) => ({ label: `${x.label} before`, credential: x.issued.credential })))).results) expectAccepted(r);
    for (const { issued } of revocable) {
      const revoked = await call('POST', `/api/v1/credentials/${issued.id.split('/').pop()}/revoke`, { reason: 'issued in error' });
      expect(revoked.status, JSON.stringify(revoked.json)).to.equal(200);
    }
    // The learner's other claims (same issuer, same lists) stay valid.
    const after = await peers([...revocable.map((x) => ({ label: `${x.label} revoked`, credential: x.issued.credential })), { label: 'sibling', credential: claims[1]!.credential }]);
    expect(after.results).to.have.length(4);
    for (const r of after.results.slice(0, 3)) expectRevoked(r);
    expectAccepted(after.results[3]!);
  });

  it("a rotated key keeps older credentials valid until it is removed; new credentials use the new key", async () => {
    const issuer = 'eastgate-makerspace';
    const old = await claim('build-a-website', 'rotation.learner@example.org');
    const rotated = await call('POST', `/api/v1/issuers/${issuer}/keys`);
    expect(rotated.status, JSON.stringify(rotated.json)).to.equal(201);
    expect(rotated.json.id).to.equal(`${old.credential.issuer.id}#${rotated.json.kid}`);
    expect(JSON.stringify(rotated.json)).to.not.match(/"d"|private/i);
    const fresh = await claim('build-a-website', 'rotation.learner@example.org');
    expect(fresh.credential.proof.verificationMethod).to.equal(rotated.json.id);
    expect(old.credential.proof.verificationMethod).to.not.equal(rotated.json.id);
    const doc = (await call('GET', `/api/v1/issuers/${issuer}/did.json`, undefined, null)).json;
    expect(doc.assertionMethod).to.deep.equal([old.credential.proof.verificationMethod, rotated.json.id]);

    const both = await peers([{ label: 'old key', credential: old.credential, jwt: old.jwt }, { label: 'new key', credential: fresh.credential, jwt: fresh.jwt }]);
    for (const r of both.results) {
      expectAccepted(r);
      expect(r.oursJwt!.outcome, r.label).to.equal('verified');
    }

    // The current key cannot be removed; the old one can, and then what it signed stops verifying.
    expect((await call('DELETE', `/api/v1/issuers/${issuer}/keys/${rotated.json.kid}`)).status).to.equal(409);
    const oldKid = old.credential.proof.verificationMethod.split('#')[1];
    const removed = await call('DELETE', `/api/v1/issuers/${issuer}/keys/${oldKid}`);
    expect(removed.status, JSON.stringify(removed.json)).to.equal(200);
    expect(removed.json.keys.map((k: any) => k.kid)).to.deep.equal([rotated.json.kid]);
    const after = await peers([{ label: 'old key removed', credential: old.credential, jwt: old.jwt }, { label: 'new key', credential: fresh.credential }]);
    const [gone, kept] = after.results;
    const why = JSON.stringify(gone, null, 1);
    expect(gone!.dcc!.validSignature, `DCC: ${why}`).to.not.equal(true);
    expect(gone!.db!.verified, `Digital Bazaar: ${why}`).to.equal(false);
    expect(gone!.ours!.outcome, `ours: ${why}`).to.not.equal('verified');
    expect(gone!.oursJwt!.outcome, `ours (JWT): ${why}`).to.not.equal('verified');
    // The status lists were re-signed with the remaining key, so the new credential still passes.
    expectAccepted(kept!);
  });

  it('a credential signed the old way (Profile issuer, server-wide #key-1) keeps verifying, and its revocation is still seen', async () => {
    // What the server issued before did:web: issuer = the https Profile URL, proof by the
    // server-wide key named `<profile>#key-1`, status in the Profile-signed lists. Those lists carry
    // the same bits as the DID-signed ones, so each old credential here borrows the status indexes
    // of a real award, one of which is then revoked.
    const serverKey = await storedSigningKey(join(dir, 'data'));
    const achievement = (await call('GET', '/api/v1/achievements/youth-volunteer', undefined, null)).json;
    const profileId = `${server.url}/api/v1/issuers/${achievement.provider}`;
    const legacy = async (twin: { credential: any }, n: number) => {
      const status = (entry: { statusPurpose: string; statusListIndex: string }) => ({
        id: `${profileId}/status/${entry.statusPurpose}#${entry.statusListIndex}`, type: 'BitstringStatusListEntry', statusPurpose: entry.statusPurpose,
        statusListIndex: entry.statusListIndex, statusListCredential: `${profileId}/status/${entry.statusPurpose}`,
      });
      const issued = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const unsigned = {
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        id: `${server.url}/api/v1/credentials/legacy-${n}`,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: achievement.name,
        issuer: { id: profileId, type: ['Profile'], name: twin.credential.issuer.name, url: twin.credential.issuer.url },
        validFrom: issued,
        credentialSubject: { type: ['AchievementSubject'], id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', achievement: { id: achievement.id, type: ['Achievement'], name: achievement.name, description: 'Volunteered.', criteria: { narrative: 'Volunteered 20 hours.' } } },
        credentialStatus: twin.credential.credentialStatus.map(status),
      };
      const vm = `${profileId}#key-1`;
      const credential = await signDataIntegrity(unsigned, { privateJwk: serverKey, verificationMethod: vm, cryptosuite: 'eddsa-rdfc-2022', created: issued });
      const jwt = await signCredentialJwt(unsigned, { privateJwk: serverKey, kid: vm, alg: 'EdDSA' });
      return { credential, jwt };
    };
    const kept = await bulkAward('youth-volunteer', 'legacy.kept@example.org');
    const revoked = await bulkAward('youth-volunteer', 'legacy.revoked@example.org');
    const res = await call('POST', `/api/v1/credentials/${revoked.id.split('/').pop()}/revoke`, { reason: 'issued in error' });
    expect(res.status, JSON.stringify(res.json)).to.equal(200);
    const [r, gone] = (await peers([{ label: 'legacy', ...(await legacy(kept, 1)) }, { label: 'legacy revoked', ...(await legacy(revoked, 2)) }])).results;
    const why = JSON.stringify(r, null, 1);
    // DCC's verifier-core resolves keys only through DID methods, never through a fragment of an
    // https document, so it never accepted these (issue 17); JSON-LD verifiers and ours still do.
    expect(r!.dcc!.validSignature, why).to.equal(false);
    expect(r!.db!.verified, `Digital Bazaar: ${why}`).to.equal(true);
    expect(r!.ours!.outcome, `ours: ${why}`).to.equal('verified');
    expect(r!.oursJwt!.outcome, `ours (JWT): ${why}`).to.equal('verified');
    const whyGone = JSON.stringify(gone, null, 1);
    expect(gone!.db!.proofVerified, `Digital Bazaar: ${whyGone}`).to.equal(true);
    expect(gone!.db!.statuses.find((x) => x.purpose === 'revocation'), `Digital Bazaar sees the revocation: ${whyGone}`).to.include({ verified: true, status: true });
    expect(gone!.ours!.checks.status, `ours: ${whyGone}`).to.equal('failed:revoked');
    expect(gone!.oursJwt!.checks.status, `ours (JWT): ${whyGone}`).to.equal('failed:revoked');
  });
});

// What the README tells an operator to do behind nginx or Caddy: plain http on loopback, the
// proxy terminating TLS and stripping a base path, `--base-url https://…/badges --trust-proxy`.
// Here the proxy is a few lines of node:https forwarding to the server, so the DIDs carry the
// base path (did:web:127.0.0.1%3A<port>:badges:api:v1:issuers:<key>) and resolve through it.
describe('wallet interop behind a reverse proxy that terminates TLS and strips a base path', () => {
  let dir: string;
  let tls: ThrowawayTls;
  let proxy: HttpsServer;
  let server: RunningServer;
  let base: string;
  let backend = '';

  const call = (method: string, path: string, body?: unknown, token: string | null = ADMIN) => httpsCall(`${base}/`, tls.cert, method, path.replace(/^\//, ''), body, token);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'col-wallet-proxy-'));
    tls = makeThrowawayTls(dir);
    proxy = createHttpsServer({ cert: tls.cert, key: tls.key }, (req, res) => {
      // Only the base path is proxied, as a location block would.
      if (!req.url!.startsWith('/badges/')) return void res.writeHead(404).end();
      const upstream = httpRequest(`${backend}${req.url!.slice('/badges'.length)}`, {
        method: req.method,
        headers: { ...req.headers, host: new URL(backend).host, 'x-forwarded-for': req.socket.remoteAddress!, 'x-forwarded-proto': 'https' },
      }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}/badges`;
    server = await startServer({ port: 0, host: '127.0.0.1', ...(await testStorage(join(dir, 'data'))), demo: true, adminKey: ADMIN, env: {}, baseUrl: base, trustProxy: true, claimsPerMinute: 10_000 });
    backend = server.url;
  });
  after(async () => {
    await server?.close();
    proxy?.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('issues did:web credentials under the public https address that DCC, Digital Bazaar and our verifier accept, revocation included', async () => {
    expect(backend).to.match(/^http:\/\/127\.0\.0\.1:/);
    const port = new URL(base).port;
    const did = `did:web:127.0.0.1%3A${port}:badges:api:v1:issuers:brightwater-libraries`;
    const doc = await call('GET', '/api/v1/issuers/brightwater-libraries/did.json', undefined, null);
    expect(doc.status).to.equal(200);
    expect(doc.json.id).to.equal(did);
    expect(doc.json.alsoKnownAs).to.deep.equal([`${base}/api/v1/issuers/brightwater-libraries`]);

    const codes = new Map(server.demo!.claimCodes.map((c) => [c.achievement, c.code]));
    const claimOne = async (email: string) => {
      const res = await call('POST', '/api/v1/claims', { achievement: 'digital-foundations', code: codes.get('digital-foundations'), recipient: { email } }, null);
      expect(res.status, JSON.stringify(res.json)).to.equal(201);
      return res.json as { id: string; credential: any; jwt: string };
    };
    const kept = await claimOne('proxy.learner@example.org');
    const revoked = await claimOne('proxy.revoked@example.org');
    expect(kept.credential.issuer.id).to.equal(did);
    expect(kept.credential.proof.verificationMethod.startsWith(`${did}#z6Mk`)).to.equal(true);
    expect(kept.credential.credentialStatus[0].statusListCredential).to.equal(`${base}/api/v1/issuers/brightwater-libraries/did/status/revocation`);
    const res = await call('POST', `/api/v1/credentials/${revoked.id.split('/').pop()}/revoke`, { reason: 'issued in error' });
    expect(res.status, JSON.stringify(res.json)).to.equal(200);

    const { results } = await runPeers(dir, tls, [
      { label: 'kept', credential: kept.credential, jwt: kept.jwt },
      { label: 'revoked', credential: revoked.credential },
    ]);
    expectAccepted(results[0]!);
    expect(results[0]!.oursJwt!.outcome, JSON.stringify(results[0]!.oursJwt)).to.equal('verified');
    expectRevoked(results[1]!);
  });
});
