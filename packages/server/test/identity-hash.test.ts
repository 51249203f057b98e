// The server's synchronous recipient hash must be byte for byte core's hashIdentity: learners'
// badges are matched by verifiers (ours, the DCC's, Badgr's) that recompute core's form.
import { describe, it, expect } from '@col/harness';
import { hashIdentity, matchRecipient } from '@citiesoflearning/core';
import { hashRecipientIdentity } from '../src/identity-hash.js';

describe('hashRecipientIdentity', () => {
  it('makes the Open Badges test vector', () => {
    expect(hashRecipientIdentity('nobody@example.org', 'deadsea')).to.equal('sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942');
  });

  it('equals core hashIdentity for empty, Welsh, emoji, long and lone-surrogate identities and salts', async () => {
    const identities = ['', 'ann@example.org', 'llŷr@enghraifft.cymru', 'a😀b@example.org', 'x'.repeat(10_000), 'bad\ud800half@example.org'];
    const salts = ['', 'deadsea', 'ŵ', '\udc00'];
    for (const identity of identities) {
      for (const salt of salts) {
        expect(hashRecipientIdentity(identity, salt), JSON.stringify([identity.slice(0, 30), salt])).to.equal(await hashIdentity(identity, { salt }));
      }
    }
  });

  it('is matched by core matchRecipient as an OB 3.0 identifier', async () => {
    const salt = 'c0ffee';
    const identifier = { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt, identityHash: hashRecipientIdentity('ann@example.org', salt) };
    expect(await matchRecipient(identifier, 'Ann@Example.org ', { type: 'email' })).to.equal(true);
    expect(await matchRecipient(identifier, 'bob@example.org', { type: 'email' })).to.equal(false);
  });
});
