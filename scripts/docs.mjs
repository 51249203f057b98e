#!/usr/bin/env node
// `npm run docs`: the documentation site in docs/site/, served by `npm start` at /docs/.
//
// Static HTML with a strict CSP (no inline script or style: one stylesheet, one module script
// for the live demos). Guides are Markdown in docs/guides/ (rendered without raw HTML); each
// element's reference — attributes, properties, methods, events, slots, parts, CSS custom
// properties — is generated from the components package's custom-elements.json, so it cannot
// drift from the code. The TypeDoc API reference of every package goes to docs/site/api/.
//
//   --no-api          skip TypeDoc (the element pages and guides only; an api/ built before is kept).
//   --api-if-missing  run TypeDoc only when no api/ has been built: what `npm start` runs, so a
//                     fresh clone's /docs/ has its API reference, and later starts stay quick.
//   (neither)         build everything: `npm run docs`, and the docs step of `npm test` (the CDN
//                     bundles too, when missing or stale: the pages show their integrity hashes).
//
// Needs `npm run build` first (dist/ and custom-elements.json).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { cdnIntegrity } from './sri.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'docs/site');
const apiBuilt = existsSync(join(out, 'api', 'index.html'));
const withApi = process.argv.includes('--no-api') ? false : process.argv.includes('--api-if-missing') ? !apiBuilt : true;
const manifestPath = join(root, 'packages/components/custom-elements.json');
if (!existsSync(manifestPath)) {
  console.error('docs: packages/components/custom-elements.json is missing — run `npm run build` first.');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const version = JSON.parse(readFileSync(join(root, 'packages/components/package.json'), 'utf8')).version;
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
// Guides link to each other as .md files (readable on GitHub); the site serves .html.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx].attrGet('href') ?? '';
  if (!/^[a-z]+:/i.test(href)) tokens[idx].attrSet('href', href.replace(/\.md(#|$)/, '.html$1'));
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
/** Manifest descriptions are short Markdown (backticks, links): render them inline. */
const inline = (s) => md.renderInline(String(s ?? ''));

// The CSP of every generated page. connect-src/img-src 'self': the live demos talk to the server
// that serves the docs (npm start); data: for the elements' placeholder images.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

const elements = manifest.modules
  .flatMap((mod) => (mod.declarations ?? []).filter((d) => d.tagName).map((d) => ({ ...d, module: mod.path })))
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

const guides = [
  ['start-provider', 'Course providers: a claim button and a badge on your course page'],
  ['start-employer', 'Employers: a verify widget on your job portal'],
  ['start-place', 'Place teams: a pathway tracker'],
  ['start-integrator', 'Integrators: the Node client, bulk awards and the CLI'],
  ['start-operator', 'Operators: self-hosting, TLS, backups and keys'],
  ['impact', 'Place teams and providers: priorities and impact'],
  ['skills', 'Learners: share your verified skills with an employer'],
  ['insight', 'Place teams and integrators: priorities and insight over the API'],
  ['theming', 'Theming'],
  ['localization', 'Localization'],
  ['security', 'Security and privacy'],
  ['cdn', 'Loading the elements from a CDN'],
  ['editors', 'Autocompletion in your editor'],
];

function page({ title, body, depth = 0, demo = false, demoScript }) {
  const up = '../'.repeat(depth);
  const nav = [
    `<a href="${up}index.html">Home</a>`,
    ...guides.slice(0, 5).map(([slug, t]) => `<a href="${up}${slug}.html">${esc(t.split(':')[0])}</a>`),
    `<a href="${up}elements/index.html">Elements</a>`,
    `<a href="${up}api/index.html">API reference</a>`,
  ].join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${CSP}">
  <title>${esc(title)} — Cities of Learning SDK</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${up}assets/docs.css">
${demo ? `  <script type="module" src="${up}assets/demo.js"></script>\n` : ''}${demoScript ? `  <script type="module" src="${up}assets/${demoScript}"></script>\n` : ''}</head>
<body>
  <a class="skip" href="#main">Skip to content</a>
  <header>
    <p class="brand"><a href="${up}index.html">Cities of Learning SDK</a> <span class="version">${esc(version)}</span></p>
    <nav aria-label="Documentation">
      ${nav}
    </nav>
  </header>
  <main id="main">
${body.replaceAll('<pre>', '<pre tabindex="0">') /* long lines scroll: keyboard users must reach them */}
  </main>
  <footer><p>MIT licensed. Generated by <code>npm run docs</code>; element reference from <code>custom-elements.json</code>.</p></footer>
</body>
</html>
`;
}

function table(caption, head, rows) {
  if (!rows.length) return `<h2>${esc(caption)}</h2>\n<p class="none">None.</p>`;
  const id = caption.toLowerCase().replace(/[^a-z]+/g, '-');
  return `<h2 id="${id}">${esc(caption)}</h2>
<div class="scroll" tabindex="0" role="region" aria-labelledby="${id}"><table aria-labelledby="${id}">
  <thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
  <tbody>
${rows.map((r) => `    <tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`).join('\n')}
  </tbody>
</table></div>`;
}

// What each live demo shows: markup a developer can copy, wired to the server serving the docs.
const DEMOS = {
  'col-badge': '<col-badge key="digital-foundations"></col-badge>',
  'col-badge-list': '<col-badge-list layout="compact" page-size="4"></col-badge-list>',
  'col-badge-verify': '<col-badge-verify></col-badge-verify>',
  'col-badge-claim': '<col-badge-claim achievement="digital-foundations"></col-badge-claim>',
  'col-pathway': '<col-pathway key="digital-ready-brightwater" heading-level="3"></col-pathway>',
  'col-opportunities': '<col-opportunities page-size="3" heading-level="3"></col-opportunities>',
  // What the demo place publishes (the demo server turns publishing on).
  'col-impact': '<col-impact by="priority" view="progress" heading-level="3"></col-impact>',
  // Handed the demo learner's badges (a property, set by DEMO_SCRIPTS below): see the learners' guide.
  'col-skills': '<col-skills heading-level="3"></col-skills>',
};

// A demo that needs data a page hands over (a property, not markup) gets a small module, written
// into the site's assets, after demo.js has pointed the elements at the server.
const DEMO_SCRIPTS = {
  'col-skills': {
    file: 'skills-demo.js',
    source: `// Written by scripts/docs.mjs: <col-skills>'s live demo holds the demo learner's badges
// (GET /api/v1/demo/learner on the demo server, \`npm start\`), as examples/skills.html does.
import { demoLearnerCredentials } from '/examples/demo-learner.js';

document.querySelector('.demo col-skills').credentials = await demoLearnerCredentials();
`,
  },
};

function elementPage(el, sri) {
  const code = (s) => `<code>${esc(s)}</code>`;
  const fields = (el.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.privacy);
  const methods = (el.members ?? []).filter((m) => m.kind === 'method' && !m.static && !m.privacy);
  // An attribute's default is usually recorded on the property it reflects.
  const defaultOf = (a) => a.default ?? fields.find((f) => f.name === a.fieldName)?.default;
  const attrRows = (el.attributes ?? []).map((a) => [code(a.name), code(a.type?.text ?? ''), a.fieldName ? code(a.fieldName) : '', defaultOf(a) ? code(defaultOf(a)) : '', inline(a.description)]);
  const propRows = fields.map((f) => [code(f.name), code(f.type?.text ?? ''), f.readonly ? 'read-only' : 'read/write', f.default ? code(f.default) : '', inline(f.description)]);
  const methodRows = methods.map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), code(m.return?.type?.text ?? 'void'), inline(m.description)]);
  const eventRows = (el.events ?? []).map((e) => [code(e.name), inline(e.description)]);
  const slotRows = (el.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', inline(s.description)]);
  const partRows = (el.cssParts ?? []).map((p) => [code(p.name), inline(p.description)]);
  const propCss = (el.cssProperties ?? []).map((p) => [code(p.name), p.default ? code(p.default) : '', inline(p.description)]);
  const demo = DEMOS[el.tagName] ?? `<${el.tagName}></${el.tagName}>`;
  const cdn = `https://cdn.jsdelivr.net/npm/@citiesoflearning/components@${version}/cdn/${el.tagName}/index.js`;
  const integrity = sri[el.tagName];
  const cdnSnippet = `<script type="module"\n  src="${cdn}"\n  ${integrity ? `integrity="${integrity}" ` : ''}crossorigin="anonymous"></script>`;
  const body = `<h1>${code(`<${el.tagName}>`)}</h1>
<p class="summary">${inline(el.summary ?? '')}</p>
${md.render(el.description ?? '')}
<h2 id="demo">Live demo</h2>
<p>Running against the server that serves these pages (<code>npm start</code>). The markup:</p>
<pre><code>${esc(demo)}</code></pre>
<div class="demo" role="region" aria-label="Live demo of ${esc(el.tagName)}">
${demo}
</div>
<h2 id="install">Use it</h2>
<p>From npm, with a bundler:</p>
<pre><code>npm install @citiesoflearning/components</code></pre>
<pre><code>import '@citiesoflearning/components/${esc(el.tagName)}/define.js';   // registers &lt;${esc(el.tagName)}&gt;</code></pre>
<p>From a CDN, pinned with subresource integrity (see <a href="../cdn.html">Loading from a CDN</a>):</p>
<pre><code>${esc(cdnSnippet)}</code></pre>
${table('Attributes', ['Attribute', 'Type', 'Property', 'Default', 'Description'], attrRows)}
${table('Properties', ['Property', 'Type', 'Access', 'Default', 'Description'], propRows)}
${table('Methods', ['Method', 'Returns', 'Description'], methodRows)}
${table('Events', ['Event', 'Description'], eventRows)}
${table('Slots', ['Slot', 'Description'], slotRows)}
${table('CSS parts', ['Part', 'Description'], partRows)}
${table('CSS custom properties', ['Property', 'Default', 'Description'], propCss)}
<p>Module: ${code(el.module)}. The class and its types: <a href="../api/classes/_citiesoflearning_components.${esc(el.name)}.html">${code(el.name)} in the API reference</a>.</p>`;
  return page({ title: `<${el.tagName}>`, body, depth: 1, demo: true, demoScript: DEMO_SCRIPTS[el.tagName]?.file });
}

function write(rel, html) {
  const file = join(out, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, html);
}

// Start clean, but --no-api (what `npm start` runs) keeps an API reference built before.
mkdirSync(out, { recursive: true });
for (const name of readdirSync(out)) if (withApi || name !== 'api') rmSync(join(out, name), { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });
copyFileSync(join(root, 'docs/assets/docs.css'), join(out, 'assets/docs.css'));
copyFileSync(join(root, 'docs/assets/demo.js'), join(out, 'assets/demo.js'));
for (const { file, source } of Object.values(DEMO_SCRIPTS)) writeFileSync(join(out, 'assets', file), source);

// `npm run docs` shows each CDN bundle's integrity hash, so it builds the bundles first when any
// is missing or older than the built elements (npm test's CDN step has just built them, and
// `npm start`, with a flag, shows the snippets without hashes rather than wait minutes for them).
if (!process.argv.includes('--no-api') && !process.argv.includes('--api-if-missing')) {
  const ready = spawnSync(process.execPath, [join(root, 'scripts/cdn-ready.mjs')], { cwd: root, encoding: 'utf8' });
  if (ready.status !== 0) {
    console.log('docs: building the CDN bundles, whose integrity hashes the pages show');
    const built = spawnSync(process.execPath, [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent', '--environment', 'COL_BUNDLE:cdn'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
}
const sri = cdnIntegrity(join(root, 'packages/components/cdn'));

// Home.
const home = `<h1>Cities of Learning SDK</h1>
<p class="summary">Issue, show, claim, verify and track Open Badges (2.0 and 3.0) and learning pathways — from a plain HTML page, a Node script or your own server.</p>
<h2>Getting started</h2>
<ul>
${guides.slice(0, 5).map(([slug, t]) => `  <li><a href="${slug}.html">${esc(t)}</a></li>`).join('\n')}
</ul>
<h2>Elements</h2>
<ul>
${elements.map((e) => `  <li><a href="elements/${e.tagName}.html"><code>&lt;${e.tagName}&gt;</code></a> — ${inline(e.summary ?? '')}</li>`).join('\n')}
</ul>
<h2>Guides</h2>
<ul>
${guides.slice(5).map(([slug, t]) => `  <li><a href="${slug}.html">${esc(t)}</a></li>`).join('\n')}
  <li><a href="design.html">Design: the packages and what they promise</a></li>
</ul>
<h2>Reference</h2>
<ul>
  <li><a href="api/index.html">API reference of every package</a> (TypeDoc; <code>npm run docs</code> builds it):
${['core', 'verify', 'client', 'components', 'server', 'cli'].map((p) => `    <a href="api/modules/_citiesoflearning_${p}.html"><code>@citiesoflearning/${p}</code></a>`).join(' ·\n')}</li>
  <li><a href="/api/v1/openapi.json">The server's OpenAPI 3.1 description</a> (when served by <code>npm start</code>)</li>
  <li><a href="/examples/">The examples</a> (when served by <code>npm start</code>)</li>
</ul>`;
write('index.html', page({ title: 'Home', body: home }));
write('elements/index.html', page({
  title: 'Elements',
  depth: 1,
  body: `<h1>Elements</h1>\n<p>Every element of <code>@citiesoflearning/components</code>, its live demo and full reference.</p>\n<ul>\n${elements.map((e) => `  <li><a href="${e.tagName}.html"><code>&lt;${e.tagName}&gt;</code></a> — ${inline(e.summary ?? '')}</li>`).join('\n')}\n</ul>`,
}));
for (const el of elements) write(`elements/${el.tagName}.html`, elementPage(el, sri));

// Guides, the design notes, and the snippet table of CDN hashes.
for (const [slug, title] of guides) {
  let text = readFileSync(join(root, 'docs/guides', `${slug}.md`), 'utf8');
  if (slug === 'cdn') {
    const rows = Object.entries(sri).map(([name, hash]) => `| \`${name}\` | \`${hash}\` |`).join('\n');
    text = text.replace('<!-- integrity table -->', rows ? `| bundle | integrity |\n|---|---|\n${rows}` : '_(build the CDN bundles with `npm run bundle` to list their hashes here)_')
      .replaceAll('{{version}}', version).replaceAll('{{integrity:components}}', sri.components ?? 'sha384-…');
  }
  write(`${slug}.html`, page({ title, body: md.render(text) }));
}
write('design.html', page({ title: 'Design', body: md.render(readFileSync(join(root, 'docs/DESIGN.md'), 'utf8')) }));

if (withApi) {
  // One TypeDoc run writes the HTML reference and its JSON model, from which every export is
  // held to the house rule: TSDoc with an @example (an integrator must find one for each).
  const model = join(out, 'api', 'api.json');
  const typedoc = spawnSync(process.execPath, [join(root, 'node_modules/typedoc/bin/typedoc'), '--out', join(out, 'api'), '--json', model, '--logLevel', 'Warn'], { cwd: root, stdio: 'inherit' });
  if (typedoc.status !== 0) process.exit(typedoc.status ?? 1);
  const missing = exportsWithoutExample(JSON.parse(readFileSync(model, 'utf8')));
  rmSync(model);
  if (missing.length) {
    console.error(`docs: ${missing.length} export(s) have no @example in their TSDoc:\n  ${missing.join('\n  ')}`);
    process.exit(1);
  }
}

/** `package kind name` of each top-level export (re-exports aside) whose TSDoc has no @example. */
function exportsWithoutExample(project) {
  const REFERENCE = 4194304; // ReflectionKind.Reference: a re-export, documented where it is declared
  const hasExample = (comment) => (comment?.blockTags ?? []).some((t) => t.tag === '@example');
  return (project.children ?? []).flatMap((pkg) => (pkg.children ?? [])
    .filter((r) => r.kind !== REFERENCE)
    .filter((r) => !hasExample(r.comment) && !(r.signatures ?? []).some((s) => hasExample(s.comment)))
    .map((r) => `${pkg.name} ${r.name}`));
}
const count = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.html')).length;
console.log(`docs: ${count} pages in docs/site (served by npm start at /docs/)`);
