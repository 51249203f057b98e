// End to end, as a learner meets it: `colearn serve --demo` (what `npm start` runs) serves the
// course page in examples/, the page is opened from another origin than the API's (localhost
// vs 127.0.0.1, so every call crosses CORS as on a provider's own site), a badge is claimed
// from the keyboard in the dialog, and the pathway on the same page moves forward.
import { describe, it, before, after, expect } from '@col/harness';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(repoRoot, 'packages/cli/dist/bin.js');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const chromeArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const axeSource = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's strict CSP stays on.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const overall = (page: Page) => page.locator('col-pathway #overall').textContent();

describe('the course page served by colearn serve --demo', () => {
  let server: ChildProcess;
  let apiUrl = '';
  let stderr = '';
  let browser: Browser;
  let data = '';

  before(async () => {
    // npm start builds the page's bundles; build them here when a checkout lacks them or they
    // are older than the built elements (so the test never drives yesterday's code).
    const bundle = join(repoRoot, 'examples/vendor/components/index.js');
    const built = join(repoRoot, 'packages/components/dist/index.js');
    if (!existsSync(bundle) || (existsSync(built) && statSync(built).mtimeMs > statSync(bundle).mtimeMs)) {
      const built = spawnSync(process.execPath, [join(repoRoot, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent', '--environment', 'COL_BUNDLE:examples'], { cwd: repoRoot, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`building the examples bundles failed: ${built.stderr}`);
    }
    data = await mkdtemp(join(tmpdir(), 'col-course-page-'));
    server = spawn(process.execPath, [bin, 'serve', '--demo', '--port', '0', '--host', '127.0.0.1', '--data', data], { env: { ...process.env, COL_ADMIN_KEY: 'course-page-admin-key-0123' } });
    server.stderr!.on('data', (d) => (stderr += d));
    apiUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d) => {
        out += d;
        const match = /listening on (\S+)/.exec(out);
        if (match) resolve(match[1]!.replace(/\/$/, ''));
      });
      server.on('exit', (code) => reject(new Error(`colearn serve exited ${code}: ${stderr}`)));
    });
    browser = await chromium.launch({ executablePath: chromePath, args: chromeArgs });
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    if (data) await rm(data, { recursive: true, force: true });
  });

  it('claims a badge with the keyboard alone, from another origin, and the pathway moves forward', async () => {
    const code = /demo claim code for digital-foundations: (\S+)/.exec(stderr)?.[1];
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
