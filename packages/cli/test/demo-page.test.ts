// End to end, as an evaluator meets the product: `colearn serve --demo` (what `npm start` runs),
// the demo page in real Chromium under its strict CSP (no inline scripts or styles), a badge
// claimed, shown as a <col-badge> and verified in the browser by <col-badge-verify>.
import { describe, it, before, after, expect } from '@col/harness';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './run-col.js';

const bin = join(repoRoot, 'packages/cli/dist/bin.js');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const chromeArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const axeSource = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is now (every rule, WCAG 2.x A and AA included). */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's strict CSP (no inline scripts) stays on.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run();
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
  return violations;
}

describe('the demo page served by colearn serve --demo', () => {
  let server: ChildProcess;
  let url = '';
  let stderr = '';
  let browser: Browser;

  before(async () => {
    // npm start builds the page's components bundle; build it here too when a checkout lacks it.
    if (!existsSync(join(repoRoot, 'examples/vendor/components/index.js'))) {
      const built = spawnSync(process.execPath, [join(repoRoot, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent', '--environment', 'COL_BUNDLE:examples'], { cwd: repoRoot, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`building the examples bundle failed: ${built.stderr}`);
    }
    const data = await mkdtemp(join(tmpdir(), 'col-demo-page-'));
    server = spawn(process.execPath, [bin, 'serve', '--demo', '--port', '0', '--data', data], { env: { ...process.env, COL_ADMIN_KEY: 'demo-page-admin-key-0123' } });
    server.stderr!.on('data', (d) => (stderr += d));
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d) => {
        out += d;
        const match = /listening on (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      server.on('exit', (code) => reject(new Error(`colearn serve exited ${code}: ${stderr}`)));
    });
    browser = await chromium.launch({ executablePath: chromePath, args: chromeArgs });
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it('claims a demo badge and verifies it in the browser, with no email in any URL or storage', async () => {
    const code = /demo claim code for digital-foundations: (\S+)/.exec(stderr)?.[1];
    expect(code, 'the demo prints a claim code').to.be.a('string');
    const page = await browser.newPage();
    const requested: string[] = [];
    const pageErrors: string[] = [];
    const cspViolations: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text()); });
    await page.goto(new URL('/examples/', url).href);
    await page.waitForSelector('#achievement option', { state: 'attached' });
    expect(await axeViolations(page), 'axe, empty form').to.deep.equal([]);
    await page.selectOption('#achievement', 'digital-foundations');
    await page.fill('#code', code!);
    await page.fill('#email', 'learner@example.org');
    await page.getByRole('button', { name: 'Claim badge' }).click();
    // The award is shown by <col-badge> (its shadow root is open: locators pierce it).
    await page.locator('#claim-result col-badge [part~="name"]').waitFor();
    expect(await page.locator('#claim-result col-badge [part~="name"]').textContent()).to.equal('Digital Foundations');
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
    expect(cspViolations).to.deep.equal([]);
    expect(await page.locator('col-badge-verify [part~="verdict"]').evaluate((node) => getComputedStyle(node).fontWeight)).to.equal('700');

    expect(requested.filter((u) => u.includes('learner') || u.includes('example.org'))).to.deep.equal([]);
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
    expect(stored).to.deep.equal({ local: 0, session: 0, cookie: '' });
    expect(pageErrors).to.deep.equal([]);
    await page.close();
  });

  it('shows a clear error for a wrong claim code, and for a pasted badge that has been tampered with', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('/examples/', url).href);
    await page.waitForSelector('#achievement option', { state: 'attached' });
    await page.fill('#code', 'NOPE-NOPE-NOPE');
    await page.fill('#email', 'learner@example.org');
    await page.getByRole('button', { name: 'Claim badge' }).click();
    await page.waitForFunction(() => document.querySelector('#claim-result')?.textContent?.includes('could not be claimed'));

    const credential = await (await fetch(new URL('/api/v1/achievements', url))).json();
    expect(credential.achievements.length).to.be.greaterThan(0);
    await page.fill('col-badge-verify textarea', '{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","OpenBadgeCredential"],"issuer":"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK","validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"id":"did:example:x","achievement":{"id":"https://x.example/a","type":["Achievement"],"name":"Forged","description":"d","criteria":{"narrative":"n"}}},"proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-jcs-2022","verificationMethod":"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK","proofPurpose":"assertionMethod","proofValue":"z3yUuWbFsLUp2CUrSZRaRbTk1UnkhpoJgJYu1SdMqa3AcG2Mk8FS6Qb3UWvMtDEZEgk1nQTgR4c9yLLTnfyXNTmLP"}}');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const verdict = page.locator('col-badge-verify [part~="verdict"]');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).to.contain('Not verified');
    expect(await page.locator('col-badge-verify [part~="result"]').textContent()).to.contain('What to do:');
    await page.close();
  });

  it('can be used from the keyboard alone: Tab through the form, Enter to claim, then verify', async () => {
    const code = /demo claim code for online-communicator: (\S+)/.exec(stderr)?.[1];
    const page = await browser.newPage();
    await page.goto(new URL('/examples/', url).href);
    await page.waitForSelector('#achievement option', { state: 'attached' });
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    // From the top of the page: the two language links, then the form in reading order.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    expect(await focused()).to.equal('achievement');
    await page.keyboard.type('Online Communicator'); // type-ahead in a select
    await page.keyboard.press('Tab');
    expect(await focused()).to.equal('code');
    await page.keyboard.type(code!);
    await page.keyboard.press('Tab');
    expect(await focused()).to.equal('email');
    await page.keyboard.type('learner@example.org');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Verify this badge' }).waitFor();
    // Onwards with Tab: the claim button, the <col-badge>'s actions (image, JSON, JWT,
    // LinkedIn, copy link), then "Verify this badge".
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
    await page.close();
  });

  it('speaks Welsh with ?lang=cy', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('/examples/?lang=cy', url).href);
    expect(await page.getAttribute('html', 'lang')).to.equal('cy');
    await page.waitForSelector('#achievement option', { state: 'attached' });
    expect(await axeViolations(page), 'axe, in Welsh').to.deep.equal([]);
    expect(await page.textContent('h1')).to.equal('Dyfarnu, hawlio a gwirio bathodyn');
    expect(await page.getByRole('button', { name: 'Hawlio bathodyn' }).count()).to.equal(1);
    // The elements follow the page's language.
    expect(await page.getByRole('button', { name: 'Gwirio', exact: true }).count()).to.equal(1);
    await page.locator('col-badge-list [part~="summary"]').waitFor();
    expect(await page.locator('col-badge-list [part~="summary"]').textContent()).to.match(/^Yn dangos /);
    await page.close();
  });
});
