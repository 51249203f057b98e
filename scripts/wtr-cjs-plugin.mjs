// Serves CommonJS-only dependencies (jsonld, canonicalize, the OB context package, …) to the
// browser suites as ESM: each CommonJS entry under node_modules is bundled once by esbuild for
// the browser, honouring the packages' own `browser` field maps.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const looksCommonJs = (code) =>
  /\b(module\.exports|exports\.[\w$]+\s*=|require\s*\()/.test(code) && !/^\s*(import|export)\s/m.test(code);

export function commonJsPlugin({ rootDir }) {
  const cache = new Map();
  return {
    name: 'col-commonjs-to-esm',
    async serve(context) {
      const path = decodeURIComponent(context.path);
      if (!path.includes('/node_modules/') || !/\.(c?js)$/.test(path)) return undefined;
      const file = join(rootDir, path);
      if (cache.has(file)) return cache.get(file);
      let code;
      try { code = await readFile(file, 'utf8'); } catch { return undefined; }
      if (!looksCommonJs(code)) return undefined;
      const result = await build({
        entryPoints: [file], bundle: true, format: 'esm', platform: 'browser', write: false,
        target: 'es2022', logLevel: 'silent', mainFields: ['browser', 'module', 'main'],
        define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
      });
      const served = { body: result.outputFiles[0].text, type: 'js' };
      cache.set(file, served);
      return served;
    },
  };
}
