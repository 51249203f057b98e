#!/usr/bin/env node
// Award badges in bulk from a CSV, with progress — what an LMS or CRM export turns into.
//
//   COL_API_KEY=… node examples/node/bulk-award.mjs awards.csv [BASE_URL] > results.csv
//
// awards.csv has a header row naming at least `email` and `achievement` (a badge key on the
// server), one award per row. The rows of each badge go to the server together through the
// client's `awards.create` (bulk `POST /api/v1/awards`, up to 100 rows a request): the key must be
// the admin key or the provider key of the badge's issuer — server side only, never in a page.
//
// Progress goes to stderr (counts only: no email is ever printed); the results go to stdout as
// CSV, in the file's order — `line,achievement,outcome,credential` — with the credential URL, or
// the stable error code. Safe to run again after an interruption: each row's `externalId` is
// derived from the row (an HMAC under the API key, so it reveals nothing about the learner), and
// the server answers a row it has seen with the badge it already issued instead of a second one.
// Exit code: 0 all awarded, 1 some rows failed, 2 usage or unreadable file.
//
// Needs the built packages: run `npm run build` once. Copied into your own project, it needs
// `npm install @citiesoflearning/client csv-parse csv-stringify`.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createClient, isApiError } from '@citiesoflearning/client';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const [file, baseArg] = process.argv.slice(2);
const baseUrl = baseArg ?? process.env.COL_BASE_URL ?? 'http://127.0.0.1:8080';
const apiKey = process.env.COL_API_KEY;

function usage(message) {
  console.error(`${message}\nUsage: COL_API_KEY=… node examples/node/bulk-award.mjs awards.csv [BASE_URL]`);
  process.exit(2);
}
if (!file) usage('Name the CSV file of awards.');
if (!apiKey) usage('Set COL_API_KEY to the admin key or the provider key of the badges\' issuer.');

let text;
try {
  text = await readFile(file, 'utf8');
} catch (error) {
  usage(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
}

// csv-parse reads what spreadsheets write: quoted fields (with commas, quotes or line breaks
// inside), a byte-order mark, blank lines. Each record keeps the file line it starts on; line
// breaks are made \n first, since csv-parse counts a CRLF inside quotes as two lines.
let records;
try {
  records = parse(text.replace(/\r\n?/g, '\n'), { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true });
} catch (error) {
  usage(`${file} is not a CSV file we can read: ${error.message}`);
}
const header = (records[0]?.record ?? []).map((h) => h.toLowerCase());
const emailAt = header.indexOf('email');
const achievementAt = header.indexOf('achievement');
if (emailAt < 0 || achievementAt < 0) usage(`${file}: the first row must name the columns "email" and "achievement".`);

const rows = records.slice(1)
  .map(({ record, info }) => ({ line: info.lines - countLineBreaks(record), fields: record }))
  .filter((row) => row.fields.some((f) => f !== ''));

/** Line breaks inside a record's quoted fields: its first line is that many before its last. */
function countLineBreaks(fields) {
  return fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
}

const col = createClient({ baseUrl, apiKey });
const tty = process.stderr.isTTY;
const counts = { awarded: 0, failed: 0 };
/** Each row's `[outcome, credential]`, by its place in `rows`. */
const outcomes = new Array(rows.length);
let done = 0;

function decide(index, outcome, credential = '') {
  outcomes[index] = [outcome, credential];
  done++;
  if (outcome === 'awarded') counts.awarded++;
  else counts.failed++;
}

// A row the server answered: awarded, or its error code. A row sent before (an interrupted run)
// is a `duplicate`: the badge it already has comes back.
function decideAnswered(index, result) {
  if (result.status === 'issued' || result.status === 'duplicate') decide(index, 'awarded', result.id ?? '');
  else decide(index, result.error?.code ?? result.status);
}

/** Counts only, never an email; `pending` adds the rows of a request in flight. */
function report(pending = { done: 0, issued: 0, duplicate: 0, invalid: 0, failed: 0 }) {
  const awarded = counts.awarded + pending.issued + pending.duplicate;
  const failed = counts.failed + pending.invalid + pending.failed;
  const progress = `[${done + pending.done}/${rows.length}] ${awarded} awarded, ${failed} failed`;
  if (tty) process.stderr.write(`\r${progress}`);
  else console.error(progress);
}

// Rows that cannot be sent are decided here; the rest are grouped by badge, in file order.
const byAchievement = new Map();
for (const [index, { fields }] of rows.entries()) {
  const email = (fields[emailAt] ?? '').toLowerCase();
  const achievement = fields[achievementAt] ?? '';
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) decide(index, 'email-invalid');
  else if (!achievement) decide(index, 'achievement-missing');
  else {
    const externalId = createHmac('sha256', apiKey).update(`bulk-award\n${achievement}\n${email}`).digest('base64url');
    if (!byAchievement.has(achievement)) byAchievement.set(achievement, []);
    byAchievement.get(achievement).push({ index, recipient: { email, externalId } });
  }
}
if (done) report();

for (const [achievement, group] of byAchievement) {
  try {
    const { results } = await col.awards.create({ achievement, recipients: group.map((row) => row.recipient) }, { onProgress: report });
    results.forEach((result, i) => decideAnswered(group[i].index, result));
  } catch (error) {
    // A whole request was refused (a wrong key, an unknown badge): the rows of earlier requests
    // keep their answers, and every row not answered gets the request's code.
    // The server's own code where it sent one (e.g. `too-many-rows`), else the client's (`network`).
    const code = isApiError(error) ? (error.serverCode ?? error.code) : error?.code ? String(error.code) : undefined;
    if (!code) throw error;
    const completed = Array.isArray(error.details?.completed) ? error.details.completed : [];
    completed.forEach((result, i) => decideAnswered(group[i].index, result));
    for (const row of group.slice(completed.length)) decide(row.index, code);
    report();
  }
}

process.stdout.write(stringify([
  ['line', 'achievement', 'outcome', 'credential'],
  ...rows.map(({ line, fields }, index) => [String(line), fields[achievementAt] ?? '', ...outcomes[index]]),
]));
if (tty) process.stderr.write('\n');
console.error(`Done: ${counts.awarded} awarded, ${counts.failed} failed, of ${rows.length} rows.`);
process.exitCode = counts.failed ? 1 : 0;
