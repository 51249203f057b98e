// <col-impact> in Chromium: crafted insight answers of the demo place's size (shaped as issue
// #15's contract says) rendered as hand-drawn SVG charts with a table alternative, withheld
// figures shown as "fewer than 10"; the live `api` path against the reference server's demo place
// (which publishes its insight) over real HTTP, through the test runner's logging proxy where a
// test must see what was sent or a server error; keyboard, axe in every state, Welsh, print.
import { describe, it, expect, afterEach } from '@col/harness';
import { fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '@citiesoflearning/components/col-impact/define.js';
import type { ColImpact, ImpactLoadedDetail, InsightResponse } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { byMonth, byPriority, byProvider } from './support/insight.js';
import { part, shadowText, until } from './support/page.js';
import { referenceServer } from './support/server.js';

afterEach(() => fixtureCleanup());

// The reference server through the test runner's proxy (see claim-faults.mjs), which logs what
// reached it and can answer a planned status instead.
const PROXY = `${location.origin}/__col-faults/api/`;
const planInsight = async (steps: string[]) => {
  const response = await fetch('/__col-faults/plan', { method: 'POST', body: JSON.stringify({ steps }) });
  if (response.status !== 204) throw new Error(`planning failed: ${response.status}`);
};
const insightLog = async (): Promise<Array<{ path: string; query: string; cookie: boolean; authorization: boolean; status?: number }>> =>
  ((await (await fetch('/__col-faults/log')).json()) as Array<{ path: string; query: string; cookie: boolean; authorization: boolean }>).filter((r) => r.path.startsWith('/api/v1/insight'));
/** What the demo place publishes for `query`, asked directly (as the element should show it). */
async function published(query: string, accept = 'application/json'): Promise<Response> {
  return fetch(new URL(`/api/v1/insight?${query}`, referenceServer().url), { headers: { accept } });
}

async function impactWith(data: InsightResponse, template = html`<col-impact></col-impact>`): Promise<ColImpact> {
  const el = await fixture<ColImpact>(template);
  const loaded = oneEvent(el, 'col-loaded');
  el.data = data;
  await loaded;
  await el.updateComplete;
  return el;
}

const svgOf = (el: ColImpact) => el.shadowRoot!.querySelector('svg')!;
/** What a chart label shows on screen: its text without the tooltip of a cut one. */
const shownLabel = (label: Element) => label.textContent!.replace(label.querySelector('title')?.textContent ?? '', '');
const tableRows = (el: ColImpact) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));

