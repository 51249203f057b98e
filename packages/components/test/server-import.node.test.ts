// Importing the package on a server (SSR, a Node script, a test runner without a DOM) must not
// touch `window` or `document` at module scope, and the class entry must register nothing.
import { describe, it, expect } from '@col/harness';

describe('importing @citiesoflearning/components in Node (no DOM)', () => {
  it('loads the classes, the configuration and every define entry without a window', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).to.equal('undefined');
    const mod = await import('@citiesoflearning/components');
    expect(mod.ColBadge.name).to.equal('ColBadge');
    mod.configure({ api: 'https://badges.example.org', locale: 'cy' });
    expect(mod.pageConfiguration()).to.deep.include({ api: 'https://badges.example.org', locale: 'cy' });
    mod.resetConfiguration();
    await import('@citiesoflearning/components/define.js');
    expect(typeof (globalThis as { window?: unknown }).window).to.equal('undefined');
  });

  it('refuses script URLs in the shared URL checks, in Node as in the browser', async () => {
    const { safeLinkUrl, safeImageSrc } = await import('@citiesoflearning/components');
    expect(safeLinkUrl('javascript:alert(1)')).to.equal(undefined);
    expect(safeLinkUrl(' JaVa\tScript:alert(1)')).to.equal(undefined);
    expect(safeLinkUrl('https://college.example/a?b=1')).to.equal('https://college.example/a?b=1');
    expect(safeImageSrc('data:text/html;base64,PHNjcmlwdD4=')).to.equal(undefined);
    expect(safeImageSrc('data:image/png;base64,iVBORw0KGgo=')).to.equal('data:image/png;base64,iVBORw0KGgo=');
    // No DOMParser on a server: an SVG data URL cannot be sanitized there, so it is refused.
    expect(safeImageSrc('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>')).to.equal(undefined);
  });
});
