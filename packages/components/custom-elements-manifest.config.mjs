// custom-elements.json for editors, Storybook and docs: `cem analyze` over the sources, with
// module paths mapped from src/*.ts to the dist/*.js files a user actually imports.
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

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  plugins: [srcToDist()],
};
