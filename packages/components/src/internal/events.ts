/**
 * Dispatch a `col-…` event the way every element does: bubbling and composed (it crosses
 * shadow roots, so a page can listen on `document`).
 *
 * @example
 * ```ts
 * emit(this, 'col-loaded', { badge });
 * ```
 */
export function emit<T>(host: HTMLElement, name: string, detail: T): boolean {
  return host.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true }));
}
