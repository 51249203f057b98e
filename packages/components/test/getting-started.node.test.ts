// The getting-started guides as a newcomer follows them, on a page of their own: each guide's
// HTML snippet pasted as written (only the API address changed to this run's demo server) into a
// page served from another loopback origin, with no build step, loading the elements from the
// CDN address the guide gives. The CDN is answered from this checkout's packages/components/cdn —
// the files npm publishes — so no request leaves the machine. Then the CDN guide's pinned snippet:
// the integrity hash the docs print is the one the browser checks, and a bundle that differs from
// the published one does not run.
import { describe, it, before, after, expect } from '@col/harness';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { axeViolations, buildCdnBundles, buildExamplesBundle, launchChromium, repoRoot, startDemoServer, type DemoServer } from '@col/harness/node';
import type { Browser, Page } from 'playwright-core';

const cdnRoot = join(repoRoot, 'packages/components/cdn');
const version = (JSON.parse(readFileSync(join(repoRoot, 'packages/components/package.json'), 'utf8')) as { version: string }).version;
const sha384 = (bytes: Uint8Array) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** The fenced blocks of one language in a guide, in order, exactly as a reader copies them. */
function snippets(guide: string, lang: string): string[] {
  const text = readFileSync(join(repoRoot, 'docs/guides', guide), 'utf8');
  return [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]!);
}

const unescapeHtml = (s: string) => s.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);

/** The newcomer's own site: the pages and scripts they wrote, on its own origin. */
class OwnSite {
  private readonly files = new Map<string, string>();
  private server?: Server;
  origin = '';

