// Holds the client's runtime response checks against the server's OpenAPI 3.1 document, as
// served by a running reference server, so the two cannot drift apart silently:
//  - every endpoint the client calls exists in the document with the status it expects;
//  - every field the client requires is required by the document, every field it reads is
//    declared there, with a compatible type;
//  - every operation in the document is either wrapped by the client or knowingly left out.
import { describe, it, before, after, expect } from '@col/harness';
import * as S from '../src/api/schemas.js';
import * as OB from '../src/ob/schemas.js';
import type { JsonSchema, Schema } from '../src/validate/schema.js';
import { useServer, type TestServer } from './support/server.js';
import { priorityListSchema, prioritySchema } from '../src/api/priorities.js';
import { insightSchema } from '../src/api/insight.js';
import { sharedSummarySchema, skillsSummarySchema } from '../src/api/shares.js';

type Doc = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, JsonSchema> } };

/** [method, path, status, client schema, operation the client method is] */
const CALLS: Array<[string, string, string, Schema<unknown> | 'text' | 'none', string]> = [
  ['get', '/api/v1/issuers', '200', S.issuerList, 'issuers.list'],
  ['post', '/api/v1/issuers', '201', S.issuer, 'issuers.create'],
  ['patch', '/api/v1/issuers/{key}', '200', S.issuer, 'issuers.update'],
  ['get', '/api/v1/issuers/{key}', '200', S.issuer, 'issuers.get'],
  ['post', '/api/v1/issuers/{key}/api-keys', '201', S.apiKey, 'issuers.createApiKey'],
  ['post', '/api/v1/issuers/{key}/ticket-keys', '201', S.ticketKey, 'issuers.registerTicketKey'],
  ['post', '/api/v1/issuers/{key}/keys', '201', S.issuerKey, 'issuers.rotateKey'],
  ['delete', '/api/v1/issuers/{key}/keys/{kid}', '200', S.issuerKeyList, 'issuers.removeKey'],
  ['get', '/api/v1/achievements', '200', S.achievementList, 'achievements.list'],
  ['post', '/api/v1/achievements', '201', S.achievement, 'achievements.create'],
  ['get', '/api/v1/achievements/{key}', '200', S.achievement, 'achievements.get'],
  ['post', '/api/v1/achievements/{key}/claim-codes', '201', S.claimCodes, 'claimCodes.create'],
  ['post', '/api/v1/claims', '201', S.award, 'claims.create'],
  ['post', '/api/v1/awards', '200', S.awardsResult, 'awards.create'],
  ['post', '/api/v1/credentials/search', '200', S.credentialPage, 'credentials.list'],
  ['get', '/api/v1/credentials/{key}', '200', S.credential, 'credentials.get'],
  ['get', '/api/v1/credentials/{key}/jwt', '200', 'text', 'credentials.jwt'],
  ['get', '/api/v1/credentials/{key}/status', '200', S.credentialStatus, 'credentials.status'],
  ['post', '/api/v1/credentials/{key}/revoke', '200', S.credentialStatus, 'credentials.revoke'],
  ['post', '/api/v1/credentials/{key}/suspend', '200', S.credentialStatus, 'credentials.suspend'],
  ['post', '/api/v1/credentials/{key}/unsuspend', '200', S.credentialStatus, 'credentials.unsuspend'],
  ['get', '/api/v1/pathways', '200', S.pathwayList, 'pathways.list'],
  ['post', '/api/v1/pathways', '201', S.pathwayVersion, 'pathways.create'],
  ['get', '/api/v1/pathways/{key}', '200', S.pathwayVersion, 'pathways.get'],
  ['post', '/api/v1/pathways/{key}/versions', '201', S.pathwayVersion, 'pathways.createVersion'],
  ['post', '/api/v1/pathways/{key}/publish', '200', S.pathwayVersion, 'pathways.publish'],
  ['post', '/api/v1/pathways/{key}/milestones', '200', S.milestoneResult, 'pathways.milestones'],
  ['get', '/api/v1/opportunities', '200', S.opportunityPage, 'opportunities.search'],
  ['post', '/api/v1/opportunities', '201', S.opportunity, 'opportunities.create'],
  ['get', '/api/v1/opportunities/{key}', '200', S.opportunity, 'opportunities.get'],
  ['get', '/api/v1/priorities', '200', priorityListSchema, 'priorities.list'],
  ['get', '/api/v1/priorities/{key}', '200', prioritySchema, 'priorities.get'],
  ['post', '/api/v1/priorities', '201', prioritySchema, 'priorities.create'],
  ['patch', '/api/v1/priorities/{key}', '200', prioritySchema, 'priorities.update'],
  ['delete', '/api/v1/priorities/{key}', '204', 'none', 'priorities.remove'],
  ['get', '/api/v1/insight', '200', insightSchema, 'insight.get'],
  ['get', '/api/v1/insight', '200', 'text', 'insight.csv'],
  ['post', '/api/v1/shares', '201', sharedSummarySchema, 'shares.create'],
  ['get', '/api/v1/shares/{id}', '200', skillsSummarySchema, 'shares.get'],
  ['delete', '/api/v1/shares/{id}', '204', 'none', 'shares.remove'],
  ['get', '/ims/ob/v3p0/discovery', '200', OB.obDiscovery, 'ob.discovery'],
  ['get', '/ims/ob/v3p0/credentials', '200', OB.obCredentialList, 'ob.credentials.list'],
  ['get', '/ims/ob/v3p0/profile', '200', OB.obProfile, 'ob.profile.get'],
];

