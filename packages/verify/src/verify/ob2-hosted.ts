import { isColError } from '@citiesoflearning/core';
import { makeCheck, type Check } from './report.js';
import type { RunContext } from './context.js';
import { INCONCLUSIVE_CODES, asCode, causeOf } from './messages.js';
import { checkValidity } from './checks/validity.js';
import { checkOb2Recipient, checkTrust } from './checks/recipient.js';
import { checkOb2RevocationList } from './status.js';
import { checkOb2Schema, inHostedScope, loadOb2Graph } from './ob2-graph.js';
import { ob2Summary } from './summary.js';
import { proofFailed, skipped, skippedAfterProof, type FormatResult } from './ob3-common.js';
import { clip } from './fetcher.js';
import { isRecord, idOf } from '../internal/guards.js';

type Json = Record<string, unknown>;

/**
 * Verify an Open Badges 2.0 hosted assertion. Only the copy fetched from the assertion's `id`
 * is trusted (a supplied copy must agree with it); the `id` must be inside the issuer's
 * verification policy; HTTP 410 or `revoked: true` mean revoked.
 *
 * @example
 * ```ts
 * await verifyOb2Hosted({ url: 'https://issuer.example/assertions/1' }, ctx);
 * ```
 */
export async function verifyOb2Hosted(input: { url?: string; supplied?: Json }, ctx: RunContext): Promise<FormatResult> {
  const assertionId = input.url ?? idOf(input.supplied);
  const checks: Check[] = [];
  if (!assertionId || !/^https?:\/\//i.test(assertionId)) {
    checks.push(makeCheck('parse', 'passed', 'parsed', { what: { ref: 'what.ob2-hosted' } }));
    checks.push(makeCheck('schema', 'failed', 'schema-invalid', undefined, 'schema.no-address'));
    checks.push(...skipped(['proof', 'key', 'validity', 'status'], 'why.cannot-look-up'));
    return { checks };
  }
  let hosted: Json;
  let finalUrl = assertionId;
  try {
    const doc = await ctx.fetcher.get(assertionId);
    finalUrl = doc.finalUrl;
    if (!isRecord(doc.json)) {
      checks.push(makeCheck('parse', 'failed', 'input-unrecognized', { url: clip(assertionId) }, 'input.no-badge-at'));
      return { checks };
    }
    hosted = doc.json;
  } catch (error) {
    if (isColError(error, 'http-error') && error.details?.status === 410) {
      checks.push(makeCheck('parse', 'passed', 'parsed', undefined, 'parse.looked-up'));
      checks.push(makeCheck('status', 'failed', 'revoked', undefined, 'status.withdrawn'));
      checks.push(...skipped(['schema', 'proof', 'key', 'validity'], 'why.withdrawn'));
      return { checks, ...(input.supplied ? { badge: ob2Summary(input.supplied) } : {}) };
    }
    if (isColError(error) && INCONCLUSIVE_CODES.has(error.code)) {
      const cause = causeOf(error);
      checks.push(
        input.supplied
          ? makeCheck('parse', 'passed', 'parsed', { what: { ref: 'what.ob2-hosted' } })
          : makeCheck('parse', 'inconclusive', asCode(error.code), { cause }, 'hosted.unreachable'),
      );
      checks.push(makeCheck('proof', 'inconclusive', asCode(error.code), { cause }, 'hosted.unreachable'));
      return { checks, ...(input.supplied ? { badge: ob2Summary(input.supplied) } : {}) };
    }
    if (isColError(error)) {
      checks.push(makeCheck('parse', 'failed', 'input-unrecognized', { url: clip(assertionId), cause: causeOf(error) }, 'input.damaged-at'));
      return { checks };
    }
    throw error;
  }
  checks.push(makeCheck('parse', 'passed', 'parsed', { what: { ref: 'what.ob2-hosted-web' } }));
  const graph = await loadOb2Graph(hosted, ctx);
  const badge = ob2Summary(hosted, graph.badge, graph.issuer ?? graph.badge?.issuer);
  const schema = graph.problem?.id === 'schema' ? graph.problem : checkOb2Schema(hosted, graph.badge, graph.issuer);
  checks.push(schema);
  // Proof: the hosted copy is the badge, and it really is the one at that address.
  // The copy must name the address it was fetched from (the id, or where the id redirected to).
  let proof: Check;
  if (hosted.id !== assertionId && hosted.id !== finalUrl) {
    proof = makeCheck('proof', 'failed', 'hosted-mismatch', { url: clip(assertionId) }, 'hosted.other-id');
  } else if (input.supplied && !sameBadge(input.supplied, hosted)) {
    proof = makeCheck('proof', 'failed', 'hosted-mismatch');
  } else {
    proof = makeCheck('proof', 'passed', 'hosted-match');
  }
  checks.push(proof);
  // Key: the address is one the issuer allows.
  if (graph.problem?.id === 'key') checks.push(graph.problem);
  else if (graph.issuer) {
    checks.push(
      inHostedScope(String(hosted.id), graph.issuer)
        ? makeCheck('key', 'passed', 'hosted-origin-allowed')
        : makeCheck('key', 'failed', 'hosted-origin-mismatch', { url: clip(String(hosted.id)) }),
    );
  } else checks.push(...skipped(['key'], 'why.issuer-unloaded'));
  checks.push(checkValidity({ from: hosted.issuedOn, until: hosted.expires }, ctx.now));
  if (hosted.revoked === true) {
    const reason = typeof hosted.revocationReason === 'string' ? hosted.revocationReason.slice(0, 500) : undefined;
    checks.push(makeCheck('status', 'failed', 'revoked', { reason }));
  } else if (proofFailed(proof)) {
    checks.push(skippedAfterProof('status'));
  } else if (graph.issuer && graph.issuer.revocationList !== undefined) {
    checks.push(await checkOb2RevocationList(graph.issuer, hosted, ctx));
  } else {
    checks.push(makeCheck('status', 'passed', 'not-revoked', undefined, 'status.still-published'));
  }
  if (ctx.options.recipient !== undefined) checks.push(await checkOb2Recipient(hosted.recipient, ctx.options.recipient));
  if (ctx.options.trustedIssuers !== undefined) checks.push(checkTrust(idOf(graph.issuer ?? graph.badge?.issuer), ctx.options.trustedIssuers));
  return { checks, badge };
}

/** Whether a supplied copy agrees with the hosted one on what matters. */
function sameBadge(a: Json, b: Json): boolean {
  const recipient = (x: Json) => (isRecord(x.recipient) ? String(x.recipient.identity ?? '').toLowerCase() : '');
  return a.id === b.id && idOf(a.badge) === idOf(b.badge) && recipient(a) === recipient(b) && a.issuedOn === b.issuedOn && a.expires === b.expires;
}
