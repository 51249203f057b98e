import { readFileSync } from 'node:fs';
import { isColError } from '@citiesoflearning/core';
import { awardCommand } from './commands/award.js';
import { bakeCommand, unbakeCommand } from './commands/bake.js';
import { keysCommand } from './commands/keys.js';
import { serveCommand } from './commands/serve.js';
import { verifyCommand } from './commands/verify.js';
import { processOutput, type Output } from './output.js';
import { USAGE } from './usage.js';

const commands: Record<string, (argv: string[], io: Output) => Promise<number>> = {
  verify: verifyCommand,
  bake: bakeCommand,
  unbake: unbakeCommand,
  keys: keysCommand,
  serve: serveCommand,
  award: awardCommand,
};

/**
 * Runs the `colearn` command line and resolves to its exit code. Expected failures print a plain
 * message (never a stack trace) and exit 2; anything unexpected is rethrown.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2));
 * ```
 */
export async function main(argv: string[], io: Output = processOutput()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.out(version());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`colearn: unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (isColError(error)) {
      io.err(`colearn ${name}: ${error.message}`);
      return 2;
    }
    // parseArgs reports unknown or malformed options with these codes.
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`colearn ${name}: ${(error as Error).message}\nRun "colearn ${name} --help" for its options.`);
      return 2;
    }
    throw error;
  }
}

/** The installed package's version (dist/ and src/ both sit one level below package.json). */
function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
