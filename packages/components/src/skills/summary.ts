/**
 * The verified skills summary: from credentials already verified and read, the skills their
 * alignments name, grouped by framework, each linked to the badges that prove it. Only a
 * verified credential counts toward a skill; the others are set apart with the reason, so an
 * employer never mistakes a revoked or tampered badge for evidence. Pure: no DOM, no network.
 */
import type { Badge } from '@citiesoflearning/core';

/**
 * One credential after checking: what the learner holds, its normalized badge (when it could
 * be read) and the verify report (when verification ran).
 *
 * @example
 * ```ts
 * const checked: CheckedSkillCredential = { credential: jwt, badge: normalize(jwt), report };
 * ```
 */
export interface CheckedSkillCredential {
  credential: Record<string, unknown> | string;
  badge: Badge | undefined;
  report: { outcome: string; checks: ReadonlyArray<{ id: string; outcome: string; code?: string }> } | undefined;
}

/**
 * Why a credential is set apart: withdrawn, out of date, altered, unreadable, from an issuer
 * not on the trust list, not fully checkable, or not checked at all.
 *
 * @example
 * ```ts
 * const reason: SetApartReason = 'revoked';
 * ```
 */
export type SetApartReason = 'revoked' | 'suspended' | 'expired' | 'not-yet-valid' | 'tampered' | 'unreadable' | 'unlisted' | 'inconclusive' | 'failed' | 'not-checked';

/**
 * A badge as the summary shows it: its position among the credentials, name, issuer and date.
 *
 * @example
 * ```ts
 * const badge: SkillBadge = { index: 0, name: 'Digital Foundations', issuer: 'Brightwater Libraries' };
 * ```
 */
export interface SkillBadge {
  index: number;
  name: string;
  issuer: string;
  issuedOn?: string;
}

/**
 * One skill (an alignment target) and the verified badges that prove it.
 *
 * @example
 * ```ts
 * const skill: Skill = { key: 'https://…#EDS-SAFE', name: 'Being safe and legal online', code: 'EDS-SAFE', badges: [] };
 * ```
 */
export interface Skill {
  key: string;
  name: string;
  code?: string;
  url?: string;
  description?: string;
  /**
   * The highest level the proving badges are at, when they are aligned to a levels framework
   * too (the RSA Badge Standard's Engage, Participate, Demonstrate, Lead; or any alignment whose
   * `targetType` names a level): that alignment's name.
   */
  level?: string;
  badges: SkillBadge[];
}

/**
 * A framework's skills (`name` is `''` for alignments that name no framework).
 *
 * @example
 * ```ts
 * const eds: SkillFramework = { name: 'UK Essential Digital Skills framework (DfE, 2019)', skills: [] };
 * ```
 */
export interface SkillFramework {
  name: string;
  skills: Skill[];
}

/**
 * The whole summary.
 *
 * @example
 * ```ts
 * const { frameworks, verified, setApart } = buildSkillsSummary(checked);
 * ```
 */
export interface SkillsSummary {
  frameworks: SkillFramework[];
  /** Every verified badge (also those aligned to no skill). */
  verified: SkillBadge[];
  /** Badges that do not count, with the reason. */
  setApart: Array<SkillBadge & { reason: SetApartReason }>;
  /** The holder's name as the verified credentials state it (when they agree). */
  recipientName?: string;
}

const RSA_LEVELS = ['engage', 'participate', 'demonstrate', 'lead'];

/** A level alignment's rank (higher is further along), or -1 when the alignment names a skill. */
function levelRank(alignment: Badge['alignments'][number]): number {
  const code = alignment.targetCode?.trim().toLowerCase() ?? '';
  const rsa = RSA_LEVELS.indexOf(code);
  if (rsa >= 0 && /\bRSA\b/i.test(alignment.targetFramework ?? '')) return rsa;
  return /level/i.test(alignment.targetType ?? '') ? 0 : -1;
}

const TAMPERED = new Set(['signature-invalid', 'hosted-mismatch', 'key-not-issuers', 'jwk-private', 'jwk-not-vouched']);
const DATED = new Set(['revoked', 'suspended', 'expired', 'not-yet-valid']);

