/**
 * What `<col-badge-verify>` loads when it is handed a skills file (and only then): reading the
 * file, verifying every credential in it and building the summary.
 */
import { fetchDocument } from '../internal/fetch-document.js';
import { isSkillsPresentation, readSkillsPresentation, type HeldSkillCredential } from './presentation.js';

export { checkCredentials } from './check.js';
export { buildSkillsSummary } from './summary.js';
export { readSkillsPresentation };

/**
 * The credentials in a skills file at `url`, or `undefined` when the URL holds something else
 * (a single badge). The file is read with the same limits as a pasted one (256 KB, 50 badges).
 *
 * @example
 * ```ts
 * const credentials = await skillsAt('https://badges.example.org/api/v1/shares/Xy…', signal);
 * ```
 */
export async function skillsAt(url: string, signal?: AbortSignal): Promise<HeldSkillCredential[] | undefined> {
  const doc = await fetchDocument(url, { maxBytes: 2 * 1024 * 1024, ...(signal ? { signal } : {}) });
  if (doc.kind !== 'json' || !isSkillsPresentation(doc.value)) return undefined;
  return readSkillsPresentation(JSON.stringify(doc.value));
}
