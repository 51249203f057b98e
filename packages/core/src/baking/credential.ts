/**
 * Turns what a caller hands to {@link bake} (an object, JSON text or a compact JWS) into the
 * exact text to embed, and decides which Open Badges version it is.
 */
import { ColError } from '../errors.js';
import { utf8Strict } from './text.js';

/** What gets embedded, and how. */
export interface PreparedCredential {
  /** The text to bake: the JSON (as given, trimmed) or the compact JWS. */
  text: string;
  version: 2 | 3;
  /** `jws`: goes into `verify="…"` in SVG; `json`: goes into the element body. */
  kind: 'json' | 'jws';
  /** OB 2.0 hosted assertion id, for the SVG `verify` attribute. */
  hostedId?: string;
}

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const W3C_CONTEXTS = new Set(['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/v2']);

function invalid(message: string, cause?: unknown): ColError {
  return new ColError('credential-invalid', message, cause === undefined ? {} : { cause });
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** OB 3.0 when the JSON says it is a W3C Verifiable Credential (by type or by context). */
function isVerifiableCredential(doc: Record<string, unknown>): boolean {
  return (
    asList(doc.type).includes('VerifiableCredential') ||
    asList(doc['@context']).some((c) => typeof c === 'string' && W3C_CONTEXTS.has(c))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseObject(text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw invalid('The credential is not valid JSON.', cause);
  }
  if (!isPlainObject(parsed)) throw invalid('The credential must be a JSON object.');
  return parsed;
}

function base64urlToText(segment: string): string {
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((segment.length + 3) % 4);
  const binary = (globalThis as unknown as { atob(data: string): string }).atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return utf8Strict(bytes, 'credential-invalid', 'JWS payload');
}

/** The version a compact JWS carries: OB 3.0 when its payload is a VC or has a `vc` claim. */
function jwsVersion(jws: string): 2 | 3 {
  let payload: Record<string, unknown>;
  try {
    payload = parseObject(base64urlToText(jws.split('.')[1]!));
  } catch (cause) {
    throw invalid('The compact JWS does not carry a JSON payload, so it is not a badge.', cause);
  }
  return isVerifiableCredential(payload) || isPlainObject(payload.vc) ? 3 : 2;
}

/** Whether an OB 2.0 assertion is hosted, and its id (the URL that `verify` should name). */
function hostedId(doc: Record<string, unknown>): string | undefined {
  const verification = doc.verification;
  const type = isPlainObject(verification) ? verification.type : undefined;
  const hosted = type === undefined || type === 'hosted' || type === 'HostedBadge';
  return hosted && typeof doc.id === 'string' && /^https?:\/\//i.test(doc.id) ? doc.id : undefined;
}

/**
 * Validate and classify a credential for baking.
 *
 * @throws ColError `credential-invalid` when it is neither a JSON object nor a compact JWS.
 */
export function prepareCredential(credential: string | object, version?: 2 | 3): PreparedCredential {
  if (version !== undefined && version !== 2 && version !== 3) {
    throw new ColError('option-invalid', 'The Open Badges version must be 2 or 3.');
  }
  let text: string;
  let doc: Record<string, unknown>;
  if (typeof credential === 'string') {
    text = credential.trim();
    if (JWS.test(text)) return { text, kind: 'jws', version: version ?? jwsVersion(text) };
    if (!text.startsWith('{')) throw invalid('The credential must be a JSON object or a compact JWS (header.payload.signature).');
    doc = parseObject(text);
  } else if (isPlainObject(credential)) {
    doc = credential;
    try {
      text = JSON.stringify(credential);
    } catch (cause) {
      throw invalid('The credential object cannot be written as JSON.', cause);
    }
  } else {
    throw invalid('The credential must be a JSON object or a compact JWS.');
  }
  const v = version ?? (isVerifiableCredential(doc) ? 3 : 2);
  const id = v === 2 ? hostedId(doc) : undefined;
  return id === undefined ? { text, kind: 'json', version: v } : { text, kind: 'json', version: v, hostedId: id };
}
