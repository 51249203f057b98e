// Type guards for reading untrusted JSON, in one place for the whole package: every reader of
// badges, keys and documents goes through these, so a field of the wrong type is dropped
// instead of throwing a TypeError.

/**
 * Whether a value is a plain JSON object (not null, not an array).
 *
 * @example
 * ```ts
 * isRecord({}); // true; isRecord([]) is false
 * ```
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A one-or-many value as an array (`undefined`/`null` → empty).
 *
 * @example
 * ```ts
 * asArray(credential.proof).length;
 * ```
 */
export function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The `id` of an IRI-or-object value.
 *
 * @example
 * ```ts
 * idOf({ id: 'did:key:z6Mk…' }); // 'did:key:z6Mk…'
 * ```
 */
export function idOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : isRecord(value) && typeof value.id === 'string' ? value.id : undefined;
}

/**
 * Whether an object's `type` (string or array) includes `name`.
 *
 * @example
 * ```ts
 * hasType(credential, 'OpenBadgeCredential');
 * ```
 */
export function hasType(value: unknown, name: string): boolean {
  return asArray(isRecord(value) ? value.type : undefined).includes(name);
}
