// Every endpoint's real responses, held against the OpenAPI 3.1 document the server serves.
// The tour below calls every operation in the document (the last test fails if one is missed)
// and every status it produces must be documented with a matching schema.
import { describe, it, before, after, expect } from '@col/harness';
import { generateKeyPair, signCredentialJwt } from '@citiesoflearning/verify';
import { startTestServer, type TestServer } from './support/test-server.js';
import { validateSchema } from './support/json-schema.js';

describe('OpenAPI document vs real responses', () => {
  let s: TestServer;
  let doc: any;
  const seen = new Set<string>();

  /** Call, then validate the response against the documented schema for its status. */
  async function check(method: string, template: string, params: Record<string, string>, init: Parameters<TestServer['call']>[2] = {}, expectStatus?: number) {
    let path = template;
    for (const [k, v] of Object.entries(params)) path = path.replace(`{${k}}`, encodeURIComponent(v));
    const res = await s.call(method, path, init);
    const operation = doc.paths[template.split('?')[0]!]?.[method.toLowerCase()];
    expect(operation, `${method} ${template} is documented`).to.not.equal(undefined);
    seen.add(`${method.toLowerCase()} ${template.split('?')[0]}`);
    const documented = operation.responses[String(res.status)];
    expect(documented, `${method} ${path} answered ${res.status}, which is not documented: ${res.text.slice(0, 300)}`).to.not.equal(undefined);
    if (expectStatus !== undefined) expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).to.equal(expectStatus);
    if (res.status === 204) return res;
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const content = documented.content ?? {};
    const media = content[type] ?? (type === 'application/ld+json' || type === 'application/vc+ld+json' ? content['application/json'] ?? content['application/vc+ld+json'] : undefined);
    expect(media, `${method} ${path} ${res.status} content-type ${type} is documented (${Object.keys(content).join(', ')})`).to.not.equal(undefined);
    if (res.json !== undefined && media.schema && /json/.test(type)) {
      const problems = validateSchema(doc, media.schema, res.json);
      expect(problems, `${method} ${path} ${res.status}`).to.deep.equal([]);
    }
    for (const header of Object.keys(documented.headers ?? {})) expect(res.headers.has(header), `${method} ${path} sends ${header}`).to.equal(true);
    return res;
  }

  before(async () => {
    s = await startTestServer();
    doc = (await s.call('GET', '/api/v1/openapi.json')).json;
  });
  after(async () => s?.stop());

  it('is OpenAPI 3.1 with every $ref resolvable and a server URL', async () => {
    await check('GET', '/api/v1/openapi.json', {}, {}, 200);
    expect(doc.openapi).to.match(/^3\.1\./);
    expect(doc.servers[0].url).to.equal(s.url);
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.split('/').pop()!], ref).to.not.equal(undefined);
  });

  it('holds every endpoint to its schema on success and on error', async () => {
    await check('GET', '/api/v1/health', {}, {}, 200);
    await check('GET', '/', {}, { token: null }, 200);
    await check('GET', '/.well-known/did.json', {}, {}, 200);
    // Issuers
    await check('POST', '/api/v1/issuers', {}, { body: { key: 'museum', name: 'Brightwater Museum', url: 'https://museum.example', email: 'learn@museum.example' } }, 201);
    await check('POST', '/api/v1/issuers', {}, { body: { key: 'museum', name: 'Again', url: 'https://museum.example' } }, 409);
    await check('POST', '/api/v1/issuers', {}, { body: { name: 'No URL' } }, 400);
    await check('POST', '/api/v1/issuers', {}, { body: { name: 'x', url: 'https://x.example' }, token: null }, 401);
    await check('GET', '/api/v1/issuers', {}, {}, 200);
    await check('GET', '/api/v1/issuers/{key}', { key: 'museum' }, {}, 200);
    await check('GET', '/api/v1/issuers/{key}', { key: 'nope' }, {}, 404);
    await check('GET', '/api/v1/issuers/{key}/ob2', { key: 'museum' }, {}, 200);
    const providerKey = await check('POST', '/api/v1/issuers/{key}/api-keys', { key: 'museum' }, { body: { label: 'CMS' } }, 201);
    const provider = providerKey.json.key as string;
    await check('POST', '/api/v1/issuers/{key}/api-keys', { key: 'museum' }, { body: {}, token: provider }, 403);
    await check('GET', '/.well-known/jwks.json', {}, {}, 200);
    const ticketKeys = await generateKeyPair('Ed25519');
    await check('POST', '/api/v1/issuers/{key}/ticket-keys', { key: 'museum' }, { body: { jwk: ticketKeys.publicJwk, kid: 'museum-cms-1' }, token: provider }, 201);
    await check('POST', '/api/v1/issuers/{key}/ticket-keys', { key: 'museum' }, { body: { jwk: ticketKeys.privateJwk }, token: provider }, 400);
    // Achievements
    const a = await check('POST', '/api/v1/achievements', {}, { body: { key: 'fossil-hunter', name: 'Fossil Hunter', description: 'Found and identified three fossils.', criteria: { narrative: 'Joined a museum fossil walk.' }, tag: ['science'], place: { areaCode: 'E06099001' }, validForDays: 730 }, token: provider }, 201);
    expect(a.json.id.endsWith('/fossil-hunter')).to.equal(true);
    await check('POST', '/api/v1/achievements', {}, { body: { name: 'No description' } }, 400);
    await check('POST', '/api/v1/achievements', {}, { body: { key: 'fossil-hunter', name: 'Dup', description: 'd', criteria: 'c', issuer: 'museum' } }, 409);
    await check('POST', '/api/v1/achievements', {}, { body: 'not json', headers: { 'content-type': 'text/plain' } }, 415);
    await check('GET', '/api/v1/achievements', {}, {}, 200);
    await check('GET', '/api/v1/achievements/{key}', { key: 'fossil-hunter' }, {}, 200);
    await check('GET', '/api/v1/achievements/{key}', { key: 'nope' }, {}, 404);
    await check('GET', '/api/v1/achievements/{key}/ob2', { key: 'fossil-hunter' }, {}, 200);
    await check('GET', '/api/v1/achievements/{key}/image', { key: 'fossil-hunter' }, {}, 200);
    const codes = await check('POST', '/api/v1/achievements/{key}/claim-codes', { key: 'fossil-hunter' }, { body: { count: 2, uses: 1 }, token: provider }, 201);
    await check('POST', '/api/v1/achievements/{key}/claim-codes', { key: 'fossil-hunter' }, { body: { count: 0 } }, 400);
    await check('POST', '/api/v1/achievements/{key}/claim-codes', { key: 'nope' }, { body: {} }, 404);
    // Claims: code, then ticket
    const claim = await check('POST', '/api/v1/claims', {}, { body: { achievement: a.json.id, code: codes.json.codes[0], recipient: { email: 'learner@example.org' } }, token: null }, 201);
    await check('POST', '/api/v1/claims', {}, { body: { achievement: 'fossil-hunter', code: codes.json.codes[0], recipient: { email: 'other@example.org' } }, token: null }, 409);
    await check('POST', '/api/v1/claims', {}, { body: { achievement: 'fossil-hunter', code: 'AAAA-BBBB-CCCC', recipient: { email: 'x@example.org' } }, token: null }, 404);
    await check('POST', '/api/v1/claims', {}, { body: { achievement: 'fossil-hunter', code: codes.json.codes[1], recipient: { email: 'not-an-email' } }, token: null }, 400);
    const now = Math.floor(Date.now() / 1000);
    const ticket = await signCredentialJwt({ aud: `${s.url}/api/v1/claims`, exp: now + 300, iat: now, jti: 'ticket-0001-abcdef', achievement: 'fossil-hunter', email: 'ticketed@example.org' }, { privateJwk: ticketKeys.privateJwk, kid: 'museum-cms-1' });
    await check('POST', '/api/v1/claims', {}, { body: { achievement: 'fossil-hunter', ticket, recipient: { email: 'someone-else@example.org' } }, token: null }, 403);
    await check('POST', '/api/v1/claims', {}, { body: { achievement: 'fossil-hunter', ticket, recipient: { email: 'ticketed@example.org' } }, token: null }, 201);
    await check('POST', '/api/v1/claims', {}, { body: { achievement: 'fossil-hunter', ticket, recipient: { email: 'ticketed@example.org' } }, token: null }, 409);
    const forged = await signCredentialJwt({ aud: s.url, exp: now + 300, jti: 'forged-000001', achievement: 'fossil-hunter', email: 'ticketed@example.org' }, { privateJwk: (await generateKeyPair()).privateJwk, kid: 'museum-cms-1' });
    await check('POST', '/api/v1/claims', {}, { body: { achievement: 'fossil-hunter', ticket: forged, recipient: { email: 'ticketed@example.org' } }, token: null }, 401);
    await check('POST', '/api/v1/claims', {}, { body: { achievement: 'fossil-hunter', recipient: { email: 'direct@example.org' } }, token: provider }, 201);
    await check('POST', '/api/v1/claims', {}, { body: { achievement: 'fossil-hunter', recipient: { email: 'direct@example.org' } }, token: null }, 400);
    const idem = { 'idempotency-key': 'retry-1' };
    const body = { achievement: 'fossil-hunter', code: codes.json.codes[1], recipient: { email: 'idem@example.org' } };
    await check('POST', '/api/v1/claims', {}, { body, headers: idem, token: null }, 201);
    await check('POST', '/api/v1/claims', {}, { body: { ...body, recipient: { email: 'changed@example.org' } }, headers: idem, token: null }, 422);
    await check('POST', '/api/v1/claims', {}, { body: { ...body, narative: 'typo' }, token: null }, 400);
    // Bulk awards
    const rows = { achievement: 'fossil-hunter', recipients: [{ email: 'bulk@example.org', name: 'Bo Lk', externalId: 'enrol-1', narrative: 'Walked.', evidence: [{ id: 'https://museum.example/log/1' }] }, { email: 'nope' }] };
    await check('POST', '/api/v1/awards', {}, { body: rows, token: provider }, 200);
    await check('POST', '/api/v1/awards', {}, { body: rows, token: provider, headers: { 'idempotency-key': 'bulk-1' } }, 200);
    await check('POST', '/api/v1/awards', {}, { body: { ...rows, recipients: [{ email: 'changed@example.org' }] }, token: provider, headers: { 'idempotency-key': 'bulk-1' } }, 422);
    await check('POST', '/api/v1/awards', {}, { body: { ...rows, extra: true }, token: provider }, 400);
    await check('POST', '/api/v1/awards', {}, { body: { ...rows, achievement: 'nope' } }, 404);
    await check('POST', '/api/v1/awards', {}, { body: rows, token: null }, 401);
    // Credentials
    const key = claim.json.id.split('/').pop();
    await check('GET', '/api/v1/credentials/{key}', { key }, {}, 200);
    await check('GET', '/api/v1/credentials/{key}', { key: 'nope' }, {}, 404);
    await check('GET', '/api/v1/credentials/{key}/jwt', { key }, {}, 200);
    await check('GET', '/api/v1/credentials/{key}/png', { key }, {}, 200);
    await check('GET', '/api/v1/credentials/{key}/svg', { key }, {}, 200);
    await check('GET', '/api/v1/credentials/{key}/status', { key }, {}, 200);
    await check('GET', '/api/v1/credentials/{key}/links', { key }, {}, 200);
    await check('GET', '/api/v1/credentials/{key}/ob2', { key }, {}, 200);
    await check('POST', '/api/v1/credentials/{key}/suspend', { key }, { body: { reason: 'Under review' } }, 200);
    await check('POST', '/api/v1/credentials/{key}/unsuspend', { key }, { body: {} }, 200);
    await check('POST', '/api/v1/credentials/{key}/unsuspend', { key }, { body: {} }, 409);
    await check('POST', '/api/v1/credentials/{key}/revoke', { key }, { body: {} }, 400);
    await check('POST', '/api/v1/credentials/{key}/revoke', { key }, { body: { reason: 'Issued in error' }, token: null }, 401);
    await check('POST', '/api/v1/credentials/{key}/revoke', { key }, { body: { reason: 'Issued in error' } }, 200);
    await check('POST', '/api/v1/credentials/{key}/revoke', { key }, { body: { reason: 'Again' } }, 409);
    await check('POST', '/api/v1/credentials/{key}/suspend', { key }, { body: { reason: 'x' } }, 409);
    await check('GET', '/api/v1/credentials/{key}/ob2', { key }, {}, 410);
    await check('POST', '/api/v1/credentials/search', {}, { body: { recipient: 'learner@example.org', status: ['revoked'], limit: 1 } }, 200);
    await check('POST', '/api/v1/credentials/search', {}, { body: { since: '2020-01-01T00:00:00Z' }, token: provider }, 200);
    await check('POST', '/api/v1/credentials/search', {}, { body: { status: 'gone' } }, 400);
    await check('POST', '/api/v1/credentials/search', {}, { body: {}, token: null }, 401);
    await check('GET', '/api/v1/issuers/{key}/status/{purpose}', { key: 'museum', purpose: 'revocation' }, {}, 200);
    await check('GET', '/api/v1/issuers/{key}/status/{purpose}', { key: 'museum', purpose: 'suspension' }, {}, 200);
    await check('GET', '/api/v1/issuers/{key}/status/{purpose}', { key: 'museum', purpose: 'other' }, {}, 404);
    await check('GET', '/api/v1/issuers/{key}/did/status/{purpose}', { key: 'museum', purpose: 'revocation' }, {}, 200);
    await check('GET', '/api/v1/issuers/{key}/did/status/{purpose}', { key: 'museum', purpose: 'other' }, {}, 404);
    // did:web documents and key rotation
    await check('GET', '/api/v1/issuers/{key}/did.json', { key: 'museum' }, {}, 200);
    await check('GET', '/api/v1/issuers/{key}/did.json', { key: 'nobody' }, {}, 404);
    const first = (await s.call('GET', '/api/v1/issuers/museum/did.json')).json.verificationMethod[0].id.split('#')[1];
    await check('DELETE', '/api/v1/issuers/{key}/keys/{kid}', { key: 'museum', kid: first }, {}, 409);
    await check('POST', '/api/v1/issuers/{key}/keys', { key: 'museum' }, { token: provider }, 403);
    await check('POST', '/api/v1/issuers/{key}/keys', { key: 'museum' }, { token: null }, 401);
    await check('POST', '/api/v1/issuers/{key}/keys', { key: 'nobody' }, {}, 404);
    await check('POST', '/api/v1/issuers/{key}/keys', { key: 'museum' }, {}, 201);
    await check('DELETE', '/api/v1/issuers/{key}/keys/{kid}', { key: 'museum', kid: first }, { token: provider }, 403);
    await check('DELETE', '/api/v1/issuers/{key}/keys/{kid}', { key: 'museum', kid: first }, {}, 200);
    await check('DELETE', '/api/v1/issuers/{key}/keys/{kid}', { key: 'museum', kid: first }, {}, 404);
    // Pathways
    const root = { type: 'group', id: 'root', milestoneBadge: a.json.id, children: [{ type: 'badge', id: 'fossils', badge: { id: a.json.id } }] };
    await check('POST', '/api/v1/pathways', {}, { body: { key: 'young-scientist', name: 'Young Scientist', root }, token: provider }, 201);
    await check('POST', '/api/v1/pathways', {}, { body: { key: 'broken', name: 'Broken', issuer: 'museum', root: { type: 'group', id: 'r', min: 5, children: [] } } }, 400);
    await check('GET', '/api/v1/pathways/{key}', { key: 'young-scientist' }, { token: null }, 404);
    await check('GET', '/api/v1/pathways/{key}', { key: 'young-scientist' }, { token: provider }, 200);
    await check('POST', '/api/v1/pathways/{key}/versions', { key: 'young-scientist' }, { body: { name: 'Young Scientist', description: 'v2', root } }, 201);
    await check('POST', '/api/v1/pathways/{key}/versions', { key: 'nope' }, { body: { name: 'x', root } }, 404);
    await check('POST', '/api/v1/pathways/{key}/publish', { key: 'young-scientist' }, { body: { version: 2 }, token: provider }, 200);
    await check('GET', '/api/v1/pathways', {}, {}, 200);
    await check('GET', '/api/v1/pathways/{key}', { key: 'young-scientist' }, { token: null }, 200);
    await check('POST', '/api/v1/pathways/{key}/milestones', { key: 'young-scientist' }, { body: { recipient: { email: 'ticketed@example.org' }, credentials: [] }, token: null }, 200);
    await check('POST', '/api/v1/pathways/{key}/milestones', { key: 'young-scientist' }, { body: { recipient: {}, credentials: [] }, token: null }, 400);
    await check('POST', '/api/v1/pathways/{key}/milestones', { key: 'nope' }, { body: { recipient: { email: 'a@b.org' }, credentials: [] }, token: null }, 404);
    // Opportunities
    const opp = await check('POST', '/api/v1/opportunities', {}, { body: { title: 'Fossil walk', achievement: 'fossil-hunter', mode: 'in-person', areaCode: 'E05099001', startsAt: '2030-05-01T10:00:00Z', endsAt: '2030-05-01T12:00:00Z', skills: ['science'], bookingUrl: 'https://museum.example/book' }, token: provider }, 201);
    await check('POST', '/api/v1/opportunities', {}, { body: { title: 'Bad', mode: 'teleport', provider: 'museum' } }, 400);
    await check('GET', '/api/v1/opportunities', {}, { token: null }, 200);
    await check('GET', '/api/v1/opportunities?q=fossil&skill=science&area=E05099001&mode=in-person&from=2030-01-01T00:00:00Z&to=2030-12-31T00:00:00Z', {}, { token: null }, 200);
    await check('GET', '/api/v1/opportunities?from=yesterday', {}, { token: null }, 400);
    await check('GET', '/api/v1/opportunities/{key}', { key: opp.json.key }, {}, 200);
    await check('GET', '/api/v1/opportunities/{key}', { key: 'nope' }, {}, 404);
    // Priorities, issuer areas, insight and shared skills summaries
    const priority = { key: 'science', name: 'Science for all', alignments: [{ targetName: 'Science', targetCode: 'SCI' }], area: 'E05099001', target: { value: 100, measure: 'credentials', by: '2030-07-31' } };
    await check('POST', '/api/v1/priorities', {}, { body: priority }, 201);
    await check('POST', '/api/v1/priorities', {}, { body: priority }, 409);
    await check('POST', '/api/v1/priorities', {}, { body: { name: 'No alignments' } }, 400);
    await check('POST', '/api/v1/priorities', {}, { body: priority, token: provider }, 403);
    await check('GET', '/api/v1/priorities', {}, { token: null }, 200);
    await check('GET', '/api/v1/priorities/{key}', { key: 'science' }, { token: null }, 200);
    await check('GET', '/api/v1/priorities/{key}', { key: 'nope' }, { token: null }, 404);
    await check('PATCH', '/api/v1/priorities/{key}', { key: 'science' }, { body: { target: null } }, 200);
    await check('PATCH', '/api/v1/priorities/{key}', { key: 'nope' }, { body: { name: 'x' } }, 404);
    await check('PATCH', '/api/v1/issuers/{key}', { key: 'museum' }, { body: { area: 'E05099001' } }, 200);
    await check('PATCH', '/api/v1/issuers/{key}', { key: 'museum' }, { body: { area: 'nowhere' } }, 400);
    await check('GET', '/api/v1/insight?by=priority', {}, {}, 200);
    await check('GET', '/api/v1/insight?by=month&format=csv', {}, {}, 200);
    await check('GET', '/api/v1/insight?by=provider', {}, { token: provider }, 200);
    await check('GET', '/api/v1/insight?by=nothing', {}, {}, 400);
    await check('GET', '/api/v1/insight', {}, { token: null }, 401);
    await check('GET', '/api/v1/insight?issuer=someone-else', {}, { token: provider }, 403);
    const vp = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation', 'ColSkillsSummary'], verifiableCredential: [{ '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${claim.json.jwt}` }] };
    const shared = await check('POST', '/api/v1/shares', {}, { body: vp, token: null }, 201);
    await check('POST', '/api/v1/shares', {}, { body: { ...vp, type: ['VerifiablePresentation'] }, token: null }, 400);
    await check('GET', '/api/v1/shares/{id}', { id: shared.json.id }, { token: null }, 200);
    await check('DELETE', '/api/v1/shares/{id}', { id: shared.json.id }, { token: null }, 401);
    await check('DELETE', '/api/v1/shares/{id}', { id: shared.json.id }, { token: 'wrong' }, 404);
    await check('DELETE', '/api/v1/shares/{id}', { id: shared.json.id }, { token: shared.json.deleteToken }, 204);
    await check('GET', '/api/v1/shares/{id}', { id: shared.json.id }, { token: null }, 404);
    await check('DELETE', '/api/v1/priorities/{key}', { key: 'science' }, {}, 204);
    await check('DELETE', '/api/v1/priorities/{key}', { key: 'science' }, {}, 404);
    // OB 3.0 API
    await check('GET', '/ims/ob/v3p0/discovery', {}, { token: null }, 200);
    await check('GET', '/ims/ob/v3p0/credentials?limit=1', {}, { token: provider }, 200);
    await check('GET', '/ims/ob/v3p0/credentials?limit=0', {}, {}, 400);
    await check('GET', '/ims/ob/v3p0/credentials', {}, { token: 'wrong' }, 401);
    await check('GET', '/ims/ob/v3p0/profile', {}, { token: provider }, 200);
    await check('GET', '/ims/ob/v3p0/profile', {}, {}, 404);
  });

  it('calls every documented operation', () => {
    const all = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m} ${path}`));
    expect(all.filter((op) => !seen.has(op))).to.deep.equal([]);
  });
});
