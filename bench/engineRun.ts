// One engine over one JSON-lines file of articles, in a process of its own so that its peak memory is
// its own: `node dist/bench-run.js dossier|compromise FILE` prints {"mb","seconds","articles","peakRssMb"};
// `workspace FILE` indexes the articles as one workspace (bench/workspaceRun.ts); `responsiveness …` measures
// the event loop while indexing and typing (bench/responsivenessRun.ts).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../src/core/analyze';
import { runResponsiveness } from './responsivenessRun';
import { indexWorkspace } from './workspaceRun';

const [engine, file] = process.argv.slice(2);
if (engine === 'responsiveness') {
  runResponsiveness(process.argv.slice(3)).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
} else if (engine === 'workspace') {
  process.stdout.write(`${JSON.stringify(indexWorkspace(file))}\n`);
  process.exit(0);
} else measureEngine();

function measureEngine(): void {
  const texts = readFileSync(file, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
  // Loaded only to be measured: the workspace and responsiveness runs must not carry its memory.
  type Nlp = typeof import('compromise');
  const loaded = engine === 'compromise' ? (require('compromise') as Nlp | { default: Nlp }) : undefined;
  const nlp = loaded && ('default' in loaded ? loaded.default : loaded);
  const run = nlp
    ? (text: string) => {
        const doc = nlp(text);
        return doc.people().length + doc.organizations().length + doc.places().length;
      }
    : (text: string) => analyzeText(text).entities.length;
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const t0 = performance.now();
  let found = 0;
  for (const text of texts) found += run(text);
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify({ mb: bytes / 1e6, seconds, articles: texts.length, found, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}
