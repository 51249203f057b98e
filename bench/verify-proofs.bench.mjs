// Benchmark: proof verifications per second with @citiesoflearning/verify versus a peer library
// doing the same work in the same run:
//   - VC-JWT (EdDSA): our verifyJws (+ checkJwtClaims) vs jose's jwtVerify, both starting from
//     the issuer's public JWK (importJWK each time, as a verifier that resolves keys does);
//   - eddsa-rdfc-2022 and eddsa-jcs-2022: our verifyDataIntegrityProof vs @digitalbazaar/vc's
//     verifyCredential with the Digital Bazaar cryptosuite, over the same pinned contexts (DB also
//     resolves the did:key through its document loader and checks the proof purpose; both read
//     contexts from memory, neither touches the network).
//
//   npx tsc -b packages/verify && node bench/verify-proofs.bench.mjs
//
// `run()` prints the lines and returns the figures (the lead's `npm run bench` calls it).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { importJWK, jwtVerify } from 'jose';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as rdfcSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createVerifyCryptosuite as jcsVerifySuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {
  checkJwtClaims,
  createDocumentLoader,
  generateKeyPair,
  signCredentialJwt,
  signDataIntegrity,
  verifyDataIntegrityProof,
  verifyJws,
} from '../packages/verify/dist/index.js';

// Some of these packages do not export their package.json, so read it from node_modules directly.
const version = (name) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
const JOSE = `jose@${version('jose')} jwtVerify`;
const DB = `@digitalbazaar/vc@${version('@digitalbazaar/vc')} verifyCredential`;

const credential = (issuer) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuer, type: ['Profile'], name: 'Cities of Learning' },
  validFrom: '2026-01-01T00:00:00Z',
  name: 'Digital Maker',
  credentialSubject: {
    id: 'did:example:learner',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://cities.example/achievements/1',
      type: ['Achievement'],
      name: 'Digital Maker',
      description: 'Designs, builds and shares digital things.',
      criteria: { narrative: 'Completed three maker projects.' },
      alignment: [{ type: ['Alignment'], targetName: 'Creativity', targetUrl: 'https://skills.example/creativity' }],
    },
  },
});

const pinned = createDocumentLoader();
async function documentLoader(url) {
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#');
    const key = did.slice('did:key:'.length);
    const method = { id: `${did}#${key}`, type: 'Multikey', controller: did, publicKeyMultibase: key };
    const document = fragment
      ? { '@context': 'https://w3id.org/security/multikey/v1', ...method }
      : { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did, verificationMethod: [method], assertionMethod: [method.id] };
    return { contextUrl: null, documentUrl: url, document };
  }
  const remote = await pinned(url);
  return { ...remote, document: structuredClone(remote.document) };
}

/** Sequential runs of `fn` per second during `ms`. */
async function rate(fn, ms) {
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    await fn();
    count++;
    elapsed = performance.now() - started;
  }
  return (count * 1000) / elapsed;
}

/**
 * Ours and the rival measured in alternating rounds (the machine is shared and noisy, and the
 * JIT warms up as it goes), each figure the median of its rounds.
 */
async function compare(ours, rival, ms, rounds = 5) {
  for (let i = 0; i < 50; i++) {
    await ours();
    await rival();
  }
  const a = [];
  const b = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await rate(ours, ms / rounds));
    b.push(await rate(rival, ms / rounds));
  }
  const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { ours: median(a), theirs: median(b) };
}

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

export async function run({ ms = 3000, log = console.log } = {}) {
  const keys = await generateKeyPair();
  const cases = [];

  // VC-JWT (EdDSA).
  const jwt = await signCredentialJwt(credential(keys.did), { privateJwk: keys.privateJwk, kid: keys.verificationMethod });
  const ours = async () => {
    const { payload } = await verifyJws(jwt, keys.publicJwk);
    if (checkJwtClaims(payload, payload).length) throw new Error('claims');
  };
  const rival = async () => {
    await jwtVerify(jwt, await importJWK(keys.publicJwk, 'EdDSA'), { algorithms: ['EdDSA'] });
  };
  await ours();
  await rival();
  cases.push({ case: 'VC-JWT (EdDSA)', rival: JOSE, ...(await compare(ours, rival, ms)) });

  // Data Integrity.
  for (const [cryptosuite, makeSuite] of [['eddsa-rdfc-2022', () => rdfcSuite], ['eddsa-jcs-2022', () => jcsVerifySuite()]]) {
    const signed = await signDataIntegrity(credential(keys.did), { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod, cryptosuite });
    const oursDi = async () => {
      const check = await verifyDataIntegrityProof(signed, signed.proof, keys.publicJwk);
      if (!check.ok) throw new Error(check.message);
    };
    const rivalDi = async () => {
      const result = await vc.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite: makeSuite() }), documentLoader });
      if (!result.verified) throw new Error(String(result.error));
    };
    await oursDi();
    await rivalDi();
    cases.push({ case: cryptosuite, rival: DB, ...(await compare(oursDi, rivalDi, ms)) });
  }

  for (const c of cases) {
    c.ratio = c.ours / c.theirs;
    log(`${c.case}: ${fmt(c.ours)} verifications/s (${c.rival}: ${fmt(c.theirs)}/s; ${c.ratio.toFixed(2)}× ${c.ratio >= 1 ? 'as fast' : 'the speed'})`);
  }
  return { bench: 'verify-proofs', statistic: `median of 5 alternating rounds of sequential verifications per second, ${ms} ms per side`, cases };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
