import { ColError, isColError } from '@citiesoflearning/core';
import { calculateJwkThumbprint, exportJWK, importSPKI } from 'jose';
import { clip, stripFragment, type Fetcher } from './fetcher.js';
import { INCONCLUSIVE_CODES, causeOf, type CheckCode, type MessageKey, type MessageParams } from './messages.js';
import { makeCheck, type Check } from './report.js';
import { didKeyToJwk, multibaseToJwk, publicJwk } from './primitives.js';
import { hasPrivateMembers } from '../keys/index.js';
import { isRecord, asArray, idOf } from '../internal/guards.js';

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
  code: CheckCode;
  /** The catalogue sentence for the `key` check when more specific than the code's own. */
  template?: MessageKey;
  params?: MessageParams;
}

/**
 * The `key` check for a key resolution.
 *
 * @example
 * ```ts
 * checks.push(keyCheck(await resolveJwtKey(header, issuerId, fetcher)));
 * ```
 */
export function keyCheck(key: KeyResolution): Check {
  return makeCheck('key', key.outcome, key.code, key.params, key.template);
}

type Json = Record<string, unknown>;


type Say = { template?: MessageKey; params?: MessageParams };
function pass(jwks: JsonWebKey[], template?: MessageKey): KeyResolution {
  return { jwks, outcome: 'passed', code: 'key-issuer-bound', ...(template ? { template } : {}) };
}
function fail(code: CheckCode, say: Say = {}, jwks: JsonWebKey[] = []): KeyResolution {
  return { jwks, outcome: 'failed', code, ...say };
}
function unresolved(say: Say = {}): KeyResolution {
  return { jwks: [], outcome: 'inconclusive', code: 'key-unresolvable', ...say };
}

