import { describe, it, expect } from '@col/harness';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtures, runCol } from './support/run-col.js';

const didKeyDir = join(fixtures, 'dcc/verifiableCredentials/v2/dataIntegrityProof/didKey');
const genuine = join(didKeyDir, 'legacyRegistry-noStatus-noExpiry-basicOBv3.json');

describe('colearn verify', () => {
  it('verifies a genuine did:key credential offline and exits 0 with a readable checklist', async () => {
    const r = await runCol(['verify', genuine, '--offline']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^Verified/);
    expect(r.stdout).to.match(/✓ proof/);
    expect(r.stdout).to.not.contain('\u001b['); // no colour when not a TTY
  });

  it('prints the report contract as JSON with --json', async () => {
    const r = await runCol(['verify', genuine, '--offline', '--json']);
    const report = JSON.parse(r.stdout);
    expect(report).to.include({ verified: true, outcome: 'verified', format: 'ob3-data-integrity' });
    expect(report.checks.map((c: { id: string }) => c.id)).to.include.members(['parse', 'schema', 'proof', 'key', 'validity']);
    for (const check of report.checks) expect(check.outcome).to.be.oneOf(['passed', 'failed', 'inconclusive', 'skipped', 'warning']);
    expect(report.badge.issuer.id).to.match(/^did:key:/);
  });

  it('reads a badge baked into a PNG, and the same credential from standard input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-cli-'));
    // The fixture PNG is a plain image (a QR code): bake the credential into it first.
    const baked = join(dir, 'baked.png');
    expect((await runCol(['bake', genuine.replace(/\.json$/, '.png'), genuine, '-o', baked])).code).to.equal(0);
    const png = await runCol(['verify', baked, '--offline', '--json']);
    expect(JSON.parse(png.stdout).outcome).to.equal('verified');
    const plain = await runCol(['verify', genuine.replace(/\.json$/, '.png'), '--offline']);
    expect(plain.code).to.equal(2);
    expect(plain.stdout).to.match(/no badge/i);
    const { readFile } = await import('node:fs/promises');
    const stdin = await runCol(['verify', '-', '--offline', '--json'], { input: await readFile(genuine) });
    expect(JSON.parse(stdin.stdout).outcome).to.equal('verified');
  });

  it('exits 1 for an expired credential and says so', async () => {
    const r = await runCol(['verify', join(didKeyDir, 'twoOIDF-validStatus-expired.json'), '--offline', '--json']);
    expect(r.code).to.equal(1);
    const validity = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'validity');
    expect(validity.outcome).to.equal('failed');
  });

  it('exits 1 for a not-yet-valid credential at --now, and 0 when --now is after validFrom', async () => {
    const file = join(didKeyDir, 'oidf-noStatus-notExpired-notYetValid.json');
    expect((await runCol(['verify', file, '--offline', '--now', '2026-01-01T00:00:00Z'])).code).to.equal(1);
    expect((await runCol(['verify', file, '--offline', '--now', '2100-01-01T00:00:00Z'])).code).to.equal(0);
  });

  it('exits 3 (inconclusive) when the status list cannot be reached offline', async () => {
    const r = await runCol(['verify', join(didKeyDir, 'oidf-revokedStatus-noExpiry.json'), '--offline', '--json']);
    expect(r.code, r.stdout).to.equal(3);
    expect(JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'status').outcome).to.equal('inconclusive');
  });

  it('answers status lookups from --documents and exits 1 for a revoked credential', async () => {
    const { readFile } = await import('node:fs/promises');
    const file = join(didKeyDir, 'oidf-revokedStatus-noExpiry.json');
    const credential = JSON.parse(await readFile(file, 'utf8'));
    const listUrl: string = credential.credentialStatus.statusListCredential ?? credential.credentialStatus[0].statusListCredential;
    // The list is published on GitHub; the fixtures hold a copy under the same last path segment.
    const listFile = join(fixtures, 'dcc/statusLists/didkey-ed25519Signature2020', listUrl.split('/').pop()!);
    const dir = await mkdtemp(join(tmpdir(), 'col-cli-'));
    const documents = join(dir, 'documents.json');
    await writeFile(documents, JSON.stringify({ [listUrl]: JSON.parse(await readFile(listFile, 'utf8')) }));
    const r = await runCol(['verify', file, '--offline', '--documents', documents, '--json']);
    expect(r.code, r.stdout).to.equal(1);
    const status = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'status');
    expect(status.outcome).to.equal('failed');
  });

  it('matches --recipient against the credential identifier', async () => {
    const file = join(didKeyDir, 'legacyRegistry-noStatus-noExpiry-identityHash.json');
    const match = JSON.parse((await runCol(['verify', file, '--offline', '--json', '--recipient', 'Parker Pearl'])).stdout);
    expect(match.checks.find((c: { id: string }) => c.id === 'recipient').outcome).to.equal('passed');
    const other = await runCol(['verify', file, '--offline', '--json', '--recipient', 'Someone Else']);
    expect(JSON.parse(other.stdout).checks.find((c: { id: string }) => c.id === 'recipient').outcome).to.equal('failed');
    expect(other.code).to.equal(1);
  });

  it('checks the recipient only when asked, and trust only with a trust list', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-cli-'));
    const trust = join(dir, 'trust.txt');
    await writeFile(trust, '# known issuers\ndid:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q\n');
    const trusted = JSON.parse((await runCol(['verify', genuine, '--offline', '--json', '--trust', trust])).stdout);
    expect(trusted.checks.find((c: { id: string }) => c.id === 'trust').outcome).to.equal('passed');
    await writeFile(trust, '["did:key:z6MkSomeoneElse"]');
    const untrusted = JSON.parse((await runCol(['verify', genuine, '--offline', '--json', '--trust', trust])).stdout);
    expect(untrusted.checks.find((c: { id: string }) => c.id === 'trust').outcome).to.not.equal('passed');
    const plain = JSON.parse((await runCol(['verify', genuine, '--offline', '--json'])).stdout);
    expect(plain.checks.map((c: { id: string }) => c.id)).to.not.include.members(['trust', 'recipient']);
  });

  it('exits 2 with a plain message (no stack trace) for a missing file, garbage, or bad usage', async () => {
    const missing = await runCol(['verify', 'no-such-badge.json']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('no such file');
    expect(missing.stderr).to.not.match(/\n\s+at /);
    const garbage = await runCol(['verify', '-', '--json'], { input: 'this is not a badge' });
    expect(garbage.code).to.equal(2);
    expect(JSON.parse(garbage.stdout).checks[0]).to.include({ id: 'parse', outcome: 'failed' });
    expect((await runCol(['verify'])).code).to.equal(2);
    expect((await runCol(['verify', genuine, '--bogus'])).code).to.equal(2);
    expect((await runCol(['verify', genuine, '--now', 'yesterday'])).code).to.equal(2);
    expect((await runCol(['frobnicate'])).code).to.equal(2);
  });

  it('--lang cy writes the checklist in Welsh with the same exit code; --json keeps its shape and codes', async () => {
    const english = await runCol(['verify', genuine, '--offline']);
    const welsh = await runCol(['verify', genuine, '--offline', '--lang', 'cy']);
    expect(welsh.code).to.equal(english.code);
    expect(welsh.stdout).to.match(/^Wedi’i wirio: mae’r bathodyn hwn yn ddilys ac yn gyfredol\./);
    expect(welsh.stdout).to.contain('Mae llofnod digidol y cyhoeddwr yn gyfan');
    expect(welsh.stdout).to.not.contain('Verified');
    const [en, cy] = await Promise.all([
      runCol(['verify', join(didKeyDir, 'twoOIDF-validStatus-expired.json'), '--offline', '--json']),
      runCol(['verify', join(didKeyDir, 'twoOIDF-validStatus-expired.json'), '--offline', '--json', '--lang', 'cy']),
    ]);
    expect(cy.code).to.equal(en.code);
    const [a, b] = [JSON.parse(en.stdout), JSON.parse(cy.stdout)];
    expect(Object.keys(b)).to.deep.equal(Object.keys(a));
    expect(b.checks.map((c: { code: string }) => c.code)).to.deep.equal(a.checks.map((c: { code: string }) => c.code));
    expect(b.checks.find((c: { id: string }) => c.id === 'validity').message).to.match(/^Mae’r bathodyn hwn wedi dod i ben\./);
    const bad = await runCol(['verify', genuine, '--lang', 'xx']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('--lang xx');
  });

  it('follows a badge link on this machine (a dev server), and says so in --help', async () => {
    const { createServer } = await import('node:http');
    const { readFile } = await import('node:fs/promises');
    const body = await readFile(genuine);
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/ld+json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as import('node:net').AddressInfo;
      const r = await runCol(['verify', `http://127.0.0.1:${port}/badge.json`, '--json']);
      expect(r.code, r.stdout).to.equal(0);
      expect(JSON.parse(r.stdout).outcome).to.equal('verified');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const help = await runCol(['verify', '--help']);
    expect(help.stdout).to.match(/private networks/);
    expect(help.stdout).to.contain('--lang cy');
  });

  it('reports a tampered credential as failed', async () => {
    const { readFile } = await import('node:fs/promises');
    const credential = JSON.parse(await readFile(genuine, 'utf8'));
    credential.credentialSubject.achievement.name = 'Something I did not earn';
    const r = await runCol(['verify', '-', '--offline', '--json'], { input: JSON.stringify(credential) });
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'proof').outcome).to.equal('failed');
  });
});
