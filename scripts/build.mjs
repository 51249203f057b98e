#!/usr/bin/env node
// `npm run build`: compile every package (TypeScript project references), then write the
// custom-elements manifest of each package that ships elements. Package bins are small committed
// launchers (e.g. packages/cli/bin/colearn.js), so npm links them at install time and they need
// nothing from this step but dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.json', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// Custom-elements manifests (custom-elements.json) for packages that ship elements.
for (const name of readdirSync(join(root, 'packages'))) {
  const config = join(root, 'packages', name, 'custom-elements-manifest.config.mjs');
  if (!existsSync(config)) continue;
  const cem = spawnSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', config, '--quiet'], { cwd: join(root, 'packages', name), stdio: 'inherit' });
  if (cem.status !== 0) process.exit(cem.status ?? 1);
}

process.exit(0);
