// The repository's browser test config plus what the client's browser suite needs: a real
// reference server (demo data) started for the run and announced to the page as
// `globalThis.__COL_SERVER__ = { url, adminKey, claimCodes }`. The lead folds the same few lines
// into web-test-runner.config.mjs; until then, run the client's browser tests with:
//
//   npx tsc -b packages/server
//   COL_BROWSER_FILES=packages/client/test/client.test.ts npx wtr --config packages/client/test/wtr.local.config.mjs
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@citiesoflearning/server';
import base from '../../../web-test-runner.config.mjs';

// --- begin: the lines to add to web-test-runner.config.mjs ---
const colDataDir = await mkdtemp(join(tmpdir(), 'col-wtr-'));
const colServer = await startServer({ port: 0, host: '127.0.0.1', dataDir: colDataDir, demo: true });
const colAnnounced = JSON.stringify({ url: colServer.url, adminKey: colServer.adminKey, claimCodes: colServer.demo?.claimCodes ?? [] });
const colServerPlugin = {
  name: 'col-reference-server',
  async serverStop() {
    await colServer.close();
    await rm(colDataDir, { recursive: true, force: true });
  },
};
// --- end ---

export default {
  ...base,
  plugins: [...base.plugins, colServerPlugin],
  // The base page with one more script before the test framework loads.
  testRunnerHtml: (testFramework, config) =>
    base.testRunnerHtml(testFramework, config).replace(
      '<script type="module"',
      `<script>globalThis.__COL_SERVER__ = ${colAnnounced};</script>\n    <script type="module"`,
    ),
};
