/**
 * Registers `<col-opportunities>`. The only side effect of this module.
 *
 * @example
 * ```ts
 * import '@citiesoflearning/components/col-opportunities/define.js';
 * ```
 */
import { defineElement } from '../internal/define-element.js';
import { ColOpportunities } from './col-opportunities.js';

defineElement('col-opportunities', ColOpportunities);

declare global {
  interface HTMLElementTagNameMap {
    'col-opportunities': ColOpportunities;
  }
}

export { ColOpportunities };
