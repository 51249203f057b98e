// A learner shares their skills with an employer, end to end against the reference server: the
// demo learner's twelve real badges (one revoked by its issuer) in <col-skills>, a share link
// created on the server, the employer's <col-badge-verify src=…> verifying every badge again and
// showing the same summary with the revoked one set apart — then the learner deletes the link.
import { describe, it, expect, afterEach } from '@col/harness';
import { fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '@citiesoflearning/components/define.js';
import type { ColBadgeVerify, ColSkills, SkillsSharedDetail, SkillsSummary, SkillsVerifiedDetail } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { part, shadowText, until } from './support/page.js';
import { referenceServer } from './support/server.js';

afterEach(() => fixtureCleanup());

async function demoLearnerCredentials(): Promise<Array<Record<string, unknown>>> {
  const response = await fetch(new URL('/api/v1/demo/learner', referenceServer().url));
  expect(response.status).to.equal(200);
  const { credentials } = (await response.json()) as { credentials: Array<{ credential: Record<string, unknown> }> };
  return credentials.map((held) => held.credential);
}

/** What a person reads in a summary: each framework's skills and the badges that show them, and what was set apart and why. */
const readable = (summary: SkillsSummary) => ({
  frameworks: summary.frameworks.map((f) => [f.name, f.skills.map((s) => [s.name, s.badges.map((b) => b.name)])]),
  setApart: summary.setApart.map((b) => [b.name, b.reason]),
});

describe('a skills share link, from the learner to the employer', () => {
  it("the employer's verifier shows the learner's summary from the link, the revoked badge set apart; deleting the link ends it", async () => {
    const credentials = await demoLearnerCredentials();
    expect(credentials).to.have.length(12);
    const skills = await fixture<ColSkills>(html`<col-skills allow-private-network api=${referenceServer().url}></col-skills>`);
    const loaded = oneEvent(skills, 'col-loaded') as Promise<CustomEvent<{ summary: SkillsSummary }>>;
    skills.credentials = credentials;
    const learnerSees = (await loaded).detail.summary;
    await skills.updateComplete;
    expect(learnerSees.verified).to.have.length(11);
    expect(readable(learnerSees).setApart).to.deep.equal([['Youth Volunteer', 'revoked']]);
    expect(shadowText(skills)).to.contain('11 verified badges show');

    // The learner chooses to include the badge that did not verify, so the employer sees it too.
    skills.shadowRoot!.querySelector<HTMLInputElement>('#include-unverified')!.click();
    const shared = oneEvent(skills, 'col-shared') as Promise<CustomEvent<SkillsSharedDetail>>;
    part(skills, 'create-link')!.click();
    const { url } = (await shared).detail;
    expect(url).to.match(new RegExp(`^${referenceServer().url.replace(/\/$/, '')}/api/v1/shares/[A-Za-z0-9_-]{22}$`));
    await skills.updateComplete;
    expect(await axeViolations(skills)).to.deep.equal([]);

    const employer = await fixture<ColBadgeVerify>(html`<col-badge-verify allow-private-network></col-badge-verify>`);
    const verified = oneEvent(employer, 'col-skills-verified') as Promise<CustomEvent<SkillsVerifiedDetail>>;
    employer.src = url!;
    const employerSees = (await verified).detail.summary;
    expect(readable(employerSees), 'the employer sees what the learner saw').to.deep.equal(readable(learnerSees));
    await employer.updateComplete;
    expect(part(employer, 'verdict')!.textContent).to.contain('Skills file: 11 of 12 badges verified.');
    const setApart = part(employer, 'set-apart')!.textContent!.replace(/\s+/g, ' ');
    expect(setApart).to.contain('Youth Volunteer');
    expect(setApart).to.contain('withdrawn by the issuer');
    expect(part(employer, 'summary')!.textContent).to.contain('Foundation skills');
    expect(await axeViolations(employer)).to.deep.equal([]);

    // The learner deletes the link: the server no longer serves it, and an employer opening it now sees no summary.
    const remove = [...skills.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="link"] button')].find((b) => b.textContent === 'Delete link')!;
    remove.click();
    await until(() => shadowText(skills).includes('The link is deleted: it no longer works.'), 'the link deleted');
    expect((await fetch(url!)).status).to.equal(404);
    const late = await fixture<ColBadgeVerify>(html`<col-badge-verify allow-private-network></col-badge-verify>`);
    const answered = Promise.race([oneEvent(late, 'col-error'), oneEvent(late, 'col-verified'), oneEvent(late, 'col-skills-verified')]);
    late.src = url!;
    expect((await answered).type).to.not.equal('col-skills-verified');
    await late.updateComplete;
    expect(part(late, 'summary'), 'no summary from a deleted link').to.equal(null);
    expect(part(late, 'verdict')!.textContent).to.contain('Could not fully verify');
    // The employer is told the link is the problem, not sent to blame the issuer's website.
    expect(shadowText(late)).to.contain('The link does not work: it may have been deleted');
    expect(shadowText(late)).to.not.contain('the issuer must fix their website');
    expect(shadowText(late), 'nothing of the deleted share is shown').to.not.contain('Foundation skills');
    expect(await axeViolations(late)).to.deep.equal([]);
  });
});
