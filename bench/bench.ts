// `npm run bench`: throughput and latency of the analysis engine, printed as tables, with compromise
// (the usual in-process JavaScript NER) measured on the same text in the same run.
// Input: the seed articles, plus CoNLL-2003 news text (train.txt, valid.txt) from ../shared/eval/ when
// present (the benchmark says so and carries on with the seeds alone when it is absent).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import nlp from 'compromise';
import { readConll } from '../scripts/conll';
import { analyzeText } from '../src/core/analyze';
import { Corpus } from '../src/core/corpus/corpus';

const root = process.cwd();
const seeds = ['seeds/putin-kim-visit-oped.txt', 'seeds/putin-kim-visit-news.txt'].map((p) => readFileSync(join(root, p), 'utf8'));

function conllDocuments(file: string): string[] {
  const path = join(root, '..', 'shared', 'eval', 'conll2003', file);
  if (!existsSync(path)) {
    console.log(`(${path} not found: news-text rows use the seeds only)`);
    return [];
  }
  return readConll(path).map((d) => d.text);
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// Warm up the lexicon and the JIT.
for (let i = 0; i < 20; i++) for (const s of seeds) analyzeText(s);

const news = conllDocuments('valid.txt');
const train = conllDocuments('train.txt');
const workloads: [string, string[]][] = [['seed articles ×200', Array.from({ length: 200 }, (_, i) => seeds[i % 2])]];
if (news.length) workloads.push([`CoNLL-2003 valid (${news.length} docs)`, news]);

function timeRun(docs: string[], analyse: (text: string) => void): number {
  const t0 = performance.now();
  for (const d of docs) analyse(d);
  return (performance.now() - t0) / 1000;
}

function compromiseEntities(text: string): number {
  const doc = nlp(text);
  return doc.people().length + doc.organizations().length + doc.places().length;
}

// compromise is about two orders of magnitude slower: it gets a slice of each workload, and MB/s is compared.
console.log('\n## Throughput in process: Dossier (entities, dates, quantities, claims) vs compromise (people, organizations, places)\n');
console.log(row(['input', 'MB', 'Dossier MB/s', 'compromise MB/s (on the first 0.1 MB)', 'Dossier ÷ compromise']));
console.log(row(['---', '---', '---', '---', '---']));
for (const [name, docs] of workloads) {
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  const dossier = bytes / 1e6 / timeRun(docs, analyzeText);
  const slice: string[] = [];
  let sliceBytes = 0;
  for (const d of docs) {
    if (sliceBytes > 100_000) break;
    slice.push(d);
    sliceBytes += Buffer.byteLength(d);
  }
  compromiseEntities(slice[0]);
  const other = sliceBytes / 1e6 / timeRun(slice, compromiseEntities);
  console.log(row([name, (bytes / 1e6).toFixed(2), dossier.toFixed(2), other.toFixed(3), `${(dossier / other).toFixed(0)}×`]));
}

// The batch contract as the scorers use it: one process, start-up and JSON included.
if (train.length) {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  try {
    const input = join(dir, 'input.jsonl');
    const lines = [...train, ...train, ...train].map((text, i) => JSON.stringify({ id: String(i), text }));
    writeFileSync(input, `${lines.join('\n')}\n`);
    const mb = Buffer.byteLength(readFileSync(input)) / 1e6;
    console.log('\n## Whole process: `node dist/cli.js analyze --jsonl` on CoNLL-2003 train.txt ×3\n');
    console.log(row(['MB', 'run 1 s', 'run 2 s', 'run 3 s', 'best MB/s']));
    console.log(row(['---', '---', '---', '---', '---']));
    const times: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'analyze', '--jsonl'], { input: readFileSync(input), maxBuffer: 1 << 30 });
      if (r.status !== 0) throw new Error(`cli failed: ${r.stderr}`);
      times.push((performance.now() - t0) / 1000);
    }
    console.log(row([mb.toFixed(2), ...times.map((t) => t.toFixed(2)), (mb / Math.min(...times)).toFixed(2)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Cold start: a fresh process loads the lexicons and the entity model on its first analysis.
const cold = spawnSync(process.execPath, ['-e', `const t0 = performance.now(); const { analyzeText } = require(${JSON.stringify(join(root, 'dist', 'engine.js'))}); analyzeText('Vladimir Putin met Kim Jong Un.'); console.log((performance.now() - t0).toFixed(1));`], { encoding: 'utf8' });
if (cold.status === 0) {
  console.log('\n## Cold start: load the engine (lexicons, entity model) and analyse one sentence, fresh process\n');
  console.log(row(['ms']));
  console.log(row(['---']));
  console.log(row([cold.stdout.trim()]));
}

console.log('\n## Latency of one article (after warm-up)\n');
console.log(row(['input', 'size', 'p50 ms', 'p95 ms', 'max ms']));
console.log(row(['---', '---', '---', '---', '---']));
for (const [i, s] of seeds.entries()) {
  const times: number[] = [];
  for (let k = 0; k < 200; k++) {
    const t0 = performance.now();
    analyzeText(s);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(row([`seed ${i + 1}`, `${(s.length / 1024).toFixed(1)} KB`, percentile(times, 50).toFixed(2), percentile(times, 95).toFixed(2), times[times.length - 1].toFixed(2)]));
}

console.log('\n## Corpus: link entities and group claims\n');
console.log(row(['documents', 'entities', 'claim groups', 'ms']));
console.log(row(['---', '---', '---', '---']));
const analyses = (news.length ? news : seeds).map((d) => analyzeText(d));
for (const n of [10, 100, analyses.length].filter((x, i, a) => x <= analyses.length && a.indexOf(x) === i)) {
  const corpus = new Corpus();
  for (let k = 0; k < n; k++) corpus.set(`doc${k}`, analyses[k]);
  const t0 = performance.now();
  const entities = corpus.entities().length;
  const groups = corpus.claimGroups().length;
  console.log(row([n, entities, groups, (performance.now() - t0).toFixed(1)]));
}
