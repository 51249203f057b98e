// A fault-injecting proxy in front of the real reference server, for the claim element's
// retry tests. @web/test-runner mounts it at /__col-faults/ on the test page's own origin:
//
//   POST   /__col-faults/plan   {"steps": ["drop-after", "pass"]}  — what the next claims (and
//                                insight requests) meet
//                                (and clears the log, unless "keepLog": true)
//   GET    /__col-faults/log                                       — what reached the proxy
//   /__col-faults/api/...                                           — proxied to the server
//
// Steps, one per proxied request (then "pass"): "pass" (forward and relay), "drop-after"
// (forward — the server really issues — then cut the connection: a lost response), "drop"
// (cut the connection without forwarding: the network is down), "delay-after:MS" (forward, then
// answer MS later: a timeout), "status:CODE[:RETRY_AFTER]" (answer CODE without forwarding, as
// the server would: a 5xx or a rate limit). The log records, per request, its Idempotency-Key,
// the step, and the credential id the real server answered with — so a test can prove that a
// retry got the same credential and nothing was issued twice.

const PREFIX = '/__col-faults';

const ERRORS = {
  429: { code: 'rate-limited', message: 'Too many claims from this address; please wait a moment and try again.' },
  500: { code: 'internal-error', message: 'Something went wrong on the server.' },
  503: { code: 'unavailable', message: 'The server is busy.' },
};

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Koa middleware; `target()` returns the reference server's URL (known once it started). */
export function claimFaultsMiddleware(target) {
  let steps = [];
  let log = [];
  return async function claimFaults(ctx, next) {
    if (!ctx.path.startsWith(PREFIX)) return next();
    const rest = ctx.path.slice(PREFIX.length);
    if (rest === '/plan' && ctx.method === 'POST') {
      const plan = JSON.parse((await readBody(ctx.req)).toString('utf8'));
      steps = plan.steps ?? [];
      if (!plan.keepLog) log = [];
      ctx.status = 204;
      return;
    }
    if (rest === '/log') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(log);
      return;
    }
    if (!rest.startsWith('/api/')) return next();
    const base = target();
    if (!base) {
      ctx.status = 503;
      return;
    }
    // Faults are for claims and <col-impact>'s insight; anything else (a test's admin set-up, a
    // share) just passes through.
    const faultable = (ctx.method === 'POST' && rest.endsWith('/v1/claims')) || (ctx.method === 'GET' && rest.endsWith('/v1/insight'));
    const step = faultable ? (steps.shift() ?? 'pass') : 'pass';
    // Whether a cookie or key came along is logged (never its value): the elements must send neither.
    const entry = {
      method: ctx.method, path: rest.slice('/api'.length), query: ctx.querystring, idempotencyKey: ctx.get('idempotency-key') || undefined, step,
      cookie: Boolean(ctx.get('cookie')), authorization: Boolean(ctx.get('authorization')),
    };
    log.push(entry);
    const body = ctx.method === 'GET' || ctx.method === 'HEAD' ? undefined : await readBody(ctx.req);
    const cut = () => {
      ctx.respond = false;
      ctx.req.socket.destroy();
    };
    if (step === 'drop') return cut();
    if (step.startsWith('status:')) {
      const [, status, retryAfter] = step.split(':');
      ctx.status = Number(status);
      if (retryAfter) ctx.set('retry-after', retryAfter);
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(ERRORS[status] ?? { code: 'error', message: 'Error.' });
      return;
    }
    const headers = {};
    for (const name of ['content-type', 'accept', 'idempotency-key', 'authorization']) if (ctx.get(name)) headers[name] = ctx.get(name);
    const response = await fetch(new URL(entry.path + (ctx.querystring ? `?${ctx.querystring}` : ''), base), { method: ctx.method, headers, body });
    const text = await response.text();
    entry.status = response.status;
    entry.replayed = response.headers.get('idempotent-replayed') === 'true';
    try {
      entry.credentialId = JSON.parse(text).id;
    } catch {
      // not JSON: nothing to record
    }
    if (step === 'drop-after') return cut();
    if (step.startsWith('delay-after:')) await new Promise((resolve) => setTimeout(resolve, Number(step.split(':')[1])));
    if (ctx.req.socket.destroyed) return;
    ctx.status = response.status;
    for (const name of ['content-type', 'retry-after', 'idempotent-replayed', 'location', 'cache-control']) {
      const value = response.headers.get(name);
      if (value) ctx.set(name, value);
    }
    ctx.body = text;
  };
}
