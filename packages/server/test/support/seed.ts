// Data most suites start from, created through the API as a provider would.
import type { TestServer } from './test-server.js';

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
