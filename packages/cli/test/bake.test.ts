import { describe, it, expect } from '@col/harness';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtures, runCol } from './support/run-col.js';

const credentialFile = join(fixtures, 'dcc/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-basicOBv3.json');
// A plain PNG (the fixture is a QR code image with nothing baked in).
const plainPng = credentialFile.replace(/\.json$/, '.png');

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><script>alert(2)</script><circle r="4"/></svg>';

describe('colearn bake / colearn unbake', () => {
  it('bakes an OB 3.0 credential into an SVG, stripping scripts, and unbakes the same JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-bake-'));
    await writeFile(join(dir, 'badge.svg'), svg);
    const bake = await runCol(['bake', join(dir, 'badge.svg'), credentialFile, '-o', join(dir, 'baked.svg')]);
    expect(bake.code, bake.stderr).to.equal(0);
    const baked = await readFile(join(dir, 'baked.svg'), 'utf8');
    expect(baked).to.contain('openbadges:credential');
    expect(baked).to.not.contain('<script');
    expect(baked).to.not.contain('onload');
    const unbake = await runCol(['unbake', join(dir, 'baked.svg')]);
    expect(unbake.code).to.equal(0);
    expect(JSON.parse(unbake.stdout)).to.deep.equal(JSON.parse(await readFile(credentialFile, 'utf8')));
  });

  it('re-bakes a baked PNG from standard input (replacing the old badge), and refuses with --refuse-existing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-bake-'));
    const bakedPng = join(dir, 'baked.png');
    expect((await runCol(['bake', plainPng, credentialFile, '-o', bakedPng])).code).to.equal(0);
    const out = join(dir, 'rebaked.png');
    const credential = JSON.parse(await readFile(credentialFile, 'utf8'));
    credential.name = 'Re-baked';
    const r = await runCol(['bake', bakedPng, '-', '-o', out], { input: JSON.stringify(credential) });
    expect(r.code, r.stderr).to.equal(0);
    expect(JSON.parse((await runCol(['unbake', out])).stdout).name).to.equal('Re-baked');
    const refused = await runCol(['bake', bakedPng, credentialFile, '-o', join(dir, 'x.png'), '--refuse-existing']);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.match(/already/i);
  });

  it('unbake exits 1 for an image with no badge and 2 for a file that is not an image', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-bake-'));
    await writeFile(join(dir, 'plain.svg'), svg);
    const none = await runCol(['unbake', join(dir, 'plain.svg')]);
    expect(none.code).to.equal(1);
    expect(none.stderr).to.contain('No badge');
    await writeFile(join(dir, 'notes.txt'), 'hello');
    expect((await runCol(['unbake', join(dir, 'notes.txt')])).code).to.equal(2);
    await runCol(['bake', plainPng, credentialFile, '-o', join(dir, 'baked.png')]);
    const truncated = (await readFile(join(dir, 'baked.png'))).subarray(0, 200);
    await writeFile(join(dir, 'truncated.png'), truncated);
    const r = await runCol(['unbake', join(dir, 'truncated.png')]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.not.match(/\n\s+at /);
  });
});

describe('colearn keys generate', () => {
  it('writes an Ed25519 key pair readable only by the owner and prints its did:key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-keys-'));
    const file = join(dir, 'issuer-key.json');
    const r = await runCol(['keys', 'generate', '-o', file]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.trim()).to.match(/^did:key:z6Mk/);
    expect((await stat(file)).mode & 0o777).to.equal(0o600);
    const pair = JSON.parse(await readFile(file, 'utf8'));
    expect(pair.privateJwk).to.include({ kty: 'OKP', crv: 'Ed25519' });
    expect(pair.publicJwk.d).to.equal(undefined);
  });

  it('generates P-256 keys and rejects unknown types', async () => {
    const r = await runCol(['keys', 'generate', '--type', 'P-256']);
    expect(JSON.parse(r.stdout).publicJwk).to.include({ kty: 'EC', crv: 'P-256' });
    expect((await runCol(['keys', 'generate', '--type', 'RSA-512'])).code).to.equal(2);
  });
});
