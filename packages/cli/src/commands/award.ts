import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ColError } from '@citiesoflearning/core';
import { createClient, isApiError, type AwardRecipient, type AwardRowResult, type AwardsProgress } from '@citiesoflearning/client';
import { readInput } from '../io.js';
import { paint, type Output } from '../output.js';

const HELP = `colearn award --achievement KEY --csv FILE [--api URL] [--out FILE] [--batch N]

Awards one badge to every learner in a CSV file (a header row, then one learner a row):
  email        required
  name         optional: shown on the badge
  externalId   optional: your enrolment or record id. Makes the row safe to send again:
               a second run reports "duplicate" instead of issuing twice. Use it.
  narrative    optional: what the learner did, in words
The API key comes from COL_API_KEY (an issuer's provider key or the admin key; never a flag,
so it stays out of your shell history). --api (or COL_API_URL) is the server root.
Writes a result CSV (default: FILE with .results.csv) with one line per row: status
(issued | duplicate | invalid | failed), the credential URL, and the error if any.
Shows a progress bar on a terminal. Exits 0 when every row was issued or was a duplicate,
1 when any row failed or was invalid, 2 on a usage error or an unreadable file.`;

const COLUMNS = ['email', 'name', 'externalId', 'narrative'] as const;

/**
 * A one-line progress bar, e.g. `[████████░░░░░░░░░░░░] 400/1000`.
 *
 * @example
 * ```ts
 * progressBar(400, 1000, 20); // '[████████░░░░░░░░░░░░] 400/1000'
 * ```
 */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`;
}

/**
 * Reads the learners from CSV text: a header row naming columns from {@link COLUMNS} (any case),
 * then one learner a row. Unknown columns are refused (a typo must not drop a column silently).
 *
 * @example
 * ```ts
 * readRecipients('email,externalId\nada@example.org,e-1\n'); // [{ email: 'ada@example.org', externalId: 'e-1' }]
 * ```
 */
export function readRecipients(text: string, file = 'the CSV file'): AwardRecipient[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw new ColError('usage', `${file} is not valid CSV: ${(error as Error).message}`, { cause: error });
  }
  const [header, ...body] = rows;
  if (!header || body.length === 0) throw new ColError('usage', `${file} needs a header row (email, name, externalId) and at least one learner.`);
  const names = header.map((h) => {
    const known = COLUMNS.find((c) => c.toLowerCase() === h.toLowerCase());
    if (!known) throw new ColError('usage', `${file}: unknown column "${h}" (the columns are ${COLUMNS.join(', ')}).`);
    return known;
  });
  if (!names.includes('email')) throw new ColError('usage', `${file} has no "email" column.`);
  return body.map((cells) => {
    const row: Record<string, string> = {};
    names.forEach((name, i) => {
      if (cells[i]) row[name] = cells[i]!;
    });
    return row as unknown as AwardRecipient;
  });
}

/**
 * A cell as a spreadsheet will read it safely: text starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would run as a formula when the result file is opened, so it gets a leading `'`
 * (the usual defence against CSV injection; the rows come from an export anyone may have typed in).
 *
 * @example
 * ```ts
 * safeCell('=HYPERLINK("http://evil.example")'); // "'=HYPERLINK(\"http://evil.example\")"
 * ```
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function resultCsv(recipients: readonly AwardRecipient[], results: readonly AwardRowResult[]): string {
  const lines = recipients.map((r, i) => {
    const result = results[i];
    const cells = [r.email, r.externalId ?? '', result?.status ?? 'not-sent', result?.id ?? '', result?.error?.code ?? '', result?.error?.field ?? '', result?.error?.message ?? ''];
    return [i + 1, ...cells.map((c) => safeCell(String(c)))];
  });
  return stringify([['row', 'email', 'externalId', 'status', 'credential', 'errorCode', 'errorField', 'errorMessage'], ...lines]);
}

/**
 * Runs `colearn award`: bulk-awards a badge from a CSV file through the badge API.
 *
 * @example
 * ```ts
 * process.env.COL_API_KEY = 'colp_…';
 * const code = await awardCommand(['--achievement', 'code-club-1', '--csv', 'learners.csv', '--api', 'https://badges.example.org'], processOutput());
 * ```
 */
export async function awardCommand(argv: string[], io: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      achievement: { type: 'string' },
      csv: { type: 'string' },
      api: { type: 'string' },
      out: { type: 'string' },
      batch: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (!values.achievement || !values.csv) throw new ColError('usage', 'needs --achievement KEY and --csv FILE.\n\n' + HELP);
  const api = values.api ?? process.env.COL_API_URL;
  if (!api) throw new ColError('usage', 'needs the server: --api URL (or COL_API_URL).');
  const apiKey = process.env.COL_API_KEY;
  if (!apiKey) throw new ColError('usage', 'needs an API key in COL_API_KEY (an issuer\'s provider key or the admin key).');
  const batchSize = values.batch === undefined ? 100 : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) throw new ColError('usage', `--batch ${values.batch}: a whole number from 1 to 1000.`);
  const out = values.out ?? values.csv.replace(/(\.csv)?$/i, '.results.csv');

  const recipients = readRecipients(new TextDecoder().decode(await readInput(values.csv)), values.csv);
  let client;
  try {
    client = createClient({ baseUrl: api, apiKey, timeoutMs: 120_000 });
  } catch (error) {
    throw new ColError('usage', `--api ${api}: ${(error as Error).message}`, { cause: error });
  }

  const bar = io.progress;
  const onProgress = (p: AwardsProgress) => bar?.(progressBar(p.done, p.total));
  bar?.(progressBar(0, recipients.length));
  let results: AwardRowResult[];
  let stopped: string | undefined;
  try {
    results = (await client.awards.create({ achievement: values.achievement, recipients }, { batchSize, onProgress })).results;
  } catch (error) {
    if (!isApiError(error)) throw error;
    results = (error.details?.completed as AwardRowResult[] | undefined) ?? [];
    stopped = error.message;
  } finally {
    bar?.('');
  }
  await writeFile(out, resultCsv(recipients, results));

  const count = (s: AwardRowResult['status']) => results.filter((r) => r.status === s).length;
  const notSent = recipients.length - results.length;
  const bad = count('invalid') + count('failed') + notSent;
  const parts = [
    paint(`${count('issued')} issued`, 'green', io.color),
    `${count('duplicate')} already awarded`,
    paint(`${count('invalid')} invalid`, count('invalid') ? 'red' : 'grey', io.color),
    paint(`${count('failed')} failed`, count('failed') ? 'red' : 'grey', io.color),
    ...(notSent ? [paint(`${notSent} not sent`, 'red', io.color)] : []),
  ];
  io.out(`${recipients.length} rows: ${parts.join(', ')}.`);
  results.forEach((r, i) => {
    if (r.error) io.err(`row ${i + 1}: ${r.error.message}`);
  });
  if (stopped) io.err(`stopped: ${stopped}${recipients.some((r) => r.externalId) ? ' Rows with an externalId are safe to send again.' : ''}`);
  io.out(`results: ${out}`);
  return bad > 0 ? 1 : 0;
}
