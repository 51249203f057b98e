#!/usr/bin/env node
// Verify every badge in a folder and print a summary table — e.g. the badges applicants sent in.
//
//   node examples/node/verify-folder.mjs FOLDER [--local] [--json]
//
// Reads `.json` (OB 2.0 assertions, OB 3.0 credentials), `.jwt`/`.jws` (VC-JWT) and baked `.png`
// and `.svg` images; other files are listed as skipped. `--local` lets verification reach a server
// on this machine or your private network (`npm start`'s demo issuer is on 127.0.0.1); leave it
// off for badges from strangers, so a forged badge cannot steer requests into your network.
// `--json` prints the reports as JSON lines instead of the table.
// Exit code: 0 all verified, 1 any failed, 3 none failed but some could not be checked
// (inconclusive), 2 usage or unreadable folder — the same codes as `colearn verify`.
//
// Needs the built packages: run `npm run build` once.
import { readFile, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { verify } from '@citiesoflearning/verify';

const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith('--'));
const local = args.includes('--local');
const asJson = args.includes('--json');
const unknown = args.filter((a) => a.startsWith('--') && !['--local', '--json'].includes(a));
if (!folder || unknown.length) {
  console.error(`${unknown.length ? `Unknown option ${unknown[0]}.` : 'Name a folder of badges.'}\nUsage: node examples/node/verify-folder.mjs FOLDER [--local] [--json]`);
  process.exit(2);
}

let names;
try {
  names = (await readdir(folder, { withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name).sort();
} catch (error) {
  console.error(`Cannot read the folder ${folder}: ${error.code === 'ENOENT' ? 'it does not exist' : error.message}.`);
  process.exit(2);
}

/** What verify() takes for each kind of file: images as bytes, text as text. */
async function readBadge(path) {
  const ext = extname(path).toLowerCase();
  if (ext === '.png' || ext === '.svg') return new Uint8Array(await readFile(path));
  if (ext === '.json' || ext === '.jwt' || ext === '.jws') return (await readFile(path, 'utf8')).trim();
  return undefined;
}

async function check(name) {
  const input = await readBadge(join(folder, name));
  if (input === undefined) return { file: name, outcome: 'skipped' };
  const report = await verify(input, { allowPrivateNetwork: local });
  const problem = report.checks.find((c) => c.outcome === 'failed') ?? report.checks.find((c) => c.outcome === 'inconclusive');
  return { file: name, outcome: report.outcome, badge: report.badge?.name ?? '', issuer: report.badge?.issuer?.name ?? '', reason: problem?.code ?? '', report };
}

// Four at a time: quick for a folder of hundreds, gentle on the issuers' servers.
const results = new Array(names.length);
let next = 0;
await Promise.all(Array.from({ length: Math.min(4, names.length) }, async () => {
  while (next < names.length) {
    const i = next++;
    results[i] = await check(names[i]);
  }
}));

const counts = { verified: 0, failed: 0, inconclusive: 0, skipped: 0 };
for (const r of results) counts[r.outcome]++;

if (asJson) {
  for (const r of results) console.log(JSON.stringify({ file: r.file, outcome: r.outcome, ...(r.report ? { report: r.report } : {}) }));
} else {
  const columns = ['file', 'outcome', 'badge', 'issuer', 'reason'];
  const rows = results.map((r) => columns.map((c) => String(r[c] ?? '')));
  const widths = columns.map((c, i) => Math.min(40, Math.max(c.length, ...rows.map((row) => row[i].length))));
  const fit = (text, width) => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
  console.log(columns.map((c, i) => fit(c.toUpperCase(), widths[i])).join('  ').trimEnd());
  for (const row of rows) console.log(row.map((cell, i) => fit(cell, widths[i])).join('  ').trimEnd());
  console.log(`\n${results.length} files: ${counts.verified} verified, ${counts.failed} failed, ${counts.inconclusive} inconclusive, ${counts.skipped} skipped.`);
}
process.exitCode = counts.failed ? 1 : counts.inconclusive ? 3 : 0;
