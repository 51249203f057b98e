// The demo place's priorities and a year of activity, so the impact view is worth looking at,
// and a demo learner with a dozen real signed badges for the skills view. Seeded once per data
// directory (a `meta` marker), also into a demo database made before this existed.
//
// The year of history is seeded as monthly counts (store/insight.ts addMonthlyCounts), the way a
// place would bring its figures from an older system: signing a thousand credentials at start-up
// would take many seconds, and fake unsigned ones would break every list that shows them.
import { insertMeta, readMeta } from './store/meta.js';
import { addMonthlyCounts, setIssuerArea } from './store/insight.js';
import { insertOpportunity } from './store/opportunities.js';
import { insertPriority } from './store/priorities.js';
import { findIssuedCredential, markCredentialRevoked } from './store/credentials.js';
import { readNewPriority } from './priorities.js';
import { addMonths } from './insight-query.js';
import { isoNow, type ServerContext } from './context.js';
import { issueAward } from './issue.js';
import { currentStatusList, writeStatusBit } from './status.js';

const EDS_URL = 'https://www.gov.uk/government/publications/essential-digital-skills-framework';
const RSA_URL = 'https://www.thersa.org/cities-of-learning';

/** Three wards of fictional Brightwater (ONS-style codes), one per neighbourhood the providers work in. */
const AREAS: Record<string, string> = {
  'brightwater-libraries': 'E05099004', // Old Town
  'brightwater-college': 'E05099004',
  'harbour-youth-trust': 'E05099001', // Harbour
  'eastgate-makerspace': 'E05099002', // Eastgate
};

const PRIORITIES = [
  {
    key: 'digital-foundations', name: 'Digital Foundations for every resident',
    description: 'Everyone in Brightwater can get online safely: turn on a device, connect, and keep passwords safe.',
    alignments: [{ targetName: 'Foundation skills', targetUrl: EDS_URL, targetCode: 'EDS-FOUNDATION', targetFramework: 'UK Essential Digital Skills framework (DfE, 2019)' }],
    target: { value: 500, measure: 'credentials', by: '2027-07-31' },
  },
  {
    key: 'digital-skills-for-work', name: 'Essential digital skills for work',
    description: 'Residents communicate, handle information, transact, stay safe and solve problems online.',
    alignments: ['EDS-COMMUNICATING', 'EDS-INFORMATION', 'EDS-TRANSACTING', 'EDS-SAFE', 'EDS-PROBLEM-SOLVING'].map((code) => ({ targetName: code.replace('EDS-', '').toLowerCase().replace(/^./, (c) => c.toUpperCase()).replace('-', ' '), targetUrl: EDS_URL, targetCode: code })),
    target: { value: 600, measure: 'credentials', by: '2027-03-31' },
  },
  {
    key: 'digital-ready', name: 'Digital Ready Brightwater completions',
    description: 'Residents complete the Digital Ready Brightwater pathway.',
    alignments: [{ targetName: 'Essential Digital Skills (all areas)', targetUrl: EDS_URL, targetCode: 'EDS' }],
    target: { value: 150, measure: 'pathwayCompletions', by: '2027-07-31' },
  },
  {
    key: 'young-people-leading', name: 'Young people leading in Harbour',
    description: 'Young people around the harbour mentor, volunteer and lead.',
    alignments: [{ targetName: 'RSA Badge Standard: Lead', targetUrl: RSA_URL, targetCode: 'lead' }, { targetName: 'RSA Badge Standard: Participate', targetUrl: RSA_URL, targetCode: 'participate' }],
    area: 'E05099001',
    target: { value: 120, measure: 'credentials', by: '2027-06-30' },
  },
];

/** Typical credentials a month per badge at the start of the year; most grow through it. */
const MONTHLY = [
  { achievement: 'digital-foundations', issuer: 'brightwater-libraries', base: 24, growth: 1.6 },
  { achievement: 'online-communicator', issuer: 'brightwater-libraries', base: 12, growth: 0.9 },
  { achievement: 'information-handler', issuer: 'brightwater-libraries', base: 9, growth: 0.7 },
  { achievement: 'online-transactions', issuer: 'brightwater-libraries', base: 7, growth: 0.8 },
  { achievement: 'safe-online', issuer: 'harbour-youth-trust', base: 14, growth: 0.6 },
  { achievement: 'digital-problem-solver', issuer: 'eastgate-makerspace', base: 6, growth: 0.5 },
  { achievement: 'intro-to-coding', issuer: 'eastgate-makerspace', base: 16, growth: 0.4 },
  { achievement: 'build-a-website', issuer: 'eastgate-makerspace', base: 5, growth: 0.5 },
  { achievement: 'youth-volunteer', issuer: 'harbour-youth-trust', base: 10, growth: 0.3 },
  { achievement: 'peer-mentor', issuer: 'harbour-youth-trust', base: 3, growth: 0.2 },
  { achievement: 'digital-ready', issuer: 'brightwater-college', base: 4, growth: 0.8 },
  { achievement: 'creative-coder', issuer: 'eastgate-makerspace', base: 1, growth: 0.25 },
];

