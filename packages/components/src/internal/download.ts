/**
 * Save text the page already holds (a credential's JSON or JWS) as a file, without a server
 * round trip: a Blob, a temporary `<a download>` inside the element's shadow root, a click.
 */

/**
 * Offer `content` as a download named `filename`.
 *
 * @example
 * ```ts
 * downloadText(this.renderRoot, 'badge.json', JSON.stringify(credential, null, 2), 'application/ld+json');
 * ```
 */
export function downloadText(root: ParentNode & Node, filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.hidden = true;
  (root as ParentNode).append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A file-name-safe slug for a badge name (`Digital Foundations` → `digital-foundations`).
 *
 * @example
 * ```ts
 * slug('Sgiliau Digidol – Lefel 1'); // 'sgiliau-digidol-lefel-1'
 * ```
 */
export function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'badge'
  );
}
