#!/usr/bin/env node
// `npm run build`: compile every package (TypeScript project references). Package bins are
// small committed launchers (e.g. packages/cli/bin/colearn.js), so npm links them at install time
// and they need nothing from this step but dist/.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.json', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(tsc.status ?? 1);
