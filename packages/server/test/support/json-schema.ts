// The subset of JSON Schema our OpenAPI 3.1 document uses ($ref, type, const, enum, pattern,
// formats, bounds, required, additionalProperties, allOf/oneOf/anyOf): enough to hold the
// server's real responses against the document it publishes.
type Schema = Record<string, any>;

/** Validate `value` against `schema` (resolving `#/components/schemas/…` in `root`); returns problems. */
export function validateSchema(root: Schema, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    const target = root.components.schemas[name];
    if (!target) return [`${path}: unknown $ref ${schema.$ref}`];
    return validateSchema(root, target, value, path);
  }
  const problems: string[] = [];
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  if (schema.type) {
    const types: string[] = [schema.type].flat();
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) return [`${path}: expected ${types.join('|')}, got ${t}`];
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) problems.push(`${path}: expected const ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) problems.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) problems.push(`${path}: "${value.slice(0, 60)}" does not match ${schema.pattern}`);
    if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) problems.push(`${path}: not a date-time`);
    if (schema.format === 'uri' && !/^[a-z][a-z0-9+.-]*:/i.test(value)) problems.push(`${path}: not a URI`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${path}: too long`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: above maximum`);
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${path}: too many items`);
    if (schema.items) value.forEach((item, i) => problems.push(...validateSchema(root, schema.items, item, `${path}[${i}]`)));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const req of schema.required ?? []) if (!(req in record)) problems.push(`${path}: missing required "${req}"`);
    for (const [k, sub] of Object.entries(schema.properties ?? {})) if (k in record) problems.push(...validateSchema(root, sub as Schema, record[k], `${path}.${k}`));
    if (schema.additionalProperties === false) for (const k of Object.keys(record)) if (!(k in (schema.properties ?? {}))) problems.push(`${path}: unexpected property "${k}"`);
    if (typeof schema.additionalProperties === 'object') {
      for (const k of Object.keys(record)) if (!(k in (schema.properties ?? {}))) problems.push(...validateSchema(root, schema.additionalProperties, record[k], `${path}.${k}`));
    }
    if (schema.not?.required && schema.not.required.every((k: string) => k in record)) problems.push(`${path}: must not have ${schema.not.required.join(', ')}`);
  }
  if (schema.allOf) for (const sub of schema.allOf) problems.push(...validateSchema(root, sub, value, path));
  if (schema.oneOf) {
    const passing = schema.oneOf.filter((sub: Schema) => validateSchema(root, sub, value, path).length === 0).length;
    if (passing !== 1) problems.push(`${path}: matches ${passing} of oneOf`);
  }
  if (schema.anyOf && !schema.anyOf.some((sub: Schema) => validateSchema(root, sub, value, path).length === 0)) problems.push(`${path}: matches none of anyOf`);
  return problems;
}
