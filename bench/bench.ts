// `npm run bench`: throughput, latency and memory of the analysis engine, printed as tables, with
// compromise (the usual in-process JavaScript NER) measured on the same text in the same run.
// Input: the seed articles, plus news text from ../shared/eval/ when present (PolNeAR article texts for
// the 1 MB and 10 MB runs, CoNLL-2003 for the batch run); the benchmark says so and carries on with the
// seeds alone when it is absent. Takes a few minutes: compromise needs about 100 s for 10 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readConll } from '../scripts/conll';
import { analyzeText } from '../src/core/analyze';
import { Corpus } from '../src/core/corpus/corpus';
import type { WorkspaceRun } from './workspaceRun';

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

/** PolNeAR article texts, repeated as needed, cut at `megabytes`; written as JSON lines to a temp file. */
function polnearFile(dir: string, megabytes: number): string | undefined {
  const path = join(root, '..', 'shared', 'eval', 'polnear', 'dev.jsonl');
  if (!existsSync(path)) return undefined;
  const articles = readFileSync(path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
  const lines: string[] = [];
  let bytes = 0;
  for (let k = 0; bytes < megabytes * 1e6; k++) {
    const text = articles[k % articles.length];
    lines.push(JSON.stringify({ id: String(k), text }));
    bytes += Buffer.byteLength(text);
  }
  const file = join(dir, `polnear-${megabytes}mb.jsonl`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** `count` articles from ECB+ (tokens joined as the ECB+ scorer writes them) and PolNeAR, in turn, as JSON lines. */
function workspaceFile(dir: string, count: number): string | undefined {
  const ecb = join(root, '..', 'shared', 'eval', 'ecbplus', 'dev.jsonl');
  const polnear = join(root, '..', 'shared', 'eval', 'polnear', 'dev.jsonl');
  if (!existsSync(ecb) || !existsSync(polnear)) return undefined;
  const lines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text?: string; sentences?: string[][] });
  const ecbTexts = lines(ecb).map((d) => (d.sentences ?? []).map((s) => s.join(' ')).join('\n'));
  const polnearTexts = lines(polnear).map((d) => d.text ?? '');
  const texts: string[] = [];
  for (let k = 0; texts.length < count; k++) texts.push(k % 2 === 0 ? ecbTexts[(k >> 1) % ecbTexts.length] : polnearTexts[(k >> 1) % polnearTexts.length]);
  const file = join(dir, 'workspace.jsonl');
  writeFileSync(file, `${texts.map((text, id) => JSON.stringify({ id: String(id), text })).join('\n')}\n`);
  return file;
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

const scratch = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
try {
  const inputs = [1, 10].map((mb) => [mb, polnearFile(scratch, mb)] as const);
  if (inputs.some(([, f]) => !f)) console.log('(../shared/eval/polnear/dev.jsonl not found: the news-text table is skipped)');
  else {
    console.log('\n## News text (PolNeAR articles): Dossier (entities, dates, quantities, claims) vs compromise (people, organizations, places), one process each\n');
    console.log(row(['input', 'engine', 'MB/s', 'ms per 5 KB article', 'peak RSS MB', 'Dossier ÷ compromise']));
    console.log(row(['---', '---', '---', '---', '---', '---']));
    for (const [mb, file] of inputs) {
      const results: Record<string, { mb: number; seconds: number; peakRssMb: number }> = {};
      for (const engine of ['dossier', 'compromise']) {
        const r = spawnSync(process.execPath, [join(root, 'dist', 'bench-run.js'), engine, file as string], { encoding: 'utf8', maxBuffer: 1 << 24 });
        if (r.status !== 0) throw new Error(`${engine} run failed: ${r.stderr}`);
        results[engine] = JSON.parse(r.stdout);
      }
      for (const engine of ['dossier', 'compromise']) {
        const x = results[engine];
        const speed = x.mb / x.seconds;
        const ratio = engine === 'dossier' ? `${(speed / (results.compromise.mb / results.compromise.seconds)).toFixed(0)}×` : '';
        console.log(row([`${mb} MB`, engine === 'dossier' ? 'Dossier' : 'compromise', speed.toFixed(2), ((x.seconds * 1000 * 0.005) / x.mb).toFixed(2), x.peakRssMb.toFixed(0), ratio]));
      }
    }
  }
  const workspace = workspaceFile(scratch, 2000);
  if (!workspace) console.log('\n(../shared/eval/ecbplus or polnear not found: the workspace table is skipped)');
  else {
    console.log('\n## Workspace of 2,000 news articles (ECB+ and PolNeAR texts), indexed in one process\n');
    const r = spawnSync(process.execPath, [join(root, 'dist', 'bench-run.js'), 'workspace', workspace], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`workspace run failed: ${r.stderr}`);
    const w = JSON.parse(r.stdout) as WorkspaceRun;
    console.log(row(['articles', 'MB', 'first pass s', 'second pass (workspace names) s', 'articles analysed again', 'link and group s', 'index total s', 'entities', 'claim groups', 'one article changed ms (analyse + relink + regroup)', 'peak RSS MB']));
    console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---']));
    const total = (w.firstPassMs + w.secondPassMs + w.linkMs) / 1000;
    const change = `${w.changeMs.toFixed(0)} (${w.analyseMs.toFixed(0)} + ${w.relinkMs.toFixed(0)} + ${(w.changeMs - w.analyseMs - w.relinkMs).toFixed(0)})`;
    console.log(row([w.articles, w.mb.toFixed(1), (w.firstPassMs / 1000).toFixed(2), (w.secondPassMs / 1000).toFixed(2), w.reanalysed, (w.linkMs / 1000).toFixed(2), total.toFixed(2), w.entities, w.claimGroups, change, w.peakRssMb.toFixed(0)]));
    responsiveness(workspace);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log('\n## In process, after warm-up\n');
console.log(row(['input', 'MB', 'Dossier MB/s']));
console.log(row(['---', '---', '---']));
for (const [name, docs] of workloads) {
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
  console.log(row([name, (bytes / 1e6).toFixed(2), (bytes / 1e6 / timeRun(docs, analyzeText)).toFixed(2)]));
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
  const groups = corpus.claimGroupCount();
  console.log(row([n, entities, groups, (performance.now() - t0).toFixed(1)]));
}

/**
 * Issue 7: how long the thread that owns the index (the extension host's) is blocked while a workspace is
 * indexed and while a 1 MB document is typed in, each way side by side; and the memory of 20,000 documents.
 */
function responsiveness(workspace: string): void {
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(root, 'dist', 'bench-run.js'), 'responsiveness', ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`responsiveness ${args[0]} failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const ms = (x: number) => x.toFixed(0);
  console.log('\n## A scan as the extension makes it (analysis in the worker, a few files in flight), 2,000 articles: time, memory and event-loop delay of the indexing thread\n');
  console.log(row(['end-of-scan relink', 'first pass s', 'second pass s', 'articles analysed again', 'relink s', 'index total s', 'entities', 'claim groups', 'peak RSS MB', 'delay p50 ms', 'p95 ms', 'p99 ms', 'max ms']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---']));
  const s = (x: number) => (x / 1000).toFixed(1);
  for (const mode of ['relink', 'slices']) {
    const r = run('index', workspace, mode);
    console.log(row([mode === 'relink' ? 'at once (relink)' : 'in slices (relinkInSlices)', s(r.analysedMs), s(r.secondPassMs), r.reanalysed, s(r.relinkMs), s(r.totalMs), r.entities, r.claimGroups, ms(r.peakRssMb), ms(r.delay.p50), ms(r.delay.p95), ms(r.delay.p99), ms(r.delay.max)]));
  }
  console.log('\n## Responsiveness: typing in a 1 MB document (40 edits, analysis in the worker)\n');
  console.log('Marks: from the edit (after the debounce) to the new spans to draw: the preview of the changed chunks when one comes, else the analysis. Result: to the analysis in the corpus (hovers, views).\n');
  console.log(row(['analysis', 'edit to marks p50 ms', 'p95 ms', 'edit to result p50 ms', 'p95 ms', 'p99 ms', 'main thread per edit p95 ms', 'event-loop delay max ms']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---', '---']));
  const typingModes: Record<string, string> = { whole: 'whole text each time, typing a name', chunked: 'changed chunks only, typing a name', 'chunked-word': 'changed chunks only, typing an ordinary word' };
  for (const [mode, label] of Object.entries(typingModes)) {
    const r = run('typing', workspace, mode);
    console.log(row([label, ms(r.marks.p50), ms(r.marks.p95), ms(r.latency.p50), ms(r.latency.p95), ms(r.latency.p99), ms(r.mainThread.p95), ms(r.delay.max)]));
  }
  console.log('\n## Memory: documents indexed in one process (analyses, links, claim groups)\n');
  console.log('As a scan indexes them: analysed and packed in the worker (its memory counts: a thread of the same process), the links held, one relink in slices at the end; no second pass (the copies add no names). And each analysed on the indexing thread itself, set as objects.\n');
  console.log(row(['documents', 'analysed', 'index s', 'heap MB (indexing thread)', 'peak RSS MB (process)', 'entities']));
  console.log(row(['---', '---', '---', '---', '---', '---']));
  for (const n of [2_000, 20_000]) {
    for (const how of ['worker', 'inprocess']) {
      const r = run('memory', workspace, String(n), how);
      console.log(row([n, how === 'worker' ? 'in the worker, packed there' : 'on the indexing thread', r.seconds.toFixed(0), ms(r.heapMb), ms(r.peakRssMb), r.entities]));
    }
  }
}
