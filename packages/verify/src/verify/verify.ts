import { detect, isColError, type Detection } from '@citiesoflearning/core';
import { buildReport, localizeChecks, makeCheck, sourceOf, type BadgeFormat, type Check, type VerificationReport } from './report.js';
import type { VerifyOptions } from './options.js';
import { DEFAULT_BUDGET_MS, DEFAULT_MAX_DOCUMENT_BYTES, Fetcher, clip } from './fetcher.js';
import { INCONCLUSIVE_CODES, asCode, causeOf, isMessageKey, loadCatalogue, pickLocale, type MessageKey, type MessageParams } from './messages.js';
import type { RunContext } from './context.js';
import { decodeJws } from './primitives.js';
import { verifyOb3DataIntegrity } from './ob3-data-integrity.js';
import { verifyOb3Jwt } from './ob3-jwt.js';
import { skipped, type FormatResult } from './ob3-common.js';
import { isRecord } from '../internal/guards.js';

// OB 2.0 (hosted and signed) is legacy and rare where badges are verified today: its code (the
// badge class and issuer graph, revocation lists) loads on first use, in a chunk of its own, so
// a page verifying OB 3.0 does not download it.
const ob2Hosted = () => import('./ob2-hosted.js');
const ob2Signed = () => import('./ob2-signed.js');

/** The global fetch, called unbound-safe, as one stable function (a document cache keys on it). */
const defaultFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);

/**
 * Verify anything a learner can hand over — an https URL, JSON text or object, a compact JWS,
 * or baked PNG/SVG bytes — as an Open Badge 2.0 (hosted or signed) or 3.0 (VC-JWT or Data
 * Integrity), and report check by check. Never throws for bad input: an unreadable input is a
 * report whose `parse` check failed.
 *
 * Lookups (DID documents, issuer profiles, keys, JWKS, status lists, hosted assertions) are
 * answered from `options.documents` first, then over https (http only on loopback), unless
 * `options.offline`; whatever cannot be looked up makes the result `inconclusive`, not `failed`.
 *
 * @example
 * ```ts
 * import { verify } from '@citiesoflearning/verify';
 * const report = await verify(pngBytes, { recipient: 'learner@example.org' });
 * if (report.verified) show(`${report.badge?.name} from ${report.badge?.issuer?.name}`);
 * else show(report.checks.find((c) => c.outcome === 'failed' || c.outcome === 'inconclusive')?.message);
 * ```
 */
export async function verify(
  input: string | Uint8Array | ArrayBuffer | object,
  options: VerifyOptions = {},
): Promise<VerificationReport> {
  const locale = pickLocale(options.locale);
  // Start loading the report's language now, alongside the checking (en-GB is built in).
  const catalogue = locale === 'en-GB' ? undefined : loadCatalogue(locale);
  const report = await verifyWithinBudget(input, options);
  if (catalogue) localizeChecks(report.checks, await catalogue);
  return report;
}

// Not async itself: one async frame fewer on every verification (each costs a promise and a
// turn of the microtask queue).
function verifyWithinBudget(input: unknown, options: VerifyOptions): Promise<VerificationReport> | VerificationReport {
  const now = toDate(options.now);
  if (!now) return buildReport('unknown', [makeCheck('parse', 'failed', 'option-invalid')]);
  const fetcher = new Fetcher(options.cache ? { ...options, fetch: options.cache.wrap(options.fetch ?? defaultFetch) } : options);
  const ctx: RunContext = { fetcher, now, options, lists: new Map() };
  // Lookups stop at the budget by themselves; this backstop also ends a run stuck elsewhere.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<VerificationReport>((resolve) => {
    timer = setTimeout(
      () => resolve(buildReport('unknown', [makeCheck('parse', 'inconclusive', 'budget-exceeded')])),
      (options.budgetMs ?? DEFAULT_BUDGET_MS) + 1000,
    );
  });
  return Promise.race([verifyInput(input, ctx, 0), budget]).then(
    (report) => {
      clearTimeout(timer);
      return report;
    },
    (error: unknown) => {
      clearTimeout(timer);
      // Anything else is a bug — ours, or in a `fetch` or `cache` the caller passed — not a
      // fault of the badge: it surfaces as itself rather than as a verdict on the badge.
      if (!isColError(error)) throw error;
      const outcome = INCONCLUSIVE_CODES.has(error.code) ? 'inconclusive' : 'failed';
      return buildReport('unknown', [makeCheck('parse', outcome, asCode(error.code), isMessageKey(error.code) ? causeOf(error).params : { detail: error.message })]);
    },
  );
}

