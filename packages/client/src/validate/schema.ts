/**
 * A deliberately small runtime schema: it checks only the fields a caller relies on, names the
 * first wrong field as a path, and can describe itself as JSON Schema so a test can hold it
 * against the server's OpenAPI document (the two cannot drift silently).
 *
 * Objects pass through unknown properties untouched: a server adding a field never breaks a
 * client.
 */

/** A JSON Schema fragment as the schemas below describe themselves. */
export type JsonSchema = { [key: string]: unknown };

/** A runtime check for values of type `T`. */
export interface Schema<T> {
  /** Returns `value` typed as `T`, or throws {@link ShapeError} naming the bad field. */
  parse(value: unknown, path?: string): T;
  /** The JSON Schema this check enforces (used by the drift test against OpenAPI). */
  readonly json: JsonSchema;
  /** Phantom: the type this schema checks. */
  readonly _type?: T;
}

/** The TypeScript type a {@link Schema} checks. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** Thrown by {@link Schema.parse}; the transport turns it into an `invalid-response` error. */
export class ShapeError extends Error {
  constructor(readonly path: string, readonly expected: string, readonly got: string) {
    super(`${path || 'the response'} should be ${expected} but is ${got}`);
    this.name = 'ShapeError';
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'missing';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function make<T>(json: JsonSchema, expected: string, test: (value: unknown, path: string) => boolean): Schema<T> {
  return {
    json,
    parse(value: unknown, path = ''): T {
      if (!test(value, path)) throw new ShapeError(path, expected, describeValue(value));
      return value as T;
    },
  };
}

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** @internal */
export const string = (): Schema<string> => make({ type: 'string' }, 'a string', (v) => typeof v === 'string');
/** @internal A string that parses as an absolute URL (ids, links). */
export const url = (): Schema<string> =>
  make({ type: 'string' }, 'an absolute URL', (v) => typeof v === 'string' && URL.canParse(v));
/** @internal */
export const number = (): Schema<number> =>
  make({ type: 'number' }, 'a number', (v) => typeof v === 'number' && Number.isFinite(v));
/** @internal */
export const integer = (): Schema<number> =>
  make({ type: 'integer' }, 'an integer', (v) => typeof v === 'number' && Number.isInteger(v));
/** @internal */
export const boolean = (): Schema<boolean> => make({ type: 'boolean' }, 'a boolean', (v) => typeof v === 'boolean');
/** @internal Any JSON value (checked by someone else, e.g. the verifier). */
export const unknown = (): Schema<unknown> => make({}, 'anything', () => true);
/** @internal One of a few string values. */
export const oneOf = <const V extends string>(...values: V[]): Schema<V> =>
  make({ type: 'string', enum: values }, `one of ${values.map((v) => `"${v}"`).join(', ')}`,
    (v) => typeof v === 'string' && (values as string[]).includes(v));

/** @internal */
export function array<T>(item: Schema<T>): Schema<T[]> {
  return {
    json: { type: 'array', items: item.json },
    parse(value: unknown, path = ''): T[] {
      if (!Array.isArray(value)) throw new ShapeError(path, 'an array', describeValue(value));
      value.forEach((element, index) => item.parse(element, join(path, index)));
      return value as T[];
    },
  };
}

/** @internal `T` or `null` (JSON has no undefined). */
export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return {
    json: { anyOf: [inner.json, { type: 'null' }] },
    parse: (value, path = '') => (value === null ? null : inner.parse(value, path)),
  };
}

/** @internal Either schema (first that passes wins). */
export function either<A, B>(a: Schema<A>, b: Schema<B>): Schema<A | B> {
  return {
    json: { anyOf: [a.json, b.json] },
    parse(value, path = '') {
      try {
        return a.parse(value, path);
      } catch (error) {
        if (!(error instanceof ShapeError)) throw error;
        return b.parse(value, path);
      }
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type ObjectType<R extends Shape, O extends Shape> = { [K in keyof R]: Infer<R[K]> } & {
  [K in keyof O]?: Infer<O[K]>;
} & { [key: string]: unknown };

/**
 * @internal An object with `required` fields that must be present and `optional` ones checked
 * only when present (`null` is accepted for optional fields and means absent).
 */
export function object<R extends Shape, O extends Shape = {}>(required: R, optional?: O): Schema<ObjectType<R, O>> {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, schema] of Object.entries(required)) properties[key] = schema.json;
  for (const [key, schema] of Object.entries(optional ?? {})) properties[key] = schema.json;
  return {
    json: { type: 'object', properties, required: Object.keys(required) },
    parse(value: unknown, path = '') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ShapeError(path, 'an object', describeValue(value));
      }
      const record = value as Record<string, unknown>;
      for (const [key, schema] of Object.entries(required)) {
        if (record[key] === undefined) throw new ShapeError(join(path, key), 'present', 'missing');
        schema.parse(record[key], join(path, key));
      }
      for (const [key, schema] of Object.entries(optional ?? {})) {
        if (record[key] !== undefined && record[key] !== null) schema.parse(record[key], join(path, key));
      }
      return value as ObjectType<R, O>;
    },
  };
}

/** @internal An object used as a map: any keys, every value checked by `value`. */
export function record<T>(value: Schema<T>): Schema<Record<string, T>> {
  return {
    json: { type: 'object', additionalProperties: value.json },
    parse(input: unknown, path = '') {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ShapeError(path, 'an object', describeValue(input));
      for (const [key, item] of Object.entries(input)) value.parse(item, join(path, key));
      return input as Record<string, T>;
    },
  };
}

/** @internal A string matching `pattern` (a JSON Schema `pattern` too). */
export const matching = (pattern: RegExp, expected: string): Schema<string> =>
  make({ type: 'string', pattern: pattern.source }, expected, (v) => typeof v === 'string' && pattern.test(v));
