// Time to render 100 <col-badge> cards in headless Chromium (the CDN bundle, as a page loads
// it), next to the same 100 cards built by hand with core's normalize() and DOM calls — the
// "rival" every web developer has: no element at all. Pages are served on loopback only and
// every request elsewhere (the fixture's image hosts) is refused.
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, extname, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { chromium } from 'playwright-core';
import { entries, litCssMinify } from '../rollup.config.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const CARDS = 100;
const RUNS = 7;
const FIXTURE = join(root, 'fixtures', 'dcc/verifiableCredentials/v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.json');

const BASELINE = `import { normalize } from '@citiesoflearning/core';
export function renderCards(container, credential, count) {
  for (let i = 0; i < count; i++) {
    const badge = normalize(credential, { lang: 'en-GB' });
    const card = document.createElement('article');
    const img = document.createElement('img');
    if (badge.image) { img.src = badge.image.url; img.alt = badge.image.alt; card.append(img); }
    const name = document.createElement('h3'); name.textContent = badge.name;
    const issuer = document.createElement('p'); issuer.textContent = 'Issued by ' + (badge.issuer.name ?? '');
    const date = document.createElement('p'); date.textContent = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date(badge.issuedOn));
    const description = document.createElement('p'); description.textContent = badge.description ?? '';
    card.append(name, issuer, date, description);
    container.append(card);
  }
}`;

async function bundle(source, dir) {
  const build = await rollup({
    input: 'entry',
    plugins: [{ name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? source : null) }, litCssMinify(),
      nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] }), commonjs(), terser()],
    onwarn: () => {},
  });
  await build.write({ dir, format: 'es', entryFileNames: 'index.js', chunkFileNames: '[name]-[hash].js' });
  await build.close();
}

const PAGE = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>bench</title></head><body><div id="out"></div>
<script type="module">
  import { ColBadge } from './col-badge/index.js';
  import { renderCards } from './baseline/index.js';
  const credential = await (await fetch('./credential.json')).json();
  const out = document.getElementById('out');
  const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  globalThis.timeElements = async (count) => {
    out.replaceChildren();
    await settle();
    const start = performance.now();
    let loaded = 0;
    const done = new Promise((resolve) => out.addEventListener('col-loaded', () => { if (++loaded === count) resolve(); }));
    for (let i = 0; i < count; i++) { const el = document.createElement('col-badge'); el.credential = credential; el.noActions = true; out.append(el); }
    await done;
    await Promise.all([...out.children].map((el) => el.updateComplete));
    out.getBoundingClientRect(); // force layout
    return performance.now() - start;
  };
  globalThis.timeBaseline = async (count) => {
    out.replaceChildren();
    await settle();
    const start = performance.now();
    renderCards(out, credential, count);
    out.getBoundingClientRect();
    return performance.now() - start;
  };
  globalThis.ready = true;
</script></body></html>`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run({ log = console.log } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'col-bench-render-'));
  const server = createServer(async (req, res) => {
    try {
      const path = join(dir, new URL(req.url, 'http://x').pathname.replace(/\/$/, '/index.html'));
      if (!path.startsWith(dir)) throw new Error('outside');
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' }[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  let browser;
  try {
    await bundle(entries['col-badge'], join(dir, 'col-badge'));
    await bundle(BASELINE, join(dir, 'baseline'));
    await writeFile(join(dir, 'credential.json'), await readFile(FIXTURE));
    await writeFile(join(dir, 'index.html'), PAGE);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${server.address().port}`;
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    const page = await browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => globalThis.ready === true);
    await page.evaluate((n) => globalThis.timeElements(n), CARDS); // warm up: loads the reader chunk
    await page.evaluate((n) => globalThis.timeBaseline(n), CARDS);
    const ours = [];
    const theirs = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(await page.evaluate((n) => globalThis.timeElements(n), CARDS));
      theirs.push(await page.evaluate((n) => globalThis.timeBaseline(n), CARDS));
    }
    const result = { cards: CARDS, runs: RUNS, colBadgeMs: median(ours), handWrittenMs: median(theirs) };
    log(`${CARDS} <col-badge> cards rendered in ${result.colBadgeMs.toFixed(1)} ms (median of ${RUNS}); ` +
      `the same cards by hand with normalize() + DOM calls: ${result.handWrittenMs.toFixed(1)} ms (${(result.colBadgeMs / result.handWrittenMs).toFixed(2)}× the hand-written time)`);
    return { bench: 'components-render', results: result };
  } finally {
    await browser?.close();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