/** The badges the demo learner holds (all twelve); one is revoked, for the skills view's "not verified" group. */
const LEARNER_BADGES = MONTHLY.map((m) => m.achievement);
const REVOKED_FOR_LEARNER = 'youth-volunteer';

/**
 * The demo learner's credentials, as the demo route serves them, once seeded.
 *
 * @example
 * ```ts
 * const keys = await demoLearnerCredentialKeys(ctx); // ['k1', …] or []
 * ```
 */
export async function demoLearnerCredentialKeys(ctx: ServerContext): Promise<string[]> {
  const stored = await readMeta(ctx.sql, 'demo_learner');
  return stored ? (JSON.parse(stored) as string[]) : [];
}

/**
 * Seed the demo's priorities, issuer areas, a year of monthly counts, past opportunities, and
 * the demo learner's twelve signed badges. Once per data directory.
 *
 * @example
 * ```ts
 * await seedDemoInsight(ctx); // after seedDemo(ctx)
 * ```
 */
export async function seedDemoInsight(ctx: ServerContext): Promise<void> {
  if (await readMeta(ctx.sql, 'demo_insight') !== undefined) return;
  const now = isoNow(ctx);
  const thisMonth = now.slice(0, 7);
  // Instances starting together on one PostgreSQL database may both get here: only the one whose
  // transaction commits first goes on to the demo learner; the other finds the work done (or
  // fails on the same keys, and then finds it done).
  const seededHere = await ctx.sql.transaction(async (tx) => {
    if (await readMeta(tx, 'demo_insight') !== undefined) return false;
    // A fixed pseudo-random sequence: the same demo every time (and each time the work runs).
    let seed = 20261;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const [issuer, area] of Object.entries(AREAS)) await setIssuerArea(tx, issuer, area);
    for (const p of PRIORITIES) await insertPriority(tx, readNewPriority(p), now);
    const rows = [];
    // Eleven months before this one (this month fills up with real claims as people try the demo).
    for (let back = 11; back >= 1; back--) {
      const month = addMonths(thisMonth, -back);
      const season = [0.9, 1.1, 1.2, 1.0, 0.8, 0.6, 0.5, 0.7, 1.3, 1.4, 1.2, 0.8][Number(month.slice(5)) - 1]!;
      for (const m of MONTHLY) {
        const issued = Math.max(0, Math.round((m.base + m.growth * (11 - back)) * season * (0.75 + rand() * 0.5)));
        const claimed = Math.round(issued * (0.55 + rand() * 0.3));
        const revoked = rand() < 0.25 ? 1 + Math.floor(rand() * 3) : 0;
        rows.push({ achievement: m.achievement, issuer: m.issuer, month, issued, claimed, revoked });
      }
      // Opportunities offered that month.
      const offers: Array<[string, string, string]> = [
        ['brightwater-libraries', 'digital-foundations', 'E05099004'],
        ['brightwater-libraries', 'online-communicator', 'E05099003'],
        ['harbour-youth-trust', 'safe-online', 'E05099001'],
        ['eastgate-makerspace', 'intro-to-coding', 'E05099002'],
      ];
      for (const [i, [issuer, achievement, area]] of offers.entries()) {
        if (rand() < 0.3) continue;
        await insertOpportunity(tx, { key: `past-${achievement}-${month}-${i}`, issuer_key: issuer, title: `${achievement.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())} (${month})`, mode: 'in-person', area_code: area, achievement_key: achievement, starts_at: `${month}-0${1 + i}T10:00:00.000Z`, ends_at: `${month}-0${1 + i}T12:00:00.000Z`, skills: [] }, now);
      }
    }
    await addMonthlyCounts(tx, rows);
    await insertMeta(tx, 'demo_insight', now);
    return true;
  }).catch(async (error: unknown) => {
    if (await readMeta(ctx.sql, 'demo_insight') === undefined) throw error;
    return false;
  });
  if (!seededHere) return;
  // The demo learner: twelve real, signed badges (one revoked), for <col-skills> and sharing.
  const keys: string[] = [];
  for (const achievementKey of LEARNER_BADGES) {
    const issued = await issueAward(ctx, { achievementKey, recipient: { email: 'demo.learner@brightwater.example' }, source: 'admin' });
    keys.push(issued.id.split('/').pop()!);
  }
  const revoked = (await findIssuedCredential(ctx.sql, keys[LEARNER_BADGES.indexOf(REVOKED_FOR_LEARNER)]!))!;
  await ctx.sql.transaction(async (tx) => {
    await markCredentialRevoked(tx, revoked.key, isoNow(ctx), 'Demo: revoked to show how a withdrawn badge looks');
    await writeStatusBit(tx, revoked.issuer_key, 'revocation', revoked.revocation_index, true);
    await insertMeta(tx, 'demo_learner', JSON.stringify(keys));
  });
  await currentStatusList(ctx, revoked.issuer_key, 'revocation');
  ctx.log(`demo: ${PRIORITIES.length} priorities, a year of activity, and a demo learner with ${keys.length} badges (GET /api/v1/demo/learner)`);
}
