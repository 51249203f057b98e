// <col-impact> in Chromium: crafted insight answers of the demo place's size (shaped as issue
// #15's contract says) rendered as hand-drawn SVG charts with a table alternative, withheld
// figures shown as "fewer than 10"; the live `api` path over real HTTP to the test runner's
// contract routes at /__col-contract/ (to switch to the reference server's own route once the
// `insight` branch is merged); keyboard, axe in every state, Welsh, print.
import { describe, it, expect, afterEach } from '@col/harness';
import { fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '@citiesoflearning/components/col-impact/define.js';
import type { ColImpact, InsightResponse } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { byMonth, byPriority, byProvider } from './support/insight.js';
import { part, shadowText, until } from './support/page.js';

afterEach(() => fixtureCleanup());

const CONTRACT = `${location.origin}/__col-contract`;
const plan = (status: number, body: unknown) => fetch(`${CONTRACT}/plan`, { method: 'POST', body: JSON.stringify({ insight: { status, body } }) });
const contractLog = async (): Promise<Array<{ path: string; query: string; cookie: boolean; authorization: boolean }>> => (await fetch(`${CONTRACT}/log`)).json();

async function impactWith(data: InsightResponse, template = html`<col-impact></col-impact>`): Promise<ColImpact> {
  const el = await fixture<ColImpact>(template);
  const loaded = oneEvent(el, 'col-loaded');
  el.data = data;
  await loaded;
  await el.updateComplete;
  return el;
}

const svgOf = (el: ColImpact) => el.shadowRoot!.querySelector('svg')!;
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
});

describe('<col-impact> from the API (contract-shaped routes on loopback)', () => {
  it('empty without api or data; loading; then the figures, asked for anonymously with the query', async () => {
    await plan(200, byMonth());
    const el = await fixture<ColImpact>(html`<col-impact by="month" from="2026-01" to="2026-12"></col-impact>`);
    expect(shadowText(el)).to.contain('No figures for this choice.');
    expect(await axeViolations(el)).to.deep.equal([]);
    const loaded = oneEvent(el, 'col-loaded');
    el.api = CONTRACT;
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Loading the figures…');
    expect(await axeViolations(el)).to.deep.equal([]);
    await loaded;
    const log = await contractLog();
    expect(log.map((r) => [r.path, r.query])).to.deep.equal([['/v1/insight', 'by=month&from=2026-01&to=2026-12']]);
    expect(log[0]!.cookie || log[0]!.authorization, 'no cookie or key leaves the page').to.equal(false);
  });

  it('filters by keyboard update the query and fetch again', async () => {
    await plan(200, byProvider());
    const el = await fixture<ColImpact>(html`<col-impact api=${CONTRACT} by="provider"></col-impact>`);
    await until(() => !!part(el, 'figure'), 'the figures');
    await plan(200, byProvider());
    el.shadowRoot!.querySelector<HTMLInputElement>('#area')!.focus();
    await sendKeys({ type: 'e05099001' });
    const query = oneEvent(el, 'col-query');
    const loaded = oneEvent(el, 'col-loaded');
    await sendKeys({ press: 'Enter' });
    expect((await query).detail).to.deep.equal({ by: 'provider', area: 'E05099001' });
    await loaded;
    expect((await contractLog()).map((r) => r.query)).to.deep.equal(['by=provider&area=E05099001']);
    expect(el.getAttribute('area')).to.equal('E05099001');
  });

  it('a place that does not publish (401): a plain message; axe passes', async () => {
    await plan(401, { code: 'unauthorized', message: 'An API key is needed.' });
    const el = await fixture<ColImpact>(html`<col-impact api=${CONTRACT}></col-impact>`);
    const failed = oneEvent(el, 'col-error');
    expect((await failed).detail.code).to.equal('unpublished');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('This place does not publish its figures.');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('a server error: a plain message and Try again, which fetches again', async () => {
    await plan(500, { code: 'internal-error', message: 'Oops.' });
    const el = await fixture<ColImpact>(html`<col-impact api=${CONTRACT}></col-impact>`);
    await oneEvent(el, 'col-error');
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('The figures could not be loaded. Try again later.');
    expect(await axeViolations(el)).to.deep.equal([]);
    await plan(200, byPriority());
    const loaded = oneEvent(el, 'col-loaded');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.retry')!.click();
    await loaded;
    await el.updateComplete;
    expect(part(el, 'figure')).to.not.equal(null);
  });
});
