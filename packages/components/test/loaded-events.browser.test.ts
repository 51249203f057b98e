// `col-loaded` is one event name sent by <col-badge>, <col-impact> and <col-skills> with three
// different details. Checked twice: by the compiler (`tsc -p tsconfig.test.json` fails if a
// listener on an element gets the wrong detail type, or if the global map claims one shape for
// all), and at run time in Chromium, where each listener really gets the detail its type says.
import { describe, it, expect, afterEach } from '@col/harness';
import { fixture, fixtureCleanup, html } from '@open-wc/testing';
import '@citiesoflearning/components/define.js';
import type { BadgeLoadedDetail, ColBadge, ColImpact, ColLoadedDetail, ColSkills, ImpactLoadedDetail, SkillsLoadedDetail } from '@citiesoflearning/components';
import { byProvider } from './support/insight.js';
import { referenceServer } from './support/server.js';

afterEach(() => fixtureCleanup());

/** Compiles only when A and B are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(proof: Same<A, B>): boolean => proof;

/** The first `col-loaded` an element sends, through its own typed `addEventListener`. */
function firstLoaded<E extends ColBadge | ColImpact | ColSkills>(el: E, listen: (el: E, resolve: (detail: unknown) => void) => void): Promise<unknown> {
  return new Promise((resolve) => listen(el, resolve));
}

describe('col-loaded is typed per element', () => {
  it('a listener on <col-impact> gets { insight }, on <col-skills> { summary }, on <col-badge> { badge }; on document, the union', async () => {
    const { credentials } = (await (await fetch(new URL('/api/v1/demo/learner', referenceServer().url))).json()) as { credentials: Array<{ credential: Record<string, unknown>; jwt: string }> };
    const onDocument: ColLoadedDetail[] = [];
    const record = (event: DocumentEventMap['col-loaded']) => {
      expect(same<typeof event.detail, ColLoadedDetail>(true)).to.equal(true);
      onDocument.push(event.detail);
    };
    document.addEventListener('col-loaded', record);
    try {
      const impact = await fixture<ColImpact>(html`<col-impact></col-impact>`);
      const impactLoaded = firstLoaded(impact, (el, resolve) =>
        el.addEventListener('col-loaded', (event) => {
          expect(same<typeof event.detail, ImpactLoadedDetail>(true)).to.equal(true);
          // @ts-expect-error <col-impact> sends no badge
          void event.detail.badge;
          resolve(event.detail.insight.rows.map((r) => r.label));
        }),
      );
      impact.data = byProvider();
      expect(await impactLoaded).to.deep.equal(byProvider().rows.map((r) => r.label));

      const skills = await fixture<ColSkills>(html`<col-skills allow-private-network></col-skills>`);
      const skillsLoaded = firstLoaded(skills, (el, resolve) =>
        el.addEventListener('col-loaded', (event) => {
          expect(same<typeof event.detail, SkillsLoadedDetail>(true)).to.equal(true);
          // @ts-expect-error <col-skills> sends no insight
          void event.detail.insight;
          resolve(event.detail.summary.verified.length);
        }),
      );
      skills.credentials = [credentials[0]!.credential];
      expect(await skillsLoaded).to.equal(1);

      const badge = await fixture<ColBadge>(html`<col-badge no-actions></col-badge>`);
      const badgeLoaded = firstLoaded(badge, (el, resolve) =>
        el.addEventListener('col-loaded', (event) => {
          expect(same<typeof event.detail, BadgeLoadedDetail>(true)).to.equal(true);
          // @ts-expect-error <col-badge> sends no summary
          void event.detail.summary;
          resolve(event.detail.badge.name);
        }),
      );
      badge.credential = credentials[0]!.credential;
      expect(await badgeLoaded).to.equal('Digital Foundations');

      // On document every shape arrives, told apart by its one key.
      expect(onDocument.map((detail) => ('insight' in detail ? 'insight' : 'summary' in detail ? 'summary' : 'badge'))).to.deep.equal(['insight', 'summary', 'badge']);
    } finally {
      document.removeEventListener('col-loaded', record);
    }
  });
});
