// Pathway evaluation time at 1k, 10k and 100k nodes: it should grow linearly.
// Build first: `npx tsc -b packages/core`. Run: `node bench/core-pathways.bench.mjs`.
//
// There is no rival pathway-evaluator library to compare against (Navigatr, Badgr and Credential
// Engine evaluate pathways server-side, with no published library), so the rival here is a
// naive evaluator written in this file: recursion over the tree, scanning every record at every
// leaf. It is measured in the same run, at the sizes where it finishes in reasonable time.
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compilePathway, evaluatePathway, validatePathway } from '../packages/core/dist/index.js';

// `COL_PATHWAY_SIZES=1000,10000` measures only those sizes (a quick look while changing things).
const SIZES = (process.env.COL_PATHWAY_SIZES ?? '1000,10000,100000').split(',').map(Number);
const FAN_OUT = 10;
const WARM_UP_MS = 1000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;
const AS_OF = new Date(T0 + 400 * DAY).toISOString();

/** A balanced tree of groups (fan-out 10, half need 5 of 10) over badge leaves; ≈ `size` nodes. */
function buildPathway(size) {
  let level = [];
  const leaves = Math.round(size * (1 - 1 / FAN_OUT));
  for (let k = 0; k < leaves; k++) level.push({ type: 'badge', id: `leaf-${k}`, badge: { id: `urn:badge:${k}` } });
  let groups = 0;
  while (level.length > 1) {
    const next = [];
    for (let k = 0; k < level.length; k += FAN_OUT) {
      const children = level.slice(k, k + FAN_OUT);
      const group = { type: 'group', id: `group-${groups}`, children };
      if (groups % 2 === 0) group.min = Math.ceil(children.length / 2);
      groups++;
      next.push(group);
    }
    level = next;
  }
  return { pathway: { id: 'bench', version: '1', name: 'Benchmark', root: level[0] }, nodes: leaves + groups, leaves };
}

/** Records for about half the badges (every other one), issued over a year. */
function buildRecords(leaves) {
  const records = [];
  for (let k = 0; k < leaves; k += 2) {
    records.push({ achievement: `urn:badge:${k}`, issuedOn: new Date(T0 + (k % 365) * DAY).toISOString(), status: 'claimed' });
  }
  return records;
}

/** The naive rival: recursive, and every leaf scans every record. Quadratic. */
function naiveEvaluate(node, records) {
  if (node.type === 'badge') {
    for (const r of records) if (r.achievement === node.badge.id && r.status !== 'revoked') return { satisfied: true, progress: 1 };
    return { satisfied: false, progress: 0 };
  }
  const results = node.children.map((child) => naiveEvaluate(child, records));
  const n = node.min ?? node.children.length;
  const done = results.filter((r) => r.satisfied).length;
  const best = results.map((r) => r.progress).sort((a, b) => b - a).slice(0, n);
  return { satisfied: done >= n, progress: done >= n ? 1 : best.reduce((a, b) => a + b, 0) / n };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** This process's CPU time so far (all its threads, the garbage collector's included), in ms. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * `ours` and `floor` in alternating runs after a warm-up; the median wall time of each, in ms,
 * and (as `cpu`) the median CPU time of each: on a machine shared with other work, wall time
 * also counts the time this process waited for a core, CPU time only the work it did.
 */
function alternate(ours, floor, runs) {
  // A second of warm-up, not 300 ms: on a loaded machine the JIT's background compilation waits
  // for a core, and at 1k nodes 300 ms ended with the code not yet optimized (runs E / F).
  const warmUntil = performance.now() + WARM_UP_MS;
  for (let k = 0; k < 5 || performance.now() < warmUntil; k++) {
    ours();
    floor();
  }
  const a = [];
  const b = [];
  const cpuA = [];
  const cpuB = [];
  for (let k = 0; k < runs; k++) {
    let start = performance.now();
    let cpu = cpuMs();
    ours();
    a.push(performance.now() - start);
    cpuA.push(cpuMs() - cpu);
    start = performance.now();
    cpu = cpuMs();
    floor();
    b.push(performance.now() - start);
    cpuB.push(cpuMs() - cpu);
  }
  const result = [median(a), median(b)];
  result.cpu = [median(cpuA), median(cpuB)];
  return result;
}

function time(fn, runs) {
  // Warm up until the JIT has settled: at least 5 runs and WARM_UP_MS.
  const warmUntil = performance.now() + WARM_UP_MS;
  for (let k = 0; k < 5 || performance.now() < warmUntil; k++) fn();
  const times = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const label = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));

/**
 * Measure one size in a fresh process: in one process, each size inherited the heap (and the
 * garbage) of the smaller ones, which made the per-node growth look worse than it is.
 */
function measureAlone(size) {
  return new Promise((resolve, reject) => {
    let row;
    const child = fork(fileURLToPath(import.meta.url), ['--size', String(size)], { stdio: 'inherit' });
    child.on('message', (message) => (row = message));
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 && row ? resolve(row) : reject(new Error(`the ${size}-node run exited with ${signal ?? `code ${code}`}`))));
  });
}

