/**
 * The share-link calls `<col-skills>` makes, only when the learner presses a share button:
 * POST the skills file to `/api/v1/shares`, and DELETE it with the token the server gave back.
 * No cookies go with either request, and nothing about the learner goes in a URL.
 */
import { ColError } from '@citiesoflearning/core';
import type { SkillsPresentation } from './presentation.js';

/**
 * A created share: its link, when it expires, and the token that deletes it (kept in memory
 * only, never in browser storage).
 *
 * @example
 * ```ts
 * const share: SkillsShare = await createShare(api, vp);
 * ```
 */
export interface SkillsShare {
  id: string;
  url: string;
  expiresAt: string;
  deleteToken: string;
}

async function failure(response: Response): Promise<ColError> {
  let code = response.status === 429 ? 'rate-limited' : 'http-error';
  try {
    const body = (await response.json()) as { code?: unknown };
    if (typeof body.code === 'string' && /^[a-z0-9-]{1,60}$/.test(body.code)) code = body.code;
  } catch {
    // not JSON: keep the status-based code
  }
  return new ColError(code, `The server answered ${response.status}.`, { details: { status: response.status } });
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ColError('fetch-failed', "We couldn't reach the server.", { cause: error });
  }
}

/**
 * Store `presentation` as a share and return its link. Throws ColError `fetch-failed`,
 * `rate-limited`, `http-error` or the server's own code (e.g. `body-too-large`).
 *
 * @example
 * ```ts
 * const { url, deleteToken } = await createShare('https://badges.example.org', toSkillsPresentation(credentials));
 * ```
 */
export async function createShare(api: string, presentation: SkillsPresentation, signal?: AbortSignal): Promise<SkillsShare> {
  const response = await send(new URL('api/v1/shares', api.endsWith('/') ? api : `${api}/`).href, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(presentation),
    ...(signal ? { signal } : {}),
  });
  if (response.status !== 201) throw await failure(response);
  const share = (await response.json()) as Partial<SkillsShare>;
  if (typeof share.url !== 'string' || typeof share.deleteToken !== 'string' || typeof share.id !== 'string') {
    throw new ColError('share-invalid', 'The server answered without a link.');
  }
  return { id: share.id, url: share.url, expiresAt: String(share.expiresAt ?? ''), deleteToken: share.deleteToken };
}

/**
 * Delete a share (the link stops working at once). A share already gone counts as deleted.
 * The address is built from `api` and the id, never taken from the answer: the delete token
 * only ever goes to the API the learner shared with.
 *
 * @example
 * ```ts
 * await deleteShare('https://badges.example.org', share);
 * ```
 */
export async function deleteShare(api: string, share: SkillsShare, signal?: AbortSignal): Promise<void> {
  const url = new URL(`api/v1/shares/${encodeURIComponent(share.id)}`, api.endsWith('/') ? api : `${api}/`).href;
  const response = await send(url, { method: 'DELETE', headers: { authorization: `Bearer ${share.deleteToken}` }, ...(signal ? { signal } : {}) });
  if (response.status !== 204 && response.status !== 404) throw await failure(response);
}
