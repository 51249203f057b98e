// Every element on a page with a strict Content Security Policy (no 'unsafe-inline', no eval):
// styles are constructable stylesheets, so they apply and nothing is blocked.
import { describe, it, expect } from '@col/harness';
import type { ColBadge, ColBadgeList, ColBadgeVerify, ColImpact, ColSkills } from '@citiesoflearning/components';
import { byProvider } from './support/insight.js';
import { part, until } from './support/page.js';
import { claimAward, referenceServer } from './support/server.js';

describe('the elements under a strict CSP', () => {
  it('render, style themselves and verify with no CSP violation', async () => {
    const frame = document.createElement('iframe');
    frame.title = 'strict CSP page';
    frame.src = new URL('./data/csp-page.html', import.meta.url).href;
    document.body.append(frame);
    try {
      const win = () => frame.contentWindow as unknown as Window & { cspReady?: boolean; cspViolations?: string[] };
      await until(() => win()?.cspReady === true, 'the CSP page');
      const doc = frame.contentDocument!;
      const badge = doc.getElementById('badge') as ColBadge;
      const award = await claimAward();
      badge.credential = award.credential;
      await until(() => !!part(badge, 'name'), 'the badge');
      // A style from the element's stylesheet is in effect (bold name, bordered card).
      expect(getComputedStyle(part(badge, 'name')!).fontWeight).to.equal('700');
      expect(getComputedStyle(part(badge, 'card')!).borderTopStyle).to.equal('solid');

      const verifier = doc.getElementById('verifier') as ColBadgeVerify;
      const report = await verifier.check(award.jwt);
      expect(report?.outcome).to.equal('verified');

      const list = doc.getElementById('list') as ColBadgeList;
      list.api = referenceServer().url;
      await until(() => (list.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0) > 0, 'the list');

      // The hand-drawn SVG charts and the skills summary: no inline style, nothing blocked.
      const impact = doc.getElementById('impact') as ColImpact;
      impact.data = byProvider();
      await until(() => !!impact.shadowRoot?.querySelector('svg rect.bar'), 'the chart');
      expect(getComputedStyle(impact.shadowRoot!.querySelector('rect.suppressed')!).strokeDasharray).to.not.equal('none');
      const skills = doc.getElementById('skills') as ColSkills;
      skills.credentials = [award.jwt];
      await until(() => !!part(skills, 'summary'), 'the skills summary');
      expect(part(skills, 'summary')!.textContent).to.contain('Foundation skills');
      expect(win().cspViolations).to.deep.equal([]);
      // The policy is really enforced: an inline <style> is refused (and reported).
      doc.body.append(Object.assign(doc.createElement('style'), { textContent: 'body { color: red; }' }));
      await until(() => (win().cspViolations?.length ?? 0) > 0, 'the inline style refused');
      expect(win().cspViolations![0]).to.match(/^style-src/);
    } finally {
      frame.remove();
    }
  });
});
