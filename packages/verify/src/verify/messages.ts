/**
 * Plain-language messages for every report code, written for a hiring manager, not a developer.
 * Codes are stable; wording may improve.
 */
const MESSAGES: Record<string, string> = {
  // parse
  ok: 'This check passed.',
  'input-unrecognized': "We couldn't recognise this as a badge. Try the badge image, its link, or the file you downloaded.",
  'input-empty': 'There is nothing here to check: the file or text is empty.',
  'input-too-large': 'This is too large to be a badge.',
  'json-invalid': "This badge file is damaged: it isn't valid JSON.",
  'json-too-deep': 'This badge file is nested too deeply to be a real badge.',
  'png-truncated': 'This badge image is cut short, so the badge inside it cannot be read.',
  'png-crc-mismatch': 'This badge image is damaged (a checksum does not match).',
  'png-invalid': 'This image is damaged or is not a PNG file.',
  'svg-invalid': 'This SVG image is damaged or holds no badge.',
  'image-no-badge': 'This image does not contain a badge.',
  'jws-malformed': 'The signed badge is damaged and cannot be read.',
  parsed: 'We read the badge.',
  // schema
  'schema-valid': 'The badge has all the parts a badge must have.',
  'schema-invalid': 'The badge is missing parts every badge must have.',
  'subject-unidentified':
    'The badge does not say who it was awarded to (no learner id or identifier), so it cannot be tied to a person.',
  'not-open-badge': 'This is a verifiable credential, but not an Open Badge.',
  'valid-from-missing': 'The badge does not say when it was issued.',
  // proof
  'signature-valid': "The issuer's digital signature is intact: the badge has not been changed since it was issued.",
  'signature-invalid': 'The digital signature does not match: this badge has been changed since it was issued, or was not signed by this key.',
  'proof-missing': 'This badge carries no digital signature.',
  'proof-unsupported': 'This badge is signed in a way we cannot check.',
  'crypto-unsupported': 'This browser cannot check this kind of signature; try an up-to-date browser or the colearn command.',
  'alg-forbidden': 'This badge uses a signing method that is not safe, so we do not accept it.',
  'context-unknown': 'This badge refers to a vocabulary we do not have a trusted copy of, so we cannot check its signature.',
  'proof-not-checked': 'The signature could not be checked because the signing key could not be found.',
  'hosted-match': "The badge matches the copy published on the issuer's website.",
  'hosted-mismatch': "The badge does not match the copy published on the issuer's website.",
  // key
  'key-issuer-bound': 'The signing key belongs to the issuer.',
  'key-unresolvable': "We couldn't find the issuer's signing key, so we can't tell who signed this badge.",
  'key-not-issuers': 'The badge was signed with a key that does not belong to the issuer it names.',
  'key-invalid': "The issuer's signing key is damaged or of a kind we do not accept.",
  'key-missing': 'The badge does not say which key signed it.',
  'jwk-private': 'The badge carries a secret key, which no genuine issuer would publish. It is not trustworthy.',
  'jwk-not-vouched': 'The badge carries its own key, and the issuer does not list that key as theirs.',
  'kid-foreign': "The signing key is hosted outside the issuer's website and the issuer does not list it.",
  'did-document-mismatch': "The issuer's identity document does not describe this issuer.",
  'vm-not-assertion': 'The issuer has not authorised this key to issue credentials.',
  'hosted-origin-mismatch': "The badge is published at an address the issuer does not allow.",
  // validity
  'dates-valid': 'The badge is within its valid dates.',
  expired: 'This badge has expired.',
  'not-yet-valid': 'This badge is not valid yet: its start date is in the future.',
  'date-invalid': 'The badge has a date that cannot be read.',
  'expires-before-issued': 'The badge expires before it was issued, which is impossible.',
  // status
  'not-revoked': 'The issuer has not revoked this badge.',
  'no-status': 'The issuer publishes no revocation list for this badge.',
  revoked: 'This badge has been revoked by its issuer.',
  suspended: 'This badge is suspended by its issuer for now.',
  'status-unreachable': "We couldn't reach the issuer's revocation list, so we can't tell whether it was revoked.",
  'status-list-invalid': "The issuer's revocation list is damaged or has been changed, so we can't tell whether this badge was revoked.",
  'status-list-expired': "The issuer's revocation list is out of date, so we can't tell whether this badge was revoked.",
  'status-list-not-yet-valid': "The issuer's revocation list is not valid yet, so we can't tell whether this badge was revoked.",
  'status-unsupported': 'The badge uses a kind of revocation list we cannot read.',
  // recipient
  'recipient-match': 'The badge was awarded to this person.',
  'recipient-mismatch': 'The badge was not awarded to this person.',
  'recipient-unknown': 'The badge does not say who it was awarded to, so we cannot match it to this person.',
  // trust
  'issuer-trusted': 'The issuer is on your list of known issuers.',
  'issuer-unknown': 'The issuer is not on your list of known issuers.',
  // fetching
  offline: "We are offline and don't have a copy of a document this badge depends on.",
  'fetch-failed': "We couldn't reach a website this badge depends on.",
  'fetch-timeout': 'A website this badge depends on took too long to answer.',
  'fetch-aborted': 'Checking was cancelled.',
  'http-error': 'A website this badge depends on answered with an error.',
  'insecure-url': 'A link in this badge is not secure (not https), so we did not follow it.',
  'private-address-refused': 'A link in this badge points inside a private network, which this verifier is set not to contact.',
  'too-many-redirects': 'A link in this badge redirects too many times.',
  'redirect-loop': 'A link in this badge redirects in a loop.',
  'response-too-large': 'A website this badge depends on sent too much data.',
  'document-invalid': 'A document this badge depends on is damaged.',
  'url-invalid': 'A link in this badge is not a valid web address.',
};

/**
 * The plain-language message for a report code (a generic sentence for unknown codes).
 *
 * @example
 * ```ts
 * messageFor('revoked'); // "This badge has been revoked by its issuer."
 * ```
 */
export function messageFor(code: string): string {
  return MESSAGES[code] ?? 'Something about this badge could not be checked.';
}

/**
 * Codes from fetching and key lookup that mean "we could not find out", not "this is wrong".
 *
 * @example
 * ```ts
 * INCONCLUSIVE_CODES.has('fetch-timeout'); // true
 * ```
 */
export const INCONCLUSIVE_CODES: ReadonlySet<string> = new Set([
  'offline',
  'fetch-failed',
  'fetch-timeout',
  'fetch-aborted',
  'http-error',
  'insecure-url',
  'too-many-redirects',
  'redirect-loop',
  'response-too-large',
  'document-invalid',
  'key-unresolvable',
  'status-unreachable',
  'context-unknown',
  'crypto-unsupported',
  'private-address-refused',
  'url-invalid',
]);
