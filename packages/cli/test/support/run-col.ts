// Runs the real built `colearn` binary (packages/cli/dist/bin.js) as a child process.
import { join } from 'node:path';
import { repoRoot, runNodeScript, type ScriptRun } from '@col/harness/node';

export { repoRoot };
export const fixtures = join(repoRoot, 'fixtures/');
const bin = join(repoRoot, 'packages/cli/dist/bin.js');

export type ColResult = ScriptRun;

/** Runs `colearn <args>`; resolves when it exits (or kills it after `timeoutMs`). */
export function runCol(args: string[], options: { input?: string | Uint8Array; env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {}): Promise<ColResult> {
  return runNodeScript(bin, args, { cwd: options.cwd ?? repoRoot, env: { NO_COLOR: '1', ...options.env }, timeoutMs: options.timeoutMs ?? 30_000, ...(options.input !== undefined ? { input: options.input } : {}) });
}
