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

/** Run `body` while every request to `prefix` is held back `ms` (a real request, just later). */
export async function withSlowRequests<T>(prefix: string, ms: number, body: () => Promise<T>): Promise<T> {
  const realFetch = window.fetch;
  window.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith(prefix)) await new Promise((r) => setTimeout(r, ms));
    return realFetch(input, init);
  };
  try {
    return await body();
  } finally {
    window.fetch = realFetch;
  }
}
