// Every DCC vc-test-fixtures credential (JSON and image) verified through the public verify() flow,
// with its expected outcome and the reason written down. Runs in Node and Chromium.
//
// Notes on the fixture set (Digital Credentials Consortium, MIT):
// - Every .png/.svg here is a QR code of the credential's link, not a baked badge: no iTXt
//   chunk / <openbadges:credential> element, so verify() reports parse failed `image-no-badge`.
// - Most credentials have neither credentialSubject.id nor identifier: schema `warning`
//   `subject-unidentified` (reported, not blocking) — see the package README.
// - `now` is fixed so expiry outcomes never change.
import { describe, it, before, expect, listFixtures, readFixture, readFixtureText, readRepoFile } from '@col/harness';
import { verify, type VerificationReport } from '@citiesoflearning/verify';

// The table (file, expected outcome, codes, why) is shared with the CLI's test of `colearn verify`.
interface Expected {
  now: string;
  /** URL → fixture path: documents published on GitHub in real life, answered locally. */
  documents: Record<string, string>;
  files: Array<{ file: string; outcome: VerificationReport['outcome']; codes: string[]; why: string }>;
}
const expected: Expected = JSON.parse(new TextDecoder().decode(await readRepoFile('packages/verify/test/data/dcc-expected.json')));
const NOW = expected.now;

async function fixtureDocuments(): Promise<Record<string, unknown>> {
  const documents: Record<string, unknown> = {};
  for (const [url, path] of Object.entries(expected.documents)) documents[url] = await readFixtureText(path);
  return documents;
}

async function input(path: string): Promise<string | Uint8Array> {
  const bytes = await readFixture(`dcc/verifiableCredentials/${path}`);
  return path.endsWith('.json') ? new TextDecoder().decode(bytes) : bytes;
}

function problemCodes(report: VerificationReport): string[] {
  return report.checks.filter((c) => c.outcome === 'failed' || c.outcome === 'inconclusive' || c.outcome === 'warning').map((c) => c.code);
}

describe('verify(): every DCC fixture credential', () => {
  let documents: Record<string, unknown>;
  before(async () => {
    documents = await fixtureDocuments();
  });

  it('the table covers every file in the fixture folder, and nothing else', async () => {
    const files = (await listFixtures('dcc/verifiableCredentials')).map((f) => f.replace('dcc/verifiableCredentials/', ''));
    expect(expected.files.map((r) => r.file).sort()).to.deep.equal(files);
  });

  for (const { file: path, outcome, codes, why } of expected.files) {
    it(`${path} → ${outcome} (${why})`, async () => {
      const report = await verify(await input(path), { documents, offline: true, now: NOW });
      expect(report.outcome, JSON.stringify(report.checks)).to.equal(outcome);
      expect(report.verified).to.equal(outcome === 'verified');
      expect(problemCodes(report).sort()).to.deep.equal([...codes].sort());
      for (const c of report.checks) expect(c.message).to.be.a('string').and.not.equal('');
    });
  }
});

describe('verify(): DCC fixtures, beyond the table', () => {
  it('names the badge and issuer of a verified credential', async () => {
    const report = await verify(await input('v2/ed25519/didKey/legacy-noStatus-noExpiry.json'), { offline: true, now: NOW });
    expect(report.outcome).to.equal('verified');
    expect(report.format).to.equal('ob3-data-integrity');
    expect(report.checks.map((c) => c.id)).to.deep.equal(['parse', 'schema', 'proof', 'key', 'validity', 'status']);
    expect(report.badge?.issuer?.id).to.equal('did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q');
    expect(report.badge?.issuedOn).to.equal('2010-01-01T00:00:00Z');
  });

  it('says in plain words that a revoked badge is revoked', async () => {
    const documents = await fixtureDocuments();
    const report = await verify(await input('v2/ed25519/didWeb/legacy-revokedStatus-noExpiry.json'), { documents, offline: true, now: NOW });
    const status = report.checks.find((c) => c.id === 'status');
    expect(status).to.include({ outcome: 'failed', code: 'revoked', message: 'This badge has been revoked by its issuer.' });
  });

  it('offline without the did:web document or status list: inconclusive, never a crash', async () => {
    const didWeb = await verify(await input('v2/ed25519/didWeb/oidf-noStatus-notExpired.json'), { offline: true, now: NOW });
    expect(didWeb.outcome).to.equal('inconclusive');
    expect(didWeb.checks.find((c) => c.id === 'key')).to.include({ outcome: 'inconclusive', code: 'key-unresolvable' });
    const status = await verify(await input('v2/ed25519/didKey/oidf-revokedStatus-noExpiry.json'), { offline: true, now: NOW });
    expect(status.outcome).to.equal('inconclusive');
    expect(status.checks.find((c) => c.id === 'status')).to.include({ outcome: 'inconclusive', code: 'status-unreachable' });
  });

  it('an unpinned JSON-LD context is never fetched: the proof is inconclusive, not verified', async () => {
    const report = await verify(await input('v1/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-oldDCCExample.json'), {
      offline: true,
      now: NOW,
    });
    expect(report.outcome).to.equal('inconclusive');
    expect(report.checks.find((c) => c.id === 'proof')).to.include({ outcome: 'inconclusive', code: 'context-unknown' });
  });

  it('a plain verifiable credential (not an Open Badge) verifies with a warning, as text or bytes', async () => {
    const path = 'v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry-nonOBWithOBContext.json';
    for (const input of [await readFixtureText(`dcc/verifiableCredentials/${path}`), await readFixture(`dcc/verifiableCredentials/${path}`)]) {
      const report = await verify(input, { offline: true, now: NOW });
      expect(report.outcome).to.equal('verified');
      expect(report.checks.find((c) => c.id === 'schema')).to.include({ outcome: 'warning', code: 'not-open-badge' });
    }
  });

  it('expiry depends on `now`', async () => {
    const path = 'v2/ed25519/didKey/legacy-noStatus-expired.json'; // valid 2010-01-01 … 2011-01-01
    expect((await verify(await input(path), { offline: true, now: '2010-06-01T00:00:00Z' })).outcome).to.equal('verified');
    expect((await verify(await input(path), { offline: true, now: '2009-06-01T00:00:00Z' })).checks.find((c) => c.id === 'validity')?.code).to.equal('not-yet-valid');
  });

  it('recipient and trust checks run only when asked', async () => {
    const path = 'v2/ed25519/didKey/legacy-noStatus-noExpiry.json'; // subject id did:example:ebfeb1f712ebc6f1c276e12ec21
    const plain = await verify(await input(path), { offline: true, now: NOW });
    expect(plain.checks.map((c) => c.id)).to.not.include.members(['recipient', 'trust']);
    const asked = await verify(await input(path), {
      offline: true,
      now: NOW,
      recipient: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      trustedIssuers: ['did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q'],
    });
    expect(asked.outcome).to.equal('verified');
    expect(asked.checks.slice(-2).map((c) => [c.id, c.outcome])).to.deep.equal([['recipient', 'passed'], ['trust', 'passed']]);
    const wrong = await verify(await input(path), { offline: true, now: NOW, recipient: 'someone@example.org', trustedIssuers: ['did:web:other.example'] });
    expect(wrong.outcome).to.equal('failed');
    expect(wrong.checks.slice(-2).map((c) => c.code)).to.deep.equal(['recipient-mismatch', 'issuer-unknown']);
  });
});
