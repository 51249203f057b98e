// The React example (examples/react: React 19 + the elements, bundled by esbuild) as a learner
// uses it, served by `colearn serve --demo`: a badge is claimed through <col-badge-claim>, React
// state takes it from the `col-claimed` event, renders it as a <col-badge> (credential passed as
// a property) and hands the list to <col-pathway>, whose `col-progress` event updates React.
import { describe, it, before, after, expect } from '@col/harness';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('the React example served by colearn serve --demo', () => {
  let server: ChildProcess;
  let apiUrl = '';
  let stderr = '';
  let browser: Browser;
  let data = '';

  before(async () => {
    // npm start builds it; build it here from today's sources and elements.
    const built = spawnSync(process.execPath, [join(repoRoot, 'examples/react/build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`building the React example failed: ${built.stderr}`);
    data = await mkdtemp(join(tmpdir(), 'col-react-example-'));
    server = spawn(process.execPath, [bin, 'serve', '--demo', '--port', '0', '--host', '127.0.0.1', '--data', data], { env: { ...process.env, COL_ADMIN_KEY: 'react-example-admin-key-0123' } });
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

  it('claims a badge; React renders it as a <col-badge> and the pathway moves to 50%', async () => {
    const code = /demo claim code for digital-foundations: (\S+)/.exec(stderr)?.[1];
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
