/**
 * The skills file a learner shares with an employer: an unsigned W3C Verifiable Presentation
 * (`skills.json`) holding the credentials themselves. Nothing in it is signed by us — each
 * credential inside carries its own issuer's proof, and the employer's verifier checks every
 * one — so the file only has to be read safely: size, count and shape are checked before any
 * credential is looked at.
 */
import { ColError } from '@citiesoflearning/core';

/**
 * Largest skills file read (bytes of JSON text), as the share route accepts.
 *
 * @example
 * ```ts
 * if (file.size > MAX_SKILLS_FILE_BYTES) console.log('too large');
 * ```
 */
export const MAX_SKILLS_FILE_BYTES = 256 * 1024;
/**
 * Most credentials one skills file may hold.
 *
 * @example
 * ```ts
 * const shared = credentials.slice(0, MAX_SKILLS_CREDENTIALS);
 * ```
 */
export const MAX_SKILLS_CREDENTIALS = 50;

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const ENVELOPED_PREFIX = 'data:application/vc+jwt,';
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * A credential as the learner holds it: a credential or assertion object, or a compact JWS.
 *
 * @example
 * ```ts
 * const held: HeldSkillCredential[] = [award.credential, award.jwt];
 * ```
 */
export type HeldSkillCredential = Record<string, unknown> | string;

/**
 * The skills file: a Verifiable Presentation of type `ColSkillsSummary`.
 *
 * @example
 * ```ts
 * const file: SkillsPresentation = toSkillsPresentation([award.jwt]);
 * ```
 */
export interface SkillsPresentation {
  '@context': string[];
  type: ['VerifiablePresentation', 'ColSkillsSummary'];
  verifiableCredential: Array<Record<string, unknown>>;
}

/**
 * Wrap credentials into a skills file: objects go in as they are (OB 2.0 assertions too),
 * compact JWS strings as `EnvelopedVerifiableCredential`s.
 *
 * @example
 * ```ts
 * const vp = toSkillsPresentation([award.credential, award.jwt]);
 * vp.verifiableCredential[1].id; // 'data:application/vc+jwt,eyJ…'
 * ```
 */
export function toSkillsPresentation(credentials: readonly HeldSkillCredential[]): SkillsPresentation {
  if (credentials.length > MAX_SKILLS_CREDENTIALS) {
    throw new ColError('skills-too-many', `A skills file can hold at most ${MAX_SKILLS_CREDENTIALS} badges.`);
  }
  return {
    '@context': [VC_V2],
    type: ['VerifiablePresentation', 'ColSkillsSummary'],
    verifiableCredential: credentials.map((c) =>
      typeof c === 'string' ? { '@context': VC_V2, type: 'EnvelopedVerifiableCredential', id: `${ENVELOPED_PREFIX}${c.trim()}` } : c,
    ),
  };
}

const typesOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether `value` looks like a skills file (a VP with `ColSkillsSummary` among its types), so
 * the verifier can tell it from a single credential before reading it.
 *
 * @example
 * ```ts
 * isSkillsPresentation(JSON.parse(text)); // true for a skills.json
 * ```
 */
export function isSkillsPresentation(value: unknown): boolean {
  return isRecord(value) && typesOf(value.type).includes('VerifiablePresentation');
}

/**
 * Read a skills file (its text, bytes or parsed object) into the credentials it holds — objects
 * and compact JWS strings, ready for `verify()`. Throws ColError `skills-file-too-large`
 * (over 256 KB), `skills-file-not-json`, `skills-file-not-presentation`, `skills-too-many`
 * (over 50 credentials), `skills-file-empty` or `skills-file-entry-invalid` (an entry that is
 * neither a credential object nor an enveloped compact JWS).
 *
 * @example
 * ```ts
 * const credentials = readSkillsPresentation(await file.text());
 * for (const c of credentials) await verify(c);
 * ```
 */
export function readSkillsPresentation(input: string | Uint8Array | object): HeldSkillCredential[] {
  let value: unknown = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input).byteLength : input.byteLength;
    if (bytes > MAX_SKILLS_FILE_BYTES) throw new ColError('skills-file-too-large', 'This skills file is too large: it can be at most 256 KB.');
    const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
    try {
      value = JSON.parse(text);
    } catch {
      // Includes a RangeError from absurdly deep nesting: still just "not a skills file".
      throw new ColError('skills-file-not-json', "This file isn't a skills file: it isn't JSON.");
    }
  }
  if (!isRecord(value) || !typesOf(value.type).includes('VerifiablePresentation')) {
    throw new ColError('skills-file-not-presentation', "This file isn't a skills file: it doesn't hold a list of badges.");
  }
  const list = value.verifiableCredential;
  const entries = list === undefined ? [] : Array.isArray(list) ? list : [list];
  if (entries.length > MAX_SKILLS_CREDENTIALS) {
    throw new ColError('skills-too-many', `This skills file holds more than ${MAX_SKILLS_CREDENTIALS} badges, more than we check at once.`);
  }
  if (entries.length === 0) throw new ColError('skills-file-empty', 'This skills file holds no badges.');
  return entries.map((entry, index) => {
    if (isRecord(entry) && typesOf(entry.type).includes('EnvelopedVerifiableCredential')) {
      const id = typeof entry.id === 'string' ? entry.id : '';
      const jws = id.startsWith(ENVELOPED_PREFIX) ? id.slice(ENVELOPED_PREFIX.length) : '';
      if (COMPACT_JWS.test(jws)) return jws;
    } else if (isRecord(entry)) {
      return entry;
    } else if (typeof entry === 'string' && COMPACT_JWS.test(entry.trim())) {
      return entry.trim();
    }
    throw new ColError('skills-file-entry-invalid', `Badge ${index + 1} in this skills file can't be read.`, { details: { index } });
  });
}
