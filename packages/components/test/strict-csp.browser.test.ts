// Every element on a page with a strict Content Security Policy (no 'unsafe-inline', no eval):
// styles are constructable stylesheets, so they apply and nothing is blocked.
import { describe, it, expect } from '@col/harness';
import type { ColBadge, ColBadgeClaim, ColBadgeList, ColBadgeVerify, ColImpact, ColOpportunities, ColPathway, ColSkills } from '@citiesoflearning/components';
import { dialogOf, fill, outcome, submit } from './support/claim.js';
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

      // Issue 12's elements: a claim end to end in the native dialog (the badge it gets shown
      // with <col-badge>), a pathway with its progress bars, the opportunities with their badges.
      const claim = doc.getElementById('claim') as ColBadgeClaim;
      claim.api = referenceServer().url;
      await claim.updateComplete;
      part(claim, 'button')!.click();
      await until(() => dialogOf(claim).open, 'the claim dialog');
      expect(getComputedStyle(part(claim, 'button')!).display, 'the claim button is styled').to.equal('inline-flex');
      await fill(claim, 'code', referenceServer().claimCodes.find((c) => c.achievement === 'digital-foundations')!.code);
      await fill(claim, 'email', 'csp-page@example.org');
      const claimed = outcome(claim);
      submit(claim);
      expect((await claimed).type).to.equal('col-claimed');
      const claimedBadge = () => claim.shadowRoot!.querySelector('col-badge');
      await until(() => !!claimedBadge() && part(claimedBadge()!, 'name')?.textContent === 'Digital Foundations', 'the claimed badge');
      claim.close();

      const pathway = doc.getElementById('pathway') as ColPathway;
      pathway.credentials = [{ achievement: 'urn:a', issuedOn: '2026-05-01T00:00:00Z', status: 'claimed' }] as never;
      pathway.pathway = { id: 'urn:csp', version: '1', name: 'CSP pathway', root: { type: 'group', id: 'root', children: [
        { type: 'badge', id: 'a', title: 'Badge A', badge: { id: 'urn:a' } }, { type: 'badge', id: 'b', title: 'Badge B', badge: { id: 'urn:b' } }] } } as never;
      await until(() => !!pathway.shadowRoot?.querySelector('progress'), 'the pathway');
      expect(pathway.shadowRoot!.querySelector<HTMLProgressElement>('progress')!.value).to.equal(50);
      expect(getComputedStyle(part(pathway, 'name')!).fontWeight, 'the pathway is styled').to.equal('700');

      const opportunities = doc.getElementById('opportunities') as ColOpportunities;
      opportunities.api = referenceServer().url;
      await until(() => (opportunities.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0) === 2, 'the opportunities');
      const awarded = opportunities.shadowRoot!.querySelector('col-badge')!;
      await until(() => !!part(awarded, 'name'), 'the badge an opportunity awards');
      expect(getComputedStyle(part(opportunities, 'item')!).borderTopStyle, 'the opportunities are styled').to.equal('solid');

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
