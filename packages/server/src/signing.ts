// The one place the server touches signing: everything goes through @citiesoflearning/verify's
// primitives, so the server signs exactly what the SDK's verifier checks. Signing runs in the
// worker pool (signing-pool.ts), off the event loop; with COL_SIGNING_WORKERS=0, in-thread.
import { signDataIntegrity, signCredentialJwt, createStatusListCredential } from '@citiesoflearning/verify';
import { signingPool } from './signing-pool.js';

/**
 * What signing needs: a private Ed25519 JWK (the server-wide key or an issuer's own key).
 *
 * @example
 * ```ts
 * const key: SigningKey = await activeIssuerKey(ctx.sql, 'museum');
 * ```
 */
export interface SigningKey {
  privateJwk: JsonWebKey;
}

/**
 * A credential signed both ways: embedded Data Integrity proof, and VC-JWT.
 *
 * @example
 * ```ts
 * const { credential, jwt }: SignedAward = await signAward(unsigned, key, vm);
 * ```
 */
export interface SignedAward {
  credential: Record<string, unknown>;
  jwt: string;
}

/**
 * Sign one award: `eddsa-rdfc-2022` Data Integrity proof and an EdDSA VC-JWT over the same
 * unsigned credential, both naming `verificationMethod` (a key the issuer's DID document or profile lists).
 *
 * @example
 * ```ts
 * const { credential, jwt } = await signAward(unsigned, key, 'did:web:x.org:api:v1:issuers:a#z6Mk…');
 * ```
 */
export async function signAward(unsigned: Record<string, unknown>, key: SigningKey, verificationMethod: string): Promise<SignedAward> {
  const pool = signingPool();
  if (pool) return pool.sign<SignedAward>({ kind: 'award', unsigned, privateJwk: key.privateJwk, verificationMethod, created: unsigned.validFrom as string });
  const [credential, jwt] = await Promise.all([
    signDataIntegrity(unsigned, { privateJwk: key.privateJwk, verificationMethod, cryptosuite: 'eddsa-rdfc-2022', created: unsigned.validFrom as string }),
    signCredentialJwt(unsigned, { privateJwk: key.privateJwk, kid: verificationMethod, alg: 'EdDSA' }),
  ]);
  return { credential: credential as Record<string, unknown>, jwt };
}

/**
 * Build and sign a BitstringStatusListCredential over `bits` for one issuer and purpose.
 *
 * @example
 * ```ts
 * const list = await signStatusList({ id, issuer, statusPurpose: 'revocation', bits }, key, vm);
 * ```
 */
export async function signStatusList(
  input: { id: string; issuer: string; statusPurpose: 'revocation' | 'suspension'; bits: Uint8Array; validFrom: string },
  key: SigningKey,
  verificationMethod: string,
): Promise<Record<string, unknown>> {
  const unsigned = (await createStatusListCredential(input)) as Record<string, unknown>;
  const pool = signingPool();
  if (pool) return pool.sign({ kind: 'proof', unsigned, privateJwk: key.privateJwk, verificationMethod, created: input.validFrom });
  return (await signDataIntegrity(unsigned as Record<string, unknown>, {
    privateJwk: key.privateJwk,
    verificationMethod,
    cryptosuite: 'eddsa-rdfc-2022',
    created: input.validFrom,
  })) as Record<string, unknown>;
}