/** One size, in this process: the figures, printed and returned. */
function measureSize(size) {
  const { pathway, nodes, leaves } = buildPathway(size);
  const records = buildRecords(leaves);
  // More runs where a run is short: at 10k nodes a call takes a few milliseconds, and one
  // garbage collection (the parse's garbage as often as ours) lands in a run or not, so the
  // median of 9 moved by 2× between runs of the bench; the median of 31 moves far less.
  const runs = size >= 100_000 ? 5 : size >= 10_000 ? 31 : 51;
  const check = evaluatePathway(pathway, records, { asOf: AS_OF });
  const naive = size <= 10_000 ? naiveEvaluate(pathway.root, records) : undefined;
  if (naive && Math.abs(naive.progress - check.progress) > 1e-9) throw new Error(`naive and real disagree at ${size}`);
  // Floor: parsing the same input from JSON text (what any caller pays to receive it),
  // measured in alternating runs with the evaluation (the machine may be shared). Evaluation
  // runs on the parsed input, as a caller's does (JSON.parse makes flat strings; the builders
  // above make concatenated ones, which cost a hash-time flattening on first lookup).
  const text = JSON.stringify({ pathway, records });
  const input = JSON.parse(text);
  const oneShot = alternate(() => evaluatePathway(input.pathway, input.records, { asOf: AS_OF }), () => JSON.parse(text), size >= 100_000 ? 9 : runs);
  // A page that evaluates one pathway many times (many learners, or records arriving)
  // validates it once: compilePathway(), then evaluatePathway(compiled, records) each time.
  const pathwayText = JSON.stringify(pathway);
  const [compileMs, pathwayParseMs] = alternate(() => compilePathway(input.pathway), () => JSON.parse(pathwayText), size >= 100_000 ? 5 : runs);
  const compiled = compilePathway(input.pathway);
  const compiledRun = alternate(() => evaluatePathway(compiled, input.records, { asOf: AS_OF }), () => JSON.parse(text), size >= 100_000 ? 9 : runs);
  // The per-node results (`nodes`) are made when first read: a page that shows every node
  // (<col-pathway>, the server's milestone answer) pays for them too, so that is measured as well.
  const readRun = alternate(() => evaluatePathway(input.pathway, input.records, { asOf: AS_OF }).nodes, () => JSON.parse(text), size >= 100_000 ? 9 : runs);
  const [evaluateMs, parseMs] = oneShot;
  const [readMs, parseMs3] = readRun;
  const [compiledMs, parseMs2] = compiledRun;
  const validateMs = time(() => validatePathway(pathway), runs);
  const naiveMs = naive ? time(() => naiveEvaluate(pathway.root, records), size >= 10_000 ? 3 : 9) : undefined;
  const row = {
    nodes, records: records.length, evaluateMs, validateMs,
    perNodeUs: (evaluateMs * 1000) / nodes,
    perInputUs: (evaluateMs * 1000) / (nodes + records.length),
    progress: check.progress,
    parseMs,
    overParse: evaluateMs / parseMs,
    compileMs, compileOverPathwayParse: compileMs / pathwayParseMs,
    compiledEvaluateMs: compiledMs, compiledParseMs: parseMs2, compiledOverParse: compiledMs / parseMs2,
    compiledPerNodeUs: (compiledMs * 1000) / nodes,
    readEvaluateMs: readMs, readParseMs: parseMs3, readOverParse: readMs / parseMs3,
    readPerNodeUs: (readMs * 1000) / nodes,
    naiveMs,
    naiveOverOurs: naiveMs === undefined ? undefined : naiveMs / evaluateMs,
    // The same comparisons in CPU time (see alternate).
    cpu: {
      evaluateMs: oneShot.cpu[0], parseMs: oneShot.cpu[1], overParse: oneShot.cpu[0] / oneShot.cpu[1],
      perNodeUs: (oneShot.cpu[0] * 1000) / nodes, parsePerItemUs: (oneShot.cpu[1] * 1000) / (nodes + records.length),
      compiledEvaluateMs: compiledRun.cpu[0], compiledParseMs: compiledRun.cpu[1], compiledOverParse: compiledRun.cpu[0] / compiledRun.cpu[1],
      compiledPerNodeUs: (compiledRun.cpu[0] * 1000) / nodes,
      readEvaluateMs: readRun.cpu[0], readParseMs: readRun.cpu[1], readOverParse: readRun.cpu[0] / readRun.cpu[1],
      readPerNodeUs: (readRun.cpu[0] * 1000) / nodes,
    },
  };
  console.log(
    `${label(size).padStart(5)} nodes (${nodes}), ${records.length} records: evaluate ${evaluateMs.toFixed(2)} ms ` +
    `(validation alone ${validateMs.toFixed(2)} ms), ${row.perNodeUs.toFixed(3)} µs/node; ` +
    `floor: JSON.parse of the same input ${parseMs.toFixed(2)} ms → ${row.overParse.toFixed(2)}× the parse` +
    (naiveMs === undefined ? ', naive: skipped (quadratic)' : `, naive ${naiveMs.toFixed(2)} ms = ${row.naiveOverOurs.toFixed(1)}× ours`),
  );
  console.log(
    `${''.padStart(5)} compiled once (compilePathway ${compileMs.toFixed(2)} ms = ${row.compileOverPathwayParse.toFixed(2)}× JSON.parse of the pathway), ` +
    `then evaluatePathway(compiled, records) ${compiledMs.toFixed(2)} ms, ${row.compiledPerNodeUs.toFixed(3)} µs/node; ` +
    `floor: JSON.parse of pathway and records ${parseMs2.toFixed(2)} ms → ${row.compiledOverParse.toFixed(2)}× the parse`,
  );
  console.log(
    `${''.padStart(5)} evaluate and read every node's result (nodes) ${readMs.toFixed(2)} ms, ${row.readPerNodeUs.toFixed(3)} µs/node; ` +
    `floor: JSON.parse of pathway and records ${parseMs3.toFixed(2)} ms → ${row.readOverParse.toFixed(2)}× the parse`,
  );
  console.log(
    `${''.padStart(5)} in CPU time: evaluate ${row.cpu.evaluateMs.toFixed(2)} ms vs the parse ${row.cpu.parseMs.toFixed(2)} ms → ${row.cpu.overParse.toFixed(2)}×; ` +
    `compiled ${row.cpu.compiledEvaluateMs.toFixed(2)} ms vs ${row.cpu.compiledParseMs.toFixed(2)} ms → ${row.cpu.compiledOverParse.toFixed(2)}×; ` +
    `reading every node ${row.cpu.readEvaluateMs.toFixed(2)} ms vs ${row.cpu.readParseMs.toFixed(2)} ms → ${row.cpu.readOverParse.toFixed(2)}×`,
  );
  return row;
}

