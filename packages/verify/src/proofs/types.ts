/**
 * Data Integrity cryptosuites this SDK can sign with (`Ed25519Signature2020` is the legacy suite,
 * for wallets and verifiers that know nothing newer).
 *
 * @example
 * ```ts
 * const cryptosuite: Cryptosuite = 'eddsa-jcs-2022';
 * await signDataIntegrity(credential, { privateJwk, verificationMethod, cryptosuite });
 * ```
 */
export type Cryptosuite = 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' | 'Ed25519Signature2020';

/**
 * A W3C Data Integrity proof (`DataIntegrityProof`, or the legacy `Ed25519Signature2020`).
 *
 * @example
 * ```ts
 * const proof: DataIntegrityProof = signed.proof;
 * proof.cryptosuite; // 'eddsa-rdfc-2022'
 * ```
 */
export interface DataIntegrityProof {
  type: 'DataIntegrityProof' | 'Ed25519Signature2020' | string;
  cryptosuite?: string;
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
  id?: string;
  previousProof?: string | string[];
  '@context'?: unknown;
  [member: string]: unknown;
}

/**
 * The result of checking one proof. `ok: false` is an ordinary outcome (a bad or unverifiable
 * proof), never an exception. Codes: `signature-invalid`, `proof-malformed`, `proof-unsupported`,
 * `context-unknown`, `canonicalization-failed`, `key-unsupported`, `crypto-unsupported` (this
 * browser's WebCrypto has no Ed25519: inconclusive, not a bad credential).
 *
 * @example
 * ```ts
 * const check: ProofCheck = await verifyDataIntegrityProof(credential, credential.proof, key);
 * if (!check.ok && check.code === 'context-unknown') showInconclusive(check.message);
 * ```
 */
export type ProofCheck =
  | { ok: true; cryptosuite: string }
  | { ok: false; code: string; message: string };

/**
 * Options shared by the Data Integrity sign and verify functions.
 *
 * @example
 * ```ts
 * const options: ContextOptions = { contexts: { 'https://example.org/ctx.jsonld': myContextDocument } };
 * await verifyDataIntegrityProof(credential, credential.proof, key, options);
 * ```
 */
export interface ContextOptions {
  /**
   * Extra JSON-LD documents (URL → document) to use besides the pinned contexts; they win over
   * the pinned copies. Nothing is ever fetched.
   */
  contexts?: Readonly<Record<string, object>>;
}
