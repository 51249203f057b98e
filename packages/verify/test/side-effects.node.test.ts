// package.json's `sideEffects` is honest: a bundler that trusts it keeps the Node entries'
// one side effect (installing the node:crypto signature backend; without it every signature
// silently goes through WebCrypto's thread pool, about twice the cost of checking a VC-JWT) and
// still leaves Node-only code out of browser bundles. Bundles the built dist/ with rollup, as a
// user's bundler would (run `npm run build` first; `npm test` does).
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { describe, it, expect } from '@col/harness';

async function bundle(source: string, platform: 'node' | 'browser'): Promise<string> {
  const build = await rollup({
    input: 'entry',
    plugins: [
      { name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? source : null) },
      platform === 'node'
        ? nodeResolve({ exportConditions: ['node', 'import', 'default'], preferBuiltins: true })
        : nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'default'], preferBuiltins: false }),
    ],
    // Only our packages are bundled: the question is what they keep of themselves.
    external: (id) => id !== 'entry' && !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('@citiesoflearning/'),
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
}

const INSTALLS_NODE_CRYPTO = /installSignatureBackend\w*\(nodeCryptoBackend\w*\)/;

describe('sideEffects in package.json', () => {
  for (const source of ["export { verify } from '@citiesoflearning/verify';", "export { verifyJws } from '@citiesoflearning/verify/jwt';"]) {
    it(`a Node bundle of \`${source}\` keeps the node:crypto backend`, async () => {
      const code = await bundle(source, 'node');
      expect(code).to.match(INSTALLS_NODE_CRYPTO);
      expect(code).to.contain("from 'node:crypto'");
    });

    it(`a browser bundle of \`${source}\` has no Node code in it`, async () => {
      const code = await bundle(source, 'browser');
      expect(code).to.not.match(INSTALLS_NODE_CRYPTO);
      expect(code).to.not.match(/(?:from |import\()['"]node:/);
      expect(code).to.not.contain('guardedFetch');
    });
  }

  it('a bundle of one small export still leaves the verifier out (tree-shaking works)', async () => {
    for (const platform of ['node', 'browser'] as const) {
      const code = await bundle("export { didKeyToJwk } from '@citiesoflearning/verify';", platform);
      expect(code, platform).to.not.contain('verifyOb3Jwt');
      expect(code, platform).to.not.contain('createDocumentCache');
    }
  });
});
