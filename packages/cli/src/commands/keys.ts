import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ColError } from '@citiesoflearning/core';
import { generateKeyPair } from '@citiesoflearning/verify';
import type { Output } from '../output.js';

const HELP = `colearn keys generate [--type Ed25519|P-256|RSA] [-o FILE]

Generates a signing key pair for an issuer. Prints (or writes, with -o, as a file only you can
read) a JSON object with the private JWK, the public JWK and, for Ed25519, the Multikey and
did:key. RSA (2048-bit) is for Open Badges 2.0 signed assertions (RS256). Keep the private key secret: never put it in a web page.`;

/**
 * Runs `colearn keys <subcommand>`; returns the exit code.
 *
 * @example
 * ```ts
 * await keysCommand(['generate', '--type', 'P-256'], processOutput());
 * ```
 */
export async function keysCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      type: { type: 'string', default: 'Ed25519' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals[0] !== 'generate' || positionals.length !== 1) {
    throw new ColError('usage', 'Try: colearn keys generate [--type Ed25519|P-256|RSA] [-o FILE]');
  }
  if (values.type !== 'Ed25519' && values.type !== 'P-256' && values.type !== 'RSA') {
    throw new ColError('usage', `--type ${values.type}: choose Ed25519, P-256 or RSA.`);
  }
  const pair = await generateKeyPair(values.type);
  const json = JSON.stringify(pair, null, 2);
  if (values.out) {
    await writeFile(values.out, `${json}\n`, { mode: 0o600 });
    io.err(`Wrote a ${values.type} key pair to ${values.out} (readable only by you).`);
    if (pair.did) io.out(pair.did);
  } else {
    io.out(json);
  }
  return 0;
}
