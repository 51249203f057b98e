import { describe, it, expect, listFixtures, readFixture, readFixtureText, errorCode } from '@col/harness';
import { bake, unbake, imageType, readPngChunks } from '@citiesoflearning/core';

// The DCC fixtures ship a PNG (and one SVG) next to most credentials. They are QR-code images
// made by other tools — real PNGs with real CRCs, but with nothing baked in (checked below).
// They make good, independent inputs: our reader must accept them, and baking the sibling
// credential into them must give that credential back.
describe('baking: real images from the DCC fixtures', () => {
  it('reads every fixture PNG (CRCs written by other encoders verify), finds no badge, and bakes the sibling credential in and out', async () => {
    const pngs = (await listFixtures('dcc')).filter((p) => p.endsWith('.png'));
    expect(pngs.length).to.be.greaterThan(80);
    let withJson = 0;
    for (const path of pngs) {
      const png = await readFixture(path);
      expect(imageType(png), path).to.equal('png');
      const chunks = readPngChunks(png);
      expect(chunks[0]!.type, path).to.equal('IHDR');
      expect(chunks.at(-1)!.type, path).to.equal('IEND');
      expect(unbake(png, { verifyAllCrcs: true }), path).to.equal(undefined);

      let json: string;
      try {
        json = await readFixtureText(path.replace(/\.png$/, '.json'));
      } catch {
        continue; // a few images have no sibling credential
      }
      if (json.trim() === '') {
        // One fixture credential file is empty: baking nothing is refused, not written.
        expect(errorCode(() => bake(png, json)), path).to.equal('credential-invalid');
        continue;
      }
      withJson++;
      const baked = bake(png, json);
      const badge = unbake(baked, { verifyAllCrcs: true });
      expect(badge?.version, path).to.equal(3);
      expect(badge?.text, path).to.equal(json.trim());
      expect(JSON.parse(badge!.text), path).to.deep.equal(JSON.parse(json));
      // The image itself is untouched: same chunks, in order, plus the badge after IHDR.
      const after = readPngChunks(baked);
      expect(after.map((c) => c.type), path).to.deep.equal([chunks[0]!.type, 'iTXt', ...chunks.slice(1).map((c) => c.type)]);
    }
    expect(withJson).to.be.greaterThan(80);
  });

  it('bakes a fixture credential into the fixture SVG and reads it back', async () => {
    const svgs = (await listFixtures('dcc')).filter((p) => p.endsWith('.svg'));
    expect(svgs.length).to.be.greaterThan(0);
    for (const path of svgs) {
      const image = await readFixture(path);
      expect(imageType(image), path).to.equal('svg');
      expect(unbake(image), path).to.equal(undefined);
      const json = await readFixtureText(path.replace(/\.svg$/, '.json'));
      const badge = unbake(bake(image, JSON.parse(json)));
      expect(badge?.version).to.equal(3);
      expect(JSON.parse(badge!.text)).to.deep.equal(JSON.parse(json));
    }
  });
});
