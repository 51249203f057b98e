// Theming and layout rules every element follows: --col-* tokens and ::part(), dark mode,
// right-to-left, reduced motion — checked on computed styles in Chromium.
import { describe, it, expect, afterEach } from '@col/harness';
import { fixture, fixtureCleanup, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '@citiesoflearning/components/define.js';
import type { ColBadge, ColBadgeVerify } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { hostileCredential } from './support/fixtures.js';
import { part, until } from './support/page.js';

afterEach(async () => {
  fixtureCleanup();
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
});

async function badge(template = html`<col-badge no-actions .credential=${hostileCredential()}></col-badge>`): Promise<ColBadge> {
  const el = await fixture<ColBadge>(template);
  await until(() => !!part(el, 'name'), 'the badge');
  return el;
}

describe('theming', () => {
  it('--col-* custom properties restyle the elements', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div style="--col-color-accent: rgb(200, 0, 100); --col-color-surface: rgb(1, 2, 3); --col-radius: 0px">
      <col-badge-verify></col-badge-verify><col-badge no-actions .credential=${hostileCredential()}></col-badge></div>`);
    const verifier = wrap.querySelector('col-badge-verify') as ColBadgeVerify;
    const card = wrap.querySelector('col-badge') as ColBadge;
    await until(() => !!part(card, 'card')?.getAttribute('aria-labelledby'), 'the badge');
    expect(getComputedStyle(part(verifier, 'button')!).backgroundColor).to.equal('rgb(200, 0, 100)');
    expect(getComputedStyle(part(card, 'card')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(card, 'card')!).borderTopLeftRadius).to.equal('0px');
  });

  it('::part() reaches inside for the page’s own styles', async () => {
    const style = Object.assign(document.createElement('style'), { textContent: 'col-badge.themed::part(name) { text-transform: uppercase; }' });
    document.head.append(style);
    try {
      const el = await badge(html`<col-badge class="themed" no-actions .credential=${hostileCredential()}></col-badge>`);
      expect(getComputedStyle(part(el, 'name')!).textTransform).to.equal('uppercase');
    } finally {
      style.remove();
    }
  });

  it('follows prefers-color-scheme: dark, and still passes axe', async () => {
    const light = getComputedStyle(part(await badge(), 'card')!).backgroundColor;
    await emulateMedia({ colorScheme: 'dark' });
    const el = await badge();
    const dark = getComputedStyle(part(el, 'card')!).backgroundColor;
    expect(dark).to.not.equal(light);
    expect(dark).to.equal('rgb(29, 33, 39)');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('turns motion off with prefers-reduced-motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await fixture<ColBadgeVerify>(html`<col-badge-verify></col-badge-verify>`);
    expect(getComputedStyle(part(el, 'button')!).transitionDuration).to.equal('0s');
  });

  it('mirrors for right-to-left pages (logical properties)', async () => {
    const el = await fixture<ColBadgeVerify>(html`<col-badge-verify dir="rtl"></col-badge-verify>`);
    const check = await el.check('not a badge');
    expect(check?.outcome).to.equal('failed');
    await el.updateComplete;
    const row = part(el, 'check')!;
    expect(getComputedStyle(row).borderRightWidth).to.equal('4px');
    expect(getComputedStyle(row).borderLeftWidth).to.equal('0px');
  });

  it('shows a visible focus ring on keyboard focus', async () => {
    const el = await fixture<ColBadgeVerify>(html`<col-badge-verify></col-badge-verify>`);
    const button = part(el, 'button')!;
    // Reach the button with the keyboard, as a keyboard user does: Tab from the field before it.
    // (Programmatic focus alone depends on how earlier suites left the page's input modality.)
    (part(el, 'email') as HTMLInputElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(button);
    expect(getComputedStyle(button).outlineStyle).to.equal('solid');
    expect(getComputedStyle(button).outlineWidth).to.equal('3px');
  });
});
