// A place's learning priorities over real HTTP: the admin creates, edits and deletes them; anyone
// reads them; providers and strangers cannot write; bad input is a 400 naming the field.
import { describe, it, before, after, expect } from '@col/harness';
import { startTestServer, type TestServer } from './support/test-server.js';

const EDS = 'https://www.gov.uk/government/publications/essential-digital-skills-framework';
const digital = {
  key: 'digital-foundations',
  name: 'Digital Foundations',
  description: 'Every resident able to get online safely.',
  alignments: [{ targetName: 'Foundation skills', targetUrl: EDS, targetCode: 'EDS-FOUNDATION', targetFramework: 'EDS' }],
  area: 'E08000026',
  target: { value: 500, measure: 'credentials', by: '2027-07-31' },
};

describe('priorities', () => {
  let s: TestServer;
  let providerKey: string;
  before(async () => {
    s = await startTestServer();
    await s.call('POST', '/api/v1/issuers', { body: { key: 'library', name: 'Library', url: 'https://library.example' } });
    providerKey = (await s.call('POST', '/api/v1/issuers/library/api-keys', { body: {} })).json.key;
  });
  after(async () => s?.stop());

  it('the admin creates one (201 + Location); anyone lists and reads it', async () => {
    const created = await s.call('POST', '/api/v1/priorities', { body: digital });
    expect(created.status, created.text).to.equal(201);
    expect(created.json).to.deep.equal(digital);
    expect(created.headers.get('location')).to.equal(`${s.url}/api/v1/priorities/digital-foundations`);
    const list = await s.call('GET', '/api/v1/priorities', { token: null });
    expect(list.status).to.equal(200);
    expect(list.json).to.deep.equal({ priorities: [digital] });
    expect(list.headers.get('access-control-allow-origin')).to.equal('*');
    expect((await s.call('GET', '/api/v1/priorities/digital-foundations', { token: null })).json).to.deep.equal(digital);
  });

  it('a key defaults to a slug of the name; the same key twice is a 409', async () => {
    const made = await s.call('POST', '/api/v1/priorities', { body: { name: 'Young People Volunteering!', alignments: [{ targetName: 'Participate', targetCode: 'participate' }] } });
    expect(made.status, made.text).to.equal(201);
    expect(made.json.key).to.equal('young-people-volunteering');
    const again = await s.call('POST', '/api/v1/priorities', { body: { key: 'young-people-volunteering', name: 'Again', alignments: [{ targetName: 'X', targetCode: 'x' }] } });
    expect(again.status).to.equal(409);
    expect(again.json.code).to.equal('already-exists');
  });

  it('PATCH replaces the fields sent, null clears optional ones, and the key cannot change', async () => {
    const patched = await s.call('PATCH', '/api/v1/priorities/digital-foundations', { body: { target: { value: 650, measure: 'pathwayCompletions', by: '2027-12-31' }, description: null } });
    expect(patched.status, patched.text).to.equal(200);
    expect(patched.json.target).to.deep.equal({ value: 650, measure: 'pathwayCompletions', by: '2027-12-31' });
    expect(patched.json).to.not.have.property('description');
    expect(patched.json.name).to.equal('Digital Foundations');
    const rekey = await s.call('PATCH', '/api/v1/priorities/digital-foundations', { body: { key: 'other' } });
    expect([rekey.status, rekey.json.field]).to.deep.equal([400, 'key']);
    const cleared = await s.call('PATCH', '/api/v1/priorities/digital-foundations', { body: { target: null, area: null } });
    expect(cleared.json).to.not.have.property('target');
    expect(cleared.json).to.not.have.property('area');
    expect((await s.call('PATCH', '/api/v1/priorities/nope', { body: { name: 'x' } })).status).to.equal(404);
  });

  it('bad input is a 400 naming the field, and nothing is stored', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ alignments: [{ targetName: 'a', targetCode: 'a' }] }, 'name', 'invalid-request'],
      [{ name: 'x' }, 'alignments', 'invalid-request'],
      [{ name: 'x', alignments: [] }, 'alignments', 'invalid-request'],
      [{ name: 'x', alignments: 'EDS' }, 'alignments', 'invalid-request'],
      [{ name: 'x', alignments: [{ targetCode: 'a' }] }, 'alignments[0].targetName', 'invalid-request'],
      [{ name: 'x', alignments: [{ targetName: 'a' }] }, 'alignments[0]', 'invalid-request'],
      [{ name: 'x', alignments: [{ targetName: 'a', targetUrl: 'javascript:alert(1)' }] }, 'alignments[0].targetUrl', 'invalid-request'],
      [{ name: 'x', alignments: [{ targetName: 'a', targetCode: 'a', level: 2 }] }, 'alignments[0].level', 'unknown-field'],
      [{ name: 'x', alignments: [{ targetName: 'a', targetCode: 'a' }], area: 'Brightwater' }, 'area', 'invalid-request'],
      [{ name: 'x', alignments: [{ targetName: 'a', targetCode: 'a' }], target: 500 }, 'target', 'invalid-request'],
      [{ name: 'x', alignments: [{ targetName: 'a', targetCode: 'a' }], target: { value: 0, measure: 'credentials', by: '2027-07-31' } }, 'target.value', 'invalid-request'],
      [{ name: 'x', alignments: [{ targetName: 'a', targetCode: 'a' }], target: { value: 5, measure: 'learners', by: '2027-07-31' } }, 'target.measure', 'invalid-request'],
      [{ name: 'x', alignments: [{ targetName: 'a', targetCode: 'a' }], target: { value: 5, measure: 'credentials', by: '2027-02-30' } }, 'target.by', 'invalid-request'],
      [{ name: 'x', alignments: [{ targetName: 'a', targetCode: 'a' }], colour: 'red' }, 'colour', 'unknown-field'],
      [{ key: 'no spaces', name: 'x', alignments: [{ targetName: 'a', targetCode: 'a' }] }, '', 'invalid-request'],
    ];
    const before = (await s.call('GET', '/api/v1/priorities')).json.priorities.length;
    for (const [body, field, code] of cases) {
      const res = await s.call('POST', '/api/v1/priorities', { body });
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).to.equal(400);
      expect(res.json.code, JSON.stringify(body)).to.equal(code);
      if (field) expect(res.json.field, JSON.stringify(body)).to.equal(field);
    }
    const notJson = await s.call('POST', '/api/v1/priorities', { body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect([notJson.status, notJson.json.code]).to.deep.equal([400, 'invalid-json']);
    expect((await s.call('GET', '/api/v1/priorities')).json.priorities.length).to.equal(before);
  });

  it('a provider key, a wrong key or no key cannot create, edit or delete', async () => {
    for (const token of [providerKey, 'not-a-key-at-all', null]) {
      const expected = token === providerKey ? 403 : 401;
      expect((await s.call('POST', '/api/v1/priorities', { token, body: { name: 'Hijack', alignments: [{ targetName: 'a', targetCode: 'a' }] } })).status).to.equal(expected);
      expect((await s.call('PATCH', '/api/v1/priorities/digital-foundations', { token, body: { name: 'Hijacked' } })).status).to.equal(expected);
      expect((await s.call('DELETE', '/api/v1/priorities/digital-foundations', { token })).status).to.equal(expected);
    }
    expect((await s.call('GET', '/api/v1/priorities/digital-foundations')).json.name).to.equal('Digital Foundations');
    // Browsers get no CORS permission to write.
    const preflight = await fetch(`${s.url}/api/v1/priorities`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('DELETE removes it (204), then it is a 404', async () => {
    expect((await s.call('DELETE', '/api/v1/priorities/young-people-volunteering')).status).to.equal(204);
    expect((await s.call('GET', '/api/v1/priorities/young-people-volunteering')).status).to.equal(404);
    expect((await s.call('DELETE', '/api/v1/priorities/young-people-volunteering')).status).to.equal(404);
  });
});
