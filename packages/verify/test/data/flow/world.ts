// A small, real badge world for the flow tests: issuers, keys, DID and controller documents, JWKS,
// status lists, OB 2.0 hosted/signed assertions — all signed here, at test time, with the
// package's own signing API (jose for the RS256 OB 2.0 key). The same routes are served by a real
// node:http server on 127.0.0.1 (Node) or by an in-memory `fetch` (Chromium).
import { exportJWK, exportSPKI, generateKeyPair as joseKeyPair } from 'jose';
import {
  createStatusListCredential,
  generateKeyPair,
  jwkToDidKey,
  setStatusBit,
  signCredentialJwt,
  signDataIntegrity,
  signOb2Assertion,
  MIN_STATUS_LIST_BITS,
} from '@citiesoflearning/verify';
import { bake, hashIdentity } from '@citiesoflearning/core';

/** One HTTP route of the world. */
export interface Route {
  status?: number;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Wait this long before answering (slow-server tests). */
  delayMs?: number;
}

export const OB3_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
export const LEARNER_EMAIL = 'learner@example.org';
export const NOW = '2026-06-01T00:00:00Z';

/** did:web of the world's DID issuer; its document lives in `documents` (did:web needs https). */
export const DID_WEB = 'did:web:college.example:issuers:main';
export const DID_WEB_URL = 'https://college.example/issuers/main/did.json';

/**
 * The header every JSON document in these worlds is served with. The verifier reads a key,
 * profile, DID document, status list or hosted assertion only when it comes with a JSON media
 * type (issue 8): routes that once served bare JSON bodies (text/plain) relied on the old lax
 * rule; the rule is right, so the fixtures say what they serve.
 */
export const JSON_TYPE = { 'content-type': 'application/ld+json' } as const;
const json = (value: unknown): Route => ({ body: JSON.stringify(value), headers: { ...JSON_TYPE } });

