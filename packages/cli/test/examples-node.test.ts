// The Node examples as an integrator runs them: examples/node/bulk-award.mjs and
// examples/node/verify-folder.mjs as child processes against `colearn serve --demo` on loopback.
import { describe, it, before, after, expect } from '@col/harness';
import { repoRoot, runNodeScript, startDemoServer, type DemoServer } from '@col/harness/node';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const adminKey = 'examples-node-admin-key-0123';

const runScript = (script: string, args: string[], env: Record<string, string> = {}) => runNodeScript(join(repoRoot, 'examples/node', script), args, { env });

describe('the Node examples against colearn serve --demo', () => {
  let demo: DemoServer;
  let url = '';
  let work = '';
  const credentialIds: string[] = [];

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'col-examples-node-'));
    demo = await startDemoServer({ name: 'examples-node', adminKey });
    url = demo.url;
  });

  after(async () => {
    await demo?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('bulk-award.mjs awards every good row with progress, reports bad rows by code, and a re-run awards nobody twice', async () => {
    const csv = join(work, 'awards.csv');
    await writeFile(csv, 'Email,Achievement\r\nada.bulk@example.org,digital-foundations\r\n"not an email",digital-foundations\r\nbob.bulk@example.org,no-such-badge\r\nCAROL.bulk@example.org,online-communicator\r\n\r\n');
    const first = await runScript('bulk-award.mjs', [csv, url], { COL_API_KEY: adminKey });
    expect(first.code, first.stderr).to.equal(1);
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).to.equal('line,achievement,outcome,credential');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => [r[0], r[1], r[2]])).to.deep.equal([
      ['2', 'digital-foundations', 'awarded'], ['3', 'digital-foundations', 'email-invalid'],
      ['4', 'no-such-badge', 'not-found'], ['5', 'online-communicator', 'awarded'],
    ]);
    for (const r of rows.filter((r) => r[2] === 'awarded')) credentialIds.push(r[3]!);
    expect(credentialIds.every((id) => id.startsWith(`${url}/api/v1/credentials/`))).to.equal(true);
    expect(first.stderr).to.contain('[4/4] 2 awarded, 2 failed');
    expect(first.stderr).to.contain('Done: 2 awarded, 2 failed, of 4 rows.');
    expect(first.stdout + first.stderr, 'no email printed').to.not.match(/bulk@example\.org/i);
    // The award is real: a signed credential the server serves.
    const credential = await (await fetch(credentialIds[0]!)).json();
    expect(credential.credentialSubject.achievement.name).to.equal('Digital Foundations');

    // Interrupted and run again: the same badges come back, none issued twice.
    const again = await runScript('bulk-award.mjs', [csv, url], { COL_API_KEY: adminKey });
    expect(again.stdout.trim().split('\n').slice(1).filter((l) => l.includes(',awarded,')).map((l) => l.split(',')[3])).to.deep.equal(credentialIds);
  });

  it('bulk-award.mjs awards every row of the sample CSV the docs tell a newcomer to try', async () => {
    const sample = await runScript('bulk-award.mjs', [join(repoRoot, 'examples/node/awards.example.csv'), url], { COL_API_KEY: adminKey });
    expect(sample.code, sample.stdout + sample.stderr).to.equal(0);
    expect(sample.stderr).to.contain('Done: 3 awarded, 0 failed, of 3 rows.');
  });

  it('bulk-award.mjs reads a CSV as a spreadsheet writes it (quoted commas and line breaks, a BOM), and refuses a broken quote awarding nothing (exit 2)', async () => {
    const csv = join(work, 'spreadsheet.csv');
    await writeFile(csv, '\uFEFFname,email,achievement\r\n"Lovelace, Ada",ada.sheet@example.org,digital-foundations\r\n"Hopper,\r\nGrace ""Amazing""",grace.sheet@example.org,online-communicator\r\nTuring,alan.sheet@example.org,no-such-badge\r\n');
    const run = await runScript('bulk-award.mjs', [csv, url], { COL_API_KEY: adminKey });
    expect(run.code, run.stderr).to.equal(1);
    const rows = run.stdout.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 3));
    // Each result names the line its row starts on; the two-line row is line 3, the next line 5.
    expect(rows).to.deep.equal([['2', 'digital-foundations', 'awarded'], ['3', 'online-communicator', 'awarded'], ['5', 'no-such-badge', 'not-found']]);
    expect(run.stderr).to.contain('Done: 2 awarded, 1 failed, of 3 rows.');

    const broken = join(work, 'broken.csv');
    await writeFile(broken, 'email,achievement\nzoe.sheet@example.org,digital-foundations\n"unclosed@example.org,digital-foundations\n');
    const refused = await runScript('bulk-award.mjs', [broken, url], { COL_API_KEY: adminKey });
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.contain('is not a CSV file we can read: Quote Not Closed');
    expect(refused.stderr, 'no email printed').to.not.contain('@example.org');
    expect(refused.stdout, 'nothing awarded').to.equal('');
  });

  it('bulk-award.mjs refuses to start without a key, a readable file or the right columns (exit 2)', async () => {
    const csv = join(work, 'wrong.csv');
    await writeFile(csv, 'name,badge\nAda,digital-foundations\n');
    const noKey = await runScript('bulk-award.mjs', [csv, url], { COL_API_KEY: '' });
    expect([noKey.code, noKey.stderr]).to.deep.equal([2, "Set COL_API_KEY to the admin key or the provider key of the badges' issuer.\nUsage: COL_API_KEY=… node examples/node/bulk-award.mjs awards.csv [BASE_URL]\n"]);
    const columns = await runScript('bulk-award.mjs', [csv, url], { COL_API_KEY: adminKey });
    expect(columns.code).to.equal(2);
    expect(columns.stderr).to.contain('the first row must name the columns "email" and "achievement"');
    const missing = await runScript('bulk-award.mjs', [join(work, 'nope.csv'), url], { COL_API_KEY: adminKey });
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('no such file');
    // A wrong key awards nothing, row by row with the server's code.
    const good = join(work, 'one.csv');
    await writeFile(good, 'email,achievement\nzed@example.org,digital-foundations\n');
    const wrongKey = await runScript('bulk-award.mjs', [good, url], { COL_API_KEY: 'not-the-admin-key-000' });
    expect(wrongKey.code).to.equal(1);
    expect(wrongKey.stdout.trim().split('\n')[1]).to.match(/^2,digital-foundations,(unauthorized|forbidden|[a-z-]+),$/);
    expect(wrongKey.stdout).to.not.contain(',awarded,');
  });

  it('verify-folder.mjs prints a summary table: genuine JSON, JWT and PNG verified, a tampered badge failed', async () => {
    expect(credentialIds.length, 'the bulk-award test ran first').to.equal(2);
    const folder = join(work, 'badges');
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
    const id = credentialIds[0]!;
    const json = await (await fetch(id)).text();
    await writeFile(join(folder, 'a-credential.json'), json);
    await writeFile(join(folder, 'b-credential.jwt'), await (await fetch(`${id}/jwt`)).text());
    await writeFile(join(folder, 'c-baked.png'), new Uint8Array(await (await fetch(`${id}/png`)).arrayBuffer()));
    await writeFile(join(folder, 'notes.txt'), 'not a badge');

    const good = await runScript('verify-folder.mjs', [folder, '--local']);
    expect(good.code, good.stdout + good.stderr).to.equal(0);
    const table = good.stdout.split('\n');
    expect(table[0]).to.match(/^FILE\s+OUTCOME\s+BADGE\s+ISSUER\s+REASON$/);
    for (const file of ['a-credential.json', 'b-credential.jwt', 'c-baked.png']) {
      expect(table.find((l) => l.startsWith(file)), file).to.match(/\sverified\s+Digital Foundations\s+Brightwater Libraries$/);
    }
    expect(table.find((l) => l.startsWith('notes.txt'))).to.match(/\sskipped$/);
    expect(good.stdout).to.contain('4 files: 3 verified, 0 failed, 0 inconclusive, 1 skipped.');

    await writeFile(join(folder, 'd-tampered.json'), json.replace('Digital Foundations', 'Digital Foundations (Distinction)'));
    const tampered = await runScript('verify-folder.mjs', [folder, '--local']);
    expect(tampered.code).to.equal(1);
    expect(tampered.stdout.split('\n').find((l) => l.startsWith('d-tampered.json'))).to.match(/\sfailed\s.*\ssignature-invalid$/);
    expect(tampered.stdout).to.contain('5 files: 3 verified, 1 failed, 0 inconclusive, 1 skipped.');

    // Without --local the demo issuer on 127.0.0.1 is not contacted: could not check, never "failed".
    await rm(join(folder, 'd-tampered.json'));
    const guarded = await runScript('verify-folder.mjs', [folder]);
    expect(guarded.code).to.equal(3);
    expect(guarded.stdout).to.contain('0 verified, 0 failed, 3 inconclusive, 1 skipped.');

    const json2 = await runScript('verify-folder.mjs', [folder, '--local', '--json']);
    const reports = json2.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(reports.map((r) => r.outcome)).to.deep.equal(['verified', 'verified', 'verified', 'skipped']);
    expect(reports[0].report.checks.find((c: { id: string }) => c.id === 'proof').outcome).to.equal('passed');
  });

  it('verify-folder.mjs: a missing folder or an unknown option is a usage error (exit 2)', async () => {
    const missing = await runScript('verify-folder.mjs', [join(work, 'no-such-folder')]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain('it does not exist');
    const option = await runScript('verify-folder.mjs', [work, '--lcoal']);
    expect(option.code).to.equal(2);
    expect(option.stderr).to.contain('Unknown option --lcoal.');
  });
});
