/**
 * The one display view of a badge that every UI uses, whatever the input was. Built by
 * {@link normalize}; plain JSON (serialisable, no functions, no Dates).
 */
import type { BadgeFormat } from './common.js';

/**
 * An image to show, with text for screen readers.
 *
 * @example
 * ```ts
 * const img: BadgeImage = { url: 'https://example.org/badge.png', alt: 'Teamwork' };
 * ```
 */
export interface BadgeImage {
  /** An `https:`/`http:` URL, a `data:` URI, or whatever IRI the issuer gave. */
  url: string;
  /** Alt text: the OB 3.0 image caption, else the achievement name. */
  alt: string;
}

/**
 * Who issued the badge. Fields absent when the issuer was only an IRI (not embedded).
 *
 * @example
 * ```ts
 * const issuer: BadgeIssuer = { id: 'did:web:example.org', name: 'Example College', url: 'https://example.org' };
 * ```
 */
export interface BadgeIssuer {
  id?: string;
  name?: string;
  url?: string;
  image?: string;
  email?: string;
}

/**
 * One way the recipient is identified. `type` is the OB 2.0 recipient type (`email`, `url`,
 * `telephone`, `id`) or the OB 3.0 `identityType` (`emailAddress`, `name`, …); a bare OB 3.0
 * subject `id` appears as `{ type: 'id', hashed: false, identity: <id> }`.
 *
 * @example
 * ```ts
 * const r: BadgeRecipient = { type: 'email', hashed: true, identity: 'sha256$ecf5…', salt: 'deadsea' };
 * ```
 */
export interface BadgeRecipient {
  type: string;
  hashed: boolean;
  identity: string;
  salt?: string;
}

/**
 * An alignment to a framework, standard or competency.
 *
 * @example
 * ```ts
 * const a: BadgeAlignment = { targetName: 'Teamwork', targetUrl: 'https://example.org/skills/teamwork' };
 * ```
 */
export interface BadgeAlignment {
  targetName: string;
  targetUrl?: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
  targetType?: string;
}

/**
 * One piece of evidence.
 *
 * @example
 * ```ts
 * const e: BadgeEvidence = { id: 'https://example.org/portfolio/42', name: 'Portfolio' };
 * ```
 */
export interface BadgeEvidence {
  id?: string;
  name?: string;
  narrative?: string;
  description?: string;
  genre?: string;
  audience?: string;
}

/**
 * What was achieved (OB 3.0 Achievement / OB 2.0 BadgeClass).
 *
 * @example
 * ```ts
 * const a: BadgeAchievement = { id: 'https://example.org/badges/teamwork', name: 'Teamwork' };
 * ```
 */
export interface BadgeAchievement {
  id?: string;
  name: string;
  description?: string;
  achievementType?: string;
  humanCode?: string;
  fieldOfStudy?: string;
  specialization?: string;
  creditsAvailable?: number;
  inLanguage?: string;
}

/**
 * The display view of any badge: OB 2.0 (hosted or signed) or OB 3.0 (VC-JWT or Data
 * Integrity, VC 2.0 or 1.1). Dates are ISO 8601 strings as the issuer wrote them (OB 1.x Unix
 * timestamps are converted). URL and id fields never hold a script-capable URL (`javascript:`,
 * `vbscript:`, `file:`, or `data:` other than `data:image/…`): such values are dropped. Text is
 * plain text from the issuer — escape it (or set `textContent`), never use it as HTML.
 *
 * @example
 * ```ts
 * const badge: Badge = normalize(credential, { lang: 'cy' });
 * card.title = badge.name;
 * card.img = badge.image; // { url, alt }
 * ```
 */
export interface Badge {
  /** Open Badges version. */
  version: 2 | 3;
  /** How the badge is secured (a verify report's `format`). */
  format: BadgeFormat;
  /** The assertion id (OB 2.0) or credential id (OB 3.0). */
  id?: string;
  /** The name to show: the OB 3.0 credential `name` if given, else the achievement/badge class name. */
  name: string;
  description?: string;
  image?: BadgeImage;
  criteria?: { url?: string; narrative?: string };
  issuer: BadgeIssuer;
  /** Every way the recipient is identified. */
  recipients: BadgeRecipient[];
  /** The recipient's name when the credential states it (OB 3.0 `credentialSubject.name`). */
  recipientName?: string;
  /** When it was issued: OB 2.0 `issuedOn`, OB 3.0 `awardedDate`, `validFrom` or `issuanceDate`. */
  issuedOn?: string;
  /** Not valid before: OB 3.0 `validFrom`/`issuanceDate`; OB 2.0 `issuedOn`. */
  validFrom?: string;
  /** Not valid after: OB 3.0 `validUntil`/`expirationDate`; OB 2.0 `expires`. */
  validUntil?: string;
  alignments: BadgeAlignment[];
  evidence: BadgeEvidence[];
  /** OB 3.0 `achievementType` (e.g. `Badge`, `Certificate`, `ext:…`). */
  achievementType?: string;
  /** OB 2.0 `tags` / OB 3.0 `tag`. */
  tags: string[];
  achievement: BadgeAchievement;
  /** The input this view was made from, untouched (an object, or the compact JWS). */
  source: { format: BadgeFormat; raw: object | string };
}
