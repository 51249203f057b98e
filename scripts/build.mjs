#!/usr/bin/env node
// `npm run build`: compile every package (TypeScript project references), then mark the
// packages' `bin` files executable — tsc writes them without the execute bit, and on a fresh
// clone `npm ci` links the bins before they exist, so `npx col` would otherwise be refused.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync } from 'node:fs';
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

for (const name of readdirSync(join(root, 'packages'))) {
  const manifest = join(root, 'packages', name, 'package.json');
  if (!existsSync(manifest)) continue;
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  for (const file of Object.values(typeof bin === 'string' ? { [name]: bin } : bin ?? {})) {
    const path = join(root, 'packages', name, file);
    if (existsSync(path)) chmodSync(path, 0o755);
  }
}
