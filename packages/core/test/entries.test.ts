// The subpath entries (`@citiesoflearning/core/baking`, `/pathways`) are the same functions as
// the main entry's, so code may import either and mix them. Node and Chromium.
import { describe, it, expect } from '@col/harness';
import * as core from '@citiesoflearning/core';
import * as baking from '@citiesoflearning/core/baking';
import * as pathways from '@citiesoflearning/core/pathways';

describe('core: subpath entries', () => {
  it('@citiesoflearning/core/baking bakes and reads back a badge, with the main entry\'s functions', () => {
    expect(baking.bake).to.equal(core.bake);
    expect(baking.unbake).to.equal(core.unbake);
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
    const assertion = { '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion', id: 'https://example.org/assertions/1' };
    const baked = baking.bake(svg, assertion);
    expect(baking.imageType(baked)).to.equal('svg');
    expect(JSON.parse(core.unbake(baked)!.text)).to.deep.equal(assertion);
  });

  it('@citiesoflearning/core/pathways is the main entry\'s pathway API', () => {
    for (const name of ['validatePathway', 'checkPathway', 'evaluatePathway', 'fromNavigatr', 'toNavigatr'] as const) {
      expect(pathways[name], name).to.be.a('function').and.to.equal(core[name]);
    }
  });
});

describe('core: one name per limit', () => {
  it('the image size limit is DEFAULT_MAX_IMAGE_BYTES; the old DEFAULT_MAX_BYTES is the same value for one release', () => {
    expect(core.DEFAULT_MAX_IMAGE_BYTES).to.equal(50 * 1024 * 1024);
    expect(core.DEFAULT_MAX_BYTES).to.equal(core.DEFAULT_MAX_IMAGE_BYTES);
    expect(baking.DEFAULT_MAX_IMAGE_BYTES).to.equal(core.DEFAULT_MAX_IMAGE_BYTES);
  });
});