/** Turn an error from a lookup into an inconclusive or failed key result, saying its cause. */
function fromError(error: unknown): KeyResolution {
  if (isColError(error)) {
    if (INCONCLUSIVE_CODES.has(error.code)) return unresolved({ params: { cause: causeOf(error) } });
    if (error.code === 'jwk-private') return fail('jwk-private');
    return fail('key-invalid', { params: { cause: causeOf(error) } });
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
  if (isRecord(vm.publicKeyJwk)) {
    if (hasPrivateMembers(vm.publicKeyJwk)) throw new ColError('jwk-private', 'The published key contains private key material.');
    return publicJwk(vm.publicKeyJwk as JsonWebKey);
  }
  throw new ColError('key-invalid', 'The verification method has no public key we can read.');
}

/** Resolve `ref` (absolute or `#fragment`) against a controller document's id. */
function absolute(ref: string, base: string): string {
  return ref.startsWith('#') ? `${stripFragment(base)}${ref}` : ref;
}

/** The ids (absolute) a controller document lists under `member` (strings or embedded methods). */
function listedIds(doc: Json, member: 'assertionMethod' | 'verificationMethod' | 'publicKey'): Set<string> {
  const docId = String(doc.id);
  return new Set(asArray(doc[member]).map(idOf).filter((id): id is string => typeof id === 'string').map((id) => absolute(id, docId)));
}

/** A verification method embedded in a controller document, by absolute id. */
function embeddedMethod(doc: Json, vmId: string): Json | undefined {
  const docId = String(doc.id);
  const candidates = [...asArray(doc.verificationMethod), ...asArray(doc.assertionMethod), ...asArray(doc.publicKey)];
  return candidates.find((c): c is Json => isRecord(c) && typeof c.id === 'string' && absolute(c.id, docId) === vmId);
}

/**
 * The issuer's controller document — the one place that says which keys speak for the issuer:
 * its DID document (did:web, fetched; its `id` must be the DID) or its Profile (https, fetched;
 * its `id` must be the issuer id).
 */
async function issuerController(issuerId: string, fetcher: Fetcher): Promise<{ doc: Json } | { failure: KeyResolution }> {
  let url: string;
  if (issuerId.startsWith('did:web:')) {
    try {
      url = didWebToUrl(issuerId);
    } catch (error) {
      return { failure: fromError(error) };
    }
  } else if (/^https?:\/\//i.test(issuerId)) {
    url = issuerId;
  } else {
    return { failure: unresolved({ template: 'key.kind-unknown', params: { detail: clip(issuerId) } }) };
  }
  let doc: unknown;
  try {
    doc = await fetcher.json(url);
  } catch (error) {
    return { failure: fromError(error) };
  }
  if (!isRecord(doc) || doc.id !== issuerId) {
    return { failure: fail('did-document-mismatch', { params: { url: clip(url) } }) };
  }
  return { doc };
}

/** Read the key of a method, or explain why it cannot be used. */
function keyOrFailure(vm: Json): { jwk: JsonWebKey } | { failure: KeyResolution } {
  try {
    return { jwk: keyOfMethod(vm) };
  } catch (error) {
    return { failure: fromError(error) };
  }
}

/**
 * Find the key named by a verification method and check the issuer authorises it: the method
 * must be listed (by id) in the `assertionMethod` of the issuer's own controller document — its
 * DID document, or for an https issuer its Profile — and be controlled by the issuer. A
 * `did:key` issuer's only method is its own key. A document elsewhere that merely describes the
 * key proves nothing.
 *
 * @example
 * ```ts
 * const result = await resolveVerificationMethod(proof.verificationMethod, issuerId, new Fetcher(options));
 * if (result.outcome === 'passed') useKey(result.jwks[0]);
 * ```
 */
export async function resolveVerificationMethod(vmId: string, issuerId: string, fetcher: Fetcher): Promise<KeyResolution> {
  if (typeof vmId !== 'string' || vmId === '') return fail('key-missing');
  if (vmId.startsWith('did:key:')) {
    let jwk: JsonWebKey;
    try {
      jwk = didKeyToJwk(vmId);
    } catch (error) {
      return fromError(error);
    }
    const did = stripFragment(vmId);
    if (did !== issuerId) {
      return fail('key-not-issuers', { template: 'key.signed-by-other', params: { signer: clip(did), issuer: clip(issuerId) } }, [jwk]);
    }
    return pass([jwk]);
  }
  // A method of another DID can never be listed by this issuer's document as its own.
  if (vmId.startsWith('did:') && stripFragment(vmId) !== issuerId) {
    return fail('key-not-issuers', { template: 'key.signed-by-other', params: { signer: clip(stripFragment(vmId)), issuer: clip(issuerId) } });
  }
  if (!vmId.startsWith('did:') && !/^https?:\/\//i.test(vmId)) {
    return unresolved({ template: 'key.kind-unknown', params: { detail: clip(vmId.split('#')[0] ?? vmId) } });
  }
  if (issuerId.startsWith('did:key:')) {
    return fail('key-not-issuers', { template: 'key.signed-by-other', params: { signer: clip(stripFragment(vmId)), issuer: clip(issuerId) } });
  }
  const controller = await issuerController(issuerId, fetcher);
  if ('failure' in controller) return controller.failure;
  const { doc } = controller;
  const embedded = embeddedMethod(doc, vmId);
  if (embedded && typeof embedded.controller === 'string' && absolute(embedded.controller, String(doc.id)) !== issuerId) {
    return fail('key-not-issuers', { template: 'key.controlled-by-other', params: { controller: clip(embedded.controller) } });
  }
  if (!listedIds(doc, 'assertionMethod').has(vmId)) {
    return fail('vm-not-assertion');
  }
  if (embedded) {
    const key = keyOrFailure(embedded);
    return 'failure' in key ? key.failure : pass([key.jwk]);
  }
  if (!/^https?:\/\//i.test(vmId)) {
    return fail('key-not-issuers', { template: 'key.not-listed' });
  }
  // Listed by reference: the method is a document of its own, which must agree.
  let method: unknown;
  try {
    method = await fetcher.json(vmId);
  } catch (error) {
    return fromError(error);
  }
  // A bare JWK at an address the issuer lists is the issuer's key: the listing is what counts.
  if (isRecord(method) && typeof method.kty === 'string' && method.id === undefined) {
    if (hasPrivateMembers(method)) return fail('jwk-private');
    try {
      return pass([publicJwk(method as JsonWebKey)]);
    } catch (error) {
      return fromError(error);
    }
  }
  if (!isRecord(method) || method.id !== vmId) return fail('key-invalid', { params: { cause: { ref: 'key.other-key' } } });
  if (method.controller !== issuerId) {
    return fail('key-not-issuers', { template: 'key.controlled-by-other', params: { controller: clip(String(method.controller)) } });
  }
  const key = keyOrFailure(method);
  return 'failure' in key ? key.failure : pass([key.jwk]);
}

/**
 * The RFC 7638 thumbprint of a key from a badge or a document. jose says a key is unusable with
 * its own errors (a TypeError for a missing member); here that is `key-invalid`, like any other
 * unreadable key, so only a real bug escapes as a foreign error.
 */
async function thumb(jwk: JsonWebKey): Promise<string> {
  try {
    return await calculateJwkThumbprint(jwk as Parameters<typeof calculateJwkThumbprint>[0]);
  } catch (cause) {
    throw new ColError('key-invalid', 'This key cannot be read.', { cause });
  }
}

/** The thumbprint, or `undefined` for a key that cannot be read (it matches nothing). */
async function thumbOrUndefined(jwk: JsonWebKey): Promise<string | undefined> {
  try {
    return await thumb(jwk);
  } catch (error) {
    if (!isColError(error)) throw error;
    return undefined;
  }
}

/** The JWKS an https issuer publishes at its origin's `/.well-known/jwks.json` (a path no upload reaches). */
async function issuerJwks(issuerId: string, fetcher: Fetcher): Promise<Json[]> {
  const origin = originOf(issuerId);
  if (origin === undefined) throw new ColError('url-invalid', `This is not a valid web address: ${clip(issuerId)}.`);
  const jwks = await fetcher.json(`${origin}/.well-known/jwks.json`);
  return (isRecord(jwks) ? asArray(jwks.keys) : []).filter((k): k is Json => isRecord(k) && typeof k.kty === 'string' && !hasPrivateMembers(k));
}

/**
 * Every public key an issuer lists as its own: the `assertionMethod` keys of its DID document,
 * the `verificationMethod`/`assertionMethod` keys of its Profile, and (https issuers) its JWKS.
 */
async function issuerKeys(issuerId: string, fetcher: Fetcher): Promise<{ keys: JsonWebKey[]; errors: KeyResolution[] }> {
  const keys: JsonWebKey[] = [];
  const errors: KeyResolution[] = [];
  if (issuerId.startsWith('did:key:')) {
    try {
      keys.push(didKeyToJwk(issuerId));
    } catch (error) {
      errors.push(fromError(error));
    }
    return { keys, errors };
  }
  const isDid = issuerId.startsWith('did:');
  if (isDid && !issuerId.startsWith('did:web:')) return { keys, errors: [unresolved({ template: 'key.kind-unknown', params: { detail: clip(issuerId) } })] };
  const controller = await issuerController(issuerId, fetcher);
  if ('doc' in controller) {
    const { doc } = controller;
    const allowed = isDid ? listedIds(doc, 'assertionMethod') : new Set([...listedIds(doc, 'assertionMethod'), ...listedIds(doc, 'verificationMethod')]);
    for (const id of allowed) {
      const m = embeddedMethod(doc, id);
      if (!m || (typeof m.controller === 'string' && absolute(m.controller, String(doc.id)) !== issuerId)) continue;
      try {
        keys.push(keyOfMethod(m));
      } catch (error) {
        if (!isColError(error)) throw error;
        /* a key we cannot read vouches for nothing */
      }
    }
  } else {
    errors.push(controller.failure);
  }
  if (!isDid) {
    try {
      for (const k of await issuerJwks(issuerId, fetcher)) keys.push(publicJwk(k as JsonWebKey));
    } catch (error) {
      errors.push(fromError(error));
    }
  }
  return { keys, errors };
}

/** The origin of an absolute URL, or `undefined` when it is not one (a URL from the badge). */
function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch (error) {
    if (error instanceof TypeError) return undefined; // what the URL parser throws for bad input
    throw error;
  }
}

