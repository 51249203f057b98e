// <col-badge-claim> in Chromium against the real reference server the test runner started on
// loopback (a different origin from this page, so every claim crosses CORS as on a provider's
// site). Faults that a real server cannot be asked to produce on cue — a lost response, a slow
// answer, a 5xx, a rate limit, a dead network — come from a proxy in front of that same server.
import { describe, it, afterEach, expect } from '@col/harness';
import { fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { verify } from '@citiesoflearning/verify';
import '@citiesoflearning/components/col-badge-claim/define.js';
import { resetConfiguration, type ColBadgeClaim } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { until } from './support/page.js';
import { referenceServer } from './support/server.js';
import {
  buttonNamed, dialogOf, dialogText, faultApi, faultLog, fill, input, newClaimCode, openClaim, outcome, planFaults, shadow, signTicket, submit,
} from './support/claim.js';

const demoCode = (achievement = 'digital-foundations') => referenceServer().claimCodes.find((c) => c.achievement === achievement)!.code;
const api = () => referenceServer().url;
const realOpen = window.open;

async function claimElement(attributes: { achievement?: string; api?: string; code?: string; ticket?: string; timeout?: number; locale?: string; under13?: boolean } = {}): Promise<ColBadgeClaim> {
  const el = await fixture<ColBadgeClaim>(html`<col-badge-claim
    achievement=${attributes.achievement ?? 'digital-foundations'}
    api=${attributes.api ?? api()}
    allow-private-network
  ></col-badge-claim>`);
  if (attributes.code !== undefined) el.code = attributes.code;
  if (attributes.ticket !== undefined) el.ticket = attributes.ticket;
  if (attributes.timeout !== undefined) el.timeout = attributes.timeout;
  if (attributes.locale !== undefined) el.locale = attributes.locale;
  if (attributes.under13) el.under13 = true;
  await el.updateComplete;
  return el;
}

/** Open, fill and submit; resolves with the element's outcome event. */
async function claimWith(el: ColBadgeClaim, fields: { code?: string; email?: string }) {
  if (!dialogOf(el).open) await openClaim(el);
  if (fields.code !== undefined) await fill(el, 'code', fields.code);
  if (fields.email !== undefined) await fill(el, 'email', fields.email);
  const result = outcome(el);
  submit(el);
  return result;
}

describe('<col-badge-claim>', () => {
  afterEach(async () => {
    window.open = realOpen;
    resetConfiguration();
    await planFaults([]);
  });

  it('opens a native modal dialog on the code field; Esc closes it and focus returns to the button', async () => {
    const el = await claimElement();
    const button = shadow(el).querySelector<HTMLButtonElement>('[part~="button"]')!;
    expect(button.textContent?.trim()).to.equal('Claim your badge');
    expect(await axeViolations(el), 'axe, closed').to.deep.equal([]);
    button.focus();
    await openClaim(el);
    const dialog = dialogOf(el);
    expect(dialog.matches(':modal'), 'a modal dialog: the page behind is inert').to.equal(true);
    await until(() => shadow(el).activeElement === input(el, 'code'), 'focus on the code field');
    expect(dialog.getAttribute('aria-labelledby')).to.equal('title');
    expect(await axeViolations(el), 'axe, open').to.deep.equal([]);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'Esc to close the dialog');
    expect(shadow(el).activeElement, 'focus back on the button').to.equal(button);
  });

  it('says which badge is being claimed', async () => {
    const el = await claimElement({ achievement: 'intro-to-coding' });
    await openClaim(el);
    await until(() => shadow(el).querySelector('#title')?.textContent === 'Claim your badge: Introduction to Coding', 'the badge name in the heading');
    expect(dialogOf(el).getAttribute('aria-labelledby')).to.equal('title');
  });

  it('keeps the badge when the dialog is closed while the claim is on its way', async () => {
    await planFaults(['delay-after:800']);
    const el = await claimElement({ api: faultApi() });
    await openClaim(el);
    await fill(el, 'code', demoCode());
    await fill(el, 'email', 'impatient@example.org');
    const result = outcome(el);
    submit(el);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialogOf(el).open, 'Esc to close while claiming');
    expect((await result).type).to.equal('col-claimed');
    await openClaim(el);
    await el.updateComplete;
    expect(dialogText(el), 'opening again shows the badge').to.contain('Your badge is ready');
    expect((await faultLog()).length).to.equal(1);
  });

  it('claims a badge with a code end to end, across origins, and what comes back verifies', async () => {
    // No pop-up, iframe or cookie anywhere along the way (a pop-up would be caught here).
    const opened: unknown[] = [];
    window.open = (...args: unknown[]) => (opened.push(args), null);
    const el = await claimElement();
    const email = 'ada.claims@example.org';
    const started = new Promise((resolve) => el.addEventListener('col-claim-start', resolve, { once: true }));
    const result = await claimWith(el, { code: demoCode(), email });
    await started;
    expect(result.type, JSON.stringify(result.detail)).to.equal('col-claimed');
    const { credential, jwt, links } = result.detail;
    expect(Object.keys(result.detail).sort()).to.deep.equal(['credential', 'jwt', 'links']);
    expect(links.png).to.match(/\/api\/v1\/credentials\/[^/]+\/png$/);
    // What came back is a real, signed OB 3.0 credential, issued to this learner — in both forms.
    for (const form of [credential, jwt]) {
      const report = await verify(form, { allowPrivateNetwork: true, recipient: email });
      expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
      expect(report.checks.find((c) => c.id === 'recipient')?.outcome).to.equal('passed');
    }
    // The success view: the badge as <col-badge>, downloads, LinkedIn, focus on the heading.
    await el.updateComplete;
    expect(dialogText(el)).to.contain('Your badge is ready');
    expect(shadow(el).activeElement?.id, 'focus moves to the success heading').to.equal('title');
    const badge = shadow(el).querySelector('col-badge')!;
    await until(() => (badge.shadowRoot?.textContent ?? '').includes('Digital Foundations'), 'the badge to show');
    const hrefs = [...shadow(el).querySelectorAll<HTMLAnchorElement>('[part~="actions"] a')].map((a) => [a.textContent!.replace(/\s+/g, ' ').trim(), a.href]);
    expect(hrefs.find(([name]) => name === 'Download badge image (PNG)')?.[1]).to.equal(links.png);
    // The JSON and JWT are saved from what the page holds, without leaving it.
    const saved: Array<{ file: string; text: string }> = [];
    const intercept = (event: Event) => {
      const anchor = event.target as HTMLAnchorElement;
      if (anchor.localName === 'a' && anchor.href.startsWith('blob:')) {
        event.preventDefault();
        saved.push({ file: anchor.download, text: anchor.href });
      }
    };
    shadow(el).addEventListener('click', intercept, true);
    buttonNamed(el, 'Download badge file (JSON)')!.click();
    buttonNamed(el, 'Download signed badge (JWT)')!.click();
    shadow(el).removeEventListener('click', intercept, true);
    expect(saved.map((s) => s.file)).to.deep.equal(['digital-foundations.json', 'digital-foundations.jwt']);
    expect(JSON.parse(await (await fetch(saved[0]!.text)).text())).to.deep.equal(credential);
    expect(await (await fetch(saved[1]!.text)).text()).to.equal(jwt);
    const linkedIn = new URL(hrefs.find(([name]) => name?.startsWith('Add to LinkedIn profile'))![1]!);
    expect(linkedIn.origin + linkedIn.pathname).to.equal('https://www.linkedin.com/profile/add');
    expect(linkedIn.searchParams.get('name')).to.equal('Digital Foundations');
    expect(linkedIn.searchParams.get('certUrl')).to.match(/\/api\/v1\/credentials\/[^/]+$/);
    // With a verify page, a link to check the badge there (its public URL, nothing personal);
    // a script URL is never a link.
    el.verifyPage = '/verify.html';
    await el.updateComplete;
    const check = [...shadow(el).querySelectorAll<HTMLAnchorElement>('[part~="actions"] a')].find((a) => a.textContent === 'Check that this badge is genuine')!;
    expect(new URL(check.href).searchParams.get('src')).to.equal(credential.id);
    expect(new URL(check.href).pathname).to.equal('/verify.html');
    el.verifyPage = 'javascript:alert(1)';
    await el.updateComplete;
    expect([...shadow(el).querySelectorAll('[part~="actions"] a')].some((a) => a.textContent === 'Check that this badge is genuine')).to.equal(false);
    // The PNG link really serves the baked badge.
    expect((await fetch(links.png)).headers.get('content-type')).to.contain('image/png');
    await until(() => (badge.shadowRoot?.textContent ?? '').includes('Verified'), 'the shown badge to verify');
    expect(await axeViolations(el), 'axe, success').to.deep.equal([]);
    // Nothing personal in any URL the page requested, nor in its storage.
    const urls = performance.getEntriesByType('resource').map((e) => e.name);
    expect(urls.filter((u) => u.includes('ada.claims') || u.includes(encodeURIComponent(email)))).to.deep.equal([]);
    expect(localStorage.length + sessionStorage.length).to.equal(0);
    expect(document.cookie, 'no cookie').to.equal('');
    expect(opened, 'no pop-up').to.deep.equal([]);
    const frames = [document, shadow(el), shadow(el).querySelector('col-badge')!.shadowRoot!].flatMap((root) => [...root.querySelectorAll('iframe')]);
    expect(frames, 'no iframe').to.deep.equal([]);
  });

  it('asks for a parent or guardian’s email for a learner under 13, and issues the badge to it', async () => {
    const el = await claimElement({ achievement: 'safe-online' });
    await openClaim(el);
    const box = shadow(el).querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(box.labels?.[0]?.textContent?.trim()).to.equal('I am under 13');
    box.click();
    await el.updateComplete;
    expect(input(el, 'email')!.labels![0]!.textContent).to.equal("Your parent's or guardian's email address");
    expect(await axeViolations(el), 'axe, guardian mode').to.deep.equal([]);
    const guardian = 'guardian.of.sam@example.org';
    const result = await claimWith(el, { code: demoCode('safe-online'), email: guardian });
    expect(result.type).to.equal('col-claimed');
    const report = await verify(result.detail.credential, { allowPrivateNetwork: true, recipient: guardian });
    expect(report.checks.find((c) => c.id === 'recipient')?.outcome).to.equal('passed');
    await el.updateComplete;
    const actions = [...shadow(el).querySelectorAll('[part~="actions"] li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(actions).to.include('Download badge image (PNG)');
    expect(actions.some((a) => a.includes('LinkedIn')), 'no LinkedIn for a child').to.equal(false);
    // A course for children only can say so once: no checkbox, always the guardian.
    const young = await claimElement({ under13: true });
    await openClaim(young);
    expect(shadow(young).querySelector('input[type="checkbox"]')).to.equal(null);
    expect(input(young, 'email')!.labels![0]!.textContent).to.equal("Your parent's or guardian's email address");
  });

  it('checks the form in the page first: a missing code or a malformed email is marked, nothing is sent', async () => {
    const el = await claimElement({ api: faultApi() });
    await openClaim(el);
    submit(el);
    await until(() => input(el, 'code')?.getAttribute('aria-invalid') === 'true', 'the first field marked first');
    expect(input(el, 'email')!.getAttribute('aria-invalid')).to.equal('false');
    await fill(el, 'email', 'ada@example.org');
    submit(el);
    await until(() => input(el, 'code')?.getAttribute('aria-invalid') === 'true', 'the code field marked');
    expect(dialogText(el)).to.contain('Enter your claim code.');
    expect(shadow(el).activeElement).to.equal(input(el, 'code'));
    await fill(el, 'code', demoCode());
    await fill(el, 'email', 'not an email');
    submit(el);
    await until(() => input(el, 'email')?.getAttribute('aria-invalid') === 'true', 'the email field marked');
    expect(input(el, 'email')!.getAttribute('aria-describedby')).to.contain('email-error');
    expect(dialogText(el)).to.contain('Enter an email address like name@example.org.');
    expect(await axeViolations(el), 'axe, invalid field').to.deep.equal([]);
    expect(await faultLog(), 'nothing reached the API').to.deep.equal([]);
  });

  it('explains an invalid code with a next step; fixing it and claiming again works', async () => {
    const el = await claimElement();
    const failed = await claimWith(el, { code: 'ZZZZ-ZZZZ-ZZZZ', email: 'ada@example.org' });
    expect(failed.detail).to.deep.equal({ code: 'code-not-found', message: "This claim code isn't valid for this badge." });
    await el.updateComplete;
    expect(dialogText(el)).to.contain('Check the code (letters and numbers, dashes optional) and try again.');
    expect(shadow(el).querySelector('[part~="error"] h2')?.textContent).to.equal("This claim code isn't valid for this badge.");
    expect(await axeViolations(el), 'axe, error').to.deep.equal([]);
    buttonNamed(el, 'Change details')!.click();
    await el.updateComplete;
    expect(input(el, 'code')!.value, 'what the learner typed is kept').to.equal('ZZZZ-ZZZZ-ZZZZ');
    // A corrected claim is a new attempt with a new key (the server refuses a key reused for
    // another body), and it succeeds.
    const fixed = await claimWith(el, { code: demoCode() });
    expect(fixed.type).to.equal('col-claimed');
  });

  it('explains a code that is used up, and one that has expired', async () => {
    const once = await newClaimCode('online-communicator', { uses: 1 });
    const first = await claimWith(await claimElement({ achievement: 'online-communicator' }), { code: once, email: 'first@example.org' });
    expect(first.type).to.equal('col-claimed');
    const el = await claimElement({ achievement: 'online-communicator' });
    const used = await claimWith(el, { code: once, email: 'second@example.org' });
    expect(used.detail.code).to.equal('code-used-up');
    await el.updateComplete;
    expect(dialogText(el)).to.contain('Ask your course leader for a new code.');

    const soon = await newClaimCode('online-communicator', { uses: 5, expiresAt: new Date(Date.now() + 1500).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const late = await claimWith(await claimElement({ achievement: 'online-communicator' }), { code: soon, email: 'late@example.org' });
    expect(late.detail).to.deep.equal({ code: 'code-expired', message: 'This claim code has expired.' });
  });

  it('claims with a ticket that names the learner without asking anything', async () => {
    const ticket = await signTicket('information-handler', 'named.learner@example.org');
    const el = await claimElement({ achievement: 'information-handler', ticket });
    await openClaim(el);
    expect(input(el, 'email'), 'no email field').to.equal(null);
    expect(input(el, 'code'), 'no code field').to.equal(null);
    expect(dialogText(el)).to.contain('This course page has already told us who you are');
    await until(() => shadow(el).activeElement?.getAttribute('part') === 'submit', 'focus on Claim');
    const result = outcome(el);
    submit(el);
    const { type, detail } = await result;
    expect(type).to.equal('col-claimed');
    const report = await verify(detail.credential, { allowPrivateNetwork: true, recipient: 'named.learner@example.org' });
    expect(report.outcome).to.equal('verified');
  });

  it('asks for the email when the ticket only holds its hash, and refuses a ticket for someone else', async () => {
    const ticket = await signTicket('information-handler', 'hashed.learner@example.org', { hashEmail: true });
    const el = await claimElement({ achievement: 'information-handler', ticket });
    await openClaim(el);
    expect(input(el, 'code')).to.equal(null);
    const wrong = await claimWith(el, { email: 'someone.else@example.org' });
    expect(wrong.detail.code).to.equal('ticket-mismatch');
    await el.updateComplete;
    expect(dialogText(el)).to.contain('This claim is for someone else, or for another badge.');
    expect(dialogText(el)).to.contain('signed in to the course page as yourself');
    const other = await claimElement({ achievement: 'information-handler', ticket: await signTicket('information-handler', 'x@example.org', { achievementClaim: 'online-transactions' }) });
    expect((await claimWith(other, {})).detail.code, 'a ticket for another badge').to.equal('ticket-mismatch');
  });

  it('explains a forged, an expired and a used ticket', async () => {
    const forged = await claimElement({ ticket: 'eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAZXhhbXBsZS5vcmcifQ.' });
    const f = await claimWith(forged, {});
    expect(f.detail).to.deep.equal({ code: 'ticket-invalid', message: "This page's claim link isn't valid." });
    expect(buttonNamed(forged, 'Try again'), 'retrying a bad ticket cannot help').to.equal(undefined);

    const expired = await claimElement({ achievement: 'information-handler', ticket: await signTicket('information-handler', 'late@example.org', { expiresIn: -120 }) });
    expect((await claimWith(expired, {})).detail.code).to.equal('ticket-expired');
    await expired.updateComplete;
    expect(dialogText(expired)).to.contain('Reload the page to get a new one');

    const ticket = await signTicket('information-handler', 'twice@example.org');
    expect((await claimWith(await claimElement({ achievement: 'information-handler', ticket }), {})).type).to.equal('col-claimed');
    const again = await claimWith(await claimElement({ achievement: 'information-handler', ticket }), {});
    expect(again.detail.code, 'a second element, a second attempt: the ticket is spent').to.equal('ticket-used');
  });

  it('explains a rate limit with how long to wait', async () => {
    await planFaults(['status:429:120']);
    const el = await claimElement({ api: faultApi() });
    const result = await claimWith(el, { code: demoCode(), email: 'ada@example.org' });
    expect(result.detail.code).to.equal('rate-limited');
    await el.updateComplete;
    expect(dialogText(el)).to.contain('Too many claims have come from here in a short time.');
    expect(dialogText(el)).to.contain('Wait 120 seconds, then try again.');
  });

  it('says when the network is down; trying again claims once, with the same key', async () => {
    // Chromium itself may resend a POST whose connection was reset, so the network stays down
    // for more attempts than the client makes; then it comes back.
    await planFaults(Array(12).fill('drop'));
    const el = await claimElement({ api: faultApi() });
    const failed = await claimWith(el, { code: demoCode(), email: 'offline@example.org' });
    expect(failed.detail.code).to.equal('network');
    await el.updateComplete;
    expect(dialogText(el)).to.contain('Check your internet connection, then try again.');
    expect(await axeViolations(el), 'axe, network error').to.deep.equal([]);
    await until(() => shadow(el).activeElement === buttonNamed(el, 'Try again'), 'focus on Try again');
    await planFaults([], true);
    const retried = outcome(el);
    buttonNamed(el, 'Try again')!.click();
    expect((await retried).type).to.equal('col-claimed');
    const log = await faultLog();
    expect(new Set(log.map((e) => e.idempotencyKey)).size, 'one key for every attempt').to.equal(1);
    expect(log.filter((e) => e.status === 201).length, 'one request reached the server').to.equal(1);
  });

  it('says when the server fails; trying again issues once', async () => {
    await planFaults(['status:500', 'status:500', 'status:500']);
    const el = await claimElement({ api: faultApi() });
    const failed = await claimWith(el, { code: demoCode(), email: 'five-hundred@example.org' });
    expect(failed.detail).to.deep.equal({ code: 'server-error', message: 'The badge service had a problem.' });
    const retried = outcome(el);
    buttonNamed(el, 'Try again')!.click();
    expect((await retried).type).to.equal('col-claimed');
    const log = await faultLog();
    expect(log.length, 'three answered 500 by the client’s own retries, then the learner’s retry').to.equal(4);
    expect(new Set(log.map((e) => e.idempotencyKey)).size).to.equal(1);
  });

  it('never issues twice when a response is lost: the retry gets the same credential back', async () => {
    await planFaults(['drop-after', 'pass']);
    const el = await claimElement({ api: faultApi() });
    const result = await claimWith(el, { code: demoCode(), email: 'lost.answer@example.org' });
    expect(result.type, 'the learner never sees the lost answer').to.equal('col-claimed');
    const log = await faultLog();
    expect(log.map((e) => e.status)).to.deep.equal([201, 201]);
    expect(log[0]!.idempotencyKey).to.equal(log[1]!.idempotencyKey);
    expect(log[1]!.replayed, 'the server replayed the first answer').to.equal(true);
    expect(log[1]!.credentialId).to.equal(log[0]!.credentialId);
    expect(result.detail.credential.id).to.equal(log[0]!.credentialId);
  });

  it('after a timeout, trying again returns the badge issued the first time', async () => {
    // The client itself retries a timed-out claim twice with the same key: all three attempts
    // time out here, so the learner sees the timeout and tries again.
    await planFaults(['delay-after:3000', 'delay-after:3000', 'delay-after:3000', 'pass']);
    const el = await claimElement({ api: faultApi(), timeout: 800 });
    const failed = await claimWith(el, { code: demoCode(), email: 'slow.network@example.org' });
    expect(failed.detail).to.deep.equal({ code: 'timeout', message: 'The badge service took too long to answer.' });
    await el.updateComplete;
    expect(dialogText(el)).to.contain('If your badge was already made, you will get that same badge.');
    const retried = outcome(el);
    buttonNamed(el, 'Try again')!.click();
    const { type, detail } = await retried;
    expect(type).to.equal('col-claimed');
    const log = await faultLog();
    expect(log.length, 'three attempts by the client, then the learner’s retry').to.equal(4);
    expect(new Set(log.map((e) => e.idempotencyKey)).size, 'one key for every attempt').to.equal(1);
    expect(log[3]!.replayed).to.equal(true);
    expect(detail.credential.id, 'the credential issued by the timed-out attempt').to.equal(log[0]!.credentialId);
  });

  it('treats the same code and email typed differently as the same attempt after a timeout (same key, same badge)', async () => {
    await planFaults(['delay-after:2000', 'delay-after:2000', 'delay-after:2000', 'pass']);
    const el = await claimElement({ api: faultApi(), timeout: 600 });
    const failed = await claimWith(el, { code: demoCode(), email: 'Mixed.Case@Example.org' });
    expect(failed.detail.code).to.equal('timeout');
    // The learner closes the dialog, opens it again and retypes the code and the address.
    const closed = new Promise((resolve) => dialogOf(el).addEventListener('close', resolve, { once: true }));
    el.close();
    await closed;
    await openClaim(el);
    expect(input(el, 'code')!.value, 'what they typed is still there').to.equal(demoCode());
    const typedLoosely = demoCode().toLowerCase().replace(/-/g, ' ');
    const retried = await claimWith(el, { code: typedLoosely, email: 'mixed.case@example.org' });
    expect(retried.type).to.equal('col-claimed');
    const log = await faultLog();
    expect(new Set(log.map((e) => e.idempotencyKey)).size).to.equal(1);
    expect(log.at(-1)!.credentialId).to.equal(log[0]!.credentialId);
  });

  it('sends one claim however often the button is pressed while it is on its way', async () => {
    await planFaults(['delay-after:500']);
    const el = await claimElement({ api: faultApi() });
    await openClaim(el);
    await fill(el, 'code', demoCode());
    await fill(el, 'email', 'double.click@example.org');
    const result = outcome(el);
    const claimButton = shadow(el).querySelector<HTMLButtonElement>('[part~="submit"]')!;
    claimButton.click();
    claimButton.click();
    await el.updateComplete;
    expect(claimButton.getAttribute('aria-disabled')).to.equal('true');
    expect(claimButton.textContent?.trim()).to.equal('Claiming your badge…');
    expect(await axeViolations(el), 'axe, while claiming').to.deep.equal([]);
    claimButton.click();
    expect((await result).type).to.equal('col-claimed');
    expect((await faultLog()).length, 'one request').to.equal(1);
  });

  it('can be claimed with the keyboard alone', async () => {
    const el = await claimElement();
    const before = document.createElement('button');
    before.textContent = 'Before';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('button');
    await sendKeys({ press: 'Enter' });
    await until(() => dialogOf(el).open && shadow(el).activeElement === input(el, 'code'), 'the dialog open on the code field');
    await sendKeys({ type: demoCode() });
    await sendKeys({ press: 'Tab' }); // the under-13 checkbox
    expect((shadow(el).activeElement as HTMLInputElement).type).to.equal('checkbox');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(input(el, 'email'));
    await sendKeys({ type: 'keyboard.only@example.org' });
    const result = outcome(el);
    await sendKeys({ press: 'Enter' });
    expect((await result).type).to.equal('col-claimed');
    await until(() => shadow(el).activeElement?.id === 'title', 'focus on the success heading');
    // Tab stays inside the dialog: through the badge, the actions, Close — never the page behind.
    for (let i = 0; i < 12; i++) {
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement === before, 'focus never leaves the dialog for the page').to.equal(false);
    }
    await sendKeys({ press: 'Escape' });
    await until(() => !dialogOf(el).open, 'Esc to close');
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('button');
    before.remove();
  });

  it('speaks Welsh, and says plainly when it has no API to talk to', async () => {
    const el = await claimElement({ locale: 'cy' });
    expect(shadow(el).querySelector('[part~="button"]')!.textContent!.trim()).to.equal('Hawlio eich bathodyn');
    await openClaim(el);
    expect(input(el, 'code')!.labels![0]!.textContent).to.equal('Cod hawlio');
    expect(await axeViolations(el), 'axe, Welsh').to.deep.equal([]);

    const lost = await fixture<ColBadgeClaim>(html`<col-badge-claim achievement="digital-foundations"></col-badge-claim>`);
    const result = await claimWith(lost, { code: demoCode(), email: 'ada@example.org' });
    expect(result.detail).to.deep.equal({ code: 'no-api', message: "This claim button isn't set up yet." });
  });

  it('mirrors on a right-to-left page and fits a phone', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"><col-badge-claim achievement="digital-foundations" api=${api()}></col-badge-claim></div>`);
    const el = wrapper.querySelector('col-badge-claim') as ColBadgeClaim;
    await el.updateComplete;
    await openClaim(el);
    const claim = shadow(el).querySelector('[part~="submit"]')!.getBoundingClientRect();
    const cancel = buttonNamed(el, 'Cancel')!.getBoundingClientRect();
    expect(claim.left, 'the first button sits on the right').to.be.greaterThan(cancel.left);
    await setViewport({ width: 320, height: 640 });
    try {
      const box = dialogOf(el).getBoundingClientRect();
      expect(box.left).to.be.at.least(0);
      expect(box.right, 'the dialog fits a 320px screen').to.be.at.most(320);
    } finally {
      await setViewport({ width: 1024, height: 768 });
      el.close();
    }
  });

  it('passes axe in dark mode too: closed, open, after a failure, and with the badge claimed', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await claimElement();
      expect(await axeViolations(el), 'axe, dark, closed').to.deep.equal([]);
      await openClaim(el);
      expect(await axeViolations(el), 'axe, dark, open').to.deep.equal([]);
      await claimWith(el, { code: 'ZZZZ-ZZZZ-ZZZZ', email: 'dark@example.org' });
      await el.updateComplete;
      expect(await axeViolations(el), 'axe, dark, error').to.deep.equal([]);
      // Back to the form (an invalid code is the learner's to fix), then the right code.
      shadow(el).querySelector<HTMLButtonElement>('.buttons button.primary')!.click();
      await el.updateComplete;
      await until(() => !!input(el, 'code'), 'the form again');
      const claimed = await claimWith(el, { code: demoCode(), email: 'dark@example.org' });
      expect(claimed.type).to.equal('col-claimed');
      await el.updateComplete;
      const badge = shadow(el).querySelector('col-badge')!;
      await until(() => (badge.shadowRoot?.textContent ?? '').includes('Verified'), 'the claimed badge, verified');
      expect(await axeViolations(el), 'axe, dark, success').to.deep.equal([]);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('takes a custom button label from its slot', async () => {
    const el = await fixture<ColBadgeClaim>(html`<col-badge-claim achievement="digital-foundations" api=${api()}>Get my Code Club badge</col-badge-claim>`);
    const button = shadow(el).querySelector('[part~="button"]') as HTMLButtonElement;
    const slot = button.querySelector('slot')!;
    expect(slot.assignedNodes().map((n) => n.textContent).join('')).to.equal('Get my Code Club badge');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
