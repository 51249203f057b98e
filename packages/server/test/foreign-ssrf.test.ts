// Issue 8.2 at the server: a presented credential from "another issuer" cannot make the
// milestone endpoint connect to this machine, whatever the issuer's address is spelled like.
// Only loopback is ever contacted: a bare TCP listener on [::] (IPv4 and IPv6 loopback) counts
// every connection; the other ranges are classified as a pure function in verify's address tests.
import { describe, it, before, after, expect } from '@col/harness';
import { generateKeyPair, signCredentialJwt } from '@citiesoflearning/verify';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

/** Spellings of this machine that a credential could name as its issuer's host. */
async function loopbackSpellings(port: number): Promise<string[]> {
  const hosts = [
    '127.0.0.1',
    '127.1.2.3',
    '[::1]',
    '[::ffff:7f00:1]', // the URL parser's own spelling of an IPv4-mapped address
    '[::ffff:127.0.0.1]',
    '2130706433', // 127.0.0.1 as one number; the URL parser turns it into the dotted form
    '0x7f.1',
    'localhost',
    'LOCALHOST.',
  ];
  // A name with nothing private in its spelling that resolves here — the machine's own name,
  // when /etc/hosts maps it to loopback (as most systems do): only the connect-time guard can
  // stop that one. Read from the file, so no test ever asks a DNS server.
  const own = hostname().toLowerCase();
  const hostsFile = await readFile('/etc/hosts', 'utf8').catch(() => '');
  const mapsHere = hostsFile.split('\n').some((line) => {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    return /^127\.|^::1$/.test(address ?? '') && names.map((n) => n.toLowerCase()).includes(own);
  });
  if (mapsHere && !/(^|\.)(localhost|local|internal)$/.test(own)) hosts.push(own);
  return hosts.map((host) => `https://${host}:${port}`);
}

describe('milestones: a foreign credential cannot aim the server at this machine', () => {
  let issuer: TestServer;
  let guarded: TestServer;
  let listener: Server;
  let port: number;
  const sockets: Socket[] = [];
  let connections = 0;
  let achievementId: string;
  let jwtFor: (origin: string) => Promise<string>;

  before(async () => {
    listener = createServer((socket) => {
      connections++;
      sockets.push(socket);
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '::', resolve));
    port = (listener.address() as AddressInfo).port;
    issuer = await startTestServer();
    guarded = await startTestServer({ acceptForeignCredentials: true });
    const b = await seedBasics(issuer, { uses: 5 });
    achievementId = b.achievementId;
    const genuine = (await issuer.call('POST', '/api/v1/claims', { body: { achievement: b.achievementKey, code: b.codes[0], recipient: { email: 'probe@example.org' } }, token: null })).json;
    const payload = JSON.parse(Buffer.from(genuine.jwt.split('.')[1], 'base64url').toString());
    const { privateJwk } = await generateKeyPair('Ed25519');
    // The learner's real credential, re-signed in the name of an issuer at `origin` (its key
    // said to live there too), so checking it means looking that issuer up.
    jwtFor = (origin) => {
      const claims = structuredClone(payload);
      claims.iss = `${origin}/issuer`;
      if (claims.vc?.issuer) claims.vc.issuer = { ...claims.vc.issuer, id: `${origin}/issuer` };
      if (claims.issuer) claims.issuer = { ...claims.issuer, id: `${origin}/issuer` };
      return signCredentialJwt(claims, { privateJwk, kid: `${origin}/issuer#key-1` });
    };
    await guarded.call('POST', '/api/v1/issuers', { body: { key: 'place', name: 'Place', url: 'https://place.example' } });
    await guarded.call('POST', '/api/v1/pathways', { body: { key: 'probe', issuer: 'place', name: 'Probe', root: { type: 'group', id: 'root', children: [{ type: 'badge', id: 'x', badge: { id: achievementId } }] } } });
    await guarded.call('POST', '/api/v1/pathways/probe/publish', { body: {} });
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => listener?.close(() => resolve()));
    await issuer?.stop();
    await guarded?.stop();
  });

  const present = (server: TestServer, credentials: string[]) =>
    server.call('POST', '/api/v1/pathways/probe/milestones', { body: { recipient: { email: 'probe@example.org' }, credentials }, token: null });

  it('connects to none of the spellings of loopback, a name that resolves there included, and answers as for any unconfirmed credential', async () => {
    const origins = await loopbackSpellings(port);
    const res = await present(guarded, await Promise.all(origins.map(jwtFor)));
    expect(res.status).to.equal(200);
    expect(res.json.rejected.map((r: any) => r.code), JSON.stringify(res.json.rejected)).to.deep.equal(origins.map(() => 'credential-unverifiable'));
    expect(res.json.awarded).to.deep.equal([]);
    expect(connections, 'connections made to this machine').to.equal(0);
  });

  it('the same credentials do reach the listener where the operator allows private issuers (so the count above means something)', async () => {
    const open = await startTestServer({ acceptForeignCredentials: true, allowPrivateIssuers: true });
    try {
      await open.call('POST', '/api/v1/issuers', { body: { key: 'place', name: 'Place', url: 'https://place.example' } });
      await open.call('POST', '/api/v1/pathways', { body: { key: 'probe', issuer: 'place', name: 'Probe', root: { type: 'group', id: 'root', children: [{ type: 'badge', id: 'x', badge: { id: achievementId } }] } } });
      await open.call('POST', '/api/v1/pathways/probe/publish', { body: {} });
      const res = await present(open, [await jwtFor(`https://[::ffff:7f00:1]:${port}`), await jwtFor(`https://localhost:${port}`)]);
      expect(res.json.rejected.map((r: any) => r.code)).to.deep.equal(['credential-unverifiable', 'credential-unverifiable']);
      expect(connections).to.be.at.least(2);
    } finally {
      await open.stop();
    }
  });
});
