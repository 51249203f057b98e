// Starting a test's server in a process of its own (under tsx, from the TypeScript sources), so a
// test can SIGTERM or SIGKILL it like an operator's server. The child prints "listening on URL".
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A server child process: its URL once it listens, its exit code when it ends, and what it
 * wrote to stderr so far (for failure messages).
 *
 * @example
 * ```ts
 * const server: ServerProcess = await spawnServerProcess(childScript, [dataDir], { env });
 * server.proc.kill('SIGKILL');
 * await server.exited;
 * ```
 */
export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
}

/**
 * Run `script` with `args` under tsx and wait until it prints `listening on URL`; rejects with
 * its stderr when it exits first or has not started within `startMs`.
 *
 * @example
 * ```ts
 * const { url, proc } = await spawnServerProcess(fileURLToPath(new URL('./support/server-child.ts', import.meta.url)), [dataDir, '0'], { env: { ...process.env, COL_ADMIN_KEY: ADMIN } });
 * ```
 */
export async function spawnServerProcess(script: string, args: string[], options: { env: NodeJS.ProcessEnv; startMs?: number }): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=@citiesoflearning/source', script, ...args], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), options.startMs ?? 30_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code}: ${err}`));
    });
  });
  return { url, proc, exited, stderr: () => err };
}
