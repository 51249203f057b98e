import { detect, type Detection } from './detect.js';
import { ColError } from './errors.js';
import { isRecord, many, own, str, strings } from './internal/guards.js';
import { decodeCompactJws } from './jws.js';
import { pickText } from './internal/text.js';
import type {
  Badge,
  BadgeAchievement,
  BadgeAlignment,
  BadgeEvidence,
  BadgeImage,
  BadgeIssuer,
  BadgeRecipient,
} from './types/badge.js';
import { BADGE_FORMATS, type BadgeFormat } from './types/common.js';

/**
 * Options for {@link normalize}.
 *
 * @example
 * ```ts
 * normalize(assertion, { lang: ['cy', 'en-GB'], documents: { [badgeClassUrl]: fetchedBadgeClass } });
 * ```
 */
export interface NormalizeOptions {
  /**
   * The reader's preferred languages for OB 3.0 multi-language text, best first (e.g. `'cy'`
   * or `['cy', 'en-GB']`). Untagged text comes next, then English, then whatever is there.
   */
  lang?: string | readonly string[];
  /**
   * Already-fetched documents by IRI (badge classes, issuer profiles, achievements), used when
   * the badge only links to them. normalize never fetches anything itself.
   */
  documents?: Readonly<Record<string, unknown>> | ((iri: string) => unknown);
}

const INPUT_KINDS = ['url', 'json', 'jws', 'png', 'svg'];

function isDetection(value: unknown): value is Detection {
  return (
    isRecord(value) &&
    INPUT_KINDS.includes(own(value, 'kind') as string) &&
    BADGE_FORMATS.includes(own(value, 'format') as BadgeFormat)
  );
}

interface Reader {
  languages: string[];
  text(value: unknown): string | undefined;
  /** The object itself, or the fetched copy of an IRI from `documents`. */
  embedded(value: unknown): Record<string, unknown> | undefined;
}

function readerFor(options: NormalizeOptions): Reader {
  const languages = (typeof options.lang === 'string' ? [options.lang] : Array.isArray(options.lang) ? options.lang : []).filter(
    (l): l is string => typeof l === 'string' && l.length > 0,
  );
  const documents = options.documents;
  return {
    languages,
    text: (value) => pickText(value, languages),
    embedded(value) {
      if (isRecord(value)) return value;
      if (typeof value !== 'string' || !documents) return undefined;
      const found =
        typeof documents === 'function'
          ? documents(value)
          : Object.prototype.hasOwnProperty.call(documents, value)
            ? documents[value]
            : undefined;
      return isRecord(found) ? found : undefined;
    },
  };
}

function invalid(field: string, message: string): ColError {
  return new ColError('badge-invalid', message, { details: { field } });
}

// Schemes that run code or read local files when a UI puts the value in `href`/`src`. Browsers
// ignore ASCII whitespace and control characters inside a scheme, so those are removed first.
const UNSAFE_SCHEME = /^(?:javascript|vbscript|file|data):/;

/** `value` unless it is a script-capable URL (`data:image/…` stays: it is how OB 2.0 embeds images). */
function safe(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const squashed = value.slice(0, 64).replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  if (squashed.startsWith('data:image/')) return value;
  return UNSAFE_SCHEME.test(squashed) ? undefined : value;
}

/** The `id` of a node given as an IRI or as an object (script-capable URLs dropped). */
function idOf(value: unknown): string | undefined {
  return safe(typeof value === 'string' ? str(value) : isRecord(value) ? str(own(value, 'id')) : undefined);
}

/** A one-or-many node: its first usable entry (an IRI or an object); anything else as given. */
function one(value: unknown): unknown {
  return Array.isArray(value) ? value.find((item) => (typeof item === 'string' && item) || isRecord(item)) : value;
}

/** An ISO date string as the issuer wrote it, or a Unix timestamp (seconds) converted. */
function dateOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 && !Number.isNaN(Date.parse(value)) ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    const date = new Date(value * 1000);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  return undefined;
}

