// The demo place: "Brightwater City of Learning" (fictional). Seeded once per data directory;
// a restart finds the marker in `meta` and only reports the codes it made the first time.
import { isoNow, joinTransaction, urls, type ServerContext } from './context.js';
import { createAchievement, createClaimCodes } from './achievements.js';
import { createIssuer } from './issuers.js';
import { createOpportunity } from './opportunities.js';
import { publishPathway, savePathwayVersion } from './pathways.js';
import { signStatusLists } from './status.js';
import { insertMeta, readMeta } from './store/meta.js';
import { seedDemoInsight } from './demo-insight.js';

/**
 * What the demo seed made (claim codes are multi-use, for trying things out).
 *
 * @example
 * ```ts
 * const { claimCodes }: DemoSummary = await seedDemo(ctx);
 * ```
 */
export interface DemoSummary {
  claimCodes: Array<{ achievement: string; code: string }>;
}

const EDS = { targetFramework: 'UK Essential Digital Skills framework (DfE, 2019)', targetUrl: 'https://www.gov.uk/government/publications/essential-digital-skills-framework' };
const RSA = { targetFramework: 'RSA Badge Standard (Cities of Learning)', targetUrl: 'https://www.thersa.org/cities-of-learning' };
const eds = (targetName: string, targetCode: string) => ({ ...EDS, targetName, targetCode });
const rsa = (level: 'Engage' | 'Participate' | 'Demonstrate' | 'Lead') => ({
  ...RSA,
  targetName: `RSA Badge Standard: ${level}`,
  targetCode: level.toLowerCase(),
  targetDescription: {
    Engage: 'Taking a first step: trying something new, with support.',
    Participate: 'Taking part regularly and building skills.',
    Demonstrate: 'Showing a skill independently, with evidence.',
    Lead: 'Leading, teaching or mentoring others.',
  }[level],
});

const ISSUERS = [
  { key: 'brightwater-libraries', name: 'Brightwater Libraries', url: 'https://libraries.brightwater.example', email: 'learning@libraries.brightwater.example', description: 'Free digital skills sessions in all eight Brightwater branch libraries.' },
  { key: 'harbour-youth-trust', name: 'Harbour Youth Trust', url: 'https://harbouryouth.example', email: 'hello@harbouryouth.example', description: 'Youth work, volunteering and peer mentoring for 11–25 year olds around Brightwater harbour.' },
  { key: 'eastgate-makerspace', name: 'Eastgate Makerspace', url: 'https://eastgatemakers.example', email: 'crew@eastgatemakers.example', description: 'A community workshop for coding, electronics and making.' },
  { key: 'brightwater-college', name: 'Brightwater College', url: 'https://brightwater-college.example', email: 'badges@brightwater-college.example', description: 'Further education college and Brightwater City of Learning partner.' },
];

const LA = 'E06099001'; // fictional, ONS-style local authority code for Brightwater
const WARDS = { harbour: 'E05099001', eastgate: 'E05099002', northfield: 'E05099003', oldtown: 'E05099004' };

