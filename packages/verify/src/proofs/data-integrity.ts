// W3C Data Integrity EdDSA proofs: eddsa-rdfc-2022, eddsa-jcs-2022 (vc-di-eddsa) and the legacy
// Ed25519Signature2020. Each suite hashes a canonical "proof configuration" and the canonical
// document separately; the signed message is proofHash ‖ documentHash.
import { ColError, isColError } from '@citiesoflearning/core';
import { base58 } from '@scure/base';
import { concatBytes, sha256, utf8 } from '../internal/bytes.js';
import { jcs, rdfc } from './canonicalize.js';
import { ed25519Sign, ed25519Verify } from './ed25519.js';
import type { ContextOptions, Cryptosuite, DataIntegrityProof, ProofCheck } from './types.js';
import { isRecord } from '../internal/guards.js';

const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';
const DATA_INTEGRITY_CONTEXTS = new Set(['https://w3id.org/security/data-integrity/v1', DATA_INTEGRITY_V2_CONTEXT]);

function suiteOf(proof: Record<string, unknown>): Cryptosuite | undefined {
  if (proof.type === 'Ed25519Signature2020') return 'Ed25519Signature2020';
  if (proof.type === 'DataIntegrityProof' && (proof.cryptosuite === 'eddsa-rdfc-2022' || proof.cryptosuite === 'eddsa-jcs-2022')) {
    return proof.cryptosuite;
  }
  return undefined;
}

function contextList(document: Record<string, unknown>): unknown[] {
  const context = document['@context'];
  return context === undefined ? [] : Array.isArray(context) ? context : [context];
}

function asProofList(value: unknown): Record<string, unknown>[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter(isRecord);
}

/**
 * The document a proof covers: the credential without its proofs, plus — for a proof in a chain
 * (`previousProof`) — the earlier proofs it names, as vc-data-integrity §4.4 requires.
 */
function unsecuredDocument(document: Record<string, unknown>, proof: Record<string, unknown>): Record<string, unknown> {
  const { proof: proofs, ...rest } = document;
  const previous = proof.previousProof;
  if (previous === undefined) return rest;
  const wanted = typeof previous === 'string' ? [previous] : Array.isArray(previous) ? previous : null;
  if (!wanted || !wanted.every((id) => typeof id === 'string')) {
    throw new ColError('proof-malformed', 'The proof\'s "previousProof" is not a proof id or a list of them.');
  }
  const all = asProofList(proofs);
  const chained = wanted.map((id) => {
    const found = all.find((p) => p.id === id);
    if (!found) throw new ColError('proof-malformed', `The proof names a previous proof (${id}) that the credential does not carry.`);
    return found;
  });
  return { ...rest, proof: chained.length === 1 ? chained[0] : chained };
}

/** SHA-256(canonical proof config) ‖ SHA-256(canonical document) for a suite. */
async function hashData(suite: Cryptosuite, document: Record<string, unknown>, proofConfig: Record<string, unknown>, options: ContextOptions): Promise<Uint8Array> {
  let canonicalDocument: string;
  let canonicalProof: string;
  if (suite === 'eddsa-jcs-2022') {
    let unsecured = document;
    const proofContext = proofConfig['@context'];
    if (proofContext !== undefined) {
      // The proof's @context must be a prefix of the document's; the document is then hashed
      // with exactly the proof's @context (vc-di-eddsa §3.3.2).
      const expected = Array.isArray(proofContext) ? proofContext : [proofContext];
      const actual = contextList(document);
      const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && jcs(a) === jcs(b));
      if (expected.length > actual.length || expected.some((entry, i) => !same(entry, actual[i]))) {
        throw new ColError('proof-malformed', 'The proof\'s @context does not match the start of the credential\'s @context.');
      }
      unsecured = { ...document, '@context': proofContext };
    }
    canonicalDocument = jcs(unsecured);
    canonicalProof = jcs(proofConfig);
  } else {
    // RDFC suites: the proof configuration is interpreted with the document's own @context.
    const config = { ...proofConfig, '@context': document['@context'] };
    [canonicalProof, canonicalDocument] = await Promise.all([rdfc(config, options.contexts), rdfc(document, options.contexts)]);
  }
  return concatBytes(sha256(utf8(canonicalProof)), sha256(utf8(canonicalDocument)));
}

