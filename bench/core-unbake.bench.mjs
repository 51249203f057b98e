// Benchmark: reading the badge out of a ~10 MB baked PNG with @citiesoflearning/core's `unbake`
// versus png-chunks-extract + png-chunk-itxt (the usual npm way), measured in the same run.
//
//   npx tsc -b packages/core && node bench/core-unbake.bench.mjs
//
// `run()` prints the lines and returns the figures (the lead's `npm run bench` calls it).
import { deflateSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import extractChunks from 'png-chunks-extract';
import itxt from 'png-chunk-itxt';
import { bake, unbake, encodePngChunk } from '../packages/core/dist/index.js';

const require = createRequire(import.meta.url);
const RIVAL = `png-chunks-extract@${require('png-chunks-extract/package.json').version} + png-chunk-itxt@${require('png-chunk-itxt/package.json').version}`;

/** A real, decodable RGBA PNG of about `megabytes` MB: stored (level 0) deflate, so size ≈ pixels. */
function bigPng(megabytes, idatChunkSize) {
  const side = Math.ceil(Math.sqrt((megabytes * 1024 * 1024) / 4));
  const raw = new Uint8Array(side * (side * 4 + 1));
  let seed = 0x2545f491;
  for (let i = 0; i < raw.length; i++) {
    if (i % (side * 4 + 1) === 0) raw[i] = 0; // filter byte: none
    else {
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; // xorshift: incompressible pixels
      raw[i] = seed & 0xff;
    }
  }
  const zdata = new Uint8Array(deflateSync(raw, { level: 0 }));
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, side);
  view.setUint32(4, side);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), encodePngChunk('IHDR', ihdr)];
  for (let at = 0; at < zdata.length; at += idatChunkSize) parts.push(encodePngChunk('IDAT', zdata.subarray(at, at + idatChunkSize)));
  parts.push(encodePngChunk('IEND', new Uint8Array(0)));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:7f0c6a52-31b4-4d47-9d4c-1b2a0e5f6c7d',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'did:web:cities.example', type: ['Profile'], name: 'Cities of Learning' },
  validFrom: '2026-01-01T00:00:00Z',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: { id: 'https://cities.example/achievements/1', type: ['Achievement'], name: 'Digital Maker', description: 'x'.repeat(1500), criteria: { narrative: 'Made things.' } },
  },
  proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: 'did:web:cities.example#key-1', proofValue: 'z'.padEnd(88, '5') },
};

/** What the rival libraries take to do the same job: every chunk parsed and CRC-checked, iTXt decoded. */
function rivalUnbake(png) {
  for (const chunk of extractChunks(png)) {
    if (chunk.name !== 'iTXt') continue;
    const decoded = itxt.decodeSync(Buffer.from(chunk.data));
    if (decoded.keyword === 'openbadgecredential' || decoded.keyword === 'openbadges') return decoded.text;
  }
  return undefined;
}

function medianMs(fn, runs) {
  for (let i = 0; i < 3; i++) fn(); // warm up the JIT
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const mbps = (bytes, ms) => bytes / 1024 / 1024 / (ms / 1000);
const fmt = (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function run({ runs = 15, megabytes = 10, log = console.log } = {}) {
  const text = JSON.stringify(credential);
  const cases = [];
  for (const [layout, size] of [['one 10 MB IDAT', 1 << 30], ['8 KiB IDAT chunks, as libpng writes', 8192]]) {
    const png = bake(bigPng(megabytes, size), credential);
    // Both must find the same credential, or the timing means nothing.
    if (unbake(png)?.text !== text || unbake(png, { verifyAllCrcs: true })?.text !== text || rivalUnbake(png) !== text) {
      throw new Error('benchmark setup: the readers disagree about the baked credential');
    }
    const rivalMs = medianMs(() => rivalUnbake(png), runs);
    for (const [mode, options] of [
      ['all CRCs checked (same work as the rival)', { verifyAllCrcs: true }],
      ['default: pixel-data CRCs not checked', {}],
    ]) {
      const oursMs = medianMs(() => unbake(png, options), runs);
      const result = {
        case: `${layout}; ${mode}`,
        bytes: png.length,
        oursMBps: mbps(png.length, oursMs),
        rivalMBps: mbps(png.length, rivalMs),
        oursMs,
        rivalMs,
        ratio: rivalMs / oursMs,
      };
      cases.push(result);
      log(
        `unbake ${(png.length / 1024 / 1024).toFixed(0)} MB PNG (${result.case}): ${fmt(result.oursMBps)} MB/s, ${oursMs.toFixed(3)} ms ` +
          `(${RIVAL}: ${fmt(result.rivalMBps)} MB/s, ${rivalMs.toFixed(1)} ms; ${result.ratio.toFixed(1)}× faster)`,
      );
    }
  }
  return { bench: 'core-unbake', rival: RIVAL, runs, statistic: 'median', cases };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) run();