const ACHIEVEMENTS = [
  { key: 'digital-foundations', issuer: 'brightwater-libraries', name: 'Digital Foundations', description: 'Turned on a device, used a mouse, keyboard and touch screen, connected to Wi-Fi and kept passwords safe.', criteria: 'Completed the four-week Digital Foundations course at a Brightwater library and showed each skill to a tutor.', alignment: [eds('Foundation skills', 'EDS-FOUNDATION'), rsa('Engage')], tag: ['digital', 'foundation'] },
  { key: 'online-communicator', issuer: 'brightwater-libraries', name: 'Online Communicator', description: 'Communicates, collaborates and shares safely online: email, video calls and messaging.', criteria: 'Sent an email with an attachment, joined a video call and set up a shared document with a tutor.', alignment: [eds('Communicating', 'EDS-COMMUNICATING'), rsa('Participate')], tag: ['digital', 'communication'] },
  { key: 'information-handler', issuer: 'brightwater-libraries', name: 'Information Handler', description: 'Finds, manages and stores digital information and content, and judges whether it can be trusted.', criteria: 'Searched for and compared three sources on a topic, saved them in folders and explained which to trust and why.', alignment: [eds('Handling information and content', 'EDS-INFORMATION'), rsa('Participate')], tag: ['digital', 'information'] },
  { key: 'online-transactions', issuer: 'brightwater-libraries', name: 'Online Transactions', description: 'Registers for and uses public services online, and buys safely online.', criteria: 'Set up a GOV.UK account with support and completed a practice online purchase safely.', alignment: [eds('Transacting', 'EDS-TRANSACTING'), rsa('Participate')], tag: ['digital', 'money'] },
  { key: 'safe-online', issuer: 'harbour-youth-trust', name: 'Safe and Legal Online', description: 'Protects privacy, spots scams and fake news, and knows how to report harmful content.', criteria: 'Took part in the Safe Online workshop and completed the scam-spotting challenge.', alignment: [eds('Being safe and legal online', 'EDS-SAFE'), rsa('Engage')], tag: ['digital', 'safety'] },
  { key: 'digital-problem-solver', issuer: 'eastgate-makerspace', name: 'Digital Problem Solver', description: 'Uses digital tools to solve everyday problems and finds help when stuck.', criteria: 'Solved three real problems with digital tools at the makerspace and wrote how.', alignment: [eds('Problem solving', 'EDS-PROBLEM-SOLVING'), rsa('Demonstrate')], tag: ['digital', 'problem-solving'] },
  { key: 'intro-to-coding', issuer: 'eastgate-makerspace', name: 'Introduction to Coding', description: 'Wrote first programs with loops, conditions and variables.', criteria: 'Completed the six Code Club sessions and made a small game.', alignment: [rsa('Engage')], tag: ['coding'] },
  { key: 'build-a-website', issuer: 'eastgate-makerspace', name: 'Build a Website', description: 'Planned, built and published an accessible web page with HTML and CSS.', criteria: 'Published a personal web page that passes an accessibility check, reviewed by a mentor.', alignment: [rsa('Demonstrate')], tag: ['coding', 'web'] },
  { key: 'youth-volunteer', issuer: 'harbour-youth-trust', name: 'Youth Volunteer', description: 'Gave 20 hours of volunteering to a Brightwater community project.', criteria: 'Logged 20 hours of volunteering, signed off by the project lead.', alignment: [rsa('Participate')], tag: ['volunteering', 'community'] },
  { key: 'peer-mentor', issuer: 'harbour-youth-trust', name: 'Peer Mentor', description: 'Supported other young people to learn a new skill over a term.', criteria: 'Mentored at least two learners through a course, with feedback from them and a youth worker.', alignment: [rsa('Lead')], tag: ['mentoring', 'leadership'] },
  { key: 'digital-ready', issuer: 'brightwater-college', name: 'Digital Ready Brightwater', description: 'Completed the Digital Ready Brightwater pathway: essential digital skills for work and life.', criteria: 'Awarded automatically for completing the Digital Ready Brightwater pathway.', alignment: [eds('Essential Digital Skills (all areas)', 'EDS'), rsa('Demonstrate')], tag: ['digital', 'milestone'], achievementType: 'LearningProgram' },
  { key: 'creative-coder', issuer: 'eastgate-makerspace', name: 'Creative Coder', description: 'Completed the Creative Coder pathway: from first program to published website, then helped others.', criteria: 'Awarded automatically for completing the Creative Coder pathway.', alignment: [rsa('Lead')], tag: ['coding', 'milestone'], achievementType: 'LearningProgram' },
];

/** Milestone badges are awarded by pathways, not by codes. */
const MILESTONES = new Set(['digital-ready', 'creative-coder']);

/**
 * Seed the demo place once (issuers, a dozen aligned achievements, claim codes, two published
 * pathways, opportunities with dates and ONS-style area codes). Idempotent: a second call only
 * returns the codes from the first.
 *
 * @example
 * ```ts
 * const { claimCodes } = await seedDemo(ctx);
 * ```
 */
