// The OB 3.0 routes answer errors in the Imsx_StatusInfo envelope the OB 3.0 API requires (a
// wallet or platform reading `imsx_codeMinor` must not meet the server's own `{code, message}`).
import { describe, it, before, after, expect } from '@col/harness';
import { startTestServer, type TestServer } from './support/test-server.js';

const minor = (json: any) => json?.imsx_codeMinor?.imsx_codeMinorField?.[0]?.imsx_codeMinorFieldValue;

describe('OB 3.0 error shape', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(async () => s?.stop());

  it('answers a missing or wrong key with 401 unauthorisedrequest and a WWW-Authenticate header', async () => {
    for (const token of [null, 'not-a-key']) {
      for (const path of ['/ims/ob/v3p0/credentials', '/ims/ob/v3p0/profile']) {
        const res = await s.call('GET', path, { token });
        expect(res.status, `${path} with ${token}`).to.equal(401);
        expect(res.json.imsx_codeMajor).to.equal('failure');
        expect(minor(res.json)).to.equal('unauthorisedrequest');
        expect(res.headers.get('www-authenticate')).to.match(/^Bearer/);
      }
    }
  });

  it('answers bad paging with 400 invalid_data, and the admin asking for its profile with 404 unknownobject', async () => {
    const paging = await s.call('GET', '/ims/ob/v3p0/credentials?limit=0');
    expect(paging.status).to.equal(400);
    expect(minor(paging.json)).to.equal('invalid_data');
    const profile = await s.call('GET', '/ims/ob/v3p0/profile');
    expect(profile.status).to.equal(404);
    expect(minor(profile.json)).to.equal('unknownobject');
  });
});
