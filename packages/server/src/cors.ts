// Which routes are open to any origin. Everything a badge page or claim button needs is public;
// everything needing the admin or a provider key is not.

const PUBLIC_POST = [/^\/api\/v1\/claims$/, /^\/api\/v1\/pathways\/[^/]+\/milestones$/, /^\/api\/v1\/shares$/];
// A learner removes their shared summary from whichever page shared it, with its delete token.
const PUBLIC_DELETE = [/^\/api\/v1\/shares\/[^/]+$/];
const PRIVATE_GET = [/^\/ims\/ob\/v3p0\/(credentials|profile)$/];

/**
 * Whether cross-origin browsers may call `method path`.
 *
 * @example
 * ```ts
 * isPublicRoute('POST', '/api/v1/claims'); // true
 * isPublicRoute('POST', '/api/v1/achievements'); // false
 * ```
 */
export function isPublicRoute(method: string, path: string): boolean {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return !PRIVATE_GET.some((re) => re.test(path));
  if (m === 'POST') return PUBLIC_POST.some((re) => re.test(path));
  if (m === 'DELETE') return PUBLIC_DELETE.some((re) => re.test(path));
  return false;
}

/**
 * CORS response headers for public routes (`preflight` adds the method/header allowances; a
 * shared summary's address also allows DELETE with its delete token in `Authorization`).
 *
 * @example
 * ```ts
 * corsHeaders(true)['access-control-allow-methods']; // 'GET, HEAD, POST, OPTIONS'
 * ```
 */
export function corsHeaders(preflight: boolean, path = ''): Record<string, string> {
  const headers: Record<string, string> = {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'Link, X-Total-Count, Retry-After, Idempotent-Replayed, Location',
  };
  if (preflight) {
    const share = PUBLIC_DELETE.some((re) => re.test(path));
    headers['access-control-allow-methods'] = share ? 'GET, HEAD, DELETE, OPTIONS' : 'GET, HEAD, POST, OPTIONS';
    headers['access-control-allow-headers'] = share ? 'Authorization, Accept' : 'Content-Type, Idempotency-Key, Accept';
    headers['access-control-max-age'] = '600';
  }
  return headers;
}
