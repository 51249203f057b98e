// The status check's edge cases with freshly signed credentials and lists. Node and Chromium.
import { describe, it, before, expect } from '@col/harness';
import { verify, signDataIntegrity, type VerifyOptions } from '@citiesoflearning/verify';
import { buildWorld, routesFetch, DID_WEB, NOW, type World } from './data/flow/world.js';

const BASE = 'https://issuer.example';

describe('status check', () => {
  let world: World;
  let options: VerifyOptions;
  const withStatus = async (credentialStatus: unknown) => {
    const { proof: _p, ...rest } = world.ob3.diGood;
    return signDataIntegrity({ ...rest, credentialStatus }, { privateJwk: world.keys.ed.privateJwk, verificationMethod: `${DID_WEB}#key-1`, cryptosuite: 'eddsa-jcs-2022' });
  };
  const status = async (credentialStatus: unknown, opts: VerifyOptions = options) =>
    (await verify(await withStatus(credentialStatus), opts)).checks.find((c) => c.id === 'status');
  const entry = (extra: Record<string, unknown>) => ({
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '7',
    statusListCredential: `${BASE}/status/revocation`,
    ...extra,
  });

  before(async () => {
    world = await buildWorld(BASE);
    options = { fetch: routesFetch(world), documents: world.documents, now: NOW };
  });

  it('bit 7 set → revoked; bit 6 clear → not revoked (bit 0 is the top bit of byte 0)', async () => {
    expect(await status(entry({}))).to.include({ outcome: 'failed', code: 'revoked' });
    expect(await status(entry({ statusListIndex: '6' }))).to.include({ outcome: 'passed', code: 'not-revoked' });
    expect(await status(entry({ statusListIndex: 8 }))).to.include({ outcome: 'passed' });
  });

  it('an index past the end of the list, or not a number, is inconclusive', async () => {
    expect(await status(entry({ statusListIndex: String(200_000) }))).to.include({ outcome: 'inconclusive', code: 'status-list-invalid' });
    expect(await status(entry({ statusListIndex: '-1' }))).to.include({ outcome: 'inconclusive', code: 'status-list-invalid' });
    expect(await status(entry({ statusListIndex: '7abc' }))).to.include({ outcome: 'inconclusive', code: 'status-list-invalid' });
  });

  it('a list published for another purpose is not used', async () => {
    const check = await status(entry({ statusPurpose: 'suspension' }));
    expect(check).to.include({ outcome: 'inconclusive', code: 'status-list-invalid' });
  });

  it('any one revoked entry among several fails the check', async () => {
    const check = await status([entry({ statusListIndex: '6' }), entry({ statusPurpose: 'suspension', statusListIndex: '3', statusListCredential: `${BASE}/status/suspension` })]);
    expect(check).to.include({ outcome: 'failed', code: 'suspended' });
  });

  it('an unknown status type is inconclusive, an unknown purpose is skipped', async () => {
    expect(await status({ type: 'SomeFutureStatus', id: `${BASE}/x` })).to.include({ outcome: 'inconclusive', code: 'status-unsupported' });
    expect(await status(entry({ statusPurpose: 'message' }))).to.include({ outcome: 'skipped' });
  });

  it('a list that is unreachable, or answers 404, is inconclusive', async () => {
    expect(await status(entry({ statusListCredential: `${BASE}/status/missing` }))).to.include({ outcome: 'inconclusive', code: 'status-unreachable' });
    expect(await status(entry({}), { ...options, fetch: routesFetch({ base: 'https://elsewhere.example', routes: new Map() }) })).to.include({
      outcome: 'inconclusive',
      code: 'status-unreachable',
    });
  });
});
