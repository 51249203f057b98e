// A signing key the server cannot use is the operator's to fix: every kind of bad key is a
// `signing-key-invalid` ColError with a plain sentence (the CLI prints it and exits 2), never a
// TypeError or a SyntaxError, and the key file is left as it was.
import { describe, it, after, expect, rejectionCode } from '@col/harness';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@citiesoflearning/server';
import { generateKeyPair } from '@citiesoflearning/verify';

const open = (dataDir: string, env: Record<string, string> = {}) => createApp({ dataDir, env, baseUrl: 'http://127.0.0.1:1', adminKey: 'signing-key-admin-0123456789' });

describe('an unusable signing key', () => {
  const dirs: string[] = [];
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'col-signing-key-'));
    dirs.push(dir);
    return dir;
  };
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('COL_SIGNING_KEY that is not JSON, not an object, not private, or not Ed25519', async () => {
    const { publicJwk } = await generateKeyPair('Ed25519');
    const bad = ['{not json', 'null', '[]', JSON.stringify(publicJwk), JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'AAAA' }), JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c' })];
    for (const value of bad) expect(await rejectionCode(open(':memory:', { COL_SIGNING_KEY: value })), value).to.equal('signing-key-invalid');
  });

  it('a damaged key file is named, and kept for the operator to restore', async () => {
    const dir = await dataDir();
    await (await open(dir)).close(); // first start writes the key file
    const file = join(dir, 'signing-key.jwk.json');
    await writeFile(file, '{"kty":"OKP","crv":"Ed25', { mode: 0o600 });
    const error = await open(dir).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).to.equal('signing-key-invalid');
    expect(error?.message).to.include(file);
    expect(await readFile(file, 'utf8')).to.equal('{"kty":"OKP","crv":"Ed25');
  });

  it('a good key still loads', async () => {
    const { privateJwk } = await generateKeyPair('Ed25519');
    const app = await open(':memory:', { COL_SIGNING_KEY: JSON.stringify(privateJwk) });
    expect(app.context.key.source).to.equal('environment');
    expect(app.context.key.publicJwk.x).to.equal(privateJwk.x);
    app.close();
  });
});
