// How long `<col-pathway>` takes to evaluate and render a 100-requirement pathway in Chromium.
// (What each element costs a page up front, with the budgets, is in bundle-size.bench.mjs.)
//
// Nobody ships an embeddable pathway tracker to compare with, so the render time is measured
// against a floor in the same run: the same nested list built by hand with `createElement`
// (no framework, no evaluation, no localization). The ratio is what the element's evaluation,
// templates and words cost on top of the bare DOM.
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { chromium } from 'playwright-core';

const plugins = () => [nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'] }), commonjs(), terser()];
const virtual = (source) => ({ name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? source : null) });

/** One self-contained script (lazy chunks inlined) that defines <col-pathway>. */
async function pathwayScript() {
  const bundle = await rollup({ input: 'entry', plugins: [virtual("import '@citiesoflearning/components/col-pathway/define.js';"), ...plugins()], onwarn: () => {} });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  return output[0].code;
}

/** In the page: build a 10 × 10 pathway and 40 records, then time `runs` renders of each kind. */
function measureInPage(runs) {
  const pathway = {
    id: 'urn:bench', version: '1', name: 'Bench pathway',
    root: { type: 'group', id: 'root', children: Array.from({ length: 10 }, (_, g) => ({
      type: 'group', id: `g${g}`, title: `Step ${g + 1}`, min: 3,
      children: Array.from({ length: 10 }, (_, b) => ({ type: 'badge', id: `b${g}-${b}`, title: `Badge ${g}.${b}`, badge: { id: `urn:b${g}-${b}` } })),
    })) },
  };
  const records = Array.from({ length: 40 }, (_, i) => ({ achievement: `urn:b${i % 10}-${Math.floor(i / 10)}`, issuedOn: '2026-01-01T00:00:00Z', status: 'claimed' }));
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return (async () => {
    const element = [];
    const floor = [];
    for (let run = 0; run < runs; run++) {
      const el = document.createElement('col-pathway');
      const start = performance.now();
      document.body.append(el);
      el.credentials = records;
      el.pathway = pathway;
      await el.updateComplete;
      el.getBoundingClientRect(); // include layout
      element.push(performance.now() - start);
      el.remove();

      const t0 = performance.now();
      const list = document.createElement('ol');
      for (const group of pathway.root.children) {
        const item = document.createElement('li');
        item.textContent = group.title;
        const inner = document.createElement('ol');
        for (const leaf of group.children) {
          const li = document.createElement('li');
          li.textContent = leaf.title;
          inner.append(li);
        }
        item.append(inner);
        list.append(item);
      }
      document.body.append(list);
      list.getBoundingClientRect();
      floor.push(performance.now() - t0);
      list.remove();
    }
    return { elementMs: median(element), floorMs: median(floor), count: document.querySelectorAll('col-pathway').length };
  })();
}

export async function run({ log = console.log } = {}) {
  const results = {};

  const script = await pathwayScript();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.setContent('<!doctype html><html lang="en-GB"><body></body></html>');
    await page.addScriptTag({ content: script, type: 'module' });
    await page.waitForFunction(() => customElements.get('col-pathway') !== undefined);
    const timing = await page.evaluate(measureInPage, 25);
    results['col-pathway-100'] = timing;
    log(`<col-pathway>, 100 requirements (10 groups of "3 of 10", 40 records): ${timing.elementMs.toFixed(1)} ms median to evaluate, render and lay out; ` +
      `the same list by hand with createElement: ${timing.floorMs.toFixed(2)} ms (${(timing.elementMs / Math.max(timing.floorMs, 0.01)).toFixed(0)}× the bare-DOM floor)`);
  } finally {
    await browser.close();
  }
  return { bench: 'components-pathway-render', results };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
