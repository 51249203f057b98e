// The claim, pathway and opportunities classes import on a server (SSR, a Node script) without
// touching `window` or `document`, and importing a class registers nothing.
import { describe, it, expect } from '@col/harness';

describe('importing the claim, pathway and opportunities elements in Node (no DOM)', () => {
  it('loads each class and define entry without a window, and the classes carry no registration', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).to.equal('undefined');
    const claim = await import('@citiesoflearning/components/col-badge-claim.js');
    const pathway = await import('@citiesoflearning/components/col-pathway.js');
    const opportunities = await import('@citiesoflearning/components/col-opportunities.js');
    expect([claim.ColBadgeClaim.name, pathway.ColPathway.name, opportunities.ColOpportunities.name]).to.deep.equal(['ColBadgeClaim', 'ColPathway', 'ColOpportunities']);
    const impact = await import('@citiesoflearning/components/col-impact.js');
    const skills = await import('@citiesoflearning/components/col-skills.js');
    expect([impact.ColImpact.name, skills.ColSkills.name]).to.deep.equal(['ColImpact', 'ColSkills']);
    for (const entry of ['col-badge-claim', 'col-pathway', 'col-opportunities', 'col-impact', 'col-skills']) await import(`@citiesoflearning/components/${entry}/define.js`);
    expect(typeof (globalThis as { window?: unknown }).window).to.equal('undefined');
    expect(typeof (globalThis as { document?: unknown }).document).to.equal('undefined');
  });

  it('reads who a claim ticket names without verifying it, and never crashes on a bad one', async () => {
    const { ticketRecipient } = await import('../src/col-badge-claim/ticket.js');
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(ticketRecipient(`e30.${b64({ email: 'ada@example.org', achievement: 'x' })}.sig`)).to.deep.equal({ email: 'ada@example.org' });
    expect(ticketRecipient(`e30.${b64({ sub: 'did:key:z6Mk' })}.sig`)).to.deep.equal({ id: 'did:key:z6Mk' });
    expect(ticketRecipient(`e30.${b64({ email_sha256: 'ab'.repeat(32) })}.sig`), 'only a hash: ask for the email').to.equal(undefined);
    for (const bad of ['', 'not-a-jwt', 'a.%%%.c', `a.${'A'.repeat(20_000)}.c`, `e30.${b64(['email'])}.s`, `e30.${b64({ email: 42 })}.s`]) {
      expect(ticketRecipient(bad), bad.slice(0, 20)).to.equal(undefined);
    }
  });
});
