// The OB 3.0 client against the parts of the 1EdTech API the reference server does not offer yet
// (upsert, profile update, hosts that page without Link or use `compactJwsStrings`): a small real
// host on 127.0.0.1 that stores what it is sent, following the spec's shapes and statuses.
import { describe, it, before, after, expect } from '@col/harness';
import type { OpenBadgeCredential } from '@citiesoflearning/core';
import { createObClient, isApiError, type ApiError } from '@citiesoflearning/client';
import { faultServer, sendJson, type FaultServer } from './support/fault-server.js';

const credential = (n: number, issuer = 'https://issuer.example/profile') => asCredential({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuer, type: ['Profile'], name: 'Issuer' },
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'https://issuer.example/a', type: ['Achievement'], name: `Badge ${n}` } },
});
function asCredential<T>(value: T): T & OpenBadgeCredential {
  return value as T & OpenBadgeCredential;
}
const jws = (n: number) => `eyJhbGciOiJFZERTQSJ9.eyJuIjo${n}fQ.c2lnbmF0dXJl`;

describe('OB 3.0 client against a conformant host', () => {
  let host: FaultServer;
  const stored = new Map<string, unknown>();
  let profile: Record<string, unknown> = { id: 'https://wallet.example/profile/ada', type: ['Profile'], name: 'Ada' };

  before(async () => {
    for (let n = 1; n <= 5; n++) stored.set(`${credential(n).issuer.id} ${credential(n).id}`, credential(n));
    host = await faultServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://host');
      if (req.headers.authorization !== 'Bearer wallet-token') {
        return sendJson(res, 401, { imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_description: 'The access token is missing or expired.' });
      }
      if (url.pathname === '/ims/ob/v3p0/credentials' && req.method === 'GET') {
        const limit = Number(url.searchParams.get('limit') ?? 2);
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const all = [...stored.values()];
        const page = all.slice(offset, offset + limit);
        // This host pages by X-Total-Count only (no Link), and mixes JSON with JWS in the old spelling.
        const body = { credential: page.filter((c) => typeof c !== 'string'), compactJwsStrings: page.filter((c) => typeof c === 'string') };
        return sendJson(res, 200, body, { 'x-total-count': String(all.length) });
      }
      if (url.pathname === '/ims/ob/v3p0/credentials' && req.method === 'POST') {
        if ((req.headers['content-type'] ?? '').startsWith('text/plain')) {
          const created = !stored.has(req.body);
          stored.set(req.body, req.body);
          res.writeHead(created ? 201 : 200, { 'content-type': 'text/plain' });
          return res.end(req.body);
        }
        const c = JSON.parse(req.body) as ReturnType<typeof credential>;
        const key = `${c.issuer.id} ${c.id}`;
        if (JSON.stringify(stored.get(key)) === req.body) {
          res.writeHead(304);
          return res.end();
        }
        const created = !stored.has(key);
        stored.set(key, c);
        return sendJson(res, created ? 201 : 200, c);
      }
      if (url.pathname === '/ims/ob/v3p0/profile' && req.method === 'GET') return sendJson(res, 200, profile);
      if (url.pathname === '/ims/ob/v3p0/profile' && req.method === 'PUT') {
        profile = JSON.parse(req.body);
        return sendJson(res, 200, profile);
      }
      return sendJson(res, 404, { imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_description: 'Unknown object.', imsx_codeMinor: 'unknownobject' });
    });
  });
  after(async () => {
    await host?.close();
  });

  it('pages by offset and X-Total-Count when the host sends no Link, reading both JWS spellings', async () => {
    stored.set('jws-1', jws(1));
    const wallet = createObClient({ baseUrl: host.url, token: 'wallet-token' });
    const entries = await wallet.credentials.list({ limit: 2 }).toArray();
    expect(entries).to.have.length(6);
    expect(entries.filter((e) => e.format === 'jws').map((e) => (e.format === 'jws' ? e.compactJws : ''))).to.deep.equal([jws(1)]);
    const offsets = host.requests.filter((r) => r.method === 'GET').map((r) => new URL(r.url, 'http://h').searchParams.get('offset'));
    expect(offsets).to.deep.equal(['0', '2', '4']);
  });

  it('upsert: 201 created, 200 replaced, 304 unchanged; compact JWS as text/plain', async () => {
    const wallet = createObClient({ baseUrl: `${host.url}/ims/ob/v3p0/`, token: 'wallet-token' });
    const fresh = credential(42);
    const created = await wallet.credentials.upsert(fresh);
    expect(created.outcome).to.equal('created');
    expect(created.entry?.format === 'json' && created.entry.credential.id).to.equal(fresh.id);
    expect((await wallet.credentials.upsert(fresh)).outcome).to.equal('unchanged');
    expect((await wallet.credentials.upsert(asCredential({ ...fresh, validFrom: '2026-02-01T00:00:00Z' }))).outcome).to.equal('replaced');
    const asJws = await wallet.credentials.upsert(jws(2));
    expect(asJws).to.deep.equal({ outcome: 'created', entry: { format: 'jws', compactJws: jws(2) } });
    expect(host.requests.at(-1)?.headers['content-type']).to.equal('text/plain');
    // A write is not retried blindly and carries no idempotency key.
    expect(host.requests.at(-1)?.headers['idempotency-key']).to.equal(undefined);
  });

  it('profile get and put', async () => {
    const wallet = createObClient({ baseUrl: host.url, token: 'wallet-token' });
    expect((await wallet.profile.get()).name).to.equal('Ada');
    const updated = await wallet.profile.put({ id: 'https://wallet.example/profile/ada', type: ['Profile'], name: 'Ada Lovelace' });
    expect(updated.name).to.equal('Ada Lovelace');
    expect((await wallet.profile.get()).name).to.equal('Ada Lovelace');
  });

  it('Imsx_StatusInfo errors become ApiErrors with the description as message', async () => {
    let caught: unknown;
    try {
      await createObClient({ baseUrl: host.url, token: 'expired' }).profile.get();
    } catch (error) {
      caught = error;
    }
    expect(isApiError(caught)).to.equal(true);
    const error = caught as ApiError;
    expect([error.code, error.status, error.serverCode, error.message]).to.deep.equal(['unauthorized', 401, 'failure', 'The access token is missing or expired.']);
  });
});
