// custom-elements.json for editors, Storybook and docs: `cem analyze` over the sources, with
// module paths mapped from src/*.ts to the dist/*.js files a user actually imports, and the
// shared design tokens every element reads listed on each element.
import { readFileSync } from 'node:fs';

const toDist = (path) => (typeof path === 'string' ? path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js') : path);

function srcToDist() {
  return {
    name: 'col-src-to-dist',
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      // Registration goes through defineElement(): say which define module registers which tag
      // (the analyzer only sees the helper's own customElements.define call).
      for (const mod of modules) {
        mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition');
      }
      for (const mod of modules) {
        for (const dec of mod.declarations ?? []) {
          if (!dec.tagName) continue;
          const defineModule = mod.path.replace(/[^/]+\.ts$/, 'define.ts');
          const target = modules.find((m) => m.path === defineModule);
          target?.exports.push({ kind: 'custom-element-definition', name: dec.tagName, declaration: { name: dec.name, module: mod.path } });
        }
      }
      for (const mod of modules) {
        mod.path = toDist(mod.path);
        for (const exp of mod.exports ?? []) if (exp.declaration?.module) exp.declaration.module = toDist(exp.declaration.module);
        for (const dec of mod.declarations ?? []) {
          // Internal state (`_x`) and ES private members (`#x`) are not part of the API.
          const isPublic = (m) => !/^[_#]/.test(m.name);
          if (dec.attributes) dec.attributes = dec.attributes.filter(isPublic);
          if (dec.members) dec.members = dec.members.filter(isPublic);
          if (dec.superclass?.module) dec.superclass.module = toDist(dec.superclass.module);
          for (const member of dec.members ?? []) if (member.inheritedFrom?.module) member.inheritedFrom.module = toDist(member.inheritedFrom.module);
        }
      }
    },
  };
}

/**
 * The public `--col-*` tokens and their (light) defaults, read from src/styles/tokens.ts, which
 * every element's `static styles` starts with: `--_x: var(--col-name, default);` lines.
 */
function sharedTokens() {
  const source = readFileSync(new URL('./src/styles/tokens.ts', import.meta.url), 'utf8');
  const light = source.slice(source.indexOf(':host {'), source.indexOf('@media'));
  const tokens = [...light.matchAll(/^\s*(--_[\w-]+): var\((--col-[\w-]+), (.*)\);$/gm)].map(([, local, name, fallback]) => ({ local, name, fallback }));
  if (tokens.length === 0) throw new Error('custom-elements-manifest.config.mjs: no --col-* tokens found in src/styles/tokens.ts');
  // A default that refers to another token names the public one (`var(--_accent)` → the accent).
  const publicName = (local) => tokens.find((t) => t.local === local)?.name ?? local;
  return tokens.map(({ name, fallback }) => ({ name, default: fallback.replace(/var\((--_[\w-]+)\)/g, (_, local) => `var(${publicName(local)})`) }));
}

/**
 * Each element reads every shared token, but its JSDoc names only the ones it uses most (with
 * what they colour there). List the rest too, so an element's reference, its docs page and editor
 * autocompletion show everything a page can set; an element's own description wins.
 */
function sharedTokensOnEveryElement() {
  const tokens = sharedTokens();
  return {
    name: 'col-shared-tokens',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const dec of mod.declarations ?? []) {
          if (!dec.tagName) continue;
          dec.cssProperties ??= [];
          for (const token of tokens) {
            const own = dec.cssProperties.find((p) => p.name === token.name);
            if (own) own.default ??= token.default;
            else dec.cssProperties.push({ name: token.name, default: token.default, description: 'Shared design token, read by every element (see the theming guide).' });
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  plugins: [srcToDist(), sharedTokensOnEveryElement()],
};
