// <col-badge-verify> given a learner's skills file: pasted, chosen, dropped or as a share link
// (`src`); every badge in it verified for real (awards from the reference server, one revoked,
// one tampered), the same summary as <col-skills> shows; bad files get a plain message.
import { describe, it, expect, afterEach } from '@col/harness';
import { fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '@citiesoflearning/components/col-badge-verify/define.js';
import { toSkillsPresentation, type ColBadgeVerify, type SkillsSummary } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { part, shadowText } from './support/page.js';
import { referenceServer } from './support/server.js';
import { credentialMix, held } from './support/skills.js';

afterEach(() => fixtureCleanup());

const widget = (template = html`<col-badge-verify allow-private-network></col-badge-verify>`) => fixture<ColBadgeVerify>(template);

function paste(el: ColBadgeVerify, text: string): void {
  el.shadowRoot!.querySelector<HTMLTextAreaElement>('#input')!.value = text;
  part(el, 'button')!.click();
}

function choose(el: ColBadgeVerify, text: string, name = 'skills.json'): void {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#file')!;
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name, { type: 'application/json' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

function expectSameSummary(summary: SkillsSummary): void {
  expect(summary.frameworks.map((f) => [f.name, f.skills.map((s) => [s.name, s.badges.map((b) => b.name)])])).to.deep.equal([
    ['RSA Badge Standard (Cities of Learning)', [['RSA Badge Standard: Engage', ['Digital Foundations', 'Safe and Legal Online']]]],
    ['UK Essential Digital Skills framework (DfE, 2019)', [['Being safe and legal online', ['Safe and Legal Online']], ['Foundation skills', ['Digital Foundations']]]],
  ]);
  expect(summary.setApart.map((b) => [b.name, b.reason])).to.deep.equal([
    ['Online Communicator', 'revoked'],
    ['Digital Problem Solver', 'tampered'],
  ]);
}

describe('<col-badge-verify> verifies a skills file', () => {
  it('pasted: every badge verified, the skills summary shown with the bad ones set apart; axe passes', async () => {
    const m = await credentialMix();
    const el = await widget();
    const done = oneEvent(el, 'col-skills-verified');
    paste(el, JSON.stringify(toSkillsPresentation(held(m))));
    const { detail } = await done;
    expectSameSummary(detail.summary);
    await el.updateComplete;
    expect(part(el, 'verdict')!.textContent).to.contain('Skills file: 2 of 4 badges verified.');
    expect(part(el, 'summary')!.textContent).to.contain('Foundation skills');
    expect(part(el, 'set-apart')!.textContent).to.contain('withdrawn by the issuer');
    expect(el.shadowRoot!.querySelector('col-badge'), 'no single badge shown').to.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('chosen with the file picker, and dropped', async () => {
    const m = await credentialMix();
    const text = JSON.stringify(toSkillsPresentation(held(m)), null, 2);
    const el = await widget();
    let done = oneEvent(el, 'col-skills-verified');
    choose(el, text);
    expectSameSummary((await done).detail.summary);
    done = oneEvent(el, 'col-skills-verified');
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'skills.json', { type: 'application/json' }));
    part(el, 'dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    expectSameSummary((await done).detail.summary);
  });

  it('src: a share link opens as the same summary', async () => {
    const m = await credentialMix();
    const created = await fetch(new URL('/api/v1/shares', referenceServer().url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(toSkillsPresentation(held(m))) });
    const { url } = (await created.json()) as { url: string };
    const el = document.createElement('col-badge-verify');
    el.allowPrivateNetwork = true;
    el.src = url;
    const done = oneEvent(el, 'col-skills-verified');
    document.body.append(el);
    try {
      expectSameSummary((await done).detail.summary);
    } finally {
      el.remove();
    }
  });

  it('in Welsh', async () => {
    const m = await credentialMix();
    const el = await widget(html`<col-badge-verify allow-private-network locale="cy"></col-badge-verify>`);
    const done = oneEvent(el, 'col-skills-verified');
    paste(el, JSON.stringify(toSkillsPresentation(held(m))));
    await done;
    await el.updateComplete;
    expect(part(el, 'verdict')!.textContent).to.contain("Ffeil sgiliau: 2 o 4 bathodyn wedi'u gwirio.");
    expect(shadowText(el)).to.contain('Heb eu cyfrif');
  });
});

describe('<col-badge-verify> refuses bad skills files plainly', () => {
  const refused = async (text: string, how: 'paste' | 'choose' = 'paste'): Promise<{ el: ColBadgeVerify; code: string }> => {
    const el = await widget();
    const failed = oneEvent(el, 'col-error');
    if (how === 'paste') paste(el, text);
    else choose(el, text);
    const { detail } = await failed;
    await el.updateComplete;
    return { el, code: detail.code };
  };
  const vp = (list: unknown[]) => JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation', 'ColSkillsSummary'], verifiableCredential: list });

  it('more than 50 badges', async () => {
    const { el, code } = await refused(vp(Array.from({ length: 51 }, () => ({ type: ['VerifiableCredential'] }))), 'choose');
    expect(code).to.equal('skills-too-many');
    expect(part(el, 'error')!.textContent).to.equal('This skills file holds more than 50 badges. Ask the candidate for a smaller one.');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('over 256 KB', async () => {
    const { el, code } = await refused(vp([{ type: ['VerifiableCredential'], description: 'x'.repeat(300 * 1024) }]), 'choose');
    expect(code).to.equal('skills-file-too-large');
    expect(part(el, 'error')!.textContent).to.contain('This skills file is too large');
  });

  it('hostile entries (a script URL as an enveloped credential, no badges at all)', async () => {
    for (const list of [[{ type: 'EnvelopedVerifiableCredential', id: 'javascript:alert(1)' }], [], [42]]) {
      const { el, code } = await refused(vp(list));
      expect(code).to.match(/^skills-/);
      expect(part(el, 'error')!.textContent).to.equal("This skills file can't be read. Ask the candidate to download it again.");
    }
  });

  it('hostile names in a badge stay text and the badge counts for nothing', async () => {
    const m = await credentialMix();
    const forged = structuredClone(m.foundations.credential) as { name?: string; credentialSubject: { achievement: { name: string } } };
    forged.name = forged.credentialSubject.achievement.name = '<img src=x onerror="window.__pwned=1">';
    const el = await widget();
    const done = oneEvent(el, 'col-skills-verified');
    paste(el, vp([forged]));
    const { detail } = await done;
    expect(detail.summary.verified).to.deep.equal([]);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(el, 'set-apart')!.textContent).to.contain('<img src=x onerror="window.__pwned=1">');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('text that only looks like one (not JSON, or a single badge that mentions a presentation) is verified as a badge', async () => {
    const el = await widget();
    const done = oneEvent(el, 'col-verified');
    paste(el, '{ "type": "VerifiablePresentation", oops');
    expect((await done).detail.checks[0].code).to.equal('json-invalid');
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Check you pasted the whole badge');
  });
});
