/**
 * Registers `<col-badge-claim>`. The only side effect of this module.
 *
 * @example
 * ```ts
 * import '@citiesoflearning/components/col-badge-claim/define.js';
 * ```
 */
import { defineElement } from '../internal/define-element.js';
import { ColBadgeClaim } from './col-badge-claim.js';

defineElement('col-badge-claim', ColBadgeClaim);

declare global {
  interface HTMLElementTagNameMap {
    'col-badge-claim': ColBadgeClaim;
  }
}

export { ColBadgeClaim };
