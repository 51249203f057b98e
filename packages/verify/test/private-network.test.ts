// A server verifying badges that strangers hand it must not be steered into its own network
// (SSRF): by default (allowPrivateNetwork: false) nothing private is ever requested, and a refused
// address gets the same answer as an unreachable one. Node's connect-time guard on resolved
// addresses is tested in network-guard.node.test.ts; this file holds the spelling check every
// environment has.
import { describe, it, expect } from '@col/harness';
import { generateKeyPair, isPrivateHost, signCredentialJwt, verify } from '@citiesoflearning/verify';

/** A fetch that records every request and answers 404: the tests prove it is never reached. */
function recordingFetch() {
  const calls: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    calls.push(String(input instanceof Request ? input.url : input));
    return new Response('not found', { status: 404 });
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('allowPrivateNetwork: false (the default)', () => {
  it('refuses a badge URL on a cloud metadata, private or loopback address without requesting it, and says only that it could not reach it', async () => {
    const urls = [
      'https://169.254.169.254/latest/meta-data/', 'https://10.0.0.5/badge.json', 'http://127.0.0.1:6379/', 'https://[fd00::1]/a',
      'https://intranet.internal/b', 'https://[::ffff:127.0.0.1]:8443/a', 'https://[::ffff:7f00:1]:8443/a', 'https://[::ffff:a9fe:a9fe]/latest',
      'https://[fd00:ec2::254]/latest', 'https://100.64.1.1/a', 'http://localhost:8080/a', 'https://[::7f00:1]/a',
    ];
    for (const url of urls) {
      const { calls, fetch } = recordingFetch();
      const report = await verify(url, { fetch });
      expect(report.outcome, url).to.equal('inconclusive');
      expect(report.checks[0], url).to.include({ id: 'parse', code: 'fetch-failed' });
      expect(report.checks[0]!.message, url).to.match(/^We couldn't fetch the badge at .*: We couldn't reach /);
      expect(calls, url).to.deep.equal([]);
    }
  });

  it('refuses key lookups into a private network named by a signed credential, and says it could not check', async () => {
    const keys = await generateKeyPair();
    const issuer = 'https://192.168.1.20/issuer';
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuer, type: ['Profile'], name: 'Somewhere inside' },
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { type: ['AchievementSubject'], id: 'did:example:l', achievement: { id: 'https://x.example/a', type: ['Achievement'], name: 'A', description: 'd', criteria: { narrative: 'n' } } },
    };
    const jwt = await signCredentialJwt(credential, { privateJwk: keys.privateJwk, kid: `${issuer}#key-1` });
    const { calls, fetch } = recordingFetch();
    const report = await verify(jwt, { fetch });
    expect(report.outcome).to.equal('inconclusive');
    expect(report.verified).to.equal(false);
    expect(calls).to.deep.equal([]);
  });

  it('still allows public https lookups; loopback only when allowPrivateNetwork is true (local development)', async () => {
    const { calls, fetch } = recordingFetch();
    await verify('https://badges.example.org/a/1', { fetch });
    expect(calls).to.deep.equal(['https://badges.example.org/a/1']);
    const refused = recordingFetch();
    await verify('http://127.0.0.1:8080/api/v1/credentials/x', { fetch: refused.fetch });
    expect(refused.calls).to.deep.equal([]);
    const local = recordingFetch();
    await verify('http://127.0.0.1:8080/api/v1/credentials/x', { fetch: local.fetch, allowPrivateNetwork: true });
    expect(local.calls).to.deep.equal(['http://127.0.0.1:8080/api/v1/credentials/x']);
  });
});

describe('isPrivateHost', () => {
  it('knows private, loopback, link-local and reserved names and addresses, and no public ones', () => {
    for (const host of ['localhost', 'api.localhost', '127.0.0.1', '127.9.9.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[::1]', '::', 'fd12:3456::1', 'fe80::1', '::ffff:10.0.0.1', 'printer.local', 'db.internal', 'LOCALHOST.', '[::ffff:7f00:1]', '[::ffff:a9fe:a9fe]', '[fd00:ec2::254]', '[::127.0.0.1]', '[ff02::1]', '224.0.0.1']) {
      expect(isPrivateHost(host), host).to.equal(true);
    }
    for (const host of ['example.org', '8.8.8.8', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2001:db8::1', '[2606:4700::1111]', 'local.example.org']) {
      expect(isPrivateHost(host), host).to.equal(false);
    }
  });
});
