/**
 * Registers `<col-badge-verify>` and the `<col-badge>` it shows the badge with.
 *
 * @example
 * ```ts
 * import '@citiesoflearning/components/col-badge-verify/define.js';
 * ```
 */
import { defineElement } from '../internal/define-element.js';
import { ColBadge } from '../col-badge/col-badge.js';
import { ColBadgeVerify } from './col-badge-verify.js';

defineElement('col-badge', ColBadge);
defineElement('col-badge-verify', ColBadgeVerify);

declare global {
  interface HTMLElementTagNameMap {
    'col-badge-verify': ColBadgeVerify;
  }
}

export { ColBadgeVerify };
