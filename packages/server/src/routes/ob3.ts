import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Env } from '../env.js';
import { urls, type ServerContext } from '../context.js';
import { issuerProfile } from '../documents.js';
import { findIssuer } from '../store/issuers.js';
import { pageOfIssuedCredentials } from '../store/credentials.js';
import { listedIssuerKeys } from '../issuer-keys.js';
import { HttpError } from '../errors.js';
import { readPaging } from '../paging.js';
import { caller, requireCaller } from '../middleware/auth.js';
import { errorResponse } from '../error-response.js';

const SCOPE = 'https://purl.imsglobal.org/spec/ob/v3p0/scope';

/** OB 3.0 API errors use the Imsx_StatusInfo shape, not `{code, message}`. */
function imsx(c: Context, status: ContentfulStatusCode, codeMinor: string, description: string, headers: Record<string, string> = {}): Response {
  return c.json({ imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_description: description, imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor }] } }, status, headers);
}

/**
 * The OB 3.0 answer for an error thrown in these routes: a missing or wrong key and a bad query
 * in the Imsx_StatusInfo envelope the OB 3.0 API requires, anything else as on every route.
 */
function ob3Error(ctx: ServerContext, c: Context, error: unknown): Response {
  if (error instanceof HttpError && error.status === 401) return imsx(c, 401, 'unauthorisedrequest', error.message, error.headers);
  // Same paging rule and words as every other paged route, in the OB 3.0 envelope.
  if (error instanceof HttpError && error.status === 400) return imsx(c, 400, 'invalid_data', error.message);
  return errorResponse(ctx, c, error);
}

/**
 * The OB 3.0 REST API surface the server offers now: discovery, and read access to issued
 * credentials (`GET /credentials`, bearer admin or provider key; full OAuth 2.0 comes later).
 *
 * @example
 * ```ts
 * app.route('/', ob3Routes(ctx));
 * ```
 */
export function ob3Routes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  app.onError((error, c) => ob3Error(ctx, c, error));
  const u = urls(ctx.baseUrl);
  const base = `${ctx.baseUrl}/ims/ob/v3p0`;

  app.get('/ims/ob/v3p0/discovery', (c) =>
    c.json({
      openapi: '3.0.1',
      info: {
        title: 'Cities of Learning reference server — Open Badges 3.0 API',
        version: '1.0',
        termsOfService: `${ctx.baseUrl}/`,
        'x-imssf-image': `${ctx.baseUrl}/api/v1/achievements`,
        'x-imssf-privacyPolicyUrl': `${ctx.baseUrl}/`,
      },
      servers: [{ url: base }],
      tags: [{ name: 'OpenBadgeCredentials' }, { name: 'Profile' }, { name: 'Discovery' }],
      paths: {
        '/credentials': { get: { tags: ['OpenBadgeCredentials'], operationId: 'getCredentials', security: [{ OAuth2ACG: [`${SCOPE}/credential.readonly`] }], responses: { '200': { description: 'The credentials' } } } },
        '/profile': { get: { tags: ['Profile'], operationId: 'getProfile', security: [{ OAuth2ACG: [`${SCOPE}/profile.readonly`] }], responses: { '200': { description: 'The profile' } } } },
        '/discovery': { get: { tags: ['Discovery'], operationId: 'getServiceDescription', responses: { '200': { description: 'This document' } } } },
      },
      components: {
        securitySchemes: {
          OAuth2ACG: {
            type: 'oauth2',
            description: 'OAuth 2.0 is not offered yet by the reference server: use a bearer admin or provider key.',
            'x-imssf-registrationUrl': `${base}/register`,
            flows: {
              authorizationCode: {
                authorizationUrl: `${base}/authorize`,
                tokenUrl: `${base}/token`,
                refreshUrl: `${base}/token`,
                scopes: {
                  [`${SCOPE}/credential.readonly`]: 'Read the credentials issued here',
                  [`${SCOPE}/profile.readonly`]: 'Read the issuer profile',
                },
              },
            },
          },
          bearerKey: { type: 'http', scheme: 'bearer', description: 'Admin or provider API key' },
        },
      },
    }),
  );

  app.get('/ims/ob/v3p0/credentials', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const q = c.req.query();
    const { limit, offset } = readPaging(q);
    if (q.since !== undefined && Number.isNaN(Date.parse(q.since))) return imsx(c, 400, 'invalid_data', '"since" must be an ISO 8601 date-time.');
    const { rows, total: n } = await pageOfIssuedCredentials(
      ctx.sql,
      {
        issuerKey: who.kind === 'provider' ? who.issuerKey : undefined,
        since: q.since ? new Date(q.since).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined,
      },
      { limit, offset },
    );
    const page = (o: number) => `<${base}/credentials?limit=${limit}&offset=${o}${q.since ? `&since=${encodeURIComponent(q.since)}` : ''}>`;
    const lastOffset = n === 0 ? 0 : Math.floor((n - 1) / limit) * limit;
    const links = [`${page(0)}; rel="first"`, `${page(lastOffset)}; rel="last"`];
    if (offset + limit < n) links.push(`${page(offset + limit)}; rel="next"`);
    if (offset > 0) links.push(`${page(Math.max(0, offset - limit))}; rel="prev"`);
    return c.json({ credential: rows.map((r) => JSON.parse(r.credential) as unknown) }, 200, { 'x-total-count': String(n), link: links.join(', ') });
  });

  app.get('/ims/ob/v3p0/profile', requireCaller(ctx), async (c) => {
    const who = caller(c);
    if (who.kind !== 'provider') return imsx(c, 404, 'unknownobject', 'The admin key has no profile of its own; use a provider key.');
    const row = (await findIssuer(ctx.sql, who.issuerKey))!;
    return c.json(issuerProfile(u, ctx.key, row, await listedIssuerKeys(ctx.sql, row.key)));
  });
  return app;
}
