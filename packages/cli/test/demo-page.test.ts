// End to end, as an evaluator meets the product: `colearn serve --demo` (what `npm start` runs),
// the demo page in real Chromium under its strict CSP (no inline scripts or styles), a badge
// chosen and claimed in <col-badge-claim>'s dialog, shown as a <col-badge> and verified in the
// browser by <col-badge-verify>. Locators pierce the elements' open shadow roots.
import { describe, it, before, after, expect } from '@col/harness';
import { axeViolations, buildExamplesBundle, launchChromium, startDemoServer, type DemoServer } from '@col/harness/node';
import type { Browser, Page } from 'playwright-core';

/** What has focus, looking inside open shadow roots: its id, else its part, else its tag. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let node = document.activeElement;
    while (node?.shadowRoot?.activeElement) node = node.shadowRoot.activeElement;
    return node?.id || node?.getAttribute('part') || node?.tagName.toLowerCase() || '';
  });
}

/** Where focus is while the claim dialog is open: inside it, on the page behind it, or nowhere. */
function focusWhere(page: Page): Promise<'dialog' | 'page' | 'nowhere'> {
  return page.evaluate(() => {
    const active = document.activeElement;
    // Past the dialog's last control the browser's own UI takes focus (the document's is the body).
    if (!active || active === document.body) return 'nowhere';
    return document.querySelector('col-badge-claim')?.shadowRoot?.activeElement?.closest('dialog[open]') ? 'dialog' : 'page';
  });
}

interface Watch {
  requests: Array<{ url: string; method: string }>;
  pageErrors: string[];
  cspViolations: string[];
}

/** Opens the demo page, recording every request, script error and CSP violation. */
async function openDemo(browser: Browser, base: string, query = ''): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage();
  const watch: Watch = { requests: [], pageErrors: [], cspViolations: [] };
  page.on('request', (request) => watch.requests.push({ url: request.url(), method: request.method() }));
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) watch.cspViolations.push(message.text()); });
  // The browser's own report of anything the CSP blocked (shadow roots included: the event is
  // composed). Injected through the DevTools protocol, so the CSP itself is unchanged.
  await page.exposeFunction('reportCspViolation', (text: string) => watch.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (globalThis as unknown as { reportCspViolation(text: string): Promise<void> }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    }, true);
  });
  await page.goto(new URL(`/examples/${query}`, base).href);
  // The badges to choose from come from the server.
  await page.waitForSelector('#achievement option', { state: 'attached' });
  return { page, watch };
}

/** Nothing the learner typed is in a URL, browser storage or a cookie. */
async function expectNoPersonalData(page: Page, watch: Watch, email: string): Promise<void> {
  const [local] = email.split('@');
  expect(watch.requests.filter((r) => r.url.includes(local!) || r.url.includes('example.org'))).to.deep.equal([]);
  const stored = await page.evaluate(() => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    values: [...Object.values({ ...localStorage }), ...Object.values({ ...sessionStorage })].join(' '),
  }));
  expect(stored).to.deep.equal({ local: 0, session: 0, cookie: '', values: '' });
}

