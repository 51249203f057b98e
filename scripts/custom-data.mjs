#!/usr/bin/env node
// Editor autocompletion for the elements, generated from custom-elements.json (run by
// `npm run build` after the manifest): VS Code's HTML custom data
// (`vscode.html-custom-data.json`, for the `html.customData` setting) and JetBrains' web-types
// (`web-types.json`, found through the `web-types` field of package.json). Both ship in the
// components package.
//
//   node scripts/custom-data.mjs [PACKAGE_DIR]   (default packages/components)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = resolve(process.argv[2] ?? join(root, 'packages/components'));
const manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
// The published docs' address is not fixed yet: point at the package README on GitHub.
const docs = () => 'https://github.com/citiesoflearning/sdk/tree/main/packages/components#readme';

const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName));

/**
 * `'card' | 'compact'` → ['card', 'compact']: the values an editor can offer for an attribute.
 * `locale` is typed as a string (unknown locales fall back) but the elements speak these two.
 */
const LOCALES = ['en-GB', 'cy'];
const valuesOf = (a) => (a.name === 'locale' ? LOCALES : literals(a.type?.text));
const literals = (type = '') => {
  const parts = type.split('|').map((p) => p.trim()).filter((p) => p !== 'undefined');
  return parts.length && parts.every((p) => /^'[^']*'$/.test(p)) ? parts.map((p) => p.slice(1, -1)) : [];
};

const vscode = {
  version: 1.1,
  tags: elements.map((el) => ({
    name: el.tagName,
    description: [el.summary, el.description].filter(Boolean).join('\n\n'),
    attributes: (el.attributes ?? []).map((a) => ({
      name: a.name,
      description: a.description ?? '',
      ...(a.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
      ...(valuesOf(a).length ? { values: valuesOf(a).map((name) => ({ name })) } : {}),
    })),
    references: [{ name: 'Documentation', url: docs(el.tagName) }],
  })),
};

const webTypes = {
  $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json',
  name: pkg.name,
  version: pkg.version,
  'description-markup': 'markdown',
  contributions: {
    html: {
      elements: elements.map((el) => ({
        name: el.tagName,
        description: el.summary ?? '',
        'doc-url': docs(el.tagName),
        attributes: (el.attributes ?? []).map((a) => ({
          name: a.name,
          description: a.description ?? '',
          value: a.type?.text === 'boolean' ? { kind: 'no-value', type: 'boolean' } : { kind: 'plain', type: a.type?.text ?? 'string' },
          ...(valuesOf(a).length ? { values: valuesOf(a).map((name) => ({ name })) } : {}),
        })),
        events: (el.events ?? []).map((e) => ({ name: e.name, description: e.description ?? '' })),
        slots: (el.slots ?? []).map((s) => ({ name: s.name, description: s.description ?? '' })),
        js: {
          properties: (el.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.privacy)
            .map((m) => ({ name: m.name, description: m.description ?? '', type: m.type?.text ?? 'unknown' })),
          events: (el.events ?? []).map((e) => ({ name: e.name, description: e.description ?? '' })),
        },
        css: {
          properties: (el.cssProperties ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
          parts: (el.cssParts ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
        },
      })),
    },
  },
};

writeFileSync(join(dir, 'vscode.html-custom-data.json'), `${JSON.stringify(vscode, null, 2)}\n`);
writeFileSync(join(dir, 'web-types.json'), `${JSON.stringify(webTypes, null, 2)}\n`);
