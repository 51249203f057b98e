import { isColError } from '@citiesoflearning/core';
import { makeCheck, type Check } from './report.js';
import { idOf, isObj, type RunContext } from './context.js';
import { INCONCLUSIVE_CODES } from './messages.js';
import { checkValidity } from './checks/validity.js';
import { checkOb2Recipient, checkTrust } from './checks/recipient.js';
import { checkOb2RevocationList } from './status.js';
import { checkOb2Schema, inHostedScope, loadOb2Graph } from './ob2-graph.js';
import { ob2Summary } from './summary.js';
import { skipped, type FormatResult } from './ob3-common.js';
import { clip } from './fetcher.js';

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
    checks.push(makeCheck('parse', 'passed', 'parsed', 'We read the badge: an Open Badge 2.0 hosted assertion.'));
    checks.push(makeCheck('schema', 'failed', 'schema-invalid', 'The hosted badge does not give the web address it is published at.'));
    checks.push(...skipped(['proof', 'key', 'validity', 'status'], 'Not checked: the badge cannot be looked up.'));
    return { checks };
  }
  let hosted: Json;
  let finalUrl = assertionId;
  try {
    const doc = await ctx.fetcher.get(assertionId);
    finalUrl = doc.finalUrl;
    if (!isObj(doc.json)) {
      checks.push(makeCheck('parse', 'failed', 'input-unrecognized', `The address ${clip(assertionId)} does not hold a badge.`));
      return { checks };
    }
    hosted = doc.json;
  } catch (error) {
    if (isColError(error, 'http-error') && error.details?.status === 410) {
      checks.push(makeCheck('parse', 'passed', 'parsed', 'We looked the badge up on the issuer\'s website.'));
      checks.push(makeCheck('status', 'failed', 'revoked', 'This badge has been revoked by its issuer (the issuer has withdrawn it from their website).'));
      checks.push(...skipped(['schema', 'proof', 'key', 'validity'], 'Not checked: the badge has been withdrawn.'));
      return { checks, ...(input.supplied ? { badge: ob2Summary(input.supplied) } : {}) };
    }
    if (isColError(error) && INCONCLUSIVE_CODES.has(error.code)) {
      const c = makeCheck('proof', 'inconclusive', error.code, `We couldn't look the badge up on the issuer's website: ${error.message}`);
      checks.push(makeCheck('parse', input.supplied ? 'passed' : 'inconclusive', input.supplied ? 'parsed' : error.code, input.supplied ? 'We read the badge: an Open Badge 2.0 hosted assertion.' : c.message));
      checks.push(c);
      return { checks, ...(input.supplied ? { badge: ob2Summary(input.supplied) } : {}) };
    }
    if (isColError(error)) {
      checks.push(makeCheck('parse', 'failed', 'input-unrecognized', `The badge at ${clip(assertionId)} is damaged: ${error.message}`));
      return { checks };
    }
    throw error;
  }
  checks.push(makeCheck('parse', 'passed', 'parsed', "We read the badge: an Open Badge 2.0 assertion published on the issuer's website."));
  const graph = await loadOb2Graph(hosted, ctx);
  const badge = ob2Summary(hosted, graph.badge, graph.issuer ?? graph.badge?.issuer);
  const schema = graph.problem?.id === 'schema' ? graph.problem : checkOb2Schema(hosted, graph.badge, graph.issuer);
  checks.push(schema);
  // Proof: the hosted copy is the badge, and it really is the one at that address.
  // The copy must name the address it was fetched from (the id, or where the id redirected to).
  if (hosted.id !== assertionId && hosted.id !== finalUrl) {
    checks.push(makeCheck('proof', 'failed', 'hosted-mismatch', `The badge published at ${clip(assertionId)} says it is a different badge.`));
  } else if (input.supplied && !sameBadge(input.supplied, hosted)) {
    checks.push(makeCheck('proof', 'failed', 'hosted-mismatch'));
  } else {
    checks.push(makeCheck('proof', 'passed', 'hosted-match'));
  }
  // Key: the address is one the issuer allows.
  if (graph.problem?.id === 'key') checks.push(graph.problem);
  else if (graph.issuer) {
    checks.push(
      inHostedScope(String(hosted.id), graph.issuer)
        ? makeCheck('key', 'passed', 'hosted-origin-allowed', "The badge is published on the issuer's own website.")
        : makeCheck('key', 'failed', 'hosted-origin-mismatch', `The badge is published at ${clip(String(hosted.id))}, which the issuer does not allow.`),
    );
  } else checks.push(makeCheck('key', 'skipped', 'not-checked', 'Not checked: the issuer could not be loaded.'));
  checks.push(checkValidity({ from: hosted.issuedOn, until: hosted.expires }, ctx.now));
  if (hosted.revoked === true) {
    const reason = typeof hosted.revocationReason === 'string' ? ` Reason given: ${hosted.revocationReason}` : '';
    checks.push(makeCheck('status', 'failed', 'revoked', `This badge has been revoked by its issuer.${reason}`));
  } else if (graph.issuer && graph.issuer.revocationList !== undefined) {
    checks.push(await checkOb2RevocationList(graph.issuer, hosted, ctx));
  } else {
    checks.push(makeCheck('status', 'passed', 'not-revoked', 'The issuer still publishes this badge and has not revoked it.'));
  }
  if (ctx.options.recipient !== undefined) checks.push(await checkOb2Recipient(hosted.recipient, ctx.options.recipient));
  if (ctx.options.trustedIssuers !== undefined) checks.push(checkTrust(idOf(graph.issuer ?? graph.badge?.issuer), ctx.options.trustedIssuers));
  return { checks, badge };
}

/** Whether a supplied copy agrees with the hosted one on what matters. */
function sameBadge(a: Json, b: Json): boolean {
  const recipient = (x: Json) => (isObj(x.recipient) ? String(x.recipient.identity ?? '').toLowerCase() : '');
  return a.id === b.id && idOf(a.badge) === idOf(b.badge) && recipient(a) === recipient(b) && a.issuedOn === b.issuedOn && a.expires === b.expires;
}