/**
 * Why `checked` does not count, or `undefined` when it is verified.
 *
 * @example
 * ```ts
 * standingOf({ credential, badge, report }); // 'revoked'
 * ```
 */
export function standingOf(checked: CheckedSkillCredential): SetApartReason | undefined {
  const report = checked.report;
  if (!report) return 'not-checked';
  if (!checked.badge) return 'unreadable';
  const failed = report.checks.filter((c) => c.outcome === 'failed');
  if (failed.length === 0) return report.outcome === 'verified' ? undefined : 'inconclusive';
  if (failed.every((c) => c.id === 'trust')) return report.checks.some((c) => c.outcome === 'inconclusive') ? 'inconclusive' : 'unlisted';
  for (const check of failed) {
    if (check.code && DATED.has(check.code)) return check.code as SetApartReason;
    if (check.code && TAMPERED.has(check.code)) return 'tampered';
    if (check.id === 'parse' || check.id === 'schema') return 'unreadable';
  }
  return 'failed';
}

function badgeOf(index: number, badge: Badge | undefined): SkillBadge {
  const out: SkillBadge = { index, name: badge?.name || '', issuer: badge?.issuer.name || badge?.issuer.id || '' };
  if (badge?.issuedOn) out.issuedOn = badge.issuedOn;
  return out;
}

/**
 * Build the summary from checked credentials: frameworks sorted by name (unnamed last), skills
 * by name, each skill's badges in the order given; a badge counts once per skill.
 *
 * @example
 * ```ts
 * const summary = buildSkillsSummary(checked);
 * summary.frameworks[0].skills[0].badges[0].name; // 'Digital Foundations'
 * ```
 */
export function buildSkillsSummary(checked: readonly CheckedSkillCredential[]): SkillsSummary {
  const frameworks = new Map<string, Map<string, Skill>>();
  const verified: SkillBadge[] = [];
  const setApart: SkillsSummary['setApart'] = [];
  const names = new Set<string>();
  const levels = new Map<Skill, number>();
  checked.forEach((item, index) => {
    const shown = badgeOf(index, item.badge);
    const reason = standingOf(item);
    if (reason) return void setApart.push({ ...shown, reason });
    verified.push(shown);
    const badge = item.badge!;
    if (badge.recipientName) names.add(badge.recipientName);
    // The badge's level: its highest level alignment, given to each skill it proves.
    let level: { rank: number; name: string } | undefined;
    for (const alignment of badge.alignments) {
      const rank = levelRank(alignment);
      if (rank >= 0 && alignment.targetName && (!level || rank > level.rank)) level = { rank, name: alignment.targetName.trim() };
    }
    for (const alignment of badge.alignments) {
      const name = alignment.targetName?.trim();
      if (!name) continue;
      const framework = alignment.targetFramework?.trim() ?? '';
      // The same skill is the same URL and code; without a URL, the same name in the framework.
      const key = alignment.targetUrl ? `${alignment.targetUrl}#${alignment.targetCode ?? name}` : `${framework}#${alignment.targetCode ?? name}`;
      let skills = frameworks.get(framework);
      if (!skills) frameworks.set(framework, (skills = new Map()));
      let skill = skills.get(key);
      if (!skill) {
        skill = { key, name, badges: [] };
        if (alignment.targetCode) skill.code = alignment.targetCode;
        if (alignment.targetUrl) skill.url = alignment.targetUrl;
        if (alignment.targetDescription) skill.description = alignment.targetDescription;
        skills.set(key, skill);
      }
      if (!skill.badges.some((b) => b.index === index)) skill.badges.push(shown);
      if (level && levelRank(alignment) < 0 && (levels.get(skill) ?? -1) < level.rank) {
        levels.set(skill, level.rank);
        skill.level = level.name;
      }
    }
  });
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const summary: SkillsSummary = {
    frameworks: [...frameworks]
      .map(([name, skills]) => ({ name, skills: [...skills.values()].sort(byName) }))
      .sort((a, b) => (a.name === '' ? 1 : b.name === '' ? -1 : byName(a, b))),
    verified,
    setApart,
  };
  if (names.size === 1) summary.recipientName = [...names][0]!;
  return summary;
}
