import { describe, it, expect } from '@col/harness';
import { hashIdentity, matchRecipient, isColError } from '@citiesoflearning/core';
import { md5 } from '../src/internal/md5.js';
import { utf8Encode } from '../src/internal/utf8.js';
import { toHex } from '../src/internal/hex.js';

// The three vectors from the Open Badges 2.0 specification (see reference/openbadges.md).
const VECTORS = [
  { identity: 'nobody@example.org', salt: 'deadsea', hash: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942' },
  { identity: 'a@example.com', salt: 'Kosher', hash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399' },
  { identity: 'mayze', salt: undefined, hash: 'sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6' },
];

describe('hashIdentity', () => {
  for (const v of VECTORS) {
    it(`hashes ${v.identity} ${v.salt ? `with salt ${v.salt}` : 'unsalted'} to the spec vector`, async () => {
      expect(await hashIdentity(v.identity, v.salt === undefined ? {} : { salt: v.salt })).to.equal(v.hash);
    });
  }

  it('hashes UTF-8 and does not change case', async () => {
    expect(await hashIdentity('Siân@enghraifft.cymru', { salt: 'pupur' })).to.equal(
      'sha256$4337e4497cde78f735dee532cc981c745c96ad888b8af921750e01d1c026a00a',
    );
    expect(await hashIdentity('Ann@Example.org')).to.equal('sha256$d9c6f474079670b0394d332456bf0d4698f64f6d983109f343eece55b5d594c1');
  });

  it('refuses an algorithm it cannot write', async () => {
    try {
      await hashIdentity('x', { algorithm: 'md5' as 'sha256' });
      expect.fail('should throw');
    } catch (error) {
      expect(isColError(error, 'hash-algorithm-unsupported')).to.equal(true);
    }
  });
});

describe('md5 (RFC 1321 test suite)', () => {
  const suite: Array<[string, string]> = [
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
    ['x'.repeat(1000), '398533d48111e9f664b1f64cb10c4b63'],
  ];
  for (const [input, digest] of suite) {
    it(`md5(${JSON.stringify(input.length > 20 ? `${input.slice(0, 20)}…` : input)})`, () => {
      expect(toHex(md5(utf8Encode(input)))).to.equal(digest);
    });
  }
});

describe('matchRecipient', () => {
  it('matches the spec vectors as OB 2.0 recipients, hashes compared case-insensitively', async () => {
    for (const v of VECTORS) {
      const recipient = { type: 'email', hashed: true, identity: v.hash, ...(v.salt === undefined ? {} : { salt: v.salt }) };
      expect(await matchRecipient(recipient, v.identity)).to.equal(true);
      expect(await matchRecipient({ ...recipient, identity: v.hash.toUpperCase() }, v.identity)).to.equal(true);
      expect(await matchRecipient(recipient, `${v.identity}x`)).to.equal(false);
    }
  });

  it('matches OB 3.0 identifiers and skips identifiers of another type', async () => {
    const identifiers = [
      { type: 'IdentityObject', identityType: 'studentId', hashed: false, identityHash: 'a@example.com' },
      { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: 'Kosher', identityHash: VECTORS[1]!.hash },
    ];
    expect(await matchRecipient(identifiers, 'a@example.com')).to.equal(true);
    expect(await matchRecipient(identifiers, 'a@example.com', { type: 'emailAddress' })).to.equal(true);
    // 'email' (OB 2.0 name) means the same as 'emailAddress' (OB 3.0 name).
    expect(await matchRecipient(identifiers, 'a@example.com', { type: 'email' })).to.equal(true);
    // The studentId entry would match in plain text, but it is skipped for type 'name'; the email is skipped too.
    expect(await matchRecipient(identifiers, 'a@example.com', { type: 'name' })).to.equal(false);
    expect(await matchRecipient([identifiers[0]!], 'a@example.com', { type: 'emailAddress' })).to.equal(false);
  });

  it('reads legacy md5$ hashes', async () => {
    const recipient = { type: 'email', hashed: true, salt: 'deadsea', identity: 'md5$df7f6ab472edfcaf9040a8bbdee36400' };
    expect(await matchRecipient(recipient, 'nobody@example.org')).to.equal(true);
    expect(await matchRecipient(recipient, 'somebody@example.org')).to.equal(false);
  });

  it('matches an email as typed or lower-cased (issuers that fold case), other types exactly', async () => {
    // Issued as written ("Ann@Example.org"): the typed form matches; a lower-cased one cannot.
    const keptCase = { type: 'email', hashed: true, identity: 'sha256$d9c6f474079670b0394d332456bf0d4698f64f6d983109f343eece55b5d594c1' };
    expect(await matchRecipient(keptCase, 'Ann@Example.org')).to.equal(true);
    expect(await matchRecipient(keptCase, 'ann@example.org')).to.equal(false);
    // Issued lower-cased (as this SDK's server and Badgr do): what a learner types still matches.
    const folded = { type: 'email', hashed: true, salt: 's', identity: await hashIdentity('ann@example.org', { salt: 's' }) };
    expect(await matchRecipient(folded, ' Ann@Example.org ')).to.equal(true);
    expect(await matchRecipient([{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: 's', identityHash: folded.identity }], 'ANN@example.org')).to.equal(true);
    const plain = { type: 'email', hashed: false, identity: 'Ann@Example.org' };
    expect(await matchRecipient(plain, 'Ann@Example.org')).to.equal(true);
    // URLs and ids are case-sensitive: never folded.
    const url = { type: 'url', hashed: true, identity: await hashIdentity('https://example.org/ann') };
    expect(await matchRecipient(url, 'https://example.org/ann')).to.equal(true);
    expect(await matchRecipient(url, 'HTTPS://EXAMPLE.ORG/ANN')).to.equal(false);
  });

  it('treats an unknown algorithm, junk and wrong types as no match, without crashing', async () => {
    const junk: unknown[] = [
      { type: 'email', hashed: true, identity: 'sha512$abcdef' },
      { type: 'email', hashed: true, identity: 'no-dollar-sign' },
      { type: 'email', hashed: true, identity: 42 },
      { type: 42, hashed: 'yes', identityHash: null },
      null,
      'sha256$ecf5409f',
      [],
      { __proto__: { identity: 'nobody@example.org' } },
    ];
    for (const item of junk) {
      expect(await matchRecipient(item as never, 'nobody@example.org'), JSON.stringify(item)).to.equal(false);
    }
    expect(await matchRecipient(junk as never, 'nobody@example.org')).to.equal(false);
    expect(await matchRecipient(null as never, 'x')).to.equal(false);
    expect(await matchRecipient({ type: 'email', hashed: false, identity: '' }, '')).to.equal(false);
  });

  it('accepts hashed: "true" written as a string by some OB 2.0 issuers', async () => {
    expect(await matchRecipient({ type: 'email', hashed: 'true' as unknown as boolean, identity: VECTORS[2]!.hash }, 'mayze')).to.equal(true);
  });
});
