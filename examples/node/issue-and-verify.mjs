#!/usr/bin/env node
// Issue a badge with a claim code, fetch the credential, verify it, print the result.
//
//   node examples/node/issue-and-verify.mjs [BASE_URL]
//
// With no BASE_URL (and no COL_BASE_URL), a reference server with demo data is started in this
// process. Against your own server, give it a claim code (COL_CLAIM_CODE and COL_ACHIEVEMENT) or
// an admin/provider key (COL_API_KEY) so the script can make one.
// Exit code: 0 verified, 1 not verified, 2 usage or connection problem.
//
// Needs the built packages: run `npm run build` once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, isApiError, verify } from '@citiesoflearning/client';

const learner = process.env.COL_LEARNER_EMAIL ?? 'ada.learner@example.org';
let baseUrl = process.argv[2] ?? process.env.COL_BASE_URL;
let achievement = process.env.COL_ACHIEVEMENT;
let code = process.env.COL_CLAIM_CODE;
let stop = async () => {};

try {
  if (!baseUrl) {
    // No server given: run the reference server here, with the Brightwater demo data.
    const { startServer } = await import('@citiesoflearning/server');
    const dataDir = await mkdtemp(join(tmpdir(), 'col-example-'));
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true });
    baseUrl = server.url;
    stop = async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    };
    ({ achievement, code } = server.demo.claimCodes[0]);
    console.log(`Started a demo server at ${baseUrl}`);
  }

  const col = createClient({ baseUrl });
  if (!code) {
    if (!process.env.COL_API_KEY || !achievement) {
      console.error('Give COL_CLAIM_CODE and COL_ACHIEVEMENT, or COL_API_KEY and COL_ACHIEVEMENT to create a code.');
      process.exitCode = 2;
      throw new Error('usage');
    }
    // Server side only: the key never leaves this process.
    const admin = createClient({ baseUrl, apiKey: process.env.COL_API_KEY });
    ({ codes: [code] } = await admin.claimCodes.create(achievement, { count: 1, uses: 1 }));
  }

  // 1. The learner claims the badge with the code (safe to retry: the client sends an Idempotency-Key).
  const award = await col.claims.create({ achievement, code, recipient: { email: learner } });
  console.log(`Issued: ${award.credential.name}`);
  console.log(`  credential  ${award.id}`);
  console.log(`  baked PNG   ${award.links.png}`);

  // 2. Anyone can fetch it back by its id…
  const credential = await col.credentials.get(award.id);

  // 3. …and verify it: signature, issuer key, dates, revocation, and that it is this learner's.
  // A server on this machine has loopback URLs, which verify() refuses unless told otherwise.
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(baseUrl).hostname);
  const report = await verify(credential, { recipient: learner, allowPrivateNetwork: local });
  console.log(`Verification: ${report.outcome}`);
  for (const check of report.checks) {
    const mark = { passed: '✓', failed: '✗', inconclusive: '?', skipped: '-', warning: '!' }[check.outcome] ?? ' ';
    console.log(`  ${mark} ${check.id.padEnd(9)} ${check.message ?? check.code}`);
  }
  process.exitCode = report.verified ? 0 : 1;
} catch (error) {
  if (error?.message !== 'usage') {
    console.error(isApiError(error) ? `Could not talk to ${baseUrl}: ${error.message} (${error.code})` : error);
    process.exitCode = 2;
  }
} finally {
  await stop();
}