export async function run() {
  console.log('Pathway evaluation (validate + evaluate, and compiled once + evaluate), balanced tree of groups with badge leaves, records for ~half the badges.');
  console.log('No rival pathway evaluator library exists; the rival is a naive evaluator (every leaf scans every record). Each size runs in a process of its own.');
  const sizes = [];
  for (const size of SIZES) sizes.push(await measureAlone(size));
  const ratios = {};
  for (let k = 1; k < sizes.length; k++) {
    const key = `${label(SIZES[k])}/${label(SIZES[k - 1])}`;
    ratios[key] = sizes[k].evaluateMs / sizes[k - 1].evaluateMs;
    const nodesRatio = sizes[k].nodes / sizes[k - 1].nodes;
    const cpuGrowth = sizes[k].cpu.perNodeUs / sizes[k - 1].cpu.perNodeUs;
    const cpuCompiledGrowth = sizes[k].cpu.compiledPerNodeUs / sizes[k - 1].cpu.compiledPerNodeUs;
    const cpuReadGrowth = sizes[k].cpu.readPerNodeUs / sizes[k - 1].cpu.readPerNodeUs;
    const cpuParseGrowth = sizes[k].cpu.parsePerItemUs / sizes[k - 1].cpu.parsePerItemUs;
    ratios[`${key} cpu per node`] = cpuGrowth;
    ratios[`${key} cpu per node, compiled`] = cpuCompiledGrowth;
    ratios[`${key} cpu per node, reading nodes`] = cpuReadGrowth;
    ratios[`${key} cpu per item, JSON.parse`] = cpuParseGrowth;
    console.log(
      `${key} in CPU time: per node ${cpuGrowth.toFixed(2)}×, compiled ${cpuCompiledGrowth.toFixed(2)}×, reading every node ${cpuReadGrowth.toFixed(2)}×; ` +
      `JSON.parse's own per-item cost in the same runs ${cpuParseGrowth.toFixed(2)}× (ours relative to it: ${(cpuGrowth / cpuParseGrowth).toFixed(2)}×, compiled ${(cpuCompiledGrowth / cpuParseGrowth).toFixed(2)}×)`,
    );
    console.log(`${key} = ${ratios[key].toFixed(1)}× time for ${nodesRatio.toFixed(1)}× nodes (linear ≈ ${nodesRatio.toFixed(0)}×; per node ${(sizes[k].perNodeUs / sizes[k - 1].perNodeUs).toFixed(2)}×, compiled ${(sizes[k].compiledPerNodeUs / sizes[k - 1].compiledPerNodeUs).toFixed(2)}×, reading every node ${(sizes[k].readPerNodeUs / sizes[k - 1].readPerNodeUs).toFixed(2)}×; the parse per input item ${((sizes[k].parseMs / (sizes[k].nodes + sizes[k].records)) / (sizes[k - 1].parseMs / (sizes[k - 1].nodes + sizes[k - 1].records))).toFixed(2)}×)`);
  }
  return { sizes, ratios };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--size N` is one size in a process of its own (see measureAlone), answering its parent.
  if (process.argv[2] === '--size' && process.send) {
    const row = measureSize(Number(process.argv[3]));
    process.send(row, () => process.exit(0));
  } else await run();
}
