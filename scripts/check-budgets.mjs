#!/usr/bin/env node
// The up-front size budgets (rollup.config.mjs `budgets`, from the element issues), enforced by
// `npm test`: each budgeted entry is bundled and measured exactly as the bundle-size bench does
// (its `measure`, imported), and a build over budget fails with the figures.
//
//   node scripts/check-budgets.mjs                          every budget in rollup.config.mjs
//   node scripts/check-budgets.mjs --budget NAME=BYTES…     only these entries, at these budgets
//                                                           (a test proves an over-budget build fails)
//
// Needs the built dist/ (`npm run build`). Exit code 0 within budget, 1 over, 2 usage.
import { measure } from '../bench/bundle-size.bench.mjs';
import { budgets, entries } from '../rollup.config.mjs';

const overrides = {};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const match = args[i] === '--budget' ? /^([\w-]+)=(\d+)$/.exec(args[++i] ?? '') : null;
  if (!match || !(match[1] in entries)) {
    console.error(`check-budgets: expected --budget NAME=BYTES with NAME one of ${Object.keys(entries).join(', ')}`);
    process.exit(2);
  }
  overrides[match[1]] = Number(match[2]);
}
const limits = Object.keys(overrides).length ? overrides : budgets;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let over = 0;
for (const [name, budget] of Object.entries(limits)) {
  const { entryGzip } = await measure(entries[name]);
  if (entryGzip <= budget) {
    console.log(`✓ ${name}: ${kb(entryGzip)} gzip up front (${entryGzip} B), within its budget of ${kb(budget)} (${budget} B)`);
  } else {
    over++;
    console.error(`✗ ${name}: ${kb(entryGzip)} gzip up front (${entryGzip} B) is OVER its budget of ${kb(budget)} (${budget} B) by ${entryGzip - budget} B`);
  }
}
process.exit(over ? 1 : 0);
