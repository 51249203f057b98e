// The React example (examples/react: React 19 + the elements, bundled by esbuild) as a learner
// uses it, served by `colearn serve --demo`: a badge is claimed through <col-badge-claim>, React
// state takes it from the `col-claimed` event, renders it as a <col-badge> (credential passed as
// a property) and hands the list to <col-pathway>, whose `col-progress` event updates React.
import { describe, it, before, after, expect } from '@col/harness';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { axeViolations, launchChromium, repoRoot, startDemoServer, type DemoServer } from '@col/harness/node';
import type { Browser } from 'playwright-core';

describe('the React example served by colearn serve --demo', () => {
  let demo: DemoServer;
  let apiUrl = '';
  let browser: Browser;

  before(async () => {
    // npm start builds it; build it here from today's sources and elements.
    const built = spawnSync(process.execPath, [join(repoRoot, 'examples/react/build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`building the React example failed: ${built.stderr}`);
    demo = await startDemoServer({ name: 'react-example', adminKey: 'react-example-admin-key-0123' });
    apiUrl = demo.url;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('claims a badge; React renders it as a <col-badge> and the pathway moves to 50%', async () => {
    const code = demo.claimCode('digital-foundations');
    expect(code, 'the demo prints a claim code').to.be.a('string');
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const failed: string[] = [];
    page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`); });
    // Chromium logs every 4xx response as a console error; those are checked below, one by one.
    page.on('console', (message) => { if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text()); });
    await page.goto(`${apiUrl}/examples/react/`);
    // The pathway got its key through React's ref (React keeps `key` for itself) and loaded.
    await page.locator('col-pathway [part~="name"]').waitFor();
    expect(await page.locator('#held-count').textContent()).to.equal('No badges yet.');
    expect(await page.locator('col-pathway #overall').textContent()).to.contain('0% complete');
    expect(await axeViolations(page), 'axe, before claiming').to.deep.equal([]);

    // A wrong code first: the col-claim-error event reaches React state.
    await page.getByRole('button', { name: 'Claim your badge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Claim your badge' });
    await dialog.waitFor();
    await page.keyboard.type('WRONG-CODE-0000');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('react.learner@example.org');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: /code/i }).first().waitFor({ timeout: 20_000 });

    // Then the right one.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Claim your badge' }).click();
    await dialog.waitFor();
    const codeField = page.locator('col-badge-claim input').first();
    await codeField.fill(code!);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('react.learner@example.org');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Your badge is ready' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');

    // React state: one badge, rendered by React as a <col-badge> from the credential property.
    await page.locator('ul.badges col-badge [part~="name"]').waitFor();
    expect(await page.locator('ul.badges col-badge [part~="name"]').textContent()).to.equal('Digital Foundations');
    expect(await page.locator('ul.badges col-badge').evaluate((el) => typeof (el as unknown as { credential: unknown }).credential)).to.equal('object');
    // The pathway took the array as a property, and its col-progress event updated React.
    await page.waitForFunction(() => document.querySelector('#held-count')?.textContent === '1 badge, 50% of the pathway.');
    expect(await page.locator('col-pathway #overall').textContent()).to.contain('50% complete');
    expect(await page.getByRole('alert').count(), 'the earlier error cleared').to.equal(0);
    expect(await axeViolations(page), 'axe, after claiming').to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    expect(failed, 'the only failed request is the wrong code').to.deep.equal(['POST /api/v1/claims 404']);
    await page.close();
  });
});
