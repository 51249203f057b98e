/**
 * Registers `<col-badge-list>` and the `<col-badge>` it shows each badge with.
 *
 * @example
 * ```ts
 * import '@citiesoflearning/components/col-badge-list/define.js';
 * ```
 */
import { defineElement } from '../internal/define-element.js';
import { ColBadge } from '../col-badge/col-badge.js';
import { ColBadgeList } from './col-badge-list.js';

defineElement('col-badge', ColBadge);
defineElement('col-badge-list', ColBadgeList);

declare global {
  interface HTMLElementTagNameMap {
    'col-badge-list': ColBadgeList;
  }
}

export { ColBadgeList };
