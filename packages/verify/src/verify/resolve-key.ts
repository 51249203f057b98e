import { ColError, isColError } from '@citiesoflearning/core';
import { calculateJwkThumbprint, exportJWK, importSPKI } from 'jose';
import { clip, stripFragment, type Fetcher } from './fetcher.js';
import { INCONCLUSIVE_CODES } from './messages.js';
import { didKeyToJwk, multibaseToJwk, publicJwk } from './primitives.js';
import { hasPrivateMembers } from '../keys/index.js';

/**
 * The outcome of finding a signing key and checking it belongs to the issuer. `jwks` holds the
 * candidate public keys (empty when none could be found); `outcome`/`code`/`message` are the
 * `key` check.
 *
 * @example
 * ```ts
 * const { jwks, outcome }: KeyResolution = await resolveVerificationMethod(vm, issuerId, fetcher);
 * ```
 */
export interface KeyResolution {
  jwks: JsonWebKey[];
  outcome: 'passed' | 'failed' | 'inconclusive';
  code: string;
  message: string;
}

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObj(v) && typeof v.id === 'string' ? v.id : undefined);

function pass(jwks: JsonWebKey[], message = 'The signing key belongs to the issuer.'): KeyResolution {
  return { jwks, outcome: 'passed', code: 'key-issuer-bound', message };
}
function fail(code: string, message: string, jwks: JsonWebKey[] = []): KeyResolution {
  return { jwks, outcome: 'failed', code, message };
}
function unresolved(message: string, code = 'key-unresolvable'): KeyResolution {
  return { jwks: [], outcome: 'inconclusive', code, message };
}

/** Turn an error from a lookup into an inconclusive or failed key result. */
function fromError(error: unknown, what: string): KeyResolution {
  if (isColError(error)) {
    if (INCONCLUSIVE_CODES.has(error.code)) {
      return unresolved(`We couldn't fetch ${what}, so we can't tell who signed this badge. (${error.message})`);
    }
    return fail('key-invalid', `${what[0]?.toUpperCase()}${what.slice(1)} is not usable: ${error.message}`);
  }
  throw error;
}

/**
 * The https URL a `did:web` DID document is served from (`did:web:host[:path]` →
 * `https://host/path/did.json` or `https://host/.well-known/did.json`; `%3A` decodes to a port).
 *
 * @example
 * ```ts
 * didWebToUrl('did:web:example.com:orgs:a'); // 'https://example.com/orgs/a/did.json'
 * ```
 */
