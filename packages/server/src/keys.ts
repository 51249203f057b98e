import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateDirectory } from './private-files.js';
import { ColError, isColError } from '@citiesoflearning/core';
import { generateKeyPair, jwkToMultibase, publicJwk } from '@citiesoflearning/verify';

/**
 * The server's Ed25519 signing key in the forms it publishes and signs with.
 *
 * @example
 * ```ts
 * const key: ServerKey = await loadSigningKey('./col-data', process.env);
 * ```
 */
export interface ServerKey {
  /** Private JWK (`kty: OKP`, `crv: Ed25519`, with `d`): never leaves the server. */
  privateJwk: JsonWebKey;
  /** Public JWK, published in the JWKS and DID document. */
  publicJwk: JsonWebKey;
  /** Multikey form (`z6Mk…`), published in the DID document and issuer profiles. */
  publicKeyMultibase: string;
  /**
   * Where the key came from, for the startup log (never the key itself): `database` when another
   * instance generated it and stored it in the shared PostgreSQL database.
   */
  source: 'environment' | 'file' | 'generated' | 'memory' | 'database';
}

const KEY_FILE = 'signing-key.jwk.json';

const NOT_A_PRIVATE_KEY = 'The signing key must be a private Ed25519 JWK ({"kty":"OKP","crv":"Ed25519","x":…,"d":…}).';

/**
 * The server key of a private Ed25519 JWK, or `signing-key-invalid`.
 *
 * @example
 * ```ts
 * const key = signingKeyFromJwk(JSON.parse(stored), 'database');
 * ```
 */
export function signingKeyFromJwk(value: unknown, source: ServerKey['source']): ServerKey {
  return fromPrivateJwk(value, source);
}

/**
 * `COL_SIGNING_KEY` as a server key, `undefined` when it is not set, or `signing-key-invalid`.
 *
 * @example
 * ```ts
 * const configured = configuredSigningKey(process.env);
 * ```
 */
export function configuredSigningKey(env: Record<string, string | undefined>): ServerKey | undefined {
  const fromEnv = env.COL_SIGNING_KEY;
  if (!fromEnv) return undefined;
  let jwk: unknown;
  try {
    jwk = JSON.parse(fromEnv);
  } catch {
    throw new ColError('signing-key-invalid', 'COL_SIGNING_KEY is not valid JSON: it must be a private Ed25519 JWK.');
  }
  return fromPrivateJwk(jwk, 'environment');
}

function fromPrivateJwk(value: unknown, source: ServerKey['source']): ServerKey {
  const jwk = (typeof value === 'object' && value !== null ? value : {}) as JsonWebKey;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || typeof jwk.x !== 'string') {
    throw new ColError('signing-key-invalid', NOT_A_PRIVATE_KEY);
  }
  let pub: JsonWebKey;
  let publicKeyMultibase: string;
  try {
    pub = publicJwk(jwk);
    publicKeyMultibase = jwkToMultibase(pub);
  } catch (error) {
    // verify's codes speak of "a public key"; the operator needs to hear it is the signing key.
    if (!isColError(error)) throw error;
    throw new ColError('signing-key-invalid', `${NOT_A_PRIVATE_KEY} ${error.message}`, { cause: error });
  }
  return { privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d }, publicJwk: pub, publicKeyMultibase, source };
}

/** The JWK in the key file; a damaged file is the operator's to fix, so it gets a plain sentence. */
function readKeyFile(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ColError('signing-key-invalid', `The signing key file ${file} is damaged (not JSON): restore it from a backup, or set COL_SIGNING_KEY.`, { cause: error });
  }
}

/**
 * The server's signing key: from `COL_SIGNING_KEY` (a private Ed25519 JWK) when set, else from
 * `<dataDir>/signing-key.jwk.json` (created on first start with file mode 0600), or a fresh
 * in-memory key when `dataDir` is `':memory:'`.
 *
 * @example
 * ```ts
 * const key = await loadSigningKey('/var/lib/col', process.env);
 * console.log(key.publicKeyMultibase); // z6Mk…
 * ```
 */
export async function loadSigningKey(dataDir: string, env: Record<string, string | undefined> = {}): Promise<ServerKey> {
  const configured = configuredSigningKey(env);
  if (configured) return configured;
  if (dataDir === ':memory:') return fromPrivateJwk((await generateKeyPair('Ed25519')).privateJwk, 'memory');
  const file = join(dataDir, KEY_FILE);
  if (existsSync(file)) {
    // A key readable by others is a key others may have copied: tighten it and carry on.
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    return fromPrivateJwk(readKeyFile(file), 'file');
  }
  const pair = await generateKeyPair('Ed25519');
  // On SQLite opening the database made the folder; on PostgreSQL the key may be all it holds.
  privateDirectory(dataDir);
  // `wx`: never overwrite a key another process wrote a moment ago.
  writeFileSync(file, JSON.stringify(pair.privateJwk) + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return fromPrivateJwk(pair.privateJwk, 'generated');
}

/**
 * A random URL-safe token with `bytes` bytes of entropy (keys, codes, ids).
 *
 * @example
 * ```ts
 * randomToken(16); // 'q3V0…' (22 characters)
 * ```
 */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}
