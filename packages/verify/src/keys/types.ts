/**
 * Key algorithms the SDK can generate and sign with: Ed25519 (Data Integrity, EdDSA JWTs), P-256
 * (ES256) and RSA 2048 (RS256 — what Open Badges 2.0 signed badges and their validators expect).
 *
 * @example
 * ```ts
 * const type: KeyType = 'P-256';
 * const keys = await generateKeyPair(type);
 * ```
 */
export type KeyType = 'Ed25519' | 'P-256' | 'RSA';

/**
 * A freshly generated key pair, in the forms issuers need: JWKs for JOSE, and for Ed25519 the
 * Multikey and did:key forms used by Data Integrity proofs.
 *
 * @example
 * ```ts
 * const keys: KeyPair = await generateKeyPair();
 * store(keys.privateJwk); // keep secret
 * publish(keys.did);      // did:key:z6Mk…
 * ```
 */
export interface KeyPair {
  type: KeyType;
  /** Public key as a JWK (safe to publish). */
  publicJwk: JsonWebKey;
  /** Private key as a JWK (keep secret). */
  privateJwk: JsonWebKey;
  /** Ed25519 only: Multikey `z6Mk…` form of the public key. */
  publicKeyMultibase?: string;
  /** Ed25519 only: `did:key:z6Mk…`. */
  did?: string;
  /** Ed25519 only: `did:key:z6Mk…#z6Mk…`, the verification method to put in proofs. */
  verificationMethod?: string;
}
