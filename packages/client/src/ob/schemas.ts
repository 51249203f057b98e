import { array, either, matching, object, string, unknown, url, type Infer } from '../validate/schema.js';

/** A compact JWS: three base64url parts (the middle one may be empty for detached payloads). */
export const compactJws = () => matching(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/, 'a compact JWS (three base64url parts)');

/** The fields of a credential the OB 3.0 API needs (the verifier checks the rest). */
export const obCredential = object(
  { '@context': unknown(), type: either(string(), array(string())), issuer: either(string(), object({ id: string() })), credentialSubject: unknown() },
  { id: string() },
);

/** `GetOpenBadgeCredentialsResponse`. Both JWS field spellings are read. */
export const obCredentialList = object({}, {
  credential: array(obCredential),
  compactJwsString: array(compactJws()),
  compactJwsStrings: array(compactJws()),
});

export const obProfile = object({ id: string() }, { type: unknown(), name: unknown() });

export const obDiscovery = object(
  { openapi: string(), info: object({ title: string() }, { version: string() }) },
  { components: unknown(), servers: array(object({ url: url() })) },
);

export type ObListBody = Infer<typeof obCredentialList>;
