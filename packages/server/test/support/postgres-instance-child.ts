// One server instance on a shared PostgreSQL database, in its own process so a test can SIGKILL
// it. argv: a JSON object of startServer options (database, baseUrl, dataDir, limits…); the
// signing and admin keys come from COL_SIGNING_KEY and COL_ADMIN_KEY, the same for every instance.
// Prints "listening on <url>" when ready; SIGTERM closes it as `colearn serve` does.
import { startServer } from '@citiesoflearning/server';

const options = JSON.parse(process.argv[2]!) as Parameters<typeof startServer>[0];
const server = await startServer({ ...options, port: 0, host: '127.0.0.1', log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`listening on ${server.url}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