describe('the demo page served by colearn serve --demo', () => {
  let demo: DemoServer;
  let url = '';
  let browser: Browser;
  const claimCode = (achievement: string) => demo.claimCode(achievement);

  before(async () => {
    buildExamplesBundle();
    demo = await startDemoServer({ name: 'demo-page', adminKey: 'demo-page-admin-key-0123' });
    url = demo.url;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('claims a chosen demo badge in the claim dialog and verifies it in the browser, with no email in any URL or storage', async () => {
    const code = claimCode('digital-foundations');
    expect(code, 'the demo prints a claim code').to.be.a('string');
    const { page, watch } = await openDemo(browser, url);
    expect(await axeViolations(page), 'axe, before claiming').to.deep.equal([]);

    await page.getByLabel('Badge to claim').selectOption('digital-foundations');
    await page.getByRole('button', { name: 'Claim your badge' }).click();
    // The dialog names the badge that was chosen on the page.
    await page.getByRole('dialog', { name: 'Claim your badge: Digital Foundations' }).waitFor();
    // (The dialog's name follows its heading, which changes with each view.)
    const dialog = page.getByRole('dialog');
    expect(await axeViolations(page), 'axe, the claim dialog open').to.deep.equal([]);
    await dialog.getByLabel('Claim code').fill(code!);
    await dialog.getByLabel('Your email address').fill('learner@example.org');
    await dialog.getByRole('button', { name: 'Claim badge' }).click();

    // The dialog shows the award as a <col-badge>, checked in the page.
    await page.getByRole('heading', { name: 'Your badge is ready' }).waitFor({ timeout: 20_000 });
    expect(await dialog.locator('col-badge [part~="name"]').textContent()).to.equal('Digital Foundations');
    await dialog.locator('col-badge [part~="status"]', { hasText: 'Verified' }).waitFor({ timeout: 30_000 });
    expect(await dialog.getByRole('link', { name: 'Download badge image (PNG)' }).getAttribute('href')).to.match(/\/png$/);
    expect(await axeViolations(page), 'axe, the claimed badge in the dialog').to.deep.equal([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The page keeps the award once the dialog is closed.
    await page.locator('#claim-result col-badge [part~="name"]').waitFor();
    expect(await page.locator('#claim-result col-badge [part~="name"]').textContent()).to.equal('Digital Foundations');
    expect(await page.locator('#claim-result > p').textContent()).to.equal('The badge is yours: Digital Foundations');
    expect(await axeViolations(page), 'axe, after claiming').to.deep.equal([]);

    await page.getByRole('button', { name: 'Verify this badge' }).click();
    const verdict = page.locator('col-badge-verify [part~="verdict"]');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).to.contain('Verified: this badge is genuine and current.');
    expect(await page.locator('col-badge-verify [part~="check"]').count()).to.be.greaterThan(3);
    expect(await page.locator('col-badge-verify [part~="live"]').textContent()).to.equal('Verified: this badge is genuine and current.');
    expect(await axeViolations(page), 'axe, after claiming and verifying').to.deep.equal([]);
    expect(await page.getByRole('link', { name: 'Download badge image' }).getAttribute('href')).to.match(/\/png$/);
    const linkedIn = new URL((await page.getByRole('link', { name: /Add to LinkedIn profile/ }).getAttribute('href'))!);
    expect(linkedIn.searchParams.get('name')).to.equal('Digital Foundations');
    expect(linkedIn.href).to.not.contain('learner');
    // The catalogue (<col-badge-list>) comes from the same server.
    expect(await page.locator('col-badge-list [part~="item"]').count()).to.be.greaterThan(0);
    // Strict CSP: the elements' styles are constructable stylesheets, so nothing was blocked.
    expect(watch.cspViolations).to.deep.equal([]);
    expect(await page.locator('col-badge-verify [part~="verdict"]').evaluate((node) => getComputedStyle(node).fontWeight)).to.equal('700');

    // One claim request, a POST (the email rides in its body) — and never in a URL or storage.
    const claims = watch.requests.filter((r) => new URL(r.url).pathname === '/api/v1/claims');
    expect(claims.map((r) => r.method)).to.deep.equal(['POST']);
    await expectNoPersonalData(page, watch, 'learner@example.org');
    expect(watch.pageErrors).to.deep.equal([]);
    await page.close();
  });

  it('shows a clear error for a wrong claim code, and for a pasted badge that has been tampered with', async () => {
    const { page, watch } = await openDemo(browser, url);
    await page.getByRole('button', { name: 'Claim your badge' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Claim code').fill('NOPE-NOPE-NOPE');
    await dialog.getByLabel('Your email address').fill('learner@example.org');
    await dialog.getByRole('button', { name: 'Claim badge' }).click();
    // The failure in plain words, with what to do next and a way back to the form.
    await dialog.getByRole('heading', { name: "This claim code isn't valid for this badge." }).waitFor({ timeout: 20_000 });
    expect(await dialog.textContent()).to.contain('Check the code');
    await dialog.getByRole('button', { name: 'Change details' }).click();
    expect(await dialog.getByLabel('Claim code').inputValue(), 'what was typed is kept to correct').to.equal('NOPE-NOPE-NOPE');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('#claim-result col-badge').count(), 'no badge was claimed').to.equal(0);

    const credential = await (await fetch(new URL('/api/v1/achievements', url))).json();
    expect(credential.achievements.length).to.be.greaterThan(0);
    await page.fill('col-badge-verify textarea', '{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","OpenBadgeCredential"],"issuer":"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK","validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"id":"did:example:x","achievement":{"id":"https://x.example/a","type":["Achievement"],"name":"Forged","description":"d","criteria":{"narrative":"n"}}},"proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-jcs-2022","verificationMethod":"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK","proofPurpose":"assertionMethod","proofValue":"z3yUuWbFsLUp2CUrSZRaRbTk1UnkhpoJgJYu1SdMqa3AcG2Mk8FS6Qb3UWvMtDEZEgk1nQTgR4c9yLLTnfyXNTmLP"}}');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const verdict = page.locator('col-badge-verify [part~="verdict"]');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).to.contain('Not verified');
    expect(await page.locator('col-badge-verify [part~="result"]').textContent()).to.contain('What to do:');
    await expectNoPersonalData(page, watch, 'learner@example.org');
    expect(watch.cspViolations).to.deep.equal([]);
    expect(watch.pageErrors).to.deep.equal([]);
    await page.close();
  });

  it('can be used from the keyboard alone: Tab to the badge and the claim button, Enter, the dialog, Esc, then verify', async () => {
    const code = claimCode('online-communicator');
    const { page, watch } = await openDemo(browser, url);
    // From the top of the page: the two language links, then the badge to claim.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).to.equal('achievement');
    await page.keyboard.type('Online Communicator'); // type-ahead in a select
    await page.keyboard.press('Tab');
    expect(await focused(page), 'the claim button follows the choice').to.equal('button');

    // Enter opens the dialog on the code; Esc closes it and focus goes back to the button.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Claim your badge: Online Communicator' }).waitFor();
    const dialog = page.getByRole('dialog');
    expect(await focused(page)).to.equal('code');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused(page), 'focus back on the claim button').to.equal('button');

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await focused(page)).to.equal('code');
    await page.keyboard.type(code!);
    await page.keyboard.press('Tab'); // the under-13 checkbox
    await page.keyboard.press('Tab');
    expect(await focused(page)).to.equal('email');
    await page.keyboard.type('learner@example.org');
    // Tab goes round the modal dialog (submit, cancel, the browser's own UI, the code again …)
    // and never reaches the page behind it.
    const visited: string[] = [];
    for (let i = 0; i < 10 && (i === 0 || visited.at(-1) !== 'email'); i++) {
      await page.keyboard.press('Tab');
      expect(await focusWhere(page), `Tab ${i + 1} not on the page behind the dialog`).to.not.equal('page');
      visited.push(await focused(page));
    }
    expect(visited, 'round the dialog and back to the email').to.include.members(['submit', 'code', 'email']);
    expect(visited.at(-1)).to.equal('email');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your badge is ready' }).waitFor({ timeout: 20_000 });
    expect(await focusWhere(page), 'focus on the result, in the dialog').to.equal('dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused(page), 'focus back on the claim button').to.equal('button');
    await page.getByRole('button', { name: 'Verify this badge' }).waitFor();
    expect(await page.locator('#claim-result col-badge [part~="name"]').textContent()).to.equal('Online Communicator');

    // Onwards with Tab: the <col-badge>'s actions (image, JSON, JWT, LinkedIn, copy link),
    // then "Verify this badge".
    let steps = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent ?? '')) !== 'Verify this badge' && steps++ < 10) {
      await page.keyboard.press('Tab');
    }
    expect(steps, 'reached "Verify this badge" by Tab').to.be.below(10);
    await page.keyboard.press('Enter');
    const verdict = page.locator('col-badge-verify [part~="verdict"]');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).to.contain('Verified');
    expect(await page.inputValue('#achievement')).to.equal('online-communicator');
    await expectNoPersonalData(page, watch, 'learner@example.org');
    expect(watch.cspViolations).to.deep.equal([]);
    expect(watch.pageErrors).to.deep.equal([]);
    await page.close();
  });

  it('speaks Welsh with ?lang=cy, the page and its elements, through a claim and a check', async () => {
    const code = claimCode('information-handler');
    const { page, watch } = await openDemo(browser, url, '?lang=cy');
    expect(await page.getAttribute('html', 'lang')).to.equal('cy');
    expect(await axeViolations(page), 'axe, in Welsh').to.deep.equal([]);
    expect(await page.textContent('h1')).to.equal('Dyfarnu, hawlio a gwirio bathodyn');
    // The page's own words, and the elements following the page's language.
    expect(await page.getByRole('heading', { name: '1. Hawlio bathodyn' }).count()).to.equal(1);
    expect(await page.getByRole('button', { name: 'Hawlio eich bathodyn' }).count()).to.equal(1);
    expect(await page.getByRole('button', { name: 'Gwirio', exact: true }).count()).to.equal(1);
    await page.locator('col-badge-list [part~="summary"]').waitFor();
    expect(await page.locator('col-badge-list [part~="summary"]').textContent()).to.match(/^Yn dangos /);

    await page.getByLabel("Bathodyn i'w hawlio").selectOption('information-handler');
    await page.getByRole('button', { name: 'Hawlio eich bathodyn' }).click();
    await page.getByRole('dialog', { name: 'Hawlio eich bathodyn' }).waitFor();
    const dialog = page.getByRole('dialog');
    expect(await axeViolations(page), 'axe, the claim dialog in Welsh').to.deep.equal([]);
    await dialog.getByLabel('Cod hawlio').fill(code!);
    await dialog.getByLabel('Eich cyfeiriad e-bost').fill('dysgwr@example.org');
    await dialog.getByRole('button', { name: 'Hawlio bathodyn' }).click();
    await dialog.getByRole('heading', { name: 'Mae eich bathodyn yn barod' }).waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Cau' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('#claim-result > p').textContent()).to.match(/^Mae’r bathodyn yn eiddo i chi: \S/);
    await page.getByRole('button', { name: "Gwirio'r bathodyn hwn" }).click();
    const verdict = page.locator('col-badge-verify [part~="verdict"]');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).to.contain("Wedi'i wirio: mae'r bathodyn hwn yn ddilys ac yn gyfredol.");
    expect(await axeViolations(page), 'axe, claimed and verified in Welsh').to.deep.equal([]);
    await expectNoPersonalData(page, watch, 'dysgwr@example.org');
    expect(watch.cspViolations).to.deep.equal([]);
    expect(watch.pageErrors).to.deep.equal([]);
    await page.close();
  });
});
