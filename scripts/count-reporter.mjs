// A node:test reporter that writes only the totals, as JSON, for scripts/test.mjs to add up.
// Failed files (which never reach a test) count as failures through their file-level event.
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    // Suites report as tests too; count leaves only, but a failing file/suite with no
    // passing children (e.g. a syntax error) is a failure of its own.
    if (data.details?.type === 'suite') {
      if (event.type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed') failed++;
      continue;
    }
    if (data.skip || data.todo) skipped++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield JSON.stringify({ passed, failed, skipped });
}
