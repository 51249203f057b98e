import { detect, isColError, type Detection } from '@citiesoflearning/core';
import { buildReport, makeCheck, type BadgeFormat, type Check, type VerificationReport } from './report.js';
import type { VerifyOptions } from './options.js';
import { DEFAULT_MAX_BYTES, Fetcher, clip } from './fetcher.js';
import { INCONCLUSIVE_CODES } from './messages.js';
import { isObj, type RunContext } from './context.js';
import { decodeJws } from './primitives.js';
import { verifyOb3DataIntegrity } from './ob3-data-integrity.js';
import { verifyOb3Jwt } from './ob3-jwt.js';
import { verifyOb2Hosted } from './ob2-hosted.js';
import { verifyOb2Signed } from './ob2-signed.js';
import { skipped, type FormatResult } from './ob3-common.js';

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
  const now = toDate(options.now);
  if (!now) {
    return buildReport('unknown', [makeCheck('parse', 'failed', 'option-invalid', 'The "now" date given to the verifier cannot be read.')]);
  }
  const fetcherOptions = options.cache ? { ...options, fetch: options.cache.wrap(options.fetch ?? ((input, init) => globalThis.fetch(input, init))) } : options;
  const ctx: RunContext = { fetcher: new Fetcher(fetcherOptions), now, options, lists: new Map() };
  try {
    return await verifyInput(input, ctx, 0);
  } catch (error) {
    if (isColError(error)) {
      const outcome = INCONCLUSIVE_CODES.has(error.code) ? 'inconclusive' : 'failed';
      return buildReport('unknown', [makeCheck('parse', outcome, error.code, error.message)]);
    }
    // A bug in the verifier, not a fault of the badge: report it, never as "verified".
    const message = error instanceof Error ? error.message : String(error);
    return buildReport('unknown', [makeCheck('parse', 'inconclusive', 'verifier-error', `The badge could not be checked because of an error in the verifier: ${message}`)]);
  }
}

async function verifyInput(input: unknown, ctx: RunContext, depth: number): Promise<VerificationReport> {
  const maxBytes = ctx.options.maxBytes ?? DEFAULT_MAX_BYTES;
  let detection: Detection;
  try {
    if (input === null || input === undefined) throw Object.assign(new Error('empty'), { empty: true });
    if (typeof input === 'string' && input.trim() === '') return parseFailed('input-empty');
    if (input instanceof Uint8Array && input.length === 0) return parseFailed('input-empty');
    detection = detect(input as string | Uint8Array | ArrayBuffer | object, { maxBytes, maxImageBytes: Math.max(maxBytes, 20 * 1024 * 1024) });
  } catch (error) {
    // detect() takes any W3C credential (an Open Badge or not) and enveloped VC-JWTs itself.
    if (isColError(error)) return parseFailed(error.code === 'image-not-baked' ? 'image-no-badge' : error.code, error.message);
    return parseFailed('input-unrecognized');
  }
  const url = detection.kind === 'url' ? detection.url : detection.bakedUrl;
  if (url) {
    if (depth > 1) return parseFailed('input-unrecognized', 'The badge link leads to another link, not to a badge.');
    return verifyUrl(url, ctx, depth);
  }
  const { format, json, jws } = detection;
  let result: FormatResult;
  let reportFormat: BadgeFormat = format;
  if (jws) {
    let decoded: { header: Record<string, unknown>; payload: Record<string, unknown> };
    try {
      decoded = decodeJws(jws, { maxLength: maxBytes });
    } catch (error) {
      if (isColError(error)) return parseFailed(error.code === 'jws-too-large' ? 'input-too-large' : error.code, error.message, format);
      throw error;
    }
    if (format === 'ob2-signed') result = await verifyOb2Signed(jws, decoded.header, decoded.payload, ctx);
    else {
      reportFormat = 'ob3-jwt';
      result = await verifyOb3Jwt(jws, decoded.header, decoded.payload, ctx);
    }
  } else if (json) {
    if (format === 'ob3-data-integrity' || (format === 'unknown' && detection.version === 3)) {
      result = await verifyOb3DataIntegrity(json, ctx);
    } else if (format === 'ob2-hosted') {
      result = await verifyOb2Hosted({ supplied: json }, ctx);
    } else if (format === 'ob2-signed') {
      result = {
        checks: [
          makeCheck('parse', 'passed', 'parsed', 'We read the badge: a signed Open Badge 2.0 assertion, but without its signature.'),
          makeCheck('proof', 'failed', 'signature-missing', 'This is a signed badge given without its signature, so it cannot be checked. Use the badge image or the signed file.'),
        ],
      };
    } else if (detection.version === 2) {
      result = {
        checks: [
          makeCheck('parse', 'passed', 'parsed', 'We read the badge: an Open Badge 2.0 assertion.'),
          makeCheck('schema', 'failed', 'verification-unknown', 'The badge does not say how it can be verified (hosted or signed).'),
          ...skipped(['proof', 'key', 'validity', 'status'], 'Not checked: the badge cannot be verified.'),
        ],
      };
    } else {
      return parseFailed('input-unrecognized');
    }
  } else {
    return parseFailed('input-unrecognized');
  }
  if (detection.image) {
    const parse = result.checks.find((c) => c.id === 'parse');
    if (parse && parse.outcome === 'passed') parse.message = `${parse.message.replace(/\.$/, '')}, baked into a ${detection.image.toUpperCase()} image.`;
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
      return buildReport('ob2-hosted', (await verifyOb2Hosted({ url }, ctx)).checks);
    }
    if (isColError(error)) {
      const outcome = INCONCLUSIVE_CODES.has(error.code) ? 'inconclusive' : 'failed';
      return buildReport('unknown', [makeCheck('parse', outcome, error.code, `We couldn't fetch the badge at ${clip(url)}: ${error.message}`)]);
    }
    throw error;
  }
  if (isObj(doc.json)) {
    let detection: Detection | undefined;
    try {
      detection = detect(doc.json);
    } catch {
      detection = undefined;
    }
    if (detection?.format === 'ob2-hosted' || (detection?.version === 2 && doc.json.id === url)) {
      const result = await verifyOb2Hosted({ url }, ctx);
      return buildReport('ob2-hosted', result.checks, result.badge);
    }
    return verifyInput(doc.json, ctx, depth + 1);
  }
  if (doc.bytes) return verifyInput(doc.bytes, ctx, depth + 1);
  if (doc.text !== undefined) return verifyInput(doc.text, ctx, depth + 1);
  return parseFailed('input-unrecognized', `The address ${clip(url)} does not hold a badge.`);
}

function parseFailed(code: string, message?: string, format: BadgeFormat = 'unknown'): VerificationReport {
  const outcome = INCONCLUSIVE_CODES.has(code) ? 'inconclusive' : 'failed';
  const checks: Check[] = [makeCheck('parse', outcome, code, message)];
  return buildReport(format, checks);
}

function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return new Date();
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
