// The skills summary and the skills file, as pure modules: real Ed25519-signed credentials from a
// did:key issuer, verified offline, read by core's normalize(), then summarised; and every kind of
// bad skills file refused with its own code.
import { describe, it, before, expect, errorCode } from '@col/harness';
import { normalize } from '@citiesoflearning/core';
import { generateKeyPair, signCredentialJwt, verify, type KeyPair } from '@citiesoflearning/verify';
import { buildSkillsSummary, MAX_SKILLS_CREDENTIALS, readSkillsPresentation, toSkillsPresentation, type CheckedSkillCredential } from '@citiesoflearning/components';

const EDS = { targetFramework: 'UK Essential Digital Skills framework (DfE, 2019)', targetUrl: 'https://www.gov.uk/government/publications/essential-digital-skills-framework' };
const RSA = { targetFramework: 'RSA Badge Standard (Cities of Learning)', targetUrl: 'https://www.thersa.org/cities-of-learning' };

function credential(keys: KeyPair, name: string, alignment: object[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: keys.did, type: ['Profile'], name: 'Brightwater Libraries' },
    validFrom: '2026-03-01T09:00:00Z',
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      name: 'Ada Learner',
      achievement: { id: `https://badges.example/achievements/${name}`, type: ['Achievement'], name, description: name, criteria: { narrative: 'Did it.' }, alignment },
    },
    ...extra,
  };
}

async function check(input: string): Promise<CheckedSkillCredential> {
  const report = await verify(input, { offline: true, now: '2026-06-01T00:00:00Z' });
  let badge;
  try {
    badge = normalize(input);
  } catch {
    badge = undefined;
  }
  return { credential: input, badge, report };
}

let keys: KeyPair;
let valid: string[];
let expired: string;
let tampered: string;

describe('skills summary from verified credentials', () => {
  before(async () => {
    keys = await generateKeyPair();
    const sign = (c: Record<string, unknown>) => signCredentialJwt(c, { privateJwk: keys.privateJwk, kid: keys.verificationMethod! });
    valid = await Promise.all([
      sign(credential(keys, 'Digital Foundations', [{ ...EDS, targetName: 'Foundation skills', targetCode: 'EDS-FOUNDATION' }, { ...RSA, targetName: 'RSA Badge Standard: Engage', targetCode: 'engage' }])),
      sign(credential(keys, 'Safe and Legal Online', [{ ...EDS, targetName: 'Being safe and legal online', targetCode: 'EDS-SAFE' }, { ...RSA, targetName: 'RSA Badge Standard: Engage', targetCode: 'engage' }])),
      sign(credential(keys, 'Youth Volunteer', [{ targetName: 'Volunteering' }])),
    ]);
    expired = await sign(credential(keys, 'Old Badge', [{ ...EDS, targetName: 'Transacting', targetCode: 'EDS-TRANSACTING' }], { validUntil: '2026-04-01T00:00:00Z' }));
    // A real signature over other claims: a genuine badge's payload edited, its signature kept.
    const [header, body, signature] = valid[0]!.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    payload.credentialSubject.achievement.name = 'Forged Badge';
    payload.credentialSubject.achievement.alignment = [{ ...EDS, targetName: 'Problem solving', targetCode: 'EDS-PROBLEM-SOLVING' }];
    tampered = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
  });

  it('groups verified skills by framework, each linked to the badges that prove it', async () => {
    const summary = buildSkillsSummary(await Promise.all(valid.map(check)));
    expect(summary.frameworks.map((f) => f.name)).to.deep.equal([RSA.targetFramework, EDS.targetFramework, '']);
    const rsa = summary.frameworks[0]!;
    expect(rsa.skills).to.have.length(1);
    expect(rsa.skills[0]!.name).to.equal('RSA Badge Standard: Engage');
    expect(rsa.skills[0]!.badges.map((b) => b.name)).to.deep.equal(['Digital Foundations', 'Safe and Legal Online']);
    const eds = summary.frameworks[1]!;
    expect(eds.skills.map((s) => [s.name, s.code, s.badges.map((b) => b.index)])).to.deep.equal([
      ['Being safe and legal online', 'EDS-SAFE', [1]],
      ['Foundation skills', 'EDS-FOUNDATION', [0]],
    ]);
    expect(eds.skills.map((s) => s.level), 'each skill at the level of the badges that prove it').to.deep.equal(['RSA Badge Standard: Engage', 'RSA Badge Standard: Engage']);
    expect(rsa.skills[0]!.level, 'a level is not at a level').to.equal(undefined);
    expect(summary.frameworks[2]!.skills[0]!.name).to.equal('Volunteering');
    expect(summary.frameworks[2]!.skills[0]!.level).to.equal(undefined);
    expect(summary.verified.map((b) => b.issuer)).to.deep.equal(['Brightwater Libraries', 'Brightwater Libraries', 'Brightwater Libraries']);
    expect(summary.setApart).to.deep.equal([]);
    expect(summary.recipientName).to.equal('Ada Learner');
  });

  it('a skill proved at two levels is shown at the higher', async () => {
    const sign = (c: Record<string, unknown>) => signCredentialJwt(c, { privateJwk: keys.privateJwk, kid: keys.verificationMethod! });
    const skill = { ...EDS, targetName: 'Communicating', targetCode: 'EDS-COMMUNICATING' };
    const pair = await Promise.all([
      sign(credential(keys, 'Online Communicator', [skill, { ...RSA, targetName: 'RSA Badge Standard: Participate', targetCode: 'participate' }])),
      sign(credential(keys, 'Community Reporter', [{ ...RSA, targetName: 'RSA Badge Standard: Demonstrate', targetCode: 'demonstrate' }, skill])),
    ]);
    const summary = buildSkillsSummary(await Promise.all(pair.map(check)));
    const communicating = summary.frameworks.find((f) => f.name === EDS.targetFramework)!.skills[0]!;
    expect(communicating.badges.map((b) => b.name)).to.deep.equal(['Online Communicator', 'Community Reporter']);
    expect(communicating.level).to.equal('RSA Badge Standard: Demonstrate');
  });

  it('sets expired, tampered and unreadable credentials apart with the reason, and counts none of their skills', async () => {
    const checked = await Promise.all([check(valid[0]!), check(expired), check(tampered)]);
    checked.push({ credential: 'not a badge', badge: undefined, report: await verify('not a badge', { offline: true }) });
    const summary = buildSkillsSummary(checked);
    expect(summary.setApart.map((b) => [b.index, b.reason])).to.deep.equal([
      [1, 'expired'],
      [2, 'tampered'],
      [3, 'unreadable'],
    ]);
    const skills = summary.frameworks.flatMap((f) => f.skills.map((s) => s.name));
    expect(skills).to.not.include('Transacting');
    expect(skills).to.not.include('Problem solving');
    expect(summary.verified).to.have.length(1);
  });

  it('a revoked badge (status check failed "revoked") and one never checked are set apart', async () => {
    const good = await check(valid[1]!);
    const revoked: CheckedSkillCredential = {
      ...good,
      report: { outcome: 'failed', checks: [...good.report!.checks.filter((c) => c.id !== 'status'), { id: 'status', outcome: 'failed', code: 'revoked' }] },
    };
    const summary = buildSkillsSummary([revoked, { ...good, report: undefined }]);
    expect(summary.setApart.map((b) => b.reason)).to.deep.equal(['revoked', 'not-checked']);
    expect(summary.frameworks).to.deep.equal([]);
  });
});

