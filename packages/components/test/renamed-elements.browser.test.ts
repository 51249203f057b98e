// "A way to register under another name" (issue 11) for every element of issues 11 and 12: a
// page imports only the classes (no define entry) and registers each under its own tag. The
// elements that show badges with <col-badge> must still show them — nothing on this page
// registers <col-badge> but the elements themselves. (The list is in renamed-list: once one
// element has registered <col-badge> on a page, a second could not prove it does so too.)
import { describe, it, expect } from '@col/harness';
import { fixture, html, oneEvent } from '@open-wc/testing';
import { ColBadge, ColBadgeClaim, ColBadgeVerify, ColOpportunities, ColPathway } from '@citiesoflearning/components';
import { fill, openClaim, outcome, submit } from './support/claim.js';
import { part, until } from './support/page.js';
import { claimAward, referenceServer } from './support/server.js';

customElements.define('acme-verify', class extends ColBadgeVerify {});
customElements.define('acme-claim', class extends ColBadgeClaim {});
customElements.define('acme-pathway', class extends ColPathway {});
customElements.define('acme-opportunities', class extends ColOpportunities {});
customElements.define('acme-badge', class extends ColBadge {});

describe('every element registered under another name, from its class alone', () => {
  it('the verifier shows the verdict and the badge, registering <col-badge> itself', async () => {
    expect(customElements.get('col-badge'), 'nothing on this page has registered <col-badge> yet').to.equal(undefined);
    const award = await claimAward();
    const el = await fixture<ColBadgeVerify>(html`<acme-verify allow-private-network></acme-verify>`);
    const report = await el.check(award.jwt);
    expect(report?.outcome).to.equal('verified');
    await el.updateComplete;
    const badge = el.shadowRoot!.querySelector('col-badge')!;
    await until(() => part(badge, 'name')?.textContent === 'Digital Foundations', 'the badge under the verdict');
  });

  it('the claim button claims end to end and shows the badge it got', async () => {
    const code = referenceServer().claimCodes.find((c) => c.achievement === 'digital-foundations')!.code;
    const el = await fixture<ColBadgeClaim>(html`<acme-claim achievement="digital-foundations" api=${referenceServer().url} allow-private-network></acme-claim>`);
    await openClaim(el);
    await fill(el, 'code', code);
    await fill(el, 'email', 'renamed@example.org');
    const result = outcome(el);
    submit(el);
    expect((await result).type).to.equal('col-claimed');
    await el.updateComplete;
    const badge = el.shadowRoot!.querySelector('col-badge')!;
    await until(() => part(badge, 'name')?.textContent === 'Digital Foundations', 'the claimed badge');
  });

  it('the pathway tracker and the opportunities list render under their own names', async () => {
    const pathway = await fixture<ColPathway>(html`<acme-pathway></acme-pathway>`);
    pathway.pathway = { id: 'urn:p', version: '1', name: 'Renamed pathway', root: { type: 'group', id: 'root', children: [{ type: 'badge', id: 'a', title: 'First badge', badge: { id: 'urn:a' } }] } } as never;
    await until(() => part(pathway, 'name')?.textContent === 'Renamed pathway', 'the pathway');
    expect(pathway.shadowRoot!.textContent).to.contain('First badge');

    const list = await fixture<ColOpportunities>(html`<acme-opportunities api=${referenceServer().url} page-size="2"></acme-opportunities>`);
    await oneEvent(list, 'col-results');
    await list.updateComplete;
    const awarded = list.shadowRoot!.querySelector('col-badge');
    expect(awarded, 'each opportunity shows the badge it awards').to.not.equal(null);
    await until(() => !!part(awarded!, 'name')?.textContent, 'the badge an opportunity awards');
  });

  it('the badge itself, with the standard tag free for another copy', async () => {
    const el = await fixture<ColBadge>(html`<acme-badge key="digital-foundations" api=${referenceServer().url}></acme-badge>`);
    await oneEvent(el, 'col-loaded');
    await el.updateComplete;
    expect(part(el, 'name')?.textContent).to.equal('Digital Foundations');
  });
});
