// Starting bench/support/server-process.mjs, the claims benches' server, in a process of its own
// (as in production), so the load generator does not share its event loop and the latencies are
// the server's. COL_BENCH_SERVER_ARGS adds Node options to it (e.g. `--cpu-prof`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The admin key the bench servers accept. */
export const BENCH_ADMIN = 'bench-admin-key-0123456789abcdef';

/** Start one server process with `env` added; resolves to its URL and a close() that stops it. */
export async function startBenchServer(env) {
  const args = (process.env.COL_BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...args, fileURLToPath(new URL('./server-process.mjs', import.meta.url))], {
    env: { ...process.env, COL_BENCH_ADMIN: BENCH_ADMIN, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return {
    url,
    close: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}
