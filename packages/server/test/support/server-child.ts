// A server in its own process, stopped the way `colearn serve` stops it: SIGTERM → close() → exit.
// argv: dataDir port. Prints "listening on <url>" when ready.
import { startServer } from '@citiesoflearning/server';

const [dataDir, port] = process.argv.slice(2);
const server = await startServer({ dataDir: dataDir!, port: Number(port ?? 0), claimsPerMinute: 1_000_000, log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`listening on ${server.url}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