export function didWebToUrl(did: string): string {
  const parts = stripFragment(did).slice('did:web:'.length).split(':');
  const host = decodeURIComponent(parts[0] ?? '');
  if (!host || /[/?#@\s]/.test(host)) throw new ColError('did-web-invalid', `This did:web identifier is not valid: ${clip(did)}.`);
  const path = parts.slice(1).map((p) => decodeURIComponent(p));
  if (path.some((p) => p === '' || p === '.' || p === '..' || /[/?#]/.test(p))) {
    throw new ColError('did-web-invalid', `This did:web identifier is not valid: ${clip(did)}.`);
  }
  return path.length ? `https://${host}/${path.join('/')}/did.json` : `https://${host}/.well-known/did.json`;
}

/** The public JWK of a verification method object (Multikey / Ed25519VerificationKey2020 / JsonWebKey). */
function keyOfMethod(vm: Json): JsonWebKey {
  if (typeof vm.publicKeyMultibase === 'string') return multibaseToJwk(vm.publicKeyMultibase);
  if (isObj(vm.publicKeyJwk)) {
    if (hasPrivateMembers(vm.publicKeyJwk)) throw new ColError('jwk-private', 'The published key contains private key material.');
    return publicJwk(vm.publicKeyJwk as JsonWebKey);
  }
  throw new ColError('key-invalid', 'The verification method has no public key we can read.');
}

/** Resolve `ref` (absolute or `#fragment`) against a controller document's id. */
function absolute(ref: string, base: string): string {
  return ref.startsWith('#') ? `${stripFragment(base)}${ref}` : ref;
}

/** Find a verification method by id in a controller (DID) document and check its authorisation. */
function methodInController(doc: Json, vmId: string, issuerId: string): KeyResolution {
  const docId = String(doc.id);
  const candidates = [...asArray(doc.verificationMethod), ...asArray(doc.assertionMethod), ...asArray(doc.publicKey)];
  const vm = candidates.find((c): c is Json => isObj(c) && typeof c.id === 'string' && absolute(c.id, docId) === vmId);
  if (!vm) return fail('key-not-issuers', `The issuer's identity document does not list the key ${clip(vmId)}.`);
  let jwk: JsonWebKey;
  try {
    jwk = keyOfMethod(vm);
  } catch (error) {
    if (isColError(error, 'jwk-private')) return fail('jwk-private', error.message);
    return fromError(error, "the issuer's key");
  }
  const controller = typeof vm.controller === 'string' ? absolute(vm.controller, docId) : docId;
  if (controller !== issuerId) {
    return fail('key-not-issuers', `The key is controlled by ${clip(controller)}, not by the issuer ${clip(issuerId)}.`, [jwk]);
  }
  const authorised = asArray(doc.assertionMethod).some((a) => {
    const id = idOf(a);
    return id !== undefined && absolute(id, docId) === vmId;
  });
  if (!authorised) {
    return fail('vm-not-assertion', 'The issuer has not authorised this key to issue credentials (it is not an assertion method).', [jwk]);
  }
  return pass([jwk]);
}

/**
 * Find the key named by a verification method (`did:key`, `did:web`, or an https URL of a
 * controller document or key) and check it belongs to `issuerId`.
 *
 * @example
 * ```ts
 * const result = await resolveVerificationMethod(proof.verificationMethod, issuerId, new Fetcher(options));
 * if (result.outcome === 'passed') useKey(result.jwks[0]);
 * ```
 */
export async function resolveVerificationMethod(vmId: string, issuerId: string, fetcher: Fetcher): Promise<KeyResolution> {
  if (typeof vmId !== 'string' || vmId === '') return fail('key-missing', 'The signature does not say which key made it.');
  if (vmId.startsWith('did:key:')) {
    let jwk: JsonWebKey;
    try {
      jwk = didKeyToJwk(vmId);
    } catch (error) {
      return fromError(error, 'the signing key');
    }
    const did = stripFragment(vmId);
    if (did !== issuerId) {
      return fail('key-not-issuers', `The badge was signed by ${clip(did)}, not by the issuer it names (${clip(issuerId)}).`, [jwk]);
    }
    return pass([jwk]);
  }
  if (vmId.startsWith('did:web:')) {
    const did = stripFragment(vmId);
    let url: string;
    try {
      url = didWebToUrl(did);
    } catch (error) {
      return fromError(error, 'the signing key');
    }
    let doc: unknown;
    try {
      doc = await fetcher.json(url);
    } catch (error) {
      return fromError(error, `the issuer's identity document (${clip(url)})`);
    }
    if (!isObj(doc) || doc.id !== did) {
      return fail('did-document-mismatch', `The identity document at ${clip(url)} is not the document of ${clip(did)}.`);
    }
    return methodInController(doc, vmId, issuerId);
  }
  if (/^https?:\/\//i.test(vmId)) return resolveHttpsMethod(vmId, issuerId, fetcher);
  return unresolved(`We can't look up keys of this kind: ${clip(vmId.split('#')[0] ?? vmId)}.`);
}

async function resolveHttpsMethod(vmId: string, issuerId: string, fetcher: Fetcher): Promise<KeyResolution> {
  let doc: unknown;
  try {
    doc = await fetcher.json(vmId);
  } catch (error) {
    return fromError(error, `the signing key (${clip(vmId)})`);
  }
  if (!isObj(doc)) return fail('key-invalid', 'The signing key document is not usable.');
  const docUrl = stripFragment(vmId);
  // A controller document that lists the method.
  if (doc.verificationMethod !== undefined || doc.assertionMethod !== undefined) {
    if (doc.id !== docUrl && doc.id !== vmId) {
      return fail('did-document-mismatch', `The key document at ${clip(docUrl)} says it is ${clip(String(doc.id))}.`);
    }
    if (doc.id === docUrl) return methodInController(doc, vmId, issuerId);
  }
  // A standalone verification method: its controller must be the issuer and must list it.
  if (doc.id !== vmId) return fail('key-invalid', `The key document at ${clip(docUrl)} describes a different key.`);
  let jwk: JsonWebKey;
  try {
    jwk = keyOfMethod(doc);
  } catch (error) {
    if (isColError(error, 'jwk-private')) return fail('jwk-private', error.message);
    return fromError(error, 'the signing key');
  }
  if (doc.controller !== issuerId) {
    return fail('key-not-issuers', `The key is controlled by ${clip(String(doc.controller))}, not by the issuer.`, [jwk]);
  }
  let controllerDoc: unknown;
  try {
    controllerDoc = await fetcher.json(issuerId);
  } catch (error) {
    return { ...fromError(error, "the issuer's profile"), jwks: [jwk] };
  }
  if (!isObj(controllerDoc)) return fail('key-not-issuers', "The issuer's profile does not list this key.", [jwk]);
  const listed = asArray(controllerDoc.assertionMethod).some((a) => idOf(a) === vmId);
  return listed ? pass([jwk]) : fail('vm-not-assertion', 'The issuer has not authorised this key to issue credentials.', [jwk]);
}

const thumb = (jwk: JsonWebKey) => calculateJwkThumbprint(jwk as Parameters<typeof calculateJwkThumbprint>[0]);

/** Every public key an issuer publishes: DID document / profile methods and its JWKS. */
async function issuerKeys(issuerId: string, fetcher: Fetcher): Promise<{ keys: JsonWebKey[]; errors: unknown[] }> {
  const keys: JsonWebKey[] = [];
  const errors: unknown[] = [];
  const collect = (doc: unknown) => {
    if (!isObj(doc)) return;
    const docId = typeof doc.id === 'string' ? doc.id : issuerId;
    const assertion = new Set(asArray(doc.assertionMethod).map(idOf).filter(Boolean).map((id) => absolute(id as string, docId)));
    for (const m of [...asArray(doc.verificationMethod), ...asArray(doc.assertionMethod), ...asArray(doc.publicKey)]) {
      if (!isObj(m)) continue;
      const id = typeof m.id === 'string' ? absolute(m.id, docId) : undefined;
      const controller = typeof m.controller === 'string' ? absolute(m.controller, docId) : docId;
      if (controller !== issuerId || (id && !assertion.has(id) && doc.assertionMethod !== undefined)) continue;
      try {
        keys.push(keyOfMethod(m));
      } catch {
        /* a key we cannot read vouches for nothing */
      }
    }
  };
  if (issuerId.startsWith('did:key:')) {
    try {
      keys.push(didKeyToJwk(issuerId));
    } catch (error) {
      errors.push(error);
    }
  } else if (issuerId.startsWith('did:web:')) {
    try {
      const doc = await fetcher.json(didWebToUrl(issuerId));
      if (isObj(doc) && doc.id === issuerId) collect(doc);
    } catch (error) {
      errors.push(error);
    }
  } else if (/^https?:\/\//i.test(issuerId)) {
    try {
      collect(await fetcher.json(issuerId));
    } catch (error) {
      errors.push(error);
    }
    try {
      const jwks = await fetcher.json(`${new URL(issuerId).origin}/.well-known/jwks.json`);
      for (const k of isObj(jwks) ? asArray(jwks.keys) : []) {
        if (isObj(k) && typeof k.kty === 'string' && !hasPrivateMembers(k)) keys.push(publicJwk(k as JsonWebKey));
      }
    } catch (error) {
      errors.push(error);
    }
  }
  return { keys, errors };
}

/**
 * Find the key of a VC-JWT and check the issuer vouches for it: a `jwk` header counts only when
 * the issuer publishes the same key (JWKS, DID document, or profile); a `kid` URL only on the
 * issuer's own origin or listed by the issuer; a DID URL `kid` is resolved like a Data Integrity
 * verification method.
 *
 * @example
 * ```ts
 * const { header } = decodeJws(jws);
 * const key = await resolveJwtKey(header, credential.issuer.id, new Fetcher(options));
 * ```
 */
export async function resolveJwtKey(header: Json, issuerId: string, fetcher: Fetcher): Promise<KeyResolution> {
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  if (header.jwk !== undefined) {
    if (!isObj(header.jwk) || typeof header.jwk.kty !== 'string') return fail('key-invalid', 'The key carried in the badge is damaged.');
    if (hasPrivateMembers(header.jwk)) {
      return fail('jwk-private', 'The badge carries a secret key, which no genuine issuer would publish. It is not trustworthy.');
    }
    let jwk: JsonWebKey;
    let print: string;
    try {
      jwk = publicJwk(header.jwk as JsonWebKey);
      print = await thumb(jwk);
    } catch (error) {
      return fromError(error, 'the key carried in the badge');
    }
    const { keys, errors } = await issuerKeys(issuerId, fetcher);
    for (const k of keys) {
      if ((await thumb(k).catch(() => '')) === print) return pass([jwk], 'The issuer publishes the key that signed this badge.');
    }
    if (keys.length === 0 && errors.length > 0) return fromError(errors[0], "the issuer's published keys");
    return fail('jwk-not-vouched', 'The badge carries its own key, and the issuer does not list that key as theirs.', [jwk]);
  }
  if (kid !== undefined) {
    if (kid.startsWith('did:')) return resolveVerificationMethod(kid, issuerId, fetcher);
    if (kid.startsWith('#') && issuerId.startsWith('did:')) return resolveVerificationMethod(issuerId + kid, issuerId, fetcher);
    if (/^https?:\/\//i.test(kid)) return resolveKidUrl(kid, issuerId, fetcher);
    // A bare key id: look it up in the issuer's own JWKS.
    return resolveFromIssuerJwks(issuerId, fetcher, kid);
  }
  if (issuerId.startsWith('did:key:')) return resolveVerificationMethod(issuerId, issuerId, fetcher);
  return resolveFromIssuerJwks(issuerId, fetcher);
}

async function resolveFromIssuerJwks(issuerId: string, fetcher: Fetcher, kid?: string): Promise<KeyResolution> {
  if (!/^https?:\/\//i.test(issuerId)) return fail('key-missing', 'The badge does not say which key signed it.');
  const url = `${new URL(issuerId).origin}/.well-known/jwks.json`;
  let jwks: unknown;
  try {
    jwks = await fetcher.json(url);
  } catch (error) {
    return fromError(error, `the issuer's published keys (${clip(url)})`);
  }
  const keys = (isObj(jwks) ? asArray(jwks.keys) : []).filter(
    (k): k is Json => isObj(k) && typeof k.kty === 'string' && !hasPrivateMembers(k) && (kid === undefined || k.kid === kid),
  );
  if (keys.length === 0) return fail('key-not-issuers', "The issuer's published keys do not include the key that signed this badge.");
  return pass(keys.map((k) => publicJwk(k as JsonWebKey)), 'The key is published by the issuer.');
}

async function resolveKidUrl(kid: string, issuerId: string, fetcher: Fetcher): Promise<KeyResolution> {
  let sameOrigin = false;
  try {
    sameOrigin = /^https?:\/\//i.test(issuerId) && new URL(kid).origin === new URL(issuerId).origin;
  } catch {
    return fail('key-invalid', 'The signing key address is not valid.');
  }
  if (!sameOrigin) {
    // Listed by the issuer (profile or DID document)?
    let listed = false;
    try {
      const profileUrl = issuerId.startsWith('did:web:') ? didWebToUrl(issuerId) : issuerId;
      const profile = /^https?:\/\//i.test(profileUrl) ? await fetcher.json(profileUrl) : undefined;
      if (isObj(profile)) {
        listed = [...asArray(profile.assertionMethod), ...asArray(profile.publicKey)].some((a) => idOf(a) === kid);
      }
    } catch (error) {
      return fromError(error, "the issuer's profile");
    }
    if (!listed) {
      return fail('kid-foreign', `The signing key is hosted at ${clip(new URL(kid).host)}, outside the issuer's website, and the issuer does not list it.`);
    }
  }
  let doc: unknown;
  try {
    doc = await fetcher.json(kid);
  } catch (error) {
    return fromError(error, `the signing key (${clip(kid)})`);
  }
  if (!isObj(doc)) return fail('key-invalid', 'The signing key document is not usable.');
  try {
    if (typeof doc.kty === 'string') {
      if (hasPrivateMembers(doc)) return fail('jwk-private', 'The published key contains private key material.');
      return pass([publicJwk(doc as JsonWebKey)]);
    }
    if (Array.isArray(doc.keys)) {
      const fragment = kid.includes('#') ? kid.slice(kid.indexOf('#') + 1) : undefined;
      const keys = doc.keys.filter(
        (k): k is Json => isObj(k) && typeof k.kty === 'string' && !hasPrivateMembers(k) && (fragment === undefined || k.kid === fragment || k.kid === kid),
      );
      if (keys.length === 0) return fail('key-not-issuers', 'The key set does not contain the signing key.');
      return pass(keys.map((k) => publicJwk(k as JsonWebKey)));
    }
    if (doc.id === kid && (doc.publicKeyJwk || doc.publicKeyMultibase)) return pass([keyOfMethod(doc)]);
    if (doc.verificationMethod || doc.assertionMethod) return methodInController(doc, kid, issuerId);
  } catch (error) {
    return fromError(error, 'the signing key');
  }
  return fail('key-invalid', 'The signing key document holds no key we can read.');
}

/**
 * Find an Open Badges 2.0 signing key and check the two-way link: the key's `owner` is the
 * issuer AND the hosted issuer profile's `publicKey` lists the key. PEM keys are imported with
 * jose `importSPKI`.
 *
 * @example
 * ```ts
 * const key = await resolveOb2Key(assertion.verification.creator, hostedIssuer, 'RS256', fetcher);
 * ```
 */
export async function resolveOb2Key(
  creator: string | undefined,
  issuerProfile: Json,
  alg: string,
  fetcher: Fetcher,
): Promise<KeyResolution> {
  const issuerId = String(issuerProfile.id);
  const listed = asArray(issuerProfile.publicKey).map(idOf).filter((x): x is string => typeof x === 'string');
  const candidates = creator ? [creator] : listed;
  if (candidates.length === 0) return fail('key-missing', 'The issuer publishes no signing key and the badge names none.');
  let last: KeyResolution = fail('key-missing', 'The badge does not say which key signed it.');
  const jwks: JsonWebKey[] = [];
  for (const keyUrl of candidates) {
    let key: unknown;
    try {
      key = await fetcher.json(keyUrl);
    } catch (error) {
      last = fromError(error, `the signing key (${clip(keyUrl)})`);
      continue;
    }
    if (!isObj(key) || typeof key.publicKeyPem !== 'string') {
      last = fail('key-invalid', 'The signing key document has no public key.');
      continue;
    }
    let jwk: JsonWebKey;
    try {
      const imported = await importSPKI(key.publicKeyPem, alg, { extractable: true });
      jwk = (await exportJWK(imported)) as JsonWebKey;
    } catch {
      last = fail('key-invalid', "The issuer's signing key is damaged or does not fit the badge's signing method.");
      continue;
    }
    if (idOf(key) !== keyUrl) {
      last = fail('key-not-issuers', 'The key document describes a different key.', [jwk]);
      continue;
    }
    if (idOf(key.owner) !== issuerId) {
      last = fail('key-not-issuers', `The key belongs to ${clip(String(idOf(key.owner)))}, not to the issuer ${clip(issuerId)}.`, [jwk]);
      continue;
    }
    if (!listed.includes(keyUrl)) {
      last = fail('key-not-issuers', "The issuer's profile does not list this key as theirs.", [jwk]);
      continue;
    }
    jwks.push(jwk);
  }
  return jwks.length ? pass(jwks) : last;
}
