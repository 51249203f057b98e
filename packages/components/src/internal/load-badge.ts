/**
 * Turn whatever an element was given (a credential object or JWS, a URL, an achievement key)
 * into core's display view, fetching the few linked documents a badge needs to be shown
 * (an OB 2.0 badge class and issuer, an OB 3.0 achievement given only as a link).
 */
import { detect, normalize, type Badge } from '@citiesoflearning/core';
import { fetchDocument, type FetchedDocument } from './fetch-document.js';
import { safeImageSrc } from './safe-image.js';
import { safeLinkUrl } from './safe-url.js';

/**
 * A badge ready to show, and the input to verify it with.
 *
 * @example
 * ```ts
 * const { badge, input } = await loadBadge({ src: url }, 'cy');
 * ```
 */
export interface LoadedBadge {
  badge: Badge;
  /** What to hand to `verify()`: the credential object, JWS, or baked image bytes. */
  input: object | string | Uint8Array;
  /** `false` for an achievement (a badge class shown before anyone earned it). */
  verifiable: boolean;
  /** The badge image as a safe `<img src>` (SVG data URLs sanitized), if it has a usable one. */
  imageSrc: string | undefined;
}

/**
 * Where a badge comes from: exactly one of these is used, in this order.
 *
 * @example
 * ```ts
 * const from: BadgeSource = { key: 'digital-foundations', api: 'https://badges.example.org' };
 * ```
 */
export interface BadgeSource {
  credential?: object | string | null;
  src?: string | null;
  key?: string | null;
  api?: string | undefined;
}

// Helpers only a loaded badge needs travel in this lazily loaded chunk, not up front.
export { linkedInAddToProfileUrl } from './linkedin.js';
export { downloadText, slug } from './download.js';

/** At most this many linked documents are fetched to show one badge. */
const MAX_LINKED = 3;

function asValue(doc: FetchedDocument): object | string | Uint8Array {
  return doc.value;
}


/** Whether a value is an OB 3.0 Achievement (a badge class), not a credential. */
function isAchievement(value: object | string): boolean {
  if (typeof value !== 'object' || value instanceof Uint8Array) return false;
  const type = (value as { type?: unknown }).type;
  return Array.isArray(type) ? type.includes('Achievement') : type === 'Achievement';
}

/** An achievement shown through the credential view: an unsigned wrapper, nothing to verify. */
function achievementView(achievement: Record<string, unknown>): object {
  return { type: ['VerifiableCredential', 'OpenBadgeCredential'], issuer: achievement.creator, credentialSubject: { achievement } };
}

/** Parse a `credential` attribute/property value: an object, JSON text or a compact JWS. */
function credentialInput(credential: object | string): object | string {
  if (typeof credential !== 'string') return credential;
  const text = credential.trim();
  if (text.startsWith('{')) return JSON.parse(text) as object;
  return text;
}

/**
 * Load and normalize a badge. Throws ColError (from core or {@link fetchDocument}); an abort
 * rethrows the AbortError.
 *
 * @example
 * ```ts
 * const { badge } = await loadBadge({ credential: jws }, 'en-GB');
 * title.textContent = badge.name;
 * ```
 */
export async function loadBadge(from: BadgeSource, lang: string, signal?: AbortSignal): Promise<LoadedBadge> {
  let input: object | string | Uint8Array;
  let verifiable = true;
  if (from.credential && isAchievement(from.credential)) {
    input = achievementView(from.credential as Record<string, unknown>);
    verifiable = false;
  } else if (from.credential) {
    input = credentialInput(from.credential);
  } else if (from.src) {
    input = asValue(await fetchDocument(from.src, signal ? { signal } : {}));
  } else if (from.key && from.api) {
    const url = safeLinkUrl(`api/v1/achievements/${encodeURIComponent(from.key)}`, from.api.endsWith('/') ? from.api : `${from.api}/`);
    const doc = await fetchDocument(url ?? '', signal ? { signal } : {});
    input = achievementView(doc.kind === 'json' ? doc.value : {});
    verifiable = false;
  } else {
    throw new Error('loadBadge: nothing to load');
  }
  let found = detect(input);
  const link = found.url ?? found.bakedUrl;
  if (link && !found.json && !found.payload) {
    // A URL, or a baked image holding only a link (OB 2.0 hosted): fetch the badge itself.
    input = asValue(await fetchDocument(link, signal ? { signal } : {}));
    found = detect(input);
  }
  const documents: Record<string, unknown> = {};
  let fetched = 0;
  const fetchLinked = async (value: unknown): Promise<Record<string, unknown> | undefined> => {
    if (value && typeof value === 'object') return value as Record<string, unknown>;
    const url = safeLinkUrl(value);
    if (!url || fetched >= MAX_LINKED) return undefined;
    fetched++;
    const doc = await fetchDocument(url, signal ? { signal } : {});
    if (doc.kind !== 'json') return undefined;
    documents[url] = doc.value;
    return doc.value;
  };
  const body = found.json ?? found.payload;
  if (body && found.version !== 3 && typeof body.badge === 'string') {
    // OB 2.0 hosted assertions link their badge class, which links its issuer.
    const badgeClass = await fetchLinked(body.badge);
    if (badgeClass && typeof badgeClass.issuer === 'string') await fetchLinked(badgeClass.issuer).catch(() => undefined);
  } else if (body && found.version === 3) {
    const vc = (body.vc && typeof body.vc === 'object' ? body.vc : body) as Record<string, unknown>;
    const subject = [vc.credentialSubject].flat()[0] as Record<string, unknown> | undefined;
    if (subject && typeof subject.achievement === 'string') await fetchLinked(subject.achievement);
  }
  const badge = normalize(found, { lang, documents });
  return { badge, input, verifiable, imageSrc: safeImageSrc(badge.image?.url) };
}
