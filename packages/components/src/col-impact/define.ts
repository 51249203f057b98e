/**
 * Registers `<col-impact>`.
 *
 * @example
 * ```ts
 * import '@citiesoflearning/components/col-impact/define.js';
 * ```
 */
import { defineElement } from '../internal/define-element.js';
import { ColImpact } from './col-impact.js';

defineElement('col-impact', ColImpact);

declare global {
  interface HTMLElementTagNameMap {
    'col-impact': ColImpact;
  }
}

export { ColImpact };
