import { Hono, type Context } from 'hono';
import type { Env } from '../env.js';
import { pageAfter, readListPaging } from '../paging.js';
import { createIssuer, createProviderKey, loadIssuer } from '../issuers.js';
import { caller, requireCaller } from '../middleware/auth.js';
import { ob2VerificationPolicy } from '../ob2-policy.js';
import { isoNow, joinTransaction, urls, type ServerContext } from '../context.js';
import { issuerDidDocument, issuerIdentity, issuerProfile, ob2Issuer, type IssuerRow } from '../documents.js';
import { HttpError, badRequest, notFound } from '../errors.js';
import { assertAdmin, assertMayActFor, checkKey, field, readJsonObject } from '../http.js';
import { randomToken } from '../keys.js';
import { currentStatusList, PURPOSES, signStatusLists, type Purpose } from '../status.js';
import { addIssuerKey, listedIssuerKeys, removeIssuerKey } from '../issuer-keys.js';
import { listIssuersByName } from '../store/issuers.js';
import { insertTicketKey, ticketKeyExists } from '../store/ticket-keys.js';
import { setIssuerArea } from '../store/insight.js';
import { refuseUnknownFields } from '../award-fields.js';
import { AREA_CODE } from '../priorities.js';

/** The optional `area` of an issuer body: an ONS-style area code, or a 400 naming the field. */
function readIssuerArea(body: Record<string, unknown>): string | undefined {
  const area = field.string(body, 'area', { max: 20 });
  if (area !== undefined && !AREA_CODE.test(area)) throw new HttpError(400, 'invalid-request', '"area" must be an ONS area code such as E08000026.', {}, 'area');
  return area;
}

/**
 * Issuers: profiles (OB 3.0 and 2.0), status lists, provider keys, ticket keys.
 *
 * @example
 * ```ts
 * app.route('/', issuersRoutes(ctx));
 * ```
 */