/** Whether `jwk` is one of `listed` (same RFC 7638 thumbprint). */
async function isListed(jwk: JsonWebKey, listed: JsonWebKey[]): Promise<boolean> {
  const print = await thumb(jwk);
  for (const k of listed) if ((await thumbOrUndefined(k)) === print) return true;
  return false;
}

/**
 * Find the key of a VC-JWT and check the issuer lists it: a `jwk` header counts only when the
 * issuer publishes the same key (DID document `assertionMethod`, Profile
 * `verificationMethod`/`assertionMethod`, or the JWKS at its origin's `/.well-known/jwks.json`);
 * a DID URL `kid` is resolved like a Data Integrity verification method; an https `kid` must be
 * listed by id, or name a document holding one of the issuer's listed keys. Being on the
 * issuer's origin is not enough: anyone who can upload a file there could otherwise sign.
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
    if (!isRecord(header.jwk) || typeof header.jwk.kty !== 'string') return fail('key-invalid');
    if (hasPrivateMembers(header.jwk)) {
      return fail('jwk-private');
    }
    let jwk: JsonWebKey;
    try {
      jwk = publicJwk(header.jwk as JsonWebKey);
      await thumb(jwk);
    } catch (error) {
      return fromError(error);
    }
    const { keys, errors } = await issuerKeys(issuerId, fetcher);
    if (await isListed(jwk, keys)) return pass([jwk], 'key.published');
    if (keys.length === 0 && errors[0]) return errors[0];
    return fail('jwk-not-vouched', {}, [jwk]);
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
  if (!/^https?:\/\//i.test(issuerId)) return fail('key-missing');
  let jwks: Json[];
  try {
    jwks = await issuerJwks(issuerId, fetcher);
  } catch (error) {
    return fromError(error);
  }
  const keys = jwks.filter((k) => kid === undefined || k.kid === kid);
  if (keys.length === 0) return fail('key-not-issuers', { template: 'key.not-in-jwks' });
  return pass(keys.map((k) => publicJwk(k as JsonWebKey)), 'key.published');
}

async function resolveKidUrl(kid: string, issuerId: string, fetcher: Fetcher): Promise<KeyResolution> {
  const kidOrigin = originOf(kid);
  if (kidOrigin === undefined) return fail('key-invalid', { params: { cause: { ref: 'url-invalid' } } });
  const sameOrigin = /^https?:\/\//i.test(issuerId) && kidOrigin === originOf(issuerId);
  // Could not look something up? Then "not listed" is only "we could not find out".
  let missed: KeyResolution | undefined;
  // 1. Listed by id in the issuer's controller document (DID document or Profile).
  if (issuerId.startsWith('did:web:') || /^https?:\/\//i.test(issuerId)) {
    const controller = await issuerController(issuerId, fetcher);
    if ('doc' in controller) {
      const { doc } = controller;
      if (listedIds(doc, 'assertionMethod').has(kid)) return resolveVerificationMethod(kid, issuerId, fetcher);
      const embedded = embeddedMethod(doc, kid);
      if (!issuerId.startsWith('did:') && embedded && listedIds(doc, 'verificationMethod').has(kid)) {
        if (typeof embedded.controller === 'string' && absolute(embedded.controller, String(doc.id)) !== issuerId) {
          return fail('key-not-issuers', { template: 'key.controlled-by-other', params: { controller: clip(embedded.controller) } });
        }
        const key = keyOrFailure(embedded);
        return 'failure' in key ? key.failure : pass([key.jwk]);
      }
    } else if (controller.failure.outcome === 'inconclusive') {
      missed = controller.failure;
    }
  }
  // 2. Listed by kid in the issuer's JWKS.
  let jwks: Json[] = [];
  if (/^https?:\/\//i.test(issuerId)) {
    try {
      jwks = await issuerJwks(issuerId, fetcher);
    } catch (error) {
      if (!isColError(error)) throw error;
      if (INCONCLUSIVE_CODES.has(error.code) && error.code !== 'http-error') missed ??= fromError(error);
      jwks = [];
    }
    const byKid = jwks.filter((k) => k.kid === kid);
    if (byKid.length) return pass(byKid.map((k) => publicJwk(k as JsonWebKey)), 'key.published');
  }
  if (missed) return missed;
  if (!sameOrigin) {
    return fail('kid-foreign', { params: { host: clip(new URL(kid).host) } });
  }
  // 3. A key document on the issuer's origin counts only if it holds a key the issuer lists
  // (same thumbprint); living on the origin proves nothing.
  const { keys } = await issuerKeys(issuerId, fetcher);
  if (keys.length === 0) return fail('key-not-issuers', { template: 'key.not-listed' });
  let doc: unknown;
  try {
    doc = await fetcher.json(kid);
  } catch (error) {
    if (isColError(error) && INCONCLUSIVE_CODES.has(error.code)) return fromError(error);
    if (!isColError(error)) throw error;
    return fail('key-not-issuers', { template: 'key.not-listed' });
  }
  const candidates: JsonWebKey[] = [];
  try {
    if (isRecord(doc) && typeof doc.kty === 'string' && !hasPrivateMembers(doc)) candidates.push(publicJwk(doc as JsonWebKey));
    else if (isRecord(doc) && doc.id === kid && (doc.publicKeyJwk || doc.publicKeyMultibase)) candidates.push(keyOfMethod(doc));
  } catch (error) {
    if (!isColError(error)) throw error;
    /* an unreadable key is not the issuer's */
  }
  for (const candidate of candidates) {
    if (await isListed(candidate, keys)) return pass([candidate], 'key.published');
  }
  return fail('key-not-issuers', { template: 'key.not-listed' });
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
  if (candidates.length === 0) return fail('key-missing', { template: 'key.ob2-none' });
  let last: KeyResolution = fail('key-missing');
  const jwks: JsonWebKey[] = [];
  for (const keyUrl of candidates) {
    let key: unknown;
    try {
      key = await fetcher.json(keyUrl);
    } catch (error) {
      last = fromError(error);
      continue;
    }
    if (!isRecord(key) || typeof key.publicKeyPem !== 'string') {
      last = fail('key-invalid');
      continue;
    }
    let jwk: JsonWebKey;
    try {
      const imported = await importSPKI(key.publicKeyPem, alg, { extractable: true });
      jwk = (await exportJWK(imported)) as JsonWebKey;
    } catch {
      last = fail('key-invalid');
      continue;
    }
    if (idOf(key) !== keyUrl) {
      last = fail('key-not-issuers', { template: 'key.other-key' }, [jwk]);
      continue;
    }
    if (idOf(key.owner) !== issuerId) {
      last = fail('key-not-issuers', { template: 'key.owner-other', params: { owner: clip(String(idOf(key.owner))) } }, [jwk]);
      continue;
    }
    if (!listed.includes(keyUrl)) {
      last = fail('key-not-issuers', { template: 'key.ob2-unlisted' }, [jwk]);
      continue;
    }
    jwks.push(jwk);
  }
  return jwks.length ? pass(jwks) : last;
}
