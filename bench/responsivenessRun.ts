// How responsive the thread that owns the workspace index stays (the extension host's, in VS Code), measured
// in plain Node with the extension's own analysis worker (dist/worker.js):
// - `index FILE relink|slices`: a scan as WorkspaceIndex makes it: every article analysed and packed in the worker (the
//   extension's WorkerClient, a few in flight) and put into the corpus on this thread, the views refreshed every
//   50 ms as the extension refreshes them, the second pass with the workspace's names, then the full relink of
//   the end of a scan, either at once (relink) or in slices (relinkInSlices). Event-loop delay histogram over
//   the whole run; the scan's time and peak memory.
// - `typing FILE whole|chunked|chunked-word`: one 1 MB document built from the articles, edited 40 times at
//   seeded random places, each edit typing a name (" Merkel": the document's entities change) or, with
//   chunked-word, an ordinary word (" quickly"); each version analysed in the worker (whole, or chunk by
//   chunk) and put into the corpus. Latency
//   from the edit (after the debounce) to the new analysis in the corpus, and the event-loop delay.
// - `memory FILE COUNT worker|inprocess`: COUNT documents (the articles, repeated with a line that makes each
//   copy unique) indexed as a scan's first pass indexes them (worker), or analysed on this thread (inprocess);
//   heap and peak RSS of the process.
// Prints one JSON line.
import { mkdtempSync, readFile, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { analyzeText } from '../src/core/analyze';
import { Corpus } from '../src/core/corpus/corpus';
import { prepareLinking } from '../src/core/corpus/entityLinker';
import { CLAIM_FIELDS, MENTION_FIELDS, previewOf, type SpanPreview } from '../src/core/chunked';
import { lineAt, lineStarts } from '../src/core/text/lines';
import { WorkerClient } from '../src/extension/workerClient';
import { forEachInFlight, SCAN_IN_FLIGHT } from '../src/extension/inFlight';
import { mayFindKnownNames } from '../src/core/corpus/workspaceNames';

function readArticles(file: string): string[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
}

interface Delay {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function delayStats(h: ReturnType<typeof monitorEventLoopDelay>): Delay {
  const ms = (ns: number) => ns / 1e6;
  return { p50: ms(h.percentile(50)), p95: ms(h.percentile(95)), p99: ms(h.percentile(99)), max: ms(h.max) };
}

function percentiles(values: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] };
}

/**
 * Like the extension: after a change, the views ask for entities, and the CodeLens of an open document for
 * its conflicts (which builds the claim groups), 50 ms later.
 */
function viewRefresher(corpus: Corpus): { changed(): void; stop(): void; refreshes: () => number } {
  let timer: NodeJS.Timeout | undefined;
  let refreshes = 0;
  return {
    changed() {
      timer ??= setTimeout(() => {
        timer = undefined;
        refreshes++;
        corpus.entities();
        corpus.conflicts('doc0');
      }, 50);
    },
    stop() {
      if (timer) clearTimeout(timer);
    },
    refreshes: () => refreshes,
  };
}

