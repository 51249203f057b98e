// The shape of a shared skills summary: an unsigned W3C Verifiable Presentation of the learner's
// credentials, as `<col-skills>` writes it and `<col-badge-verify>` reads it. The server stores
// and serves it as it came; it checks the shape only (the employer's page verifies every
// credential itself), so that the link service holds nothing but such summaries.
import { HttpError } from './errors.js';
import { refuseUnknownFields } from './award-fields.js';

/**
 * Most credentials one shared summary may hold.
 *
 * @example
 * ```ts
 * if (list.length > MAX_SHARED_CREDENTIALS) throw tooMany;
 * ```
 */
export const MAX_SHARED_CREDENTIALS = 50;

/**
 * Largest shared summary in bytes (256 KiB).
 *
 * @example
 * ```ts
 * if (Buffer.byteLength(raw) > MAX_SHARE_BYTES) throw tooLarge;
 * ```
 */
export const MAX_SHARE_BYTES = 256 * 1024;

const VC2 = 'https://www.w3.org/ns/credentials/v2';
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const invalid = (field: string, problem: string) => new HttpError(400, 'invalid-request', `"${field}" ${problem}`, {}, field);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/**
 * Check a skills summary: `@context` starting with the VC 2.0 context, `type` naming
 * `VerifiablePresentation` and `ColSkillsSummary`, and 1 to 50 credentials in
 * `verifiableCredential`, each a credential object (OB 3.0, or an OB 2.0 assertion) or an
 * `EnvelopedVerifiableCredential` whose `id` is a `data:application/vc+jwt,` URL of a compact
 * JWS. Throws a 400 naming the field at fault.
 *
 * @example
 * ```ts
 * checkSkillsSummary({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation', 'ColSkillsSummary'], verifiableCredential: [credential] });
 * ```
 */
export function checkSkillsSummary(body: Record<string, unknown>): void {
  refuseUnknownFields(body, ['@context', 'type', 'verifiableCredential']);
  const context = body['@context'];
  if (!Array.isArray(context) || context[0] !== VC2) throw invalid('@context', `must be a list starting with "${VC2}".`);
  const types = list(body.type);
  if (!types.includes('VerifiablePresentation') || !types.includes('ColSkillsSummary')) throw invalid('type', 'must be ["VerifiablePresentation", "ColSkillsSummary"].');
  const credentials = body.verifiableCredential;
  if (!Array.isArray(credentials) || credentials.length === 0) throw invalid('verifiableCredential', 'must be a list of at least one credential.');
  if (credentials.length > MAX_SHARED_CREDENTIALS) {
    throw new HttpError(400, 'too-many-credentials', `A shared summary holds at most ${MAX_SHARED_CREDENTIALS} credentials.`, {}, 'verifiableCredential');
  }
  credentials.forEach((credential, i) => {
    const at = `verifiableCredential[${i}]`;
    if (!credential || typeof credential !== 'object' || Array.isArray(credential)) throw invalid(at, 'must be a credential object or an EnvelopedVerifiableCredential.');
    const c = credential as Record<string, unknown>;
    const ctx = list(c['@context']);
    if (c['@context'] === undefined || !ctx.every((x) => typeof x === 'string' || (x !== null && typeof x === 'object'))) throw invalid(`${at}.@context`, 'is required.');
    const type = list(c.type);
    if (c.type === undefined || !type.every((t) => typeof t === 'string')) throw invalid(`${at}.type`, 'is required.');
    if (type.includes('EnvelopedVerifiableCredential')) {
      const id = c.id;
      const prefix = 'data:application/vc+jwt,';
      if (typeof id !== 'string' || !id.startsWith(prefix) || !COMPACT_JWS.test(id.slice(prefix.length))) {
        throw invalid(`${at}.id`, `must be "${prefix}<compact JWS>".`);
      }
    }
  });
}