describe('skills file (a Verifiable Presentation)', () => {
  it('round-trips credential objects and compact JWS (as enveloped credentials)', () => {
    const object = { type: ['VerifiableCredential', 'OpenBadgeCredential'], id: 'urn:x' };
    const vp = toSkillsPresentation([object, valid[0]!]);
    expect(vp.type).to.deep.equal(['VerifiablePresentation', 'ColSkillsSummary']);
    expect(vp.verifiableCredential[1]).to.deep.equal({ '@context': 'https://www.w3.org/ns/credentials/v2', type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${valid[0]}` });
    expect(readSkillsPresentation(JSON.stringify(vp))).to.deep.equal([object, valid[0]]);
    expect(readSkillsPresentation(new TextEncoder().encode(JSON.stringify(vp)))).to.have.length(2);
  });

  it('refuses each kind of bad file with its own code', () => {
    expect(errorCode(() => readSkillsPresentation('{ not json'))).to.equal('skills-file-not-json');
    expect(errorCode(() => readSkillsPresentation('['.repeat(100_000)))).to.equal('skills-file-not-json');
    expect(errorCode(() => readSkillsPresentation('{"type":"VerifiableCredential"}'))).to.equal('skills-file-not-presentation');
    expect(errorCode(() => readSkillsPresentation('[1,2]'))).to.equal('skills-file-not-presentation');
    expect(errorCode(() => readSkillsPresentation({ type: 'VerifiablePresentation', verifiableCredential: [] }))).to.equal('skills-file-empty');
    const many = { type: 'VerifiablePresentation', verifiableCredential: Array.from({ length: MAX_SKILLS_CREDENTIALS + 1 }, () => ({})) };
    expect(errorCode(() => readSkillsPresentation(JSON.stringify(many)))).to.equal('skills-too-many');
    expect(errorCode(() => toSkillsPresentation(many.verifiableCredential))).to.equal('skills-too-many');
    const big = JSON.stringify({ type: 'VerifiablePresentation', verifiableCredential: [{ pad: 'x'.repeat(256 * 1024) }] });
    expect(errorCode(() => readSkillsPresentation(big))).to.equal('skills-file-too-large');
    const enveloped = (id: string) => ({ type: 'VerifiablePresentation', verifiableCredential: [{ type: 'EnvelopedVerifiableCredential', id }] });
    expect(errorCode(() => readSkillsPresentation(enveloped('javascript:alert(1)')))).to.equal('skills-file-entry-invalid');
    expect(errorCode(() => readSkillsPresentation(enveloped('data:application/vc+jwt,<script>')))).to.equal('skills-file-entry-invalid');
    expect(errorCode(() => readSkillsPresentation({ type: 'VerifiablePresentation', verifiableCredential: [42] }))).to.equal('skills-file-entry-invalid');
  });
});
