// custom-elements.json for editors, Storybook and docs: `cem analyze` over the sources, with
// module paths mapped from src/*.ts to the dist/*.js files a user actually imports.
const toDist = (path) => (typeof path === 'string' ? path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js') : path);

function srcToDist() {
  return {
    name: 'col-src-to-dist',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
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
