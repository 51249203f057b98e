import { isColError } from '@citiesoflearning/core';
import type { RunContext } from './context.js';

import { makeCheck, type Check } from './report.js';
import { keyCheck, resolveJwtKey } from './resolve-key.js';
import { asCode, isMessageKey } from './messages.js';
import { publicJwk } from './primitives.js';
import { hasPrivateMembers } from '../keys/index.js';
import { checkJwsSignature, checkJwtClaims, credentialFromJwtPayload, splitJws } from './primitives.js';
import { ob3AfterProof, ob3Preamble, skipped, skippedAfterProof, type FormatResult } from './ob3-common.js';
import { isRecord } from '../internal/guards.js';

const ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];
const TYPES = new Set([undefined, 'JWT', 'jwt', 'vc+jwt', 'vc+ld+jwt', 'application/vc+jwt']);

/**
 * Verify an OB 3.0 credential secured as a VC-JWT (compact JWS; OB 3.0 payload = the credential,
 * or a VC 1.1 `vc` claim): schema → proof (allow-listed algorithm, signature, claims agree with
 * the credential) → key (the issuer vouches for it) → validity → status → recipient → trust.
 *
 * @example
 * ```ts
 * const { checks } = await verifyOb3Jwt(jws, decoded.header, decoded.payload, ctx);
 * ```
 */
export async function verifyOb3Jwt(
  jws: string,
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  ctx: RunContext,
): Promise<FormatResult> {
  const checks: Check[] = [makeCheck('parse', 'passed', 'parsed', { what: { ref: 'what.ob3-jwt' } })];
  let credential: Record<string, unknown>;
  try {
    credential = credentialFromJwtPayload(payload);
  } catch (error) {
    if (!isColError(error)) throw error;
    credential = payload; // the schema check says what is wrong with it
  }
  const start = ob3Preamble(credential, checks);
  if (start.done) return start.done;
  const { badge, issuerId } = start;
  // Refuse forbidden algorithms before any lookup: no network for an attack.
  if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) {
    const proof = makeCheck('proof', 'failed', 'alg-forbidden', { alg: clipText(String(header.alg)) });
    checks.push(proof, ...skipped(['key'], 'why.alg-refused'));
    checks.push(...(await ob3AfterProof(credential, ctx, proof)));
    return { checks, badge };
  }
  if (!TYPES.has(header.typ as string | undefined)) {
    const proof = makeCheck('proof', 'failed', 'jws-type-invalid', { typ: clipText(String(header.typ)) });
    checks.push(proof, ...skipped(['key'], 'why.not-credential-token'));
    checks.push(...(await ob3AfterProof(credential, ctx, proof)));
    return { checks, badge };
  }
  // A key carried in the header can be tried before asking anyone whether it is the issuer's:
  // a signature that does not match it needs no lookups at all.
  const carried = carriedKey(header);
  if (carried) {
    const early = await jwtProof(jws, header, [carried], 'passed', credential, payload);
    if (early.outcome === 'failed') {
      checks.push(early, skippedAfterProof('key'));
      checks.push(...(await ob3AfterProof(credential, ctx, early)));
      return { checks, badge };
    }
  }
  const key = await resolveJwtKey(header, issuerId, ctx.fetcher);
  checks.push(keyCheck(key));
  const proof = await jwtProof(jws, header, key.jwks, key.outcome, credential, payload);
  checks.push(proof);
  checks.push(...(await ob3AfterProof(credential, ctx, proof)));
  return { checks, badge };
}

async function jwtProof(
  jws: string,
  header: Record<string, unknown>,
  jwks: JsonWebKey[],
  keyOutcome: string,
  credential: Record<string, unknown>,
  payload: Record<string, unknown>,
): Promise<Check> {
  if (jwks.length === 0) return makeCheck('proof', keyOutcome === 'failed' ? 'skipped' : 'inconclusive', 'proof-not-checked');
  let lastError: unknown;
  for (const jwk of jwks) {
    try {
      // verify() decoded the header and payload once already; only the signature is left.
      await checkJwsSignature(splitJws(jws), header, jwk, ALGORITHMS);
      const mismatches = isRecord(payload) ? checkJwtClaims(credential, payload) : [];
      if (mismatches.length) {
        return makeCheck('proof', 'failed', 'jwt-claims-mismatch', { claims: mismatches.map((m) => m.claim).join(', ') });
      }
      return makeCheck('proof', 'passed', 'signature-valid');
    } catch (error) {
      if (!isColError(error)) throw error;
      lastError = error;
      if (error.code !== 'signature-invalid') break;
    }
  }
  if (isColError(lastError)) {
    if (lastError.code === 'signature-invalid') return makeCheck('proof', 'failed', 'signature-invalid');
    return makeCheck('proof', 'failed', asCode(lastError.code), { detail: lastError.message }, isMessageKey(lastError.code) ? undefined : 'proof-malformed');
  }
  return makeCheck('proof', 'failed', 'signature-invalid');
}

/** The public key in a `jwk` header, when there is a usable one (a private one is refused later). */
function carriedKey(header: Record<string, unknown>): JsonWebKey | undefined {
  if (!isRecord(header.jwk) || typeof header.jwk.kty !== 'string' || hasPrivateMembers(header.jwk)) return undefined;
  try {
    return publicJwk(header.jwk as JsonWebKey);
  } catch (error) {
    if (!isColError(error)) throw error;
    return undefined; // an unreadable key: key resolution reports it
  }
}

/** Text from the badge, short enough to quote in a message. */
function clipText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
