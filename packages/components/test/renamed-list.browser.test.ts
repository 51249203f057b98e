// <col-badge-list> registered under another name from its class alone (no define entry): its
// badges are <col-badge>s, which it registers itself. Its own file, so that no other element
// on the page has registered <col-badge> first (see renamed-elements.browser.test.ts).
import { describe, it, expect } from '@col/harness';
import { fixture, html, oneEvent } from '@open-wc/testing';
import { ColBadgeList } from '@citiesoflearning/components';
import { DCC_OB3, fixtureJson } from './support/fixtures.js';
import { part, until } from './support/page.js';

customElements.define('acme-badge-list', class extends ColBadgeList {});

describe('<col-badge-list> under another name', () => {
  it('shows its badges, registering <col-badge> itself', async () => {
    expect(customElements.get('col-badge'), 'nothing on this page has registered <col-badge> yet').to.equal(undefined);
    const el = await fixture<ColBadgeList>(html`<acme-badge-list></acme-badge-list>`);
    const loaded = oneEvent(el, 'col-list-loaded');
    el.sources = [await fixtureJson(DCC_OB3)];
    expect((await loaded).detail.count).to.equal(1);
    await el.updateComplete;
    const badge = el.shadowRoot!.querySelector('col-badge')!;
    await until(() => part(badge, 'name')?.textContent === 'DCC Test Credential', 'the badge in the list');
  });
});
