// Graceful shutdown loses nothing: SIGTERM during a burst of claims, restart on the same data
// directory, and every claim that was acknowledged (201) is there and still verifies.
import { describe, it, expect } from '@col/harness';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { multibaseToJwk, verifyDataIntegrityProof } from '@citiesoflearning/verify';
import { ADMIN, openRawDatabase, TEST_BACKEND, testStorage } from './support/test-server.js';
import { spawnServerProcess, type ServerProcess } from './support/spawn-server.js';

const child = fileURLToPath(new URL('./support/server-child.ts', import.meta.url));

async function spawnServer(dataDir: string, port = 0): Promise<ServerProcess> {
  // On PostgreSQL the child finds its database (the same one again for the same folder) where an
  // operator's server would: COL_DATABASE_URL.
  const { database } = await testStorage(dataDir);
  const env = { ...process.env, COL_ADMIN_KEY: ADMIN, ...(database ? { COL_DATABASE_URL: database } : {}) };
  return spawnServerProcess(child, [dataDir, String(port)], { env });
}

const post = (url: string, path: string, body: unknown, admin = false) =>
  fetch(new URL(path, url), { method: 'POST', headers: { 'content-type': 'application/json', ...(admin ? { authorization: `Bearer ${ADMIN}` } : {}) }, body: JSON.stringify(body) });

async function burstThenKill(signal: 'SIGTERM' | 'SIGKILL') {
    const dataDir = await mkdtemp(join(tmpdir(), 'col-shutdown-'));
    try {
      const first = await spawnServer(dataDir);
      expect((await post(first.url, '/api/v1/issuers', { key: 'burst', name: 'Burst Provider', url: 'https://burst.example' }, true)).status).to.equal(201);
      expect((await post(first.url, '/api/v1/achievements', { key: 'burst-badge', issuer: 'burst', name: 'Burst', description: 'd', criteria: 'c' }, true)).status).to.equal(201);
      const code = (await (await post(first.url, '/api/v1/achievements/burst-badge/claim-codes', { uses: 100_000 }, true)).json()).codes[0];

      const acknowledged: any[] = [];
      const refused: number[] = [];
      let stop = false;
      let n = 0;
      const worker = async () => {
        while (!stop) {
          const i = n++;
          try {
            const res = await post(first.url, '/api/v1/claims', { achievement: 'burst-badge', code, recipient: { email: `burst${i}@example.org` } });
            if (res.status === 201) acknowledged.push(await res.json());
            else {
              refused.push(res.status);
              if (process.env.DEBUG_SHUTDOWN) console.error(res.status, await res.text());
            }
          } catch (e) {
            // connection refused or reset once the server is gone: not acknowledged
            if (!stop && process.env.DEBUG_SHUTDOWN) console.error(e);
            await new Promise((r) => setTimeout(r, 5));
          }
        }
      };
      const workers = Array.from({ length: 16 }, worker);
      // Let the burst get going (signing warms up), then pull the plug mid-flight.
      for (let waited = 0; acknowledged.length < 10 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 200));
      const before = acknowledged.length;
      first.proc.kill(signal);
      const code0 = await first.exited;
      stop = true;
      await Promise.all(workers);
      if (signal === 'SIGTERM') expect(code0, 'exits cleanly').to.equal(0);
      expect(before, 'claims were flowing when the signal arrived').to.be.greaterThan(5);
      for (const status of refused) expect(status).to.equal(503);

      const port = Number(new URL(first.url).port);
      if (TEST_BACKEND === 'postgres') {
        // On PostgreSQL a starting instance rolls back only issues abandoned for an hour (a live
        // neighbour's claim in flight is younger): let that hour pass for what the dead one left.
        const db = await openRawDatabase(dataDir);
        await db.run("UPDATE credentials SET issued_at = '2000-01-01T00:00:00Z' WHERE state = 'issuing'");
        await db.close();
      }
      const second = await spawnServer(dataDir, port);
      try {
        const profile = await (await fetch(new URL('/api/v1/issuers/burst', second.url))).json();
        // Signed with the issuer's own key, which its profile lists.
        const keyOf = (award: any) => multibaseToJwk(profile.verificationMethod.find((m: any) => m.id === award.credential.proof.verificationMethod).publicKeyMultibase);
        for (const award of acknowledged) {
          const res = await fetch(new URL(new URL(award.id).pathname, second.url));
          expect(res.status, `acknowledged ${award.id} is still there`).to.equal(200);
          const stored = await res.json();
          expect(stored).to.deep.equal(award.credential);
          const check = await verifyDataIntegrityProof(stored, stored.proof, keyOf(award));
          expect(check.ok, JSON.stringify(check)).to.equal(true);
        }
        const list = await fetch(new URL('/ims/ob/v3p0/credentials?limit=1', second.url), { headers: { authorization: `Bearer ${ADMIN}` } });
        // Nothing half-issued survives either: the store holds exactly the acknowledged claims
        // (plus any whose 201 was lost in flight when the connection dropped).
        expect(Number(list.headers.get('x-total-count'))).to.be.at.least(acknowledged.length);
        expect(Number(list.headers.get('x-total-count'))).to.be.at.most(acknowledged.length + 16);
      } finally {
        second.proc.kill('SIGTERM');
        await second.exited;
      }
      // Whatever was mid-signing when the process died was rolled back at restart, its code use
      // returned: the code's remaining uses match the credentials that exist.
      const db = await openRawDatabase(dataDir);
      const { issuing } = (await db.get<{ issuing: number }>("SELECT count(*) AS issuing FROM credentials WHERE state = 'issuing'"))!;
      const { issued } = (await db.get<{ issued: number }>("SELECT count(*) AS issued FROM credentials WHERE state = 'issued'"))!;
      const { left } = (await db.get<{ left: number }>('SELECT uses_left AS left FROM claim_codes'))!;
      await db.close();
      expect(issuing).to.equal(0);
      expect(left).to.equal(100_000 - issued);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
}

describe('shutdown during a claim burst', () => {
  it('SIGTERM (graceful): every acknowledged claim survives a restart and verifies', () => burstThenKill('SIGTERM'));
  it('SIGKILL (crash): every acknowledged claim survives, half-issued ones are rolled back', () => burstThenKill('SIGKILL'));
});
