// Real-browser suites: the isomorphic packages' tests (and *.browser.test.ts) in Debian's Chromium.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { countingReporter } from './scripts/wtr-count-reporter.mjs';
import { defaultReporter } from '@web/test-runner';
import { commonJsPlugin } from './scripts/wtr-cjs-plugin.mjs';
import { claimFaultsMiddleware } from './packages/components/test/support/claim-faults.mjs';

const repoRoot = dirname(fileURLToPath(import.meta.url));
const files = (process.env.COL_BROWSER_FILES ?? '').split(',').filter(Boolean);

// The browser cannot list folders over HTTP, so listFixtures() in the harness reads this index.
const fixturesRoot = resolve(repoRoot, 'fixtures');
const fixtureIndex = readdirSync(fixturesRoot, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(fixturesRoot, resolve(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
  .sort();
mkdirSync(resolve(repoRoot, '.test-results'), { recursive: true });
writeFileSync(resolve(repoRoot, '.test-results', 'fixtures-index.json'), JSON.stringify(fixtureIndex));

// The client's and the components' browser suites talk to a real reference server (demo data,
// loopback, a throwaway data dir) started for the run and announced to each test page as
// `globalThis.__COL_SERVER__`. Started only when those tests are in the run; needs
// `npm run build` first (npm test does it).
let announcedServer = null;
const referenceServerPlugin = {
  name: 'col-reference-server',
  async serverStart() {
    if (files.length && !files.some((f) => f.startsWith('packages/client/') || f.startsWith('packages/components/'))) return;
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { startServer } = await import('@citiesoflearning/server');
    this.dataDir = await mkdtemp(resolve(tmpdir(), 'col-wtr-'));
    // Every suite claims from this one address: the per-address claim limit (60 a minute for the
    // public) would turn later suites' claims into 429s, so the run gets a generous one. The
    // limit itself is tested in the server's and client's Node suites.
    // The demo place publishes its insight (so <col-impact> can ask anonymously) and seeds a demo
    // learner's badges (GET /api/v1/demo/learner) for the skills tests.
    this.server = await startServer({ port: 0, host: '127.0.0.1', dataDir: this.dataDir, demo: true, publishInsight: true, claimsPerMinute: 10_000 });
    // A second, empty place that does not publish: what an anonymous page meets there (401) is
    // the real answer, not a stand-in.
    this.privateDataDir = await mkdtemp(resolve(tmpdir(), 'col-wtr-private-'));
    this.privateServer = await startServer({ port: 0, host: '127.0.0.1', dataDir: this.privateDataDir, publishInsight: false });
    announcedServer = { url: this.server.url, adminKey: this.server.adminKey, claimCodes: this.server.demo?.claimCodes ?? [], unpublishedUrl: this.privateServer.url };
  },
  // Admin actions a browser page may not make itself (the admin routes send no CORS headers):
  // `executeServerCommand('col-admin', { method, path, body })` from a test, sent from Node with
  // the run's admin key to the loopback server, answering `{ status, body }`.
  async executeCommand({ command, payload }) {
    if (command !== 'col-admin' || !this.server) return undefined;
    const response = await fetch(new URL(payload.path, this.server.url), {
      method: payload.method ?? 'POST',
      headers: { authorization: `Bearer ${this.server.adminKey}`, 'content-type': 'application/json' },
      body: payload.body === undefined ? undefined : JSON.stringify(payload.body),
    });
    return { status: response.status, body: await response.text() };
  },
  async serverStop() {
    if (!this.server) return;
    await this.server.close();
    await this.privateServer?.close();
    const { rm } = await import('node:fs/promises');
    await rm(this.dataDir, { recursive: true, force: true });
    if (this.privateDataDir) await rm(this.privateDataDir, { recursive: true, force: true });
  },
};

export default {
  // Serve the repository only: a clone has nothing beside it, and tests must not need anything else.
  rootDir: repoRoot,
  files: files.length ? files : ['packages/{core,verify,client}/test/**/*.test.ts', 'packages/components/test/**/*.browser.test.ts', '!**/*.node.test.ts'],
  nodeResolve: { exportConditions: ['@citiesoflearning/source', 'browser', 'import', 'default'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 30_000 } },
  // A fault-injecting, logging proxy to the reference server at /__col-faults/ (the claim
  // element's lost-response, timeout and retry tests; <col-impact>'s server error; what the
  // insight and share elements send).
  middleware: [claimFaultsMiddleware(() => announcedServer?.url)],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: resolve(repoRoot, 'tsconfig.wtr.json') }),
    a11ySnapshotPlugin(),
    // Some well-kept dependencies (jsonld, canonicalize, the OB context package) ship CommonJS only.
    commonJsPlugin({ rootDir: repoRoot }),
    referenceServerPlugin,
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
          // Fixture badges name images on public hosts: no name resolves but localhost, so a
          // test page can never reach past loopback.
          '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'],
      },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html><html><head><meta charset="utf-8"></head><body>
    <script>globalThis.__COL_SERVER__ = ${JSON.stringify(announcedServer)};</script>
    <script type="module" src="${testFramework}"></script></body></html>`,
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), countingReporter()],
};
