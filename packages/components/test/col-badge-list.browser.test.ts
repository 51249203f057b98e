// <col-badge-list> in Chromium against the reference server's demo catalogue (loopback) and
// real awards: API queries, sources, the skill filter, paging, arrow keys, empty/error, Welsh.
import { describe, it, expect, afterEach } from '@col/harness';
import { fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '@citiesoflearning/components/col-badge-list/define.js';
import { configure, resetConfiguration, type ColBadgeList } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { part, shadowText, until, withSlowRequests } from './support/page.js';
import { claimAward, referenceServer } from './support/server.js';

afterEach(() => {
  fixtureCleanup();
  resetConfiguration();
});

interface Achievement { name: string; alignment?: Array<{ targetName: string }> }
async function catalogue(query = ''): Promise<Achievement[]> {
  return ((await (await fetch(`${referenceServer().url}/api/v1/achievements${query}`)).json()) as { achievements: Achievement[] }).achievements;
}
const items = (el: ColBadgeList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
const names = (el: ColBadgeList) => items(el).map((i) => i.getAttribute('aria-label'));

describe('<col-badge-list>', () => {
  it('lists the API catalogue from the page configuration, with a skill filter, and passes axe', async () => {
    const all = await catalogue();
    configure({ api: referenceServer().url });
    const el = await fixture<ColBadgeList>(html`<col-badge-list layout="compact" page-size="50"></col-badge-list>`);
    expect((await oneEvent(el, 'col-list-loaded')).detail.count).to.equal(all.length);
    await el.updateComplete;
    expect(names(el)).to.deep.equal(all.map((a) => a.name));
    expect(part(el, 'summary')!.textContent).to.equal(`Showing 1–${all.length} of ${all.length} badges`);
    const skill = all.flatMap((a) => a.alignment ?? [])[0]!.targetName;
    const filter = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="filter"]')].find((b) => b.textContent === skill)!;
    filter.click();
    await el.updateComplete;
    expect(filter.getAttribute('aria-pressed')).to.equal('true');
    expect(names(el)).to.deep.equal(all.filter((a) => a.alignment?.some((x) => x.targetName === skill)).map((a) => a.name));
    await until(() => items(el).every((i) => i.querySelector('col-badge')?.badge), 'every card rendered');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('picks up configure({ api }) called after it was created', async () => {
    const el = await fixture<ColBadgeList>(html`<col-badge-list></col-badge-list>`);
    expect(shadowText(el)).to.equal('No badges yet.');
    const loaded = oneEvent(el, 'col-list-loaded');
    configure({ api: referenceServer().url });
    expect((await loaded).detail.count).to.be.greaterThan(0);
  });

  it('asks the API for a skill and matches a place', async () => {
    const all = await catalogue();
    const skill = all.flatMap((a) => a.alignment ?? [])[0]!.targetName;
    const expected = await catalogue(`?skill=${encodeURIComponent(skill)}`);
    const el = await fixture<ColBadgeList>(html`<col-badge-list api=${referenceServer().url} skill=${skill} page-size="50"></col-badge-list>`);
    await oneEvent(el, 'col-list-loaded');
    await el.updateComplete;
    expect(names(el)).to.deep.equal(expected.map((a) => a.name));
    el.skill = undefined;
    el.place = 'Brightwater';
    await oneEvent(el, 'col-list-loaded');
    await el.updateComplete;
    expect(items(el).length).to.equal(Math.min(all.length, 50));
    el.place = 'Atlantis';
    await oneEvent(el, 'col-list-loaded');
    await el.updateComplete;
    expect(shadowText(el)).to.equal('No badges yet.');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('shows a list of sources (a credential, a link), says how many could not be shown, and verifies each', async () => {
    const [one, two] = [await claimAward('digital-foundations'), await claimAward('online-communicator')];
    const el = await fixture<ColBadgeList>(html`<col-badge-list verify allow-private-network .sources=${[one.credential, two.id, 'not a badge']}></col-badge-list>`);
    expect((await oneEvent(el, 'col-list-loaded')).detail).to.deep.equal({ count: 2, skipped: 1 });
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Digital Foundations', 'Online Communicator']);
    expect(shadowText(el)).to.contain('1 could not be shown.');
    const badges = items(el).map((i) => i.querySelector('col-badge')!);
    await until(() => badges.every((b) => b.report?.outcome === 'verified'), 'both verified');
  });

  it('pages through the badges and moves between cards with the arrow keys, Home and End', async () => {
    const all = await catalogue();
    const el = await fixture<ColBadgeList>(html`<col-badge-list api=${referenceServer().url} page-size="3" layout="compact"></col-badge-list>`);
    await oneEvent(el, 'col-list-loaded');
    await el.updateComplete;
    expect(items(el).length).to.equal(3);
    const pages = Math.ceil(all.length / 3);
    expect(part(el, 'pager')!.textContent).to.contain(`Page 1 of ${pages}`);
    items(el)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(el.shadowRoot!.activeElement).to.equal(items(el)[1]);
    await sendKeys({ press: 'End' });
    expect(el.shadowRoot!.activeElement).to.equal(items(el)[2]);
    await sendKeys({ press: 'Home' });
    expect(el.shadowRoot!.activeElement).to.equal(items(el)[0]);
    expect(items(el).map((i) => i.tabIndex), 'one tab stop for the grid').to.deep.equal([0, -1, -1]);
    const next = [...part(el, 'pager')!.querySelectorAll('button')].find((b) => b.textContent === 'Next')!;
    next.click();
    await el.updateComplete;
    expect(names(el)).to.deep.equal(all.slice(3, 6).map((a) => a.name));
    expect(part(el, 'summary')!.textContent).to.equal(`Showing 4–${Math.min(6, all.length)} of ${all.length} badges`);
  });

  it('loading: says so, busy, and passes axe', async () => {
    await withSlowRequests(referenceServer().url, 1500, async () => {
      const el = await fixture<ColBadgeList>(html`<col-badge-list api=${referenceServer().url}></col-badge-list>`);
      await until(() => shadowText(el) === 'Loading badges…', 'loading');
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
      expect(await axeViolations(el)).to.deep.equal([]);
      await oneEvent(el, 'col-list-loaded');
    });
  });

  it('empty: "No badges yet." for an issuer with none', async () => {
    const el = await fixture<ColBadgeList>(html`<col-badge-list api=${referenceServer().url} issuer="no-such-issuer"></col-badge-list>`);
    await oneEvent(el, 'col-list-loaded');
    await el.updateComplete;
    expect(shadowText(el)).to.equal('No badges yet.');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('error: an unreachable API says so and emits col-error', async () => {
    const el = await fixture<ColBadgeList>(html`<col-badge-list api="http://127.0.0.1:9"></col-badge-list>`);
    expect((await oneEvent(el, 'col-error')).detail.code).to.equal('fetch-failed');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal("The badges couldn't be loaded. Try again later.");
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('passes axe in dark mode on a page that stays white: the list, a filter pressed, the pager, empty and error', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await fixture<ColBadgeList>(html`<col-badge-list api=${referenceServer().url} page-size="2" verify allow-private-network></col-badge-list>`);
      await oneEvent(el, 'col-list-loaded');
      await el.updateComplete;
      const badges = () => items(el).map((i) => i.querySelector('col-badge')!);
      await until(() => badges().every((b) => !!part(b, 'name')), 'the badges');
      expect(part(el, 'pager'), 'more than one page').to.not.equal(null);
      expect(await axeViolations(el), 'dark, the list').to.deep.equal([]);
      el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="filter"]')[1]!.click();
      await el.updateComplete;
      await until(() => badges().every((b) => !!part(b, 'name')), 'the filtered badges');
      // The pressed and released buttons fade between colours (150 ms): judge the colours they settle on.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await axeViolations(el), 'dark, filtered').to.deep.equal([]);
      const empty = await fixture<ColBadgeList>(html`<col-badge-list api=${referenceServer().url} issuer="no-such-issuer"></col-badge-list>`);
      await oneEvent(empty, 'col-list-loaded');
      await empty.updateComplete;
      expect(await axeViolations(empty), 'dark, empty').to.deep.equal([]);
      const down = await fixture<ColBadgeList>(html`<col-badge-list api="http://127.0.0.1:9"></col-badge-list>`);
      await oneEvent(down, 'col-error');
      await down.updateComplete;
      expect(await axeViolations(down), 'dark, error').to.deep.equal([]);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('speaks Welsh, down to each badge', async () => {
    const el = await fixture<ColBadgeList>(html`<col-badge-list locale="cy" api=${referenceServer().url} page-size="2"></col-badge-list>`);
    await oneEvent(el, 'col-list-loaded');
    await el.updateComplete;
    expect(part(el, 'summary')!.textContent).to.match(/^Yn dangos 1–2 o \d+ bathodyn$/);
    expect(part(el, 'pager')!.textContent).to.contain('Nesaf');
    const badge = items(el)[0]!.querySelector('col-badge')!;
    await until(() => part(badge, 'issuer')?.textContent?.startsWith('Cyhoeddwyd gan') === true, 'a Welsh badge');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
