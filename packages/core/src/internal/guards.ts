/**
 * Small type guards for reading untrusted JSON. Internal: every reader of badge data goes
 * through these so a wrong type in a field is dropped instead of throwing a TypeError.
 */

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Read an own property without touching the prototype chain (`__proto__`, `constructor`, a polluted prototype's getters). */
export function own(record: Record<string, unknown>, key: string): unknown {
  // Checked before it is read: a getter on a polluted prototype, or a caller's Proxy, never runs
  // for a key the record does not have. Hot loops use {@link owned} at their own call sites.
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * `value`, read by the caller as `record.key`, when it is `record`'s own property. For hot
 * loops: a read written out at its own call site (`owned(r, r.status, 'status')`) is fast for
 * the few shapes seen there, where {@link own}'s one read serves every key and shape.
 */
export function owned(record: Record<string, unknown>, value: unknown, key: string): unknown {
  return value !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? value : undefined;
}

/** `value` when it is a non-empty string, else `undefined`. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A one-or-many value as an array (`undefined`/`null` → `[]`). */
export function many(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The strings in a one-or-many value (non-strings dropped). */
export function strings(value: unknown): string[] {
  return many(value).filter((item): item is string => typeof item === 'string' && item.length > 0);
}

/** Whether a one-or-many `type`/`@context` value contains `wanted` (exact match). */
export function hasString(value: unknown, wanted: string): boolean {
  return many(value).some((item) => item === wanted);
}
