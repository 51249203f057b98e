/**
 * Register `constructor` as `tag`, unless that tag is already taken (a page that loads the
 * CDN bundle and the npm package, or two copies, must not throw). The `define` modules are
 * the only ones that call it; importing a class registers nothing.
 *
 * @example
 * ```ts
 * import { ColBadge } from '@citiesoflearning/components/col-badge.js';
 * defineElement('my-badge', class extends ColBadge {});
 * ```
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