// A copy without the undefined fields (rather than `delete`, which turns an object into a slow
// dictionary for every later read).
function withoutUndefined<T extends object>(value: T): T {
  const out = {} as T;
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

function imageOf(given: unknown, alt: string, r: Reader): BadgeImage | undefined {
  const value = one(given);
  const url = idOf(value);
  if (!url) return undefined;
  const caption = isRecord(value) ? r.text(own(value, 'caption')) : undefined;
  return { url, alt: caption ?? alt };
}

function criteriaOf(given: unknown, r: Reader): Badge['criteria'] {
  const value = one(given);
  if (typeof value === 'string') return safe(str(value)) ? { url: value } : undefined;
  if (!isRecord(value)) return undefined;
  const criteria = withoutUndefined({ url: safe(str(own(value, 'id'))), narrative: r.text(own(value, 'narrative')) });
  return Object.keys(criteria).length ? criteria : undefined;
}

function issuerOf(given: unknown, r: Reader, fallbackId?: string): BadgeIssuer {
  const value = one(given);
  const profile = r.embedded(value);
  const issuer: BadgeIssuer = { id: idOf(value) ?? safe(fallbackId) };
  if (profile) {
    issuer.name = r.text(own(profile, 'name'));
    issuer.url = safe(str(own(profile, 'url')));
    issuer.email = str(own(profile, 'email'));
    issuer.image = idOf(one(own(profile, 'image')));
  }
  return withoutUndefined(issuer);
}

function alignmentsOf(value: unknown, r: Reader): BadgeAlignment[] {
  const out: BadgeAlignment[] = [];
  for (const item of many(value)) {
    if (!isRecord(item)) continue;
    const targetName = r.text(own(item, 'targetName'));
    if (!targetName) continue; // required by both specs; nothing to show without it
    out.push(
      withoutUndefined({
        targetName,
        targetUrl: safe(str(own(item, 'targetUrl'))),
        targetDescription: r.text(own(item, 'targetDescription')),
        targetFramework: r.text(own(item, 'targetFramework')),
        targetCode: str(own(item, 'targetCode')),
        targetType: str(own(item, 'targetType')),
      }),
    );
  }
  return out;
}

function evidenceOf(value: unknown, r: Reader): BadgeEvidence[] {
  const out: BadgeEvidence[] = [];
  for (const item of many(value)) {
    if (typeof item === 'string' && safe(str(item))) out.push({ id: item });
    if (!isRecord(item)) continue;
    const evidence = withoutUndefined({
      id: safe(str(own(item, 'id'))),
      name: r.text(own(item, 'name')),
      narrative: r.text(own(item, 'narrative')),
      description: r.text(own(item, 'description')),
      genre: str(own(item, 'genre')),
      audience: str(own(item, 'audience')),
    });
    if (Object.keys(evidence).length) out.push(evidence);
  }
  return out;
}

function hashedOf(value: unknown): boolean {
  return value === true || value === 'true';
}

/** OB 2.0: a recipient object, or the OB 1.0 form (a hash string with a top-level salt). */
function ob2Recipients(assertion: Record<string, unknown>): BadgeRecipient[] {
  const out: BadgeRecipient[] = [];
  for (const item of many(own(assertion, 'recipient'))) {
    if (typeof item === 'string' && item) {
      const salt = str(own(assertion, 'salt'));
      out.push(withoutUndefined({ type: 'email', hashed: /^(sha256|md5)\$/i.test(item), identity: item, salt }));
    } else if (isRecord(item)) {
      const identity = str(own(item, 'identity'));
      if (!identity) continue;
      out.push(
        withoutUndefined({
          type: str(own(item, 'type')) ?? 'email',
          hashed: hashedOf(own(item, 'hashed')),
          identity,
          salt: typeof own(item, 'salt') === 'string' ? (own(item, 'salt') as string) : undefined,
        }),
      );
    }
  }
  return out;
}

function normalizeOb2(assertion: Record<string, unknown>, r: Reader): Omit<Badge, 'version' | 'format' | 'source'> {
  const badgeRef = one(own(assertion, 'badge'));
  const badgeClass = r.embedded(badgeRef);
  const badgeId = idOf(badgeRef);
  const name = badgeClass ? r.text(own(badgeClass, 'name')) : undefined;
  if (!name) {
    throw badgeClass
      ? invalid('badge.name', 'This badge cannot be shown: its badge class has no name (badge.name).')
      : badgeId
        ? invalid('badge.name', `This badge cannot be shown yet: its details are only linked (${badgeId}) and must be fetched first (badge.name).`)
        : invalid('badge', 'This badge cannot be shown: it does not say which badge was awarded (badge).');
  }
  const achievement: BadgeAchievement = withoutUndefined({
    id: badgeId,
    name,
    description: badgeClass ? r.text(own(badgeClass, 'description')) : undefined,
  });
  const issuedOn = dateOf(own(assertion, 'issuedOn'));
  return withoutUndefined({
    id: safe(str(own(assertion, 'id'))),
    name,
    description: achievement.description,
    image: imageOf(own(badgeClass!, 'image'), name, r) ?? imageOf(own(assertion, 'image'), name, r),
    criteria: criteriaOf(own(badgeClass!, 'criteria'), r),
    issuer: issuerOf(own(badgeClass!, 'issuer'), r),
    recipients: ob2Recipients(assertion),
    issuedOn,
    validFrom: issuedOn,
    validUntil: dateOf(own(assertion, 'expires')),
    alignments: alignmentsOf(own(badgeClass!, 'alignment'), r),
    evidence: evidenceOf(own(assertion, 'evidence'), r),
    tags: strings(own(badgeClass!, 'tags')),
    achievement,
  });
}

/** Values a JWT's registered claims supply when the credential leaves them out. */
interface JwtFallbacks {
  id?: string;
  issuer?: string;
  validFrom?: string;
  validUntil?: string;
  subjectId?: string;
}

function jwtFallbacks(payload: Record<string, unknown>): JwtFallbacks {
  return {
    id: str(own(payload, 'jti')),
    issuer: str(own(payload, 'iss')),
    validFrom: typeof own(payload, 'nbf') === 'number' ? dateOf(own(payload, 'nbf')) : undefined,
    validUntil: typeof own(payload, 'exp') === 'number' ? dateOf(own(payload, 'exp')) : undefined,
    subjectId: str(own(payload, 'sub')),
  };
}

function ob3Recipients(subjects: Record<string, unknown>[], fallbackSubjectId: string | undefined): BadgeRecipient[] {
  const out: BadgeRecipient[] = [];
  subjects.forEach((subject, index) => {
    const id = str(own(subject, 'id')) ?? (index === 0 ? fallbackSubjectId : undefined);
    if (id) out.push({ type: 'id', hashed: false, identity: id });
    for (const item of many(own(subject, 'identifier'))) {
      if (!isRecord(item)) continue;
      const identity = str(own(item, 'identityHash'));
      if (!identity) continue;
      const salt = own(item, 'salt');
      out.push(
        withoutUndefined({
          type: str(own(item, 'identityType')) ?? 'unknown',
          hashed: hashedOf(own(item, 'hashed')),
          identity,
          salt: typeof salt === 'string' ? salt : undefined,
        }),
      );
    }
  });
  return out;
}

function normalizeOb3(
  credential: Record<string, unknown>,
  r: Reader,
  jwt: JwtFallbacks = {},
): Omit<Badge, 'version' | 'format' | 'source'> {
  const subjects = many(own(credential, 'credentialSubject')).filter(isRecord);
  const subject = subjects.find((s) => r.embedded(one(own(s, 'achievement')))) ?? subjects[0];
  const achievementRef = subject ? one(own(subject, 'achievement')) : undefined;
  const achievementNode = r.embedded(achievementRef);
  const achievementName = achievementNode ? r.text(own(achievementNode, 'name')) : undefined;
  const name = r.text(own(credential, 'name')) ?? achievementName;
  if (!name) {
    throw achievementRef === undefined
      ? invalid('credentialSubject.achievement', 'This credential cannot be shown: it does not say what was achieved (credentialSubject.achievement).')
      : achievementNode
        ? invalid('credentialSubject.achievement.name', 'This credential cannot be shown: its achievement has no name (credentialSubject.achievement.name).')
        : invalid(
            'credentialSubject.achievement.name',
            `This credential cannot be shown yet: its achievement is only linked (${idOf(achievementRef) ?? 'no link'}) and must be fetched first (credentialSubject.achievement.name).`,
          );
  }
  const a = achievementNode ?? {};
  const achievementType = str(own(a, 'achievementType'));
  const creditsAvailable = own(a, 'creditsAvailable');
  const achievement: BadgeAchievement = withoutUndefined({
    id: idOf(achievementRef),
    name: achievementName ?? name,
    description: r.text(own(a, 'description')),
    achievementType,
    humanCode: str(own(a, 'humanCode')),
    fieldOfStudy: r.text(own(a, 'fieldOfStudy')),
    specialization: r.text(own(a, 'specialization')),
    creditsAvailable: typeof creditsAvailable === 'number' && Number.isFinite(creditsAvailable) ? creditsAvailable : undefined,
    inLanguage: str(own(a, 'inLanguage')),
  });
  const validFrom = dateOf(own(credential, 'validFrom')) ?? dateOf(own(credential, 'issuanceDate')) ?? jwt.validFrom;
  const awarded = (subject && dateOf(own(subject, 'awardedDate'))) ?? dateOf(own(credential, 'awardedDate'));
  const issuerRef = own(credential, 'issuer') ?? jwt.issuer;
  return withoutUndefined({
    id: safe(str(own(credential, 'id')) ?? jwt.id),
    name,
    description: achievement.description ?? r.text(own(credential, 'description')),
    image: imageOf(own(a, 'image'), achievement.name, r) ?? imageOf(own(credential, 'image'), achievement.name, r),
    criteria: criteriaOf(own(a, 'criteria'), r),
    issuer: issuerOf(issuerRef, r),
    recipients: ob3Recipients(subjects, jwt.subjectId),
    recipientName: subject ? r.text(own(subject, 'name')) : undefined,
    issuedOn: awarded ?? validFrom,
    validFrom,
    validUntil: dateOf(own(credential, 'validUntil')) ?? dateOf(own(credential, 'expirationDate')) ?? jwt.validUntil,
    alignments: alignmentsOf(own(a, 'alignment'), r),
    evidence: evidenceOf(own(credential, 'evidence'), r),
    achievementType,
    tags: strings(own(a, 'tag') ?? own(a, 'tags')),
    achievement,
  });
}

/**
 * Turn any badge input into the one {@link Badge} view every UI shows: OB 2.0 assertions
 * (embedded or linked badge class and issuer), OB 2.0 signed JWS, OB 3.0 credentials (VC 2.0
 * and VC 1.1), OB 3.0 VC-JWTs (credential as payload, or in a `vc` claim), and baked images.
 *
 * Accepts what {@link detect} accepts, or a {@link Detection}. Nothing is verified and nothing
 * is fetched: linked documents (a badge class or issuer given as an IRI) stay as ids unless
 * `options.documents` holds them. Multi-language OB 3.0 text is chosen with `options.lang`.
 * Fields of the wrong type are left out; the only required thing is a name — without one it
 * throws ColError `badge-invalid` with `details.field`. Input errors are detect's ColErrors.
 *
 * @example
 * ```ts
 * import { normalize } from '@citiesoflearning/core';
 * const badge = normalize(credentialJson, { lang: 'cy' });
 * title.textContent = badge.name;
 * if (badge.image) img.src = badge.image.url, (img.alt = badge.image.alt);
 * issuer.textContent = badge.issuer.name ?? badge.issuer.id ?? '';
 * ```
 */
export function normalize(input: string | object | Detection, options: NormalizeOptions = {}): Badge {
  const found = isDetection(input) ? input : detect(input);
  const r = readerFor(options);
  const version = found.version;
  if (found.jws !== undefined && found.payload && (found.format === 'ob3-jwt' || version === 3)) {
    // detect() hands over the JWS it decoded; a Detection built elsewhere may lack it.
    const decoded: unknown = found.decoded;
    const payload = isRecord(decoded) && isRecord(own(decoded, 'payload')) ? (own(decoded, 'payload') as Record<string, unknown>) : decodeCompactJws(found.jws).payload;
    const credential = isRecord(own(payload, 'vc')) ? (own(payload, 'vc') as Record<string, unknown>) : payload;
    return { version: 3, format: found.format, ...normalizeOb3(credential, r, jwtFallbacks(payload)), source: { format: found.format, raw: found.jws } };
  }
  if (found.jws !== undefined && found.payload) {
    return { version: 2, format: found.format, ...normalizeOb2(found.payload, r), source: { format: found.format, raw: found.jws } };
  }
  if (found.json) {
    const body = version === 3 ? normalizeOb3(found.json, r) : normalizeOb2(found.json, r);
    return { version: version === 3 ? 3 : 2, format: found.format, ...body, source: { format: found.format, raw: found.json } };
  }
  const link = found.url ?? found.bakedUrl;
  throw new ColError(
    'badge-not-embedded',
    link
      ? 'This is a link to a badge, not the badge itself: fetch it first, or verify it, which does.'
      : 'There is no badge here to show.',
    link ? { details: { url: link } } : {},
  );
}
