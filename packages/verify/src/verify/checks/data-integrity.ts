import { makeCheck, type Check } from '../report.js';
import { asArray, isObj, type RunContext } from '../context.js';
import { resolveVerificationMethod } from '../resolve-key.js';
import { verifyDataIntegrityProof } from '../primitives.js';
import { worst } from './combine.js';

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
      key: makeCheck('key', 'skipped', 'key-missing', 'There is no signature, so there is no key to check.'),
    };
  }
  const proofChecks: Check[] = [];
  const keyChecks: Check[] = [];
  for (const proof of proofs) {
    if (!isObj(proof)) {
      proofChecks.push(makeCheck('proof', 'failed', 'proof-malformed', 'The digital signature is damaged.'));
      continue;
    }
    if (proof.proofPurpose !== 'assertionMethod') {
      proofChecks.push(
        makeCheck('proof', 'failed', 'proof-purpose-invalid', 'The signature was not made for issuing credentials (wrong proof purpose).'),
      );
      continue;
    }
    const vm = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : '';
    const key = await resolveVerificationMethod(vm, issuerId, ctx.fetcher);
    keyChecks.push(makeCheck('key', key.outcome, key.code, key.message));
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
      proofChecks.push(makeCheck('proof', outcome, result.code, plainProofMessage(result.code, result.message)));
    }
  }
  const proof = worst(proofChecks) ?? makeCheck('proof', 'failed', 'proof-missing');
  const key = worst(keyChecks) ?? makeCheck('key', 'skipped', 'key-missing', 'The signature could not be read, so there is no key to check.');
  if (proof.outcome === 'passed' && proofs.length > 1) {
    proof.message = `All ${proofs.length} of the issuer's digital signatures are intact: the badge has not been changed since it was issued.`;
  }
  return { proof, key };
}

function plainProofMessage(code: string, detail: string): string {
  switch (code) {
    case 'signature-invalid':
      return 'The digital signature does not match: this badge has been changed since it was issued, or was not signed by this key.';
    case 'context-unknown':
      return `This badge refers to a vocabulary we do not have a trusted copy of, so we cannot check its signature. (${detail})`;
    case 'proof-unsupported':
      return `This badge is signed in a way we cannot check. (${detail})`;
    case 'crypto-unsupported':
      return `This browser cannot check this kind of signature; try an up-to-date browser or the colearn command. (${detail})`;
    default:
      return `The digital signature is damaged: ${detail}`;
  }
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
    if (isObj(value) && value['@context'] !== undefined && value.id === undefined) out[url] = value;
  }
  return out;
}
