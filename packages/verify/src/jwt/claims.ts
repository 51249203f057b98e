// The JWT claims OB 3.0 VC-JWT derives from the credential (iss, jti, nbf, sub, exp), and the
// check that a verified token's claims do not contradict the credential it carries.
import { ColError } from '@citiesoflearning/core';
import { isRecord } from '../internal/guards.js';


/**
 * Registered claims a VC-JWT carries next to (or instead of) the credential's own fields.
 *
 * @example
 * ```ts
 * const claims: CredentialJwtClaims = jwtClaimsForCredential(credential); // { iss, jti, nbf, … }
 * ```
 */
export interface CredentialJwtClaims {
  iss?: string;
  jti?: string;
  nbf?: number;
  sub?: string;
  exp?: number;
}

function issuerId(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (isRecord(issuer) && typeof issuer.id === 'string') return issuer.id;
  return undefined;
}

function subjectId(credential: Record<string, unknown>): string | undefined {
  const subject = credential.credentialSubject;
  const single = Array.isArray(subject) ? (subject.length === 1 ? subject[0] : undefined) : subject;
  return isRecord(single) && typeof single.id === 'string' ? single.id : undefined;
}

function seconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/**
 * The claims OB 3.0 puts in a VC-JWT for a credential: `iss` = issuer id, `jti` = credential id,
 * `nbf` = `validFrom` (or VC 1.1 `issuanceDate`), `sub` = `credentialSubject.id`, `exp` =
 * `validUntil` (or `expirationDate`); dates as seconds since the epoch. Absent fields give no claim.
 *
 * @throws ColError `credential-invalid` when a date is present but not a date.
 * @example
 * ```ts
 * jwtClaimsForCredential({ id: 'urn:uuid:1', issuer: { id: 'https://ex.org' }, validFrom: '2025-01-01T00:00:00Z' });
 * // { iss: 'https://ex.org', jti: 'urn:uuid:1', nbf: 1735689600 }
 * ```
 */
export function jwtClaimsForCredential(credential: object): CredentialJwtClaims {
  if (!isRecord(credential)) throw new ColError('credential-invalid', 'The credential is not a JSON object.');
  const claims: CredentialJwtClaims = {};
  const iss = issuerId(credential);
  if (iss !== undefined) claims.iss = iss;
  if (typeof credential.id === 'string') claims.jti = credential.id;
  const from = credential.validFrom ?? credential.issuanceDate;
  if (from !== undefined) {
    const nbf = seconds(from);
    if (nbf === undefined) throw new ColError('credential-invalid', 'The credential\'s start date (validFrom) is not a date.');
    claims.nbf = nbf;
  }
  const sub = subjectId(credential);
  if (sub !== undefined) claims.sub = sub;
  const until = credential.validUntil ?? credential.expirationDate;
  if (until !== undefined) {
    const exp = seconds(until);
    if (exp === undefined) throw new ColError('credential-invalid', 'The credential\'s end date (validUntil) is not a date.');
    claims.exp = exp;
  }
  return claims;
}

/**
 * The credential inside a verified VC-JWT payload. OB 3.0 tokens ARE the credential (plus JWT
 * claims, which are removed here); VC 1.1-era tokens carry it in a `vc` claim, whose missing
 * `issuer`, `id`, `issuanceDate`, `expirationDate` and `credentialSubject.id` are restored from
 * `iss`, `jti`, `nbf`, `exp` and `sub` as VC-JWT 1.1 prescribes.
 *
 * @example
 * ```ts
 * const { payload } = await verifyJws(jws, key);
 * const credential = credentialFromJwtPayload(payload);
 * ```
 */
export function credentialFromJwtPayload(payload: object): Record<string, unknown> {
  if (!isRecord(payload)) throw new ColError('credential-invalid', 'The token content is not a JSON object.');
  if (isRecord(payload.vc)) {
    const credential: Record<string, unknown> = { ...payload.vc };
    const date = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? new Date(n * 1000).toISOString().replace(/\.000Z$/, 'Z') : undefined);
    if (credential.issuer === undefined && typeof payload.iss === 'string') credential.issuer = payload.iss;
    if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti;
    if (credential.issuanceDate === undefined && credential.validFrom === undefined && date(payload.nbf)) credential.issuanceDate = date(payload.nbf);
    if (credential.expirationDate === undefined && credential.validUntil === undefined && date(payload.exp)) credential.expirationDate = date(payload.exp);
    if (typeof payload.sub === 'string' && isRecord(credential.credentialSubject) && credential.credentialSubject.id === undefined) {
      credential.credentialSubject = { ...credential.credentialSubject, id: payload.sub };
    }
    return credential;
  }
  const { iss: _iss, jti: _jti, nbf: _nbf, sub: _sub, exp: _exp, iat: _iat, aud: _aud, ...credential } = payload;
  return credential;
}

/**
 * Compares a verified VC-JWT's claims with the credential it carries and lists every
 * contradiction (`iss` ≠ issuer id, `jti` ≠ id, `nbf` ≠ validFrom, `sub` ≠ credentialSubject.id,
 * `exp` ≠ validUntil, dates compared to the second). A claim, or a credential field, that is
 * absent is not a contradiction. An empty array means they agree.
 *
 * @example
 * ```ts
 * const problems = checkJwtClaims(credential, payload);
 * if (problems.length) console.log(problems.map((p) => p.message).join('; '));
 * ```
 */
export function checkJwtClaims(credential: object, payload: object): Array<{ claim: string; message: string }> {
  if (!isRecord(payload) || !isRecord(credential)) return [{ claim: 'payload', message: 'The token content or the credential is not a JSON object.' }];
  const problems: Array<{ claim: string; message: string }> = [];
  const expected: Record<string, string | number | undefined> = {
    iss: issuerId(credential),
    jti: typeof credential.id === 'string' ? credential.id : undefined,
    nbf: seconds(credential.validFrom ?? credential.issuanceDate),
    sub: subjectId(credential),
    exp: seconds(credential.validUntil ?? credential.expirationDate),
  };
  const labels: Record<string, string> = {
    iss: 'issuer', jti: 'credential id', nbf: 'start date (validFrom)', sub: 'subject id', exp: 'end date (validUntil)',
  };
  for (const claim of Object.keys(expected)) {
    const actual = payload[claim];
    const wanted = expected[claim];
    if (actual === undefined || wanted === undefined) continue;
    const numeric = claim === 'nbf' || claim === 'exp';
    const agrees = numeric ? typeof actual === 'number' && Math.floor(actual) === wanted : actual === wanted;
    if (!agrees) {
      problems.push({ claim, message: `The token's "${claim}" (${String(actual)}) does not match the credential's ${labels[claim]}.` });
    }
  }
  return problems;
}
