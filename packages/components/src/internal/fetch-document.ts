/**
 * Fetch one badge-related document (a credential, hosted assertion, badge class, achievement
 * or baked image) with a size limit, and say what came back. Only http(s) URLs are fetched;
 * no credentials (cookies) are sent, so nothing about the viewer leaves with the request.
 */
import { ColError } from '@citiesoflearning/core';
import { safeLinkUrl } from './safe-url.js';

/** Default response size limit (2 MB, as verify uses). */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/**
 * What a fetched document was: JSON, a compact JWS, or image bytes (a baked PNG or SVG).
 *
 * @example
 * ```ts
 * const doc: FetchedDocument = { kind: 'json', value: { type: 'Assertion' } };
 * ```
 */
export type FetchedDocument =
  | { kind: 'json'; value: Record<string, unknown> }
  | { kind: 'jws'; value: string }
  | { kind: 'bytes'; value: Uint8Array };

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw tooLarge();
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) out.set(chunk, (offset += chunk.byteLength) - chunk.byteLength);
  return out;
}

const tooLarge = () => new ColError('input-too-large', 'This is too large to be a badge.');

/**
 * GET `url` and classify the body. Throws ColError `insecure-url` (not http(s)),
 * `fetch-failed`, `http-error` (details.status), `input-too-large` or `json-invalid`;
 * an abort rethrows the AbortError.
 *
 * @example
 * ```ts
 * const doc = await fetchDocument('https://badges.example.org/api/v1/credentials/abc');
 * if (doc.kind === 'json') console.log(doc.value.name);
 * ```
 */
export async function fetchDocument(url: string, options: { signal?: AbortSignal; maxBytes?: number } = {}): Promise<FetchedDocument> {
  const safe = safeLinkUrl(url);
  if (!safe) throw new ColError('insecure-url', 'Only http and https links can be loaded.');
  let response: Response;
  try {
    response = await fetch(safe, {
      signal: options.signal ?? null,
      credentials: 'omit',
      headers: { accept: 'application/ld+json, application/json, application/vc+ld+json, application/vc+jwt;q=0.9, image/png;q=0.8, image/svg+xml;q=0.8' },
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ColError('fetch-failed', "We couldn't reach the address of this badge.", { cause: error });
  }
  if (!response.ok) {
    throw new ColError('http-error', `The badge address answered with an error (${response.status}).`, { details: { status: response.status } });
  }
  const bytes = await readLimited(response, options.maxBytes ?? MAX_DOCUMENT_BYTES);
  const type = (response.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('image/')) return { kind: 'bytes', value: bytes };
  const text = new TextDecoder().decode(bytes).trim();
  if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(text)) return { kind: 'jws', value: text };
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return { kind: 'json', value: value as Record<string, unknown> };
  } catch {
    // fall through: not JSON
  }
  throw new ColError('json-invalid', "The badge address didn't answer with a badge.");
}
