// End to end, as a learner meets it: `colearn serve --demo` (what `npm start` runs) serves the
// course page in examples/, the page is opened from another origin than the API's (localhost
// vs 127.0.0.1, so every call crosses CORS as on a provider's own site), a badge is claimed
// from the keyboard in the dialog, and the pathway on the same page moves forward.
import { describe, it, before, after, expect } from '@col/harness';
import { axeViolations, buildExamplesBundle, launchChromium, startDemoServer, type DemoServer } from '@col/harness/node';
import type { Browser, Page } from 'playwright-core';

const overall = (page: Page) => page.locator('col-pathway #overall').textContent();

describe('the course page served by colearn serve --demo', () => {
  let demo: DemoServer;
  let apiUrl = '';
  let browser: Browser;

  before(async () => {
    buildExamplesBundle();
    demo = await startDemoServer({ name: 'course-page', adminKey: 'course-page-admin-key-0123' });
    apiUrl = demo.url;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('claims a badge with the keyboard alone, from another origin, and the pathway moves forward', async () => {
    const code = demo.claimCode('digital-foundations');
    expect(code, 'the demo prints a claim code').to.be.a('string');
    const port = new URL(apiUrl).port;
    const pageUrl = `http://localhost:${port}/examples/course.html?api=${encodeURIComponent(apiUrl)}`;
    expect(new URL(pageUrl).origin, 'the page and the API are different origins').to.not.equal(new URL(apiUrl).origin);

    const page = await browser.newPage();
    const requests: Array<{ url: string; method: string }> = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push({ url: request.url(), method: request.method() }));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(pageUrl);
    await page.locator('col-pathway [part~="name"]').waitFor();
    expect(await overall(page)).to.equal('Overall progress: 0% complete · All 2');
    await page.locator('col-opportunities [part~="item"]').first().waitFor();
    expect(await axeViolations(page), 'axe, the page before claiming').to.deep.equal([]);

    // Keyboard only: Tab from the top (two language links) to the claim button.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    const focusedPart = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('part') ?? document.activeElement?.tagName);
    expect(await focusedPart()).to.equal('button');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Claim your badge' }).waitFor();
    await page.keyboard.type(code!);
    await page.keyboard.press('Tab'); // the under-13 checkbox
    await page.keyboard.press('Tab');
    await page.keyboard.type('course.page@example.org');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your badge is ready' }).waitFor({ timeout: 20_000 });
    await page.locator('col-badge-claim col-badge [part~="status"]', { hasText: 'Verified' }).waitFor({ timeout: 30_000 });
    expect(await axeViolations(page), 'axe, the claimed badge in the dialog').to.deep.equal([]);
    await page.keyboard.press('Escape');
    expect(await focusedPart(), 'focus back on the claim button').to.equal('button');

    // The pathway on the same page now counts the badge: step one done, the skills unlocked.
    await page.waitForFunction(() => document.querySelector('col-pathway')?.shadowRoot?.querySelector('#overall')?.textContent?.includes('50%'));
    expect(await overall(page)).to.equal('Overall progress: 50% complete · All 2');
    const state = (title: string) => page.locator('col-pathway li[part~="node"]', { has: page.locator(`.row > .title:text-is("${title}")`) }).locator(':scope > .row > .state').textContent();
    expect(await state('Digital Foundations')).to.equal('Complete');
    expect(await state('Three essential skills'), 'no longer locked').to.equal('Not started');
    expect(await axeViolations(page), 'axe, progress shown').to.deep.equal([]);

    // The claim went cross-origin to the API; nothing personal in any URL, storage or cookie.
    expect(requests.some((r) => r.method === 'POST' && r.url === `${apiUrl}/api/v1/claims`)).to.equal(true);
    expect(requests.filter((r) => r.url.includes('course.page') || r.url.includes('example.org'))).to.deep.equal([]);
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
    expect(stored).to.deep.equal({ local: 0, session: 0, cookie: '' });
    expect(problems, 'no script errors, no CSP violations').to.deep.equal([]);
    await page.close();
  });

  it('ignores a link that names another API (the email would go there)', async () => {
    const port = new URL(apiUrl).port;
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`http://localhost:${port}/examples/course.html?api=${encodeURIComponent('https://badges.evil.example')}`);
    await page.locator('col-pathway [part~="name"]').waitFor();
    expect(requested.filter((u) => new URL(u).hostname.endsWith('evil.example'))).to.deep.equal([]);
    expect(requested.some((u) => u.startsWith(`http://localhost:${port}/api/v1/pathways/`)), "the page's own origin serves the API").to.equal(true);
    await page.close();
  });

  it('speaks Welsh with ?lang=cy', async () => {
    const port = new URL(apiUrl).port;
    const page = await browser.newPage();
    await page.goto(`http://localhost:${port}/examples/course.html?lang=cy&api=${encodeURIComponent(apiUrl)}`);
    await page.locator('col-pathway [part~="name"]').waitFor();
    expect(await page.getByRole('button', { name: 'Hawlio eich bathodyn' }).count()).to.equal(1);
    expect(await overall(page)).to.contain('Cynnydd cyffredinol');
    expect(await page.evaluate(() => document.documentElement.lang)).to.equal('cy');
    expect(await axeViolations(page)).to.deep.equal([]);
    await page.close();
  });
});
