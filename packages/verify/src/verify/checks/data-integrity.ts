import { makeCheck, type Check } from '../report.js';
import type { RunContext } from '../context.js';
import { keyCheck, resolveVerificationMethod } from '../resolve-key.js';
import { verifyDataIntegrityProof } from '../primitives.js';
import { worst } from './combine.js';
import { asCode } from '../messages.js';
import { isRecord, asArray } from '../../internal/guards.js';

// Proof failures that mean "we could not check" rather than "this is wrong" (an old browser
// without Ed25519 in WebCrypto says nothing about the badge).
const PROOF_INCONCLUSIVE = new Set(['context-unknown', 'proof-unsupported', 'crypto-unsupported']);

/**
 * The `proof` and `key` checks for a document secured with Data Integrity proofs (one proof or a
 * proof set; every proof must verify, with a key that belongs to `issuerId` and is authorised
 * for `assertionMethod`).
 *
 * @example
 * ```ts
 * const { proof, key } = await checkDataIntegrity(credential, issuerId, ctx);
 * ```
 */
export async function checkDataIntegrity(
  document: Record<string, unknown>,
  issuerId: string,
  ctx: RunContext,
): Promise<{ proof: Check; key: Check }> {
  const proofs = asArray(document.proof);
  if (proofs.length === 0) {
    return {
      proof: makeCheck('proof', 'failed', 'proof-missing'),
      key: makeCheck('key', 'skipped', 'key-missing', undefined, 'key.no-key-no-signature'),
    };
  }
  const proofChecks: Check[] = [];
  const keyChecks: Check[] = [];
  for (const proof of proofs) {
    if (!isRecord(proof)) {
      proofChecks.push(makeCheck('proof', 'failed', 'proof-malformed'));
      continue;
    }
    if (proof.proofPurpose !== 'assertionMethod') {
      proofChecks.push(makeCheck('proof', 'failed', 'proof-purpose-invalid'));
      continue;
    }
    const vm = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : '';
    const key = await resolveVerificationMethod(vm, issuerId, ctx.fetcher);
    keyChecks.push(keyCheck(key));
    const jwk = key.jwks[0];
    if (!jwk) {
      proofChecks.push(makeCheck('proof', key.outcome === 'failed' ? 'skipped' : 'inconclusive', 'proof-not-checked'));
      continue;
    }
    const result = await verifyDataIntegrityProof(document, proof, jwk, { contexts: contextsFrom(ctx) });
    if (result.ok) {
      proofChecks.push(makeCheck('proof', 'passed', 'signature-valid'));
    } else {
      const outcome = PROOF_INCONCLUSIVE.has(result.code) ? 'inconclusive' : 'failed';
      proofChecks.push(proofFailure(outcome, result.code, result.message));
    }
  }
  const proof = worst(proofChecks) ?? makeCheck('proof', 'failed', 'proof-missing');
  const key = worst(keyChecks) ?? makeCheck('key', 'skipped', 'key-missing', undefined, 'key.no-key-no-signature');
  if (proof.outcome === 'passed' && proofs.length > 1) {
    return { proof: makeCheck('proof', 'passed', 'signature-valid', { n: proofs.length }, 'proof.all-valid'), key };
  }
  return { proof, key };
}

/** A failed (or uncheckable) proof, with the verifier's detail where the code's sentence wants one. */
function proofFailure(outcome: 'failed' | 'inconclusive', code: string, detail: string): Check {
  if (code === 'signature-invalid') return makeCheck('proof', outcome, code);
  if (code === 'context-unknown' || code === 'proof-unsupported' || code === 'crypto-unsupported') return makeCheck('proof', outcome, code, { detail });
  return makeCheck('proof', outcome, asCode(code), { detail }, 'proof-malformed');
}

/**
 * JSON-LD contexts the caller supplied in `options.documents` (trusted copies, like the pinned
 * ones); contexts are never fetched from the network.
 */
function contextsFrom(ctx: RunContext): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [url, doc] of Object.entries(ctx.options.documents ?? {})) {
    let value: unknown = doc;
    if (typeof doc === 'string' && doc.trimStart().startsWith('{')) {
      try {
        value = JSON.parse(doc);
      } catch {
        continue;
      }
    }
    if (isRecord(value) && value['@context'] !== undefined && value.id === undefined) out[url] = value;
  }
  return out;
}
