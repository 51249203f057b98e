import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { parseArgs } from 'node:util';
import { ColError } from '@citiesoflearning/core';
import { startServer } from '@citiesoflearning/server';
import type { Output } from '../output.js';

const HELP = `colearn serve [--port N] [--host H] [--data DIR] [--base-url URL] [--demo]
              [--database postgres://…] [--log-requests] [--trust-proxy]
              [--tls-cert FILE --tls-key FILE] [--awards-per-minute N]

Runs the reference badge & pathway API. Prints "listening on <url>" once ready.
By default it keeps everything in SQLite in --data DIR (default .col-data).
--database URL (or COL_DATABASE_URL, better: a flag shows in the process list with its
password) keeps everything in PostgreSQL instead, e.g.
postgres://colearn:secret@db.internal:5432/colearn?sslmode=verify-full&pool_max=10, so several
instances behind a load balancer act as one: they share the signing key, the admin key and
every record through the database. The start-up log names the database, never the password.
COL_ADMIN_KEY sets the admin bearer key (else one is generated and printed once; on PostgreSQL,
by the first instance only, and the others use the same one).
--demo seeds a Cities of Learning place (issuers, achievements, claim codes, pathways,
opportunities) and serves the examples.
--log-requests logs one line per request (method, route pattern, status, time: never a
personal detail). --trust-proxy takes the client address from X-Forwarded-For (only behind a
reverse proxy you run; it is what claim rate limits count).
--tls-cert FILE --tls-key FILE serve HTTPS with this PEM certificate (chain) and key. Over https
each issuer is a did:web DID that wallets can resolve; over plain http (no TLS and no https
--base-url) issuers are named by their Profile URL, which wallets cannot resolve. Behind a
reverse proxy that terminates TLS, leave these out and pass --base-url https://… instead.
--awards-per-minute N: awards each keyed caller (the admin key; each issuer's provider keys)
may make a minute, counted per row of a bulk award (default 10000). Separate from the
per-address limit on anonymous claims.`;

/** Both TLS files or neither; each must be a readable PEM file of the right kind. */
function readTls(certFile: string | undefined, keyFile: string | undefined): { cert: string; key: string } | undefined {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) throw new ColError('usage', '--tls-cert and --tls-key go together: give both files (PEM), or neither.');
  const read = (file: string, flag: string, kind: RegExp, what: string) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ColError('usage', `${flag} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    if (!kind.test(text)) throw new ColError('usage', `${flag} ${file}: not a PEM ${what}.`);
    return text;
  };
  const pair = {
    cert: read(certFile, '--tls-cert', /-----BEGIN CERTIFICATE-----/, 'certificate'),
    key: read(keyFile, '--tls-key', /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, 'private key'),
  };
  // Catch a damaged file or a key that is not the certificate's now, in words, not at listen time.
  try {
    createSecureContext(pair);
  } catch (error) {
    throw new ColError('usage', `--tls-cert/--tls-key: the certificate and key cannot be used together (${(error as Error).message}).`);
  }
  return pair;
}

/**
 * Runs `colearn serve` until SIGINT/SIGTERM, then shuts down gracefully.
 *
 * @example
 * ```ts
 * await serveCommand(['--port', '8080', '--demo'], processOutput());
 * ```
 */
export async function serveCommand(argv: string[], io: Output): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.col-data' },
      database: { type: 'string' },
      'base-url': { type: 'string' },
      demo: { type: 'boolean' },
      'log-requests': { type: 'boolean' },
      'trust-proxy': { type: 'boolean' },
      'awards-per-minute': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ColError('usage', `--port ${values.port}: not a port number.`);

  const awardsPerMinute = values['awards-per-minute'] === undefined ? undefined : Number(values['awards-per-minute']);
  if (awardsPerMinute !== undefined && (!Number.isInteger(awardsPerMinute) || awardsPerMinute < 1)) throw new ColError('usage', `--awards-per-minute ${values['awards-per-minute']}: a whole number of at least 1.`);
  const tls = readTls(values['tls-cert'], values['tls-key']);
  if (values.database !== undefined && values.database.trim() === '') throw new ColError('usage', '--database needs a postgres:// URL (or leave it out to use SQLite in --data).');

  const adminKeyFromEnv = process.env.COL_ADMIN_KEY;
  const server = await startServer({
    port,
    host: values.host,
    dataDir: values.data,
    ...(values.database !== undefined ? { database: values.database } : {}),
    demo: values.demo ?? false,
    logRequests: values['log-requests'] ?? false,
    trustProxy: values['trust-proxy'] ?? false,
    ...(awardsPerMinute !== undefined ? { awardsPerMinute } : {}),
    ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}),
    ...(tls ? { tls } : {}),
    ...(adminKeyFromEnv ? { adminKey: adminKeyFromEnv } : {}),
    log: (line) => io.err(line),
  });
  // Only the instance that made the key shows it: on PostgreSQL, later instances use the stored
  // one, and printing it in every instance's log would spread it further for nothing.
  if (server.adminKeyGenerated) io.err(`admin key (generated; set COL_ADMIN_KEY to choose one): ${server.adminKey}`);
  for (const { achievement, code } of server.demo?.claimCodes ?? []) io.err(`demo claim code for ${achievement}: ${code}`);
  if (server.demo) io.err(`demo page: ${new URL('/examples/', server.url).href} (claim a badge with a code above, then verify it)`);
  io.out(`listening on ${server.url}`);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
