// Worker thread of the robustness tests (see runGuarded in support.ts): does one task on data it is given
// and posts the result, so the test's own thread can stop it when it hangs.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText } from '../../src/core/analyze';
import { parseAnnotations } from '../../src/core/curation/annotations';
import { fuzz } from './fuzz';
import { contractViolations, readSeeds, type TaskName, type TaskResult } from './support';

const { task, payload } = workerData as { task: TaskName; payload: Record<string, unknown> };

async function run(): Promise<TaskResult> {
  switch (task) {
    case 'analyze': {
      const text = payload.text as string;
      const a = analyzeText(text);
      const problems = contractViolations(text, a);
      return { ok: problems.length === 0, problems: problems.slice(0, 20), sentences: a.sentences.length, entities: a.entities.length, claims: a.claims.length };
    }
    case 'parseAnnotations': {
      const r = parseAnnotations(payload.text as string);
      return r.ok ? { ok: true, accepted: true } : { ok: true, accepted: false, errors: r.errors.slice(0, 20), errorCount: r.errors.length };
    }
    case 'fuzz': {
      const options = payload as { seed: number; budgetMs: number; minCases: number; cases?: number };
      const result = await fuzz(readSeeds(), { ...options, progress: (index, steps) => parentPort?.postMessage({ progress: { index, steps } }) });
      return { ok: !result.failure, cases: result.cases, failure: result.failure };
    }
    default:
      throw new Error(`unknown task ${String(task)}`);
  }
}

run().then(
  (result) => parentPort?.postMessage({ result }),
  (err: unknown) => parentPort?.postMessage({ result: { ok: false, problems: [`threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`] } }),
);
