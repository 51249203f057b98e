// Where signatures are made and checked. WebCrypto everywhere by default; the Node entry
// installs node:crypto, whose one-shot sign/verify run on the calling thread without the
// round trip through the WebCrypto thread pool (about half the cost of checking a VC-JWT).
// Kept behind this seam so the browser bundle never names a Node module.

/**
 * A synchronous signature implementation for one runtime. Each method returns `undefined` for
 * anything it does not handle (an unknown algorithm, a key it cannot read), and the caller then
 * uses WebCrypto, which reports the problem in the usual way.
 *
 * @example
 * ```ts
 * installSignatureBackend({ verify: () => undefined, signEd25519: () => undefined });
 * ```
 */
export interface SignatureBackend {
  /** Whether `signature` is valid for `data` under the public JWK with JWS algorithm `alg`. */
  verify(alg: 'EdDSA' | 'ES256' | 'RS256', publicJwk: JsonWebKey, data: Uint8Array, signature: Uint8Array): boolean | undefined;
  /** An Ed25519 signature of `data` with the private JWK. */
  signEd25519(privateJwk: JsonWebKey, data: Uint8Array): Uint8Array | undefined;
}

let installed: SignatureBackend | undefined;

/**
 * Uses `backend` for signatures from now on (the Node entry calls this once).
 *
 * @example
 * ```ts
 * installSignatureBackend(nodeCryptoBackend);
 * ```
 */
export function installSignatureBackend(backend: SignatureBackend | undefined): void {
  installed = backend;
}

/**
 * The installed backend, if any.
 *
 * @example
 * ```ts
 * const valid = signatureBackend()?.verify('EdDSA', jwk, data, sig) ?? (await webCryptoVerify());
 * ```
 */
export function signatureBackend(): SignatureBackend | undefined {
  return installed;
}
