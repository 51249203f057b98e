// Runs the real built `colearn` binary (packages/cli/dist/bin.js) as a child process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

export interface ColResult { code: number | null; stdout: string; stderr: string }

/** Runs `col <args>`; resolves when it exits (or kills it after `timeoutMs`). */
export function runCol(args: string[], options: { input?: string | Uint8Array; env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {}): Promise<ColResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