  put(path: string, body: string): string {
    this.files.set(path, body);
    return `${this.origin}${path}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const body = this.files.get(new URL(request.url ?? '/', 'http://x').pathname);
      const type = request.url?.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': type }).end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Bytes of a CDN file the guides name, as jsDelivr serves the published package. */
const CDN_URL = /^https:\/\/cdn\.jsdelivr\.net\/npm\/@citiesoflearning\/components(?:@([^/]+))?\/(cdn\/.+)$/;

interface Watched { problems: string[]; offMachine: string[]; cdnVersions: Set<string> }

/**
 * A page whose CDN requests are answered from the package's cdn/ folder (`tamper` changes what
 * it serves, as a compromised CDN would); any other request off this machine is refused and noted.
 */
async function newcomerPage(browser: Browser, options: { tamper?: (path: string, bytes: Buffer) => Buffer } = {}): Promise<{ page: Page } & Watched> {
  const page = await browser.newPage();
  const watched: Watched = { problems: [], offMachine: [], cdnVersions: new Set() };
  page.on('pageerror', (error) => watched.problems.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') watched.problems.push(message.text()); });
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) return route.continue();
    const match = CDN_URL.exec(url);
    const file = match ? normalize(join(cdnRoot, '..', match[2]!)) : '';
    if (!match || !file.startsWith(cdnRoot + sep) || !existsSync(file)) {
      watched.offMachine.push(url);
      return route.abort();
    }
    if (match[1]) watched.cdnVersions.add(match[1]);
    const bytes = readFileSync(file);
    // jsDelivr answers with CORS open to every origin, which module scripts require.
    return route.fulfill({ status: 200, body: options.tamper?.(match[2]!, bytes) ?? bytes, headers: { 'content-type': 'application/javascript; charset=utf-8', 'access-control-allow-origin': '*' } });
  });
  return { page, ...watched };
}

const pageAround = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;

describe('the getting-started guides, followed on a page of your own', () => {
  let demo: DemoServer;
  let apiUrl = '';
  let browser: Browser;
  const site = new OwnSite();

  before(async () => {
    await buildCdnBundles();
    buildExamplesBundle();
    // The CDN guide as the docs site renders it (its version and hashes filled in).
    const docs = spawnSync(process.execPath, [join(repoRoot, 'scripts/docs.mjs'), '--no-api'], { cwd: repoRoot, encoding: 'utf8' });
    if (docs.status !== 0) throw new Error(`npm run docs failed: ${docs.stderr}`);
    demo = await startDemoServer({ name: 'getting-started', adminKey: 'getting-started-admin-key-0123' });
    apiUrl = demo.url;
    await site.start();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await site.stop();
    await demo?.stop();
  });

  /** A badge a learner claimed with the demo's printed code, as they would hand it over. */
  async function claimedCredential(): Promise<Record<string, unknown>> {
    const response = await fetch(`${apiUrl}/api/v1/claims`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ achievement: 'online-communicator', code: demo.claimCode('online-communicator'), recipient: { email: 'newcomer.candidate@example.org' } }),
    });
    expect(response.status).to.equal(201);
    return ((await response.json()) as { credential: Record<string, unknown> }).credential;
  }

  it('provider: the claim button from the CDN claims a badge, and the step-3 script shows it as a <col-badge>', async () => {
    const [markup] = snippets('start-provider.md', 'html');
    const [showClaimed] = snippets('start-provider.md', 'js');
    expect(markup, 'the guide names the local API of npm start').to.contain('http://127.0.0.1:8080');
    const script = site.put('/provider.js', showClaimed!);
    const url = site.put('/course.html', pageAround('My course', `${markup!.replaceAll('http://127.0.0.1:8080', apiUrl)}
<section aria-label="My badges" id="my-badges"></section>
<script type="module" src="${script}"></script>`));
    const { page, problems, offMachine } = await newcomerPage(browser);
    await page.goto(url);
    await page.getByRole('button', { name: 'Claim your badge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Claim your badge' });
    await dialog.getByLabel('Claim code').fill(demo.claimCode('digital-foundations')!);
    await dialog.getByLabel('Your email address').fill('newcomer.learner@example.org');
    await dialog.getByRole('button', { name: 'Claim badge' }).click();
    await page.getByRole('heading', { name: 'Your badge is ready' }).waitFor({ timeout: 30_000 });
    // The signed badge is shown, and checked in the browser against the server that issued it.
    await page.locator('col-badge-claim col-badge [part~="status"]', { hasText: 'Verified' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    // Step 3: the col-claimed event handed the credential to a <col-badge> of the page's own.
    const shown = page.locator('#my-badges col-badge');
    await shown.locator('[part~="name"]', { hasText: 'Digital Foundations' }).waitFor({ timeout: 30_000 });
    expect(await shown.locator('[part~="issuer"]').textContent()).to.contain('Brightwater Libraries');
    expect(await axeViolations(page), 'axe, the claimed badge on the page').to.deep.equal([]);
    expect(offMachine, 'nothing but the CDN and the API').to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  it("employer: the verify widget from the CDN checks a candidate's pasted badge in the browser; the demo's badges only with the trial's allow-private-network", async () => {
    const [live, trial] = snippets('start-employer.md', 'html');
    expect(live, 'the live portal snippet leaves the private network off').to.not.contain('allow-private-network');
    expect(trial).to.contain('<col-badge-verify heading-level="3" allow-private-network></col-badge-verify>');
    const credential = await claimedCredential();
    for (const [markup, verdict] of [[live!, 'Could not fully verify'], [trial!, 'Verified: this badge is genuine and current.']] as const) {
      const url = site.put('/jobs.html', pageAround('Our vacancies', markup));
      const { page, problems, offMachine } = await newcomerPage(browser);
      const sent: string[] = [];
      page.on('request', (request) => { if (request.method() !== 'GET') sent.push(`${request.method()} ${request.url()}`); });
      await page.goto(url);
      await page.locator('col-badge-verify textarea').fill(JSON.stringify(credential));
      await page.getByRole('button', { name: 'Verify', exact: true }).click();
      await page.locator('col-badge-verify [part~="verdict"]', { hasText: verdict }).waitFor({ timeout: 30_000 });
      expect(await axeViolations(page), 'axe, the verdict shown').to.deep.equal([]);
      expect(sent, 'the pasted badge is not sent anywhere').to.deep.equal([]);
      expect(offMachine).to.deep.equal([]);
      expect(problems).to.deep.equal([]);
      await page.close();
    }
  });

  it("place team: the pathway tracker from the CDN draws the place's pathway and moves with a learner's badge", async () => {
    const [markup] = snippets('start-place.md', 'html');
    expect(markup, 'the guide points the page at an API').to.contain('<meta name="col:api" content="https://badges.example.org">');
    const credential = await claimedCredential();
    const url = site.put('/pathway.html', pageAround('Digital Ready', markup!.replace('https://badges.example.org', apiUrl)));
    const { page, problems, offMachine } = await newcomerPage(browser);
    await page.goto(url);
    await page.locator('col-pathway [part~="name"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('col-pathway #overall').textContent()).to.contain('0% complete');
    // Step 2: the learner's badges as a property; progress is worked out in the browser.
    const progress = page.evaluate(() => new Promise<number>((resolve) => {
      document.querySelector('col-pathway')!.addEventListener('col-progress', (event) => resolve((event as CustomEvent<{ progress: number }>).detail.progress), { once: true });
    }));
    await page.evaluate((held) => { (document.querySelector('col-pathway') as HTMLElement & { credentials: unknown[] }).credentials = [held]; }, credential);
    expect(await progress).to.be.greaterThan(0);
    expect(await axeViolations(page), 'axe, progress shown').to.deep.equal([]);
    expect(offMachine).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  it("CDN: the docs' pinned snippet runs with the hash they print; a bundle that differs is refused", async () => {
    const cdnPage = readFileSync(join(repoRoot, 'docs/site/cdn.html'), 'utf8');
    const pinned = [...cdnPage.matchAll(/<pre[^>]*><code[^>]*>([\s\S]*?)<\/code><\/pre>/g)].map((m) => unescapeHtml(m[1]!)).find((s) => s.includes('integrity='));
    expect(pinned, 'the CDN guide has a pinned snippet').to.be.a('string');
    const bundle = readFileSync(join(cdnRoot, 'components/index.js'));
    expect(pinned).to.contain(`@citiesoflearning/components@${version}/cdn/components/index.js`);
    expect(pinned).to.contain(`integrity="${sha384(bundle)}"`);
    // Every element's page shows its own bundle's hash; the guide's table lists them all.
    for (const name of ['col-badge', 'col-badge-list', 'col-badge-verify', 'col-badge-claim', 'col-pathway', 'col-opportunities', 'col-impact', 'col-skills']) {
      const hash = sha384(readFileSync(join(cdnRoot, name, 'index.js')));
      expect(unescapeHtml(readFileSync(join(repoRoot, 'docs/site/elements', `${name}.html`), 'utf8')), `${name}'s page`).to.contain(`integrity="${hash}"`);
      expect(cdnPage, `${name} in the CDN guide's table`).to.contain(hash);
    }

    const markup = `<meta name="col:api" content="${apiUrl}">\n${pinned}\n<col-badge key="digital-foundations"></col-badge>`;
    const url = site.put('/pinned.html', pageAround('Pinned', markup));
    const good = await newcomerPage(browser);
    await good.page.goto(url);
    await good.page.locator('col-badge [part~="name"]', { hasText: 'Digital Foundations' }).waitFor({ timeout: 30_000 });
    expect([...good.cdnVersions], 'the pinned version').to.deep.equal([version]);
    expect(good.offMachine).to.deep.equal([]);
    expect(good.problems).to.deep.equal([]);
    await good.page.close();

    // One byte more in the entry file, as a compromised CDN might serve: the browser runs nothing.
    const bad = await newcomerPage(browser, { tamper: (path, bytes) => (path === 'cdn/components/index.js' ? Buffer.concat([bytes, Buffer.from('\n')]) : bytes) });
    await bad.page.goto(url);
    await bad.page.waitForFunction(() => document.readyState === 'complete');
    expect(await bad.page.evaluate(() => customElements.get('col-badge') === undefined), 'col-badge is not defined').to.equal(true);
    expect(bad.problems.join('\n')).to.match(/integrity/i);
    await bad.page.close();
  });
});
