// Signing off the event loop: a burst of claims is signed by the worker pool while the server
// keeps answering health checks, and the pool reports signing errors by code without echoing
// the key it was given. Loopback only; every loop is bounded.
import { describe, it, before, after, expect } from '@col/harness';
import { generateKeyPair, verify } from '@citiesoflearning/verify';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';
import { SigningPool, signingPool } from '../src/signing-pool.js';
import { BACKGROUND_NICENESS_STEP } from '../src/thread-priority.js';
import { readdirSync, readFileSync } from 'node:fs';

/** The niceness of each thread of this process, by thread id (Linux /proc). */
function threadNiceness(): Map<number, number> {
  const byThread = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at "state"; nice is field 19.
      byThread.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // The thread ended while being listed.
    }
  }
  return byThread;
}

describe('signing worker pool', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => s?.stop());

  it('a burst of 48 claims is signed in the workers, and /api/v1/health answers while the burst is still in flight', async () => {
    const { achievementKey, codes } = await seedBasics(s, { uses: 48 });
    const pool = signingPool();
    expect(pool, 'the server signs in a pool').to.not.equal(undefined);
    const before = pool!.completed;
    let done = 0;
    const burst = Array.from({ length: 48 }, (_, i) =>
      s.call('POST', '/api/v1/claims', { body: { achievement: achievementKey, code: codes[0], recipient: { email: `burst${i}@example.org` } }, token: null }).then((r) => {
        done++;
        return r;
      }),
    );
    // Ask for health as soon as the first credential is out: the burst is under way.
    await Promise.race(burst);
    const health = await s.call('GET', '/api/v1/health', { token: null });
    const doneAtHealth = done;
    const results = await Promise.all(burst);
    expect(health.status).to.equal(200);
    expect(results.every((r) => r.status === 201)).to.equal(true);
    // Health did not queue behind the burst: most claims were still being signed.
    expect(doneAtHealth, 'claims finished when health answered').to.be.lessThan(48);
    expect(pool!.completed - before, 'awards signed by workers').to.be.at.least(48);
    // What the workers signed verifies (the issuer's DID document is served by this loopback server).
    const report = await verify(results[47]!.json.credential, { recipient: 'burst47@example.org', allowPrivateNetwork: true });
    expect(report.outcome).to.equal('verified');
  });

  it('a bad key fails with its code, and the message does not carry the key', async () => {
    const pool = new SigningPool(1);
    try {
      const keys = await generateKeyPair();
      const unsigned = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: keys.did, credentialSubject: { id: 'did:example:1' } };
      const secret = 'c2VjcmV0LXByaXZhdGUta2V5LW1hdGVyaWFsLTAxMjM0NTY';
      const error = await pool.sign({ kind: 'proof', unsigned, privateJwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: secret }, verificationMethod: keys.verificationMethod! }).then(
        () => undefined,
        (e: { code?: string; message: string }) => e,
      );
      expect(error?.code).to.equal('key-unsupported');
      expect(error?.message).to.not.include(secret);
      // The worker is still there for the next job.
      const signed = await pool.sign<{ proof: { proofValue: string } }>({ kind: 'proof', unsigned, privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
      expect(signed.proof.proofValue).to.match(/^z/);
    } finally {
      await pool.close();
    }
  });

  describe('thread priority', { skip: process.platform === 'linux' ? false : 'niceness is per thread only on Linux; elsewhere the workers keep the process priority' }, () => {
    it('on Linux the workers sign at a lower priority than the event loop, which keeps its own', async () => {
      const loop = threadNiceness().get(process.pid)!;
      const lowered = Math.min(19, loop + BACKGROUND_NICENESS_STEP);
      const countLowered = () => [...threadNiceness().values()].filter((n) => n === lowered).length;
      const before = countLowered();
      const pool = new SigningPool(2);
      try {
        const keys = await generateKeyPair();
        const unsigned = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: keys.did, credentialSubject: { id: 'did:example:1' } };
        // Two jobs at once: one per worker, so both have started.
        const job = () => pool.sign({ kind: 'proof', unsigned, privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod! });
        await Promise.all([job(), job()]);
        // At least: a database checkpoint thread (also lowered) may start meanwhile.
        expect(countLowered() - before, `threads at niceness ${lowered}`).to.be.at.least(2);
        expect(threadNiceness().get(process.pid), 'the event loop thread').to.equal(loop);
      } finally {
        await pool.close();
      }
    });
  });

  it('a closed pool refuses work with signing-failed', async () => {
    const pool = new SigningPool(1);
    await pool.close();
    const code = await pool.sign({ kind: 'proof', unsigned: {}, privateJwk: {}, verificationMethod: 'x' }).then(
      () => 'signed',
      (e: { code?: string }) => e.code,
    );
    expect(code).to.equal('signing-failed');
  });
});
