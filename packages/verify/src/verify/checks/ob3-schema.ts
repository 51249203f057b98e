import { makeCheck, type Check } from '../report.js';
import type { MessageRef } from '../messages.js';
import { isRecord, asArray, idOf, hasType } from '../../internal/guards.js';


const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
// Credential types Open Badges 3.0 defines.
const OB3_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];

/**
 * The `schema` check for an OB 3.0 / VC credential.
 *
 * Failures (the credential cannot be checked at all): not an object, no VC `@context` first, no
 * `VerifiableCredential` type, no issuer id, no `credentialSubject`.
 * Warnings (reported, never blocking): the subject has neither `id` nor `identifier`
 * (`subject-unidentified`), no issue date (`valid-from-missing`), not an Open Badge
 * (`not-open-badge`). When several apply, the code is the first and the message lists all.
 *
 * @example
 * ```ts
 * checkOb3Schema(credential).code; // e.g. 'subject-unidentified'
 * ```
 */
export function checkOb3Schema(credential: unknown): Check {
  if (!isRecord(credential)) return makeCheck('schema', 'failed', 'schema-invalid', { problems: [{ ref: 'problem.not-object' }] }, 'schema.not-credential');
  const contexts = asArray(credential['@context']);
  const version = contexts[0] === VC_V2 ? 2 : contexts[0] === VC_V1 ? 1 : 0;
  const problems: MessageRef[] = [];
  if (!version) problems.push({ ref: 'problem.no-vc-context' });
  if (!hasType(credential, 'VerifiableCredential')) problems.push({ ref: 'problem.not-vc' });
  if (!idOf(credential.issuer)) problems.push({ ref: 'problem.no-issuer' });
  if (!asArray(credential.credentialSubject).some(isRecord)) problems.push({ ref: 'problem.no-subject' });
  if (problems.length) {
    return makeCheck('schema', 'failed', 'schema-invalid', { problems }, 'schema.not-credential');
  }
  const warnings: Array<'subject-unidentified' | 'valid-from-missing' | 'not-open-badge'> = [];
  const subjects = asArray(credential.credentialSubject).filter(isRecord);
  if (!subjects.some((s) => typeof s.id === 'string' || asArray(s.identifier).length > 0)) warnings.push('subject-unidentified');
  const issued = version === 2 ? credential.validFrom : credential.issuanceDate;
  if (issued === undefined) warnings.push('valid-from-missing');
  if (!OB3_TYPES.some((t) => hasType(credential, t))) warnings.push('not-open-badge');
  if (warnings.length) {
    const list: MessageRef[] = warnings.map((w) => ({ ref: `warn.${w}` as const }));
    return makeCheck('schema', 'warning', warnings[0]!, { warnings: list }, 'schema.readable-but');
  }
  return makeCheck('schema', 'passed', 'schema-valid');
}

/**
 * The VC data-model version of a credential (1 or 2; 0 when neither).
 *
 * @example
 * ```ts
 * vcVersion({ '@context': ['https://www.w3.org/ns/credentials/v2'] }); // 2
 * ```
 */
export function vcVersion(credential: Record<string, unknown>): 0 | 1 | 2 {
  const first = asArray(credential['@context'])[0];
  return first === VC_V2 ? 2 : first === VC_V1 ? 1 : 0;
}
