/**
 * LinkedIn's "Add to profile" link for a certification, built with `URLSearchParams` so every
 * value is encoded once and correctly. Only public facts about the badge go in it (its name,
 * the issuer's name, the month it was issued and expires, its public URL and id) — never the
 * learner's name or email.
 */
import type { Badge } from '@citiesoflearning/core';
import { safeLinkUrl } from './safe-url.js';

/**
 * The "Add to profile" URL, or `undefined` when the badge has no public http(s) URL to point
 * LinkedIn at.
 *
 * @example
 * ```ts
 * linkedInAddToProfileUrl(badge);
 * // 'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Digital+Foundations&…'
 * ```
 */
export function linkedInAddToProfileUrl(badge: Badge, publicUrl?: string): string | undefined {
  const certUrl = safeLinkUrl(publicUrl ?? badge.id);
  if (!certUrl) return undefined;
  const params = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: badge.name });
  const organization = badge.issuer.name;
  if (organization) params.set('organizationName', organization);
  const issued = badge.issuedOn ? new Date(badge.issuedOn) : undefined;
  if (issued && !Number.isNaN(issued.getTime())) {
    params.set('issueYear', String(issued.getUTCFullYear()));
    params.set('issueMonth', String(issued.getUTCMonth() + 1));
  }
  const expires = badge.validUntil ? new Date(badge.validUntil) : undefined;
  if (expires && !Number.isNaN(expires.getTime())) {
    params.set('expirationYear', String(expires.getUTCFullYear()));
    params.set('expirationMonth', String(expires.getUTCMonth() + 1));
  }
  params.set('certUrl', certUrl);
  if (badge.id) params.set('certId', badge.id);
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}
