// <col-skills> — a learner's verified skills — in Chromium: real awards from the reference
// server (one revoked by the admin, one tampered with), real verification, real keyboard, and
// sharing through the reference server's share routes (through the test runner's logging proxy,
// so a test sees what left the page and with which headers).
import { describe, it, expect, afterEach } from '@col/harness';
import { fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@citiesoflearning/components/col-skills/define.js';
import { readSkillsPresentation, type ColSkills } from '@citiesoflearning/components';

import { axeViolations } from './support/axe.js';
import { part, shadowText, until } from './support/page.js';
import { referenceServer } from './support/server.js';
import { credentialMix, type Mix } from './support/skills.js';

afterEach(() => fixtureCleanup());

// The reference server through the test runner's proxy (see claim-faults.mjs), which logs each
// request (whether a cookie or key came with it, never its value).
const CONTRACT = `${location.origin}/__col-faults/api/`;
const contractLog = async (): Promise<Array<{ method: string; path: string; cookie: boolean; authorization: boolean }>> =>
  ((await (await fetch('/__col-faults/log')).json()) as Array<{ method: string; path: string; cookie: boolean; authorization: boolean }>).filter((r) => r.path.startsWith('/api/v1/shares'));
const resetContract = () => fetch('/__col-faults/plan', { method: 'POST', body: '{"steps":[]}' });

async function skillsOf(m: Mix, template = html`<col-skills allow-private-network api=${CONTRACT}></col-skills>`): Promise<ColSkills> {
  const el = await fixture<ColSkills>(template);
  const loaded = oneEvent(el, 'col-loaded');
  el.credentials = [m.foundations.credential, m.safe.jwt, m.revoked.credential, m.tampered];
  await loaded;
  await el.updateComplete;
  return el;
}

/** The blob the next download writes (the real createObjectURL still runs). */
async function captureDownload(action: () => void): Promise<string> {
  const real = URL.createObjectURL;
  let blob: Blob | undefined;
  URL.createObjectURL = (b: Blob | MediaSource) => {
    blob = b as Blob;
    return real.call(URL, b);
  };
  try {
    action();
  } finally {
    URL.createObjectURL = real;
  }
  if (!blob) throw new Error('nothing was downloaded');
  return blob.text();
}

describe('<col-skills> builds a verified skills summary', () => {
  it('empty, then a mix of valid, revoked and tampered badges: skills by framework, the bad ones set apart with the reason; axe passes in each state', async () => {
    const m = await credentialMix();
    const el = await fixture<ColSkills>(html`<col-skills allow-private-network></col-skills>`);
    expect(shadowText(el)).to.contain('No badges to summarise yet.');
    expect(await axeViolations(el)).to.deep.equal([]);
    const loaded = oneEvent(el, 'col-loaded');
    el.credentials = [m.foundations.credential, m.safe.jwt, m.revoked.credential, m.tampered];
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Checking your badges…');
    expect(await axeViolations(el)).to.deep.equal([]);
    const { detail } = await loaded;
    await el.updateComplete;
    const frameworks = detail.summary.frameworks.map((f: { name: string; skills: Array<{ name: string }> }) => [f.name, f.skills.map((s) => s.name)]);
    expect(frameworks).to.deep.equal([
      ['RSA Badge Standard (Cities of Learning)', ['RSA Badge Standard: Engage']],
      ['UK Essential Digital Skills framework (DfE, 2019)', ['Being safe and legal online', 'Foundation skills']],
    ]);
    const text = shadowText(el);
    expect(text).to.contain('2 verified badges show 3 skills.');
    expect(text).to.contain('Shown by: Digital Foundations, Safe and Legal Online');
    expect(text, 'each skill at the level of its badges').to.contain('Being safe and legal online (EDS-SAFE) Level: RSA Badge Standard: Engage');
    const setApart = part(el, 'set-apart')!.textContent!.replace(/\s+/g, ' ');
    expect(setApart).to.contain('Online Communicator — Brightwater Libraries: withdrawn by the issuer');
    expect(setApart).to.contain('Digital Problem Solver — Eastgate Makerspace: changed since it was issued');
    // Neither bad badge's skills count.
    expect(text).to.not.contain('Communicating');
    expect(text).to.not.contain('Problem solving');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('in Welsh', async () => {
    const m = await credentialMix();
    const el = await skillsOf(m, html`<col-skills allow-private-network locale="cy" api=${CONTRACT}></col-skills>`);
    const text = shadowText(el);
    expect(text).to.contain("Mae 2 bathodyn wedi'u gwirio yn dangos 3 sgil.");
    expect(text).to.contain('Heb eu cyfrif');
    expect(text).to.contain("wedi'i dynnu'n ôl gan y cyhoeddwr");
    expect(part(el, 'download')!.textContent).to.equal('Lawrlwytho ffeil sgiliau');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

describe('<col-skills> sharing', () => {
  it('nothing leaves the page until a share button is pressed; the file holds only the verified badges unless the learner includes the others', async () => {
    await resetContract();
    const m = await credentialMix();
    const el = await skillsOf(m);
    expect(await contractLog(), 'no request to the share API before a button is pressed').to.deep.equal([]);
    const saved = await captureDownload(() => part(el, 'download')!.click());
    const vp = JSON.parse(saved);
    expect(vp.type).to.deep.equal(['VerifiablePresentation', 'ColSkillsSummary']);
    const inside = readSkillsPresentation(saved);
    expect(inside).to.deep.equal([m.foundations.credential, m.safe.jwt]);
    el.shadowRoot!.querySelector<HTMLInputElement>('#include-unverified')!.click();
    expect(readSkillsPresentation(await captureDownload(() => part(el, 'download')!.click()))).to.have.length(4);
    expect(await contractLog(), 'a download sends nothing').to.deep.equal([]);
  });

  it('Create link by keyboard: the link opens the same file, copy and delete work, the delete token goes only with DELETE', async () => {
    await resetContract();
    const m = await credentialMix();
    const el = await skillsOf(m);
    part(el, 'create-link')!.focus();
    const shared = oneEvent(el, 'col-shared');
    await sendKeys({ press: 'Enter' });
    const { detail } = await shared;
    expect(detail.kind).to.equal('link');
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#share-link')!;
    expect(el.shadowRoot!.activeElement, 'focus moves to the new link').to.equal(input);
    expect(input.value).to.equal(detail.url);
    // The server's own address for the share: an id of 128 random bits, nothing about the learner.
    expect(detail.url).to.match(new RegExp(`^${referenceServer().url.replace(/\/$/, '')}/api/v1/shares/[A-Za-z0-9_-]{22}$`));
    expect(readSkillsPresentation(await (await fetch(detail.url)).text())).to.deep.equal([m.foundations.credential, m.safe.jwt]);
    expect(shadowText(el)).to.contain('Anyone with this link can see these badges until');
    expect(await axeViolations(el)).to.deep.equal([]);

    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="link"] button')];
    expect(buttons.map((b) => b.textContent)).to.deep.equal(['Copy link', 'Delete link']);
    buttons[1]!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => shadowText(el).includes('The link is deleted: it no longer works.'), 'the link deleted');
    // Asked as the employer's browser would, with no special cache mode: the server marks shares
    // no-store, so a deleted one cannot linger in a cache that opened it earlier.
    expect((await fetch(detail.url)).status, 'the server no longer serves it').to.equal(404);
    // What the element sent (the test's own GETs went straight to the server's link).
    const log = await contractLog();
    expect(log.map((r) => r.method)).to.deep.equal(['POST', 'DELETE']);
    expect(log.every((r) => !r.cookie), 'no cookies sent').to.equal(true);
    expect(log.filter((r) => r.authorization).map((r) => r.method)).to.deep.equal(['DELETE']);
  });

  it('an API with no share route: a plain message, nothing lost, the file still on offer', async () => {
    const m = await credentialMix();
    const el = await skillsOf(m, html`<col-skills allow-private-network api="${location.origin}/nowhere/"></col-skills>`);
    const failed = oneEvent(el, 'col-error');
    part(el, 'create-link')!.click();
    expect((await failed).detail.code).to.equal('http-error');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain("We couldn't create a link.");
    expect(part(el, 'download')).to.not.equal(null);
    expect(el.summary!.verified).to.have.length(2);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('under 18: no name or dates, no link unless allow-link', async () => {
    const m = await credentialMix();
    const young = await skillsOf(m, html`<col-skills allow-private-network under-18 api=${CONTRACT}></col-skills>`);
    expect(part(young, 'create-link'), 'no link for under-18s').to.equal(null);
    expect(part(young, 'download')).to.not.equal(null);
    expect(part(young, 'badges')!.textContent, 'no dates').to.not.match(/\d{4}/);
    const allowed = await skillsOf(m, html`<col-skills allow-private-network under-18 allow-link api=${CONTRACT}></col-skills>`);
    expect(part(allowed, 'create-link')).to.not.equal(null);
    const adult = await skillsOf(m);
    expect(part(adult, 'badges')!.textContent, 'dates for adults').to.match(/\d{4}/);
  });
});