async function index(file: string, relink: 'relink' | 'slices') {
  // The articles as a workspace's files, read when their turn comes as the extension reads them: it holds no
  // text between the passes (holding all 2,000 here added about 10 MB of heap to the scan's memory).
  const folder = mkdtempSync(join(tmpdir(), 'dossier-scan-'));
  const files = readArticles(file).map((text, i) => {
    const path = join(folder, `article${i}.txt`);
    writeFileSync(path, text);
    return path;
  });
  const read = (i: number) => new Promise<string>((resolve, reject) => readFile(files[i], 'utf8', (err, text) => (err ? reject(err) : resolve(text))));
  // The extension's own client of its worker: the scan's requests, second pass included, go as they go there.
  const worker = new WorkerClient(join(__dirname, 'worker.js'));
  // The client's worker does not keep a process alive (the editor's is); this run's timer does.
  const alive = setInterval(() => undefined, 1000);
  const corpus = new Corpus();
  const views = viewRefresher(corpus);
  // As WorkspaceIndex.scanWorkspace, before its first file.
  prepareLinking();
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const t0 = performance.now();
  const fullRelink = async () => {
    if (relink === 'relink') corpus.relink();
    else await corpus.relinkInSlices();
    corpus.entities();
    corpus.conflicts('doc0');
  };
  // As WorkspaceIndex.scanWorkspace: the links held while the files come, a few files in flight, each put into
  // the index as its analysis comes.
  const releaseLinks = corpus.holdLinks();
  await forEachInFlight(files, SCAN_IN_FLIGHT, () => false, async (_, i) => {
    corpus.setPacked(`doc${i}`, await worker.analyzeFile(await read(i)));
    views.changed();
  });
  const analysedMs = performance.now() - t0;
  // The second pass, as WorkspaceIndex.applyKnownNames: the workspace's names (counted as the documents came,
  // with no links) go to the documents they may change.
  const names = corpus.knownNames();
  worker.setKnownNames(names);
  let reanalysed = 0;
  // Last read first, as there.
  const order = files.map((_, i) => files.length - 1 - i);
  await forEachInFlight(order, SCAN_IN_FLIGHT, () => false, async (i) => {
    // The extension reads the file first: each document's turn comes in an event of its own.
    const text = await read(i);
    const held = corpus.documentMentions(`doc${i}`);
    if (!held || !mayFindKnownNames(text, held, names)) return;
    const again = await worker.reanalyze(text, held);
    if (!again) return;
    reanalysed++;
    corpus.setPacked(`doc${i}`, again);
    views.changed();
  });
  releaseLinks();
  // As there: the worker ended before the relink.
  worker.recycle();
  const secondPassMs = performance.now() - t0 - analysedMs;
  const t1 = performance.now();
  await fullRelink();
  const relinkMs = performance.now() - t1;
  // The histogram records a block when the loop turns again: let it turn before it stops.
  await new Promise((resolve) => setTimeout(resolve, 20));
  views.stop();
  histogram.disable();
  worker.dispose();
  clearInterval(alive);
  const totalMs = performance.now() - t0;
  rmSync(folder, { recursive: true, force: true });
  return { articles: files.length, relink, analysedMs, secondPassMs, reanalysed, relinkMs, totalMs, refreshes: views.refreshes(), entities: corpus.entities().length, claimGroups: corpus.claimGroupCount(), peakRssMb: process.resourceUsage().maxRSS / 1024, delay: delayStats(histogram) };
}

/**
 * What the editor does with a preview: each span turned into line and column (as TextDocument.positionAt, the
 * line starts counted here from scratch) and sorted into its category.
 */
function sortPreview(text: string, preview: SpanPreview): Map<number, number[]> {
  const starts = lineStarts(text);
  const position = (offset: number) => {
    const line = lineAt(starts, offset);
    return [line, offset - starts[line]];
  };
  const out = new Map<number, number[]>();
  const add = (category: number, start: number, end: number) => {
    const list = out.get(category) ?? [];
    list.push(...position(start), ...position(end));
    out.set(category, list);
  };
  for (let k = 0; k < preview.mentions.length; k += MENTION_FIELDS) add(preview.mentions[k + 2], preview.mentions[k], preview.mentions[k + 1]);
  for (let k = 0; k < preview.claims.length; k += CLAIM_FIELDS) add(100 + preview.claims[k + 2], preview.claims[k], preview.claims[k + 1]);
  return out;
}

