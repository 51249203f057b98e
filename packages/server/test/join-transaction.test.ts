// Services that open their own transaction (creating an issuer with its key and status lists,
// claim codes, pathways) can be run together in one outer transaction through
// joinTransaction(ctx, tx): they commit with it and roll back with it, as the demo seeding and
// "create an issuer in an area" rely on. What a user would notice otherwise: half a provider
// (an issuer row without its signing key or status lists) after a failure.
import { describe, it, expect, rejectionCode } from '@col/harness';
import { createApp } from '@citiesoflearning/server';
import { joinTransaction, type ServerContext } from '../src/context.js';
import { createIssuer } from '../src/issuers.js';
import { createClaimCodes, createAchievement } from '../src/achievements.js';
import { ADMIN } from './support/test-server.js';

const admin = { kind: 'admin' } as const;

async function withApp(run: (app: Awaited<ReturnType<typeof createApp>>['app'], ctx: ServerContext) => Promise<void>): Promise<void> {
  const { app, context, close } = await createApp({ dataDir: ':memory:', baseUrl: 'http://127.0.0.1:9', adminKey: ADMIN, env: {} });
  try {
    await run(app, context);
  } finally {
    await close();
  }
}

describe('services joining an outer transaction (joinTransaction)', () => {
  it('commit together: the issuer, its key and status lists, its badge and codes all appear', async () => {
    await withApp(async (app, ctx) => {
      const codes = await ctx.sql.transaction(async (tx) => {
        const inTx = joinTransaction(ctx, tx);
        await createIssuer(inTx, { key: 'harbour', name: 'Harbour Youth Trust', url: 'https://harbour.example' });
        await createAchievement(inTx, admin, { issuer: 'harbour', key: 'safe-online', name: 'Safe Online', description: 'd', criteria: 'c' });
        return createClaimCodes(inTx, 'safe-online', { count: 2, uses: 1 });
      });
      expect(codes).to.have.length(2);
      expect((await app.request('/api/v1/issuers/harbour')).status).to.equal(200);
      expect((await app.request('/api/v1/issuers/harbour/status/revocation')).status).to.equal(200);
      const claim = await app.request('/api/v1/claims', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ achievement: 'safe-online', code: codes[0], recipient: { email: 'joined@example.org' } }),
      });
      expect(claim.status).to.equal(201);
    });
  });

  it('roll back together: a failure after them leaves no issuer, badge or code behind', async () => {
    await withApp(async (app, ctx) => {
      let codes: string[] = [];
      const failure = await ctx.sql
        .transaction(async (tx) => {
          const inTx = joinTransaction(ctx, tx);
          await createIssuer(inTx, { key: 'harbour', name: 'Harbour Youth Trust', url: 'https://harbour.example' });
          await createAchievement(inTx, admin, { issuer: 'harbour', key: 'safe-online', name: 'Safe Online', description: 'd', criteria: 'c' });
          codes = await createClaimCodes(inTx, 'safe-online', { count: 1, uses: 1 });
          throw new RangeError('seeding failed');
        })
        .catch((error: Error) => error.message);
      expect(failure).to.equal('seeding failed');
      expect((await app.request('/api/v1/issuers/harbour')).status).to.equal(404);
      expect((await app.request('/api/v1/achievements/safe-online')).status).to.equal(404);
      // The same key can be created afresh: nothing half-made holds it.
      const made = await app.request('/api/v1/issuers', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: 'harbour', name: 'Harbour Youth Trust', url: 'https://harbour.example' }),
      });
      expect(made.status).to.equal(201);
      expect(codes).to.have.length(1); // it was made, then rolled back with the rest
    });
  });

  it('a service refused inside the outer transaction (its savepoint rolled back) leaves the rest to commit', async () => {
    await withApp(async (app, ctx) => {
      await ctx.sql.transaction(async (tx) => {
        const inTx = joinTransaction(ctx, tx);
        await createIssuer(inTx, { key: 'harbour', name: 'Harbour Youth Trust', url: 'https://harbour.example' });
        // A second issuer with the same key is refused (409) and leaves the first as it was.
        const status = await createIssuer(inTx, { key: 'harbour', name: 'Copy', url: 'https://copy.example' }).catch((error: { status?: number }) => error.status);
        expect(status).to.equal(409);
      });
      const profile = (await (await app.request('/api/v1/issuers/harbour')).json()) as { name: string };
      expect(profile.name).to.equal('Harbour Youth Trust');
    });
  });

  it('cannot close the database it runs in', async () => {
    await withApp(async (app, ctx) => {
      const code = await ctx.sql.transaction(async (tx) => rejectionCode(joinTransaction(ctx, tx).sql.close()));
      expect(code).to.equal('database-in-use');
      expect((await app.request('/api/v1/health')).status).to.equal(200);
    });
  });
});
