// @citiesoflearning/server: GET /api/v1/insight over a place with a million credentials (seeded
// straight into SQLite in one transaction, the way the server's own writes leave them: the
// triggers keep the monthly counts as rows go in). Each breakdown is timed end to end through
// the app (query, suppression, JSON), against the rival: the same counts by a GROUP BY over the
// credentials table, which is what insight would cost without the monthly counts. Medians.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createApp } from '@citiesoflearning/server';

const ADMIN = 'bench-admin-key-0123456789abcdef';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run({ credentials = 1_000_000, runs = 7, log = console.log } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'col-insight-bench-'));
  const { app, context, close } = await createApp({ baseUrl: 'http://127.0.0.1:9', dataDir, adminKey: ADMIN, demo: true });
  try {
    const db = context.sql;
    // A big page cache for the one seeding transaction (five indexes over a million rows).
    await db.run('PRAGMA cache_size = -400000');
    const achievements = await db.all('SELECT key, issuer_key FROM achievements ORDER BY key');
    const insert =
      "INSERT INTO credentials (key, achievement_key, issuer_key, state, source, revocation_index, suspension_index, issued_at, revoked_at) VALUES (?, ?, ?, 'issued', ?, ?, ?, ?, ?)";
    const started = performance.now();
    await db.transaction(async (tx) => {
      for (let i = 0; i < credentials; i++) {
        const a = achievements[i % achievements.length];
        const month = String((i % 12) + 1).padStart(2, '0');
        const day = String((i % 28) + 1).padStart(2, '0');
        // Status indexes far above the demo's own, so they never collide.
        await tx.run(insert, `bench-${i}`, a.key, a.issuer_key, i % 3 ? 'code' : 'admin', 1_000_000 + i, 1_000_000 + i, `2026-${month}-${day}T10:00:00Z`, i % 97 === 0 ? `2026-${month}-${day}T12:00:00Z` : null);
      }
    });
    log(`seeded ${credentials.toLocaleString('en-GB')} credentials in ${((performance.now() - started) / 1000).toFixed(1)} s (one transaction, triggers counting)`);

    const cases = [];
    const rival =
      "SELECT achievement_key, substr(issued_at, 1, 7) AS month, count(*) AS issued, sum(source IN ('code', 'ticket')) AS claimed FROM credentials WHERE issued_at >= '2026-01' AND issued_at < '2027-01' AND state = 'issued' GROUP BY 1, 2";
    const rivalTimes = [];
    for (let r = 0; r < Math.max(3, Math.ceil(runs / 2)); r++) {
      const t = performance.now();
      await db.all(rival);
      rivalTimes.push(performance.now() - t);
    }
    const rivalMs = median(rivalTimes);
    for (const by of ['achievement', 'skill', 'priority', 'provider', 'area', 'month']) {
      const times = [];
      let table;
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        const res = await app.request(`/api/v1/insight?by=${by}&from=2026-01&to=2026-12`, { headers: { authorization: `Bearer ${ADMIN}` } });
        table = await res.json();
        times.push(performance.now() - t);
      }
      const oursMs = median(times);
      cases.push({ case: `by=${by}`, oursMs, rivalMs, ratio: rivalMs / oursMs, totalIssued: table.totals.issued.value });
      log(`insight by=${by} over ${credentials.toLocaleString('en-GB')} credentials: ${oursMs.toFixed(1)} ms (GROUP BY over credentials alone: ${rivalMs.toFixed(0)} ms; ${(rivalMs / oursMs).toFixed(0)}× faster)`);
    }
    return { bench: 'server-insight', rival: 'GROUP BY over the credentials table', credentials, runs, statistic: 'median', cases };
  } finally {
    await close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) run();
