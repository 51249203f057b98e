#!/usr/bin/env node
// Award badges in bulk from a CSV, with progress — what an LMS or CRM export turns into.
//
//   COL_API_KEY=… node examples/node/bulk-award.mjs awards.csv [BASE_URL] > results.csv
//
// awards.csv has a header row naming at least `email` and `achievement` (a badge key on the
// server), one award per row. Each row becomes a direct award through the client's
// `claims.create` (an API key and no claim code): the key must be the admin key or the provider
// key of the badge's issuer — server side only, never in a page.
//
// Progress goes to stderr (counts only: no email is ever printed); the results go to stdout as
// CSV — `line,achievement,outcome,credential` — with the credential URL, or the stable error code.
// Safe to run again after an interruption: each row's Idempotency-Key is derived from the row
// (an HMAC under the API key, so the key reveals nothing about the learner), and the server
// returns the badge it already issued instead of a second one.
// Exit code: 0 all awarded, 1 some rows failed, 2 usage or unreadable file.
//
// Needs the built packages: run `npm run build` once.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createClient, isApiError } from '@citiesoflearning/client';

const [file, baseArg] = process.argv.slice(2);
const baseUrl = baseArg ?? process.env.COL_BASE_URL ?? 'http://127.0.0.1:8080';
const apiKey = process.env.COL_API_KEY;

function usage(message) {
  console.error(`${message}\nUsage: COL_API_KEY=… node examples/node/bulk-award.mjs awards.csv [BASE_URL]`);
  process.exit(2);
}
if (!file) usage('Name the CSV file of awards.');
if (!apiKey) usage('Set COL_API_KEY to the admin key or the provider key of the badges\' issuer.');

/** RFC 4180-style fields: commas, "quoted, fields" and "" for a quote inside quotes. */
function parseLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { fields.push(field.trim()); field = ''; }
    else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

const csvField = (value) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

let text;
try {
  text = await readFile(file, 'utf8');
} catch (error) {
  usage(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
}
const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
const header = parseLine(lines[0] ?? '').map((h) => h.toLowerCase());
const emailAt = header.indexOf('email');
const achievementAt = header.indexOf('achievement');
if (emailAt < 0 || achievementAt < 0) usage(`${file}: the first row must name the columns "email" and "achievement".`);

const rows = lines.slice(1)
  .map((line, i) => ({ line: i + 2, fields: parseLine(line) }))
  .filter((row) => row.fields.some((f) => f !== ''));

const col = createClient({ baseUrl, apiKey });
const tty = process.stderr.isTTY;
const counts = { awarded: 0, failed: 0 };
console.log('line,achievement,outcome,credential');

for (const [i, { line, fields }] of rows.entries()) {
  const email = (fields[emailAt] ?? '').toLowerCase();
  const achievement = fields[achievementAt] ?? '';
  let outcome;
  let credential = '';
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) outcome = 'email-invalid';
  else if (!achievement) outcome = 'achievement-missing';
  else {
    try {
      const idempotencyKey = createHmac('sha256', apiKey).update(`bulk-award\n${achievement}\n${email}`).digest('base64url');
      const award = await col.claims.create({ achievement, recipient: { email } }, { idempotencyKey });
      outcome = 'awarded';
      credential = award.id;
    } catch (error) {
      if (isApiError(error)) outcome = error.code;
      else if (error?.code) outcome = String(error.code);
      else throw error;
    }
  }
  if (outcome === 'awarded') counts.awarded++;
  else counts.failed++;
  console.log([String(line), csvField(achievement), outcome, credential].join(','));
  const progress = `[${i + 1}/${rows.length}] ${counts.awarded} awarded, ${counts.failed} failed`;
  if (tty) process.stderr.write(`\r${progress}`);
  else console.error(progress);
}
if (tty) process.stderr.write('\n');
console.error(`Done: ${counts.awarded} awarded, ${counts.failed} failed, of ${rows.length} rows.`);
process.exitCode = counts.failed ? 1 : 0;
