// Dossier from a terminal. `analyze FILES…` prints a readable report, `--json` the corpus as JSON, and
// `--jsonl` reads {"id","text"} lines on stdin and writes one analysis line each (the quality contract).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { analyzeBatch, type BatchInput, type BatchOutput } from './cliBatch';
import { analyzeText, Corpus, LabelMemo, mayFindKnownNames, type DocumentAnalysis } from './core/index';
import { corpusJson, typeTitle } from './core/report';
import { decodeDocument } from './core/text/decode';
import { parseAnnotations } from './core/curation/annotations';
import { Curation } from './core/curation/curate';

const USAGE = `Usage:
  dossier analyze FILES...           readable report of entities, claims and cross-references
  dossier analyze --json FILES...    the same as JSON
  dossier analyze --jsonl            read {"id","text"} lines on stdin, write one JSON line each
Options:
  --max-size BYTES                   skip files larger than this (default 10000000)
  --annotations FILE                 apply the corrections of a .dossier/annotations.json (renames,
                                     merges, claim statuses…); its paths are matched to FILES as given
  -h, --help                         show this help
Exit status: 0 all analysed (an empty file too); 1 a file or line was skipped (binary, not UTF-8, too
large, unreadable, bad JSON: each named on stderr, the others still analysed); 2 bad usage or an
--annotations file that does not read; 70 internal error.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command !== 'analyze') throw new UsageError(`unknown command '${command}'`);
  let mode: 'report' | 'json' | 'jsonl' = 'report';
  let maxSize = 10_000_000;
  let annotationsFile: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') mode = 'json';
    else if (arg === '--jsonl') mode = 'jsonl';
    else if (arg === '--max-size') {
      maxSize = Number(rest[++i]);
      if (!Number.isFinite(maxSize) || maxSize <= 0) throw new UsageError('--max-size takes a positive number of bytes');
    } else if (arg === '--annotations') {
      annotationsFile = rest[++i];
      if (!annotationsFile) throw new UsageError('--annotations takes a file');
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else files.push(arg);
  }
  if (mode === 'jsonl') {
    if (files.length) throw new UsageError('--jsonl reads stdin; give no files');
    return analyzeJsonLines();
  }
  if (files.length === 0) throw new UsageError('no files given');

  const corpus = new Corpus();
  if (annotationsFile) corpus.setCuration(readAnnotations(annotationsFile), (file) => file.replace(/\\/g, '/').replace(/^\.\//, ''));
  const texts = new Map<string, string>();
  // The texts are held anyway: their labels are kept for the second pass, whatever their size.
  const labelMemo = new LabelMemo(Number.MAX_SAFE_INTEGER);
  let failed = 0;
  for (const file of files) {
    const text = readText(file, maxSize);
    if (typeof text !== 'string') {
      process.stderr.write(`dossier: ${file}: ${text.error}\n`);
      failed++;
      continue;
    }
    texts.set(file, text);
    corpus.set(file, analyzeText(text, { labelMemo }));
  }
  // Second pass: each document finds the names the others label ("Bush" where another says "Reggie Bush").
  const knownNames = corpus.knownNames();
  if (texts.size > 1 && knownNames.size) {
    // Linked again from scratch afterwards: no use linking each new version on its own meanwhile.
    corpus.relink();
    for (const [file, text] of texts) {
      const first = corpus.documentMentions(file);
      if (first && mayFindKnownNames(text, first, knownNames)) corpus.set(file, analyzeText(text, { knownNames, labelMemo }));
    }
  }
  if (mode === 'json') process.stdout.write(`${JSON.stringify(corpusJson(corpus))}\n`);
  else process.stdout.write(report(corpus));
  return failed ? 1 : 0;
}

/** The corrections file, validated; a file that does not read well stops the run with its problems. */
function readAnnotations(file: string): Curation {
  const text = readText(file, 50_000_000);
  if (typeof text !== 'string') throw new UsageError(`--annotations ${file}: ${text.error}`);
  const parsed = parseAnnotations(text);
  if (!parsed.ok) throw new UsageError(`--annotations ${file} is not a Dossier annotations file: ${parsed.errors.slice(0, 5).join('; ')}`);
  return new Curation(parsed.annotations);
}

function readText(file: string, maxSize: number): string | { error: string } {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return { error: 'is a directory' };
    if (stat.size > maxSize) return { error: `larger than ${maxSize} bytes (${stat.size}); skipped` };
    const decoded = decodeDocument(readFileSync(file));
    return decoded.ok ? decoded.text : { error: `${decoded.reason}; skipped` };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? String(err)})` };
  }
}

