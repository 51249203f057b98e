// The release, as `npm run release` makes it: changesets publishes every package publicly, each
// with the changelog `changeset version` writes; the pending changesets make a release plan (a
// changeset naming a package that does not exist, or a bump that is not one, stops the release);
// every tarball holds what its users read (README, CHANGELOG, the built entry and its types); and
// the components package cannot be published without the CDN bundles the docs point at.
import { describe, it, before, expect } from '@col/harness';
import { buildCdnBundles, repoRoot } from '@col/harness/node';
import getReleasePlan from '@changesets/get-release-plan';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface PackageJson { name: string; version: string; private?: boolean; publishConfig?: { access?: string }; scripts?: Record<string, string> }

const packages = readdirSync(join(repoRoot, 'packages')).sort();
const manifest = (name: string) => JSON.parse(readFileSync(join(repoRoot, 'packages', name, 'package.json'), 'utf8')) as PackageJson;

/** The files `npm publish` would put in a package's tarball. */
function packed(name: string): string[] {
  const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(repoRoot, 'packages', name), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm pack failed in packages/${name}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
}

describe('release', () => {
  before(async () => {
    await buildCdnBundles();
  });

  it('changesets publishes every package publicly, and the pending changesets make a plan', async () => {
    const config = JSON.parse(readFileSync(join(repoRoot, '.changeset/config.json'), 'utf8')) as { access: string; baseBranch: string };
    expect(config.access).to.equal('public');
    expect(packages).to.deep.equal(['cli', 'client', 'components', 'core', 'server', 'verify']);
    for (const name of packages) {
      const pkg = manifest(name);
      expect(pkg.name, name).to.equal(`@citiesoflearning/${name}`);
      expect(pkg.private, `${name} is published`).to.equal(undefined);
      expect(pkg.publishConfig?.access, `${name} is public (a scoped package is private by default)`).to.equal('public');
    }
    // The real planner changesets runs: it throws on a changeset for an unknown package.
    const plan = await getReleasePlan(repoRoot);
    expect(plan.changesets.length, 'pending changesets').to.be.greaterThan(0);
    for (const release of plan.releases) {
      expect(release.name).to.match(/^@citiesoflearning\/(cli|client|components|core|server|verify)$/);
      expect(['major', 'minor', 'patch', 'none']).to.include(release.type);
    }
    const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
    expect(root.scripts?.release, 'npm run release builds the CDN bundles before publishing').to.match(/npm run build && rollup -c rollup\.config\.mjs --silent --environment COL_BUNDLE:cdn && changeset publish$/);
  });

  it('every package has a changelog, and its tarball ships it with the README, the entry and its types', () => {
    for (const name of packages) {
      const changelog = readFileSync(join(repoRoot, 'packages', name, 'CHANGELOG.md'), 'utf8');
      expect(changelog.split('\n')[0], `${name}'s changelog names it`).to.equal(`# @citiesoflearning/${name}`);
      expect(packed(name), name).to.include.members(['package.json', 'README.md', 'CHANGELOG.md', 'dist/index.js', 'dist/index.d.ts']);
    }
  });

  it("the components tarball has a CDN bundle per element and one for all, and publishing without them is refused", async () => {
    const files = packed('components');
    for (const name of ['col-badge', 'col-badge-list', 'col-badge-verify', 'col-badge-claim', 'col-pathway', 'col-opportunities', 'col-impact', 'col-skills', 'components']) {
      expect(files, name).to.include(`cdn/${name}/index.js`);
    }
    expect(manifest('components').scripts?.prepublishOnly).to.equal('node ../../scripts/cdn-ready.mjs');
    const ready = spawnSync(process.execPath, [join(repoRoot, 'scripts/cdn-ready.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    expect(ready.status, ready.stderr).to.equal(0);
    const empty = await mkdtemp(join(tmpdir(), 'col-no-cdn-'));
    try {
      const refused = spawnSync(process.execPath, [join(repoRoot, 'scripts/cdn-ready.mjs'), '--cdn', empty], { cwd: repoRoot, encoding: 'utf8' });
      expect(refused.status).to.equal(1);
      expect(refused.stderr).to.contain('no CDN bundle for col-badge, col-badge-list');
      expect(refused.stderr).to.contain('npm run bundle -- --environment COL_BUNDLE:cdn');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