function decodeProofValue(proofValue: unknown): Uint8Array {
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z') || proofValue.length > 200) {
    throw new ColError('proof-malformed', 'The proof value is not a base58btc multibase string ("z…").');
  }
  let signature: Uint8Array;
  try {
    signature = base58.decode(proofValue.slice(1));
  } catch (cause) {
    throw new ColError('proof-malformed', 'The proof value is not valid base58btc.', { cause });
  }
  if (signature.length !== 64) throw new ColError('proof-malformed', `The proof value holds ${signature.length} bytes; an Ed25519 signature has 64.`);
  return signature;
}

/**
 * Checks one Data Integrity proof on a document with a known public key. Handles
 * `eddsa-rdfc-2022`, `eddsa-jcs-2022` and the legacy `Ed25519Signature2020`.
 *
 * `document` may be given with its proof (or proof set) or without: any `proof` on it is ignored,
 * except that a proof naming `previousProof` (a proof chain) covers those earlier proofs too.
 * Check each proof of a proof set with its own call. This function only checks the signature;
 * whether the key belongs to the issuer, the proof purpose and dates are the caller's checks.
 *
 * JSON-LD contexts come only from pinned copies (plus `options.contexts`): an unknown context gives
 * `{ ok: false, code: 'context-unknown' }` without any network access. Other failures:
 * `canonicalization-failed`, `signature-invalid`, `proof-malformed`, `proof-unsupported`,
 * `key-unsupported`, `crypto-unsupported` (no Ed25519 in this browser's WebCrypto). It never
 * throws for a bad proof.
 *
 * @example
 * ```ts
 * const publicJwk = didKeyToJwk(credential.proof.verificationMethod);
 * const check = await verifyDataIntegrityProof(credential, credential.proof, publicJwk);
 * if (!check.ok) console.log(check.code, check.message);
 * ```
 */