/** Threads for --jsonl: DOSSIER_THREADS, or one per core up to four; 1 analyses on the main thread. */
function threadCount(): number {
  const requested = Number(process.env.DOSSIER_THREADS);
  if (Number.isInteger(requested) && requested >= 1) return Math.min(requested, 16);
  return Math.max(1, Math.min(4, availableParallelism()));
}

async function analyzeJsonLines(): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const threads = threadCount();
  const workerScript = join(__dirname, 'cli-worker.js');
  const pool = threads > 1 && existsSync(workerScript) ? new BatchPool(workerScript, threads) : undefined;
  let failed = 0;
  let next = 0;
  const done = new Map<number, BatchOutput>();
  const write = async (result: BatchOutput) => {
    done.set(result.index, result);
    // Results come back in any order; they are written in input order.
    for (let r = done.get(next); r; r = done.get(next)) {
      done.delete(next++);
      failed += r.errors.length;
      for (const e of r.errors) process.stderr.write(`${e}\n`);
      if (!process.stdout.write(r.output)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  };
  let batch: BatchInput = { index: 0, lines: [] };
  let batchBytes = 0;
  let count = 0;
  const pending: Promise<void>[] = [];
  const flush = async () => {
    if (batch.lines.length === 0) return;
    const current = batch;
    batch = { index: current.index + 1, lines: [] };
    batchBytes = 0;
    if (!pool) return write(analyzeBatch(current));
    pending.push(pool.run(current).then(write));
    // Bounded read-ahead: never more than two batches per thread in flight.
    if (pool.inFlight >= threads * 2) await pool.oneDone();
  };
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    batch.lines.push([lineNumber, line]);
    batchBytes += line.length;
    count++;
    if (batch.lines.length >= 32 || batchBytes > 1 << 18) await flush();
  }
  await flush();
  await Promise.all(pending);
  pool?.close();
  if (count === 0 && lineNumber > 0) process.stderr.write('dossier: stdin had only blank lines\n');
  return failed ? 1 : 0;
}

interface PoolSlot {
  worker: Worker;
  /** Batches sent and not answered yet; Infinity marks a dead thread. */
  busy: number;
  pending: Map<number, BatchInput>;
}

/** Worker threads that analyse batches. A thread that dies hands its unanswered batches to the main thread. */
class BatchPool {
  private readonly slots: PoolSlot[] = [];
  private readonly waiting = new Map<number, (r: BatchOutput) => void>();
  private wakeups: (() => void)[] = [];
  inFlight = 0;

  constructor(script: string, size: number) {
    for (let k = 0; k < size; k++) {
      const slot: PoolSlot = { worker: new Worker(script), busy: 0, pending: new Map() };
      slot.worker.on('message', (r: BatchOutput) => this.finish(slot, r));
      slot.worker.on('error', (err) => this.fail(slot, err));
      slot.worker.on('exit', (code) => code !== 0 && this.fail(slot, new Error(`exit code ${code}`)));
      this.slots.push(slot);
    }
  }

