// Every paged list refuses bad paging the same way: 400 `invalid-paging`, the field named, the
// same sentence for the same mistake (the OB 3.0 list says it in its own envelope). A table of
// routes × mistakes, so a new list route joins the table and cannot drift.
import { describe, it, before, after, expect } from '@col/harness';
import { startTestServer, type TestServer } from './support/test-server.js';
import { seedBasics } from './support/seed.js';

interface ListRoute {
  name: string;
  /** Ask for a page with these paging values (as a query string or in the JSON body). */
  page(s: TestServer, paging: Record<string, string | number>): Promise<{ status: number; json: any }>;
  /** The `{ code, message, field }` the route answered with, whatever its envelope. */
  error(json: any): { code?: string; message: string; field?: string };
  /** How the route moves on: a cursor, or an offset. */
  position: 'cursor' | 'offset';
  max: number;
}

const query = (paging: Record<string, string | number>) => new URLSearchParams(Object.entries(paging).map(([k, v]) => [k, String(v)])).toString();
const plain = (json: any) => ({ code: json.code, message: json.message, field: json.field });

const ROUTES: ListRoute[] = [
  { name: 'GET /api/v1/issuers', page: (s, p) => s.call('GET', `/api/v1/issuers?${query(p)}`, { token: null }), error: plain, position: 'cursor', max: 100 },
  { name: 'GET /api/v1/achievements', page: (s, p) => s.call('GET', `/api/v1/achievements?${query(p)}`, { token: null }), error: plain, position: 'cursor', max: 100 },
  { name: 'GET /api/v1/pathways', page: (s, p) => s.call('GET', `/api/v1/pathways?${query(p)}`, { token: null }), error: plain, position: 'cursor', max: 100 },
  { name: 'GET /api/v1/priorities', page: (s, p) => s.call('GET', `/api/v1/priorities?${query(p)}`, { token: null }), error: plain, position: 'cursor', max: 100 },
  { name: 'GET /api/v1/opportunities', page: (s, p) => s.call('GET', `/api/v1/opportunities?${query(p)}`, { token: null }), error: plain, position: 'offset', max: 100 },
  // The OB 3.0 API must answer in its Imsx_StatusInfo envelope: the code is invalid_data there.
  { name: 'GET /ims/ob/v3p0/credentials', page: (s, p) => s.call('GET', `/ims/ob/v3p0/credentials?${query(p)}`), error: (json) => ({ code: 'invalid-paging', message: json.imsx_description }), position: 'offset', max: 100 },
  { name: 'POST /api/v1/credentials/search', page: (s, p) => s.call('POST', '/api/v1/credentials/search', { body: p }), error: plain, position: 'cursor', max: 200 },
];

describe('paging: the same answer to the same mistake on every list', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    // Three of everything, so a page of one has a next page twice.
    for (const issuer of ['museum', 'library', 'college']) {
      const { achievementId } = await seedBasics(s, { issuer });
      const root = { type: 'group', id: 'root', children: [{ type: 'badge', id: 'a', badge: { id: achievementId } }] };
      await s.call('POST', '/api/v1/pathways', { body: { key: `${issuer}-path`, issuer, name: `${issuer} path`, root } });
      await s.call('POST', `/api/v1/pathways/${issuer}-path/publish`, { body: {} });
      await s.call('POST', '/api/v1/priorities', { body: { key: `${issuer}-skills`, name: `${issuer} skills`, alignments: [{ targetName: `${issuer} skill`, targetUrl: `https://skills.example.org/${issuer}` }] } });
    }
  });
  after(async () => s?.stop());

  const forgedCursor = Buffer.from(JSON.stringify({ changed: '2026', key: 'x' })).toString('base64url');
  for (const route of ROUTES) {
    it(`${route.name}: limit 0, huge or not a number; a forged ${route.position}`, async () => {
      const asText = route.name.startsWith('GET');
      const tooLong = Buffer.from(JSON.stringify(['x'.repeat(5000), 'y'])).toString('base64url');
      type Case = [Record<string, string | number>, string, string];
      const cases: Case[] = [
        [{ limit: 0 }, 'limit', `"limit" must be a whole number from 1 to ${route.max}.`],
        [{ limit: 10 ** 12 }, 'limit', `"limit" must be a whole number from 1 to ${route.max}.`],
        [{ limit: route.max + 1 }, 'limit', `"limit" must be a whole number from 1 to ${route.max}.`],
        [{ limit: asText ? 'abc' : '20' }, 'limit', `"limit" must be a whole number from 1 to ${route.max}.`],
        ...(route.position === 'cursor'
          ? ([
              [{ cursor: 'not-a-cursor' }, 'cursor', '"cursor" is not a cursor this server handed out (use the "next" of a previous page).'],
              [{ cursor: forgedCursor }, 'cursor', '"cursor" is not a cursor this server handed out (use the "next" of a previous page).'],
              [{ cursor: tooLong }, 'cursor', '"cursor" is not a cursor this server handed out (use the "next" of a previous page).'],
            ] satisfies Case[])
          : ([
              [{ offset: -1 }, 'offset', '"offset" must be a whole number from 0 to 1000000000.'],
              [{ offset: 'abc' }, 'offset', '"offset" must be a whole number from 0 to 1000000000.'],
            ] satisfies Case[])),
      ];
      for (const [paging, field, message] of cases) {
        const res = await route.page(s, paging);
        expect(res.status, JSON.stringify(paging)).to.equal(400);
        const error = route.error(res.json);
        expect(error.code, JSON.stringify(paging)).to.equal('invalid-paging');
        expect(error.message, JSON.stringify(paging)).to.equal(message);
        if (error.field !== undefined || route.error === plain) expect(error.field, JSON.stringify(paging)).to.equal(field);
      }
      // A good page still answers.
      expect((await route.page(s, { limit: 1 })).status).to.equal(200);
    });
  }

  for (const [path, list] of [['/api/v1/issuers', 'issuers'], ['/api/v1/achievements', 'achievements'], ['/api/v1/pathways', 'pathways'], ['/api/v1/priorities', 'priorities']] as const) {
    it(`GET ${path}: without paging the whole list as before; paged one at a time, every item once, in the same order`, async () => {
      const whole = await s.call('GET', path, { token: null });
      expect(whole.json.next, 'no next without paging').to.equal(undefined);
      const all = whole.json[list].map((item: { id?: string; key?: string }) => item.id ?? item.key);
      expect(all.length).to.be.greaterThanOrEqual(3);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await s.call('GET', `${path}?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: null });
        expect(page.status).to.equal(200);
        seen.push(...page.json[list].map((item: { id?: string; key?: string }) => item.id ?? item.key));
        cursor = page.json.next;
        if (!cursor) break;
      }
      expect(seen).to.deep.equal(all);
    });
  }
});
