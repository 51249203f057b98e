// Small helpers for element tests: wait for a shadow-root condition, read visible text.
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function shadowText(element: Element): string {
  return (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function part(element: Element, name: string): HTMLElement | null {
  return element.shadowRoot?.querySelector(`[part~="${name}"]`) ?? null;
}
