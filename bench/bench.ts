// `npm run bench`: throughput and latency of the analysis engine, printed as tables.
// Input: the seed articles, plus CoNLL-2003 valid.txt news text from ../shared/eval/ when present
// (the benchmark says so and carries on with the seeds alone when it is absent).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../src/core/analyze';
import { Corpus } from '../src/core/corpus/corpus';

const root = process.cwd();
const seeds = ['seeds/putin-kim-visit-oped.txt', 'seeds/putin-kim-visit-news.txt'].map((p) => readFileSync(join(root, p), 'utf8'));

function conllDocuments(): string[] {
  const path = join(root, '..', 'shared', 'eval', 'conll2003', 'valid.txt');
  if (!existsSync(path)) {
    console.log(`(${path} not found: news-text rows use the seeds only)`);
    return [];
  }
  const docs: string[] = [];
  let sentences: string[] = [];
  let words: string[] = [];
  const flushSentence = () => {
    if (words.length) sentences.push(words.join(' '));
    words = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flushSentence();
      if (sentences.length) docs.push(sentences.join('\n'));
      sentences = [];
    } else if (!line.trim()) flushSentence();
    else words.push(line.split(' ')[0]);
  }
  flushSentence();
  if (sentences.length) docs.push(sentences.join('\n'));
  return docs;
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// Warm up the lexicon and the JIT.
for (let i = 0; i < 20; i++) for (const s of seeds) analyzeText(s);

const news = conllDocuments();
const workloads: [string, string[]][] = [['seed articles ×200', Array.from({ length: 200 }, (_, i) => seeds[i % 2])]];
if (news.length) workloads.push([`CoNLL-2003 valid (${news.length} docs)`, news]);

console.log('\n## Analysis throughput (entities, values, claims), in process\n');
console.log(row(['input', 'MB', 'seconds', 'MB/s', 'docs/s']));
console.log(row(['---', '---', '---', '---', '---']));
for (const [name, docs] of workloads) {
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  const t0 = performance.now();
  for (const d of docs) analyzeText(d);
  const s = (performance.now() - t0) / 1000;
  console.log(row([name, (bytes / 1e6).toFixed(2), s.toFixed(2), (bytes / 1e6 / s).toFixed(2), Math.round(docs.length / s)]));
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