/** Operations the client deliberately does not wrap (URLs it hands out, or documents for verifiers). */
const NOT_WRAPPED: Record<string, string> = {
  getIndex: 'a landing document of links, for people exploring the API',
  getOpenApi: 'the document itself',
  getHealth: 'liveness probe for operators',
  getDidDocument: 'read by verifiers',
  getJwks: 'read by verifiers',
  getStatusList: 'read by verifiers',
  getDidStatusList: 'read by verifiers',
  getIssuerDidDocument: 'read by verifiers (did:web resolution)',
  getIssuerOb2: 'OB 2.0 view, read by OB 2.0 verifiers',
  getAchievementOb2: 'OB 2.0 view, read by OB 2.0 verifiers',
  getCredentialOb2: 'OB 2.0 view: credentials.links().ob2',
  getAchievementImage: 'an image URL: achievement.image.id',
  getCredentialPng: 'an image URL: credentials.imageUrl(key, "png")',
  getCredentialSvg: 'an image URL: credentials.imageUrl(key, "svg")',
  getCredentialLinks: 'computed locally: credentials.links(key)',
};

const resolve = (doc: Doc, schema: JsonSchema): JsonSchema => {
  let s = schema;
  while (typeof s.$ref === 'string') s = doc.components.schemas[(s.$ref as string).split('/').pop()!]!;
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as JsonSchema[]).map((p) => resolve(doc, p));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => (p.required as string[] | undefined) ?? []),
    };
  }
  return s;
};

/** The JSON types a document schema allows (undefined: anything). */
function docTypes(s: JsonSchema): Set<string> | undefined {
  if (typeof s.type === 'string') return new Set([s.type]);
  if (Array.isArray(s.type)) return new Set(s.type as string[]);
  const values = 'const' in s ? [s.const] : Array.isArray(s.enum) ? (s.enum as unknown[]) : undefined;
  if (values) return new Set(values.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v)));
  return undefined;
}

/** Fields the client reads beyond this server's document, on purpose. */
const KNOWN_EXTRAS: Record<string, string> = {
  'ob.credentials.list.compactJwsStrings': 'other OB 3.0 hosts use this spelling; the client accepts both on read',
};

const allowsNull = (s: JsonSchema) => docTypes(s)?.has('null') ?? false;
const withoutNull = (s: JsonSchema): JsonSchema =>
  Array.isArray(s.type) ? { ...s, type: (s.type as string[]).filter((t) => t !== 'null') } : s;

