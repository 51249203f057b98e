/**
 * Registers `<col-skills>`.
 *
 * @example
 * ```ts
 * import '@citiesoflearning/components/col-skills/define.js';
 * ```
 */
import { defineElement } from '../internal/define-element.js';
import { ColSkills } from './col-skills.js';

defineElement('col-skills', ColSkills);

declare global {
  interface HTMLElementTagNameMap {
    'col-skills': ColSkills;
  }
}

export { ColSkills };
