import { describe, it, expect, readRepoFile, readFixture, readFixtureJson, readFixtureText, listFixtures } from '@col/harness';
import fc from 'fast-check';
import { normalize, detect, matchRecipient, isColError, bake, type Badge } from '@citiesoflearning/core';
import { base64urlEncode } from '../src/internal/base64url.js';
import { utf8Encode } from '../src/internal/utf8.js';

async function data(name: string): Promise<Record<string, any>> {
  return JSON.parse(new TextDecoder().decode(await readRepoFile(`packages/core/test/data/normalize/${name}`)));
}

function jwsOf(payload: unknown, header: unknown = { alg: 'EdDSA', typ: 'JWT' }): string {
  const part = (value: unknown) => base64urlEncode(utf8Encode(JSON.stringify(value)));
  return `${part(header)}.${part(payload)}.${base64urlEncode(new Uint8Array(64).fill(9))}`;
}

function errorOf(fn: () => unknown): { code?: string; message: string; details?: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    if (!isColError(error)) throw error;
    return error as { code: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a ColError');
}

describe('normalize: Open Badges 2.0', () => {
  it('maps a hosted assertion with embedded badge class and issuer', async () => {
    const assertion = await data('ob2-hosted-embedded.json');
    const badge = normalize(assertion);
    const expected: Badge = {
      version: 2,
      format: 'ob2-hosted',
      id: 'https://badges.example.org/assertions/1001',
      name: 'Bike Repair Basics',
      description: 'Can fix a puncture, adjust brakes and index gears.',
      image: { url: 'https://badges.example.org/images/bike-repair.png', alt: 'A spanner crossed with a bicycle wheel' },
      criteria: {
        url: 'https://badges.example.org/badges/bike-repair/criteria',
        narrative: 'Repair three bikes under supervision at the Cardiff Bike Hub.',
      },
      issuer: {
        id: 'https://badges.example.org/issuer',
        name: 'Cardiff Bike Hub',
        url: 'https://bikehub.example.org',
        email: 'badges@bikehub.example.org',
        image: 'https://badges.example.org/images/bike-hub-logo.png',
      },
      recipients: [
        { type: 'email', hashed: true, salt: 'deadsea', identity: 'sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942' },
      ],
      issuedOn: '2024-03-01T10:00:00Z',
      validFrom: '2024-03-01T10:00:00Z',
      validUntil: '2027-03-01T10:00:00Z',
      alignments: [
        {
          targetName: 'Vehicle maintenance',
          targetUrl: 'https://framework.example.org/skills/vehicle-maintenance',
          targetFramework: 'Example Skills Framework',
          targetCode: 'VM-1',
          targetDescription: 'Looks after vehicles',
        },
      ],
      evidence: [
        { id: 'https://bikehub.example.org/work/55', name: 'Photo log', narrative: 'Fixed three punctures.', genre: 'Photograph' },
        { id: 'https://bikehub.example.org/work/56' },
      ],
      tags: ['cycling', 'repair'],
      achievement: {
        id: 'https://badges.example.org/badges/bike-repair',
        name: 'Bike Repair Basics',
        description: 'Can fix a puncture, adjust brakes and index gears.',
      },
      source: { format: 'ob2-hosted', raw: assertion },
    };
    expect(badge).to.deep.equal(expected);
    expect(await matchRecipient(badge.recipients, 'nobody@example.org')).to.equal(true);
    // The same from JSON text and from a Detection.
    expect(normalize(JSON.stringify(assertion))).to.deep.equal(expected);
    expect(normalize(detect(assertion))).to.deep.equal(expected);
  });

  it('refuses a linked badge class it was not given, naming the field, and uses documents when given', async () => {
    const assertion = await data('ob2-hosted-iri.json');
    const error = errorOf(() => normalize(assertion));
    expect(error.code).to.equal('badge-invalid');
    expect(error.details).to.deep.equal({ field: 'badge.name' });
    expect(error.message).to.match(/must be fetched first/);

    const embedded = await data('ob2-hosted-embedded.json');
    const { issuer, ...badgeClass } = embedded.badge;
    const documents = { 'https://badges.example.org/badges/bike-repair': { ...badgeClass, issuer: issuer.id } };
    const badge = normalize(assertion, { documents });
    expect(badge.name).to.equal('Bike Repair Basics');
    expect(badge.format).to.equal('ob2-hosted');
    // The issuer stays an id: it was linked and not supplied.
    expect(badge.issuer).to.deep.equal({ id: 'https://badges.example.org/issuer' });
    // OB 1.x style Unix timestamp becomes ISO; the badge class image wins over the assertion image.
    expect(badge.issuedOn).to.equal('2024-03-01T10:00:00.000Z');
    expect(badge.image).to.deep.equal({ url: 'https://badges.example.org/images/bike-repair.png', alt: 'A spanner crossed with a bicycle wheel' });
    expect(badge.recipients).to.deep.equal([{ type: 'email', hashed: false, identity: 'learner@example.org' }]);
    // A function works as documents too.
    expect(normalize(assertion, { documents: (iri) => documents[iri as keyof typeof documents] }).name).to.equal('Bike Repair Basics');
  });

  it('maps a signed assertion given as a compact JWS', async () => {
    const assertion = await data('ob2-signed-assertion.json');
    const jws = jwsOf(assertion, { alg: 'RS256' });
    const badge = normalize(jws);
    expect(badge).to.deep.include({
      version: 2,
      format: 'ob2-signed',
      name: 'Emergency First Aid',
      criteria: { url: 'https://badges.example.org/badges/first-aid/criteria' },
      issuer: { id: 'https://badges.example.org/issuer' },
      image: { url: 'https://badges.example.org/images/first-aid.png', alt: 'Emergency First Aid' },
      source: { format: 'ob2-signed', raw: jws },
      alignments: [],
      evidence: [],
      tags: [],
    });
    expect(await matchRecipient(badge.recipients, 'a@example.com', { type: 'email' })).to.equal(true);
  });
});

describe('normalize: Open Badges 3.0', () => {
  it('picks multi-language text by options.lang and falls back to English', async () => {
    const credential = await data('ob3-vc2-multilingual.json');
    const en = normalize(credential);
    expect(en.name).to.equal('Teamwork');
    expect(en.description).to.equal('Works well with others on a shared task.');
    expect(en.issuer.name).to.equal('Cardiff City of Learning');
    expect(en.image).to.deep.equal({ url: 'https://learning.example.cymru/achievements/teamwork.png', alt: 'Three hands joined' });

    const cy = normalize(credential, { lang: 'cy' });
    expect(cy.name).to.equal('Gwaith Tîm');
    expect(cy.description).to.equal("Yn gweithio'n dda gydag eraill ar dasg a rennir.");
    expect(cy.criteria).to.deep.equal({
      url: 'https://learning.example.cymru/achievements/teamwork/criteria',
      narrative: 'Arwain tîm o dri drwy brosiect.', // cy-GB matched by primary language
    });
    expect(cy.image?.alt).to.equal('Tair llaw ynghyd');
    expect(cy.issuer.name).to.equal('Dinas Dysgu Caerdydd');
    // A language that is not there falls back to English.
    expect(normalize(credential, { lang: ['fr', 'de'] }).name).to.equal('Teamwork');
  });

  it('maps the rest of an unsecured VC 2.0 credential', async () => {
    const credential = await data('ob3-vc2-multilingual.json');
    const badge = normalize(credential);
    expect(badge).to.deep.include({
      version: 3,
      format: 'unknown',
      id: 'urn:uuid:a63a60be-f4af-491e-87fc-2c8fd3ee9d55',
      issuedOn: '2024-05-31T15:00:00Z',
      validFrom: '2024-06-01T00:00:00Z',
      validUntil: '2029-06-01T00:00:00Z',
      achievementType: 'Competency',
      tags: ['teamwork', 'leadership'],
      alignments: [
        { targetName: 'Working with others', targetUrl: 'https://framework.example.org/skills/with-others', targetType: 'CFItem', targetCode: 'WWO' },
      ],
      evidence: [
        {
          id: 'https://learning.example.cymru/evidence/77',
          name: 'Project report',
          description: "The team's final report.",
          narrative: 'Led the design of the community garden.',
        },
      ],
      issuer: {
        id: 'did:web:learning.example.cymru',
        name: 'Cardiff City of Learning',
        url: 'https://learning.example.cymru',
        email: 'bathodynnau@learning.example.cymru',
        image: 'https://learning.example.cymru/logo.png',
      },
    });
    expect(badge.achievement).to.deep.equal({
      id: 'https://learning.example.cymru/achievements/teamwork',
      name: 'Teamwork',
      description: 'Works well with others on a shared task.',
      achievementType: 'Competency',
      humanCode: 'TW-101',
      creditsAvailable: 5,
      inLanguage: 'cy',
    });
    expect(badge.recipients).to.deep.equal([
      { type: 'emailAddress', hashed: true, identity: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399', salt: 'Kosher' },
    ]);
    expect(await matchRecipient(badge.recipients, 'a@example.com', { type: 'emailAddress' })).to.equal(true);
  });

  it('maps a VC-JWT whose payload is the credential', async () => {
    const payload = await data('ob3-jwt-payload.json');
    const jws = jwsOf(payload);
    const badge = normalize(jws);
    expect(badge).to.deep.include({
      version: 3,
      format: 'ob3-jwt',
      id: 'urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002',
      name: 'Forklift Safety', // the credential's display name
      validFrom: '2024-01-15T00:00:00Z',
      validUntil: '2026-01-15T00:00:00Z',
      issuer: { id: 'https://issuer.example.org', name: 'Example Training Ltd' },
      recipients: [{ type: 'id', hashed: false, identity: 'did:example:learner-42' }],
      criteria: { narrative: 'Pass the written test.' },
      source: { format: 'ob3-jwt', raw: jws },
    });
    expect(badge.achievement.name).to.equal('Forklift Safety Awareness');
    expect(badge.image).to.equal(undefined);
  });

  it('maps a VC 2.0 EnvelopedVerifiableCredential through the VC-JWT inside it', async () => {
    const jws = jwsOf(await data('ob3-jwt-payload.json'));
    const badge = normalize({ '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jws}` });
    expect(badge).to.deep.include({ version: 3, format: 'ob3-jwt', name: 'Forklift Safety', source: { format: 'ob3-jwt', raw: jws } });
  });

  it('maps a VC 1.1 JWT (vc claim), filling id, issuer, dates and subject from the JWT claims', async () => {
    const payload = await data('ob3-jwt-vc11.json');
    const badge = normalize(jwsOf(payload));
    expect(badge).to.deep.include({
      version: 3,
      format: 'ob3-jwt',
      id: 'urn:uuid:0f3fae1c-6c5c-4a8c-8e56-0b1c7d4e2a10',
      name: 'Welding Level 1',
      issuer: { id: 'did:web:old.example.org' },
      validFrom: '2023-01-01T00:00:00.000Z',
      issuedOn: '2023-01-01T00:00:00.000Z',
      validUntil: '2026-01-01T00:00:00.000Z',
      recipients: [{ type: 'id', hashed: false, identity: 'did:example:learner-7' }],
      image: { url: 'https://old.example.org/images/welding.png', alt: 'Welding Level 1' },
      criteria: { url: 'https://old.example.org/achievements/welding/criteria' },
    });
  });

  it('maps the DCC VC 1.1 credential (issuanceDate, two proofs, string issuer image)', async () => {
    const credential = await readFixtureJson('dcc/verifiableCredentials/v1/bothSignatureTypes/didKey/legacy-noStatus-noExpiry.json');
    const badge = normalize(credential);
    expect(badge).to.deep.include({
      version: 3,
      format: 'ob3-data-integrity',
      name: 'DCC Test Credential',
      validFrom: '2025-01-09T15:06:31Z',
      issuedOn: '2025-01-09T15:06:31Z',
      achievementType: 'Diploma',
      recipientName: 'Jane Doe',
      recipients: [],
      issuer: {
        id: 'did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q',
        name: 'Digital Credentials Consortium Test Issuer',
        url: 'https://dcconsortium.org',
        image: 'https://user-images.githubusercontent.com/752326/230469660-8f80d264-eccf-4edd-8e50-ea634d407778.png',
      },
      image: { url: 'https://user-images.githubusercontent.com/752326/214947713-15826a3a-b5ac-4fba-8d4a-884b60cb7157.png', alt: 'Badge' },
    });
    expect(badge.achievement.name).to.equal('Badge');
    expect(badge.validUntil).to.equal(undefined);
  });

  it('maps DCC credentials: expiry in both VC forms, unhashed identifier, alignments, complex issuer', async () => {
    const base = 'dcc/verifiableCredentials/';
    expect(normalize(await readFixtureJson(`${base}v1/ed25519/didKey/legacy-noStatus-expired.json`)).validUntil).to.equal('2025-01-09T16:23:24Z');
    expect(normalize(await readFixtureJson(`${base}v2/ed25519/didKey/legacy-noStatus-expired.json`)).validUntil).to.equal('2011-01-01T00:00:00Z');

    const identity = normalize(await readFixtureJson(`${base}v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-identityHash.json`));
    expect(identity.recipients).to.deep.equal([{ type: 'name', hashed: false, identity: 'Parker Pearl', salt: 'not-used' }]);
    expect(identity.name).to.equal('Truth, veracity, candor, and verisimilitude.');
    expect(identity.image).to.deep.equal({ url: 'https://digitalcredentials.github.io/badge-assets/brain.png', alt: 'Certificate logo' });
    expect(await matchRecipient(identity.recipients, 'Parker Pearl', { type: 'name' })).to.equal(true);

    const aligned = normalize(await readFixtureJson(`${base}v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json`));
    expect(aligned.alignments).to.have.length(2);
    expect(aligned.alignments[0]).to.deep.equal({
      targetName: 'Requirements Analysis',
      targetUrl: 'https://credentialfinder.org/credential/20229/Requirements_Analysis',
      targetFramework: 'Edmonds College Course Catalog',
      targetCode: 'ce-cf4dee18-7cea-443a-b920-158a0762c6bf',
    });
    expect(aligned.recipients).to.deep.equal([{ type: 'id', hashed: false, identity: 'did:example:ebfeb1f712ebc6f1c276e12ec21' }]);

    const complex = normalize(await readFixtureJson(`${base}v2/dataIntegrityProof/didKey/oidf-noStatus-notExpired-complexIssuer.json`));
    expect(complex.issuer).to.deep.equal({
      id: 'did:key:z6MkjoriXdbyWD25YXTed114F8hdJrLXQ567xxPHAUKxpKkS',
      name: 'Bestest Ever University',
      url: 'https://bestest.edu',
      email: 'horse@better.edu',
      image: 'https://github.com/digitalcredentials/test-files/assets/206059/01eca9f5-a508-40ac-9dd5-c12d11308894',
    });
    expect(complex.name).to.equal('A marvel');
    expect(complex.recipientName).to.equal('Sam Salmon');
  });

  it('normalizes every DCC credential fixture, or says plainly why not', async () => {
    const files = (await listFixtures('dcc/verifiableCredentials')).filter((f) => f.endsWith('.json'));
    expect(files.length).to.be.greaterThan(50);
    let badges = 0;
    for (const file of files) {
      const text = await readFixtureText(file);
      if (text.trim() === '') {
        // One fixture file is empty.
        expect(errorOf(() => normalize(text)).code, file).to.equal('input-unrecognized');
        continue;
      }
      const credential = JSON.parse(text);
      const isBadge = ['OpenBadgeCredential', 'AchievementCredential'].some((t) => credential.type.includes(t));
      if (!isBadge && !credential.name) {
        // Plain W3C credentials (status-list tests) have nothing to call the badge.
        expect(errorOf(() => normalize(credential)).code, file).to.equal('badge-invalid');
        continue;
      }
      const badge = normalize(credential);
      badges++;
      expect(badge.version, file).to.equal(3);
      expect(badge.format, file).to.equal('ob3-data-integrity');
      expect(badge.name, file).to.be.a('string').and.not.equal('');
      expect(badge.issuer.id, file).to.match(/^did:/);
      expect(badge.validFrom, file).to.be.a('string');
      expect(JSON.parse(JSON.stringify(badge)), file).to.deep.equal(badge); // plain JSON
    }
    expect(badges).to.be.greaterThan(50);
  });

  it('shows a non-badge credential that has a name (an endorsement)', async () => {
    const credential = await readFixtureJson('dcc/verifiableCredentials/v2/bothSignatureTypes/didkey/legacy-noStatus-noExpiry-nonOBWithOBContext.json');
    const badge = normalize(credential);
    expect(badge).to.deep.include({ version: 3, name: 'SDE endorsement', validUntil: '2030-01-01T00:00:00Z' });
    expect(badge.achievement).to.deep.equal({ name: 'SDE endorsement' });
  });

  it('normalizes a baked PNG', async () => {
    const credential = await readFixtureJson('dcc/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.json');
    const png = bake(await readFixture('dcc/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-OBSpecExample.png'), credential);
    const badge = normalize(png);
    expect(badge).to.deep.include({ version: 3, format: 'ob3-data-integrity', name: 'Teamwork Badge' });
    expect(badge.achievement.name).to.equal('Teamwork');
  });
});

describe('normalize: bad input', () => {
  it('says a URL must be fetched first', () => {
    const error = errorOf(() => normalize('https://badges.example.org/assertions/1'));
    expect(error.code).to.equal('badge-not-embedded');
    expect(error.details).to.deep.equal({ url: 'https://badges.example.org/assertions/1' });
  });

  it('drops fields of the wrong type instead of throwing (OB 3.0)', () => {
    const badge = normalize({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      id: 42,
      name: 7,
      description: ['a', 1],
      issuer: { id: ['x'], name: { nope: true }, url: 5, email: null, image: { id: 3 } },
      validFrom: 'yesterday',
      validUntil: { year: 2030 },
      evidence: [1, null, {}, { name: 5 }, 'https://e.example/1'],
      credentialSubject: [
        'junk',
        {
          id: 9,
          identifier: [null, { identityHash: 5 }, { identityType: 'emailAddress', hashed: 'no', identityHash: 'x@example.org' }],
          achievement: {
            name: 'Survivor',
            description: 12,
            image: [1, 2],
            criteria: 99,
            alignment: [null, 'x', { targetName: 3 }, { targetName: 'Ok', targetUrl: 4 }],
            tag: ['a', 1, null, 'b'],
            achievementType: 5,
            creditsAvailable: 'ten',
          },
        },
      ],
      proof: {},
    });
    expect(badge).to.deep.equal({
      version: 3,
      format: 'ob3-data-integrity',
      name: 'Survivor',
      description: 'a',
      issuer: {},
      recipients: [{ type: 'emailAddress', hashed: false, identity: 'x@example.org' }],
      alignments: [{ targetName: 'Ok' }],
      evidence: [{ id: 'https://e.example/1' }],
      tags: ['a', 'b'],
      achievement: { name: 'Survivor' },
      source: badge.source,
    });
  });

  it('drops fields of the wrong type instead of throwing (OB 2.0)', () => {
    const badge = normalize({
      type: 'Assertion',
      id: [],
      recipient: [5, { identity: 'sha256$abc', hashed: true }],
      verification: 'hosted',
      issuedOn: 'not a date',
      expires: Number.NaN,
      evidence: { narrative: 5 },
      badge: { name: 'Plain', description: 3, image: 9, criteria: [], issuer: 12, alignment: 'x', tags: 'solo' },
    });
    expect(badge).to.deep.equal({
      version: 2,
      format: 'unknown',
      name: 'Plain',
      issuer: {},
      recipients: [{ type: 'email', hashed: true, identity: 'sha256$abc' }],
      alignments: [],
      evidence: [],
      tags: ['solo'],
      achievement: { name: 'Plain' },
      source: badge.source,
    });
  });

  it('takes the first usable entry when a single node comes as an array', () => {
    const badge = normalize({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: [5, { id: 'did:web:a.example', name: 'A' }],
      credentialSubject: {
        achievement: [null, { id: 'urn:a', name: 'Listed', image: ['', 'https://a.example/i.png'], criteria: [{ narrative: 'Do it' }] }],
      },
    });
    expect(badge).to.deep.include({
      name: 'Listed',
      issuer: { id: 'did:web:a.example', name: 'A' },
      image: { url: 'https://a.example/i.png', alt: 'Listed' },
      criteria: { narrative: 'Do it' },
    });
    expect(normalize({ type: 'Assertion', badge: [{ name: 'First' }, { name: 'Second' }] }).name).to.equal('First');
  });

  it('drops script-capable URLs so UIs can put every URL in href/src', () => {
    const evil = ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd'];
    for (const url of evil) {
      const badge = normalize({
        type: 'Assertion',
        id: url,
        recipient: { type: 'email', hashed: false, identity: 'a@example.org' },
        verification: { type: 'hosted' },
        evidence: [url, { id: url, name: 'Work' }],
        badge: {
          id: url,
          name: 'Evil',
          image: { id: url, caption: 'x' },
          criteria: url,
          alignment: [{ targetName: 'T', targetUrl: url }],
          issuer: { id: url, name: 'I', url, image: url },
        },
      });
      const json = JSON.stringify({ ...badge, source: undefined });
      expect(json, url).not.to.contain(url.trim().slice(0, 10));
      expect(badge.issuer, url).to.deep.equal({ name: 'I' });
      expect(badge.evidence, url).to.deep.equal([{ name: 'Work' }]);
      expect(badge.alignments, url).to.deep.equal([{ targetName: 'T' }]);
    }
    // data:image/… is how OB 2.0 embeds images, and http(s), urn: and did: ids are kept.
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const ok = normalize({ type: 'Assertion', id: 'urn:uuid:1', badge: { name: 'Fine', image: png, issuer: 'did:web:example.org' } });
    expect(ok).to.deep.include({ id: 'urn:uuid:1', image: { url: png, alt: 'Fine' }, issuer: { id: 'did:web:example.org' } });
  });

  it('throws badge-invalid naming the field when there is no name', () => {
    const credential = { type: ['VerifiableCredential', 'OpenBadgeCredential'], credentialSubject: { achievement: { id: 'urn:x', name: 5 } } };
    expect(errorOf(() => normalize(credential)).details).to.deep.equal({ field: 'credentialSubject.achievement.name' });
    const linked = { type: ['VerifiableCredential', 'OpenBadgeCredential'], credentialSubject: { achievement: 'https://a.example/1' } };
    expect(errorOf(() => normalize(linked)).message).to.match(/must be fetched first/);
    const none = { type: ['VerifiableCredential', 'OpenBadgeCredential'], credentialSubject: {} };
    expect(errorOf(() => normalize(none)).details).to.deep.equal({ field: 'credentialSubject.achievement' });
    expect(errorOf(() => normalize({ type: 'Assertion', badge: { name: '' } })).details).to.deep.equal({ field: 'badge.name' });
    expect(errorOf(() => normalize({ type: 'Assertion' })).details).to.deep.equal({ field: 'badge' });
  });

  it('passes on detect errors: empty, garbage, too large, too deep, broken JWS', () => {
    expect(errorOf(() => normalize('')).code).to.equal('input-unrecognized');
    expect(errorOf(() => normalize('garbage!')).code).to.equal('input-unrecognized');
    expect(errorOf(() => normalize('x'.repeat(50 * 1024 * 1024))).code).to.equal('input-too-large');
    expect(errorOf(() => normalize(`{"a":${'['.repeat(10_000)}`)).code).to.equal('json-too-deep');
    expect(errorOf(() => normalize('eyJhbGciOiJFZERTQSJ9.eyJ@@@.x')).code).to.equal('jws-malformed');
  });

  it('is not affected by __proto__ keys', () => {
    const text = '{"__proto__": {"polluted": 1}, "type": ["VerifiableCredential", "OpenBadgeCredential"], "credentialSubject": {"achievement": {"__proto__": {"name": "Injected"}, "name": "Real"}}}';
    const badge = normalize(text);
    expect(badge.name).to.equal('Real');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    // An object built in code with a poisoned prototype: inherited values are not read.
    const credential = Object.create({ name: 'Inherited' });
    Object.assign(credential, { type: ['VerifiableCredential', 'OpenBadgeCredential'], credentialSubject: { achievement: { name: 'Own' } } });
    expect(normalize(credential).name).to.equal('Own');
  });

  it('never throws anything but ColError on arbitrary objects', () => {
    const anyValue = fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true });
    const shaped = fc.oneof(
      fc.record(
        {
          '@context': fc.oneof(fc.constant('https://w3id.org/openbadges/v2'), anyValue),
          type: fc.oneof(fc.constant('Assertion'), anyValue),
          id: anyValue,
          recipient: anyValue,
          badge: fc.oneof(fc.record({ name: anyValue, issuer: anyValue, image: anyValue, criteria: anyValue, alignment: anyValue, tags: anyValue }), anyValue),
          verification: anyValue,
          issuedOn: anyValue,
          expires: anyValue,
          evidence: anyValue,
        },
        { requiredKeys: [] },
      ),
      fc.record(
        {
          type: fc.oneof(fc.constant(['VerifiableCredential', 'OpenBadgeCredential']), anyValue),
          name: anyValue,
          issuer: anyValue,
          validFrom: anyValue,
          issuanceDate: anyValue,
          validUntil: anyValue,
          evidence: anyValue,
          proof: anyValue,
          credentialSubject: fc.oneof(
            fc.record({ id: anyValue, identifier: anyValue, name: anyValue, achievement: fc.oneof(fc.dictionary(fc.constantFrom('name', 'image', 'criteria', 'alignment', 'tag', 'achievementType', 'description'), anyValue), anyValue) }, { requiredKeys: [] }),
            anyValue,
          ),
        },
        { requiredKeys: [] },
      ),
      fc.object(),
      anyValue,
    );
    fc.assert(
      fc.property(shaped, fc.option(fc.oneof(fc.string(), fc.array(fc.string()))), (input, lang) => {
        try {
          const badge = normalize(input as object, lang === null ? {} : { lang });
          expect(badge.name).to.be.a('string');
          expect(badge.recipients).to.be.an('array');
        } catch (error) {
          if (!isColError(error)) throw error;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws anything but ColError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.webUrl()), (text) => {
        try {
          normalize(text);
        } catch (error) {
          if (!isColError(error)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});