/** Build the world for an origin (`http://127.0.0.1:port` in Node, `https://issuer.example` in the browser). */
export async function buildWorld(base: string) {
  const routes = new Map<string, Route>();
  const documents: Record<string, unknown> = {};
  const ed = await generateKeyPair('Ed25519');
  const p256 = await generateKeyPair('P-256');
  const stranger = await generateKeyPair('Ed25519');
  const strangerP256 = await generateKeyPair('P-256');
  const rsa = await joseKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const rsaPrivateJwk = (await exportJWK(rsa.privateKey)) as JsonWebKey;
  const rsaPem = await exportSPKI(rsa.publicKey);
  const otherRsa = await joseKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const otherRsaPrivateJwk = (await exportJWK(otherRsa.privateKey)) as JsonWebKey;

  // ---- did:web issuer (OB 3.0 Data Integrity) ----
  const vm = `${DID_WEB}#key-1`;
  documents[DID_WEB_URL] = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: DID_WEB,
    verificationMethod: [{ id: vm, type: 'Multikey', controller: DID_WEB, publicKeyMultibase: ed.publicKeyMultibase }],
    assertionMethod: [vm],
  };

  // ---- status lists, signed by the did:web issuer ----
  const revocationBits = new Uint8Array(MIN_STATUS_LIST_BITS / 8);
  setStatusBit(revocationBits, 7, true);
  const suspensionBits = new Uint8Array(MIN_STATUS_LIST_BITS / 8);
  setStatusBit(suspensionBits, 3, true);
  const listOptions = { privateJwk: ed.privateJwk, verificationMethod: vm };
  const revocationList = await signDataIntegrity(
    await createStatusListCredential({ id: `${base}/status/revocation`, issuer: DID_WEB, statusPurpose: 'revocation', bits: revocationBits, validFrom: '2020-01-01T00:00:00Z' }),
    listOptions,
  );
  const suspensionList = await signDataIntegrity(
    await createStatusListCredential({ id: `${base}/status/suspension`, issuer: DID_WEB, statusPurpose: 'suspension', bits: suspensionBits, validFrom: '2020-01-01T00:00:00Z' }),
    listOptions,
  );
  routes.set('/status/revocation', json(revocationList));
  routes.set('/status/suspension', json(suspensionList));
  const tamperedBits = new Uint8Array(MIN_STATUS_LIST_BITS / 8);
  const tamperedList = await signDataIntegrity(
    await createStatusListCredential({ id: `${base}/status/tampered`, issuer: DID_WEB, statusPurpose: 'revocation', bits: revocationBits, validFrom: '2020-01-01T00:00:00Z' }),
    listOptions,
  );
  // After signing, someone "un-revokes" index 7 by swapping the list.
  const cleanList = await createStatusListCredential({ id: 'x', issuer: DID_WEB, statusPurpose: 'revocation', bits: tamperedBits });
  (tamperedList.credentialSubject as Record<string, unknown>).encodedList = (cleanList.credentialSubject as Record<string, unknown>).encodedList;
  routes.set('/status/tampered', json(tamperedList));

  const subject = async (extra: Record<string, unknown> = {}) => ({
    type: ['AchievementSubject'],
    identifier: [
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
        salt: 'pepper',
        identityHash: await hashIdentity(LEARNER_EMAIL, { salt: 'pepper' }),
      },
    ],
    achievement: {
      id: `${base}/achievements/teamwork`,
      type: ['Achievement'],
      name: 'Teamwork',
      description: 'Works well in a team.',
      criteria: { narrative: 'Nominated by peers.' },
    },
    ...extra,
  });
  const credential = async (id: string, issuer: unknown, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> => ({
    '@context': OB3_CONTEXT,
    id: `urn:uuid:${id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer,
    name: 'Teamwork',
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: await subject(),
    ...extra,
  });
  const didIssuer = { id: DID_WEB, type: ['Profile'], name: 'Example College' };
  const statusEntry = (list: string, index: number, purpose = 'revocation') => ({
    credentialStatus: {
      id: `${base}/status/${list}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: `${base}/status/${list}`,
    },
  });

  const diGood = await signDataIntegrity(await credential('11111111-0000-4000-8000-000000000001', didIssuer, statusEntry('revocation', 5)), listOptions);
  const diRevoked = await signDataIntegrity(await credential('11111111-0000-4000-8000-000000000002', didIssuer, statusEntry('revocation', 7)), listOptions);
  const diSuspended = await signDataIntegrity(
    await credential('11111111-0000-4000-8000-000000000003', didIssuer, statusEntry('suspension', 3, 'suspension')),
    listOptions,
  );
  const diTamperedList = await signDataIntegrity(await credential('11111111-0000-4000-8000-000000000004', didIssuer, statusEntry('tampered', 7)), listOptions);
  // Two entries on the same list, signed: the verifier checks no status of a badge whose signature
  // fails, so the "one fetch per list" tests need a genuine badge (they once used an edited copy).
  const twoEntries = statusEntry('revocation', 5).credentialStatus;
  const diTwoEntries = await signDataIntegrity(
    await credential('11111111-0000-4000-8000-000000000008', didIssuer, { credentialStatus: [twoEntries, { ...twoEntries, id: `${base}/status/revocation#9`, statusListIndex: '9' }] }),
    listOptions,
  );
  const diJcs = await signDataIntegrity(await credential('11111111-0000-4000-8000-000000000005', didIssuer), { ...listOptions, cryptosuite: 'eddsa-jcs-2022' });
  // did:key issuer, no status.
  const edDid = jwkToDidKey(ed.publicJwk);
  const diDidKey = await signDataIntegrity(await credential('11111111-0000-4000-8000-000000000006', { id: edDid.did, type: ['Profile'], name: 'Key Issuer' }), {
    privateJwk: ed.privateJwk,
    verificationMethod: edDid.verificationMethod,
  });

  // ---- 1EdTechRevocationList ----
  const revokedByList = await signDataIntegrity(
    await credential('11111111-0000-4000-8000-000000000007', didIssuer, {
      '@context': [...OB3_CONTEXT, 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
      credentialStatus: { id: `${base}/revocations/ob3`, type: '1EdTechRevocationList' },
    }),
    listOptions,
  );
  routes.set('/revocations/ob3', json({ id: `${base}/revocations/ob3`, revokedCredentials: [{ id: revokedByList.id, revoked: true }] }));

  // ---- https issuer with a controller document (issuer profile lists its keys) ----
  const httpsIssuerId = `${base}/issuer`;
  const httpsVm = `${httpsIssuerId}#key-ed`;
  routes.set('/issuer', json({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/security/multikey/v1'],
    id: httpsIssuerId,
    type: ['Profile'],
    name: 'Example Academy',
    url: base,
    verificationMethod: [{ id: httpsVm, type: 'Multikey', controller: httpsIssuerId, publicKeyMultibase: ed.publicKeyMultibase }],
    assertionMethod: [httpsVm],
  }));
  const httpsIssuer = { id: httpsIssuerId, type: ['Profile'], name: 'Example Academy' };
  const diHttpsController = await signDataIntegrity(await credential('22222222-0000-4000-8000-000000000001', httpsIssuer), {
    privateJwk: ed.privateJwk,
    verificationMethod: httpsVm,
  });

  // ---- VC-JWT: the issuer's JWKS vouches for the P-256 key; kid URL on the issuer's origin ----
  routes.set('/.well-known/jwks.json', json({ keys: [{ ...p256.publicJwk, kid: 'k1', use: 'sig', alg: 'ES256' }] }));
  routes.set('/keys/p256.json', json(p256.publicJwk));
  const jwtCredential = await credential('33333333-0000-4000-8000-000000000001', httpsIssuer);
  const jwtWithJwk = await signCredentialJwt(jwtCredential, { privateJwk: p256.privateJwk });
  const jwtWithKid = await signCredentialJwt(jwtCredential, { privateJwk: p256.privateJwk, kid: `${base}/keys/p256.json` });
  const jwtBareKid = await signCredentialJwt(jwtCredential, { privateJwk: p256.privateJwk, kid: 'k1' });
  const jwtDidKey = await signCredentialJwt(await credential('33333333-0000-4000-8000-000000000002', { id: edDid.did, type: ['Profile'], name: 'Key Issuer' }), {
    privateJwk: ed.privateJwk,
    kid: edDid.verificationMethod,
  });

  // ---- OB 2.0 ----
  const ob2Issuer = `${base}/ob2/issuer`;
  const ob2Key = `${base}/ob2/key`;
  const recipient = { type: 'email', hashed: true, salt: 'deadsea', identity: await hashIdentity(LEARNER_EMAIL, { salt: 'deadsea' }) };
  routes.set('/ob2/issuer', json({
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Issuer',
    id: ob2Issuer,
    name: 'Example Guild',
    url: base,
    email: 'badges@example.org',
    publicKey: ob2Key,
    revocationList: `${base}/ob2/revocations`,
  }));
  routes.set('/ob2/key', json({ '@context': 'https://w3id.org/openbadges/v2', type: 'CryptographicKey', id: ob2Key, owner: ob2Issuer, publicKeyPem: rsaPem }));
  routes.set('/ob2/badge', json({
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'BadgeClass',
    id: `${base}/ob2/badge`,
    name: 'Welding Basics',
    description: 'Can weld safely.',
    image: `${base}/ob2/badge.png`,
    criteria: { narrative: 'Pass the practical test.' },
    issuer: ob2Issuer,
  }));
  const assertion = (id: string, extra: Record<string, unknown> = {}) => ({
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Assertion',
    id,
    recipient,
    badge: `${base}/ob2/badge`,
    verification: { type: 'hosted' },
    issuedOn: '2025-01-01T00:00:00Z',
    ...extra,
  });
  const hosted = assertion(`${base}/ob2/assertions/1`);
  routes.set('/ob2/assertions/1', json(hosted));
  routes.set('/ob2/assertions/revoked', json(assertion(`${base}/ob2/assertions/revoked`, { revoked: true, revocationReason: 'Issued in error' })));
  routes.set('/ob2/assertions/gone', { status: 410, body: 'Gone' });
  routes.set('/ob2/assertions/expired', json(assertion(`${base}/ob2/assertions/expired`, { expires: '2025-06-01T00:00:00Z' })));
  const signedAssertion = (id: string) => assertion(`${base}/ob2/assertions/${id}`, { verification: { type: 'signed', creator: ob2Key } });
  const ob2Signed = await signOb2Assertion(signedAssertion('s1'), { privateJwk: rsaPrivateJwk, alg: 'RS256' });
  const ob2SignedRevoked = await signOb2Assertion(signedAssertion('s-revoked'), { privateJwk: rsaPrivateJwk, alg: 'RS256' });
  routes.set('/ob2/revocations', json({
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'RevocationList',
    id: `${base}/ob2/revocations`,
    issuer: ob2Issuer,
    revokedAssertions: [{ id: `${base}/ob2/assertions/s-revoked`, revocationReason: 'Cheating' }],
  }));

  // Redirects, for the fetch tests.
  routes.set('/redirect/a', { status: 302, headers: { location: '/redirect/b' } });
  routes.set('/redirect/b', { status: 302, headers: { location: '/redirect/a' } });
  for (let i = 0; i < 8; i++) routes.set(`/hop/${i}`, { status: 302, headers: { location: `/hop/${i + 1}` } });
  routes.set('/hop/8', json(hosted));
  routes.set('/moved/1', { status: 301, headers: { location: '/ob2/assertions/1' } });

  // Baked images of two credentials (PNG and SVG).
  const png1x1 = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
  const bakedPng = bake(png1x1, JSON.stringify(diGood));
  const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
  const bakedSvg = bake(svg, jwtWithJwk);

  return {
    base,
    routes,
    documents,
    keys: { ed, p256, stranger, strangerP256, rsaPrivateJwk, rsaPem, otherRsaPrivateJwk },
    ids: { httpsIssuerId, httpsVm, ob2Issuer, ob2Key, edDid },
    ob3: { diGood, diTwoEntries, diRevoked, diSuspended, diTamperedList, diJcs, diDidKey, revokedByList, diHttpsController, jwtCredential, jwtWithJwk, jwtWithKid, jwtBareKid, jwtDidKey },
    ob2: { hosted, ob2Signed, ob2SignedRevoked, signedAssertion, assertion },
    images: { bakedPng, bakedSvg, png1x1 },
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * A `fetch` that answers from the world's routes (the browser suite's stand-in for a server):
 * 404 for unknown paths, redirects as real 3xx responses, `delayMs` honoured with abort support.
 */
export function routesFetch(world: { base: string; routes: Map<string, Route> }, log: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    log.push(url.pathname);
    const route = url.origin === new URL(world.base).origin ? world.routes.get(url.pathname) : undefined;
    if (route?.delayMs) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, route.delayMs);
        init?.signal?.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    }
    if (!route) {
      if (url.origin !== new URL(world.base).origin) throw new TypeError('fetch failed');
      return new Response('Not found', { status: 404 });
    }
    return new Response((route.body ?? null) as BodyInit | null, { status: route.status ?? 200, headers: route.headers ?? {} });
  }) as typeof fetch;
}
