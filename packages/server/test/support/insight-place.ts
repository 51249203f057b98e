// A small seeded place for the insight tests: three issuers (two with areas), four aligned badges,
// a published pathway, two priorities, and real signed credentials issued across three months
// (the server's clock is moved between batches), with recipients' emails and names.
import type { TestServer } from './test-server.js';

export const EDS = 'https://www.gov.uk/government/publications/essential-digital-skills-framework';
export const RSA = 'https://www.thersa.org/cities-of-learning';
export const LIBRARY_AREA = 'E05099001';
export const YOUTH_AREA = 'E05099002';

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF), to read the CSV back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/** Everything a seeded place needs: issuers with areas, aligned badges, a pathway, a priority, dated awards. */
export async function seedPlace(s: TestServer, clock: { now: Date }): Promise<{ providerKeys: Record<string, string>; credentialIds: string[]; emails: string[]; names: string[] }> {
  const ok = <R extends { status: number; text: string }>(res: R, what: string): R => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res;
  };
  ok(await s.call('POST', '/api/v1/issuers', { body: { key: 'library', name: 'Brightwater Libraries', url: 'https://library.example', area: LIBRARY_AREA } }), 'library');
  ok(await s.call('POST', '/api/v1/issuers', { body: { key: 'youth', name: 'Harbour Youth Trust', url: 'https://youth.example', area: YOUTH_AREA } }), 'youth');
  ok(await s.call('POST', '/api/v1/issuers', { body: { key: 'college', name: 'Brightwater College', url: 'https://college.example' } }), 'college');
  const badge = async (key: string, issuer: string, name: string, alignment: unknown[]) =>
    ok(await s.call('POST', '/api/v1/achievements', { body: { key, issuer, name, description: 'Did a thing.', criteria: 'Do the thing.', alignment } }), key);
  await badge('df', 'library', 'Digital Foundations', [{ targetName: 'Foundation skills', targetUrl: EDS, targetCode: 'EDS-FOUNDATION' }]);
  await badge('comm', 'library', '=HYPERLINK("https://evil.example","Click")', [{ targetName: 'Communicating', targetUrl: EDS, targetCode: 'EDS-COMMUNICATING' }]);
  await badge('volunteer', 'youth', 'Volunteer, Harbour', [{ targetName: 'RSA: Participate', targetUrl: RSA, targetCode: 'participate' }]);
  await badge('ready', 'college', 'Digital Ready', [{ targetName: 'Essential Digital Skills', targetUrl: EDS, targetCode: 'EDS' }]);
  const pathway = await s.call('POST', '/api/v1/pathways', {
    body: {
      key: 'digital-ready', issuer: 'college', name: 'Digital Ready',
      root: { type: 'group', id: 'root', milestoneBadge: `${s.url}/api/v1/achievements/ready`, children: [{ type: 'badge', id: 'df', badge: { id: `${s.url}/api/v1/achievements/df` } }, { type: 'badge', id: 'comm', badge: { id: `${s.url}/api/v1/achievements/comm` }, prerequisites: ['df'] }] },
    },
  });
  ok(pathway, 'pathway');
  ok(await s.call('POST', '/api/v1/pathways/digital-ready/publish', { body: {} }), 'publish');
  ok(await s.call('POST', '/api/v1/priorities', { body: { key: 'digital', name: 'Digital Foundations for all', alignments: [{ targetName: 'Foundation skills', targetCode: 'EDS-FOUNDATION' }], target: { value: 500, measure: 'credentials', by: '2027-07-31' } } }), 'priority');
  ok(await s.call('POST', '/api/v1/priorities', { body: { key: 'volunteering', name: 'Young volunteers', alignments: [{ targetName: 'Participate', targetUrl: RSA, targetCode: 'participate' }], area: YOUTH_AREA } }), 'priority 2');
  const providerKeys: Record<string, string> = {};
  for (const issuer of ['library', 'youth', 'college']) providerKeys[issuer] = ok(await s.call('POST', `/api/v1/issuers/${issuer}/api-keys`, { body: {} }), 'api key').json.key;

  const credentialIds: string[] = [];
  const emails: string[] = [];
  const names: string[] = [];
  let n = 0;
  const award = async (achievement: string, count: number) => {
    const recipients = Array.from({ length: count }, () => {
      n++;
      const email = `learner.${n}@example.org`;
      const name = `Ada Lovelace ${n}`;
      emails.push(email);
      names.push(name);
      return { email, name };
    });
    const res = ok(await s.call('POST', '/api/v1/awards', { body: { achievement, recipients } }), `award ${achievement}`);
    for (const r of res.json.results) credentialIds.push(r.id);
    return res.json.results.map((r: { id: string }) => r.id) as string[];
  };
  clock.now = new Date('2026-01-15T10:00:00Z');
  const january = await award('df', 25);
  await award('comm', 3);
  clock.now = new Date('2026-02-10T10:00:00Z');
  await award('df', 12);
  await award('volunteer', 15);
  // Ten claimed with a code (source "code").
  const codes = ok(await s.call('POST', '/api/v1/achievements/df/claim-codes', { body: { count: 1, uses: 10 } }), 'codes').json.codes;
  for (let i = 0; i < 10; i++) {
    n++;
    const email = `claimer.${n}@example.org`;
    emails.push(email);
    const claim = ok(await s.call('POST', '/api/v1/claims', { token: null, body: { achievement: 'df', code: codes[0], recipient: { email } } }), 'claim');
    credentialIds.push(claim.json.id);
  }
  clock.now = new Date('2026-03-05T10:00:00Z');
  await award('volunteer', 4);
  await award('ready', 11);
  for (const id of january.slice(0, 2)) ok(await s.call('POST', `/api/v1/credentials/${id.split('/').pop()}/revoke`, { body: { reason: 'Issued in error' } }), 'revoke');
  ok(await s.call('POST', '/api/v1/opportunities', { body: { provider: 'library', title: 'Digital Foundations at Central', achievement: 'df', mode: 'in-person', areaCode: LIBRARY_AREA, startsAt: '2026-02-01T10:00:00Z' } }), 'opportunity');
  return { providerKeys, credentialIds, emails, names };
}

