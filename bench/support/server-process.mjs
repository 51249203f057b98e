// The server for bench/server-claims.bench.mjs, in its own process (as in production), so the
// bench's load generator does not share its event loop. Prints its URL on the first line.
// COL_BENCH_DATABASE (a postgres:// URL) runs it on PostgreSQL instead of SQLite in COL_BENCH_DIR
// (bench/server-postgres-claims.bench.mjs; instances on one database share COL_SIGNING_KEY).
import { startServer } from '@citiesoflearning/server';

const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir: process.env.COL_BENCH_DIR,
  ...(process.env.COL_BENCH_DATABASE ? { database: process.env.COL_BENCH_DATABASE } : {}),
  adminKey: process.env.COL_BENCH_ADMIN,
  claimsPerMinute: 1e9,
  log: (line) => {
    if (process.env.COL_BENCH_LOG) process.stderr.write(`${line}\n`);
  },
});
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', async () => {
  await server.close();
  process.exit(0);
});
