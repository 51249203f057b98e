// An unsigned BitstringStatusListCredential (VC 2.0), ready for signDataIntegrity.
import { ColError } from '@citiesoflearning/core';
import { encodeStatusList } from './bitstring.js';

/**
 * Options for {@link createStatusListCredential}.
 *
 * @example
 * ```ts
 * const options: StatusListCredentialOptions = { id: 'https://ex.org/status/1', issuer: did, statusPurpose: 'revocation', bits };
 * ```
 */
export interface StatusListCredentialOptions {
  /** The URL the list credential is served from (its `id`). */
  id: string;
  /** Issuer id, or a Profile object with an `id`. */
  issuer: string | { id: string; [member: string]: unknown };
  statusPurpose: 'revocation' | 'suspension';
  /** The bitstring (see setStatusBit); at least 16 KiB (131,072 entries) is recommended. */
  bits: Uint8Array;
  validFrom?: string;
  validUntil?: string;
}

/**
 * Builds an unsigned `BitstringStatusListCredential` (VC 2.0 context) whose subject holds the
 * encoded bitstring. Sign it with `signDataIntegrity` and serve it at `id`.
 *
 * @throws ColError `status-list-invalid` for a missing id or an unknown purpose.
 * @example
 * ```ts
 * const bits = new Uint8Array(16384);
 * setStatusBit(bits, 8, true);
 * const list = await createStatusListCredential({ id: 'https://ex.org/status/1', issuer: 'did:key:z6Mk…', statusPurpose: 'revocation', bits });
 * const signed = await signDataIntegrity(list, { privateJwk, verificationMethod });
 * ```
 */
export async function createStatusListCredential(options: StatusListCredentialOptions): Promise<Record<string, unknown>> {
  if (typeof options?.id !== 'string' || options.id.length === 0) throw new ColError('status-list-invalid', 'A status list credential needs an "id" URL.');
  if (options.statusPurpose !== 'revocation' && options.statusPurpose !== 'suspension') {
    throw new ColError('status-list-invalid', 'The status purpose must be "revocation" or "suspension".');
  }
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: options.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer,
    validFrom: options.validFrom ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(options.validUntil ? { validUntil: options.validUntil } : {}),
    credentialSubject: {
      id: `${options.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: options.statusPurpose,
      encodedList: await encodeStatusList(options.bits),
    },
  };
}