/** A seeded generator, so that every run edits the same places. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `typed`: what each edit inserts; a name changes the document's entities, an ordinary word most often not. */
async function typing(file: string, mode: 'whole' | 'chunked', typed: string) {
  const articles = readArticles(file);
  let text = '';
  for (let i = 0; text.length < 1_000_000; i++) text += `${articles[i % articles.length]}\n\n`;
  // The extension's own client of its worker, as the index drives it for an open document.
  const worker = new WorkerClient(join(__dirname, 'worker.js'));
  const alive = setInterval(() => undefined, 1000);
  const corpus = new Corpus();
  const document = 'file:///long-report.txt';
  const id = mode === 'chunked' ? document : undefined;
  // The first analysis, as when the document is opened, and its marks drawn as the editor draws them: not timed.
  const opened = await worker.analyze(text, id);
  corpus.set(document, opened);
  sortPreview(text, previewOf(text.length, [{ offset: 0, analysis: opened }]));
  const rand = random(7);
  const latencies: number[] = [];
  const mainThread: number[] = [];
  /** From the edit to the marks: the preview when one came first, else the analysis. */
  const marks: number[] = [];
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  for (let k = 0; k < 40; k++) {
    // A word typed somewhere in the text, at a word boundary.
    const at = text.indexOf(' ', Math.floor(rand() * text.length));
    text = `${text.slice(0, at)}${typed}${text.slice(at)}`;
    const t0 = performance.now();
    let previewMs: number | undefined;
    const analysis = await worker.analyze(text, id, (preview) => {
      sortPreview(text, preview);
      previewMs = performance.now() - t0;
    });
    const t1 = performance.now();
    corpus.set(document, analysis);
    corpus.entities();
    const t2 = performance.now();
    latencies.push(t2 - t0);
    mainThread.push(t2 - t1);
    // Without a preview the marks wait for the analysis.
    marks.push(previewMs ?? t2 - t0);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  histogram.disable();
  worker.dispose();
  clearInterval(alive);
  return { mode, mb: Buffer.byteLength(text) / 1e6, edits: latencies.length, marks: percentiles(marks), latency: percentiles(latencies), mainThread: percentiles(mainThread), delay: delayStats(histogram) };
}

/** The text of the i-th of `count` documents made from the articles: each copy made unique by its first line. */
function copyOf(articles: readonly string[], i: number): string {
  return `Copy ${Math.floor(i / articles.length) + 1} of article ${i % articles.length}.\n\n${articles[i % articles.length]}`;
}

/**
 * `inprocess`: each document analysed on this thread and set as objects (the index packs it). `worker`: as a
 * scan (first pass only): analysed and packed in the extension's worker, kept packed, the links held until the
 * relink in slices at the end; the worker's memory counts too (it is a thread of the same process).
 */
async function memory(file: string, count: number, how: 'inprocess' | 'worker') {
  const articles = readArticles(file);
  const corpus = new Corpus();
  const t0 = performance.now();
  if (how === 'inprocess') {
    for (let i = 0; i < count; i++) corpus.set(`doc${i}`, analyzeText(copyOf(articles, i)));
  } else {
    const worker = new WorkerClient(join(__dirname, 'worker.js'));
    const alive = setInterval(() => undefined, 1000);
    prepareLinking();
    const release = corpus.holdLinks();
    await forEachInFlight(Array.from({ length: count }, (_, i) => i), SCAN_IN_FLIGHT, () => false, async (i) => {
      corpus.setPacked(`doc${i}`, await worker.analyzeFile(copyOf(articles, i)));
    });
    release();
    worker.recycle();
    await corpus.relinkInSlices();
    worker.dispose();
    clearInterval(alive);
  }
  corpus.entities();
  // The groups as the index keeps them: the extension's views ask by claim and document, never for the whole list.
  corpus.claimGroupCount();
  const seconds = (performance.now() - t0) / 1000;
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  return { documents: count, how, seconds, heapMb, peakRssMb: process.resourceUsage().maxRSS / 1024, entities: corpus.entities().length };
}

export async function runResponsiveness(args: string[]): Promise<unknown> {
  const [what, file, option] = args;
  if (what === 'index') return index(file, option === 'relink' ? 'relink' : 'slices');
  if (what === 'typing') return typing(file, option === 'whole' ? 'whole' : 'chunked', option === 'chunked-word' ? ' quickly' : ' Merkel');
  if (what === 'memory') return memory(file, Number(option) || 20_000, args[3] === 'inprocess' ? 'inprocess' : 'worker');
  throw new Error(`unknown responsiveness run ${what}`);
}
