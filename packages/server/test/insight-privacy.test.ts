// No personal field in any insight response: every breakdown × every scope (anonymous, each
// provider key, the admin key) × JSON and CSV, with and without filters, over a place whose
// credentials carry real emails and names. Only counts, keys and labels may come back.
import { describe, it, before, after, expect } from '@col/harness';
import { startTestServer, type TestServer } from './support/test-server.js';
import { LIBRARY_AREA, parseCsv, seedPlace } from './support/insight-place.js';

const BY = ['achievement', 'skill', 'priority', 'provider', 'area', 'month'];
const CELL_KEYS = new Set(['value', 'suppressed']);
const ROW_KEYS = new Set(['key', 'label', 'cells', 'target']);
const TOP_KEYS = new Set(['by', 'from', 'to', 'scope', 'threshold', 'measures', 'rows', 'totals']);

describe('insight privacy: no personal field over every route and query combination', () => {
  let s: TestServer;
  const clock = { now: new Date('2026-01-01T00:00:00Z') };
  let seeded: Awaited<ReturnType<typeof seedPlace>>;
  /** Everything personal the database holds about the learners. */
  let secrets: string[];
  before(async () => {
    s = await startTestServer({ now: () => clock.now, publishInsight: true, storeEmails: true });
    seeded = await seedPlace(s, clock);
    clock.now = new Date('2026-03-20T10:00:00Z');
    const credentialKeys = seeded.credentialIds.map((id) => id.split('/').pop()!);
    // Recipient identity hashes and salts as the credentials carry them.
    const hashes: string[] = [];
    for (const key of credentialKeys.slice(0, 20)) {
      const cred = (await s.call('GET', `/api/v1/credentials/${key}`, { token: null })).json;
      const subject = cred.credentialSubject;
      for (const id of subject.identifier ?? []) hashes.push(String(id.identityHash), String(id.salt ?? ''));
    }
    secrets = [...seeded.emails, ...seeded.names, ...credentialKeys, ...hashes.filter((h) => h.length > 8)];
    expect(secrets.length).to.be.greaterThan(100);
  });
  after(async () => s?.stop());

  it('JSON and CSV, every by × scope × filter: only counts, keys and labels', async () => {
    const tokens: Array<[string, string | null]> = [['public', null], ['place', undefined as unknown as string], ...Object.entries(seeded.providerKeys).map(([k, v]): [string, string] => [`provider:${k}`, v])];
    const filters: Array<Record<string, string>> = [{}, { area: LIBRARY_AREA }, { priority: 'digital' }, { threshold: '15' }];
    let checked = 0;
    for (const by of BY) {
      for (const [scope, token] of tokens) {
        for (const filter of filters) {
          for (const format of ['json', 'csv']) {
            const path = `/api/v1/insight?${new URLSearchParams({ by, from: '2025-12', to: '2026-04', format, ...filter })}`;
            const res = await s.call('GET', path, token === undefined ? {} : { token });
            const what = `${scope} ${path}`;
            expect(res.status, `${what}: ${res.text.slice(0, 200)}`).to.equal(200);
            for (const secret of secrets) expect(res.text.includes(secret), `${what} leaks ${secret}`).to.equal(false);
            // Nothing shaped like an email address, a credential URL or a JWS.
            expect(res.text, what).to.not.match(/[\w.+-]+@[\w-]+\.[\w.]+/);
            expect(res.text, what).to.not.match(/\/api\/v1\/credentials\//);
            expect(res.text, what).to.not.match(/eyJ[\w-]+\.[\w-]+\./);
            if (format === 'json') {
              const t = res.json;
              expect(Object.keys(t).every((k) => TOP_KEYS.has(k)), what).to.equal(true);
              for (const row of t.rows) {
                expect(Object.keys(row).every((k) => ROW_KEYS.has(k)), `${what} row keys ${Object.keys(row)}`).to.equal(true);
                for (const cell of Object.values(row.cells) as Array<Record<string, unknown>>) {
                  expect(Object.keys(cell).every((k) => CELL_KEYS.has(k)), what).to.equal(true);
                  expect(cell.value === null || (Number.isInteger(cell.value) && (cell.value as number) >= 0), what).to.equal(true);
                }
              }
            } else {
              const rows = parseCsv(res.text);
              // Every field after key and label is a count, empty (withheld), a target field, or the suppressed note.
              for (const row of rows.slice(1)) for (const f of row.slice(2)) expect(f, what).to.match(/^(\d*|credentials|pathwayCompletions|\d{4}-\d{2}-\d{2}|[A-Za-z ]*)$/);
            }
            checked++;
          }
        }
      }
    }
    expect(checked).to.equal(BY.length * 5 * 4 * 2);
  });

  it('no count from 1 to the threshold − 1 is ever shown, in any combination', async () => {
    for (const by of BY) {
      for (const token of [null, undefined, seeded.providerKeys.library!]) {
        const t = (await s.call('GET', `/api/v1/insight?${new URLSearchParams({ by, from: '2025-12', to: '2026-04' })}`, token === undefined ? {} : { token })).json;
        const cells = [...t.rows.flatMap((r: any) => Object.values(r.cells)), ...Object.values(t.totals)] as Array<{ value: number | null }>;
        for (const c of cells) expect(c.value === null || c.value === 0 || c.value >= t.threshold, `${by}: ${JSON.stringify(c)}`).to.equal(true);
      }
    }
  });

  it('the request log names the route pattern only, never the query', async () => {
    const logged = await startTestServer({ logRequests: true, publishInsight: true });
    try {
      await logged.call('GET', `/api/v1/insight?by=area&area=${LIBRARY_AREA}`, { token: null });
      expect(logged.logs.some((l) => l.startsWith('GET /api/v1/insight 200'))).to.equal(true);
      expect(logged.logs.join('\n')).to.not.contain(LIBRARY_AREA);
    } finally {
      await logged.stop();
    }
  });
});
