// The verifier speaks the page's language (issue 11): every report sentence comes from a
// catalogue keyed by the stable codes, complete in en-GB and Welsh. Node and Chromium.
import { describe, it, before, expect } from '@col/harness';
import { messageFor, summarize, verify, type CheckCode, type VerificationReport } from '@citiesoflearning/verify';
import { enGB } from '../src/verify/messages/en-GB.js';
import { cy } from '../src/verify/messages/cy.js';
import { buildWorld, routesFetch, NOW, LEARNER_EMAIL, type World } from './data/flow/world.js';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// A code with a typo must not compile: CheckCode is derived from the catalogue.
// @ts-expect-error 'revokd' is not a code
const typo: CheckCode = 'revokd';
void typo;

describe('message catalogue', () => {
  it('has every key in both languages, Welsh different from English, with the same placeholders', () => {
    const keys = Object.keys(enGB) as Array<keyof typeof enGB>;
    expect(Object.keys(cy).sort()).to.deep.equal([...keys].sort());
    for (const key of keys) {
      expect(cy[key], key).to.be.a('string').and.not.equal('');
      expect(cy[key], key).to.not.equal(enGB[key]);
      expect(placeholders(cy[key]), key).to.deep.equal(placeholders(enGB[key]));
      // Optional parts are balanced, so no bracket ever reaches a reader.
      for (const t of [enGB[key], cy[key]]) expect(t.split('[').length, `${key}: ${t}`).to.equal(t.split(']').length);
    }
  });

  it('messageFor gives the sentence for a code in each language, en-GB for an unknown locale', async () => {
    expect(await messageFor('revoked')).to.equal('This badge has been revoked by its issuer.');
    expect(await messageFor('revoked', 'cy')).to.equal('Mae’r cyhoeddwr wedi dirymu’r bathodyn hwn.');
    expect(await messageFor('revoked', 'fr' as never)).to.equal('This badge has been revoked by its issuer.');
    expect(await messageFor('revoked', 'en-GB', { reason: 'Issued in error' })).to.equal('This badge has been revoked by its issuer. Reason given: Issued in error');
    expect(await messageFor('revoked', 'cy', { reason: 'Issued in error' })).to.equal('Mae’r cyhoeddwr wedi dirymu’r bathodyn hwn. Y rheswm a roddwyd: Issued in error');
  });
});

describe('verify(input, { locale })', () => {
  let world: World;
  const options = () => ({ fetch: routesFetch(world), documents: world.documents, now: NOW, recipient: LEARNER_EMAIL });
  before(async () => {
    world = await buildWorld('https://issuer.example');
  });

  const sameExceptMessages = (a: VerificationReport, b: VerificationReport) => {
    expect(a.outcome).to.equal(b.outcome);
    expect(a.format).to.equal(b.format);
    expect(a.badge).to.deep.equal(b.badge);
    expect(a.checks.map(({ id, outcome, code }) => ({ id, outcome, code }))).to.deep.equal(b.checks.map(({ id, outcome, code }) => ({ id, outcome, code })));
  };

  it('a Welsh report is Welsh: same verdict, codes and shape, every message in Welsh', async () => {
    for (const input of [world.ob3.diRevoked, world.ob3.diGood, world.ob3.jwtWithJwk, world.ob2.ob2Signed, { ...world.ob3.diGood, name: 'Tampered' }]) {
      const english = await verify(input, options());
      const welsh = await verify(input, { ...options(), locale: 'cy' });
      sameExceptMessages(welsh, english);
      expect(Object.keys(welsh)).to.deep.equal(Object.keys(english));
      const englishMessages = new Set(Object.values(enGB));
      for (const [i, check] of welsh.checks.entries()) {
        expect(check.message, check.code).to.not.equal(english.checks[i]!.message);
        expect(englishMessages.has(check.message as never), check.message).to.equal(false);
        // Welsh words a reader would see, not English ones.
        expect(check.message, check.code).to.match(/\b(bathodyn|bathodyn hwn|cyhoeddwr|llofnod|allwedd|gwirio|dyddiad|rhestr|derbynnydd|person|Heb ei wirio|wedi|dilys|Rydyn ni)/i);
        expect(check.message, check.code).to.not.match(/\b(the badge|this badge|issuer|signature|We couldn't)\b/i);
      }
    }
    const revoked = await verify(world.ob3.diRevoked, { ...options(), locale: 'cy' });
    expect(revoked.checks.find((c) => c.id === 'status')!.message).to.equal('Mae’r cyhoeddwr wedi dirymu’r bathodyn hwn.');
    expect(summarize(revoked, 'cy')).to.equal('Heb ei wirio: Mae’r cyhoeddwr wedi dirymu’r bathodyn hwn.');
  });

  it('a lookup failure says its cause in the same language', async () => {
    const offline = await verify(world.ob3.diGood, { documents: world.documents, now: NOW, offline: true, locale: 'cy' });
    const status = offline.checks.find((c) => c.id === 'status')!;
    expect(status.code).to.equal('status-unreachable');
    expect(status.message).to.match(/^Allen ni ddim cyrraedd rhestr ddirymu’r cyhoeddwr.*\(Rydyn ni all-lein/);
  });

  it('English by default, and for an unknown locale', async () => {
    const plain = await verify(world.ob3.diRevoked, options());
    const unknown = await verify(world.ob3.diRevoked, { ...options(), locale: 'de' as never });
    expect(unknown.checks.map((c) => c.message)).to.deep.equal(plain.checks.map((c) => c.message));
    expect(plain.checks.find((c) => c.id === 'status')!.message).to.equal('This badge has been revoked by its issuer.');
  });
});
