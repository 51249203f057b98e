// The two canonicalizations Data Integrity EdDSA suites use: RDF Dataset Canonicalization
// (RDFC-1.0, through jsonld.js, loaded lazily) and JSON Canonicalization Scheme (RFC 8785).
import { ColError, isColError } from '@citiesoflearning/core';
import canonicalizeModule from 'canonicalize';
import { createDocumentLoader } from '../contexts/pinned.js';

// canonicalize is CommonJS with ESM-style typings: depending on the loader its default import is
// the function itself or a namespace holding it.
type Serialize = (input: unknown) => string | undefined;
const canonicalizeJson: Serialize =
  typeof canonicalizeModule === 'function' ? (canonicalizeModule as Serialize) : (canonicalizeModule as unknown as { default: Serialize }).default;

/**
 * RFC 8785 (JCS) canonical JSON text of a value.
 *
 * @throws ColError `canonicalization-failed` for values JSON cannot represent.
 */
export function jcs(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalizeJson(value);
  } catch (cause) {
    throw new ColError('canonicalization-failed', 'The credential could not be put in canonical JSON form.', { cause });
  }
  if (typeof text !== 'string') throw new ColError('canonicalization-failed', 'The credential is not a JSON object.');
  return text;
}

type JsonLd = typeof import('jsonld');
let jsonldModule: Promise<JsonLd> | undefined;

// jsonld is large; only RDFC and Ed25519Signature2020 proofs need it, so it is imported on first use.
async function loadJsonLd(): Promise<JsonLd> {
  jsonldModule ??= import('jsonld').then((m) => ((m as unknown as { default?: JsonLd }).default ?? m) as JsonLd);
  return jsonldModule;
}

type FastPath = { compiledToRdf: typeof import('./compiled-rdf.js').compiledToRdf; canonize: (quads: unknown[], options: Record<string, unknown>) => Promise<string> };
let fastModule: Promise<FastPath> | undefined;

// The compiled-context path (and rdf-canonize, which jsonld uses too) load with the first RDFC
// proof, in the same lazily loaded chunk as jsonld: never up front.
async function loadFastPath(): Promise<FastPath> {
  fastModule ??= Promise.all([import('./compiled-rdf.js'), import('rdf-canonize')]).then(([compiled, canonize]) => {
    const api = ((canonize as unknown as { default?: unknown }).default ?? canonize) as { canonize: FastPath['canonize'] };
    return { compiledToRdf: compiled.compiledToRdf, canonize: (quads, options) => api.canonize(quads, options) };
  });
  return fastModule;
}

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document, in JSON-LD "safe mode" (terms the contexts do
 * not define are errors, not silently dropped), with contexts answered only from pinned copies.
 *
 * A document whose `@context` is only pinned URLs (and no caller-supplied `contexts`) goes to RDF
 * through contexts compiled once per process ({@link compiledToRdf}); anything else, or anything
 * that path declines, goes through jsonld.js. Both give the same N-Quads (tested).
 *
 * @throws ColError `context-unknown` when the document names a context that is not pinned (and
 *   nothing is fetched); `canonization-failed` for any other JSON-LD error.
 */
export async function rdfc(document: object, contexts: Readonly<Record<string, object>> = {}): Promise<string> {
  if (Object.keys(contexts).length === 0) {
    const fast = await loadFastPath();
    const quads = await fast.compiledToRdf(document as Record<string, unknown>);
    if (quads) {
      try {
        return await fast.canonize(quads, { algorithm: 'RDFC-1.0' });
      } catch (cause) {
        const detail = cause instanceof Error ? cause.message : String(cause);
        throw new ColError('canonicalization-failed', `The credential's linked-data form could not be computed (${detail}).`, { cause });
      }
    }
  }
  return rdfcGeneral(document, contexts);
}

/**
 * RDFC-1.0 through jsonld.js alone (the general path; {@link rdfc} uses it for documents the
 * compiled path declines). Exported for the equality tests.
 *
 * @example
 * ```ts
 * expect(await rdfc(credential)).toBe(await rdfcGeneral(credential));
 * ```
 */
export async function rdfcGeneral(document: object, contexts: Readonly<Record<string, object>> = {}): Promise<string> {
  const jsonld = await loadJsonLd();
  const pinned = createDocumentLoader(contexts);
  let unknown: ColError | undefined;
  const documentLoader = async (url: string) => {
    try {
      return await pinned(url);
    } catch (error) {
      if (isColError(error, 'context-unknown')) unknown = error;
      throw error;
    }
  };
  try {
    return await jsonld.canonize(document as Parameters<JsonLd['canonize']>[0], {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      safe: true,
      documentLoader,
    } as unknown as Parameters<JsonLd['canonize']>[1]);
  } catch (cause) {
    if (unknown) throw unknown;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ColError('canonicalization-failed', `The credential's linked-data form could not be computed (${detail}).`, { cause });
  }
}
