// The demo learner's badges: twelve real signed credentials (one revoked by its issuer) that the
// demo server (`npm start`) serves at GET /api/v1/demo/learner, so the skills view has something
// true to show. Only the credentials are kept: the learner's name and email in that answer are
// not needed here, and are never put in the page, a URL or storage.

/**
 * The demo learner's credentials from the server at `api`, or `[]` where there is no demo
 * learner (any server not started with demo data answers 404).
 */
export async function demoLearnerCredentials(api = location.origin) {
  const response = await fetch(new URL('/api/v1/demo/learner', api), { credentials: 'omit', headers: { accept: 'application/json' } });
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`The demo learner could not be loaded (${response.status}).`);
  const { credentials } = await response.json();
  return Array.isArray(credentials) ? credentials.map((held) => held.credential).filter((c) => c && typeof c === 'object') : [];
}