export async function verifyDataIntegrityProof(document: object, proof: object, publicJwk: JsonWebKey, options: ContextOptions = {}): Promise<ProofCheck> {
  try {
    if (!isRecord(document)) throw new ColError('proof-malformed', 'The credential is not a JSON object.');
    if (!isRecord(proof)) throw new ColError('proof-malformed', 'The proof is not a JSON object.');
    const suite = suiteOf(proof);
    if (!suite) {
      const name = typeof proof.cryptosuite === 'string' ? proof.cryptosuite : String(proof.type);
      return { ok: false, code: 'proof-unsupported', message: `This proof type (${name}) is not supported; supported: eddsa-rdfc-2022, eddsa-jcs-2022, Ed25519Signature2020.` };
    }
    const { proofValue, ...proofConfig } = proof;
    const signature = decodeProofValue(proofValue);
    const message = await hashData(suite, unsecuredDocument(document, proof), proofConfig, options);
    const valid = await ed25519Verify(publicJwk, message, signature);
    return valid
      ? { ok: true, cryptosuite: suite }
      : { ok: false, code: 'signature-invalid', message: 'The signature does not match: the credential was changed after signing, or signed with another key.' };
  } catch (error) {
    if (isColError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/**
 * Options for {@link signDataIntegrity}.
 *
 * @example
 * ```ts
 * const options: SignDataIntegrityOptions = { privateJwk, verificationMethod: 'did:web:issuer.example#key-1' };
 * ```
 */
export interface SignDataIntegrityOptions extends ContextOptions {
  /** Ed25519 private JWK (`{ kty: 'OKP', crv: 'Ed25519', x, d }`). */
  privateJwk: JsonWebKey;
  /** The key's id as verifiers will resolve it, e.g. `did:key:z6Mk…#z6Mk…` or `did:web:…#key-1`. */
  verificationMethod: string;
  /** Default `eddsa-rdfc-2022` (the suite 1EdTech certifies); `Ed25519Signature2020` for old wallets. */
  cryptosuite?: Cryptosuite;
  /** ISO 8601 date-time; default now (to the second). */
  created?: string;
  /** Default `assertionMethod`. */
  proofPurpose?: string;
  /** Optional proof id (a URI), useful in proof sets and chains. */
  id?: string;
}

function withSuiteContext<T extends Record<string, unknown>>(document: T, suite: Cryptosuite): T {
  const contexts = contextList(document);
  if (contexts.length === 0) return document;
  if (suite === 'Ed25519Signature2020') {
    // No credentials context defines the legacy suite's terms: it needs its own context.
    return contexts.includes(ED25519_2020_CONTEXT) ? document : { ...document, '@context': [...contexts, ED25519_2020_CONTEXT] };
  }
  if (contexts.includes(VC_V2_CONTEXT) || contexts.some((c) => typeof c === 'string' && DATA_INTEGRITY_CONTEXTS.has(c))) return document;
  // VC 1.1 documents do not define DataIntegrityProof: add its context, as other implementations do.
  return { ...document, '@context': [...contexts, DATA_INTEGRITY_V2_CONTEXT] };
}

function suiteOption(options: SignDataIntegrityOptions | undefined): Cryptosuite {
  const cryptosuite = options?.cryptosuite ?? 'eddsa-rdfc-2022';
  if (cryptosuite !== 'eddsa-rdfc-2022' && cryptosuite !== 'eddsa-jcs-2022' && cryptosuite !== 'Ed25519Signature2020') {
    throw new ColError('proof-unsupported', `Unsupported cryptosuite "${String(cryptosuite)}": use eddsa-rdfc-2022, eddsa-jcs-2022 or Ed25519Signature2020.`);
  }
  return cryptosuite;
}

async function createProof(document: Record<string, unknown>, options: SignDataIntegrityOptions): Promise<DataIntegrityProof> {
  if (typeof options?.verificationMethod !== 'string' || options.verificationMethod.length === 0) {
    throw new ColError('sign-options-invalid', 'Signing needs a "verificationMethod" (the id verifiers resolve the key from).');
  }
  const cryptosuite = suiteOption(options);
  const created = options.created ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const config: Record<string, unknown> = {
    ...(options.id ? { id: options.id } : {}),
    ...(cryptosuite === 'Ed25519Signature2020' ? { type: cryptosuite } : { type: 'DataIntegrityProof', cryptosuite }),
    created,
    verificationMethod: options.verificationMethod,
    proofPurpose: options.proofPurpose ?? 'assertionMethod',
  };
  if (cryptosuite === 'eddsa-jcs-2022' && document['@context'] !== undefined) config['@context'] = document['@context'];
  const message = await hashData(cryptosuite, document, config, options);
  const signature = await ed25519Sign(options.privateJwk, message);
  return { ...config, proofValue: 'z' + base58.encode(signature) } as DataIntegrityProof;
}

/**
 * Signs a credential (or any JSON-LD document) with a Data Integrity proof:
 * `eddsa-rdfc-2022` by default, `eddsa-jcs-2022`, or the legacy `Ed25519Signature2020`. Returns a
 * new object; the input is not changed. A VC 1.1 document gets the Data Integrity v2 context
 * appended so the proof is defined (the Ed25519 2020 context for the legacy suite). The document must not already carry a proof (use {@link addDataIntegrityProof}).
 *
 * @throws ColError `proof-exists`, `sign-options-invalid`, `key-unsupported`, `context-unknown`,
 *   `canonicalization-failed` (e.g. a term the contexts do not define).
 * @example
 * ```ts
 * const keys = await generateKeyPair();
 * const signed = await signDataIntegrity(credential, {
 *   privateJwk: keys.privateJwk,
 *   verificationMethod: keys.verificationMethod!,
 * });
 * signed.proof.proofValue; // 'z…'
 * ```
 */
export async function signDataIntegrity<T extends object>(document: T, options: SignDataIntegrityOptions): Promise<T & { proof: DataIntegrityProof }> {
  if (!isRecord(document)) throw new ColError('sign-options-invalid', 'Only a JSON object can be signed.');
  if ('proof' in document) {
    throw new ColError('proof-exists', 'The document is already signed; use addDataIntegrityProof to add a second proof.');
  }
  const unsecured = withSuiteContext(document, suiteOption(options));
  const proof = await createProof(unsecured, options);
  return { ...unsecured, proof } as T & { proof: DataIntegrityProof };
}

/**
 * Adds one more Data Integrity proof to a document, making (or extending) a proof set: every
 * proof of a set signs the document without the others. Works on unsigned documents too.
 *
 * @example
 * ```ts
 * const both = await addDataIntegrityProof(signedWithRdfc, {
 *   privateJwk, verificationMethod, cryptosuite: 'eddsa-jcs-2022',
 * });
 * both.proof.length; // 2
 * ```
 */
export async function addDataIntegrityProof<T extends object>(document: T, options: SignDataIntegrityOptions): Promise<T & { proof: DataIntegrityProof[] }> {
  if (!isRecord(document)) throw new ColError('sign-options-invalid', 'Only a JSON object can be signed.');
  const { proof: existing, ...rest } = withSuiteContext(document, suiteOption(options));
  const proof = await createProof(rest, options);
  return { ...rest, proof: [...asProofList(existing), proof] } as unknown as T & { proof: DataIntegrityProof[] };
}
