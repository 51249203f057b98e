// The CDN build (rollup.config.mjs with COL_BUNDLE=cdn, run by `npm test` and `npm run release`)
// prints each bundle's subresource-integrity hash as it writes it: the line a maintainer copies,
// and the hash the docs show (packages/components/test/getting-started.node.test.ts runs the docs'
// snippet with it). One element's bundle is built here, into a temporary folder, through rollup's
// own API with the repository's config, and the printed hash is held against the written bytes.
import { describe, it, expect } from '@col/harness';
import { repoRoot } from '@col/harness/node';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';

describe('the CDN build', () => {
  it("prints the integrity hash of each element's bundle, and it is the hash of the file it wrote", async () => {
    const previous = process.env.COL_BUNDLE;
    process.env.COL_BUNDLE = 'cdn';
    const configs = (await import(`${pathToFileURL(join(repoRoot, 'rollup.config.mjs')).href}?cdn`)).default as RollupOptions[];
    if (previous === undefined) delete process.env.COL_BUNDLE;
    else process.env.COL_BUNDLE = previous;

    // One bundle per element and one for all, each into packages/components/cdn/<name>/.
    const dirs = configs.map((c) => (c.output as OutputOptions).dir!.replace(/\\/g, '/'));
    expect(dirs.map((d) => d.replace(/^.*packages\/components\/cdn\//, '')).sort()).to.deep.equal(
      ['col-badge', 'col-badge-claim', 'col-badge-list', 'col-badge-verify', 'col-impact', 'col-opportunities', 'col-pathway', 'col-skills', 'components']);

    const impact = configs.find((c) => (c.output as OutputOptions).dir!.endsWith('col-impact'))!;
    const out = await mkdtemp(join(tmpdir(), 'col-cdn-build-'));
    const printed: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => { printed.push(args.join(' ')); };
    try {
      const bundle = await rollup({ ...impact, onwarn: () => {} });
      await bundle.write({ ...(impact.output as OutputOptions), dir: out });
      await bundle.close();
    } finally {
      console.log = log;
    }
    try {
      const bytes = await readFile(join(out, 'index.js'));
      const hash = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
      expect(printed).to.deep.equal([`cdn/col-impact/index.js integrity="${hash}"`]);
      expect(bytes.toString('utf8'), 'a self-contained module that registers its element').to.contain('col-impact');
      expect(bytes.toString('utf8')).to.not.match(/from\s*["']@citiesoflearning\//);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
