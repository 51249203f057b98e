// `colearn award`: the real built binary against a real server on loopback — a CSV in, badges
// issued, a summary and a result CSV out, exit 1 when a row failed; a second run of the same
// file issues nothing. Plus the pure pieces (CSV reading, the progress bar).
import { describe, it, before, after, expect, errorCode } from '@col/harness';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { startServer, type RunningServer } from '@citiesoflearning/server';
import { createClient } from '@citiesoflearning/client';
import { progressBar, readRecipients, safeCell } from '../src/commands/award.js';
import { spawn } from 'node:child_process';
import { runCol, repoRoot } from './support/run-col.js';

const bin = join(repoRoot, 'packages/cli/dist/bin.js');
const shellQuote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

describe('colearn award', () => {
  let server: RunningServer;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'col-award-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), demo: true, log: () => {} });
    const admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    const { key } = await admin.issuers.createApiKey('eastgate-makerspace', { label: 'CSV' });
    env = { COL_API_KEY: key };
  });
  after(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('awards every good row, reports the bad one, writes a result CSV and exits 1; the same file again issues nothing', async () => {
    const csv = join(dir, 'learners.csv');
    await writeFile(csv, '\uFEFFEmail,Name,externalId\nada@example.org,Ada Lovelace,enrol-1\n"grace@example.org","Hopper, Grace",enrol-2\nnot-an-email,Nobody,enrol-3\n');
    const first = await runCol(['award', '--achievement', 'intro-to-coding', '--csv', csv, '--api', server.url], { env });
    expect(first.code, first.stderr).to.equal(1);
    expect(first.stdout).to.contain('3 rows: 2 issued, 0 already awarded, 1 invalid, 0 failed.');
    expect(first.stderr).to.contain('row 3: "recipients[2].email" is not a valid email address.');
    expect(first.stderr).to.not.contain('\r'); // no progress bar when stderr is not a terminal
    const rows = parse(await readFile(join(dir, 'learners.results.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.row, r.externalId, r.status, r.errorField])).to.deep.equal([
      ['1', 'enrol-1', 'issued', ''], ['2', 'enrol-2', 'issued', ''], ['3', 'enrol-3', 'invalid', 'recipients[2].email'],
    ]);
    const credential = await (await fetch(rows[1]!.credential!)).json();
    expect(credential.credentialSubject.identifier.find((i: { identityType: string }) => i.identityType === 'name').identityHash).to.equal('Hopper, Grace');

    await writeFile(csv, 'email,name,externalId\nada@example.org,Ada Lovelace,enrol-1\ngrace@example.org,"Hopper, Grace",enrol-2\n');
    const out = join(dir, 'second.csv');
    const again = await runCol(['award', '--achievement', 'intro-to-coding', '--csv', csv, '--api', server.url, '--out', out], { env });
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.contain('2 rows: 0 issued, 2 already awarded, 0 invalid, 0 failed.');
    const second = parse(await readFile(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(second.map((r) => [r.status, r.credential])).to.deep.equal([['duplicate', rows[0]!.credential], ['duplicate', rows[1]!.credential]]);
  });

  it('on a terminal, draws a progress bar as the batches go, then clears it before the summary', async () => {
    // `script` (util-linux) gives the command a real pseudo-terminal, as a person's shell would.
    const csv = join(dir, 'tty.csv');
    await writeFile(csv, 'email,externalId\ntty1@example.org,tty-1\ntty2@example.org,tty-2\ntty3@example.org,tty-3\n');
    const command = [process.execPath, bin, 'award', '--achievement', 'intro-to-coding', '--csv', csv, '--api', server.url, '--batch', '1'].map(shellQuote).join(' ');
    // Not spawnSync: the server answering the command runs in this process.
    const terminal = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], { env: { ...process.env, ...env, NO_COLOR: '1' } });
    const run = { status: null as number | null, stdout: '', stderr: '' };
    terminal.stdout.on('data', (d) => (run.stdout += d));
    terminal.stderr.on('data', (d) => (run.stderr += d));
    run.status = await new Promise<number | null>((resolve, reject) => {
      terminal.on('error', reject);
      terminal.on('close', resolve);
    });
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    const bars = [...run.stdout.matchAll(/\r\[[█░]{30}\] (\d)\/3/g)].map((m) => Number(m[1]));
    expect(bars).to.deep.equal([0, 1, 2, 3]);
    const summary = run.stdout.indexOf('3 rows: 3 issued');
    expect(summary, run.stdout).to.be.greaterThan(run.stdout.lastIndexOf('\r\u001b[K'));
  });

  it('a key that may not award this badge: nothing sent is issued, every row is reported, exit 1', async () => {
    const admin = createClient({ baseUrl: server.url, apiKey: server.adminKey });
    const { key } = await admin.issuers.createApiKey('brightwater-libraries');
    const csv = join(dir, 'other.csv');
    await writeFile(csv, 'email\nx@example.org\n');
    const res = await runCol(['award', '--achievement', 'intro-to-coding', '--csv', csv, '--api', server.url], { env: { COL_API_KEY: key } });
    expect(res.code).to.equal(1);
    expect(res.stdout).to.contain('1 rows: 0 issued, 0 already awarded, 0 invalid, 0 failed, 1 not sent.');
    expect(res.stderr).to.contain('stopped:');
    expect(res.stderr).to.not.contain(key);
  });

  it('usage errors exit 2 and say what is missing, without issuing anything', async () => {
    const csv = join(dir, 'typo.csv');
    await writeFile(csv, 'email,nmae\nx@example.org,X\n');
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['award', '--achievement', 'intro-to-coding', '--csv', csv, '--api', server.url], env, /unknown column "nmae"/],
      [['award', '--achievement', 'intro-to-coding', '--csv', csv, '--api', server.url], { COL_API_KEY: '' }, /COL_API_KEY/],
      [['award', '--csv', csv, '--api', server.url], env, /--achievement/],
      [['award', '--achievement', 'intro-to-coding', '--csv', join(dir, 'missing.csv'), '--api', server.url], env, /no such file/],
      [['award', '--achievement', 'intro-to-coding', '--csv', csv, '--api', server.url, '--batch', '5000'], env, /--batch 5000/],
    ];
    for (const [args, extraEnv, message] of cases) {
      const res = await runCol(args, { env: extraEnv });
      expect(res.code, res.stderr).to.equal(2);
      expect(res.stderr).to.match(message);
    }
  });
});

describe('award CSV and progress pieces', () => {
  it('reads quoted cells, any header case and a byte-order mark; refuses a file with no learners', () => {
    expect(readRecipients('\uFEFFEMAIL,ExternalId\n"a@b.org","id, with comma"\n')).to.deep.equal([{ email: 'a@b.org', externalId: 'id, with comma' }]);
    expect(errorCode(() => readRecipients('email\n'))).to.equal('usage');
    expect(errorCode(() => readRecipients('name\nAda\n'))).to.equal('usage');
    expect(errorCode(() => readRecipients('email\n"unterminated\n'))).to.equal('usage');
  });

  it('result cells that a spreadsheet would run as formulas are defused', () => {
    expect(['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', 'ada@example.org', ''].map(safeCell)).to.deep.equal(["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "'\tx", 'ada@example.org', '']);
  });

  it('draws a bar of fixed width', () => {
    expect(progressBar(400, 1000, 20)).to.equal('[████████░░░░░░░░░░░░] 400/1000');
    expect(progressBar(0, 0, 4)).to.equal('[████] 0/0');
  });
});