export function issuersRoutes(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>();
  const u = urls(ctx.baseUrl);
  const profileOf = async (row: IssuerRow) => ({ ...issuerProfile(u, ctx.key, row, await listedIssuerKeys(ctx.sql, row.key)), key: row.key, ...(row.area_code ? { area: row.area_code } : {}) });

  app.get('/api/v1/issuers', async (c) => {
    const rows = await listIssuersByName(ctx.sql);
    const paging = readListPaging(c.req.query(), [200, 100]);
    if (!paging) return c.json({ issuers: await Promise.all(rows.map(profileOf)) });
    const { items, next } = pageAfter(rows, (r) => [r.name, r.key], paging);
    return c.json({ issuers: await Promise.all(items.map(profileOf)), ...(next ? { next } : {}) });
  });

  app.post('/api/v1/issuers', requireCaller(ctx), async (c) => {
    assertAdmin(caller(c));
    const { body } = await readJsonObject(c);
    const name = field.string(body, 'name', { required: true, max: 200 })!;
    const url = field.url(body, 'url');
    if (!url) throw badRequest('"url" (the issuer\'s public website) is required.');
    const email = field.string(body, 'email', { max: 254 });
    const description = field.string(body, 'description', { max: 2000 });
    const image = field.url(body, 'image');
    const key = checkKey(body.key, 'key');
    const area = readIssuerArea(body);
    const row = await ctx.sql.transaction(async (tx) => {
      const made = await createIssuer(joinTransaction(ctx, tx), { name, url, ...(key ? { key } : {}), ...(email ? { email } : {}), ...(description ? { description } : {}), ...(image ? { image } : {}) });
      if (area) await setIssuerArea(tx, made.key, area);
      return await loadIssuer(tx, made.key);
    });
    await signStatusLists(ctx, row.key);
    return c.json(await profileOf(row), 201, { location: u.issuer(row.key) });
  });

  // Only the area can change for now (insight counts an issuer's credentials in its area).
  app.patch('/api/v1/issuers/:key', requireCaller(ctx), async (c) => {
    assertAdmin(caller(c));
    const issuer = await loadIssuer(ctx.sql, c.req.param('key'));
    const { body } = await readJsonObject(c);
    refuseUnknownFields(body, ['area']);
    await setIssuerArea(ctx.sql, issuer.key, body.area === null ? null : (readIssuerArea(body) ?? issuer.area_code ?? null));
    return c.json(await profileOf(await loadIssuer(ctx.sql, issuer.key)));
  });

  app.get('/api/v1/issuers/:key', async (c) => {
    const row = await loadIssuer(ctx.sql, c.req.param('key'));
    // A JSON-LD processor (a verifier loading the Profile as a controller document) gets the pure
    // document: the API's `key` is no JSON-LD term, and processors in safe mode refuse the lot.
    if (/application\/ld\+json/i.test(c.req.header('accept') ?? '')) {
      return c.json(issuerProfile(u, ctx.key, row, await listedIssuerKeys(ctx.sql, row.key)), 200, { 'cache-control': 'public, max-age=60', vary: 'accept', 'content-type': 'application/ld+json' });
    }
    return c.json(await profileOf(row), 200, { 'cache-control': 'public, max-age=60', vary: 'accept' });
  });

  // The issuer's did:web document. Short cache: a rotated key must show up within a minute.
  app.get('/api/v1/issuers/:key/did.json', async (c) => {
    const row = await loadIssuer(ctx.sql, c.req.param('key'));
    return c.json(issuerDidDocument(u, row, await listedIssuerKeys(ctx.sql, row.key)), 200, { 'cache-control': 'public, max-age=60', 'content-type': 'application/did+json' });
  });

  // Key rotation (admin): a new key joins the DID document and signs from now on; older keys
  // stay listed, so their credentials keep verifying, until removed.
  app.post('/api/v1/issuers/:key/keys', requireCaller(ctx), async (c) => {
    assertAdmin(caller(c));
    const issuer = await loadIssuer(ctx.sql, c.req.param('key'));
    const added = await ctx.sql.transaction(async (tx) => await addIssuerKey(tx, issuer.key, isoNow(ctx)));
    return c.json(publishedKey(issuer.key, added), 201);
  });

  app.delete('/api/v1/issuers/:key/keys/:kid', requireCaller(ctx), async (c) => {
    assertAdmin(caller(c));
    const issuer = await loadIssuer(ctx.sql, c.req.param('key'));
    await removeIssuerKey(ctx, issuer.key, c.req.param('kid'));
    return c.json({ keys: (await listedIssuerKeys(ctx.sql, issuer.key)).map((k) => publishedKey(issuer.key, k)) });
  });

  const publishedKey = (issuerKey: string, k: { kid: string; publicKeyMultibase: string; created: string }) => {
    const who = issuerIdentity(u, issuerKey);
    return { id: who.methodId(k.kid), kid: k.kid, controller: who.id, publicKeyMultibase: k.publicKeyMultibase, created: k.created };
  };

  app.get('/api/v1/issuers/:key/ob2', async (c) => c.json({ ...ob2Issuer(u, await loadIssuer(ctx.sql, c.req.param('key'))), verification: ob2VerificationPolicy(u) }));

  const statusRoute = (view: 'profile' | 'did') => async (c: Context<Env>) => {
    const purpose = c.req.param('purpose') as Purpose;
    if (!PURPOSES.includes(purpose)) throw notFound('status list');
    await loadIssuer(ctx.sql, c.req.param('key')!);
    const list = await currentStatusList(ctx, c.req.param('key')!, purpose, view);
    // Short cache: verifiers must see a revocation within a minute.
    return c.json(list, 200, { 'cache-control': 'public, max-age=60' });
  };
  app.get('/api/v1/issuers/:key/status/:purpose', statusRoute('profile'));
  app.get('/api/v1/issuers/:key/did/status/:purpose', statusRoute('did'));

  app.post('/api/v1/issuers/:key/api-keys', requireCaller(ctx), async (c) => {
    assertAdmin(caller(c));
    const issuer = await loadIssuer(ctx.sql, c.req.param('key'));
    // The body is optional (a key needs no label), but one that is sent must be JSON: a typo
    // must not mint a key and silently drop its label.
    const sent = (await c.req.text()).trim() !== '';
    const { body } = sent ? await readJsonObject(c) : { body: {} as Record<string, unknown> };
    const label = field.string(body, 'label', { max: 200 });
    return c.json(await createProviderKey(ctx, issuer.key, label), 201);
  });

  app.post('/api/v1/issuers/:key/ticket-keys', requireCaller(ctx), async (c) => {
    const who = caller(c);
    const issuer = await loadIssuer(ctx.sql, c.req.param('key'));
    assertMayActFor(who, issuer.key);
    const { body } = await readJsonObject(c);
    const jwk = body.jwk as Record<string, unknown> | undefined;
    if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) throw badRequest('"jwk" (the public key your backend signs claim tickets with) is required.');
    if ('d' in jwk || 'p' in jwk || 'k' in jwk) throw badRequest('"jwk" must be a PUBLIC key: remove the private members ("d", "p", "q", "k" …). Never send a private key.', 'private-key-sent');
    let alg: string;
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') alg = 'EdDSA';
    else if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string') alg = 'ES256';
    else throw badRequest('"jwk" must be an Ed25519 (OKP) or P-256 (EC) public key.', 'key-unsupported');
    const kid = checkKey(body.kid, 'kid') ?? randomToken(9);
    const publicOnly = alg === 'EdDSA' ? { kty: 'OKP', crv: 'Ed25519', x: jwk.x } : { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
    await ctx.sql.transaction(async (tx) => {
      if (await ticketKeyExists(tx, kid)) throw new HttpError(409, 'already-exists', `A ticket key with kid "${kid}" already exists.`);
      await insertTicketKey(tx, { kid, issuerKey: issuer.key, jwk: publicOnly, alg }, isoNow(ctx));
    });
    return c.json({ kid, issuer: issuer.key, alg, audience: `${ctx.baseUrl}/api/v1/claims` }, 201);
  });
  return app;
}