export async function seedDemo(ctx: ServerContext): Promise<DemoSummary> {
  const done = await readMeta(ctx.sql, 'demo');
  if (done !== undefined) {
    // A demo database from before priorities and insight gets them now.
    await seedDemoInsight(ctx);
    return JSON.parse(done) as DemoSummary;
  }
  const u = urls(ctx.baseUrl);
  const admin = { kind: 'admin' } as const;
  // One transaction: a seed cut short leaves nothing behind, so the next start seeds afresh.
  // Instances starting together on one PostgreSQL database may both get here: the first commit
  // wins; the other's transaction, run again or failed on the same keys, finds the demo seeded.
  let seededHere = true;
  const summary = await ctx.sql.transaction(async (tx) => {
    const already = await readMeta(tx, 'demo');
    seededHere = already === undefined;
    if (already !== undefined) return JSON.parse(already) as DemoSummary;
    const inTx = joinTransaction(ctx, tx);
    const summary: DemoSummary = { claimCodes: [] };
    for (const issuer of ISSUERS) await createIssuer(inTx, issuer);
    for (const a of ACHIEVEMENTS) {
      await createAchievement(inTx, admin, { ...a, place: { areaCode: LA, name: 'Brightwater' }, inLanguage: 'en-GB' });
      if (!MILESTONES.has(a.key)) {
        const [code] = await createClaimCodes(inTx, a.key, { count: 1, uses: 1000, expiresAt: new Date(ctx.now().getTime() + 365 * 86_400_000).toISOString() });
        summary.claimCodes.push({ achievement: a.key, code: code! });
      }
    }
    const badge = (key: string, extra: Record<string, unknown> = {}) => ({ type: 'badge', id: key, title: ACHIEVEMENTS.find((a) => a.key === key)!.name, badge: { id: u.achievement(key) }, ...extra });
    await savePathwayVersion(inTx, admin, {
      key: 'digital-ready-brightwater',
      issuer: 'brightwater-college',
      name: 'Digital Ready Brightwater',
      description: 'Essential digital skills for work and everyday life, at your library, youth club or makerspace. Start with Digital Foundations, then earn any three of the five skills badges.',
      destination: { title: 'Ready for digital work and study', url: 'https://brightwater-college.example/next-steps' },
      availability: { places: [LA] },
      alignments: [{ targetName: 'Essential Digital Skills', targetUrl: EDS.targetUrl, targetFramework: EDS.targetFramework }],
      root: {
        type: 'group', id: 'digital-ready', title: 'Digital Ready Brightwater', milestoneBadge: u.achievement('digital-ready'), level: 'Demonstrate',
        children: [
          badge('digital-foundations', { level: 'Engage', precedes: ['skills'] }),
          { type: 'group', id: 'skills', title: 'Three essential skills', min: 3, prerequisites: ['digital-foundations'], children: ['online-communicator', 'information-handler', 'online-transactions', 'safe-online', 'digital-problem-solver'].map((k) => badge(k)) },
        ],
      },
    });
    await publishPathway(inTx, admin, 'digital-ready-brightwater');
    await savePathwayVersion(inTx, admin, {
      key: 'creative-coder',
      issuer: 'eastgate-makerspace',
      name: 'Creative Coder',
      description: 'From your first program to a published website, then pass it on: mentor someone or volunteer.',
      availability: { places: [WARDS.eastgate, WARDS.harbour] },
      root: {
        type: 'group', id: 'creative-coder', title: 'Creative Coder', order: 'sequential', milestoneBadge: u.achievement('creative-coder'), level: 'Lead',
        children: [
          badge('intro-to-coding', { level: 'Engage' }),
          badge('build-a-website', { level: 'Demonstrate' }),
          { type: 'group', id: 'give-back', title: 'Give back', min: 1, children: [badge('peer-mentor'), badge('youth-volunteer')] },
        ],
      },
    });
    await publishPathway(inTx, admin, 'creative-coder');
    const day = (offset: number, hour: number) => {
      const d = new Date(ctx.now().getTime() + offset * 86_400_000);
      d.setUTCHours(hour, 0, 0, 0);
      return d.toISOString();
    };
    const opportunities = [
      { provider: 'brightwater-libraries', title: 'Digital Foundations (4 weeks) — Central Library', achievement: 'digital-foundations', mode: 'in-person', areaCode: WARDS.oldtown, location: { latitude: 51.4545, longitude: -2.5879 }, startsAt: day(7, 10), endsAt: day(28, 12), skills: ['digital', 'foundation'] },
      { provider: 'brightwater-libraries', title: 'Digital Foundations (4 weeks) — Northfield Library', achievement: 'digital-foundations', mode: 'in-person', areaCode: WARDS.northfield, startsAt: day(14, 14), endsAt: day(35, 16), skills: ['digital', 'foundation'] },
      { provider: 'brightwater-libraries', title: 'Video calls and email drop-in', achievement: 'online-communicator', mode: 'blended', areaCode: WARDS.oldtown, startsAt: day(3, 13), endsAt: day(3, 15), skills: ['digital', 'communication'] },
      { provider: 'brightwater-libraries', title: 'Trust the source: finding good information', achievement: 'information-handler', mode: 'online', startsAt: day(10, 18), endsAt: day(10, 19), skills: ['digital', 'information'] },
      { provider: 'brightwater-libraries', title: 'Online services and safe shopping', achievement: 'online-transactions', mode: 'in-person', areaCode: WARDS.harbour, startsAt: day(21, 10), endsAt: day(21, 12), skills: ['digital', 'money'] },
      { provider: 'harbour-youth-trust', title: 'Safe Online workshop (ages 11–16)', achievement: 'safe-online', mode: 'in-person', areaCode: WARDS.harbour, startsAt: day(5, 16), endsAt: day(5, 18), skills: ['digital', 'safety'] },
      { provider: 'harbour-youth-trust', title: 'Harbour clean-up volunteering', achievement: 'youth-volunteer', mode: 'in-person', areaCode: WARDS.harbour, startsAt: day(12, 9), endsAt: day(60, 17), skills: ['volunteering', 'community'] },
      { provider: 'harbour-youth-trust', title: 'Peer mentor training', achievement: 'peer-mentor', mode: 'blended', areaCode: WARDS.harbour, startsAt: day(30, 17), endsAt: day(90, 19), skills: ['mentoring', 'leadership'] },
      { provider: 'eastgate-makerspace', title: 'Code Club (6 sessions)', achievement: 'intro-to-coding', mode: 'in-person', areaCode: WARDS.eastgate, location: { latitude: 51.4602, longitude: -2.5701 }, startsAt: day(4, 17), endsAt: day(39, 19), skills: ['coding'] },
      { provider: 'eastgate-makerspace', title: 'Build and publish your first website', achievement: 'build-a-website', mode: 'online', startsAt: day(45, 18), endsAt: day(66, 20), skills: ['coding', 'web'] },
      { provider: 'eastgate-makerspace', title: 'Fix-it café: solve it with tech', achievement: 'digital-problem-solver', mode: 'in-person', areaCode: WARDS.eastgate, startsAt: day(9, 10), endsAt: day(9, 13), skills: ['digital', 'problem-solving'] },
    ];
    for (const o of opportunities) await createOpportunity(inTx, admin, { ...o, achievement: u.achievement(o.achievement), bookingUrl: `${ISSUERS.find((i) => i.key === o.provider)!.url}/book` });
    await insertMeta(tx, 'demo', JSON.stringify(summary));
    await insertMeta(tx, 'demo_seeded_at', isoNow(ctx));
    return summary;
  }).catch(async (error: unknown) => {
    const seeded = await readMeta(ctx.sql, 'demo');
    if (seeded === undefined) throw error;
    seededHere = false;
    return JSON.parse(seeded) as DemoSummary;
  });
  if (!seededHere) {
    await seedDemoInsight(ctx);
    return summary;
  }
  for (const issuer of ISSUERS) await signStatusLists(ctx, issuer.key);
  ctx.log(`demo: seeded Brightwater City of Learning (${ISSUERS.length} providers, ${ACHIEVEMENTS.length} achievements, 2 pathways)`);
  await seedDemoInsight(ctx);
  return summary;
}
