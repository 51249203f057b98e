// <col-badge> in Chromium with real credentials: DCC's signed fixtures and awards issued by the
// reference server the test runner started on loopback (verification opts in to loopback with
// allow-private-network, as local development does).
import { describe, it, expect, afterEach } from '@col/harness';
import { fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '@citiesoflearning/components/col-badge/define.js';
import { ColBadge, configure, resetConfiguration } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { DCC_EXPIRED, DCC_OB3, fixtureJson, hostileCredential } from './support/fixtures.js';
import { part, shadowText, until, withSlowRequests } from './support/page.js';
import { claimAward, referenceServer } from './support/server.js';

const verified = (el: ColBadge) => oneEvent(el, 'col-verified');

afterEach(() => {
  fixtureCleanup();
  resetConfiguration();
});

describe('<col-badge> shows a badge', () => {
  it('shows a DCC OB 3.0 credential: name, issuer, date, image with alt text, description, and passes axe', async () => {
    const el = await fixture<ColBadge>(html`<col-badge no-actions></col-badge>`);
    const loaded = oneEvent(el, 'col-loaded');
    el.credential = await fixtureJson(DCC_OB3);
    expect((await loaded).detail.badge.name).to.equal('DCC Test Credential');
    await el.updateComplete;
    expect(part(el, 'name')?.textContent).to.equal('DCC Test Credential');
    expect(part(el, 'name')?.getAttribute('role')).to.equal('heading');
    expect(shadowText(el)).to.contain('Issued by Digital Credentials Consortium Test Issuer');
    expect(shadowText(el)).to.contain('Issued 9 January 2025');
    expect(part(el, 'description')?.textContent).to.contain('sample credential');
    expect((part(el, 'image') as HTMLImageElement).alt, 'no caption: the achievement name').to.equal('Badge');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('loads an award from the reference server by src, with skills as chips, and verifies it', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge verify allow-private-network src=${award.id}></col-badge>`);
    const report = (await verified(el)).detail;
    expect(report.outcome, JSON.stringify(report.checks)).to.equal('verified');
    await el.updateComplete;
    expect(part(el, 'name')?.textContent).to.equal('Digital Foundations');
    expect([...el.shadowRoot!.querySelectorAll('[part~="skill"]')].length).to.be.greaterThan(0);
    expect(part(el, 'status')?.textContent).to.contain('Verified');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('opens and closes the check-by-check result from the keyboard, and passes axe open', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge verify allow-private-network .credential=${award.credential}></col-badge>`);
    await verified(el);
    await el.updateComplete;
    const pill = part(el, 'status') as HTMLButtonElement;
    expect(pill.tagName).to.equal('BUTTON');
    expect(pill.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.querySelector<HTMLElement>('#checks')!.hidden).to.equal(true);
    pill.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(pill.getAttribute('aria-expanded')).to.equal('true');
    const checks = part(el, 'checks')!;
    expect(checks.textContent).to.contain('Signature (passed)');
    expect(checks.textContent).to.contain("The issuer's digital signature is intact");
    expect(shadowText(el)).to.match(/Checked at \d/);
    expect(await axeViolations(el)).to.deep.equal([]);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLElement>('#checks')!.hidden).to.equal(true);
  });

  it('says "Not verified" for a tampered credential and explains the failed signature', async () => {
    const award = await claimAward();
    const tampered = structuredClone(award.credential) as { credentialSubject: { achievement: { name: string } } };
    tampered.credentialSubject.achievement.name = 'Rocket Science';
    const el = await fixture<ColBadge>(html`<col-badge verify allow-private-network .credential=${tampered}></col-badge>`);
    const report = (await verified(el)).detail;
    expect(report.outcome).to.equal('failed');
    await el.updateComplete;
    expect(part(el, 'status')?.textContent).to.contain('Not verified');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('shows a compact JWS (VC-JWT) given as the credential, and verifies it', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge verify allow-private-network no-actions .credential=${award.jwt}></col-badge>`);
    const report = (await verified(el)).detail;
    expect(report).to.deep.include({ format: 'ob3-jwt', outcome: 'verified' });
    await el.updateComplete;
    expect(part(el, 'name')?.textContent).to.equal('Digital Foundations');
  });

  it('shows an OB 2.0 hosted assertion by src, fetching its linked badge class and issuer', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge no-actions src=${award.links.ob2}></col-badge>`);
    const { badge } = (await oneEvent(el, 'col-loaded')).detail;
    expect(badge.version).to.equal(2);
    await el.updateComplete;
    expect(part(el, 'name')?.textContent).to.equal('Digital Foundations');
    expect(part(el, 'issuer')?.textContent).to.match(/^Issued by \S/);
    expect((part(el, 'image') as HTMLImageElement).src).to.match(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  for (const layout of ['compact', 'inline'] as const) {
    it(`${layout} layout shows the name and passes axe`, async () => {
      const award = await claimAward();
      const el = await fixture<ColBadge>(html`<col-badge layout=${layout} verify allow-private-network .credential=${award.credential}></col-badge>`);
      await verified(el);
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Digital Foundations');
      expect(shadowText(el)).to.contain('Verified');
      expect(part(el, 'actions'), 'no actions outside the card').to.equal(null);
      expect(await axeViolations(el)).to.deep.equal([]);
    });
  }

  it('shows an achievement by key from the API (page configuration supplies the API), without actions or verification', async () => {
    configure({ api: referenceServer().url });
    const el = await fixture<ColBadge>(html`<col-badge key="digital-foundations" verify></col-badge>`);
    await oneEvent(el, 'col-loaded');
    await el.updateComplete;
    expect(part(el, 'name')?.textContent).to.equal('Digital Foundations');
    expect(part(el, 'status'), 'nothing to verify in a badge class').to.equal(null);
    expect(part(el, 'actions')).to.equal(null);
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('re-verifies when configure() changes the trusted issuers', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge verify allow-private-network no-actions .credential=${award.credential}></col-badge>`);
    await verified(el);
    expect(el.report!.checks.some((c) => c.id === 'trust')).to.equal(false);
    const again = verified(el);
    configure({ trustedIssuers: ['did:web:someone-else.example'] });
    expect((await again).detail.checks.find((c: { id: string }) => c.id === 'trust')?.code).to.equal('issuer-unknown');
    await el.updateComplete;
    expect(part(el, 'status')!.textContent, 'an unlisted issuer is not called fake').to.contain('Genuine, issuer not confirmed');
  });

  it('the api attribute wins over the page configuration', async () => {
    configure({ api: 'http://127.0.0.1:9/' });
    const el = await fixture<ColBadge>(html`<col-badge key="digital-foundations" api=${referenceServer().url}></col-badge>`);
    await oneEvent(el, 'col-loaded');
  });

  it('marks an expired badge as expired, in words', async () => {
    const el = await fixture<ColBadge>(html`<col-badge no-actions .credential=${await fixtureJson(DCC_EXPIRED)}></col-badge>`);
    await until(() => !!part(el, 'dates'), 'dates');
    expect(part(el, 'dates')!.querySelector('.expired')?.textContent).to.match(/^Expired \d+ \w+ \d{4}$/);
  });
});

describe('<col-badge> states', () => {
  it('empty: says there is no badge to show, and passes axe', async () => {
    const el = await fixture<ColBadge>(html`<col-badge></col-badge>`);
    expect(shadowText(el)).to.equal('No badge to show.');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('loading: says so, marks itself busy, and passes axe', async () => {
    await withSlowRequests(referenceServer().url, 1500, async () => {
      const el = await fixture<ColBadge>(html`<col-badge></col-badge>`);
      el.src = `${referenceServer().url}/api/v1/credentials/none`;
      await el.updateComplete;
      expect(shadowText(el)).to.equal('Loading badge…');
      expect(part(el, 'card')?.getAttribute('aria-busy')).to.equal('true');
      expect(await axeViolations(el)).to.deep.equal([]);
      expect(shadowText(el), 'still loading when axe finished').to.equal('Loading badge…');
      await oneEvent(el, 'col-error');
    });
  });

  it('checking: the pill says "Checking…" and axe passes', async () => {
    const award = await claimAward();
    await withSlowRequests(referenceServer().url, 1500, async () => {
      const el = await fixture<ColBadge>(html`<col-badge verify allow-private-network no-actions .credential=${award.credential}></col-badge>`);
      await until(() => part(el, 'status')?.textContent?.includes('Checking') === true, 'Checking…');
      expect(await axeViolations(el)).to.deep.equal([]);
      await verified(el);
    });
  });

  it('error: a missing badge gives col-error with a stable code and a plain message, and passes axe', async () => {
    const el = await fixture<ColBadge>(html`<col-badge></col-badge>`);
    const failed = oneEvent(el, 'col-error');
    el.src = `${referenceServer().url}/api/v1/credentials/no-such-badge`;
    const { detail } = await failed;
    expect(detail).to.deep.equal({ code: 'http-error', message: 'There is no badge at this address.' });
    await el.updateComplete;
    expect(part(el, 'error')?.textContent).to.equal('There is no badge at this address.');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('error: an unreachable address says so', async () => {
    const el = await fixture<ColBadge>(html`<col-badge src="http://127.0.0.1:9/badge.json"></col-badge>`);
    expect((await oneEvent(el, 'col-error')).detail.code).to.equal('fetch-failed');
    await el.updateComplete;
    expect(shadowText(el)).to.contain("We couldn't reach the address of this badge");
  });

  it('error: something that is not a badge is refused in words', async () => {
    const el = await fixture<ColBadge>(html`<col-badge></col-badge>`);
    const failed = oneEvent(el, 'col-error');
    el.credential = { hello: 'world' };
    expect((await failed).detail.code).to.equal('input-unrecognized');
    await el.updateComplete;
    expect(shadowText(el)).to.equal("This isn't a badge we can read.");
  });
});

describe('<col-badge> every state in every layout passes axe, light and dark', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));
  for (const [layout, scheme] of [['card', 'light'], ['compact', 'light'], ['inline', 'light'], ['card', 'dark'], ['compact', 'dark'], ['inline', 'dark']] as const) {
    it(`${layout}, ${scheme}: empty, loading, error, checking, verified (checks open), not verified`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const award = await claimAward();
      const seen: string[] = [];
      const check = async (el: ColBadge, state: string) => {
        seen.push(state);
        expect(await axeViolations(el), `${layout}, ${scheme}, ${state}`).to.deep.equal([]);
      };
      await check(await fixture<ColBadge>(html`<col-badge layout=${layout}></col-badge>`), 'empty');

      await withSlowRequests(referenceServer().url, 1500, async () => {
        const loading = await fixture<ColBadge>(html`<col-badge layout=${layout} src=${award.id}></col-badge>`);
        expect(part(loading, 'card')?.getAttribute('aria-busy')).to.equal('true');
        await check(loading, 'loading');
        expect(part(loading, 'card')?.getAttribute('aria-busy'), 'still loading when axe finished').to.equal('true');

        const checking = await fixture<ColBadge>(html`<col-badge layout=${layout} verify allow-private-network .credential=${award.credential}></col-badge>`);
        await until(() => part(checking, 'status')?.textContent?.includes('Checking') === true, 'Checking…');
        await check(checking, 'checking');
        await verified(checking);
      });

      const missing = await fixture<ColBadge>(html`<col-badge layout=${layout} src=${`${referenceServer().url}/api/v1/credentials/no-such-badge`}></col-badge>`);
      await oneEvent(missing, 'col-error');
      await missing.updateComplete;
      expect(part(missing, 'error')?.textContent).to.equal('There is no badge at this address.');
      await check(missing, 'error');

      const good = await fixture<ColBadge>(html`<col-badge layout=${layout} verify allow-private-network .credential=${award.credential}></col-badge>`);
      await verified(good);
      await good.updateComplete;
      expect(part(good, 'status')?.textContent).to.contain('Verified');
      const pill = part(good, 'status')!;
      if (pill.tagName === 'BUTTON') {
        pill.click();
        await good.updateComplete;
        expect(part(good, 'checks')?.textContent).to.contain('Signature (passed)');
      }
      await check(good, 'verified');

      const tampered = structuredClone(award.credential) as { credentialSubject: { achievement: { name: string } } };
      tampered.credentialSubject.achievement.name = 'Rocket Science';
      const bad = await fixture<ColBadge>(html`<col-badge layout=${layout} verify allow-private-network .credential=${tampered}></col-badge>`);
      await verified(bad);
      await bad.updateComplete;
      expect(part(bad, 'status')?.textContent).to.contain('Not verified');
      await check(bad, 'not verified');
      expect(seen).to.have.length(6);
    });
  }
});

describe('<col-badge> actions', () => {
  it('links the baked PNG, offers the JSON and JWT, builds the LinkedIn URL correctly, with nothing personal in any URL', async () => {
    const award = await claimAward('digital-foundations', 'private.person@example.org');
    const el = await fixture<ColBadge>(html`<col-badge .credential=${award.credential}></col-badge>`);
    await until(() => !!part(el, 'actions'), 'actions');
    const links = [...part(el, 'actions')!.querySelectorAll('a')];
    const png = links.find((a) => a.textContent === 'Download badge image')!;
    expect(png.href).to.equal(award.links.png);
    expect(png.hasAttribute('download')).to.equal(true);
    expect(links.find((a) => a.textContent === 'Download signed file (JWT)')!.href).to.equal(award.links.jwt);
    const buttons = [...part(el, 'actions')!.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons).to.include.members(['Download JSON', 'Copy link']);

    const linkedIn = new URL(links.find((a) => a.textContent?.startsWith('Add to LinkedIn profile'))!.href);
    expect(linkedIn.origin + linkedIn.pathname).to.equal('https://www.linkedin.com/profile/add');
    expect(linkedIn.searchParams.get('startTask')).to.equal('CERTIFICATION_NAME');
    expect(linkedIn.searchParams.get('name')).to.equal('Digital Foundations');
    expect(linkedIn.searchParams.get('organizationName')).to.be.a('string').and.not.equal('');
    expect(linkedIn.searchParams.get('certUrl')).to.equal(award.id);
    expect(linkedIn.searchParams.get('issueYear')).to.equal(String(new Date().getUTCFullYear()));
    expect(linkedIn.searchParams.get('issueMonth')).to.equal(String(new Date().getUTCMonth() + 1));
    for (const a of links) expect(a.href).to.not.contain('private.person');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('downloads the JSON the page already holds, without a request', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge .credential=${award.credential}></col-badge>`);
    await until(() => !!part(el, 'actions'), 'actions');
    let saved: { name: string; href: string } | undefined;
    el.shadowRoot!.addEventListener('click', (event) => {
      const a = event.target as HTMLAnchorElement;
      if (a.tagName === 'A' && a.href.startsWith('blob:')) {
        saved = { name: a.download, href: a.href };
        event.preventDefault(); // keep the headless browser from writing a file
      }
    }, true);
    [...part(el, 'actions')!.querySelectorAll('button')].find((b) => b.textContent === 'Download JSON')!.click();
    expect(saved?.name).to.equal('digital-foundations.json');
    const text = await (await fetch(saved!.href)).text();
    expect(JSON.parse(text)).to.deep.equal(award.credential);
  });

  it('copies the public link and says so in a live region', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge .credential=${award.credential}></col-badge>`);
    await until(() => !!part(el, 'actions'), 'actions');
    [...part(el, 'actions')!.querySelectorAll('button')].find((b) => b.textContent === 'Copy link')!.click();
    const note = () => part(el, 'actions')!.querySelector('[role="status"]')!.textContent ?? '';
    await until(() => note() !== '', 'the copy note');
    // Headless Chromium may refuse clipboard access: then the link is spelled out instead.
    expect([`Link copied.`, `Couldn't copy. The link is ${award.id}`]).to.include(note());
  });
});

describe('<col-badge> refuses hostile badges', () => {
  it('renders script-laden names, issuers and descriptions as text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const el = await fixture<ColBadge>(html`<col-badge .credential=${hostileCredential({ name: evil, issuerName: evil, description: evil })}></col-badge>`);
    await until(() => !!part(el, 'name'), 'name');
    expect(part(el, 'name')!.textContent).to.equal(evil);
    expect(part(el, 'issuer')!.textContent).to.equal(`Issued by ${evil}`);
    expect(el.shadowRoot!.querySelectorAll('script').length).to.equal(0);
    expect(el.shadowRoot!.querySelectorAll('img').length, 'no image given: none rendered').to.equal(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('drops javascript: links and images', async () => {
    const el = await fixture<ColBadge>(html`<col-badge .credential=${hostileCredential({ image: 'javascript:alert(1)', criteriaUrl: 'javascript:alert(1)' })}></col-badge>`);
    await until(() => !!part(el, 'name'), 'name');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    for (const a of el.shadowRoot!.querySelectorAll('a')) expect(a.protocol).to.match(/^https?:$/);
  });

  it('shows an SVG image only after taking its scripts, handlers and external links out', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)"><circle r="5" onclick="alert(4)"/></a><image href="https://tracker.example/p.png"/><foreignObject><div>x</div></foreignObject></svg>`;
    const dataUrl = `data:image/svg+xml;base64,${btoa(svg)}`;
    const el = await fixture<ColBadge>(html`<col-badge .credential=${hostileCredential({ image: dataUrl })}></col-badge>`);
    await until(() => !!part(el, 'image'), 'image');
    const src = (part(el, 'image') as HTMLImageElement).src;
    expect(src.startsWith('data:image/svg+xml;base64,')).to.equal(true);
    const cleaned = atob(src.slice('data:image/svg+xml;base64,'.length));
    expect(cleaned).to.contain('<circle');
    for (const bad of ['script', 'onload', 'onclick', 'javascript:', 'tracker.example', 'foreignObject']) expect(cleaned).to.not.contain(bad);
  });

  it('refuses data: URLs that are not images', async () => {
    const el = await fixture<ColBadge>(html`<col-badge .credential=${hostileCredential({ image: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' })}></col-badge>`);
    await until(() => !!part(el, 'name'), 'name');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('stays quick with a 5 MB description, showing a clipped copy', async () => {
    const description = 'A'.repeat(5 * 1024 * 1024);
    const started = performance.now();
    const el = await fixture<ColBadge>(html`<col-badge .credential=${hostileCredential({ description })}></col-badge>`);
    await until(() => !!part(el, 'description'), 'description');
    expect(performance.now() - started).to.be.below(3000);
    expect(part(el, 'description')!.textContent!.length).to.equal(2001);
  });
});

describe('<col-badge> speaks the page’s languages', () => {
  it('speaks Welsh with locale="cy": words and dates', async () => {
    const el = await fixture<ColBadge>(html`<col-badge locale="cy" no-actions .credential=${await fixtureJson(DCC_OB3)}></col-badge>`);
    await until(() => !!part(el, 'issuer'), 'issuer');
    expect(part(el, 'issuer')!.textContent).to.equal('Cyhoeddwyd gan Digital Credentials Consortium Test Issuer');
    expect(part(el, 'dates')!.textContent).to.contain('Ionawr 2025');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('a Welsh and an English badge side by side on one page, each in its own language', async () => {
    const credential = await fixtureJson(DCC_OB3);
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <section lang="cy"><col-badge no-actions .credential=${credential}></col-badge></section>
      <col-badge locale="en-GB" no-actions .credential=${credential}></col-badge>
    </div>`);
    const [cy, en] = [...wrap.querySelectorAll('col-badge')];
    await until(() => !!part(cy!, 'issuer') && !!part(en!, 'issuer'), 'both badges');
    expect(part(cy!, 'issuer')!.textContent).to.match(/^Cyhoeddwyd gan /);
    expect(part(en!, 'issuer')!.textContent).to.match(/^Issued by /);
  });

  it('follows configure({ locale }) until an attribute says otherwise', async () => {
    const el = await fixture<ColBadge>(html`<col-badge no-actions .credential=${await fixtureJson(DCC_OB3)}></col-badge>`);
    await until(() => !!part(el, 'issuer'), 'issuer');
    configure({ locale: 'cy' });
    await until(() => part(el, 'issuer')?.textContent?.startsWith('Cyhoeddwyd') === true, 'Welsh after configure()');
    el.locale = 'en-GB';
    await until(() => part(el, 'issuer')?.textContent?.startsWith('Issued by') === true, 'English from the attribute');
  });

  it('reads <meta name="col:locale"> when nothing else is set', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'col:locale', content: 'cy' });
    document.head.append(meta);
    try {
      const el = await fixture<ColBadge>(html`<col-badge></col-badge>`);
      expect(shadowText(el)).to.equal("Dim bathodyn i'w ddangos.");
    } finally {
      meta.remove();
    }
  });

  it('verifies in Welsh: the pill and the check names', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge locale="cy" verify allow-private-network .credential=${award.credential}></col-badge>`);
    await verified(el);
    await el.updateComplete;
    expect(part(el, 'status')!.textContent).to.contain("Wedi'i wirio");
    expect(part(el, 'checks')!.textContent).to.contain('Llofnod (wedi llwyddo)');
  });
});

describe('<col-badge> lifecycle (lessons from DCC’s verifier widget)', () => {
  it('a slower earlier verification never overwrites a newer one', async () => {
    const slow = await claimAward('digital-foundations');
    const fast = await fixtureJson(DCC_OB3);
    // Hold back the first badge's lookups on the real server, so its verification ends last.
    await withSlowRequests(referenceServer().url, 800, async () => {
      const el = await fixture<ColBadge>(html`<col-badge verify allow-private-network no-actions></col-badge>`);
      const reports: string[] = [];
      el.addEventListener('col-verified', (e) => reports.push(e.detail.badge?.name ?? ''));
      el.credential = slow.credential;
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      el.credential = fast;
      await until(() => el.report !== undefined, 'a report');
      await new Promise((r) => setTimeout(r, 1500));
      // The report summarises the achievement ('Badge'); the card shows the credential's name.
      expect(el.report?.badge?.issuer?.name).to.equal('Digital Credentials Consortium Test Issuer');
      expect(part(el, 'name')!.textContent).to.equal('DCC Test Credential');
      expect(reports, 'only the newer verification was reported').to.deep.equal(['Badge']);
    });
  });

  it('a credential set while detached (as React does on remount) is verified on connect', async () => {
    const award = await claimAward();
    const el = document.createElement('col-badge');
    el.verify = true;
    el.allowPrivateNetwork = true;
    el.credential = award.credential;
    await new Promise((r) => setTimeout(r, 50));
    expect(el.report).to.equal(undefined);
    const done = verified(el);
    document.body.append(el);
    try {
      expect((await done).detail.outcome).to.equal('verified');
    } finally {
      el.remove();
    }
  });

  it('detached mid-verification and re-attached: verification still completes', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge verify allow-private-network .credential=${award.credential}></col-badge>`);
    const parent = el.parentElement!;
    el.remove();
    const done = verified(el);
    parent.append(el);
    expect((await done).detail.outcome).to.equal('verified');
  });

  it('clearing the credential clears the verdict and the details', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge verify allow-private-network .credential=${award.credential}></col-badge>`);
    await verified(el);
    el.credential = undefined;
    await el.updateComplete;
    expect(el.report).to.equal(undefined);
    expect(part(el, 'status')).to.equal(null);
    expect(part(el, 'checks')).to.equal(null);
    expect(shadowText(el)).to.equal('No badge to show.');
  });

  it('setting several properties in one task verifies once', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge></col-badge>`);
    let count = 0;
    el.addEventListener('col-verified', () => count++);
    el.credential = award.credential;
    el.verify = true;
    el.allowPrivateNetwork = true;
    el.locale = 'en-GB';
    el.trustedIssuers = [String((award.credential.issuer as { id: string }).id)];
    await verified(el);
    await new Promise((r) => setTimeout(r, 500));
    expect(count).to.equal(1);
    expect(el.report!.checks.find((c) => c.id === 'trust')?.outcome).to.equal('passed');
  });

  it('"Checking…" never shows a "checked at" footer', async () => {
    const award = await claimAward();
    const el = await fixture<ColBadge>(html`<col-badge verify allow-private-network></col-badge>`);
    // Record every rendered state: verification can be quick enough that polling misses
    // "Checking…", so watch the shadow root instead of sampling it.
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(shadowText(el)));
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
    el.credential = award.credential;
    await verified(el);
    observer.disconnect();
    const checking = seen.filter((text) => text.includes('Checking'));
    expect(checking.length, 'the element said Checking… while it verified').to.be.greaterThan(0);
    for (const text of checking) expect(text).to.not.contain('Checked at');
    await el.updateComplete;
    (part(el, 'status') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Checked at');
  });

  it('a property set before the element is defined (a framework rendered first) is used on upgrade', async () => {
    const el = document.createElement('late-college-badge') as ColBadge;
    el.credential = await fixtureJson(DCC_OB3);
    el.setAttribute('no-actions', '');
    document.body.append(el);
    try {
      const loaded = oneEvent(el, 'col-loaded');
      customElements.define('late-college-badge', class extends ColBadge {});
      await loaded;
      await el.updateComplete;
      expect(part(el, 'name')!.textContent).to.equal('DCC Test Credential');
    } finally {
      el.remove();
    }
  });

  it('after client-side navigation (the old view torn down, a new one built) a new badge shows', async () => {
    const credential = await fixtureJson(DCC_OB3);
    const view = await fixture<HTMLDivElement>(html`<div><col-badge no-actions .credential=${credential}></col-badge></div>`);
    await until(() => !!part(view.querySelector('col-badge')!, 'name'), 'first view');
    const next = document.createElement('col-badge');
    next.noActions = true;
    next.layout = 'compact';
    next.credential = credential;
    view.replaceChildren(next);
    await until(() => part(next, 'name')?.textContent === 'DCC Test Credential', 'second view');
  });

  it('registers under another tag name, and the define entry is idempotent', async () => {
    customElements.define('my-college-badge', class extends ColBadge {});
    const el = await fixture<ColBadge>(html`<my-college-badge></my-college-badge>`);
    expect(shadowText(el)).to.equal('No badge to show.');
    await import('@citiesoflearning/components/col-badge/define.js');
    expect(customElements.get('col-badge')).to.equal(ColBadge);
  });
});
