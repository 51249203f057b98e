// Benchmark: whole verifications per second, as a user calls them, against a rival (or a floor)
// measured in the same process, in alternating rounds.
//
//   - eddsa-rdfc-2022 and eddsa-jcs-2022: our `verify(credential, { offline: true })` — every
//     check on: parse, schema, proof, key, validity, status — against @digitalbazaar/vc's
//     `verifyCredential` with the Digital Bazaar cryptosuite and a document loader answering the
//     same pinned contexts and the did:key from memory. Both resolve the issuer's key and check
//     the proof; neither touches the network.
//   - VC-JWT (EdDSA): our `verify(jwt, { offline: true })` against a *floor*, not a rival: jose's
//     `compactVerify` with a key imported once, ahead of time. No rival verifies an OB 3.0
//     VC-JWT end to end; the floor is the bare signature check every verifier must pay, so the
//     ratio says what our key resolution, schema, date and report work costs on top of it.
//
// Each side verifies a pool of 64 distinct credentials (different ids, subjects and dates, so no
// cache of a previous result can help), cycling through it. Primitive-level figures are not
// reported: they compare a part of our pipeline against a whole one.
//
//   npm run build && node bench/verify-proofs.bench.mjs
//
// `run()` prints the lines and returns the figures (`npm run bench` calls it).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compactVerify, importJWK } from 'jose';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as rdfcSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createVerifyCryptosuite as jcsVerifySuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { createDocumentLoader, generateKeyPair, signCredentialJwt, signDataIntegrity, verify } from '@citiesoflearning/verify';

// Some of these packages do not export their package.json, so read it from node_modules directly.
const version = (name) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
const DB = `@digitalbazaar/vc@${version('@digitalbazaar/vc')} verifyCredential`;
const FLOOR = `floor: jose@${version('jose')} compactVerify, key imported once`;
const POOL = 64;

/** The n-th credential of the pool: same shape, different content. */
const credential = (issuer, n) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: `urn:uuid:5b0c1d2e-3f40-4a5b-8c6d-${String(n).padStart(12, '0')}`,
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: issuer, type: ['Profile'], name: 'Cities of Learning' },
  validFrom: new Date(Date.UTC(2026, 0, 1 + n)).toISOString().replace('.000Z', 'Z'),
  name: 'Digital Maker',
  credentialSubject: {
    id: `did:example:learner-${n}`,
    type: ['AchievementSubject'],
    achievement: {
      id: `https://cities.example/achievements/${n}`,
      type: ['Achievement'],
      name: `Digital Maker ${n}`,
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

/** A function that verifies the next input of `pool` each call, failing loudly on a wrong verdict. */
function cycling(pool, check) {
  let i = 0;
  return () => check(pool[i++ % pool.length]);
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
 * Ours and the other side measured in alternating rounds (the machine is shared and noisy, and
 * the JIT warms up as it goes), each figure the median of its rounds.
 */
async function compare(ours, theirs, ms, rounds = 7) {
  for (let i = 0; i < 2 * POOL; i++) {
    await ours();
    await theirs();
  }
  const a = [];
  const b = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await rate(ours, ms / rounds));
    b.push(await rate(theirs, ms / rounds));
  }
  const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { ours: median(a), theirs: median(b) };
}

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ourVerify = async (input) => {
  const report = await verify(input, { offline: true });
  if (!report.verified) throw new Error(`our verify() said ${report.outcome}: ${JSON.stringify(report.checks)}`);
};

export async function run({ ms = 4000, log = console.log } = {}) {
  const keys = await generateKeyPair();
  const cases = [];

  for (const [cryptosuite, makeSuite] of [['eddsa-rdfc-2022', () => rdfcSuite], ['eddsa-jcs-2022', () => jcsVerifySuite()]]) {
    const pool = [];
    for (let n = 0; n < POOL; n++) {
      pool.push(await signDataIntegrity(credential(keys.did, n), { privateJwk: keys.privateJwk, verificationMethod: keys.verificationMethod, cryptosuite }));
    }
    const rival = async (signed) => {
      const result = await vc.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite: makeSuite() }), documentLoader });
      if (!result.verified) throw new Error(String(result.error));
    };
    cases.push({ case: `${cryptosuite}, verify()`, rival: DB, ...(await compare(cycling(pool, ourVerify), cycling(pool, rival), ms)) });
  }

  const jwts = [];
  for (let n = 0; n < POOL; n++) jwts.push(await signCredentialJwt(credential(keys.did, n), { privateJwk: keys.privateJwk, kid: keys.verificationMethod }));
  const key = await importJWK(keys.publicJwk, 'EdDSA');
  const floor = async (jwt) => {
    await compactVerify(jwt, key, { algorithms: ['EdDSA'] });
  };
  cases.push({ case: 'VC-JWT (EdDSA), verify()', rival: FLOOR, floor: true, ...(await compare(cycling(jwts, ourVerify), cycling(jwts, floor), ms)) });

  for (const c of cases) {
    c.ratio = c.ours / c.theirs;
    const reading = c.floor
      ? `costs ${(1 / c.ratio).toFixed(2)}× the floor`
      : `${c.ratio.toFixed(2)}× ${c.ratio >= 1 ? 'as fast' : 'the speed'}`;
    log(`${c.case}: ${fmt(c.ours)}/s (${c.rival}: ${fmt(c.theirs)}/s; ${reading})`);
  }
  return { bench: 'verify-proofs', statistic: `median of 7 alternating rounds of sequential whole verifications per second over ${POOL} distinct credentials, ${ms} ms per side`, cases };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
