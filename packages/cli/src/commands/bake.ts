import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { bake, ColError, unbake } from '@citiesoflearning/core';
import { readInput } from '../io.js';
import type { Output } from '../output.js';

const BAKE_HELP = `colearn bake <image.png|image.svg> <credential-file|-> -o <out> [--refuse-existing]

Embeds an Open Badges 2.0 assertion or 3.0 credential (JSON or compact JWS) in a PNG or SVG,
with the keyword/element its version needs. A badge already in the image is replaced unless
--refuse-existing is given. Scripts and event handlers are stripped from SVGs.`;

const UNBAKE_HELP = `colearn unbake <image.png|image.svg>

Prints the badge embedded in an image (JSON, compact JWS, or a legacy hosted URL).
Exit: 0 when a badge was found, 1 when there is none, 2 when the image is unreadable.`;

/**
 * Runs `colearn bake`; returns the exit code.
 *
 * @example
 * ```ts
 * await bakeCommand(['badge.png', 'credential.json', '-o', 'baked.png'], processOutput());
 * ```
 */
export async function bakeCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      'refuse-existing': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(BAKE_HELP);
    return 0;
  }
  if (positionals.length !== 2 || !values.out) {
    throw new ColError('usage', 'colearn bake needs an image, a credential (file or -) and -o <out>.');
  }
  const [imagePath, credentialPath] = positionals as [string, string];
  const image = await readInput(imagePath);
  // Passed as text: bake infers the version from it and embeds the issuer's exact bytes.
  const credential = new TextDecoder().decode(await readInput(credentialPath));
  const baked = bake(image, credential, { onExisting: values['refuse-existing'] ? 'refuse' : 'replace' });
  await writeFile(values.out, baked);
  const embedded = unbake(baked);
  io.err(`Baked an Open Badges ${embedded?.version ?? ''} badge into ${values.out}.`);
  return 0;
}

/**
 * Runs `colearn unbake`: prints the embedded badge; exit 1 when the image carries none.
 *
 * @example
 * ```ts
 * const code = await unbakeCommand(['baked.png'], processOutput());
 * ```
 */
export async function unbakeCommand(argv: string[], io: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(UNBAKE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new ColError('usage', 'colearn unbake takes exactly one image.');
  const [imagePath] = positionals as [string];
  const found = unbake(await readInput(imagePath));
  if (!found) {
    io.err(`No badge is baked into ${imagePath}.`);
    return 1;
  }
  io.out(found.text);
  return 0;
}
