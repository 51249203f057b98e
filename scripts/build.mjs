#!/usr/bin/env node
// `npm run build`: compile every package (TypeScript project references), then write the
// custom-elements manifest of each package that ships elements. Package bins are small committed
// launchers (e.g. packages/cli/bin/colearn.js), so npm links them at install time and they need
// nothing from this step but dist/.
//
//   --package NAME   build one package and what it depends on (what `npm run build -w packages/NAME` runs)
//   anything else    passed to `tsc -b`
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const packageAt = args.indexOf('--package');
const onePackage = packageAt >= 0 ? args.splice(packageAt, 2)[1] : undefined;
if (onePackage !== undefined && !existsSync(join(root, 'packages', onePackage ?? '', 'tsconfig.json'))) {
  console.error(`No package "${onePackage}" under packages/.`);
  process.exit(2);
}
// A package's tsconfig references the packages it depends on, so `tsc -b` builds those first.
const project = onePackage ? join('packages', onePackage) : 'tsconfig.json';
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', project, ...args], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// Custom-elements manifests (custom-elements.json) for packages that ship elements.
for (const name of onePackage ? [onePackage] : readdirSync(join(root, 'packages'))) {
  const config = join(root, 'packages', name, 'custom-elements-manifest.config.mjs');
  if (!existsSync(config)) continue;
  const cem = spawnSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', config, '--quiet'], { cwd: join(root, 'packages', name), stdio: 'inherit' });
  if (cem.status !== 0) process.exit(cem.status ?? 1);
  // Editor autocompletion (VS Code custom data, JetBrains web-types) from that manifest.
  const data = spawnSync(process.execPath, [join(root, 'scripts/custom-data.mjs'), join(root, 'packages', name)], { stdio: 'inherit' });
  if (data.status !== 0) process.exit(data.status ?? 1);
}

process.exit(0);
