// The compiled-context path to RDF (pinned contexts processed once) must give exactly the
// canonical N-Quads jsonld.js + rdf-canonize give — on every fixture, the W3C vectors and
// generated credentials — or decline and leave the document to jsonld. A difference here
// would make a valid signature fail (or, worse, two different documents hash alike).
// Runs in Node and Chromium.
import { describe, it, before, expect, listFixtures, readFixtureJson } from '@col/harness';
import fc from 'fast-check';
import { rdfc, rdfcGeneral } from '../src/proofs/canonicalize.js';
import { compiledToRdf } from '../src/proofs/compiled-rdf.js';

/** Canonical N-Quads, or the error code, of a path. */
async function outcome(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (error) {
    return `error: ${(error as { code?: string }).code ?? String(error)}`;
  }
}

/** Both paths on one document; returns whether the compiled path took it. */
async function same(document: Record<string, unknown>, label: string): Promise<boolean> {
  const compiled = (await compiledToRdf(document)) !== undefined;
  const ours = await outcome(() => rdfc(document));
  const theirs = await outcome(() => rdfcGeneral(document));
  expect(ours, label).to.equal(theirs);
  return compiled;
}

/** The documents a proof hashes: the credential without proofs, and each proof's configuration. */
function hashedDocuments(signed: Record<string, unknown>): Record<string, unknown>[] {
  const { proof, ...document } = signed;
  const proofs = (Array.isArray(proof) ? proof : proof ? [proof] : []) as Record<string, unknown>[];
  return [document, ...proofs.map(({ proofValue: _v, ...config }) => ({ ...config, '@context': signed['@context'] }))];
}

describe('compiled RDFC equals jsonld + rdf-canonize', () => {
  let files: string[] = [];
  before(async () => {
    files = [...(await listFixtures('dcc/verifiableCredentials')), ...(await listFixtures('w3c-vc-di-eddsa/TestVectors'))].filter((f) => f.endsWith('.json'));
  });

  it('on every JSON fixture (DCC credentials, W3C vectors), and most of them take the compiled path', async () => {
    expect(files.length).to.be.greaterThan(100);
    let compiled = 0;
    let total = 0;
    for (const file of files) {
      let json: unknown;
      try {
        json = await readFixtureJson<unknown>(file);
      } catch {
        continue; // a deliberately broken fixture
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json) || !('@context' in json)) continue;
      for (const document of hashedDocuments(json as Record<string, unknown>)) {
        total++;
        if (await same(document, file)) compiled++;
      }
    }
    expect(total).to.be.greaterThan(100);
    // VC 1.1 credentials with undefined terms and inline contexts go to jsonld; the rest must not.
    expect(compiled / total).to.be.greaterThan(0.5);
  });

  it('declines inline contexts, value objects, graphs and relative IRIs, and jsonld answers', async () => {
    const base = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:example:issuer' };
    const declined: Record<string, unknown>[] = [
      { ...base, credentialSubject: { '@context': { x: 'https://evil.example/x' }, x: 1 } },
      { ...base, credentialSubject: { name: { '@value': 'A', '@language': 'en' } } },
      { ...base, credentialSubject: { '@graph': [{ id: 'urn:a', name: 'A' }] } },
      { ...base, id: 'relative/path' },
      { ...base, id: '_:b0' },
      { ...base, '@context': ['https://www.w3.org/ns/credentials/v2', { extra: 'https://example.org/extra' }], extra: 1 },
      { ...base, '@context': ['https://evil.example/context.json'] },
    ];
    for (const document of declined) {
      expect(await compiledToRdf(document), JSON.stringify(document)).to.equal(undefined);
      await same(document, JSON.stringify(document));
    }
  });

  it('on generated OB 3.0 and VC 2.0 credentials (property-based)', async () => {
    const text = fc.string({ maxLength: 12 });
    const iri = fc.oneof(fc.webUrl(), fc.constantFrom('did:example:alice', 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'));
    const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    // Terms the OB 3.0 context defines on Achievement (an undefined term is a safe-mode error on both paths).
    const extraKey = fc.constantFrom('humanCode', 'fieldOfStudy', 'specialization', 'version', 'inLanguage');
    const alignment = fc.record({ type: fc.constant(['Alignment']), targetName: text, targetUrl: iri }, { requiredKeys: ['type', 'targetName'] });
    const achievement = fc.record(
      {
        id: iri,
        type: fc.constantFrom(['Achievement'], 'Achievement'),
        name: text,
        description: text,
        criteria: fc.record({ narrative: text, id: iri }, { requiredKeys: [] }),
        alignment: fc.array(alignment, { maxLength: 3 }),
        tag: fc.array(text, { maxLength: 3 }),
        achievementType: fc.constantFrom('Badge', 'Certificate', 'ext:Custom'),
        creditsAvailable: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
      },
      { requiredKeys: ['id', 'type'] },
    );
    const extras = fc.dictionary(extraKey, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), { maxKeys: 2 });
    const credential = fc
      .record({
        // 3.0.3 is the OB context that works with VC 2.0 (earlier ones redefine its protected terms).
        v: fc.constant('3.0.3'),
        id: iri,
        issuer: fc.oneof(iri, fc.record({ id: iri, type: fc.constant(['Profile']), name: text, email: fc.constant('a@b.example') }, { requiredKeys: ['id', 'type'] })),
        validFrom: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        name: text,
        subjectId: fc.option(iri, { nil: undefined }),
        achievement,
        extras,
        status: fc.option(fc.record({ id: iri, type: fc.constant('BitstringStatusListEntry'), statusPurpose: fc.constant('revocation'), statusListIndex: fc.nat().map(String), statusListCredential: iri }), { nil: undefined }),
      })
      .map(({ v, id, issuer, validFrom, name, subjectId, achievement, extras, status }) => ({
        '@context': ['https://www.w3.org/ns/credentials/v2', v === '3.0.3' ? 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json' : 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'],
        id,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer,
        validFrom,
        name,
        credentialSubject: { ...(subjectId ? { id: subjectId } : {}), type: ['AchievementSubject'], achievement: { ...achievement, ...extras } },
        ...(status ? { credentialStatus: status } : {}),
      }));
    let compiled = 0;
    await fc.assert(
      fc.asyncProperty(credential, async (document) => {
        if (await same(document, JSON.stringify(document))) compiled++;
      }),
      { numRuns: 60 },
    );
    // Generated credentials are plain OB 3.0: nearly all must take the compiled path.
    expect(compiled).to.be.greaterThan(40);
  });
});