describe('<col-impact> draws the figures', () => {
  it('bars by provider: one bar per provider, the withheld one outlined and labelled "fewer than 10", never drawn as zero; axe passes', async () => {
    const el = await impactWith(byProvider(), html`<col-impact by="provider"></col-impact>`);
    const chart = svgOf(el);
    expect(chart.getAttribute('role')).to.equal('img');
    expect(chart.getAttribute('aria-labelledby')).to.equal('impact-title impact-summary');
    expect(part(el, 'figure')!.querySelector('#impact-title')!.textContent).to.equal('Badges issued by provider');
    expect(chart.querySelectorAll('rect.bar:not(.suppressed)')).to.have.length(3);
    expect(chart.querySelectorAll('rect.bar.suppressed')).to.have.length(1);
    const values = [...chart.querySelectorAll('text.value')].map((t) => t.textContent);
    expect(values).to.deep.equal(['412', '188', '97', 'fewer than 10']);
    // Drawn distinctly: a dashed outline, not a filled bar.
    const outline = getComputedStyle(chart.querySelector('rect.suppressed')!);
    expect(outline.fill).to.equal('none');
    expect(outline.strokeDasharray).to.not.equal('none');
    expect(part(el, 'summary')!.textContent).to.equal('Highest is Brightwater Libraries, with 412; 1 of 4 figures are fewer than 10.');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('the table alternative, by keyboard, holds the same numbers; withheld cells read "fewer than 10"; axe passes', async () => {
    const el = await impactWith(byProvider(), html`<col-impact by="provider"></col-impact>`);
    const toggle = part(el, 'toggle')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(el.shadowRoot!.querySelector('#impact-table-wrap')!.hasAttribute('hidden')).to.equal(true);
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(el.shadowRoot!.querySelector('#impact-chart-wrap')!.hasAttribute('hidden')).to.equal(true);
    const table = part(el, 'table')!;
    expect(table.querySelector('caption')!.textContent).to.equal('Badges issued by provider');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).to.deep.equal([
      'Provider', 'Badges issued', 'Badges claimed', 'Badges withdrawn', 'Pathways started', 'Pathways completed', 'Opportunities offered',
    ]);
    expect(tableRows(el)).to.deep.equal([
      ['Brightwater Libraries', '412', '377', 'fewer than 10', '96', '41', '24'],
      ['Harbour Youth Trust', '188', '160', 'fewer than 10', '30', '12', '11'],
      ['Eastgate Makerspace', '97', '90', '0', 'fewer than 10', 'fewer than 10', '15'],
      ['Brightwater College', 'fewer than 10', 'fewer than 10', '0', '0', '0', '0'],
    ]);
    expect([...table.querySelectorAll('tfoot td')].map((td) => td.textContent)).to.deep.equal(['702', '631', '13', '131', '57', '50']);
    // The chart's numbers and the table's agree.
    const drawn = [...svgOf(el).querySelectorAll('text.value')].map((t) => t.textContent);
    expect(drawn).to.deep.equal(tableRows(el).map((r) => r[1]));
    expect(await axeViolations(el)).to.deep.equal([]);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed'), 'Space toggles back').to.equal('false');
  });

  it('a line over months, broken at the withheld month, with months in words', async () => {
    const el = await impactWith(byMonth(), html`<col-impact by="month"></col-impact>`);
    const chart = svgOf(el);
    expect(chart.classList.contains('line')).to.equal(true);
    expect(chart.querySelectorAll('polyline.line'), 'April breaks the line in two').to.have.length(2);
    expect(chart.querySelectorAll('circle.point')).to.have.length(11);
    expect(chart.querySelectorAll('rect.band.suppressed')).to.have.length(1);
    expect([...chart.querySelectorAll('text.tick')].map((t) => t.textContent)).to.include.members(['Jan 2026', 'Dec 2026']);
    expect(part(el, 'summary')!.textContent).to.equal('From Jan 2026 to Dec 2026, the figure went from 38 to 69; the highest month was Jul 2026, with 88.');
    part(el, 'toggle')!.click();
    await el.updateComplete;
    expect(tableRows(el)[3]!.slice(0, 2)).to.deep.equal(['Apr 2026', 'fewer than 10']);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('progress toward each priority target, the withheld one outlined; targets and dates in the table', async () => {
    const el = await impactWith(byPriority(), html`<col-impact view="progress"></col-impact>`);
    const chart = svgOf(el);
    expect(part(el, 'figure')!.querySelector('#impact-title')!.textContent).to.equal("Progress towards each priority's target");
    expect(chart.querySelectorAll('rect.track')).to.have.length(4);
    expect([...chart.querySelectorAll('text.value')].map((t) => t.textContent)).to.deep.equal(['520 / 500', '210 / 400', 'fewer than 10 / 50', '23 / 100']);
    expect(part(el, 'summary')!.textContent).to.equal('1 of 4 priorities have reached their target; furthest along is Digital Foundations for all, at 104%.');
    part(el, 'toggle')!.click();
    await el.updateComplete;
    expect(tableRows(el)[2]!.slice(-2)).to.deep.equal(['50 by 31 July 2027', 'fewer than 10']);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it("uses the answer's threshold: a place that withholds under 20 says \"fewer than 20\"", async () => {
    const el = await impactWith(byProvider(20), html`<col-impact by="provider"></col-impact>`);
    expect([...svgOf(el).querySelectorAll('text.value')].pop()!.textContent).to.equal('fewer than 20');
  });

  it('in Welsh: words, months and "llai na 10"', async () => {
    const el = await impactWith(byMonth(), html`<col-impact by="month" locale="cy"></col-impact>`);
    expect(part(el, 'figure')!.querySelector('#impact-title')!.textContent).to.equal('Bathodynnau a gyhoeddwyd fesul mis');
    expect([...svgOf(el).querySelectorAll('text.tick')].map((t) => t.textContent)).to.include('Ion 2026');
    expect(part(el, 'toggle')!.textContent!.trim()).to.equal('Dangos fel tabl');
    part(el, 'toggle')!.click();
    await el.updateComplete;
    expect(tableRows(el)[3]!.slice(0, 2)).to.deep.equal(['Ebr 2026', 'llai na 10']);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('prints the table, not the controls', async () => {
    const el = await impactWith(byProvider(), html`<col-impact by="provider"></col-impact>`);
    await emulateMedia({ media: 'print' });
    try {
      expect(getComputedStyle(el.shadowRoot!.querySelector('#impact-table-wrap')!).display).to.not.equal('none');
      expect(getComputedStyle(part(el, 'filters')!).display).to.equal('none');
      expect(getComputedStyle(part(el, 'toggle')!).display).to.equal('none');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    expect(getComputedStyle(el.shadowRoot!.querySelector('#impact-table-wrap')!).display).to.equal('none');
  });

  it('an answer that is not insight: a plain message and col-error, no crash', async () => {
    const el = await fixture<ColImpact>(html`<col-impact></col-impact>`);
    for (const bad of [{ by: 'priority' }, { by: 'everything', rows: [] }, { by: 'month', rows: [{ key: 'x', cells: { issued: { value: -1 } } }] }, 'rows', { by: 'month', rows: Array.from({ length: 501 }, () => ({})) }]) {
      const failed = oneEvent(el, 'col-error');
      el.data = bad;
      expect((await failed).detail.code).to.equal('insight-invalid');
      await el.updateComplete;
      expect(part(el, 'error')!.textContent).to.equal('These figures could not be read.');
    }
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('hostile labels stay text', async () => {
    const data = byProvider();
    data.rows[0]!.label = '<img src=x onerror=alert(1)>';
    const el = await impactWith(data, html`<col-impact by="provider"></col-impact>`);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(svgOf(el).querySelector('text.label')!.textContent).to.equal('<img src=x onerror=alert(1)>');
  });

  it('a long name is cut in the chart with its whole name as a tooltip (and whole in the table)', async () => {
    const data = byProvider();
    const long = 'Brightwater Community Learning and Skills Partnership';
    data.rows[0]!.label = long;
    const el = await impactWith(data, html`<col-impact by="provider"></col-impact>`);
    const label = svgOf(el).querySelector('text.label')!;
    expect(label.querySelector('title')!.textContent).to.equal(long);
    expect(shownLabel(label)).to.equal(`${long.slice(0, 29)}…`);
    // A short name has no tooltip to repeat it.
    expect(svgOf(el).querySelectorAll('text.label')[1]!.querySelector('title')).to.equal(null);
    part(el, 'toggle')!.click();
    await el.updateComplete;
    expect(part(el, 'table')!.textContent).to.contain(long);
  });
});

describe('<col-impact> from the reference server (the demo place publishes its figures)', () => {
  it('empty without api or data; loading; then the figures, asked for anonymously with the query', async () => {
    await planInsight([]);
    const el = await fixture<ColImpact>(html`<col-impact by="month" from="2026-01" to="2026-12"></col-impact>`);
    expect(shadowText(el)).to.contain('No figures for this choice.');
    expect(await axeViolations(el)).to.deep.equal([]);
    const loaded = oneEvent(el, 'col-loaded');
    el.api = PROXY;
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Loading the figures…');
    expect(await axeViolations(el)).to.deep.equal([]);
    await loaded;
    const log = await insightLog();
    expect(log.map((r) => [r.path, r.query, r.status])).to.deep.equal([['/api/v1/insight', 'by=month&from=2026-01&to=2026-12', 200]]);
    expect(log[0]!.cookie || log[0]!.authorization, 'no cookie or key leaves the page').to.equal(false);
  });

  it("the demo place's priorities: each priority's progress toward its target, as the server counts it; axe passes in chart and table", async () => {
    const answer = (await (await published('by=priority')).json()) as InsightResponse;
    expect(answer.scope).to.equal('public');
    const el = await fixture<ColImpact>(html`<col-impact api=${referenceServer().url} by="priority" view="progress"></col-impact>`);
    const { detail } = (await oneEvent(el, 'col-loaded')) as CustomEvent<ImpactLoadedDetail>;
    expect(detail.insight.rows.map((r) => r.key)).to.deep.equal(answer.rows.map((r) => r.key));
    await el.updateComplete;
    const chart = svgOf(el);
    const withTargets = answer.rows.filter((r) => r.target);
    expect(withTargets.length, 'the demo place sets targets').to.be.greaterThan(0);
    expect(chart.querySelectorAll('rect.track')).to.have.length(withTargets.length);
    const shown = (cell: { value: number | null }) => (cell.value === null ? 'fewer than 10' : cell.value.toLocaleString('en-GB'));
    expect([...chart.querySelectorAll('text.value')].map((t) => t.textContent)).to.deep.equal(
      withTargets.map((r) => `${shown(r.target!.progress)} / ${r.target!.value.toLocaleString('en-GB')}`),
    );
    // The chart clips long names (the table, below, has them whole).
    const clipped = (label: string) => (label.length > 30 ? `${label.slice(0, 29)}…` : label);
    expect([...chart.querySelectorAll('text.label')].map(shownLabel)).to.deep.equal(withTargets.map((r) => clipped(r.label)));
    expect(part(el, 'summary')!.textContent).to.match(/^\d+ of \d+ priorities have reached their target; furthest along is .+, at \d+%\.$/);
    expect(await axeViolations(el)).to.deep.equal([]);
    part(el, 'toggle')!.click();
    await el.updateComplete;
    expect(tableRows(el).map((r) => r[0])).to.deep.equal(answer.rows.map((r) => r.label));
    expect(tableRows(el).map((r) => r.at(-1))).to.deep.equal(answer.rows.map((r) => (r.target ? shown(r.target.progress) : '')));
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it("the demo place's months: withheld months read \"fewer than 10\" in the table, never 0", async () => {
    const answer = (await (await published('by=month')).json()) as InsightResponse;
    const el = await fixture<ColImpact>(html`<col-impact api=${referenceServer().url} by="month" measure="pathwayCompletions" view="table"></col-impact>`);
    await oneEvent(el, 'col-loaded');
    await el.updateComplete;
    const completions = answer.measures.indexOf('pathwayCompletions') + 1;
    const expected = answer.rows.map((r) => (r.cells.pathwayCompletions?.value === null ? 'fewer than 10' : String(r.cells.pathwayCompletions?.value)));
    expect(tableRows(el).map((r) => r[completions])).to.deep.equal(expected);
    expect(expected, 'the demo year has withheld months').to.include('fewer than 10');
    expect(el.shadowRoot!.querySelectorAll('td.suppressed').length).to.be.greaterThan(0);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('a CSV download of the same table: a link to the API with the filters only, the same rows and figures; in Welsh too', async () => {
    const el = await fixture<ColImpact>(html`<col-impact api=${referenceServer().url} by="provider" from="2026-01" to="2026-12"></col-impact>`);
    await oneEvent(el, 'col-loaded');
    await el.updateComplete;
    const link = part(el, 'download') as HTMLAnchorElement;
    expect(link.textContent).to.equal('Download this table (CSV)');
    const href = new URL(link.href);
    expect(href.origin + href.pathname).to.equal(new URL('/api/v1/insight', referenceServer().url).href);
    expect([...href.searchParams.keys()], 'filters only: nothing about a person').to.deep.equal(['by', 'from', 'to', 'format']);
    expect(href.searchParams.get('format')).to.equal('csv');
    const response = await fetch(link.href);
    expect(response.headers.get('content-type')).to.match(/^text\/csv/);
    const lines = (await response.text()).trim().split(/\r?\n/);
    const shown = el.insight!;
    // One CSV line per row the element shows, plus the header and the totals, same labels.
    expect(lines).to.have.length(shown.rows.length + 2);
    expect(lines.slice(1, -1).map((l) => l.split(',')[1])).to.deep.equal(shown.rows.map((r) => r.label));
    const issued = lines[0]!.split(',').indexOf('issued');
    expect(lines.slice(1, -1).map((l) => l.split(',')[issued])).to.deep.equal(shown.rows.map((r) => (r.cells.issued!.value === null ? '' : String(r.cells.issued!.value))));
    expect(await axeViolations(el)).to.deep.equal([]);

    el.locale = 'cy';
    await el.updateComplete;
    expect(part(el, 'download')!.textContent).to.equal("Lawrlwytho'r tabl hwn (CSV)");
    // Changing the filters changes the link with them.
    const again = oneEvent(el, 'col-loaded');
    el.area = 'E05099001';
    await again;
    await el.updateComplete;
    expect(new URL((part(el, 'download') as HTMLAnchorElement).href).searchParams.get('area')).to.equal('E05099001');
  });

  it('no CSV link for data the page set itself (it may be a provider\'s own figures, which the public link would not give)', async () => {
    const el = await impactWith(byProvider(), html`<col-impact api=${referenceServer().url} by="provider"></col-impact>`);
    expect(part(el, 'download')).to.equal(null);
  });

  it('filters by keyboard update the query and fetch again', async () => {
    const el = await fixture<ColImpact>(html`<col-impact api=${PROXY} by="provider"></col-impact>`);
    await until(() => !!part(el, 'figure'), 'the figures');
    await planInsight([]);
    el.shadowRoot!.querySelector<HTMLInputElement>('#area')!.focus();
    await sendKeys({ type: 'e05099001' });
    const query = oneEvent(el, 'col-query');
    const loaded = oneEvent(el, 'col-loaded');
    await sendKeys({ press: 'Enter' });
    expect((await query).detail).to.deep.equal({ by: 'provider', area: 'E05099001' });
    const { detail } = (await loaded) as CustomEvent<ImpactLoadedDetail>;
    expect((await insightLog()).map((r) => r.query)).to.deep.equal(['by=provider&area=E05099001']);
    expect(el.getAttribute('area')).to.equal('E05099001');
    // Harbour's own provider only: the server really filtered.
    expect(detail.insight.rows.filter((r) => r.cells.issued?.value !== 0).map((r) => r.label)).to.deep.equal(['Harbour Youth Trust']);
  });

  it('a place that does not publish (its real 401): a plain message; axe passes', async () => {
    const el = await fixture<ColImpact>(html`<col-impact api=${(referenceServer() as { unpublishedUrl?: string }).unpublishedUrl}></col-impact>`);
    const failed = oneEvent(el, 'col-error');
    expect((await failed).detail.code).to.equal('unpublished');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('This place does not publish its figures.');
    expect(part(el, 'download'), 'no download of figures it could not show').to.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('a server error: a plain message and Try again, which fetches again', async () => {
    await planInsight(['status:500']);
    const el = await fixture<ColImpact>(html`<col-impact api=${PROXY}></col-impact>`);
    await oneEvent(el, 'col-error');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('The figures could not be loaded. Try again later.');
    expect(await axeViolations(el)).to.deep.equal([]);
    const loaded = oneEvent(el, 'col-loaded');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.retry')!.click();
    await loaded;
    await el.updateComplete;
    expect(part(el, 'figure')).to.not.equal(null);
    expect((await insightLog()).map((r) => r.status ?? 'planned 500')).to.deep.equal(['planned 500', 200]);
  });
});
