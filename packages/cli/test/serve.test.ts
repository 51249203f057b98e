import { describe, it, expect } from '@col/harness';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCol } from './support/run-col.js';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** Starts `colearn serve`, resolving once it prints `listening on <url>`. */
async function startServe(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`no "listening on" within 30 s; stderr: ${stderr}`)), 30_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = /^listening on (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`colearn serve exited ${code}: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('colearn serve', () => {
  it('serves the demo API, issues a claim whose credential `colearn verify` accepts, and stops cleanly on SIGTERM', async () => {
    const data = await mkdtemp(join(tmpdir(), 'col-serve-'));
    const { child, url, stderr } = await startServe(['--demo', '--port', '0', '--data', data], { COL_ADMIN_KEY: 'test-admin-key-0123456789' });
    try {
      expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+/);
      expect(stderr()).to.not.contain('test-admin-key'); // a key from the environment is never echoed
      const openapi = await (await fetch(new URL('/api/v1/openapi.json', url))).json();
      expect(openapi.openapi).to.match(/^3\.1/);

      expect(stderr()).to.contain(`demo page: ${new URL('/examples/', url).href}`);
      const demo = /demo claim code for (\S+): (\S+)/.exec(stderr());
      expect(demo, 'demo claim codes are printed').to.not.equal(null);
      const [, achievement, code] = demo!;
      const claim = await fetch(new URL('/api/v1/claims', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ achievement, code, recipient: { email: 'learner@example.org' } }),
      });
      expect(claim.status).to.equal(201);
      const { credential } = await claim.json();

      const dir = await mkdtemp(join(tmpdir(), 'col-serve-verify-'));
      await writeFile(join(dir, 'credential.json'), JSON.stringify(credential));

      // Online: the verifier fetches the issuer's key and status lists over real loopback HTTP.
      const online = JSON.parse((await runCol(['verify', join(dir, 'credential.json'), '--json'])).stdout);
      expect(online.outcome, JSON.stringify(online.checks, null, 1)).to.equal('verified');

      // Offline: the same lookups answered from documents taken from the running server.
      const documents: Record<string, unknown> = {};
      const issuerId: string = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
      const methods: string[] = [credential.proof].flat().map((p: { verificationMethod: string }) => p.verificationMethod.split('#')[0]!);
      const lists = [credential.credentialStatus].flat().filter(Boolean).map((e: { statusListCredential: string }) => e.statusListCredential);
      for (const lookup of new Set<string>([issuerId, ...methods, ...lists])) {
        documents[lookup] = await (await fetch(lookup, { headers: { accept: 'application/json' } })).json();
      }
      await writeFile(join(dir, 'documents.json'), JSON.stringify(documents));
      const verified = await runCol(['verify', join(dir, 'credential.json'), '--offline', '--documents', join(dir, 'documents.json'), '--json']);
      const report = JSON.parse(verified.stdout);
      expect(report.outcome, JSON.stringify(report.checks, null, 1)).to.equal('verified');
      expect(verified.code).to.equal(0);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).to.equal(0);
  });

  it('prints a generated admin key when COL_ADMIN_KEY is not set, and rejects a bad port', async () => {
    const data = await mkdtemp(join(tmpdir(), 'col-serve-'));
    const { child, stderr } = await startServe(['--port', '0', '--data', data], { COL_ADMIN_KEY: '' });
    child.kill('SIGTERM');
    await exited(child);
    expect(stderr()).to.match(/admin key .*: \S{16,}/);
    expect((await runCol(['serve', '--port', 'eighty'])).code).to.equal(2);
  });

  it('--tls-cert/--tls-key serve HTTPS with did:web issuers; a lone, missing or non-PEM TLS file is a usage error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-serve-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    // A throwaway self-signed certificate for 127.0.0.1, trusted only by this test's requests.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const { child, url, stderr } = await startServe(['--demo', '--port', '0', '--data', join(dir, 'data'), '--tls-cert', cert, '--tls-key', key], { COL_ADMIN_KEY: 'test-admin-key-0123456789' });
    try {
      expect(url).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(stderr()).to.contain('issuers are did:web DIDs');
      const doc = await new Promise<any>((resolve, reject) => {
        httpsGet(new URL('/api/v1/issuers/brightwater-libraries/did.json', url), { ca: readFileSync(cert) }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve(JSON.parse(text)));
        }).on('error', reject);
      });
      expect(doc.id).to.equal(`did:web:127.0.0.1%3A${new URL(url).port}:api:v1:issuers:brightwater-libraries`);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).to.equal(0);
    // HTTPS with an http base URL would sign unreachable http ids (and no did:web) into every badge.
    const plainBase = await runCol(['serve', '--port', '0', '--data', join(dir, 'x'), '--tls-cert', cert, '--tls-key', key, '--base-url', 'http://127.0.0.1:8080']);
    expect([plainBase.code, plainBase.stderr]).to.satisfy(([code, err]: [number, string]) => code === 2 && /must start with https:\/\/ when the server serves HTTPS itself/.test(err) && !/\n\s+at /.test(err));
    const lone = await runCol(['serve', '--port', '0', '--data', join(dir, 'x'), '--tls-cert', cert]);
    expect([lone.code, lone.stderr]).to.satisfy(([code, err]: [number, string]) => code === 2 && /--tls-cert and --tls-key go together/.test(err));
    const missing = await runCol(['serve', '--port', '0', '--data', join(dir, 'x'), '--tls-cert', join(dir, 'nope.pem'), '--tls-key', key]);
    expect([missing.code, missing.stderr]).to.satisfy(([code, err]: [number, string]) => code === 2 && /nope\.pem: cannot read it/.test(err));
    const swapped = await runCol(['serve', '--port', '0', '--data', join(dir, 'x'), '--tls-cert', key, '--tls-key', cert]);
    expect([swapped.code, swapped.stderr]).to.satisfy(([code, err]: [number, string]) => code === 2 && /not a PEM certificate/.test(err));
    // A key that is not the certificate's.
    const otherKey = join(dir, 'other-key.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', otherKey], { stdio: 'ignore' });
    const mismatched = await runCol(['serve', '--port', '0', '--data', join(dir, 'x'), '--tls-cert', cert, '--tls-key', otherKey]);
    expect([mismatched.code, mismatched.stderr]).to.satisfy(([code, err]: [number, string]) => code === 2 && /cannot be used together/.test(err) && !/\n\s+at /.test(err));
  });

  it('--log-requests logs route patterns, never the credential key or claim code in the path', async () => {
    const data = await mkdtemp(join(tmpdir(), 'col-serve-'));
    const { child, url, stderr } = await startServe(['--port', '0', '--data', data, '--log-requests'], { COL_ADMIN_KEY: 'test-admin-key-0123456789' });
    try {
      const res = await fetch(new URL('/api/v1/credentials/SECRETKEY123', url));
      expect(res.status).to.equal(404);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stderr()).to.match(/GET \/api\/v1\/credentials\/:\w+ 404/);
      expect(stderr()).to.not.contain('SECRETKEY123');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).to.equal(0);
  });

  it('--awards-per-minute sets what each key may award a minute; a bad value is a usage error', async () => {
    const data = await mkdtemp(join(tmpdir(), 'col-serve-'));
    const adminKey = 'test-admin-key-0123456789';
    const { child, url } = await startServe(['--port', '0', '--data', data, '--demo', '--awards-per-minute', '3'], { COL_ADMIN_KEY: adminKey });
    const award = (emails: string[]) => fetch(new URL('/api/v1/awards', url), {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ achievement: 'intro-to-coding', recipients: emails.map((email) => ({ email })) }),
    });
    try {
      const three = await award(['a@example.org', 'b@example.org', 'c@example.org']);
      expect(three.status).to.equal(200);
      expect((await three.json()).summary.issued).to.equal(3);
      const fourth = await award(['d@example.org']);
      expect([fourth.status, (await fourth.json()).code]).to.deep.equal([429, 'rate-limited']);
      expect(Number(fourth.headers.get('retry-after'))).to.be.within(1, 60);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).to.equal(0);
    for (const bad of ['0', 'many', '2.5']) {
      const res = await runCol(['serve', '--port', '0', '--data', data, '--awards-per-minute', bad]);
      expect(res.code, bad).to.equal(2);
      expect(res.stderr).to.contain(`--awards-per-minute ${bad}: a whole number of at least 1.`);
    }
  });
});
