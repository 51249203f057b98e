#!/usr/bin/env node
// The `colearn` command. npm links a package's bins when it installs it — in a fresh clone that
// is before `npm run build` has written dist/ — so the bin must be a committed file that exists
// from the start. It only starts the built CLI, and says what to do when there is none yet.
const entry = new URL('../dist/bin.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry.pathname)) {
    process.stderr.write('colearn: the CLI is not built yet. Run "npm run build" in the repository first.\n');
    process.exit(2);
  }
  throw error;
}
