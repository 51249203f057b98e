// GET /api/v1/insight against a real server over loopback, with real signed credentials issued
// across three months (the server's clock is moved between batches): the figures, every
// breakdown, scopes (a provider key sees its own figures only; anonymous callers only when the
// place publishes), suppression, CSV, and bad queries.
import { describe, it, before, after, expect } from '@col/harness';
import { startTestServer, type TestServer } from './support/test-server.js';
import { parseCsv, seedPlace, LIBRARY_AREA, YOUTH_AREA, EDS } from './support/insight-place.js';


const q = (params: Record<string, string>) => `/api/v1/insight?${new URLSearchParams({ from: '2026-01', to: '2026-03', ...params })}`;

describe('GET /api/v1/insight', () => {
  let s: TestServer;
  const clock = { now: new Date('2026-01-01T00:00:00Z') };
  let keys: Record<string, string>;
  before(async () => {
    s = await startTestServer({ now: () => clock.now, publishInsight: true });
    keys = (await seedPlace(s, clock)).providerKeys;
    clock.now = new Date('2026-03-20T10:00:00Z');
  });
  after(async () => s?.stop());

  it('counts issued, claimed, revoked, pathway starts and completions and opportunities per badge, withholding small numbers', async () => {
    const res = await s.call('GET', q({ by: 'achievement' }));
    expect(res.status, res.text).to.equal(200);
    const t = res.json;
    expect([t.by, t.from, t.to, t.scope, t.threshold]).to.deep.equal(['achievement', '2026-01', '2026-03', 'place', 10]);
    expect(t.measures).to.deep.equal(['issued', 'claimed', 'revoked', 'pathwayStarts', 'pathwayCompletions', 'opportunities']);
    const row = (key: string) => t.rows.find((r: any) => r.key === key);
    expect(row('df').label).to.equal('Digital Foundations');
    // 25 + 12 awarded and 10 claimed; the two revocations are fewer than 10, so withheld.
    expect(row('df').cells).to.deep.equal({ issued: { value: 47 }, claimed: { value: 10 }, revoked: { value: null, suppressed: true }, pathwayStarts: { value: 47 }, pathwayCompletions: { value: 0 }, opportunities: { value: null, suppressed: true } });
    // 3 is withheld, and a second cell too, or 80 − 47 − 19 − 11 would give it away. Not the
    // smallest (11): it is the milestone badge's, whose 11 completions are the completions total
    // shown in every breakdown, so withholding it would protect nothing. The 19 goes instead.
    expect(row('comm').cells.issued).to.deep.equal({ value: null, suppressed: true });
    expect(row('ready').cells.issued).to.deep.equal({ value: 11 });
    expect(row('volunteer').cells.issued).to.deep.equal({ value: null, suppressed: true });
    expect(t.totals.issued).to.deep.equal({ value: 80 });
    expect(t.totals.revoked).to.deep.equal({ value: null, suppressed: true });
    // Completions: 11 milestone badges; the only non-zero cell of its column, so it stands (the total shows the same number).
    expect(row('ready').cells.pathwayCompletions).to.deep.equal({ value: 11 });
    expect(t.totals.pathwayCompletions).to.deep.equal({ value: 11 });
  });

  it('every breakdown: month, provider, area, skill and priority (with target progress)', async () => {
    const month = (await s.call('GET', q({ by: 'month' }))).json;
    expect(month.rows.map((r: any) => [r.key, r.label])).to.deep.equal([['2026-01', '2026-01'], ['2026-02', '2026-02'], ['2026-03', '2026-03']]);
    expect(month.rows.map((r: any) => r.cells.issued.value)).to.deep.equal([28, 37, 15]);

    const provider = (await s.call('GET', q({ by: 'provider' }))).json;
    expect(provider.rows.map((r: any) => [r.key, r.label, r.cells.issued.value])).to.deep.equal([
      ['college', 'Brightwater College', 11],
      ['library', 'Brightwater Libraries', 50],
      ['youth', 'Harbour Youth Trust', 19],
    ]);

    const area = (await s.call('GET', q({ by: 'area' }))).json;
    expect(area.rows.map((r: any) => [r.key, r.label, r.cells.issued.value])).to.deep.equal([[LIBRARY_AREA, LIBRARY_AREA, 50], [YOUTH_AREA, YOUTH_AREA, 19]]);

    const skill = (await s.call('GET', q({ by: 'skill' }))).json;
    const foundation = skill.rows.find((r: any) => r.label === 'Foundation skills');
    expect(foundation.key).to.equal(`EDS-FOUNDATION@${EDS}`);
    expect(foundation.cells.issued).to.deep.equal({ value: 47 });

    const priority = (await s.call('GET', q({ by: 'priority' }))).json;
    const digital = priority.rows.find((r: any) => r.key === 'digital');
    expect(digital.label).to.equal('Digital Foundations for all');
    expect(digital.cells.issued).to.deep.equal({ value: 47 });
    expect(digital.target).to.deep.equal({ value: 500, measure: 'credentials', by: '2027-07-31', progress: { value: 47 } });
    // A priority with an area counts only activity in that area.
    expect(priority.rows.find((r: any) => r.key === 'volunteering').cells.issued).to.deep.equal({ value: 19 });
  });

  it('filters by issuer, area and priority', async () => {
    const byIssuer = (await s.call('GET', q({ by: 'month', issuer: 'youth' }))).json;
    expect(byIssuer.totals.issued).to.deep.equal({ value: 19 });
    const byArea = (await s.call('GET', q({ by: 'achievement', area: LIBRARY_AREA }))).json;
    expect(byArea.totals.issued).to.deep.equal({ value: 50 });
    const unknown = await s.call('GET', q({ by: 'month', priority: 'digitl' }));
    expect([unknown.status, unknown.json.code, unknown.json.field]).to.deep.equal([404, 'not-found', 'priority']);
    const byPriority = (await s.call('GET', q({ by: 'month', priority: 'digital' }))).json;
    expect(byPriority.totals.issued).to.deep.equal({ value: 47 });
    expect(byPriority.rows.map((r: any) => r.cells.issued.value)).to.deep.equal([25, 22, 0]);
  });

  it("a provider key sees its own issuer's figures only, and cannot ask for another's", async () => {
    const own = await s.call('GET', q({ by: 'achievement' }), { token: keys.youth! });
    expect(own.status, own.text).to.equal(200);
    expect(own.json.scope).to.equal('provider');
    expect(own.json.rows.map((r: any) => r.key)).to.deep.equal(['volunteer']);
    expect(own.json.totals.issued).to.deep.equal({ value: 19 });
    for (const by of ['provider', 'area', 'month', 'skill', 'priority']) {
      const t = (await s.call('GET', q({ by }), { token: keys.youth! })).json;
      expect(t.totals.issued, by).to.deep.equal({ value: 19 });
      if (by === 'provider') expect(t.rows.map((r: any) => r.key)).to.deep.equal(['youth']);
      if (by === 'area') expect(t.rows.map((r: any) => r.key)).to.deep.equal([YOUTH_AREA]);
    }
    const other = await s.call('GET', q({ by: 'achievement', issuer: 'library' }), { token: keys.youth! });
    expect([other.status, other.json.code, other.json.field]).to.deep.equal([403, 'forbidden', 'issuer']);
    expect(other.text).to.not.match(/Digital Foundations|47|50/);
    expect((await s.call('GET', q({ by: 'achievement', issuer: 'youth' }), { token: keys.youth! })).status).to.equal(200);
    // A wrong key is refused, never treated as anonymous.
    expect((await s.call('GET', q({ by: 'achievement' }), { token: 'colp_not-a-real-key' })).status).to.equal(401);
  });

  it('anonymous callers get the published place figures, cacheable and open to any origin', async () => {
    const res = await s.call('GET', q({ by: 'provider' }), { token: null });
    expect(res.status).to.equal(200);
    expect(res.json.scope).to.equal('public');
    expect(res.json.totals.issued).to.deep.equal({ value: 80 });
    expect(res.headers.get('cache-control')).to.equal('public, max-age=60');
    expect(res.headers.get('access-control-allow-origin')).to.equal('*');
    const keyed = await s.call('GET', q({ by: 'provider' }));
    expect(keyed.headers.get('cache-control')).to.equal('private, no-store');
  });

  it('a query may raise the threshold, never lower it', async () => {
    const raised = (await s.call('GET', q({ by: 'achievement', threshold: '20' }))).json;
    expect(raised.threshold).to.equal(20);
    expect(raised.rows.find((r: any) => r.key === 'volunteer').cells.issued).to.deep.equal({ value: null, suppressed: true });
    expect(raised.rows.find((r: any) => r.key === 'df').cells.claimed).to.deep.equal({ value: null, suppressed: true });
    const lowered = await s.call('GET', q({ by: 'achievement', threshold: '5' }));
    expect([lowered.status, lowered.json.field]).to.deep.equal([400, 'threshold']);
  });

  it('CSV: the same table, RFC 4180 quoting, withheld cells empty and named, formulas defused', async () => {
    const res = await s.call('GET', q({ by: 'achievement' }), { headers: { accept: 'text/csv' } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).to.equal('attachment; filename="insight-achievement-2026-01-to-2026-03.csv"');
    expect(res.text.endsWith('\r\n')).to.equal(true);
    const rows = parseCsv(res.text);
    expect(rows[0]).to.deep.equal(['key', 'label', 'issued', 'claimed', 'revoked', 'pathwayStarts', 'pathwayCompletions', 'opportunities', 'suppressed']);
    const df = rows.find((r) => r[0] === 'df')!;
    expect(df).to.deep.equal(['df', 'Digital Foundations', '47', '10', '', '47', '0', '', 'revoked opportunities']);
    // The label that is a spreadsheet formula starts with ' and so opens as text.
    const comm = rows.find((r) => r[0] === 'comm')!;
    expect(comm[1]).to.equal(`'=HYPERLINK("https://evil.example","Click")`);
    expect(res.text).to.contain(`"'=HYPERLINK(""https://evil.example"",""Click"")"`);
    // A comma in a label is quoted, not a new column.
    expect(rows.find((r) => r[0] === 'volunteer')![1]).to.equal('Volunteer, Harbour');
    expect(rows.at(-1)!.slice(0, 3)).to.deep.equal(['total', 'Total', '80']);
    expect(new Set(rows.map((r) => r.length)).size).to.equal(1);
    // ?format=csv does the same; priority tables carry the target columns.
    const priority = parseCsv((await s.call('GET', q({ by: 'priority', format: 'csv' }))).text);
    expect(priority[0]!.slice(-5)).to.deep.equal(['target', 'targetMeasure', 'targetBy', 'targetProgress', 'suppressed']);
    expect(priority.find((r) => r[0] === 'digital')!.slice(-5)).to.deep.equal(['500', 'credentials', '2027-07-31', '47', 'revoked opportunities']);
  });

  it("an issuer's area: set by the admin, shown in its profile; a provider key cannot move any issuer, its own included", async () => {
    expect((await s.call('GET', '/api/v1/issuers/library', { token: null })).json.area).to.equal(LIBRARY_AREA);
    const own = await s.call('PATCH', '/api/v1/issuers/library', { token: keys.library!, body: { area: 'E05099009' } });
    const other = await s.call('PATCH', '/api/v1/issuers/youth', { token: keys.library!, body: { area: LIBRARY_AREA } });
    expect([own.status, other.status]).to.deep.equal([403, 403]);
    expect((await s.call('PATCH', '/api/v1/issuers/youth', { token: null, body: { area: LIBRARY_AREA } })).status).to.equal(401);
    const bad = await s.call('PATCH', '/api/v1/issuers/youth', { body: { area: 'Harbour' } });
    expect([bad.status, bad.json.field]).to.deep.equal([400, 'area']);
    const unknown = await s.call('PATCH', '/api/v1/issuers/youth', { body: { name: 'Renamed' } });
    expect([unknown.status, unknown.json.code, unknown.json.field]).to.deep.equal([400, 'unknown-field', 'name']);
    expect((await s.call('PATCH', '/api/v1/issuers/nobody', { body: { area: LIBRARY_AREA } })).status).to.equal(404);
    expect((await s.call('GET', '/api/v1/issuers/youth', { token: null })).json.area).to.equal(YOUTH_AREA);
    // Moving the college into the library's area moves its figures there; clearing takes them out.
    const moved = await s.call('PATCH', '/api/v1/issuers/college', { body: { area: LIBRARY_AREA } });
    expect([moved.status, moved.json.area]).to.deep.equal([200, LIBRARY_AREA]);
    expect((await s.call('GET', q({ by: 'area' }))).json.rows.find((r: any) => r.key === LIBRARY_AREA).cells.issued).to.deep.equal({ value: 61 });
    const cleared = await s.call('PATCH', '/api/v1/issuers/college', { body: { area: null } });
    expect(cleared.json).to.not.have.property('area');
    expect((await s.call('GET', q({ by: 'area' }))).json.rows.find((r: any) => r.key === LIBRARY_AREA).cells.issued).to.deep.equal({ value: 50 });
  });

  it('bad queries are a 400 naming the parameter', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ by: 'learner' }, 'by'],
      [{ by: 'month', from: '2026-13' }, 'from'],
      [{ by: 'month', to: '26-01' }, 'to'],
      [{ by: 'month', from: '2026-05', to: '2026-01' }, 'from'],
      [{ by: 'month', from: '2000-01', to: '2026-01' }, 'from'],
      [{ by: 'month', area: 'Brightwater' }, 'area'],
      [{ by: 'month', issuer: '../etc' }, 'issuer'],
      [{ by: 'month', priority: 'a b' }, 'priority'],
      [{ by: 'month', threshold: 'ten' }, 'threshold'],
      [{ by: 'month', format: 'xml' }, 'format'],
    ];
    for (const [params, field] of cases) {
      const res = await s.call('GET', `/api/v1/insight?${new URLSearchParams(params)}`);
      expect([res.status, res.json?.code, res.json?.field], JSON.stringify(params)).to.deep.equal([400, 'invalid-request', field]);
    }
  });

  it('the period defaults to the twelve months up to this one', async () => {
    const t = (await s.call('GET', '/api/v1/insight?by=month')).json;
    expect([t.from, t.to, t.rows.length]).to.deep.equal(['2025-04', '2026-03', 12]);
  });
});

describe('GET /api/v1/insight when the place does not publish it', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer({ env: {} });
  });
  after(async () => s?.stop());

  it('anonymous callers get 401; the admin key still works', async () => {
    const res = await s.call('GET', '/api/v1/insight?by=month', { token: null });
    expect([res.status, res.json.code]).to.deep.equal([401, 'unauthorized']);
    expect((await s.call('GET', '/api/v1/insight?by=month', { headers: { accept: 'text/csv' }, token: null })).status).to.equal(401);
    expect((await s.call('GET', '/api/v1/insight?by=month')).status).to.equal(200);
  });

  it('a server threshold below 10 is refused at start-up; a higher one applies to every query', async () => {
    let failed: unknown;
    try {
      await startTestServer({ insightThreshold: 5 });
    } catch (error) {
      failed = error;
    }
    expect((failed as { code?: string })?.code).to.equal('insight-threshold-invalid');
    const strict = await startTestServer({ insightThreshold: 25 });
    try {
      expect((await strict.call('GET', '/api/v1/insight?by=month')).json.threshold).to.equal(25);
      expect((await strict.call('GET', '/api/v1/insight?by=month&threshold=10')).json.field).to.equal('threshold');
    } finally {
      await strict.stop();
    }
  });
});
