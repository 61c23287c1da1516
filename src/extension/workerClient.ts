// Sends texts to the analysis worker and matches the answers to the requests. Falls back to analysing in
// process (in small slices between events) if the worker cannot start, so Dossier still works.
import { Worker } from 'node:worker_threads';
import { analyzeText, type MentionSpans } from '../core/analyze';
import type { SpanPreview } from '../core/chunked';
import { packAnalysis, type PackedAnalysis } from '../core/corpus/analysisStore';
import type { DocumentAnalysis, EntityType } from '../core/types';
import type { SliceRequest, WorkerRequest, WorkerResponse } from './analysisWorker';
import { AnalysisAssembler } from '../core/analysisSlices';

/** What a request resolves to: an analysis, packed or not, or undefined (a second pass that changes nothing). */
type Answer = DocumentAnalysis | PackedAnalysis | undefined;

interface Pending {
  resolve: (a: Answer) => void;
  reject: (e: Error) => void;
  onPreview?: (p: SpanPreview) => void;
  /** A long analysis coming a slice at a time. */
  assembler?: AnalysisAssembler;
}

export class WorkerClient {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private knownNames: ReadonlyMap<string, EntityType> = new Map();
  /** Whether the worker has the current known names; they are sent with the next request when not. */
  private namesSent = true;
  /** recycle() was asked for while requests were pending: done when the last is answered. */
  private recycleWhenIdle = false;

  constructor(private readonly scriptPath: string) {}

  /** The names the workspace labels, given to every analysis from now on. */
  setKnownNames(names: ReadonlyMap<string, EntityType>): void {
    this.knownNames = names;
    this.namesSent = false;
  }

  /**
   * Analyses a text; with a document id, chunk by chunk, reusing the chunks of its previous version, and then
   * `onPreview` may get the new text's spans before the analysis comes (see SpanPreview).
   */
  analyze(text: string, document?: string, onPreview?: (preview: SpanPreview) => void): Promise<DocumentAnalysis> {
    return this.send(text, { document, onPreview }) as Promise<DocumentAnalysis>;
  }

  /** A file's text analysed for the index, packed in the worker (see Corpus.setPacked). */
  analyzeFile(text: string): Promise<PackedAnalysis> {
    return this.send(text, { packed: true }) as Promise<PackedAnalysis>;
  }

  /**
   * A file's text analysed again with the current names (a scan's second pass), packed: undefined when its
   * mentions would be `held`'s, the mentions of the analysis the index holds (see reanalyzeWithNames).
   */
  reanalyze(text: string, held: MentionSpans): Promise<PackedAnalysis | undefined> {
    // Only what the comparison reads crosses to the worker.
    return this.send(text, { packed: true, baseline: held.map(({ start, end, type, entity }) => ({ start, end, type, entity })) }) as Promise<PackedAnalysis | undefined>;
  }

  private send(text: string, options: { document?: string; onPreview?: (preview: SpanPreview) => void; baseline?: MentionSpans; packed?: boolean }): Promise<Answer> {
    const worker = this.ensureWorker();
    if (!worker) {
      return new Promise((resolve, reject) => setImmediate(() => {
        try {
          const analysis = analyzeText(text, { knownNames: this.knownNames });
          resolve(options.packed ? packAnalysis(analysis) : analysis);
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      }));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onPreview: options.onPreview });
      const request: WorkerRequest = { id, text };
      if (options.document) request.document = options.document;
      if (options.baseline) request.baseline = options.baseline;
      if (options.packed) request.packed = true;
      if (!this.namesSent) {
        request.knownNames = [...this.knownNames];
        this.namesSent = true;
      }
      worker.postMessage(request);
    });
  }

  /** Whether a worker thread is up (recycle ends it; the next request starts one). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Ends the worker once its requests are answered; the next request starts a new one. After a scan the worker
   * holds what only the scan needed (its heap grown by thousands of analyses, the first pass's labels, every
   * word seen), which V8 does not give back while the thread lives: ending it took a 2,000-article scan's peak
   * RSS from about 405 to 310 MB.
   * A new worker loads the model again (about 100 ms, off the main thread) and has no chunks of open documents.
   */
  recycle(): void {
    if (!this.worker) return;
    if (this.pending.size > 0) {
      this.recycleWhenIdle = true;
      return;
    }
    this.recycleWhenIdle = false;
    void this.worker.terminate();
    this.worker = undefined;
  }

  dispose(): void {
    this.recycleWhenIdle = false;
    void this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new Error('analysis cancelled'));
    this.pending.clear();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = new Worker(this.scriptPath);
      // A new worker knows no names yet.
      this.namesSent = this.knownNames.size === 0;
      // A request answered (or failed): out of the pending ones, and the worker ended if a recycle waits for that.
      const settled = (id: number) => {
        this.pending.delete(id);
        if (this.recycleWhenIdle && this.worker === worker) this.recycle();
      };
      worker.on('message', (response: WorkerResponse) => {
        const p = this.pending.get(response.id);
        if (!p) return;
        if ('preview' in response) {
          p.onPreview?.(response.preview);
          return;
        }
        // A long analysis: its head, then its slices, each asked for once the last is in (see analysisSlices.ts).
        if ('head' in response || 'slice' in response) {
          try {
            if ('head' in response) p.assembler = new AnalysisAssembler(response.head, response.slices);
            else if (!p.assembler) throw new Error('a slice came before its head');
            else if (p.assembler.add(response.slice)) {
              p.resolve(p.assembler.result());
              settled(response.id);
              return;
            }
          } catch (err) {
            p.reject(err instanceof Error ? err : new Error(String(err)));
            settled(response.id);
            return;
          }
          const next: SliceRequest = { id: response.id, nextSlice: true };
          worker.postMessage(next);
          return;
        }
        if ('error' in response) p.reject(new Error(response.error));
        else p.resolve('unchanged' in response ? undefined : 'packed' in response ? response.packed : response.analysis);
        settled(response.id);
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (this.worker === worker && code !== 0) this.fail(new Error(`analysis worker exited with code ${code}`));
      });
      worker.unref();
      this.worker = worker;
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  private fail(err: Error): void {
    this.worker = undefined;
    this.failed = true;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
