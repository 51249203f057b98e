// recordsFromVerified: verified credentials (with their verify() reports) become pathway records
// that evaluatePathway counts — revoked ones as revoked, expired ones with their expiry, and
// everything that did not verify, or is not this learner's, skipped with the reason.
import { describe, it, expect, readRepoFile } from '@col/harness';
import { evaluatePathway, recordsFromVerified, type Pathway, type VerificationLike } from '@citiesoflearning/core';

const load = async (name: string) => JSON.parse(new TextDecoder().decode(await readRepoFile(`packages/core/test/data/normalize/${name}`))) as Record<string, unknown>;
const ACHIEVEMENT = 'https://learning.example.cymru/achievements/teamwork';

function report(outcome: VerificationLike['outcome'], ...checks: Array<[string, string, string]>): VerificationLike {
  return { outcome, checks: [['proof', 'passed', 'signature-valid'] as [string, string, string], ...checks].map(([id, o, code]) => ({ id, outcome: o, code, message: `${id}: ${code}` })) };
}
const mine: [string, string, string] = ['recipient', 'passed', 'recipient-match'];

describe('recordsFromVerified', () => {
  it('turns a verified credential into a claimed record that completes its pathway node', async () => {
    const credential = await load('ob3-vc2-multilingual.json');
    const { records, skipped } = recordsFromVerified([{ credential, report: report('verified', mine) }]);
    expect(skipped).to.deep.equal([]);
    expect(records).to.deep.equal([{ achievement: ACHIEVEMENT, issuedOn: '2024-05-31T15:00:00Z', validUntil: '2029-06-01T00:00:00Z', status: 'claimed' }]);
    const pathway: Pathway = { id: 'urn:p', version: '1', name: 'Teamwork', root: { type: 'group', id: 'root', children: [{ type: 'badge', id: 'team', badge: { id: ACHIEVEMENT } }] } };
    const progress = evaluatePathway(pathway, records, { asOf: '2025-01-01T00:00:00Z' });
    expect([progress.satisfied, progress.nodes['team']?.state]).to.deep.equal([true, 'complete']);
  });

  it('revoked counts as revoked, expired keeps its expiry, the rest is skipped with the check that failed', async () => {
    const credential = await load('ob3-vc2-multilingual.json');
    const jws = 'not.a.jws';
    const { records, skipped } = recordsFromVerified([
      { credential, report: report('failed', mine, ['status', 'failed', 'revoked']) },
      { credential, report: report('failed', mine, ['validity', 'failed', 'expired']) },
      { credential, report: report('failed', mine, ['status', 'failed', 'suspended']) },
      { credential, report: report('failed', mine, ['proof', 'failed', 'signature-invalid'], ['status', 'failed', 'revoked']) },
      { credential, report: report('inconclusive', mine, ['key', 'inconclusive', 'key-unresolvable']) },
      { credential, report: report('verified', ['recipient', 'failed', 'recipient-mismatch']) },
      { credential, report: report('verified') },
      { credential: jws, report: report('verified', mine) },
    ]);
    expect(records.map((r) => r.status)).to.deep.equal(['revoked', 'claimed']);
    expect(records[1]!.validUntil).to.equal('2029-06-01T00:00:00Z');
    expect(skipped.map((s) => [s.index, s.code])).to.deep.equal([
      [2, 'suspended'], [3, 'signature-invalid'], [4, 'key-unresolvable'], [5, 'recipient-mismatch'], [6, 'recipient-not-checked'], [7, 'credential-unreadable'],
    ]);
    expect(skipped[0]!.message).to.equal('status: suspended');
  });

  it('without requireRecipient, a credential checked against nobody still counts (a failed match never does)', async () => {
    const credential = await load('ob3-vc2-multilingual.json');
    const { records, skipped } = recordsFromVerified([
      { credential, report: report('verified') },
      { credential, report: report('verified', ['recipient', 'failed', 'recipient-mismatch']) },
    ], { requireRecipient: false });
    expect(records).to.have.length(1);
    expect(skipped.map((s) => s.code)).to.deep.equal(['recipient-mismatch']);
  });
});
