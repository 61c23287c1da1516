// node --test reporter that prints only a final "N passed, N failed" line (tests, not suites; skipped
// and todo tests count as neither). Used beside the spec reporter by scripts/test.mjs.
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { details, skip, todo } = event.data;
    if (details?.type === 'suite' || skip || todo) continue;
    if (event.type === 'test:pass') passed++;
    else failed++;
  }
  yield `${passed} passed, ${failed} failed\n`;
}
