// `col-loaded` is one event name (a contract in docs/DESIGN.md) sent by three elements with three
// different details. The global event map says so honestly (a union), and each element's own
// `addEventListener` (declared on the element class, typed by `LoadedEventMap`) narrows it to what
// that element sends, so a listener on a `<col-impact>` gets `detail.insight` typed without a cast.
import type { Badge } from '@citiesoflearning/core';
import type { InsightResponse } from './col-impact/insight.js';
import type { SkillsSummary } from './skills/summary.js';

/**
 * `<col-badge>`'s `col-loaded` detail: the badge it read and shows.
 *
 * @example
 * ```ts
 * document.querySelector('col-badge')!.addEventListener('col-loaded', (event) => console.log(event.detail.badge.name));
 * ```
 */
export interface BadgeLoadedDetail {
  badge: Badge;
}

/**
 * `<col-impact>`'s `col-loaded` detail: the figures it shows.
 *
 * @example
 * ```ts
 * document.querySelector('col-impact')!.addEventListener('col-loaded', (event) => console.log(event.detail.insight.rows.length));
 * ```
 */
export interface ImpactLoadedDetail {
  insight: InsightResponse;
}

/**
 * `<col-skills>`'s `col-loaded` detail: the skills summary of the checked credentials.
 *
 * @example
 * ```ts
 * document.querySelector('col-skills')!.addEventListener('col-loaded', (event) => console.log(event.detail.summary.verified.length));
 * ```
 */
export interface SkillsLoadedDetail {
  summary: SkillsSummary;
}

/**
 * Any element's `col-loaded` detail, as a listener on `document` (or any ancestor) gets it: tell
 * them apart with `'badge' in detail`, `'insight' in detail` or `'summary' in detail`.
 *
 * @example
 * ```ts
 * document.addEventListener('col-loaded', ({ detail }) => {
 *   if ('insight' in detail) console.log(detail.insight.by);
 *   else if ('summary' in detail) console.log(detail.summary.verified.length);
 *   else console.log(detail.badge.name);
 * });
 * ```
 */
export type ColLoadedDetail = BadgeLoadedDetail | ImpactLoadedDetail | SkillsLoadedDetail;

/**
 * An element's own event map: the global one, with `col-loaded` carrying only what that element sends.
 *
 * @example
 * ```ts
 * type ImpactEvents = LoadedEventMap<ImpactLoadedDetail>;
 * type Detail = ImpactEvents['col-loaded']['detail']; // ImpactLoadedDetail
 * ```
 */
export type LoadedEventMap<Detail extends ColLoadedDetail> = Omit<HTMLElementEventMap, 'col-loaded'> & { 'col-loaded': CustomEvent<Detail> };

declare global {
  interface HTMLElementEventMap {
    'col-loaded': CustomEvent<ColLoadedDetail>;
  }
  // The event bubbles and is composed, so a page may listen on `document`.
  interface DocumentEventMap {
    'col-loaded': CustomEvent<ColLoadedDetail>;
  }
}
