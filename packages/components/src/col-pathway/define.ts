/**
 * Registers `<col-pathway>`. The only side effect of this module.
 *
 * @example
 * ```ts
 * import '@citiesoflearning/components/col-pathway/define.js';
 * ```
 */
import { defineElement } from '../internal/define-element.js';
import { ColPathway } from './col-pathway.js';

defineElement('col-pathway', ColPathway);

declare global {
  interface HTMLElementTagNameMap {
    'col-pathway': ColPathway;
  }
}

export { ColPathway };
