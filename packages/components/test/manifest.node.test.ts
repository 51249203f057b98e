// The package as published: custom-elements.json (written by `npm run build`) describes every
// element with its tag, attributes, events and parts, and points at files that exist in dist/.
import { describe, it, expect } from '@col/harness';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Manifest {
  modules: Array<{
    path: string;
    declarations?: Array<{ name: string; tagName?: string; attributes?: Array<{ name: string }>; events?: Array<{ name: string }>; cssParts?: unknown[]; cssProperties?: Array<{ name: string; default?: string; description?: string }> }>;
    exports?: Array<{ kind: string; name: string; declaration: { module: string } }>;
  }>;
}

describe('custom-elements.json', () => {
  const manifest = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8')) as Manifest;
  const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => ({ ...d, module: m.path })));

  it('describes every element with its public attributes, events and parts', () => {
    expect(elements.map((e) => e.tagName).sort()).to.deep.equal(['col-badge', 'col-badge-claim', 'col-badge-list', 'col-badge-verify', 'col-impact', 'col-opportunities', 'col-pathway', 'col-skills']);
    const badge = elements.find((e) => e.tagName === 'col-badge')!;
    expect(badge.attributes!.map((a) => a.name)).to.include.members(['src', 'key', 'api', 'layout', 'verify', 'locale']);
    expect(badge.attributes!.some((a) => a.name.startsWith('_')), 'no internal state').to.equal(false);
    expect(badge.events!.map((e) => e.name)).to.deep.equal(['col-loaded', 'col-verified', 'col-error']);
    for (const element of elements) expect(element.cssParts!.length, element.tagName).to.be.greaterThan(0);
  });

  it('lists on every element each shared design token the theming guide names, with its default', () => {
    // The guide's list, as a page author reads it: "Shared tokens: `--col-font`, …".
    const guide = readFileSync(join(pkg, '../../docs/guides/theming.md'), 'utf8');
    const shared = [.../Shared tokens:([^.]+)\./.exec(guide)![1]!.matchAll(/`(--col-[\w-]+)`/g)].map((m) => m[1]!);
    expect(shared).to.include.members(['--col-font', '--col-color-accent', '--col-color-on-accent', '--col-focus-ring', '--col-radius']);
    for (const element of elements) {
      const listed = element.cssProperties ?? [];
      expect(listed.map((p) => p.name), element.tagName).to.include.members(shared);
      for (const name of shared) expect(listed.find((p) => p.name === name)!.default, `${element.tagName} ${name}`).to.be.a('string').and.not.equal('');
      expect(new Set(listed.map((p) => p.name)).size, `${element.tagName}: each once`).to.equal(listed.length);
    }
    const badge = elements.find((e) => e.tagName === 'col-badge')!.cssProperties!;
    expect(badge.find((p) => p.name === '--col-color-accent'), "an element's own description wins").to.deep.include({ description: 'Links, buttons and focus ring.', default: '#0b57d0' });
    expect(badge.find((p) => p.name === '--col-focus-ring')!.default).to.equal('3px solid var(--col-color-accent)');
  });

  it('points at dist/*.js files that exist, and names the define module of each tag', () => {
    for (const mod of manifest.modules) {
      expect(mod.path, mod.path).to.match(/^dist\/.+\.js$/);
      expect(existsSync(join(pkg, mod.path)), mod.path).to.equal(true);
    }
    const definitions = manifest.modules.flatMap((m) => (m.exports ?? []).filter((e) => e.kind === 'custom-element-definition').map((e) => `${e.name} ${m.path}`));
    expect(definitions.sort()).to.deep.equal([
      'col-badge dist/col-badge/define.js',
      'col-badge-claim dist/col-badge-claim/define.js',
      'col-badge-list dist/col-badge-list/define.js',
      'col-badge-verify dist/col-badge-verify/define.js',
      'col-impact dist/col-impact/define.js',
      'col-opportunities dist/col-opportunities/define.js',
      'col-pathway dist/col-pathway/define.js',
      'col-skills dist/col-skills/define.js',
    ]);
  });
});
