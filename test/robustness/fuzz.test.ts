// Fuzz test of the whole pipeline (see fuzz.ts), in a worker thread watched for hangs. Fixed seed and a
// 12 s budget by default; DOSSIER_FUZZ_SEED and DOSSIER_FUZZ_MS change them, DOSSIER_FUZZ_CASES=N replays
// exactly the first N cases of a seed (what a failure message tells you to run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzFailure } from './fuzz';
import { fuzzBudgetMs, fuzzSeed, HANG_MS, preview, runGuarded } from './support';

test('fuzz: mutated and hostile texts through analysis, reports and a changing corpus', { timeout: fuzzBudgetMs() + 2 * HANG_MS }, async () => {
  const seed = fuzzSeed();
  const budgetMs = fuzzBudgetMs();
  const replay = process.env.DOSSIER_FUZZ_CASES ? Number(process.env.DOSSIER_FUZZ_CASES) : undefined;
  let current: { index: number; steps: string[] } = { index: -1, steps: [] };
  const replayHint = (index: number) => `replay: DOSSIER_FUZZ_SEED=${seed} DOSSIER_FUZZ_CASES=${index + 1} npm run test:robustness`;
  let result;
  try {
    // The watchdog allows the whole budget plus one generous case.
    result = await runGuarded('fuzz', { seed, budgetMs, minCases: 30, ...(replay ? { cases: replay } : {}) }, budgetMs + HANG_MS, (note) => {
      current = note as typeof current;
    });
  } catch (err) {
    assert.fail(`${(err as Error).message}; seed ${seed}, case ${current.index} (${current.steps.join('; ')}); ${replayHint(current.index)}`);
  }
  const failure = result.failure as FuzzFailure | undefined;
  if (failure) {
    // The text is kept whole beside the build output, for a debugger.
    const dir = join(process.cwd(), 'out', 'fuzz-failures');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `seed-${seed}-case-${failure.index}.txt`);
    writeFileSync(file, failure.text);
    assert.fail(
      [
        `fuzz case ${failure.index} of seed ${seed} failed (${failure.steps.join('; ')}):`,
        ...failure.problems.map((p) => `  ${p}`),
        `  after corpus steps: ${failure.corpusSteps.join(' | ')}`,
        `  text: ${preview(failure.text)} (whole text in ${file})`,
        `  ${replayHint(failure.index)}`,
      ].join('\n'),
    );
  }
  assert.ok(result.ok, (result.problems ?? []).join('\n'));
  console.log(`fuzz: seed ${seed}, ${String(result.cases)} cases in ${budgetMs / 1000} s budget`);
});
