// Shared test helpers: a real server on 127.0.0.1 port 0 over a real SQLite file in a temp dir,
// a small JSON client, and a JSON-Schema subset validator for the OpenAPI document.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type StartServerOptions } from '@citiesoflearning/server';

export const ADMIN = 'test-admin-key-0123456789abcdef';

export interface TestServer extends RunningServer {
  dataDir: string;
  logs: string[];
  /** fetch relative to the server, JSON in and out. */
  call(method: string, path: string, init?: { body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; json: any; text: string }>;
  stop(): Promise<void>;
}

export async function startTestServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'col-server-test-')));
  const logs: string[] = [];
  const server = await startServer({ port: 0, host: '127.0.0.1', adminKey: ADMIN, env: {}, claimsPerMinute: 10_000, log: (l) => logs.push(l), ...options, dataDir });
  const call: TestServer['call'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    const token = init.token === undefined ? ADMIN : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(new URL(path, server.url), {
      method,
      headers,
      ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  };
  return {
    ...server,
    dataDir,
    logs,
    call,
    async stop() {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Create an issuer + achievement + code quickly; returns their keys. */
export async function seedBasics(s: TestServer, opts: { uses?: number; count?: number; issuer?: string } = {}) {
  const issuerKey = opts.issuer ?? 'test-issuer';
  const issuer = await s.call('POST', '/api/v1/issuers', { body: { key: issuerKey, name: 'Test Provider', url: 'https://provider.example', email: 'badges@provider.example' } });
  if (issuer.status !== 201 && issuer.status !== 409) throw new Error(`issuer: ${issuer.status} ${issuer.text}`);
  const achievement = await s.call('POST', '/api/v1/achievements', {
    body: { issuer: issuerKey, name: `Badge ${Math.random().toString(36).slice(2, 8)}`, description: 'Did a thing.', criteria: 'Do the thing.', alignment: [{ targetName: 'Communicating', targetUrl: 'https://www.gov.uk/government/publications/essential-digital-skills-framework', targetFramework: 'EDS' }] },
  });
  if (achievement.status !== 201) throw new Error(`achievement: ${achievement.status} ${achievement.text}`);
  const codes = await s.call('POST', `/api/v1/achievements/${achievement.json.key}/claim-codes`, { body: { uses: opts.uses ?? 1, count: opts.count ?? 1 } });
  if (codes.status !== 201) throw new Error(`codes: ${codes.status} ${codes.text}`);
  return { issuerKey, achievementKey: achievement.json.key as string, achievementId: achievement.json.id as string, codes: codes.json.codes as string[] };
}

// ---- JSON Schema subset (enough for our OpenAPI 3.1 document) ----
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
