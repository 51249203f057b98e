import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { RESOURCE_KEY_PATTERN } from '@citiesoflearning/core';
import { HttpError, badRequest } from './errors.js';
import type { ServerContext } from './context.js';
import { issuerOfProviderSecret } from './store/provider-keys.js';

/**
 * Who is calling: the operator, or a provider limited to one issuer.
 *
 * @example
 * ```ts
 * const who: Principal = await authenticate(ctx, c.req.header('authorization'));
 * ```
 */
export type Principal = { kind: 'admin' } | { kind: 'provider'; issuerKey: string };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The caller's identity from `Authorization: Bearer …`, or 401. Provider keys are stored only as
 * SHA-256 hashes; the admin key is compared in constant time.
 *
 * @example
 * ```ts
 * const who = await authenticate(ctx, c.req.header('authorization'));
 * ```
 */
export async function authenticate(ctx: ServerContext, header: string | undefined): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new HttpError(401, 'unauthorized', 'This needs an API key: send "Authorization: Bearer <key>".', { 'WWW-Authenticate': 'Bearer' });
  const token = match[1]!;
  if (timingSafeEqual(sha256(token), sha256(ctx.adminKey))) return { kind: 'admin' };
  const issuerKey = await issuerOfProviderSecret(ctx.sql, token);
  if (issuerKey !== undefined) return { kind: 'provider', issuerKey };
  throw new HttpError(401, 'unauthorized', 'This API key is not valid here.', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
}

/**
 * 403 unless the caller is the admin or the provider that owns `issuerKey`.
 *
 * @example
 * ```ts
 * assertMayActFor(who, achievement.issuerKey);
 * ```
 */
export function assertMayActFor(who: Principal, issuerKey: string): void {
  if (who.kind === 'admin' || who.issuerKey === issuerKey) return;
  throw new HttpError(403, 'forbidden', "This provider key belongs to another issuer: it cannot act on this issuer's badges.");
}

/**
 * 403 unless the caller is the admin.
 *
 * @example
 * ```ts
 * assertAdmin(await authenticate(ctx, header));
 * ```
 */
export function assertAdmin(who: Principal): void {
  if (who.kind !== 'admin') throw new HttpError(403, 'forbidden', 'Only the server operator (admin key) can do this.');
}

/**
 * The request body as a JSON object, or a 400/415 `HttpError`.
 *
 * @example
 * ```ts
 * const body = await readJsonObject(c);
 * ```
 */
export async function readJsonObject(c: Context): Promise<{ body: Record<string, unknown>; raw: string }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported-media-type', 'Send the request body as JSON (Content-Type: application/json).');
  }
  const raw = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw badRequest('The request body is not valid JSON.', 'invalid-json');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  return { body: body as Record<string, unknown>, raw };
}

/** A 400 `invalid-request` whose `field` names the request field at fault, so programs (and the elements, in their own language) need not parse the message. */
const invalidField = (name: string, message: string) => new HttpError(400, 'invalid-request', message, {}, name);

/**
 * Field readers that throw a 400 naming the field, in its message and its `field` property.
 *
 * @example
 * ```ts
 * const name = field.string(body, 'name', { required: true, max: 200 });
 * ```
 */
export const field = {
  /** A required or optional string with a length limit. */
  string(body: Record<string, unknown>, name: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
    const value = body[name];
    if (value === undefined || value === null) {
      if (opts.required) throw invalidField(name, `"${name}" is required.`);
      return undefined;
    }
    if (typeof value !== 'string' || (opts.required && value.trim() === '')) throw invalidField(name, `"${name}" must be a non-empty string.`);
    if (value.length > (opts.max ?? 2000)) throw invalidField(name, `"${name}" is too long (at most ${opts.max ?? 2000} characters).`);
    return value;
  },
  /** An optional integer within bounds. */
  integer(body: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw invalidField(name, `"${name}" must be a whole number from ${min} to ${max}.`);
    }
    return value;
  },
  /** An optional ISO 8601 date-time, returned normalized. */
  date(body: Record<string, unknown>, name: string): string | undefined {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) || Number.isNaN(Date.parse(value))) {
      throw invalidField(name, `"${name}" must be an ISO 8601 date or date-time, e.g. 2026-12-31T23:59:59Z.`);
    }
    return new Date(value).toISOString();
  },
  /** An optional http(s) URL. */
  url(body: Record<string, unknown>, name: string): string | undefined {
    const value = field.string(body, name, { max: 2000 });
    if (value === undefined) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw invalidField(name, `"${name}" must be a web address (https://…).`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw invalidField(name, `"${name}" must be a web address (https://…).`);
    return parsed.href;
  },
  /** An optional array of strings. */
  strings(body: Record<string, unknown>, name: string, maxItems = 50): string[] | undefined {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.length > maxItems || !value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 200)) {
      throw invalidField(name, `"${name}" must be a list of at most ${maxItems} short strings.`);
    }
    return value as string[];
  },
};

/**
 * Keys we mint or accept in paths: short, URL-safe, no dots or slashes.
 *
 * @example
 * ```ts
 * KEY_PATTERN.test('digital-foundations'); // true
 * ```
 */
export const KEY_PATTERN = RESOURCE_KEY_PATTERN; // one rule, shared with the client (core's api-contract)

/**
 * A caller-chosen key (`[A-Za-z0-9_-]`, ≤ 64) or a 400.
 *
 * @example
 * ```ts
 * const key = checkKey(body.key, 'key') ?? slugify(name);
 * ```
 */
export function checkKey(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) {
    throw invalidField(name, `"${name}" must be 1–64 letters, digits, "-" or "_".`);
  }
  return value;
}

/**
 * A URL-safe slug from a name (for keys nobody chose), e.g. "Digital Skills: Level 1" →
 * "digital-skills-level-1".
 *
 * @example
 * ```ts
 * slugify('Digital Skills: Level 1'); // 'digital-skills-level-1'
 * ```
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug || 'item';
}

const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]+$/;

/**
 * A plausible email address, trimmed and lower-cased (so hashes match however it was typed),
 * or a 400. Never echoes the address back.
 *
 * @example
 * ```ts
 * normalizeEmail(' Ada@Example.org '); // 'ada@example.org'
 * ```
 */
export function normalizeEmail(value: unknown): string {
  if (typeof value !== 'string') throw badRequest('"recipient.email" must be an email address.');
  const email = value.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw badRequest('"recipient.email" is not a valid email address.', 'invalid-email');
  return email;
}

/**
 * Last path segment of a key-or-URL reference (`…/achievements/abc` → `abc`).
 *
 * @example
 * ```ts
 * keyFromReference('https://x.org/api/v1/achievements/abc', 'achievement'); // 'abc'
 * ```
 */
export function keyFromReference(value: string, kind: string): string {
  const key = value.includes('/') ? (value.replace(/[?#].*$/, '').split('/').filter(Boolean).pop() ?? '') : value;
  if (!KEY_PATTERN.test(key)) throw badRequest(`"${kind}" must be a ${kind} key or its id URL.`);
  return key;
}

