// examples/node/issue-and-verify.mjs runs as a user would run it (plain Node on the built
// packages) and says what it did.
import { describe, it, before, after, expect, readRepoFile } from '@col/harness';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestServer } from './support/node-server.js';
import { closedPortUrl } from './support/fault-server.js';
import type { TestServer } from './support/server.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const script = 'examples/node/issue-and-verify.mjs';

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('examples/node/issue-and-verify.mjs', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it('exists and uses only the public client API', async () => {
    const source = new TextDecoder().decode(await readRepoFile(script));
    expect(source).to.contain("from '@citiesoflearning/client'");
    expect(source).to.not.match(/packages\/client\/src/);
  });

  it('with no server given: starts one, issues, verifies, exits 0', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code, stderr).to.equal(0);
    expect(stdout).to.match(/Started a demo server at http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).to.match(/Issued: .+\n {2}credential {2}http:\/\/127\.0\.0\.1:\d+\/api\/v1\/credentials\//);
    expect(stdout).to.contain('Verification: verified');
    expect(stdout).to.contain('✓ recipient');
  });

  it('against a running server with a key: makes a code, issues, verifies, exits 0', async () => {
    const { code, stdout, stderr } = await run([server.url], { COL_API_KEY: server.adminKey, COL_ACHIEVEMENT: 'youth-volunteer' });
    expect(code, stderr).to.equal(0);
    expect(stdout).to.contain('Issued: Youth Volunteer');
    expect(stdout).to.contain(`credential  ${server.url}/api/v1/credentials/`);
    expect(stdout).to.contain('Verification: verified');
  });

  it('without a code or key: usage message, exit 2', async () => {
    const { code, stderr } = await run([server.url]);
    expect(code).to.equal(2);
    expect(stderr).to.contain('COL_CLAIM_CODE');
  });

  it('server down: a plain message and exit 2', async () => {
    const { code, stderr } = await run([await closedPortUrl()], { COL_CLAIM_CODE: 'AAAA-BBBB-CCCC', COL_ACHIEVEMENT: 'x' });
    expect(code).to.equal(2);
    expect(stderr).to.match(/Could not talk to http:\/\/127\.0\.0\.1:\d+: The server could not be reached.* \(network\)/);
  });
});