/** Problems where the client's schema `mine` would reject, or misread, what `doc` allows. */
function compare(doc: Doc, mine: JsonSchema, theirs: JsonSchema, path: string): string[] {
  const d = resolve(doc, theirs);
  if (Array.isArray(mine.anyOf)) {
    const alternatives = mine.anyOf as JsonSchema[];
    const mineNull = alternatives.some((a) => a.type === 'null');
    if (allowsNull(d) && !mineNull) return [`${path}: document allows null, client does not`];
    const results = alternatives.filter((a) => a.type !== 'null').map((alt) => compare(doc, alt, withoutNull(d), path));
    return results.some((r) => r.length === 0) ? [] : results[0]!;
  }
  const alternatives = (d.oneOf ?? d.anyOf) as JsonSchema[] | undefined;
  if (alternatives) return alternatives.some((alt) => compare(doc, mine, alt, path).length === 0) ? [] : [`${path}: matches none of the document's alternatives`];
  const problems: string[] = [];
  const allowed = docTypes(d);
  const want = mine.type as string | undefined;
  if (want && allowed) {
    const ok = allowed.has(want) || (want === 'number' && allowed.has('integer'));
    const extra = [...allowed].filter((t) => t !== want && !(want === 'number' && t === 'integer') && t !== 'null');
    if (!ok) problems.push(`${path}: client expects ${want}, document says ${[...allowed].join('|')}`);
    else if (extra.length) problems.push(`${path}: document also allows ${extra.join('|')}, which the client would reject`);
    if (allowed.has('null') && want !== 'null') problems.push(`${path}: document allows null, client does not`);
  }
  if (Array.isArray(mine.enum)) {
    const theirValues = (('const' in d ? [d.const] : d.enum) ?? []) as unknown[];
    for (const v of theirValues) if (!(mine.enum as unknown[]).includes(v)) problems.push(`${path}: document allows ${JSON.stringify(v)}, the client's enum does not`);
  }
  if (want === 'object' && mine.properties) {
    const required = new Set((d.required as string[] | undefined) ?? []);
    const props = (d.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (mine.required as string[]) ?? []) {
      if (!required.has(key)) problems.push(`${path}.${key}: client requires it, document does not`);
    }
    for (const [key, sub] of Object.entries(mine.properties as Record<string, JsonSchema>)) {
      if (!(key in props)) {
        if (Object.keys(props).length && !(`${path}.${key}` in KNOWN_EXTRAS)) problems.push(`${path}.${key}: client reads it, document does not declare it`);
        continue;
      }
      problems.push(...compare(doc, sub, props[key]!, `${path}.${key}`));
    }
  }
  if (want === 'array' && mine.items && d.items) problems.push(...compare(doc, mine.items as JsonSchema, d.items as JsonSchema, `${path}[]`));
  return problems;
}

describe('client schemas follow the server OpenAPI document', () => {
  let server: TestServer;
  let doc: Doc;
  before(async () => {
    server = await useServer();
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).to.equal(200);
    doc = (await res.json()) as Doc;
  });
  after(async () => {
    await server?.close();
  });

  it('is an OpenAPI 3.1 document', () => {
    expect(String((doc as unknown as { openapi: string }).openapi)).to.match(/^3\.1\./);
  });

  for (const [method, path, status, schema, name] of CALLS) {
    it(`${name}: ${method.toUpperCase()} ${path} → ${status}`, () => {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method.toUpperCase()} ${path} is not in the document`).to.not.equal(undefined);
      const response = operation.responses?.[status];
      expect(response, `no ${status} response for ${method.toUpperCase()} ${path}`).to.not.equal(undefined);
      if (schema === 'none') {
        expect(response.content, `${path} ${status} has no body`).to.equal(undefined);
        return;
      }
      const content = response.content as Record<string, { schema: JsonSchema }>;
      const types = Object.keys(content);
      if (schema === 'text') {
        expect(types.some((t) => !/json/.test(t)), `${path} should answer text`).to.equal(true);
        return;
      }
      const jsonType = types.find((t) => /^application\/([\w.+-]+\+)?json$/.test(t));
      expect(jsonType, `${path} answers ${types.join(', ')}, not JSON`).to.not.equal(undefined);
      const problems = compare(doc, schema.json, content[jsonType!]!.schema, name);
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  }

  it('every operation in the document is wrapped by the client or knowingly left out', () => {
    const wrapped = new Set(CALLS.map(([m, p]) => `${m} ${p}`));
    const unaccounted: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (wrapped.has(`${method} ${path}`) || operation.operationId in NOT_WRAPPED) continue;
        unaccounted.push(`${method.toUpperCase()} ${path} (${operation.operationId})`);
      }
    }
    expect(unaccounted, `new endpoints the client does not cover:\n${unaccounted.join('\n')}`).to.deep.equal([]);
  });

  it('the comparison itself catches drift (a required field the document makes optional)', () => {
    const drifted = { ...S.achievement.json, required: [...(S.achievement.json.required as string[]), 'inLanguage'] };
    const problems = compare(doc, drifted, { $ref: '#/components/schemas/Achievement' }, 'achievement');
    expect(problems).to.deep.equal(['achievement.inLanguage: client requires it, document does not']);
  });
});
