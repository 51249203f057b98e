// <col-badge-verify> — the employer's verifier — in Chromium: real awards from the reference
// server (loopback, so verification opts in with allow-private-network), DCC fixtures, baked
// images, real keyboard input, and the attacks a job portal must survive.
import { describe, it, expect, afterEach } from '@col/harness';
import { fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '@citiesoflearning/components/col-badge-verify/define.js';
import type { ColBadge, ColBadgeVerify } from '@citiesoflearning/components';
import { axeViolations } from './support/axe.js';
import { DCC_OB3, DCC_PNG, fixtureBytes, fixtureJson } from './support/fixtures.js';
import { part, shadowText, until, withSlowRequests } from './support/page.js';
import { claimAward, referenceServer, revokeAward } from './support/server.js';

const DCC_DIDWEB = 'dcc/verifiableCredentials/v1/dataIntegrityProof/didWeb/legacy-noStatus-noExpiry.json';
const DCC_DID_URL = 'https://digitalcredentials.github.io/vc-test-fixtures/dids/legacy/did.json';

afterEach(() => fixtureCleanup());

const loadedScripts = () => performance.getEntriesByType('resource').map((e) => e.name);

async function widget(template = html`<col-badge-verify allow-private-network></col-badge-verify>`): Promise<ColBadgeVerify> {
  return fixture<ColBadgeVerify>(template);
}

function paste(el: ColBadgeVerify, text: string): Promise<CustomEvent> {
  el.shadowRoot!.querySelector<HTMLTextAreaElement>('#input')!.value = text;
  const done = oneEvent(el, 'col-verified');
  part(el, 'button')!.click();
  return done;
}

describe('<col-badge-verify> loads the verifier only when needed', () => {
  // First in the file: nothing has verified anything in this page yet.
  it('the verifier is not loaded up front, and JSON-LD only for a credential that needs it', async () => {
    const el = await widget();
    expect(loadedScripts().filter((u) => u.includes('/packages/verify/'))).to.deep.equal([]);
    // Something that needs no canonicalization (the server's own VC-JWTs do: their status
    // list is an RDFC-signed credential), then DCC's RDFC credential from a did:key.
    await paste(el, '{"not":"a badge"}');
    expect(loadedScripts().some((u) => u.includes('/packages/verify/'))).to.equal(true);
    expect(loadedScripts().filter((u) => /node_modules\/jsonld\//.test(u)), 'no RDFC proof yet: no JSON-LD').to.deep.equal([]);
    await paste(el, JSON.stringify(await fixtureJson(DCC_OB3)));
    expect(el.report!.format).to.equal('ob3-data-integrity');
    expect(el.report!.outcome).to.equal('verified');
    expect(loadedScripts().some((u) => /node_modules\/jsonld\//.test(u)), 'an RDFC proof loads JSON-LD').to.equal(true);
  });
});

describe('<col-badge-verify> verifies what an employer is handed', () => {
  it('pasted JSON: the verdict first, then each check with its name, then the badge; axe passes before and after', async () => {
    const el = await widget();
    expect(await axeViolations(el)).to.deep.equal([]);
    const award = await claimAward();
    const { detail } = await paste(el, JSON.stringify(award.credential));
    expect(detail.outcome).to.equal('verified');
    await el.updateComplete;
    const result = part(el, 'result')!;
    expect(result.firstElementChild?.getAttribute('part')).to.equal('verdict');
    expect(part(el, 'verdict')!.textContent).to.contain('Verified: this badge is genuine and current.');
    const checks = [...el.shadowRoot!.querySelectorAll('[part~="check"]')].map((c) => c.querySelector('strong')!.textContent!.trim());
    expect(checks).to.include.members(['✓Signature: passed', '✓Dates: passed', '✓Revocation: passed']);
    const badge = result.querySelector<ColBadge>('col-badge')!;
    await until(() => part(badge, 'name')?.textContent === 'Digital Foundations', 'the badge shown under the checks');
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('a pasted link is fetched and verified', async () => {
    const el = await widget();
    const award = await claimAward();
    const { detail } = await paste(el, award.id);
    expect(detail.outcome).to.equal('verified');
  });

  it('a pasted compact JWS (VC-JWT) verifies', async () => {
    const el = await widget();
    const award = await claimAward();
    expect((await paste(el, award.jwt)).detail.format).to.equal('ob3-jwt');
    expect(el.report!.outcome).to.equal('verified');
  });

  const choose = async (el: ColBadgeVerify, bytes: Uint8Array): Promise<CustomEvent> => {
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#file')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes as Uint8Array<ArrayBuffer>], 'badge.png', { type: 'image/png' }));
    input.files = transfer.files;
    const done = oneEvent(el, 'col-verified');
    input.dispatchEvent(new Event('change'));
    return done;
  };

  it('a chosen baked PNG from the server verifies', async () => {
    const el = await widget();
    const award = await claimAward();
    const png = new Uint8Array(await (await fetch(award.links.png)).arrayBuffer());
    const { detail } = await choose(el, png);
    expect(detail.outcome, JSON.stringify(detail.checks)).to.equal('verified');
  });

  it('a PNG with no badge baked in (DCC’s picture of one) says so and what to try', async () => {
    const el = await widget();
    const { detail } = await choose(el, await fixtureBytes(DCC_PNG));
    expect(detail.checks[0]).to.deep.include({ id: 'parse', outcome: 'failed', code: 'image-no-badge' });
    await el.updateComplete;
    expect(shadowText(el)).to.contain('try the badge image or its link instead');
  });

  it('a dropped baked SVG verifies', async () => {
    const el = await widget();
    const award = await claimAward();
    const svg = await (await fetch(award.links.svg)).text();
    const transfer = new DataTransfer();
    transfer.items.add(new File([svg], 'badge.svg', { type: 'image/svg+xml' }));
    const done = oneEvent(el, 'col-verified');
    part(el, 'dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    expect((await done).detail.outcome).to.equal('verified');
  });

  it('a baked PNG pasted into the box (copied from another page) is checked as an image', async () => {
    const el = await widget();
    const award = await claimAward();
    const png = new Uint8Array(await (await fetch(award.links.png)).arrayBuffer());
    const clipboard = new DataTransfer();
    clipboard.items.add(new File([png], 'badge.png', { type: 'image/png' }));
    const done = oneEvent(el, 'col-verified');
    el.shadowRoot!.querySelector('#input')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
    expect((await done).detail.outcome).to.equal('verified');
  });

  it('src verifies on load and emits col-verified with the full report', async () => {
    const award = await claimAward();
    const el = document.createElement('col-badge-verify');
    el.allowPrivateNetwork = true;
    el.src = award.id;
    const done = oneEvent(el, 'col-verified');
    document.body.append(el);
    try {
      const { detail } = await done;
      expect(detail.outcome).to.equal('verified');
      expect(detail.checks.map((c: { id: string }) => c.id)).to.include.members(['parse', 'proof', 'key', 'validity', 'status']);
    } finally {
      el.remove();
    }
  });

  it('a tampered badge is "Not verified", with what to do next', async () => {
    const el = await widget();
    const award = await claimAward();
    const tampered = structuredClone(award.credential) as { validFrom: string };
    tampered.validFrom = '2020-01-01T00:00:00Z';
    expect((await paste(el, JSON.stringify(tampered))).detail.outcome).to.equal('failed');
    await el.updateComplete;
    expect(part(el, 'verdict')!.textContent).to.contain('Not verified: do not rely on this badge.');
    expect(shadowText(el)).to.contain("Ask the candidate for the original badge file or link from the issuer. Don't accept this copy.");
    expect(await axeViolations(el)).to.deep.equal([]);
  });

  it('text that is not a badge gets a failed parse check and a useful next step', async () => {
    const el = await widget();
    const { detail } = await paste(el, 'this is not a badge at all');
    expect(detail.outcome).to.equal('failed');
    await el.updateComplete;
    expect(shadowText(el)).to.contain('Check you pasted the whole badge, or try the badge image or its link instead.');
    expect(el.shadowRoot!.querySelector('col-badge'), 'no badge to show').to.equal(null);
  });

  it('nothing to verify: says so, in the live region too', async () => {
    const el = await widget();
    part(el, 'button')!.click();
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('Paste a badge or choose a file first.');
    expect(part(el, 'live')!.textContent).to.equal('Paste a badge or choose a file first.');
  });

  it('a file too large to be a badge is refused without reading it', async () => {
    const el = await widget();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#file')!;
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(11 * 1024 * 1024) as Uint8Array<ArrayBuffer>], 'huge.png', { type: 'image/png' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('This file is too large to be a badge.');
  });
});

describe('<col-badge-verify> tells revoked, unreachable and hostile badges apart', () => {
  it('a revoked badge: "Not verified", and the issuer withdrew it', async () => {
    const award = await claimAward();
    await revokeAward(award);
    const el = await widget();
    const { detail } = await paste(el, JSON.stringify(award.credential));
    expect(detail.checks.find((c: { id: string }) => c.id === 'status').code).to.equal('revoked');
    await el.updateComplete;
    expect(part(el, 'verdict')!.textContent).to.contain('Not verified');
    expect(shadowText(el)).to.contain('The issuer has withdrawn this badge.');
  });

  it('an unreachable revocation list reads differently: could not fully verify, try later, not your job', async () => {
    const award = await claimAward();
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.includes('/status/')) throw new TypeError('Failed to fetch');
      return realFetch(input, init);
    };
    try {
      const el = await widget();
      const { detail } = await paste(el, JSON.stringify(award.credential));
      expect(detail.outcome).to.equal('inconclusive');
      expect(detail.checks.find((c: { id: string }) => c.id === 'status').outcome).to.equal('inconclusive');
      await el.updateComplete;
      expect(part(el, 'verdict')!.textContent).to.contain('Could not fully verify');
      expect(shadowText(el)).to.contain("Try again later. If it keeps happening, the issuer must fix their website; there's nothing for you to do.");
      expect(shadowText(el)).to.not.contain('Not verified');
    } finally {
      window.fetch = realFetch;
    }
  });

  it('a dropped SVG carrying scripts is read as data: nothing in it runs', async () => {
    const award = await claimAward();
    const svg = (await (await fetch(award.links.svg)).text()).replace('<svg ', '<svg onload="window.__pwned=1" ').replace('</svg>', '<script>window.__pwned=2</script></svg>');
    const el = await widget();
    const transfer = new DataTransfer();
    transfer.items.add(new File([svg], 'badge.svg', { type: 'image/svg+xml' }));
    const done = oneEvent(el, 'col-verified');
    part(el, 'dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    expect((await done).detail.outcome).to.equal('verified');
    await new Promise((r) => setTimeout(r, 100));
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('a pasted badge with a 5 MB description is refused as too large, quickly and in words', async () => {
    const award = await claimAward();
    const huge = structuredClone(award.credential) as { credentialSubject: { achievement: { description: string } } };
    huge.credentialSubject.achievement.description = 'x'.repeat(5 * 1024 * 1024);
    const el = await widget();
    const box = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#input')!;
    // Pasted as an employer pastes (the clipboard holds the text), and dropped as text.
    for (const give of ['paste', 'drop'] as const) {
      const data = new DataTransfer();
      data.setData('text/plain', JSON.stringify(huge));
      const done = oneEvent(el, 'col-verified');
      const started = performance.now();
      if (give === 'paste') box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      else part(el, 'dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      const { detail } = await done;
      await el.updateComplete;
      el.getBoundingClientRect(); // laid out, as the employer sees it
      expect(performance.now() - started, give).to.be.below(2000);
      expect(detail.outcome).to.equal('failed');
      expect(detail.checks[0]).to.deep.include({ id: 'parse', code: 'input-too-large' });
      expect(part(el, 'verdict')!.textContent).to.contain('Not verified');
      expect(shadowText(el)).to.contain('This is too large to be a badge.');
      expect(box.value, 'the megabytes never went into the box').to.equal('');
    }
  });

  it('script-laden badge text is shown as text in the report and the badge', async () => {
    const evil = '<img src=x onerror="window.__pwned=3">';
    const el = await widget();
    await paste(el, JSON.stringify({ ...(await fixtureJson(DCC_OB3)), name: evil }));
    await el.updateComplete;
    const badge = el.shadowRoot!.querySelector<ColBadge>('col-badge')!;
    await until(() => part(badge, 'name')?.textContent === evil, 'the name, as text');
    expect(badge.shadowRoot!.querySelectorAll('img[src="x"]').length).to.equal(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('<col-badge-verify> trust, recipients and privacy', () => {
  it('an issuer missing from the trust list is never called fake: "genuine, but we can\'t confirm who issued it"', async () => {
    const el = await widget(html`<col-badge-verify allow-private-network trusted-issuers="did:web:someone-else.example"></col-badge-verify>`);
    const award = await claimAward();
    const { detail } = await paste(el, JSON.stringify(award.credential));
    expect(detail.checks.find((c: { id: string }) => c.id === 'trust').code).to.equal('issuer-unknown');
    await el.updateComplete;
    const verdict = part(el, 'verdict')!.textContent!;
    expect(verdict).to.contain("Genuine, but we can't confirm who issued it");
    expect(verdict).to.not.contain('Not verified');
    // Spoken once, as text: no entity ever reaches the live region.
    expect(part(el, 'live')!.textContent).to.contain("can't confirm");
    expect(part(el, 'live')!.innerHTML).to.not.contain('&#39;');
  });

  it('an issuer on the trust list passes the trust check', async () => {
    const award = await claimAward();
    const issuer = (award.credential.issuer as { id: string }).id;
    const el = await widget(html`<col-badge-verify allow-private-network trusted-issuers=${`did:web:other.example ${issuer}`}></col-badge-verify>`);
    const { detail } = await paste(el, JSON.stringify(award.credential));
    expect(detail.outcome).to.equal('verified');
    expect(detail.checks.find((c: { id: string }) => c.id === 'trust').outcome).to.equal('passed');
  });

  it('matches the recipient email locally, and the email goes into no request, URL or storage', async () => {
    const email = 'candidate.private@example.org';
    const award = await claimAward('digital-foundations', email);
    const requests: string[] = [];
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      requests.push(`${input instanceof Request ? input.url : String(input)} ${init?.body ?? ''}`);
      return realFetch(input, init);
    };
    try {
      const el = await widget();
      el.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value = email;
      const { detail } = await paste(el, award.id);
      expect(detail.checks.find((c: { id: string }) => c.id === 'recipient')).to.deep.include({ outcome: 'passed', code: 'recipient-match' });
      el.shadowRoot!.querySelector<HTMLInputElement>('#email')!.value = 'someone.else@example.org';
      const second = await paste(el, award.id);
      expect(second.detail.checks.find((c: { id: string }) => c.id === 'recipient').code).to.equal('recipient-mismatch');
      await el.updateComplete;
      expect(shadowText(el)).to.contain('Check the email you typed is the one the candidate used.');
      expect(requests.length).to.be.greaterThan(0);
      for (const r of [...requests, ...loadedScripts()]) expect(r).to.not.contain('candidate.private').and.not.contain('someone.else');
      expect([localStorage.length, sessionStorage.length, document.cookie]).to.deep.equal([0, 0, '']);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('works offline from preloaded documents (a JSON <script> on the page)', async () => {
    const didDoc = await fixtureJson('dcc/dids/legacy/did.json');
    const script = Object.assign(document.createElement('script'), { type: 'application/json', id: 'col-docs', textContent: JSON.stringify({ [DCC_DID_URL]: didDoc }) });
    document.body.append(script);
    try {
      const credential = JSON.stringify(await fixtureJson(DCC_DIDWEB));
      const withDocs = await widget(html`<col-badge-verify offline documents="#col-docs"></col-badge-verify>`);
      expect((await paste(withDocs, credential)).detail.outcome).to.equal('verified');
      const without = await widget(html`<col-badge-verify offline></col-badge-verify>`);
      const { detail } = await paste(without, credential);
      expect(detail.outcome, 'no DID document, no network: inconclusive, not a crash').to.equal('inconclusive');
      await without.updateComplete;
      expect(part(without, 'verdict')!.textContent).to.contain('Could not fully verify');
    } finally {
      script.remove();
    }
  });
});

describe('<col-badge-verify> for people using a keyboard or a screen reader', () => {
  it('the live region exists before anything is checked, and is written afterwards', async () => {
    const el = await widget();
    const live = part(el, 'live')!;
    expect(live.getAttribute('role')).to.equal('status');
    expect(live.textContent).to.equal('');
    const award = await claimAward();
    await paste(el, JSON.stringify(award.credential));
    await el.updateComplete;
    expect(part(el, 'live'), 'the same node, not a new filled one').to.equal(live);
    expect(live.textContent).to.equal('Verified: this badge is genuine and current.');
  });

  it('can be used with the keyboard alone: Tab to the box, type, Tab to Verify, Enter', async () => {
    const award = await claimAward();
    const before = await fixture<HTMLButtonElement>(html`<div><button>before</button><col-badge-verify allow-private-network></col-badge-verify></div>`);
    const el = before.querySelector('col-badge-verify')!;
    before.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('input');
    await sendKeys({ type: award.id });
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(el.shadowRoot!.activeElement?.id || el.shadowRoot!.activeElement?.getAttribute('part') || '');
    }
    expect(order).to.deep.equal(['file', 'email', 'button']);
    const done = oneEvent(el, 'col-verified');
    await sendKeys({ press: 'Enter' });
    expect((await done).detail.outcome).to.equal('verified');
  });

  it('speaks Welsh: the form, the verdict and the next steps; axe passes', async () => {
    const el = await widget(html`<col-badge-verify locale="cy" allow-private-network></col-badge-verify>`);
    expect(shadowText(el)).to.contain('Dolen, JSON neu JWT y bathodyn');
    expect(part(el, 'button')!.textContent).to.equal('Gwirio');
    const award = await claimAward();
    await paste(el, JSON.stringify(award.credential));
    await el.updateComplete;
    expect(part(el, 'verdict')!.textContent).to.contain("Wedi'i wirio: mae'r bathodyn hwn yn ddilys ac yn gyfredol.");
    expect(shadowText(el)).to.contain('Llofnod: wedi llwyddo');
    expect(await axeViolations(el)).to.deep.equal([]);
  });
});

describe('<col-badge-verify> passes axe in every state, light and dark', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: nothing to verify, verified, not verified, could not fully verify, issuer not confirmed, could not check`, async () => {
      await emulateMedia({ colorScheme: scheme });
      try {
        const award = await claimAward();
        const seen: string[] = [];
        const passes = async (el: ColBadgeVerify, state: string, words: string) => {
          await el.updateComplete;
          expect(shadowText(el), state).to.contain(words);
          // The badge under the verdict is part of what the employer sees: let it show first.
          const badge = el.shadowRoot!.querySelector<ColBadge>('col-badge');
          if (badge) await until(() => !!part(badge, 'name') || !!part(badge, 'error'), `${state}: the badge`);
          expect(await axeViolations(el), `${scheme}, ${state}`).to.deep.equal([]);
          seen.push(state);
        };
        const empty = await widget();
        part(empty, 'button')!.click();
        await passes(empty, 'nothing to verify', 'Paste a badge or choose a file first.');

        const good = await widget();
        await paste(good, award.jwt);
        await passes(good, 'verified', 'Verified');

        const tampered = structuredClone(award.credential) as { validFrom: string };
        tampered.validFrom = '2020-01-01T00:00:00Z';
        const bad = await widget();
        await paste(bad, JSON.stringify(tampered));
        await passes(bad, 'not verified', 'Not verified');

        const offline = await widget(html`<col-badge-verify allow-private-network offline></col-badge-verify>`);
        expect((await paste(offline, award.jwt)).detail.outcome).to.equal('inconclusive');
        await passes(offline, 'inconclusive', 'Could not fully verify');

        const unlisted = await widget(html`<col-badge-verify allow-private-network trusted-issuers="did:web:someone-else.example"></col-badge-verify>`);
        await paste(unlisted, award.jwt);
        await passes(unlisted, 'issuer not confirmed', "we can't confirm who issued it");

        // Preloaded documents that cannot be had: the check itself could not run.
        const broken = await widget(html`<col-badge-verify allow-private-network documents=${`${referenceServer().url}/no-such-documents.json`}></col-badge-verify>`);
        const failed = oneEvent(broken, 'col-error');
        broken.shadowRoot!.querySelector<HTMLTextAreaElement>('#input')!.value = award.jwt;
        part(broken, 'button')!.click();
        await failed;
        expect(part(broken, 'verdict')!.classList.contains('error')).to.equal(true);
        await passes(broken, 'could not check', part(broken, 'verdict')!.textContent!.trim());
        expect(seen).to.have.length(6);
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });
  }
});

describe('<col-badge-verify> lifecycle', () => {
  it('a slower earlier verification never overwrites a newer one', async () => {
    const slow = await claimAward();
    await withSlowRequests(referenceServer().url, 800, async () => {
      const el = await widget();
      const outcomes: string[] = [];
      el.addEventListener('col-verified', (e) => outcomes.push(e.detail.format));
      void el.check(slow.id);
      await new Promise((r) => setTimeout(r, 50));
      await el.check('not a badge');
      await new Promise((r) => setTimeout(r, 1500));
      expect(outcomes).to.deep.equal(['unknown']);
      expect(el.report!.outcome).to.equal('failed');
    });
  });

  it('clearing src clears the verdict and the checks', async () => {
    const award = await claimAward();
    const el = await widget(html`<col-badge-verify allow-private-network src=${award.id}></col-badge-verify>`);
    await oneEvent(el, 'col-verified');
    el.removeAttribute('src');
    await el.updateComplete;
    expect(el.report).to.equal(undefined);
    expect(part(el, 'verdict')).to.equal(null);
    expect(part(el, 'checks')).to.equal(null);
    expect(part(el, 'live')!.textContent).to.equal('');
  });

  it('"Checking…" shows while checking, never alongside a verdict, and axe passes', async () => {
    const el = await widget();
    const award = await claimAward();
    await withSlowRequests(referenceServer().url, 1500, async () => {
      el.shadowRoot!.querySelector<HTMLTextAreaElement>('#input')!.value = JSON.stringify(award.credential);
      part(el, 'button')!.click();
      await el.updateComplete;
      expect(part(el, 'result')!.textContent).to.contain('Checking the badge…');
      expect(part(el, 'verdict')).to.equal(null);
      expect((part(el, 'button') as HTMLButtonElement).disabled, 'no second submit while checking').to.equal(true);
      expect(await axeViolations(el)).to.deep.equal([]);
      await oneEvent(el, 'col-verified');
    });
  });
});
