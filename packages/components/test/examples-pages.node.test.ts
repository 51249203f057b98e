// End to end, as an employer, a place team and a newcomer reading the docs meet them:
// `colearn serve --demo` (what `npm start` runs) serves examples/jobs.html, examples/pathway.html,
// the impact and skills pages (with the demo place's real figures and the demo learner's real
// badges) and the documentation site at /docs/, opened in real Chromium under their strict CSPs.
import { describe, it, before, after, expect } from '@col/harness';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, buildExamplesBundle, launchChromium, repoRoot, startDemoServer, type DemoServer } from '@col/harness/node';
import type { Browser, Page } from 'playwright-core';

/** Script errors and CSP violations on a page, collected as they happen. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  return problems;
}

interface Element { tagName: string; attributes?: Array<{ name: string }>; events?: Array<{ name: string }>; cssParts?: Array<{ name: string }>; cssProperties?: Array<{ name: string }>; slots?: Array<{ name: string }>; members?: Array<{ kind: string; name: string; static?: boolean; privacy?: string }> }

describe('the job portal, pathway page and docs served by colearn serve --demo', () => {
  let demo: DemoServer;
  let apiUrl = '';
  let browser: Browser;
  let credential: Record<string, unknown> & { credentialSubject: { achievement: { name: string } } };

  before(async () => {
    // npm start builds the pages' bundle and the docs; build them here when missing or stale.
    buildExamplesBundle();
    // The docs exactly as `npm start` builds them: the pages and guides regenerated from today's
    // manifest, the API reference (TypeDoc, a minute) only when none is built — a fresh clone's
    // /docs/ has one too (the links test below fetches it).
    const startDocs = /node scripts\/docs\.mjs( --[a-z-]+)*/.exec(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.start as string)?.[0];
    expect(startDocs, 'npm start builds the docs').to.equal('node scripts/docs.mjs --api-if-missing');
    const docs = spawnSync(process.execPath, [join(repoRoot, 'scripts/docs.mjs'), '--api-if-missing'], { cwd: repoRoot, encoding: 'utf8' });
    if (docs.status !== 0) throw new Error(`npm run docs failed: ${docs.stderr}`);
    demo = await startDemoServer({ name: 'examples-pages', adminKey: 'examples-pages-admin-key-0123' });
    apiUrl = demo.url;
    // A learner's badge, claimed with the code the demo printed (as a candidate would hold it).
    const code = demo.claimCode('digital-foundations');
    const response = await fetch(`${apiUrl}/api/v1/claims`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ achievement: 'digital-foundations', code, recipient: { email: 'candidate@example.org' } }),
    });
    expect(response.status).to.equal(201);
    credential = (await response.json()).credential;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("job portal: a candidate's genuine badge is verified and listed; a tampered one is not", async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${apiUrl}/examples/jobs.html`);
    await page.locator('col-badge-verify textarea').waitFor();
    expect(await axeViolations(page), 'axe, before checking').to.deep.equal([]);

    await page.fill('col-badge-verify textarea', JSON.stringify(credential));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.locator('#shortlist tbody tr').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('col-badge-verify [part~="verdict"]').textContent()).to.contain('Verified');
    expect(await page.locator('#shortlist tbody tr').first().locator('td').allTextContents())
      .to.deep.equal(['Digital Foundations', 'Brightwater Libraries', 'Genuine and current']);
    expect(await page.locator('#shortlist-empty').isHidden()).to.equal(true);

    const forged = structuredClone(credential);
    forged.credentialSubject.achievement.name = 'Digital Foundations (Distinction)';
    await page.fill('col-badge-verify textarea', JSON.stringify(forged));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.locator('#shortlist tbody tr').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.locator('#shortlist tbody tr').nth(1).getAttribute('data-outcome')).to.equal('failed');
    expect(await page.locator('#shortlist tbody tr').nth(1).locator('td').nth(2).textContent()).to.equal('Not genuine or not current');
    expect(await axeViolations(page), 'axe, after checking').to.deep.equal([]);

    // Checked in the browser: the pasted badge was never sent anywhere (only GETs of public documents).
    expect(requested.filter((u) => u.includes('candidate'))).to.deep.equal([]);
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
    expect(stored).to.deep.equal({ local: 0, session: 0, cookie: '' });
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  it('pathway page: a pasted badge moves the progress forward; unreadable text gets a clear message', async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    await page.goto(`${apiUrl}/examples/pathway.html`);
    await page.locator('col-pathway [part~="name"]').waitFor();
    await page.locator('col-opportunities [part~="item"]').first().waitFor();
    const overall = () => page.locator('col-pathway #overall').textContent();
    expect(await overall()).to.contain('0% complete');
    expect(await axeViolations(page), 'axe, no badges yet').to.deep.equal([]);

    await page.getByLabel('Badge (JSON or the JWT text').fill('{"not": "a badge"');
    await page.getByRole('button', { name: 'Add to my pathway' }).click();
    expect(await page.locator('#add-status').textContent()).to.contain('not a badge we can read');

    await page.getByLabel('Badge (JSON or the JWT text').fill(JSON.stringify(credential));
    await page.getByRole('button', { name: 'Add to my pathway' }).click();
    expect(await page.locator('#add-status').textContent()).to.equal('Added. 1 badge counted.');
    await page.waitForFunction(() => document.querySelector('col-pathway')?.shadowRoot?.querySelector('#overall')?.textContent?.includes('50%'));
    expect(await page.title()).to.match(/^50% — /);
    expect(await axeViolations(page), 'axe, progress shown').to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  it("impact page: the place dashboard shows the demo place's real figures — progress toward each priority, withheld figures as \"fewer than 10\", a CSV of each table — asking anonymously", async () => {
    const page = await browser.newPage();
    const problems = watch(page);
    const asked: Array<{ query: string; authorization: string | undefined; cookie: string | undefined }> = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/insight') asked.push({ query: url.search, authorization: request.headers().authorization, cookie: request.headers().cookie });
    });
    // What the demo place publishes, asked from Node: the page must show exactly this.
    const published = async (query: string) => (await (await fetch(`${apiUrl}/api/v1/insight?${query}`)).json()) as {
      threshold: number; rows: Array<{ label: string; cells: Record<string, { value: number | null }>; target?: { value: number; progress: { value: number | null } } }>;
    };
    const priorities = await published('by=priority');
    const months = await published('by=month');
    await page.goto(`${apiUrl}/examples/impact.html`);
    for (const id of ['priorities', 'months', 'providers', 'areas']) await page.locator(`#${id} svg[role="img"]`).waitFor();

    const figure = (cell: { value: number | null }) => (cell.value === null ? `fewer than ${priorities.threshold}` : cell.value.toLocaleString('en-GB'));
    const targets = priorities.rows.filter((r) => r.target);
    expect(targets.length, 'the demo place has priorities with targets').to.be.greaterThan(0);
    expect(await page.locator('#priorities svg text.value').allTextContents()).to.deep.equal(targets.map((r) => `${figure(r.target!.progress)} / ${r.target!.value.toLocaleString('en-GB')}`));
    const met = targets.filter((r) => r.target!.progress.value !== null && r.target!.progress.value >= r.target!.value).length;
    expect(await page.locator('#priorities [part~="summary"]').textContent()).to.match(new RegExp(`^${met} of ${targets.length} priorities have reached their target; furthest along is .+, at \\d+%\\.$`));
    await page.locator('#priorities').getByRole('button', { name: 'Show as a table' }).click();
    expect(await page.locator('#priorities table tbody th').allTextContents()).to.deep.equal(priorities.rows.map((r) => r.label));

    // Month by month, as a table: the withheld months (if any) say so, never 0.
    await page.locator('#months').getByRole('button', { name: 'Show as a table' }).click();
    const monthCells = await page.locator('#months table tbody tr').evaluateAll((rows) => rows.map((tr) => [...tr.children].map((c) => c.textContent!.trim())));
    const measures = ['issued', 'claimed', 'revoked', 'pathwayStarts', 'pathwayCompletions', 'opportunities'];
    expect(monthCells.map((r) => r.slice(1))).to.deep.equal(months.rows.map((r) => measures.map((m) => figure(r.cells[m]!))));
    const withheld = months.rows.flatMap((r) => measures.filter((m) => r.cells[m]!.value === null)).length;
    expect(await page.locator('#months td.suppressed').count()).to.equal(withheld);
    if (withheld) expect(await page.locator('#months td.suppressed').first().textContent()).to.equal('fewer than 10');

    // Each view offers its table as CSV: a link to the API with the view's filters and nothing else.
    const csv = new URL((await page.locator('#providers').getByRole('link', { name: 'Download this table (CSV)' }).getAttribute('href'))!);
    expect(Object.fromEntries(csv.searchParams)).to.deep.equal({ by: 'provider', format: 'csv' });
    // Pressed, it downloads a .csv file (not a page): the same providers as the table shows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#providers').getByRole('link', { name: 'Download this table (CSV)' }).click()]);
    expect(download.suggestedFilename()).to.match(/\.csv$/);
    const csvLines = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    expect(csvLines[0]).to.match(/^key,label,issued,/);
    const providers = await published('by=provider');
    expect(csvLines.slice(1, -1).map((l) => l.split(',')[1])).to.deep.equal(providers.rows.map((r) => r.label));

    expect(asked.map((a) => new URLSearchParams(a.query).get('by')).sort()).to.deep.equal(['area', 'month', 'priority', 'provider']);
    expect(asked.every((a) => !a.authorization && !a.cookie), 'no key or cookie leaves the page').to.equal(true);
    expect(await axeViolations(page), 'axe, tables shown').to.deep.equal([]);
    await page.locator('#providers').getByRole('button', { name: 'Show as a table' }).click();
    expect(await page.locator('#providers table tbody tr').count()).to.equal((await published('by=provider')).rows.length);
    expect(await axeViolations(page), 'axe, charts and tables').to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  it("skills page: the demo learner's badges become a verified skills summary with the revoked one set apart; added badges join it; the downloaded skills file opens in the employer's verifier", async () => {
    const learner = (await (await fetch(`${apiUrl}/api/v1/demo/learner`)).json()) as { credentials: Array<{ credential: { id: string; credentialSubject: { achievement: { name: string } } } }> };
    expect(learner.credentials).to.have.length(12);
    const page = await browser.newPage();
    const problems = watch(page);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent.push(`${request.method()} ${request.url()}`);
    });
    await page.goto(`${apiUrl}/examples/skills.html`);
    await page.locator('col-skills [part~="set-apart"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('#demo-status').textContent()).to.equal("Showing the demo learner's 12 badges. Add your own below.");
    const text = async () => (await page.locator('col-skills').evaluate((el) => el.shadowRoot!.textContent!)).replace(/\s+/g, ' ');
    expect(await text()).to.match(/11 verified badges show \d+ skills\./);
    const setApart = (await page.locator('col-skills [part~="set-apart"]').textContent())!.replace(/\s+/g, ' ');
    expect(setApart).to.contain('Youth Volunteer');
    expect(setApart).to.contain('withdrawn by the issuer');
    for (const held of learner.credentials.filter((c) => c.credential.credentialSubject.achievement.name !== 'Youth Volunteer')) {
      expect(setApart, `${held.credential.credentialSubject.achievement.name} counts`).to.not.contain(held.credential.credentialSubject.achievement.name);
    }
    expect(await page.locator('col-skills [part~="summary"]').textContent()).to.contain('Foundation skills');
    expect(await axeViolations(page), 'axe, the demo learner\'s summary').to.deep.equal([]);

    const forged = structuredClone(credential);
    forged.credentialSubject.achievement.name = 'Digital Foundations (Distinction)';
    for (const badge of [credential, forged]) {
      await page.getByLabel('Badge (JSON or the JWT text').fill(JSON.stringify(badge));
      await page.getByRole('button', { name: 'Add to my skills' }).click();
    }
    await page.waitForFunction(() => document.querySelector('col-skills')?.shadowRoot?.textContent?.includes('changed since it was issued'), undefined, { timeout: 60_000 });
    expect(await text()).to.match(/12 verified badges show \d+ skills\./);
    expect(await axeViolations(page), 'axe, summary shown').to.deep.equal([]);
    expect(sent, 'nothing sent before the learner shares').to.deep.equal([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download skills file' }).click()]);
    expect(download.suggestedFilename()).to.equal('skills.json');
    const file = await download.path();
    const vp = JSON.parse(readFileSync(file, 'utf8')) as { type: string[]; verifiableCredential: Array<{ id: string }> };
    expect(vp.type).to.deep.equal(['VerifiablePresentation', 'ColSkillsSummary']);
    const verifiedIds = [...learner.credentials.filter((c) => c.credential.credentialSubject.achievement.name !== 'Youth Volunteer').map((c) => c.credential.id), credential.id as string];
    expect(vp.verifiableCredential.map((c) => c.id).sort(), 'only the verified badges').to.deep.equal(verifiedIds.sort());
    expect(sent, 'a download sends nothing').to.deep.equal([]);
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
    expect(stored).to.deep.equal({ local: 0, session: 0, cookie: '' });
    expect(await page.content(), 'the demo learner\'s email is not in the page').to.not.contain('demo.learner@');

    await page.goto(`${apiUrl}/examples/jobs.html`);
    await page.locator('col-badge-verify input[type="file"]').setInputFiles(file);
    await page.locator('col-badge-verify [part~="summary"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('col-badge-verify [part~="verdict"]').textContent()).to.contain('Skills file: 12 of 12 badges verified.');
    expect(await page.locator('col-badge-verify [part~="summary"]').textContent()).to.contain('Foundation skills');
    expect(await axeViolations(page), 'axe, the employer sees the summary').to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  it('docs: /docs/ is served, every page passes axe under its CSP and has no inline script or style', async () => {
    const site = join(repoRoot, 'docs/site');
    const pages = readdirSync(site, { recursive: true }).map(String)
      .filter((f) => f.endsWith('.html') && !f.startsWith('api'));
    expect(pages).to.include.members(['index.html', 'start-provider.html', 'start-employer.html', 'start-place.html', 'start-integrator.html', 'start-operator.html', 'theming.html', 'localization.html', 'security.html', 'cdn.html', 'editors.html', 'elements/col-badge.html']);
    for (const file of pages) {
      const html = readFileSync(join(site, file), 'utf8');
      expect(html, file).to.not.match(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, file).to.not.match(/<style|\sstyle=/);
      expect(html, file).to.contain("script-src 'self'; style-src 'self'");
    }
    const home = await fetch(`${apiUrl}/docs/`);
    expect(home.status).to.equal(200);
    expect(await home.text()).to.contain('<h1>Cities of Learning SDK</h1>');
    expect((await fetch(`${apiUrl}/docs`, { redirect: 'manual' })).headers.get('location')).to.equal('/docs/');
    for (const attack of ['/docs/..%2f..%2fpackage.json', '/docs/%2e%2e/%2e%2e/package.json', '/docs/x%00.html', '/docs/%E0%A4%A']) {
      expect((await fetch(`${apiUrl}${attack}`)).status, attack).to.equal(404);
    }

    // Every link between the pages, into the API reference and to the examples resolves.
    const links = new Set<string>();
    for (const file of pages) {
      const base = new URL(`/docs/${file}`, apiUrl);
      for (const [, href] of readFileSync(join(site, file), 'utf8').matchAll(/href="([^"#]+)/g)) {
        if (!/^(https?:|data:|mailto:)/.test(href!)) links.add(new URL(href!.replaceAll('&amp;', '&'), base).pathname);
      }
    }
    expect(links).to.include('/docs/api/modules/_citiesoflearning_verify.html');
    expect(links).to.include('/examples/jobs.html');
    for (const link of links) expect((await fetch(new URL(link, apiUrl))).status, link).to.equal(200);

    const page = await browser.newPage();
    const problems = watch(page);
    for (const file of pages.filter((f) => !f.startsWith('elements/col-'))) {
      await page.goto(`${apiUrl}/docs/${file}`);
      expect(await axeViolations(page), `axe, ${file}`).to.deep.equal([]);
    }
    expect(problems).to.deep.equal([]);
    await page.close();
  });

  it("docs: each element's page lists everything in custom-elements.json and its live demo runs against the server", async () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages/components/custom-elements.json'), 'utf8')) as { modules: Array<{ declarations?: Element[] }> };
    const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
    expect(elements.map((e) => e.tagName).sort()).to.deep.equal(['col-badge', 'col-badge-claim', 'col-badge-list', 'col-badge-verify', 'col-impact', 'col-opportunities', 'col-pathway', 'col-skills']);
    const page = await browser.newPage();
    const problems = watch(page);
    for (const el of elements) {
      await page.goto(`${apiUrl}/docs/elements/${el.tagName}.html`);
      const rows = (table: string) => page.locator(`table[aria-labelledby="${table}"] tbody th`).allTextContents();
      const names = (list?: Array<{ name: string }>) => (list ?? []).map((x) => x.name || '(default)');
      expect(await rows('attributes'), `${el.tagName} attributes`).to.deep.equal(names(el.attributes));
      expect(await rows('events'), `${el.tagName} events`).to.deep.equal(names(el.events));
      expect(await rows('css-parts'), `${el.tagName} parts`).to.deep.equal(names(el.cssParts));
      expect(await rows('css-custom-properties'), `${el.tagName} CSS properties`).to.deep.equal(names(el.cssProperties));
      expect(await rows('slots'), `${el.tagName} slots`).to.deep.equal(names(el.slots));
      const fields = (el.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.privacy).map((m) => m.name);
      expect(await rows('properties'), `${el.tagName} properties`).to.deep.equal(fields);
      // The CDN snippet carries the bundle's integrity hash when the CDN build has run.
      const cdnFile = join(repoRoot, 'packages/components/cdn', el.tagName, 'index.js');
      if (existsSync(cdnFile)) expect(await page.locator('#install ~ pre').nth(2).textContent()).to.match(/integrity="sha384-[A-Za-z0-9+/]{64}"/);
      // The live demo is the real element, upgraded and talking to this server.
      await page.waitForFunction((tag) => customElements.get(tag) !== undefined && document.querySelector(`.demo ${tag}`)?.shadowRoot?.childElementCount, el.tagName);
      if (el.tagName === 'col-pathway') await page.locator('.demo col-pathway [part~="name"]').waitFor();
      if (el.tagName === 'col-badge') await page.locator('.demo col-badge [part~="name"]', { hasText: 'Digital Foundations' }).waitFor();
      if (el.tagName === 'col-opportunities') await page.locator('.demo col-opportunities [part~="item"]').first().waitFor();
      // The demo place's published priorities, and the demo learner's badges, from this server.
      if (el.tagName === 'col-impact') await page.locator('.demo col-impact svg[role="img"] rect.track').first().waitFor();
      if (el.tagName === 'col-skills') {
        await page.locator('.demo col-skills [part~="set-apart"]').waitFor({ timeout: 60_000 });
        expect(await page.locator('.demo col-skills [part~="set-apart"]').textContent(), 'the revoked badge set apart').to.contain('Youth Volunteer');
      }
      expect(await axeViolations(page), `axe, ${el.tagName}`).to.deep.equal([]);
    }
    expect(problems).to.deep.equal([]);
    await page.close();
  });
});
