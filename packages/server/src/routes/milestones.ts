import { Hono } from 'hono';
import { evaluatePathway, milestoneKey, type Pathway } from '@citiesoflearning/core';
import type { Env } from '../env.js';
import { heldMilestoneAwards } from '../store/milestone-awards.js';
import { isoNow, urls, type ServerContext } from '../context.js';
import { readJsonObject } from '../http.js';
import { presentedChecker, type PresentedChecker } from '../presented.js';
import { loadPathway, pathwayBadges } from '../pathways.js';
import { awardEarned, checkPresented, heldNotListed, learnerPseudonym, readMilestoneRequest, ticketVouches } from '../milestones.js';

/**
 * `POST /api/v1/pathways/{key}/milestones`: a learner presents credentials; the server verifies
 * them, evaluates the pathway and issues every milestone badge they have earned — at most once
 * per learner, pathway version and node, however often they ask.
 *
 * @example
 * ```ts
 * app.route('/', milestonesRoutes(ctx)); // or with a custom PresentedChecker
 * ```
 */
export function milestonesRoutes(ctx: ServerContext, checker: PresentedChecker = presentedChecker(ctx)): Hono<Env> {
  const app = new Hono<Env>();
  const u = urls(ctx.baseUrl);
  app.post('/api/v1/pathways/:key/milestones', async (c) => {
    const { body } = await readJsonObject(c);
    const request = readMilestoneRequest(body);
    const row = await loadPathway(ctx.sql, c.req.param('key'), request.version);
    const pathway = JSON.parse(row.data) as Pathway;
    const learner = learnerPseudonym(ctx, request.email);
    const ticketed = request.ticket !== undefined && (await ticketVouches(ctx, request.ticket, row.issuer_key, `${u.pathway(row.key)}/milestones`, request.email));
    const { records, rejected, issuedHere } = await checkPresented(ctx, checker, request.credentials, request.email);

    // Only a caller who proves they are this learner sees or counts anything held in their name:
    // a ticket from the pathway's provider naming them, or a credential verified for this email
    // that this server issued for one of the badges this pathway takes. A provider can award its
    // own badges to any email, and anyone can sign a foreign credential: those count towards
    // progress, but a badge the pathway does not take, or one from elsewhere, proves nothing
    // about who is asking.
    const takes = pathwayBadges(pathway.root);
    const proven = ticketed || [...issuedHere].some((achievement) => takes.has(achievement));

    // Milestones already awarded to this learner on this pathway version count as held (and are
    // never taken back); they are reported again, marked `new: false`.
    const prefix = milestoneKey(learner, pathway, '');
    // Looked up either way, so that a known email takes as long to answer as an unknown one.
    const heldRows = await heldMilestoneAwards(ctx.sql, prefix);
    const held = proven ? heldRows : [];
    const progress = evaluatePathway(pathway, records, { asOf: isoNow(ctx), learner, awarded: held.map((h) => u.achievement(h.a)) });

    // Without that proof, only milestones earned for the first time by this request are issued
    // and shown; one already held in this name stays out of the answer.
    const due = proven ? progress.awards : progress.awards.filter((award) => !heldRows.some((h) => h.k === award.idempotencyKey));
    const awarded = proven || records.length > 0 ? await awardEarned(ctx, due, request.email) : [];
    awarded.push(...(await heldNotListed(ctx, held, prefix, awarded)));

    return c.json({
      pathway: progress.pathway,
      asOf: progress.asOf,
      satisfied: progress.satisfied,
      progress: progress.progress,
      state: progress.state,
      ...(progress.completedAt ? { completedAt: progress.completedAt } : {}),
      nodes: progress.nodes, // keyed by node id, as evaluatePathway returns it
      nextSteps: progress.nextSteps,
      awarded,
      rejected,
    });
  });
  return app;
}
