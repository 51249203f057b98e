// Issue #15's HTTP contract, served by the test runner on the test page's own origin at
// /__col-contract/ until the real routes (branch `insight`) are merged: the elements' fetch code
// talks real HTTP on loopback to responses shaped exactly as the contract says.
//
//   POST /__col-contract/plan       {"insight": {"status": 200, "body": {...}}}  — what the
//                                   insight route answers next (and clears the log)
//   GET  /__col-contract/log        — every request that reached /api/ (method, path, query,
//                                   whether it carried credentials or an Authorization header)
//   GET  /__col-contract/api/v1/insight?…          → the planned answer
//   POST /__col-contract/api/v1/shares             → 201 { id, url, expiresAt, deleteToken }
//                                                    (400 for a body that is not a VP of the
//                                                    contract's shape, 413 over 256 KB)
//   GET  /__col-contract/api/v1/shares/{id}        → the VP, or 404
//   DELETE /__col-contract/api/v1/shares/{id}      → 204 with the right Bearer token, else 401/404
import { randomBytes } from 'node:crypto';

const PREFIX = '/__col-contract';
const MAX_BYTES = 256 * 1024;

async function readBody(req, limit = Infinity) {
  const chunks = [];
  let total = 0;
  for await (const chunk of req) {
    total += chunk.length;
    if (total > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const json = (ctx, status, body) => {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(body);
};

/** Koa middleware for @web/test-runner. */
export function contractApiMiddleware() {
  let plan = { insight: { status: 200, body: null } };
  let log = [];
  const shares = new Map();
  return async function contractApi(ctx, next) {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const rest = ctx.path.slice(PREFIX.length);
    if (rest === '/plan' && ctx.method === 'POST') {
      plan = { ...plan, ...JSON.parse((await readBody(ctx.req)).toString('utf8')) };
      log = [];
      ctx.status = 204;
      return;
    }
    if (rest === '/log') return json(ctx, 200, log);
    if (!rest.startsWith('/api/v1/')) return next();
    log.push({ method: ctx.method, path: rest.slice('/api'.length), query: ctx.querystring, cookie: !!ctx.get('cookie'), authorization: !!ctx.get('authorization') });
    ctx.set('access-control-allow-origin', '*');
    if (rest === '/api/v1/insight' && ctx.method === 'GET') {
      const { status, body } = plan.insight;
      return json(ctx, status, body ?? { code: 'unauthorized', message: 'This place does not publish its figures.' });
    }
    if (rest === '/api/v1/shares' && ctx.method === 'POST') {
      const body = await readBody(ctx.req, MAX_BYTES);
      if (!body) return json(ctx, 413, { code: 'body-too-large', message: 'Too large.' });
      let vp;
      try {
        vp = JSON.parse(body.toString('utf8'));
      } catch {
        return json(ctx, 400, { code: 'json-invalid', message: 'Not JSON.' });
      }
      const types = Array.isArray(vp?.type) ? vp.type : [vp?.type];
      const list = vp?.verifiableCredential;
      if (!types.includes('VerifiablePresentation') || !Array.isArray(list) || list.length === 0 || list.length > 50) {
        return json(ctx, 400, { code: 'share-invalid', message: 'Not a skills summary.' });
      }
      const id = randomBytes(16).toString('base64url');
      const deleteToken = randomBytes(24).toString('base64url');
      shares.set(id, { vp, deleteToken });
      const url = `${ctx.origin}${PREFIX}/api/v1/shares/${id}`;
      return json(ctx, 201, { id, url, expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), deleteToken });
    }
    const match = /^\/api\/v1\/shares\/([A-Za-z0-9_-]{1,64})$/.exec(rest);
    if (match) {
      const share = shares.get(match[1]);
      if (!share) return json(ctx, 404, { code: 'not-found', message: 'No such share.' });
      if (ctx.method === 'GET') return json(ctx, 200, share.vp);
      if (ctx.method === 'DELETE') {
        if (ctx.get('authorization') !== `Bearer ${share.deleteToken}`) return json(ctx, 401, { code: 'unauthorized', message: 'Wrong token.' });
        shares.delete(match[1]);
        ctx.status = 204;
        return;
      }
    }
    return json(ctx, 404, { code: 'not-found', message: 'Not found.' });
  };
}
