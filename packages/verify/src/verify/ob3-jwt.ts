import { isColError } from '@citiesoflearning/core';
import type { RunContext } from './context.js';
import { isObj } from './context.js';
import { makeCheck, type Check } from './report.js';
import { resolveJwtKey } from './resolve-key.js';
import { checkJwtClaims, credentialFromJwtPayload, verifyJws } from './primitives.js';
import { ob3AfterProof, ob3Preamble, type FormatResult } from './ob3-common.js';

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
  const checks: Check[] = [makeCheck('parse', 'passed', 'parsed', 'We read the badge: an Open Badge 3.0 credential signed as a JWT.')];
  let credential: Record<string, unknown>;
  try {
    credential = credentialFromJwtPayload(payload);
  } catch {
    credential = payload;
  }
  const start = ob3Preamble(credential, checks);
  if (start.done) return start.done;
  const { badge, issuerId } = start;
  // Refuse forbidden algorithms before any lookup: no network for an attack.
  if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg)) {
    checks.push(
      makeCheck('proof', 'failed', 'alg-forbidden', `This badge uses a signing method that is not safe ("${String(header.alg)}"), so we do not accept it.`),
      makeCheck('key', 'skipped', 'not-checked', 'Not checked: the signing method is refused.'),
    );
    checks.push(...(await ob3AfterProof(credential, ctx)));
    return { checks, badge };
  }
  if (!TYPES.has(header.typ as string | undefined)) {
    checks.push(makeCheck('proof', 'failed', 'jws-type-invalid', `This signed token is not a credential (type "${String(header.typ)}").`));
    checks.push(makeCheck('key', 'skipped', 'not-checked', 'Not checked: the token is not a credential.'));
    checks.push(...(await ob3AfterProof(credential, ctx)));
    return { checks, badge };
  }
  const key = await resolveJwtKey(header, issuerId, ctx.fetcher);
  checks.push(makeCheck('key', key.outcome, key.code, key.message));
  checks.push(await jwtProof(jws, key.jwks, key.outcome, credential, payload));
  checks.push(...(await ob3AfterProof(credential, ctx)));
  return { checks, badge };
}

async function jwtProof(
  jws: string,
  jwks: JsonWebKey[],
  keyOutcome: string,
  credential: Record<string, unknown>,
  payload: Record<string, unknown>,
): Promise<Check> {
  if (jwks.length === 0) return makeCheck('proof', keyOutcome === 'failed' ? 'skipped' : 'inconclusive', 'proof-not-checked');
  let lastError: unknown;
  for (const jwk of jwks) {
    try {
      await verifyJws(jws, jwk, { algorithms: ALGORITHMS });
      const mismatches = isObj(payload) ? checkJwtClaims(credential, payload) : [];
      if (mismatches.length) {
        return makeCheck(
          'proof',
          'failed',
          'jwt-claims-mismatch',
          `The signed token's details do not agree with the badge: ${mismatches.map((m) => m.message).join(' ')}`,
        );
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
    return makeCheck('proof', 'failed', lastError.code, lastError.message);
  }
  return makeCheck('proof', 'failed', 'signature-invalid');
}
