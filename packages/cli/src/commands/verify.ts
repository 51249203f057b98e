import { parseArgs } from 'node:util';
import { ColError } from '@citiesoflearning/core';
import { verify, type VerificationReport, type VerifyOptions } from '@citiesoflearning/verify';
import { readInput, readJsonOption } from '../io.js';
import { paint, type Output } from '../output.js';

/**
 * `colearn verify` exit codes (a public contract: scripts switch on them).
 *
 * @example
 * ```ts
 * const code = await verifyCommand(['badge.png'], processOutput());
 * if (code === VerifyExit.inconclusive) console.log('ask again later');
 * ```
 */
export const VerifyExit = { verified: 0, failed: 1, usage: 2, inconclusive: 3 } as const;

const HELP = `colearn verify <file|https-url|-> [options]

Checks a badge — a JSON file, a compact JWS, a baked .png/.svg, an https URL, or "-" for
standard input — and prints a checklist (or the report as JSON with --json).

  --json              print the report as JSON
  --documents FILE    JSON object mapping URL → document, consulted before any network lookup
  --offline           no network at all: what is not in --documents is inconclusive
  --recipient VALUE   the email or id the badge should have been issued to
  --trust FILE        issuer ids that count as known (JSON array, or one per line)
  --now ISO8601       evaluate dates at this instant
  --lang cy           write the checklist and messages in Welsh (default: English, en-GB);
                      codes, the JSON report's shape and exit codes stay the same

Links to this machine and to private networks (127.0.0.1, localhost, 10.x, 192.168.x, …) are
followed, so a badge from your own development server can be checked. The library's verify()
refuses them by default (a server verifying strangers' badges must not be steered inside).

Exit: 0 verified, 1 failed, 3 inconclusive, 2 usage error or unreadable input.`;

/**
 * Runs `colearn verify` with the arguments after the command name; returns the exit code.
 *
 * @example
 * ```ts
 * const code = await verifyCommand(['badge.json', '--json'], processOutput());
 * ```
 */
export async function verifyCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      documents: { type: 'string' },
      offline: { type: 'boolean' },
      recipient: { type: 'string' },
      trust: { type: 'string' },
      now: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new ColError('usage', 'colearn verify takes exactly one input: a file, an https URL, or - for standard input.');
  const [source] = positionals as [string];

  // A person at a terminal may verify a badge from their own dev server: opt in to private
  // addresses, which verify() refuses by default (see --help).
  const options: VerifyOptions = { offline: values.offline ?? false, allowPrivateNetwork: true };
  const lang = readLang(values.lang);
  options.locale = lang;
  if (values.documents) options.documents = await readDocuments(values.documents);
  if (values.recipient) options.recipient = values.recipient;
  if (values.trust) options.trustedIssuers = await readTrustList(values.trust);
  if (values.now) {
    if (Number.isNaN(Date.parse(values.now))) throw new ColError('usage', `--now ${values.now}: not an ISO 8601 date-time.`);
    options.now = values.now;
  }

  const input = /^https?:\/\//i.test(source) ? source : await readInput(source);
  const report = await verify(input, options);

  if (values.json) io.out(JSON.stringify(report, null, 2));
  else printChecklist(report, io, WORDS[lang]);

  if (report.checks.some((check) => check.id === 'parse' && check.outcome === 'failed')) return VerifyExit.usage;
  return VerifyExit[report.outcome];
}

async function readDocuments(path: string): Promise<Record<string, unknown>> {
  const documents = await readJsonOption('--documents', path);
  if (!documents || typeof documents !== 'object' || Array.isArray(documents)) {
    throw new ColError('usage', `--documents ${path}: expected a JSON object mapping URL → document.`);
  }
  return documents as Record<string, unknown>;
}

async function readTrustList(path: string): Promise<string[]> {
  const text = new TextDecoder().decode(await readInput(path)).trim();
  if (text.startsWith('[') || text.startsWith('{')) {
    const parsed = await readJsonOption('--trust', path);
    const list = Array.isArray(parsed) ? parsed : (parsed as { issuers?: unknown }).issuers;
    if (!Array.isArray(list) || !list.every((id) => typeof id === 'string')) {
      throw new ColError('usage', `--trust ${path}: expected a JSON array of issuer ids (or one id per line).`);
    }
    return list;
  }
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
}

const symbols = {
  passed: ['✓', 'green'],
  failed: ['✗', 'red'],
  inconclusive: ['?', 'yellow'],
  warning: ['!', 'yellow'],
  skipped: ['–', 'grey'],
} as const;

type Lang = 'en-GB' | 'cy';

/** The checklist's own words (the check messages come from the verifier in the same language). */
const WORDS: Record<Lang, { headlines: Record<VerificationReport['outcome'], string>; issuedBy: string; issued: string; validUntil: string; format: string }> = {
  'en-GB': {
    headlines: {
      verified: 'Verified: this badge is genuine and current.',
      failed: 'Not verified: at least one check failed.',
      inconclusive: 'Could not fully verify: some checks could not be completed.',
    },
    issuedBy: 'issued by',
    issued: 'issued',
    validUntil: 'valid until',
    format: 'format',
  },
  cy: {
    headlines: {
      verified: 'Wedi’i wirio: mae’r bathodyn hwn yn ddilys ac yn gyfredol.',
      failed: 'Heb ei wirio: methodd o leiaf un gwiriad.',
      inconclusive: 'Doedd dim modd gwirio’n llawn: doedd dim modd cwblhau rhai gwiriadau.',
    },
    issuedBy: 'cyhoeddwyd gan',
    issued: 'cyhoeddwyd',
    validUntil: 'dilys tan',
    format: 'fformat',
  },
};

function readLang(value: string | undefined): Lang {
  if (value === undefined || /^en(-GB)?$/i.test(value)) return 'en-GB';
  if (/^cy(-GB)?$/i.test(value)) return 'cy';
  throw new ColError('usage', `--lang ${value}: the languages are en-GB (the default) and cy (Welsh).`);
}

/** Prints the report as a readable checklist: a headline, the badge, then one line per check. */
function printChecklist(report: VerificationReport, io: Output, words: (typeof WORDS)[Lang]): void {
  const colour = report.outcome === 'verified' ? 'green' : report.outcome === 'failed' ? 'red' : 'yellow';
  io.out(paint(words.headlines[report.outcome], colour, io.color));
  const badge = report.badge;
  if (badge?.name) {
    const issuer = badge.issuer?.name ?? badge.issuer?.id;
    io.out(`  ${paint(badge.name, 'bold', io.color)}${issuer ? ` — ${words.issuedBy} ${issuer}` : ''}`);
    const dates = [badge.issuedOn && `${words.issued} ${badge.issuedOn}`, badge.validUntil && `${words.validUntil} ${badge.validUntil}`]
      .filter(Boolean).join(', ');
    if (dates) io.out(`  ${dates}`);
  }
  io.out(`  ${words.format}: ${report.format}`);
  io.out('');
  for (const check of report.checks) {
    const [symbol, tone] = symbols[check.outcome];
    io.out(`  ${paint(symbol, tone, io.color)} ${check.id.padEnd(10)} ${check.message}${check.code ? paint(` (${check.code})`, 'grey', io.color) : ''}`);
  }
}