async function verifyInput(input: unknown, ctx: RunContext, depth: number): Promise<VerificationReport> {
  const maxBytes = ctx.options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  let detection: Detection;
  if (input === null || input === undefined) return parseFailed('input-unrecognized');
  if (typeof input === 'string' && input.trim() === '') return parseFailed('input-empty');
  if (input instanceof Uint8Array && input.length === 0) return parseFailed('input-empty');
  try {
    detection = detect(input as string | Uint8Array | ArrayBuffer | object, { maxBytes, maxImageBytes: Math.max(maxBytes, 20 * 1024 * 1024) });
  } catch (error) {
    // detect() takes any W3C credential (an Open Badge or not) and enveloped VC-JWTs itself, and
    // says what is wrong with anything else as a ColError; any other error is a bug.
    if (!isColError(error)) throw error;
    return parseFailed(error.code === 'image-not-baked' ? 'image-no-badge' : error.code, { detail: error.message });
  }
  const url = detection.kind === 'url' ? detection.url : detection.bakedUrl;
  if (url) {
    if (depth > 1) return parseFailed('input-unrecognized', undefined, 'unknown', 'input.link-to-link');
    return verifyUrl(url, ctx, depth);
  }
  const { format, json, jws } = detection;
  let result: FormatResult;
  let reportFormat: BadgeFormat = format;
  if (jws) {
    // detect() decoded the JWS (with the same size limit) to tell its format: use that.
    let decoded = detection.decoded;
    if (!decoded) {
      try {
        decoded = decodeJws(jws, { maxLength: maxBytes });
      } catch (error) {
        if (isColError(error)) return parseFailed(error.code === 'jws-too-large' ? 'input-too-large' : error.code, { detail: error.message }, format);
        throw error;
      }
    }
    if (format === 'ob2-signed') result = await (await ob2Signed()).verifyOb2Signed(jws, decoded.header, decoded.payload, ctx);
    else {
      reportFormat = 'ob3-jwt';
      result = await verifyOb3Jwt(jws, decoded.header, decoded.payload, ctx);
    }
  } else if (json) {
    if (format === 'ob3-data-integrity' || (format === 'unknown' && detection.version === 3)) {
      result = await verifyOb3DataIntegrity(json, ctx);
    } else if (format === 'ob2-hosted') {
      result = await (await ob2Hosted()).verifyOb2Hosted({ supplied: json }, ctx);
    } else if (format === 'ob2-signed') {
      result = {
        checks: [makeCheck('parse', 'passed', 'parsed', { what: { ref: 'what.ob2-signed-bare' } }), makeCheck('proof', 'failed', 'signature-missing')],
      };
    } else if (detection.version === 2) {
      result = {
        checks: [
          makeCheck('parse', 'passed', 'parsed', { what: { ref: 'what.ob2' } }),
          makeCheck('schema', 'failed', 'verification-unknown'),
          ...skipped(['proof', 'key', 'validity', 'status'], 'why.cannot-verify'),
        ],
      };
    } else {
      return parseFailed('input-unrecognized');
    }
  } else {
    return parseFailed('input-unrecognized');
  }
  if (detection.image) {
    const at = result.checks.findIndex((c) => c.id === 'parse');
    const parse = result.checks[at];
    const source = parse ? sourceOf(parse) : undefined;
    if (parse && parse.outcome === 'passed' && source) {
      result.checks[at] = makeCheck('parse', 'passed', asCode(parse.code), { ...source.params, image: detection.image.toUpperCase() }, source.key);
    }
  }
  return buildReport(reportFormat, result.checks, result.badge);
}

async function verifyUrl(url: string, ctx: RunContext, depth: number): Promise<VerificationReport> {
  let doc;
  try {
    doc = await ctx.fetcher.get(url);
  } catch (error) {
    if (isColError(error, 'http-error') && error.details?.status === 410) {
      // A withdrawn hosted assertion.
      return buildReport('ob2-hosted', (await (await ob2Hosted()).verifyOb2Hosted({ url }, ctx)).checks);
    }
    if (isColError(error)) {
      const outcome = INCONCLUSIVE_CODES.has(error.code) ? 'inconclusive' : 'failed';
      return buildReport('unknown', [makeCheck('parse', outcome, asCode(error.code), { url: clip(url), cause: causeOf(error) }, 'input.fetch-failed')]);
    }
    throw error;
  }
  if (isRecord(doc.json)) {
    let detection: Detection | undefined;
    try {
      detection = detect(doc.json);
    } catch (error) {
      if (!isColError(error)) throw error;
      detection = undefined; // not a badge by itself: verifyInput says what it is
    }
    if (detection?.format === 'ob2-hosted' || (detection?.version === 2 && doc.json.id === url)) {
      const result = await (await ob2Hosted()).verifyOb2Hosted({ url }, ctx);
      return buildReport('ob2-hosted', result.checks, result.badge);
    }
    return verifyInput(doc.json, ctx, depth + 1);
  }
  if (doc.bytes) return verifyInput(doc.bytes, ctx, depth + 1);
  if (doc.text !== undefined) return verifyInput(doc.text, ctx, depth + 1);
  return parseFailed('input-unrecognized', { url: clip(url) }, 'unknown', 'input.no-badge-at');
}

function parseFailed(code: string, params?: MessageParams, format: BadgeFormat = 'unknown', template?: MessageKey): VerificationReport {
  const outcome = INCONCLUSIVE_CODES.has(code) ? 'inconclusive' : 'failed';
  // A code the catalogue knows says its own sentence; an unknown one keeps the detail.
  const say = isMessageKey(code) && !template ? undefined : params;
  const checks: Check[] = [makeCheck('parse', outcome, asCode(code), say, template)];
  return buildReport(format, checks);
}

function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return new Date();
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
