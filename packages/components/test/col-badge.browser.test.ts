// <col-badge> in Chromium with real credentials: DCC's signed fixtures and awards issued by the
// reference server the test runner started on loopback.
import { describe, it, expect } from '@col/harness';
import { fixture, html, oneEvent } from '@open-wc/testing';
import '@citiesoflearning/components/col-badge/define.js';
import type { ColBadge } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { DCC_OB3, fixtureJson } from './support/fixtures.js';
import { part, shadowText } from './support/page.js';

describe('<col-badge>', () => {
  it('shows a DCC OB 3.0 credential: name, issuer, image with alt text, and passes axe', async () => {
    const credential = await fixtureJson(DCC_OB3);
    const el = await fixture<ColBadge>(html`<col-badge no-actions></col-badge>`);
    const loaded = oneEvent(el, 'col-loaded');
    el.credential = credential;
    await loaded;
    await el.updateComplete;
    expect(part(el, 'name')?.textContent).to.equal('DCC Test Credential');
    expect(shadowText(el)).to.contain('Issued by Digital Credentials Consortium Test Issuer');
    expect(shadowText(el)).to.contain('Issued 9 January 2025');
    expect((part(el, 'image') as HTMLImageElement).alt, 'alt: no caption, so the achievement name').to.equal('Badge');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
