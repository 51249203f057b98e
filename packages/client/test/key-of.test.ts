// keyOf turns whatever id a user holds (key, id URL, did:web) into a path segment. What cannot be
// one gets the package's own error, so a catch block switching on codes handles it.
import { describe, it, expect, errorCode } from '@col/harness';
import { keyOf } from '@citiesoflearning/client';

describe('keyOf', () => {
  it('takes a key, an id URL or an issuer DID', () => {
    expect(keyOf('digital-1')).to.equal('digital-1');
    expect(keyOf('https://badges.example.org/api/v1/achievements/digital-1')).to.equal('digital-1');
    expect(keyOf('did:web:badges.example.org:api:v1:issuers:museum#key-1')).to.equal('museum');
  });

  it('refuses what cannot name a resource with key-invalid, never a TypeError or URIError', () => {
    for (const bad of ['', '.', '..', 'https://', 'https://badges.example.org/', 'https://badges.example.org/api/%E0%A4%A', 'did:web:badges.example.org:%ZZ']) {
      expect(errorCode(() => keyOf(bad)), bad).to.equal('key-invalid');
    }
  });
});
