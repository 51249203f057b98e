/**
 * Registers `<col-badge>`. The only side effect of this module.
 *
 * @example
 * ```ts
 * import '@citiesoflearning/components/col-badge/define.js';
 * ```
 */
import { defineElement } from '../internal/define-element.js';
import { ColBadge } from './col-badge.js';

defineElement('col-badge', ColBadge);

declare global {
  interface HTMLElementTagNameMap {
    'col-badge': ColBadge;
  }
}

export { ColBadge };
