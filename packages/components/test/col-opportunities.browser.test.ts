// <col-opportunities> in Chromium against the reference server's demo place (eleven upcoming
// opportunities from four providers): filters, paging, each card's facts, and the loading, empty
// and error states.
import { describe, it, expect } from '@col/harness';
import { fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '@citiesoflearning/components/col-opportunities/define.js';
import { configure, resetConfiguration, type ColOpportunities } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { until } from './support/page.js';
import { referenceServer } from './support/server.js';

const api = () => referenceServer().url;
const summary = (el: ColOpportunities) => el.shadowRoot!.querySelector('.summary')!.textContent!.trim();
const titles = (el: ColOpportunities) => [...el.shadowRoot!.querySelectorAll('[part~="item"] .title')].map((t) => t.textContent);
const settled = (el: ColOpportunities) => until(() => el._state === 'ready' || el._state === 'error', 'the search to finish');
const button = (el: ColOpportunities, name: string) => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;

async function search(attributes: Record<string, string>): Promise<ColOpportunities> {
  const el = await fixture<ColOpportunities>(html`<col-opportunities api=${api()}></col-opportunities>`);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await el.updateComplete;
  await settled(el);
  return el;
}

describe('<col-opportunities>', () => {
  it('lists upcoming opportunities a page at a time: provider, dates, place, the badge it awards, booking', async () => {
    const el = await fixture<ColOpportunities>(html`<col-opportunities api=${api()} page-size="4"></col-opportunities>`);
    const results = new Promise<CustomEvent>((resolve) => el.addEventListener('col-results', (e) => resolve(e), { once: true }));
    expect(summary(el)).to.equal('Loading opportunities…');
    expect(await axeViolations(el), 'axe, loading').to.deep.equal([]);
    await settled(el);
    expect(summary(el)).to.equal('Showing 1–4 of 11');
    const { detail } = await results;
    expect([detail.total, detail.page, detail.opportunities.length]).to.deep.equal([11, 1, 4]);
    expect(titles(el)[0]).to.equal('Video calls and email drop-in');
    const card = el.shadowRoot!.querySelector('[part~="item"]')!;
    const words = card.textContent!.replace(/\s+/g, ' ');
    expect(words).to.contain('By Brightwater Libraries');
    expect(words).to.contain('Online and in person · Area E05099004');
    expect(words, 'a one-day session: its date, then its times').to.match(/When: \d{1,2} [A-Z][a-z]+ 20\d\d, \d\d:\d\d–\d\d:\d\d/);
    const book = card.querySelector<HTMLAnchorElement>('[part~="book"]')!;
    expect(book.href).to.equal('https://libraries.brightwater.example/book');
    expect(book.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Book a place: Video calls and email drop-in (opens in a new tab)');
    const badge = card.querySelector('col-badge')!;
    expect(badge.getAttribute('layout')).to.equal('compact');
    await until(() => (badge.shadowRoot?.textContent ?? '').includes('Online Communicator'), 'the compact badge it awards');
    expect(await axeViolations(el), 'axe, a page of results').to.deep.equal([]);

    button(el, 'Next page').click();
    await until(() => summary(el) === 'Showing 5–8 of 11', 'page 2');
    button(el, 'Next page').click();
    await until(() => summary(el) === 'Showing 9–11 of 11', 'page 3');
    expect(button(el, 'Next page').getAttribute('aria-disabled')).to.equal('true');
    const third = titles(el);
    button(el, 'Next page').click();
    await el.updateComplete;
    expect(titles(el), 'nothing past the last page').to.deep.equal(third);
    button(el, 'Previous page').click();
    await until(() => summary(el) === 'Showing 5–8 of 11', 'back to page 2');
  });

  it('filters by skill, area, how it is run, text and dates', async () => {
    expect(titles(await search({ skill: 'coding' }))).to.deep.equal(['Code Club (6 sessions)', 'Build and publish your first website']);
    expect(titles(await search({ area: 'E05099002' }))).to.deep.equal(['Code Club (6 sessions)', 'Fix-it café: solve it with tech']);
    expect(titles(await search({ mode: 'online' }))).to.deep.equal(['Trust the source: finding good information', 'Build and publish your first website']);
    expect(titles(await search({ q: 'volunteering' }))).to.deep.equal(['Harbour clean-up volunteering']);
    const inAWeek = new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10);
    expect(titles(await search({ to: inAWeek }))).to.deep.equal(['Video calls and email drop-in', 'Code Club (6 sessions)', 'Safe Online workshop (ages 11–16)']);
    const later = new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10);
    expect(titles(await search({ from: later })), 'only what still runs then').to.deep.equal(['Peer mentor training']);
  });

  it('filters from its own form, as a learner would', async () => {
    const el = await search({});
    const skill = el.shadowRoot!.querySelector<HTMLInputElement>('#skill')!;
    expect(skill.labels![0]!.textContent).to.equal('Skill');
    skill.value = 'Safety';
    el.shadowRoot!.querySelector<HTMLSelectElement>('#mode')!.value = 'in-person';
    button(el, 'Search').click();
    await until(() => summary(el) === 'Showing 1–1 of 1', 'the filtered result');
    expect(titles(el)).to.deep.equal(['Safe Online workshop (ages 11–16)']);
    expect(el.getAttribute('skill'), 'filters reflect to attributes (shareable, nothing personal)').to.equal('Safety');
  });

  it('searches from the keyboard: type in a field, Enter', async () => {
    const el = await search({});
    el.shadowRoot!.querySelector<HTMLInputElement>('#q')!.focus();
    await sendKeys({ type: 'website' });
    await sendKeys({ press: 'Enter' });
    await until(() => summary(el) === 'Showing 1–1 of 1', 'the result');
    expect(titles(el)).to.deep.equal(['Build and publish your first website']);
    // Tab onwards (date fields have a stop per part) reaches the result's booking link.
    let reached = false;
    for (let i = 0; i < 25 && !reached; i++) {
      await sendKeys({ press: 'Tab' });
      reached = el.shadowRoot!.activeElement?.getAttribute('part') === 'book';
    }
    expect(reached, 'the booking link is reachable by Tab').to.equal(true);
  });

  it('picks up configure({ api }) called after it was created', async () => {
    const el = await fixture<ColOpportunities>(html`<col-opportunities page-size="3"></col-opportunities>`);
    try {
      expect(el.results).to.deep.equal([]);
      configure({ api: api() });
      await until(() => summary(el) === 'Showing 1–3 of 11', 'the configured API searched');
      expect(titles(el)).to.have.length(3);
    } finally {
      resetConfiguration();
    }
  });

  it('says so when nothing matches', async () => {
    const el = await search({ skill: 'underwater basket weaving' });
    expect(summary(el)).to.equal('No opportunities match. Try fewer filters or other dates.');
    expect(el.shadowRoot!.querySelector('[part~="list"]')).to.equal(null);
    expect(await axeViolations(el), 'axe, empty').to.deep.equal([]);
  });

  it('explains a failed search and a refused filter, with a way to try again', async () => {
    const down = await fixture<ColOpportunities>(html`<col-opportunities api="http://127.0.0.1:9/"></col-opportunities>`);
    const failed = new Promise<CustomEvent>((resolve) => down.addEventListener('col-error', (e) => resolve(e as CustomEvent), { once: true }));
    expect((await failed).detail.code).to.equal('network');
    await down.updateComplete;
    expect(down.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.equal("Opportunities couldn't be loaded. Check your connection and try again.");
    expect(button(down, 'Try again')).to.not.equal(undefined);
    expect(await axeViolations(down), 'axe, error').to.deep.equal([]);
    const refused = await search({ from: 'next tuesday' });
    expect(refused.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.equal('The search was not accepted. Check the filters and try again.');
    expect(await axeViolations(refused), 'axe, refused').to.deep.equal([]);
  });

  it('words a refused filter in Welsh, never with the server\'s English reason', async () => {
    const refused = await search({ locale: 'cy', to: 'soon' });
    const message = refused.shadowRoot!.querySelector('[part~="error"]')!.textContent!;
    expect(message).to.equal('Ni dderbyniwyd y chwiliad. Gwiriwch yr hidlyddion a rhowch gynnig arall arni.');
    expect(await axeViolations(refused), 'axe, refused in Welsh').to.deep.equal([]);
  });

  it('a hostile API\'s opportunities stay text: script-laden titles and names, no script booking link, 5 MB descriptions', async () => {
    // The reference server refuses a script booking link outright…
    const refused = await executeServerCommand<{ status: number; body: string }, { path: string; body: unknown }>('col-admin', {
      path: '/api/v1/opportunities',
      body: { provider: 'eastgate-makerspace', title: 'Evil course', mode: 'online', bookingUrl: 'javascript:globalThis.__pwned=1' },
    });
    expect(refused?.status).to.equal(400);
    // …so another API (the page's `api` can name any) is played by the real answer, tampered with.
    const evil = '<img src=x onerror="globalThis.__pwned=1">';
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (!new URL(url).pathname.endsWith('/api/v1/opportunities')) return response;
      const page = (await response.json()) as { opportunities: Array<Record<string, unknown>> };
      const [first] = page.opportunities;
      Object.assign(first!, { title: `${evil} Evil course`, description: 'x'.repeat(5 * 1024 * 1024), bookingUrl: 'javascript:globalThis.__pwned=1', provider: { ...(first!.provider as object), name: evil } });
      return new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    try {
      const el = await search({ 'page-size': '2' });
      expect(titles(el)[0]).to.equal(`${evil} Evil course`);
      const card = el.shadowRoot!.querySelector('[part~="item"]')!;
      expect(card.textContent).to.contain(`By ${evil}`);
      expect(card.querySelector('img'), 'no element made from the text').to.equal(null);
      expect(card.querySelector('[part~="book"]'), 'a javascript: booking URL is not a link').to.equal(null);
      expect(card.textContent!.length, 'the description is not poured into the page').to.be.below(5000);
      expect(el.shadowRoot!.querySelectorAll('[part~="book"]').length, 'the other opportunity keeps its link').to.equal(1);
      expect(await axeViolations(el)).to.deep.equal([]);
      expect((globalThis as { __pwned?: number }).__pwned).to.equal(undefined);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('passes axe in dark mode', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await search({ skill: 'coding' });
      await until(() => [...el.shadowRoot!.querySelectorAll('col-badge')].every((b) => (b.shadowRoot?.textContent ?? '').trim().length > 0), 'the badges');
      expect(await axeViolations(el)).to.deep.equal([]);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('speaks Welsh', async () => {
    const el = await search({ locale: 'cy', skill: 'coding' });
    expect(summary(el)).to.equal('Yn dangos 1–2 o 2');
    const months = 'Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr'.split(' ');
    const when = el.shadowRoot!.querySelector('[part~="item"]')!.textContent!.replace(/\s+/g, ' ');
    expect(months.some((m) => when.includes(` ${m} 20`)), `Welsh month names in "${when}"`).to.equal(true);
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('#skill')!.labels![0]!.textContent).to.equal('Sgil');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});
