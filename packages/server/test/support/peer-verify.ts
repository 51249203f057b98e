// Three verifiers side by side, in a child process so NODE_EXTRA_CA_CERTS (read only at start-up)
// can trust the test's throwaway CA: DCC's @digitalcredentials/verifier-core (the Learner
// Credential Wallet's verifier), Digital Bazaar's @digitalbazaar/vc with eddsa-rdfc-2022 and a
// plain document loader that fetches the server's URLs, and our verify().
//
// argv: <input.json> <output.json>. Input: { items: [{ label, credential?, jwt?, ob2? }] } (ob2: a
// hosted OB 2.0 assertion's URL, for our verifier only: the peers know no OB 2.0).
// Output: { results: [{ label, dcc?, db?, ours?, oursJwt? }], offLoopback: string[] }.
//
// No traffic leaves loopback: `globalThis.fetch` is wrapped before any verifier loads, and every
// other URL (JSON-LD contexts, the 1EdTech JSON Schema verifier-core asks for) is answered here —
// pinned contexts from our verify package, 404 for anything else — and recorded.
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';

const [inputFile, outputFile] = process.argv.slice(2);
const realFetch = globalThis.fetch;
const offLoopback: string[] = [];
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|::1|localhost)$/;

// Belt and braces: a socket to anywhere but loopback is refused outright, whatever opened it.
const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: unknown[]) {
  // net.connect()/tls.connect() hand over their arguments normalized: [[options, callback]].
  const first = (Array.isArray(args[0]) ? args[0][0] : args[0]) as { host?: string; path?: string } | number | string;
  const host = typeof first === 'object' && first !== null ? (first.path ? 'localhost' : (first.host ?? 'localhost')) : typeof args[1] === 'string' ? args[1] : 'localhost';
  if (host && !LOOPBACK.test(host)) throw new Error(`test guard: refused a connection to ${host} (off loopback)`);
  return connect.apply(this, args);
} as typeof net.Socket.prototype.connect;

// Installed before any verifier is imported, so none can keep a reference to the real fetch.
let pinned: (url: string) => Promise<{ document: unknown }> = async () => {
  throw new Error('not loaded yet');
};
globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const url = new URL(href);
  if (LOOPBACK.test(url.hostname)) return realFetch(input, init);
  offLoopback.push(url.href);
  try {
    const { document } = await pinned(url.href);
    return new Response(JSON.stringify(document), { status: 200, headers: { 'content-type': 'application/ld+json' } });
  } catch {
    return new Response('not available in tests', { status: 404, headers: { 'content-type': 'text/plain' } });
  }
};

const { createDocumentLoader, verify, didWebToUrl } = await import('@citiesoflearning/verify');
const pinnedLoader = createDocumentLoader();
pinned = async (url) => pinnedLoader(url);

const load = (name: string): Promise<any> => import(name);
const dcc = await load('@digitalcredentials/verifier-core');
const vc = await load('@digitalbazaar/vc');
const { DataIntegrityProof } = await load('@digitalbazaar/data-integrity');
const { cryptosuite: rdfc } = await load('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
const { checkStatus } = await load('@digitalbazaar/vc-bitstring-status-list');

/**
 * A plain JSON-LD document loader: did:web → its https document, https → a GET, a `#fragment` →
 * that node of the fetched document (with the document's @context); contexts from pinned copies.
 */
async function plainLoader(url: string) {
  const [base, fragment] = url.split('#') as [string, string | undefined];
  const location = base.startsWith('did:web:') ? didWebToUrl(base) : base;
  if (!/^https:\/\//.test(location) || !LOOPBACK.test(new URL(location).hostname)) {
    const remote = await pinnedLoader(url);
    return { ...remote, document: structuredClone(remote.document) };
  }
  const res = await fetch(location, { headers: { accept: 'application/ld+json, application/json' } });
  if (!res.ok) throw new Error(`${location}: HTTP ${res.status}`);
  const doc = (await res.json()) as Record<string, any>;
  if (!fragment) return { contextUrl: null, documentUrl: url, document: doc };
  const node = [...(doc.verificationMethod ?? [])].find((m: any) => m.id === url);
  if (!node) throw new Error(`${url}: no such verification method`);
  return { contextUrl: null, documentUrl: url, document: { '@context': doc['@context'], ...node } };
}

async function byDcc(credential: unknown) {
  const result = await dcc.verifyCredential({ credential: structuredClone(credential), knownDIDRegistries: [] });
  const step = (id: string) => result.log?.find((e: any) => e.id === id)?.valid;
  return {
    validSignature: step('valid_signature') ?? false,
    revocation: step('revocation_status'),
    suspension: step('suspension_status'),
    errors: (result.errors ?? []).map((e: any) => `${e.name}: ${e.message}`),
  };
}

async function byDigitalBazaar(credential: unknown) {
  const suite = new DataIntegrityProof({ cryptosuite: rdfc });
  const result = await vc.verifyCredential({
    credential: structuredClone(credential),
    suite,
    documentLoader: plainLoader,
    checkStatus: (options: any) => checkStatus({ ...options, verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true }),
  });
  const proofVerified = result.results?.[0]?.verified ?? false;
  // Per entry: `verified` = the list itself checked out; `status` = the bit (true: revoked/suspended).
  const statuses = (result.statusResult?.results ?? []).map((r: any) => ({ purpose: r.credentialStatus?.statusPurpose, verified: r.verified, status: r.status }));
  const errors = [result.error, result.statusResult?.error, ...(result.results ?? []).map((r: any) => r.error)]
    .filter(Boolean)
    .flatMap((e: any) => (e.errors ?? [e]).map((x: any) => `${String(x?.message ?? x)}${x?.details ? ` ${JSON.stringify(x.details).slice(0, 400)}` : ""}`));
  return { verified: result.verified === true, proofVerified, statuses, errors };
}

async function byUs(input: unknown) {
  const report = await verify(input as object | string, { allowPrivateNetwork: true, timeoutMs: 10_000 });
  return { outcome: report.outcome, checks: Object.fromEntries(report.checks.map((c) => [c.id, `${c.outcome}:${c.code}`])) };
}

const { items } = JSON.parse(readFileSync(inputFile!, 'utf8')) as { items: Array<{ label: string; credential?: unknown; jwt?: string; ob2?: string }> };
const results = [];
for (const item of items) {
  const entry: Record<string, unknown> = { label: item.label };
  if (item.credential) {
    entry.dcc = await byDcc(item.credential);
    entry.db = await byDigitalBazaar(item.credential);
    entry.ours = await byUs(item.credential);
  }
  if (item.jwt) entry.oursJwt = await byUs(item.jwt);
  if (item.ob2) entry.ours = await byUs(item.ob2);
  results.push(entry);
}
writeFileSync(outputFile!, JSON.stringify({ results, offLoopback }));
