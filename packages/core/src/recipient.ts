import { ColError } from './errors.js';
import { isRecord, many, own } from './internal/guards.js';
import { toHex } from './internal/hex.js';
import { md5 } from './internal/md5.js';
import { utf8Encode } from './internal/utf8.js';
import type { BadgeRecipient } from './types/badge.js';
import type { Ob2Recipient } from './types/ob2.js';
import type { Ob3IdentityObject } from './types/ob3.js';

/**
 * Options for {@link hashIdentity}.
 *
 * @example
 * ```ts
 * const options: HashIdentityOptions = { salt: crypto.randomUUID() };
 * ```
 */
export interface HashIdentityOptions {
  /** Appended to the identity before hashing (plain concatenation). */
  salt?: string;
  /** Only `sha256` is written; `md5$` hashes can be read by {@link matchRecipient} but not made. */
  algorithm?: 'sha256';
}

/**
 * Options for {@link matchRecipient}.
 *
 * @example
 * ```ts
 * await matchRecipient(badge.recipients, 'ann@example.org', { type: 'email' });
 * ```
 */
export interface MatchRecipientOptions {
  /**
   * Only compare against identities of this type; others are skipped. OB 2.0 and OB 3.0 names
   * are treated as the same type: `email`/`emailAddress`, `telephone`/`phoneNumber`.
   */
  type?: string;
}

/**
 * One recipient identity in any supported shape: OB 2.0 `recipient`, OB 3.0 `identifier`, or a
 * normalized {@link BadgeRecipient}.
 *
 * @example
 * ```ts
 * const r: RecipientIdentity = { identityType: 'emailAddress', hashed: false, identityHash: 'ann@example.org', type: 'IdentityObject' };
 * ```
 */
export type RecipientIdentity = Ob2Recipient | Ob3IdentityObject | BadgeRecipient;

interface SubtleDigest {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

function subtle(): SubtleDigest {
  // Typed structurally so core does not depend on DOM or Node typings.
  const crypto = (globalThis as { crypto?: { subtle?: SubtleDigest } }).crypto;
  if (!crypto?.subtle) {
    throw new ColError(
      'crypto-unavailable',
      'This environment has no WebCrypto (crypto.subtle). Use Node 20 or later, or a browser page served over https.',
    );
  }
  return crypto.subtle;
}

async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await subtle().digest('SHA-256', utf8Encode(text))));
}

/**
 * Hash a recipient identity the Open Badges way: `"sha256$" + hex(sha256(utf8(identity + salt)))`.
 * The identity is hashed exactly as given (no trimming or lower-casing): issuers hash what
 * they issued to, so a verifier must pass the identity in the same form.
 *
 * @example
 * ```ts
 * await hashIdentity('nobody@example.org', { salt: 'deadsea' });
 * // 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942'
 * ```
 */
export async function hashIdentity(identity: string, options: HashIdentityOptions = {}): Promise<string> {
  const algorithm = options.algorithm ?? 'sha256';
  if (algorithm !== 'sha256') {
    throw new ColError('hash-algorithm-unsupported', `Only sha256 recipient hashes can be made, not ${String(algorithm)}.`);
  }
  if (typeof identity !== 'string') throw new ColError('recipient-invalid', 'The identity to hash must be text.');
  const salt = typeof options.salt === 'string' ? options.salt : '';
  return `sha256$${await sha256Hex(identity + salt)}`;
}

// OB 2.0 and OB 3.0 name the same kinds of identity differently.
const TYPE_ALIASES: Record<string, string> = {
  email: 'email',
  emailaddress: 'email',
  telephone: 'telephone',
  phonenumber: 'telephone',
  url: 'url',
  id: 'id',
};

function canonicalType(type: string): string {
  const key = type.toLowerCase();
  return Object.prototype.hasOwnProperty.call(TYPE_ALIASES, key) ? TYPE_ALIASES[key]! : type;
}

interface Candidate {
  type?: string;
  hashed: boolean;
  value: string;
  salt: string;
}

function toCandidate(item: unknown): Candidate | undefined {
  if (!isRecord(item)) return undefined;
  const identity = own(item, 'identity');
  const identityHash = own(item, 'identityHash');
  const value = typeof identity === 'string' ? identity : typeof identityHash === 'string' ? identityHash : undefined;
  if (value === undefined) return undefined;
  const type = typeof identity === 'string' ? own(item, 'type') : own(item, 'identityType');
  const hashed = own(item, 'hashed');
  const salt = own(item, 'salt');
  return {
    type: typeof type === 'string' ? type : undefined,
    // Some OB 2.0 issuers wrote "true" as a string.
    hashed: hashed === true || hashed === 'true',
    value,
    salt: typeof salt === 'string' ? salt : '',
  };
}

async function matches(candidate: Candidate, identity: string): Promise<boolean> {
  if (!candidate.hashed) return candidate.value === identity;
  const dollar = candidate.value.indexOf('$');
  if (dollar < 0) return false;
  const algorithm = candidate.value.slice(0, dollar).toLowerCase();
  const expected = candidate.value.slice(dollar + 1).toLowerCase();
  const input = identity + candidate.salt;
  if (algorithm === 'sha256') return (await sha256Hex(input)) === expected;
  if (algorithm === 'md5') return toHex(md5(utf8Encode(input))) === expected;
  return false; // an algorithm we cannot compute never matches
}

/**
 * Whether `identity` (an email, URL, phone number, DID…) is the badge's recipient. Accepts an
 * OB 2.0 `recipient`, OB 3.0 `identifier`(s), normalized `badge.recipients`, or an array mixing
 * them; true when any one matches.
 *
 * - Hashed identities (`sha256$…`, legacy `md5$…`) are compared case-insensitively; an unknown
 *   algorithm never matches (no error).
 * - The identity is matched as given; for email identities the trimmed, lower-cased form is
 *   tried too, because many issuers (this SDK's server, Badgr) lower-case emails before hashing
 *   while learners type them in any case. Other types (URLs, ids) are matched exactly.
 * - With `options.type`, identities of another type are skipped.
 * - Everything happens locally: the identity is never sent anywhere.
 *
 * @example
 * ```ts
 * const ok = await matchRecipient(
 *   { type: 'email', hashed: true, salt: 'deadsea', identity: 'sha256$ecf5409f…1942' },
 *   'nobody@example.org',
 * ); // true
 * await matchRecipient(badge.recipients, 'ann@example.org', { type: 'email' });
 * ```
 */
export async function matchRecipient(
  recipient: RecipientIdentity | readonly RecipientIdentity[],
  identity: string,
  options: MatchRecipientOptions = {},
): Promise<boolean> {
  if (typeof identity !== 'string' || identity.length === 0) return false;
  const wanted = typeof options.type === 'string' ? canonicalType(options.type) : undefined;
  for (const item of many(recipient)) {
    const candidate = toCandidate(item);
    if (!candidate) continue;
    if (wanted !== undefined && (candidate.type === undefined || canonicalType(candidate.type) !== wanted)) continue;
    if (await matches(candidate, identity)) return true;
    if (isEmailCandidate(candidate)) {
      const folded = identity.trim().toLowerCase();
      if (folded !== identity && (await matches(candidate, folded))) return true;
    }
  }
  return false;
}

function isEmailCandidate(candidate: Candidate): boolean {
  return candidate.type !== undefined && canonicalType(candidate.type) === 'email';
}