  run(batch: BatchInput): Promise<BatchOutput> {
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    this.inFlight++;
    const answer = new Promise<BatchOutput>((resolve) => this.waiting.set(batch.index, resolve));
    if (slot.busy === Infinity) this.finish(slot, analyzeBatch(batch));
    else {
      slot.busy++;
      slot.pending.set(batch.index, batch);
      slot.worker.postMessage(batch);
    }
    return answer;
  }

  oneDone(): Promise<void> {
    return new Promise((resolve) => this.wakeups.push(resolve));
  }

  close(): void {
    for (const slot of this.slots) {
      slot.busy = Infinity;
      void slot.worker.terminate();
    }
  }

  private fail(slot: PoolSlot, err: Error): void {
    if (slot.busy === Infinity) return;
    process.stderr.write(`dossier: an analysis thread failed (${err.message}); continuing on the main thread\n`);
    slot.busy = Infinity;
    for (const batch of [...slot.pending.values()]) this.finish(slot, analyzeBatch(batch));
  }

  private finish(slot: PoolSlot, r: BatchOutput): void {
    if (slot.pending.delete(r.index) && slot.busy !== Infinity) slot.busy--;
    this.inFlight--;
    this.waiting.get(r.index)?.(r);
    this.waiting.delete(r.index);
    const wakeups = this.wakeups;
    this.wakeups = [];
    for (const w of wakeups) w();
  }
}

function report(corpus: Corpus): string {
  const out: string[] = [];
  for (const d of corpus.documents()) {
    const a = corpus.get(d) as DocumentAnalysis;
    out.push(`== ${d}`);
    out.push(`   ${a.documentEntities.length} entities, ${a.claims.filter((c) => c.score >= 0.5).length} check-worthy claims of ${a.claims.length} sentences${a.documentDate ? `, dated ${a.documentDate}` : ''}`);
    const byType = new Map<string, string[]>();
    for (const e of a.documentEntities) {
      const entry = `${e.name}${e.mentions.length > 1 ? ` ×${e.mentions.length}` : ''}`;
      byType.set(e.type, [...(byType.get(e.type) ?? []), entry]);
    }
    for (const [type, names] of byType) out.push(`   ${typeTitle(type as never)}: ${names.join('; ')}`);
    for (const [i, c] of a.claims.entries()) {
      if (c.score < 0.5) continue;
      const verdict = corpus.claimStatus(d, i);
      const status = verdict ? ` {${verdict.status}${verdict.note ? `: ${verdict.note}` : ''}}` : '';
      const source = c.source ? ` ← ${c.source.text}${c.originalSource ? ` citing ${c.originalSource.text}` : ''}` : '';
      const cues = [...c.hedges.map((h) => `~${h.text}`), ...c.boosters.map((b) => `!${b.text}`)];
      const hedges = cues.length ? ` [${cues.join(', ')}]` : '';
      out.push(`   • ${c.kind} ${c.score.toFixed(2)}${status}${source}${hedges}: ${c.text.replace(/\s+/g, ' ').slice(0, 140)}`);
    }
    out.push('');
  }
  const shared = corpus.entities().filter((e) => e.documents.length > 1);
  out.push(`== Across ${corpus.documents().length} documents: ${corpus.entities().length} entities, ${shared.length} in more than one`);
  for (const e of shared.slice(0, 30)) out.push(`   ${e.name} (${e.type}) — ${e.mentions} mentions in ${e.documents.length} documents`);
  for (const g of corpus.claimGroups().slice(0, 30)) {
    const texts = g.claims.map((r) => `${r.document}: ${corpus.get(r.document)?.claims[r.index]?.text.replace(/\s+/g, ' ').slice(0, 90)}`);
    out.push(`   ${g.relation.toUpperCase()} (${g.reason})`, ...texts.map((t) => `      ${t}`));
  }
  return `${out.join('\n')}\n`;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  process.stderr.write(`dossier: cannot write the output: ${err.message}\n`);
  process.exit(74);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`dossier: ${err.message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`dossier: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 70;
    }
  },
);
