/**
 * `@citiesoflearning/components` — Lit custom elements that show, list and verify Open Badges.
 *
 * Importing this module registers nothing: import `./define.js` (all elements) or
 * `./col-badge/define.js` (one), or call `customElements.define('my-badge', ColBadge)`.
 *
 * @packageDocumentation
 */
export { ColBadge, type BadgeLayout, type BadgeLinks, type ColErrorDetail } from './col-badge/col-badge.js';
export { ColBadgeList } from './col-badge-list/col-badge-list.js';
export { ColBadgeVerify, type VerifyInput, type SkillsVerifiedDetail } from './col-badge-verify/col-badge-verify.js';
export { configure, resetConfiguration, pageConfiguration, onConfigurationChange, type ColConfig } from './config/config.js';
export { LOCALES, toLocale, type ColLocale } from './i18n/locale.js';
export { LocaleController, type LocalizedHost } from './i18n/locale-controller.js';
export { defineMessages, fill, type Catalogue } from './i18n/catalogue.js';
export { tokens } from './styles/tokens.js';
export { safeLinkUrl } from './internal/safe-url.js';
export { safeImageSrc } from './internal/safe-image.js';
export { defineElement } from './internal/define-element.js';
export { ColBadgeClaim, type ClaimedDetail, type ClaimErrorDetail } from './col-badge-claim/col-badge-claim.js';
export { ColPathway, type PathwayOpportunity } from './col-pathway/col-pathway.js';
export type { HeldCredential } from './col-pathway/records.js';
export { ColOpportunities, type OpportunityFilters, type OpportunityResults } from './col-opportunities/col-opportunities.js';
export { ColSkills, type SkillsSharedDetail } from './col-skills/col-skills.js';
export { buildSkillsSummary, standingOf, type SkillsSummary, type SkillFramework, type Skill, type SkillBadge, type SetApartReason, type CheckedSkillCredential } from './skills/summary.js';
export { toSkillsPresentation, readSkillsPresentation, isSkillsPresentation, MAX_SKILLS_CREDENTIALS, MAX_SKILLS_FILE_BYTES, type SkillsPresentation, type HeldSkillCredential } from './skills/presentation.js';
export { ColImpact, type ImpactView } from './col-impact/col-impact.js';
export type { ColLoadedDetail, BadgeLoadedDetail, ImpactLoadedDetail, SkillsLoadedDetail, LoadedEventMap } from './loaded-events.js';
export { readInsight, insightUrl, insightCsvUrl, fetchInsight, MEASURES, GROUPINGS, type InsightResponse, type InsightRow, type InsightCell, type InsightMeasure, type InsightBy, type InsightQuery } from './col-impact/insight.js';
