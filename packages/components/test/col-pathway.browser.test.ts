// <col-pathway> in Chromium: the whole state matrix of docs/pathways.md as a
// learner sees it (words per requirement, rules per group, progress values a screen reader
// reads), then the real server's demo pathways — next steps linked to its opportunities and a
// milestone claimed once however often it is asked for.
import { describe, it, expect } from '@col/harness';
import { fixture, html, oneEvent } from '@open-wc/testing';
import { a11ySnapshot, emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '@citiesoflearning/components/col-pathway/define.js';
import { configure, resetConfiguration, type ColPathway } from '@citiesoflearning/components';
import type { EarnedRecord, Pathway, PathwayNode } from '@citiesoflearning/core';
import { axeViolations } from './support/axe.js';
import { until } from './support/page.js';
import { faultApi, planFaults } from './support/claim.js';
import { claimAward, referenceServer } from './support/server.js';

const AS_OF = '2026-06-01T00:00:00Z';
const DAY = 86_400_000;
const daysBefore = (days: number) => new Date(Date.parse(AS_OF) - days * DAY).toISOString();
const earned = (achievement: string, extra: Partial<EarnedRecord> = {}): EarnedRecord => ({ achievement, issuedOn: daysBefore(10), status: 'claimed', ...extra });
const badge = (id: string, extra: Partial<PathwayNode> = {}): PathwayNode => ({ type: 'badge', id, title: `Badge ${id.toUpperCase()}`, badge: { id: `urn:${id}` }, ...extra }) as PathwayNode;
const pathwayOf = (root: PathwayNode, extra: Partial<Pathway> = {}): Pathway => ({ id: 'urn:pathway:test', version: '1', name: 'Test pathway', root, ...extra });

async function show(pathway: unknown, credentials: unknown[] = [], asOf = AS_OF): Promise<ColPathway> {
  const el = await fixture<ColPathway>(html`<col-pathway as-of=${asOf}></col-pathway>`);
  el.credentials = credentials as never;
  el.pathway = pathway as never;
  await el.updateComplete;
  return el;
}

/** The words shown for the requirement titled `title`: its state, rule and notes. */
function row(el: ColPathway, title: string): { state: string; rule: string; notes: string[] } {
  const item = [...el.shadowRoot!.querySelectorAll('li[part~="node"]')].find((li) => li.querySelector(':scope > .row > .title')?.textContent === title);
  if (!item) throw new Error(`no requirement titled ${title}`);
  return {
    state: item.querySelector(':scope > .row > .state')!.textContent!,
    rule: [...item.querySelectorAll(':scope > .row > .rule')].map((r) => r.textContent).join(' | '),
    notes: [...item.querySelectorAll(':scope > .note')].map((n) => n.textContent!.replace(/\s+/g, ' ').trim()),
  };
}
const overall = (el: ColPathway) => el.shadowRoot!.querySelector('#overall')!.textContent!.replace(/\s+/g, ' ').trim();
const text = (el: ColPathway) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

describe('<col-pathway>: the state matrix', () => {
  it('Navigatr shape: steps of "any one badge", all steps to finish', async () => {
    const el = await show({ id: 'nav-1', name: 'Get into games', steps: [{ title: 'Play', badges: ['urn:play-1', 'urn:play-2'] }, { title: 'Make', badges: ['urn:make'] }], completionBadge: 'urn:games' }, [earned('urn:play-2')]);
    expect(row(el, 'Play')).to.deep.include({ state: 'Complete', rule: 'Any 1 of 2' });
    expect(row(el, 'Make')).to.deep.include({ state: 'Not started', rule: 'All 1' });
    expect(overall(el)).to.equal('Overall progress: 50% complete · All 2');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('all-of, and 2-of-4 with an optional child that does not count', async () => {
    const all = await show(pathwayOf({ type: 'group', id: 'root', children: [badge('a'), badge('b'), badge('c')] }), [earned('urn:a'), earned('urn:b')]);
    expect(overall(all)).to.equal('Overall progress: 67% complete · All 3');
    expect(row(all, 'Badge C').state).to.equal('Not started');
    const twoOfFour = await show(
      pathwayOf({ type: 'group', id: 'root', children: [{ type: 'group', id: 'electives', title: 'Electives', min: 2, children: [badge('a'), badge('b'), badge('c'), badge('d'), badge('e', { optional: true })] }] }),
      [earned('urn:e'), earned('urn:a')],
    );
    expect(row(twoOfFour, 'Electives')).to.deep.include({ state: 'In progress', rule: '2 of 4' });
    expect(row(twoOfFour, 'Badge E')).to.deep.include({ state: 'Complete', rule: 'Optional' });
    const bar = twoOfFour.shadowRoot!.querySelector<HTMLProgressElement>('progress[aria-label^="Electives"]')!;
    expect(bar.value, 'one of the two required: the optional badge does not count').to.equal(50);
  });

  it('nested groups are nested lists, each with its progress, and a screen reader hears them as such', async () => {
    const el = await show(
      pathwayOf({ type: 'group', id: 'root', children: [badge('a'), { type: 'group', id: 'inner', title: 'Inner', min: 1, children: [badge('b'), { type: 'group', id: 'deep', title: 'Deep', children: [badge('c'), badge('d')] }] }] }),
      [earned('urn:c')],
    );
    expect(row(el, 'Inner')).to.deep.include({ state: 'In progress', rule: 'Any 1 of 2' });
    expect(row(el, 'Deep')).to.deep.include({ state: 'In progress', rule: 'All 2' });
    const deepList = el.shadowRoot!.querySelector('ol[aria-label="Deep"]')!;
    expect(deepList.closest('ol[aria-label="Inner"]'), 'Deep is inside Inner').to.not.equal(null);
    const snapshot = await a11ySnapshot({});
    const flat: Array<{ role: string; name: string; valuetext?: string; value?: number }> = [];
    const walk = (node: any) => {
      flat.push(node);
      for (const child of node.children ?? []) walk(child);
    };
    walk(snapshot);
    // Chromium's pruned snapshot leaves out list nodes; the lists are native <ol>/<li>, named.
    expect([...el.shadowRoot!.querySelectorAll('ol')].map((ol) => ol.getAttribute('aria-label'))).to.deep.equal(['Steps', 'Inner', 'Deep']);
    expect(flat.find((n) => n.role === 'progressbar' && n.name.startsWith('Overall progress: 25% complete')), 'overall progress heard').to.not.equal(undefined);
    expect(flat.map((n) => n.name).join('|'), 'each requirement says its state in words').to.contain('Badge C|Complete');
    const deepBar = flat.find((n) => n.role === 'progressbar' && n.name === 'Deep: 50% complete');
    expect(deepBar, 'the group progress is a named progress bar').to.not.equal(undefined);
  });

  it('an empty group counts as complete, and says why', async () => {
    const el = await show(pathwayOf({ type: 'group', id: 'root', children: [badge('a'), { type: 'group', id: 'extras', title: 'Extras', children: [badge('x', { optional: true })] }] }));
    expect(row(el, 'Extras')).to.deep.include({ state: 'Complete', rule: '' });
    expect(row(el, 'Extras').notes).to.include('Nothing in this group is required.');
  });

  it('refuses an invalid pathway (min too large, a prerequisite cycle) with a message naming the node', async () => {
    const tooLarge = await fixture<ColPathway>(html`<col-pathway></col-pathway>`);
    const failed = oneEvent(tooLarge, 'col-error');
    tooLarge.pathway = pathwayOf({ type: 'group', id: 'root', children: [{ type: 'group', id: 'pick', min: 3, children: [badge('a'), badge('b')] }] });
    const { detail } = await failed;
    await tooLarge.updateComplete;
    const message = tooLarge.shadowRoot!.querySelector('[part~="error"]')!.textContent!;
    expect(message).to.contain("can't be shown because it is not set up correctly");
    expect(message).to.contain('pick');
    expect(detail.code).to.be.a('string').and.not.equal('unknown');
    expect(await axeViolations(tooLarge), 'axe, error').to.deep.equal([]);
    const cycle = await show(pathwayOf({ type: 'group', id: 'root', children: [badge('a', { prerequisites: ['b'] }), badge('b', { prerequisites: ['a'] })] }));
    expect(cycle.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain('not set up correctly');
  });

  it('expired: not counted under "valid now", still counted under "valid when completed"', async () => {
    const root: PathwayNode = { type: 'group', id: 'root', children: [badge('a')] };
    const expiredRecord = earned('urn:a', { issuedOn: daysBefore(400), validUntil: daysBefore(30) });
    const now = await show(pathwayOf(root), [expiredRecord]);
    expect(row(now, 'Badge A').state).to.equal('Expired: earn it again');
    const kept = await show(pathwayOf(root, { policy: { expiry: 'validWhenCompleted' } }), [expiredRecord]);
    expect(row(kept, 'Badge A').state).to.equal('Complete');
    expect(row(kept, 'Badge A').notes).to.include('Expired, but still counts because it was valid when it was earned.');
    expect(await axeViolations(now)).to.deep.equal([]);
  });

  it('revoked records do not count; pending ones only with acceptPending', async () => {
    const revoked = await show(pathwayOf({ type: 'group', id: 'root', children: [badge('a')] }), [earned('urn:a', { status: 'revoked' })]);
    expect(row(revoked, 'Badge A').state).to.equal('Not started');
    const pending = [earned('urn:a', { status: 'pending' }), earned('urn:b', { status: 'pending' })];
    const el = await show(pathwayOf({ type: 'group', id: 'root', children: [badge('a'), badge('b', { acceptPending: true } as Partial<PathwayNode>)] }), pending);
    expect(row(el, 'Badge A').state).to.equal('Earned: waiting for you to claim it');
    expect(row(el, 'Badge B').state).to.equal('Complete');
    expect(row(el, 'Badge B').notes).to.include('Counted although it has not been claimed yet.');
  });

  it('evidence required but missing; maxAgeDays counts exactly at the limit, not a day past', async () => {
    const root: PathwayNode = { type: 'group', id: 'root', children: [badge('e', { evidenceRequired: true } as Partial<PathwayNode>), badge('fresh', { maxAgeDays: 30 } as Partial<PathwayNode>), badge('stale', { maxAgeDays: 30 } as Partial<PathwayNode>)] };
    const el = await show(pathwayOf(root), [earned('urn:e'), earned('urn:fresh', { issuedOn: daysBefore(30) }), earned('urn:stale', { issuedOn: daysBefore(31) })]);
    expect(row(el, 'Badge E').state).to.equal('Not started');
    expect(row(el, 'Badge E').notes).to.include('Earned without the evidence this step needs, so it does not count yet.');
    expect(row(el, 'Badge FRESH').state).to.equal('Complete');
    expect(row(el, 'Badge STALE').state, 'too old to count: earn it again').to.equal('Expired: earn it again');
    const withEvidence = await show(pathwayOf(root), [earned('urn:e', { evidence: [{ id: 'https://portfolio.example/1' }] })]);
    expect(row(withEvidence, 'Badge E').state).to.equal('Complete');
  });

  it('evidence reviewed by a peer waits for the review, then counts', async () => {
    const root: PathwayNode = { type: 'group', id: 'root', children: [{ type: 'evidence', id: 'reflection', title: 'Reflection', prompt: 'What did you learn?', review: 'peer' }] };
    const submitted = { achievement: 'reflection', issuedOn: daysBefore(2), status: 'claimed' as const, evidence: [{ narrative: 'I learnt to code.' }] };
    expect(row(await show(pathwayOf(root), [submitted]), 'Reflection').state).to.equal('Waiting for review');
    expect(row(await show(pathwayOf(root), [{ ...submitted, reviewed: true }]), 'Reflection').state).to.equal('Complete');
  });

  it('a nested pathway counts once its own requirements are met (given the library)', async () => {
    const basics = pathwayOf({ type: 'group', id: 'basics-root', children: [badge('x')] }, { id: 'urn:pathway:basics', version: '2', name: 'Basics' });
    const outer = pathwayOf({ type: 'group', id: 'root', children: [{ type: 'pathway', id: 'basics', title: 'Basics first', pathway: { id: 'urn:pathway:basics', version: '2' } }, badge('y')] });
    const el = await show(outer, [earned('urn:x')]);
    el.library = new Map([['urn:pathway:basics@2', basics]]);
    await el.updateComplete;
    expect(row(el, 'Basics first').state).to.equal('Complete');
    expect(overall(el)).to.equal('Overall progress: 50% complete · All 2');
  });

  it('an equivalent badge counts', async () => {
    const el = await show(pathwayOf({ type: 'group', id: 'root', children: [{ type: 'badge', id: 'a', title: 'Coding', badge: { id: 'urn:coding', equivalents: ['urn:old-coding'] } }] }), [earned('urn:old-coding')]);
    expect(row(el, 'Coding').state).to.equal('Complete');
  });

  it('prerequisites: advisory ones lock for display and say what comes first; enforced ones discount early completions', async () => {
    const children = [badge('a'), badge('b', { prerequisites: ['a'] }), badge('c', { prerequisites: ['a'] })];
    const advisory = await show(pathwayOf({ type: 'group', id: 'root', children }), [earned('urn:b')]);
    expect(row(advisory, 'Badge B').state, 'earned anyway: counts').to.equal('Complete');
    expect(row(advisory, 'Badge C')).to.deep.include({ state: 'Locked', notes: ['First complete: Badge A'] });
    const enforced = await show(pathwayOf({ type: 'group', id: 'root', children }, { policy: { enforcePrerequisiteOrder: true } }), [
      earned('urn:b', { issuedOn: daysBefore(20) }),
      earned('urn:a', { issuedOn: daysBefore(10) }),
    ]);
    expect(row(enforced, 'Badge A').state).to.equal('Complete');
    expect(row(enforced, 'Badge B').state).to.equal('Not started');
    expect(row(enforced, 'Badge B').notes).to.include('Earned before the steps that must come first, so it does not count.');
    expect(await axeViolations(advisory), 'axe, locked').to.deep.equal([]);
  });

  it('a sequential group says "in order" and does not count steps done out of order', async () => {
    const el = await show(pathwayOf({ type: 'group', id: 'root', children: [{ type: 'group', id: 'seq', title: 'In turn', order: 'sequential', children: [badge('a'), badge('b')] }] }), [
      earned('urn:b', { issuedOn: daysBefore(20) }),
      earned('urn:a', { issuedOn: daysBefore(10) }),
    ]);
    expect(row(el, 'In turn').rule).to.equal('All 2, in order');
    expect(row(el, 'In turn').state).to.not.equal('Complete');
  });

  it('points thresholds are part of the rule', async () => {
    const root: PathwayNode = { type: 'group', id: 'root', children: [{ type: 'group', id: 'credits', title: 'Credits', min: 1, minPoints: 10, children: [badge('a', { points: 5 }), badge('b', { points: 5 }), badge('c', { points: 5 })] }] };
    const short = await show(pathwayOf(root), [earned('urn:a')]);
    expect(row(short, 'Credits')).to.deep.include({ rule: 'Any 1 of 3, at least 10 points' });
    expect(row(short, 'Credits').state).to.not.equal('Complete');
    const enough = await show(pathwayOf(root), [earned('urn:a'), earned('urn:c')]);
    expect(row(enough, 'Credits').state).to.equal('Complete');
  });

  it('as-of in the past and in the future', async () => {
    const pathway = pathwayOf({ type: 'group', id: 'root', children: [badge('a')] });
    const record = earned('urn:a', { issuedOn: '2026-05-01T00:00:00Z', validUntil: '2027-05-01T00:00:00Z' });
    expect(row(await show(pathway, [record], '2026-04-01T00:00:00Z'), 'Badge A').state, 'before it was issued').to.equal('Not started');
    expect(row(await show(pathway, [record], '2026-06-01T00:00:00Z'), 'Badge A').state).to.equal('Complete');
    expect(row(await show(pathway, [record], '2028-01-01T00:00:00Z'), 'Badge A').state, 'after it expired').to.equal('Expired: earn it again');
  });

  it('shows completion dates, the destination, and a finished pathway', async () => {
    const el = await show(
      pathwayOf({ type: 'group', id: 'root', children: [badge('a')] }, { destination: { title: 'An apprenticeship', url: 'javascript:alert(1)' }, description: 'Get ready.' }),
      [earned('urn:a', { issuedOn: '2026-05-01T00:00:00Z' })],
    );
    expect(row(el, 'Badge A').notes).to.include('Completed 1 May 2026');
    expect(text(el)).to.contain('Leads to: An apprenticeship');
    expect(el.shadowRoot!.querySelector('[part~="destination"] a'), 'a script URL is never a link').to.equal(null);
    expect(text(el)).to.contain('You have completed this pathway.');
  });

  it('renders a 100-requirement pathway, and fits a phone', async () => {
    const groups: PathwayNode[] = Array.from({ length: 10 }, (_, g) => ({
      type: 'group', id: `g${g}`, title: `Step ${g + 1}`, min: 3,
      children: Array.from({ length: 10 }, (_, b) => badge(`b${g}-${b}`)),
    }));
    const records = Array.from({ length: 40 }, (_, i) => earned(`urn:b${i % 10}-${Math.floor(i / 10)}`));
    await setViewport({ width: 360, height: 740 });
    try {
      const started = performance.now();
      const el = await show(pathwayOf({ type: 'group', id: 'root', children: groups }), records);
      const elapsed = performance.now() - started;
      expect(el.shadowRoot!.querySelectorAll('li[part~="node"]').length).to.equal(110);
      expect(elapsed, 'renders in well under a second').to.be.below(1000);
      expect(row(el, 'Step 1')).to.deep.include({ state: 'Complete', rule: '3 of 10' });
      expect(el.scrollWidth, 'no sideways scrolling at 360px').to.be.at.most(360);
      expect(await axeViolations(el), 'axe, 100 requirements').to.deep.equal([]);
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });

  it('shows hostile titles as text and never makes a script URL a link', async () => {
    const evil = '<img src=x onerror="globalThis.__pwned=1">';
    const el = await show(
      pathwayOf({ type: 'group', id: 'root', title: evil, children: [badge('a', { title: evil, description: '<script>globalThis.__pwned=1</script>' })] }, { name: evil }),
    );
    el.opportunities = [{ title: 'Evil course', achievement: 'urn:a', startsAt: '2026-07-01T10:00:00Z', bookingUrl: 'javascript:globalThis.__pwned=1' }];
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('img'), 'no element made from a title').to.equal(null);
    expect(row(el, evil).state).to.equal('Not started');
    expect(el.shadowRoot!.querySelector('[part~="next-steps"] a'), 'a javascript: booking URL is not a link').to.equal(null);
    expect(text(el)).to.contain('Evil course, starts 1 July 2026');
    expect((globalThis as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('refuses 5 MB of text in a pathway quickly, in words, naming what is wrong', async () => {
    const huge = 'A'.repeat(5 * 1024 * 1024);
    const started = performance.now();
    const el = await show(pathwayOf({ type: 'group', id: 'root', children: [badge('a', { title: huge, description: huge })] }, { name: huge, description: huge }), [earned('urn:a')]);
    await until(() => text(el).includes('not set up correctly'), 'the refusal');
    expect(performance.now() - started).to.be.below(3000);
    expect(text(el)).to.contain('The pathway: “name” is too long: the most allowed is 10,000.');
    expect(text(el).length, 'none of the megabytes is shown').to.be.below(1000);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('is navigable by keyboard: Tab reaches the destination and each next step\'s booking link', async () => {
    const el = await show(
      pathwayOf({ type: 'group', id: 'root', children: [badge('a'), badge('b')] }, { destination: { title: 'A job', url: 'https://jobs.example/digital' } }),
    );
    el.opportunities = [
      { title: 'A course', achievement: 'urn:a', startsAt: '2026-07-01T10:00:00Z', bookingUrl: 'https://college.example/a' },
      { title: 'B course', achievement: 'urn:b', startsAt: '2026-07-02T10:00:00Z', bookingUrl: 'https://college.example/b' },
    ];
    await el.updateComplete;
    const before = document.createElement('button');
    before.textContent = 'Before';
    el.before(before);
    before.focus();
    const visited: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Tab' });
      visited.push((el.shadowRoot!.activeElement as HTMLAnchorElement | null)?.href ?? '');
    }
    before.remove();
    expect(visited).to.deep.equal(['https://jobs.example/digital', 'https://college.example/a', 'https://college.example/b']);
  });

  it('evaluates once for properties set together, and a pathway set while detached shows on connect', async () => {
    const el = document.createElement('col-pathway') as ColPathway;
    el.setAttribute('as-of', AS_OF);
    let evaluations = 0;
    el.addEventListener('col-progress', () => evaluations++);
    el.pathway = pathwayOf({ type: 'group', id: 'root', children: [badge('a'), badge('b')] });
    el.credentials = [earned('urn:a')];
    document.body.append(el);
    await el.updateComplete;
    expect(evaluations, 'one evaluation for the three changes').to.equal(1);
    expect(overall(el)).to.equal('Overall progress: 50% complete · All 2');
    el.credentials = [earned('urn:a'), earned('urn:b')];
    await el.updateComplete;
    expect(overall(el)).to.equal('Overall progress: 100% complete · All 2');
    el.credentials = [];
    await el.updateComplete;
    expect(overall(el), 'clearing the credentials clears the progress').to.equal('Overall progress: 0% complete · All 2');
    el.remove();
  });

  it('passes axe in dark mode, every state shown', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await show(
        pathwayOf({ type: 'group', id: 'root', children: [badge('a'), badge('b', { prerequisites: ['c'] }), badge('c'), badge('d'), badge('e', { acceptPending: false } as Partial<PathwayNode>)] }),
        [earned('urn:a'), earned('urn:d', { validUntil: daysBefore(1) }), earned('urn:e', { status: 'pending' })],
      );
      expect(['Complete', 'Locked', 'Not started', 'Expired: earn it again', 'Earned: waiting for you to claim it'].every((s) => text(el).includes(s))).to.equal(true);
      expect(await axeViolations(el)).to.deep.equal([]);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('speaks Welsh', async () => {
    const el = await fixture<ColPathway>(html`<col-pathway locale="cy" as-of=${AS_OF}></col-pathway>`);
    el.pathway = { id: 'nav-2', name: 'Llwybr', steps: [{ title: 'Cam 1', badges: ['urn:a', 'urn:b', 'urn:c'] }] } as never;
    el.credentials = [earned('urn:a')];
    await el.updateComplete;
    expect(row(el, 'Cam 1')).to.deep.include({ state: 'Wedi gorffen', rule: 'Unrhyw 1 o 3' });
    expect(overall(el)).to.contain('Cynnydd cyffredinol: 100% wedi gorffen');
  });
});

describe('<col-pathway>: a refused pathway in the learner\'s language', () => {
  // Core refuses these with English sentences for developers; the element must word them itself.
  const tooLongName = () => pathwayOf({ type: 'group', id: 'root', children: [badge('a')] }, { name: 'x'.repeat(10_001) });
  const cycle = () => pathwayOf({ type: 'group', id: 'root', children: [badge('a', { prerequisites: ['b'] }), badge('b', { prerequisites: ['a'] })] });
  const errorText = (el: ColPathway) => el.shadowRoot!.querySelector('[part~="error"]')!.textContent!.replace(/\s+/g, ' ').trim();
  /** Words of core's English reasons that must never reach the page. */
  const CORE_ENGLISH = /longer than|characters|not valid|is not a|cycle|prerequisites|must be|not set up/i;

  async function refuse(template: ReturnType<typeof html>, pathway: unknown): Promise<{ el: ColPathway; detail: { code: string; message: string } }> {
    const el = await fixture<ColPathway>(template);
    const failed = oneEvent(el, 'col-error');
    el.pathway = pathway as never;
    const { detail } = await failed;
    await el.updateComplete;
    return { el, detail };
  }

  it('lang="cy": a name over the limit is refused in Welsh, with the limit, and axe passes', async () => {
    const { el, detail } = await refuse(html`<col-pathway lang="cy"></col-pathway>`, tooLongName());
    expect(errorText(el)).to.equal("Does dim modd dangos y llwybr hwn gan nad yw wedi'i osod yn gywir. Y llwybr: mae “name” yn rhy hir: yr uchafswm yw 10,000.");
    expect(errorText(el)).not.to.match(CORE_ENGLISH);
    expect(detail).to.deep.equal({ code: 'pathway-invalid', message: errorText(el) });
    expect(await axeViolations(el), 'axe, refused in Welsh').to.deep.equal([]);
  });

  it('configure({ locale: "cy" }): a prerequisite loop names the step in Welsh, and rewords when the page switches back', async () => {
    configure({ locale: 'cy' });
    try {
      const { el } = await refuse(html`<col-pathway></col-pathway>`, cycle());
      expect(errorText(el)).to.match(/^Does dim modd dangos y llwybr hwn/);
      expect(errorText(el)).to.match(/Cam “[ab]”: does dim modd bodloni ei ragofynion: maen nhw'n ffurfio dolen\.$/);
      expect(errorText(el)).not.to.match(CORE_ENGLISH);
      expect(await axeViolations(el), 'axe, loop in Welsh').to.deep.equal([]);
      resetConfiguration();
      await el.updateComplete;
      expect(errorText(el)).to.match(/^This pathway can't be shown because it is not set up correctly\. Step “[ab]”: its prerequisites can never be met: they form a loop\.$/);
    } finally {
      resetConfiguration();
    }
  });

  it('en-GB: an unknown node type and further problems are worded by the element, not core', async () => {
    const { el } = await refuse(
      html`<col-pathway lang="en-GB"></col-pathway>`,
      pathwayOf({ type: 'group', id: 'root', children: [{ type: 'quest', id: 'dragon' } as never, badge('a', { prerequisites: ['nowhere'] })] }),
    );
    expect(errorText(el)).to.equal("This pathway can't be shown because it is not set up correctly. Step “dragon”: it is a kind of step this tracker does not know. Other problems found: 1.");
    expect(errorText(el)).not.to.contain('type must be one of');
    expect(await axeViolations(el), 'axe, refused in English').to.deep.equal([]);
  });

  it('a step whose nested pathway is not available says so in Welsh, not with core\'s English warning', async () => {
    const el = await fixture<ColPathway>(html`<col-pathway lang="cy" as-of=${AS_OF}></col-pathway>`);
    el.pathway = pathwayOf({ type: 'group', id: 'root', children: [badge('a'), { type: 'pathway', id: 'nested', title: 'Llwybr arall', pathway: { id: 'urn:other', version: '1' } } as never] });
    await el.updateComplete;
    expect(row(el, 'Llwybr arall').notes).to.deep.equal(["Nid yw'r llwybr y mae'r cam hwn yn cyfeirio ato ar gael, felly does dim modd dangos ei gynnydd."]);
    expect(text(el)).not.to.contain('not available');
    expect(await axeViolations(el), 'axe, unavailable nested pathway in Welsh').to.deep.equal([]);
  });

  it('a refusal it has no words for gets the general Welsh sentence, never the English reason', async () => {
    const { el, detail } = await refuse(html`<col-pathway locale="cy"></col-pathway>`, tooLongName());
    expect(detail.code).to.equal('pathway-invalid');
    // A code the element does not know: a library callback refusing with its own ColError.
    const failed = oneEvent(el, 'col-error');
    el.library = () => {
      throw Object.assign(new Error('Secret English reason from the library.'), { code: 'pathway-embargoed' });
    };
    el.pathway = pathwayOf({ type: 'group', id: 'root', children: [{ type: 'pathway', id: 'nested', pathway: { id: 'urn:other', version: '1' } } as never] });
    const second = await failed;
    await el.updateComplete;
    expect(second.detail.code).to.equal('pathway-embargoed');
    expect(errorText(el)).to.equal("Does dim modd dangos y llwybr hwn gan nad yw wedi'i osod yn gywir.");
    expect(second.detail.message).not.to.contain('Secret');
    expect(await axeViolations(el), 'axe, general refusal').to.deep.equal([]);
  });
});

describe('<col-pathway> with the reference server', () => {
  const api = () => referenceServer().url;

  it('loads a pathway by key, links next steps to the opportunities that award the missing badges', async () => {
    const el = await fixture<ColPathway>(html`<col-pathway key="digital-ready-brightwater" api=${api()}></col-pathway>`);
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]'), 'loading state').to.not.equal(null);
    expect(await axeViolations(el), 'axe, loading').to.deep.equal([]);
    await until(() => text(el).includes('Digital Ready Brightwater'), 'the pathway to load');
    expect(row(el, 'Three essential skills')).to.deep.include({ state: 'Locked', rule: '3 of 5' });
    expect(row(el, 'Three essential skills').notes).to.include('First complete: Digital Foundations');
    await until(() => !!el.shadowRoot!.querySelector('[part~="next-steps"] a'), 'next steps with booking links');
    const first = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="next-steps"] li')!;
    expect(first.querySelector('.title')!.textContent, 'Digital Foundations comes first (precedes)').to.equal('Digital Foundations');
    const link = first.querySelector('a')!;
    expect(link.textContent).to.match(/^Digital Foundations \(4 weeks\) — Central Library, starts /);
    expect(link.href).to.equal('https://libraries.brightwater.example/book');
    expect(link.target).to.equal('_blank');
    expect(await axeViolations(el), 'axe, loaded').to.deep.equal([]);
  });

  it('picks up configure({ api }) called after it was created, and the api attribute wins over it', async () => {
    const el = await fixture<ColPathway>(html`<col-pathway key="creative-coder"></col-pathway>`);
    try {
      expect(text(el)).to.contain('No pathway to show');
      configure({ api: api() });
      await until(() => el.shadowRoot!.querySelector('[part~="name"]')?.textContent === 'Creative Coder', 'the pathway from the configured API');
      const own = await fixture<ColPathway>(html`<col-pathway key="creative-coder" api=${api()}></col-pathway>`);
      await until(() => !!own.progress, 'its own API');
      configure({ api: 'http://127.0.0.1:9/' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(own.shadowRoot!.querySelector('[part~="name"]')?.textContent, 'its own api attribute wins').to.equal('Creative Coder');
    } finally {
      resetConfiguration();
    }
  });

  it('shows the latest pathway when the key changes while an earlier one is still loading', async () => {
    const el = await fixture<ColPathway>(html`<col-pathway key="digital-ready-brightwater" api=${api()}></col-pathway>`);
    el.key = 'creative-coder';
    await until(() => el.progress !== undefined, 'a pathway to show');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(el.shadowRoot!.querySelector('[part~="name"]')!.textContent).to.equal('Creative Coder');
  });

  it('says when the pathway cannot be loaded, with a way to try again', async () => {
    const el = await fixture<ColPathway>(html`<col-pathway key="no-such-pathway" api=${api()}></col-pathway>`);
    await until(() => !!el.shadowRoot!.querySelector('[part~="error"]'), 'the error');
    expect(el.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.equal("This pathway couldn't be loaded. Check your connection and try again.");
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Try again');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('evaluates in the page: nothing the learner holds leaves it until a milestone is claimed', async () => {
    const email = `private.${Date.now()}@example.org`;
    const awards = [await claimAward('intro-to-coding', email), await claimAward('build-a-website', email)];
    await planFaults([]);
    // The API reached through the logging proxy on this page's origin: every request it gets is seen.
    const el = await fixture<ColPathway>(html`<col-pathway key="creative-coder" api=${faultApi()}></col-pathway>`);
    el.credentials = [awards[0]!.credential, awards[1]!.jwt];
    await until(() => text(el).includes('Creative Coder') && el.progress !== undefined, 'the pathway');
    await until(() => (el.progress?.progress ?? 0) > 0, 'progress from the credentials');
    expect(overall(el)).to.match(/^Overall progress: [1-9]\d*% complete/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = (await (await fetch('/__col-faults/log')).json()) as Array<{ method: string; path: string; query: string; cookie: boolean; authorization: boolean }>;
    expect(log.length, 'the pathway was asked for').to.be.greaterThan(0);
    expect(log.filter((r) => r.method !== 'GET'), 'only reads: no credential is sent').to.deep.equal([]);
    expect(log.filter((r) => r.cookie || r.authorization), 'no cookie or key').to.deep.equal([]);
    const secrets = [email, encodeURIComponent(email), ...awards.map((a) => new URL(a.id).pathname.split('/').pop()!)];
    const sent = JSON.stringify(log);
    for (const secret of secrets) expect(sent, `"${secret}" never leaves the page`).to.not.contain(secret);
    expect(localStorage.length + sessionStorage.length, 'nothing stored').to.equal(0);
  });

  it('a milestone the server will not issue is explained in Welsh, without the server\'s English reasons', async () => {
    const email = `cymraeg.${Date.now()}@example.org`;
    const awards = [];
    for (const key of ['intro-to-coding', 'build-a-website', 'youth-volunteer']) awards.push(await claimAward(key, email));
    const el = await fixture<ColPathway>(html`<col-pathway lang="cy" key="creative-coder" api=${api()}></col-pathway>`);
    el.credentials = awards.map((a) => a.credential);
    await until(() => !!el.shadowRoot!.querySelector('form[part~="milestone"]'), 'the milestone offer');
    const field = el.shadowRoot!.querySelector<HTMLInputElement>('#milestone-email')!;
    // Not the address the badges were issued to: the server refuses every one of them.
    field.value = `someone.else.${Date.now()}@example.org`;
    field.dispatchEvent(new Event('input'));
    el.shadowRoot!.querySelector<HTMLButtonElement>('form[part~="milestone"] button[type="submit"]')!.click();
    await until(() => (el.shadowRoot!.querySelector('#milestone-message')?.textContent ?? '') !== '', 'the refusal');
    expect(el.shadowRoot!.querySelector('#milestone-message')!.textContent).to.equal(
      "Nid oedd eich bathodynnau'n ddigon am garreg filltir ar y gweinydd. Bathodynnau na chawsant eu derbyn: 3. Gwiriwch iddyn nhw gael eu cyhoeddi i'r cyfeiriad e-bost hwn.",
    );
    expect(await axeViolations(el), 'axe, milestone refused in Welsh').to.deep.equal([]);
  });

  it('offers the milestone badge once it is earned, and the server issues it once', async () => {
    const email = `coder.${Date.now()}@example.org`;
    const awards = [];
    for (const key of ['intro-to-coding', 'build-a-website', 'youth-volunteer']) awards.push(await claimAward(key, email));
    const el = await fixture<ColPathway>(html`<col-pathway key="creative-coder" api=${api()}></col-pathway>`);
    el.credentials = awards.map((a, i) => (i % 2 ? a.jwt : a.credential));
    await until(() => !!el.shadowRoot!.querySelector('form[part~="milestone"]'), 'the milestone offer');
    expect(text(el)).to.contain('Milestone reached: Creative Coder');
    expect(await axeViolations(el), 'axe, milestone offer').to.deep.equal([]);
    const field = el.shadowRoot!.querySelector<HTMLInputElement>('#milestone-email')!;
    field.value = email;
    field.dispatchEvent(new Event('input'));
    const claimed = oneEvent(el, 'col-claimed');
    el.shadowRoot!.querySelector<HTMLButtonElement>('form[part~="milestone"] button[type="submit"]')!.click();
    const { detail } = await claimed;
    expect(JSON.stringify(detail.credential)).to.contain('creative-coder');
    await el.updateComplete;
    expect(text(el)).to.contain('Your milestone badge is ready.');
    await until(() => (el.shadowRoot!.querySelector('[part~="milestone"] col-badge')?.shadowRoot?.textContent ?? '').includes('Creative Coder'), 'the milestone badge shown');
    expect(await axeViolations(el), 'axe, milestone claimed').to.deep.equal([]);
    // Asking again (a second tab, a reload) gets the same badge, never a second one.
    const again = await fixture<ColPathway>(html`<col-pathway key="creative-coder" api=${api()}></col-pathway>`);
    again.credentials = awards.map((a) => a.credential);
    await until(() => !!again.shadowRoot!.querySelector('form[part~="milestone"]'), 'the offer again');
    const input = again.shadowRoot!.querySelector<HTMLInputElement>('#milestone-email')!;
    input.value = email;
    input.dispatchEvent(new Event('input'));
    const second = oneEvent(again, 'col-claimed');
    again.shadowRoot!.querySelector<HTMLButtonElement>('form[part~="milestone"] button[type="submit"]')!.click();
    expect((await second).detail.credential.id, 'the same credential').to.equal(detail.credential.id);
    // Holding the milestone, the pathway no longer offers it.
    again.credentials = [...awards.map((a) => a.credential), detail.credential];
    await again.updateComplete;
    expect(again.shadowRoot!.querySelector('form[part~="milestone"]')).to.equal(null);
  });
});
