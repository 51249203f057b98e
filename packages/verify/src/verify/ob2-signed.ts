import { isColError } from '@citiesoflearning/core';
import { makeCheck, type Check } from './report.js';
import type { RunContext } from './context.js';
import { checkValidity } from './checks/validity.js';
import { checkOb2Recipient, checkTrust } from './checks/recipient.js';
import { checkOb2RevocationList } from './status.js';
import { checkOb2Schema, loadOb2Graph } from './ob2-graph.js';
import { ob2Summary } from './summary.js';
import { proofFailed, skipped, skippedAfterProof, type FormatResult } from './ob3-common.js';
import { keyCheck, resolveOb2Key } from './resolve-key.js';
import { asCode, isMessageKey } from './messages.js';
import { verifyJws } from './primitives.js';
import { isRecord, idOf } from '../internal/guards.js';

const ALGORITHMS = ['RS256', 'ES256'];

/**
 * Verify an Open Badges 2.0 signed assertion (compact JWS): the key must be linked both ways
 * with the HOSTED issuer profile (key `owner` = issuer id AND issuer `publicKey` lists the key),
 * then the issuer's `revocationList` is checked for the assertion `id` (or legacy `uid`).
 *
 * @example
 * ```ts
 * await verifyOb2Signed(jws, header, payload, ctx);
 * ```
 */
export async function verifyOb2Signed(
  jws: string,
  header: Record<string, unknown>,
  assertion: Record<string, unknown>,
  ctx: RunContext,
): Promise<FormatResult> {
  const checks: Check[] = [makeCheck('parse', 'passed', 'parsed', { what: { ref: 'what.ob2-signed' } })];
  const graph = await loadOb2Graph(assertion, ctx);
  const badge = ob2Summary(assertion, graph.badge, graph.issuer ?? graph.badge?.issuer);
  const schema = graph.problem?.id === 'schema' ? graph.problem : checkOb2Schema(assertion, graph.badge, graph.issuer);
  checks.push(schema);
  if (schema.outcome === 'failed') {
    checks.push(...skipped(['proof', 'key', 'validity', 'status'], 'why.invalid'));
    return { checks, badge };
  }
  const alg = header.alg;
  let proof: Check;
  if (typeof alg !== 'string' || !ALGORITHMS.includes(alg)) {
    proof = makeCheck('proof', 'failed', 'alg-forbidden', { alg: String(alg).slice(0, 40) });
    checks.push(proof, ...skipped(['key'], 'why.alg-refused'));
  } else if (graph.problem || !graph.issuer) {
    proof = makeCheck('proof', 'inconclusive', 'proof-not-checked');
    checks.push(proof, graph.problem ?? makeCheck('key', 'inconclusive', 'key-unresolvable'));
  } else {
    const verification = isRecord(assertion.verification) ? assertion.verification : {};
    const creator = typeof verification.creator === 'string' ? verification.creator : undefined;
    const key = await resolveOb2Key(creator, graph.issuer, alg, ctx.fetcher);
    checks.push(keyCheck(key));
    proof = await proofWith(jws, key.jwks, key.outcome);
    checks.push(proof);
  }
  checks.push(checkValidity({ from: assertion.issuedOn, until: assertion.expires }, ctx.now));
  if (assertion.revoked === true) checks.push(makeCheck('status', 'failed', 'revoked'));
  else if (proofFailed(proof)) checks.push(skippedAfterProof('status'));
  else if (graph.issuer) checks.push(await checkOb2RevocationList(graph.issuer, assertion, ctx));
  else checks.push(makeCheck('status', 'inconclusive', 'status-unreachable', undefined, 'status.issuer-unloaded'));
  if (ctx.options.recipient !== undefined) checks.push(await checkOb2Recipient(assertion.recipient, ctx.options.recipient));
  if (ctx.options.trustedIssuers !== undefined) checks.push(checkTrust(idOf(graph.issuer ?? graph.badge?.issuer), ctx.options.trustedIssuers));
  return { checks, badge };
}

async function proofWith(jws: string, jwks: JsonWebKey[], keyOutcome: string): Promise<Check> {
  if (jwks.length === 0) return makeCheck('proof', keyOutcome === 'failed' ? 'skipped' : 'inconclusive', 'proof-not-checked');
  let last: unknown;
  for (const jwk of jwks) {
    try {
      await verifyJws(jws, jwk, { algorithms: ALGORITHMS });
      return makeCheck('proof', 'passed', 'signature-valid');
    } catch (error) {
      if (!isColError(error)) throw error;
      last = error;
    }
  }
  if (isColError(last) && last.code !== 'signature-invalid') return makeCheck('proof', 'failed', asCode(last.code), { detail: last.message }, isMessageKey(last.code) ? undefined : 'proof-malformed');
  return makeCheck('proof', 'failed', 'signature-invalid');
}
