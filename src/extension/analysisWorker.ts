// Worker thread: analyses document texts off the extension host's main thread.
import { parentPort } from 'node:worker_threads';
import { analyzeText, reanalyzeWithNames, type MentionSpans } from '../core/analyze';
import { sliceAnalysis, type AnalysisSlice } from '../core/analysisSlices';
import { ChunkedAnalyzer, type SpanPreview } from '../core/chunked';
import { LabelMemo } from '../core/labelMemo';
import { packAnalysis, type PackedAnalysis } from '../core/corpus/analysisStore';
import type { DocumentAnalysis, EntityType } from '../core/types';

export interface WorkerRequest {
  id: number;
  text: string;
  /**
   * An open document's id: its text is analysed a chunk at a time and the chunks kept, so that the next
   * version costs only the chunks an edit touched. Absent for files read once (a workspace scan).
   */
  document?: string;
  /** The names the workspace labels (Corpus.knownNames), sent only when they changed. */
  knownNames?: [string, EntityType][];
  /** A scan's second pass: the mentions of the analysis the extension holds; `unchanged` when the names leave them so. */
  baseline?: MentionSpans;
  /**
   * A file's analysis, answered packed (PackedAnalysis): the index keeps it so, and copying the analysis across
   * as objects, to pack it on the extension host, took more of both threads than packing it here.
   */
  packed?: boolean;
}

let knownNames = new Map<string, EntityType>();
/**
 * The labels of the files a scan read lately: its second pass, with the workspace's names, skips the labeller.
 * 8 million characters keep a workspace of 2,000 articles (6.6 MB) whole, for about 15 MB; the second pass
 * visits the files last read first, so that a larger one still finds the later files' labels.
 */
const labelMemo = new LabelMemo(8_000_000);
/** Chunk caches of the documents edited last, most recent last; a few, so that memory stays bounded. */
const chunked = new Map<string, ChunkedAnalyzer>();
const MAX_CHUNKED_DOCUMENTS = 4;

function analyzerFor(document: string): ChunkedAnalyzer {
  let analyzer = chunked.get(document);
  if (analyzer) chunked.delete(document);
  else analyzer = new ChunkedAnalyzer();
  chunked.set(document, analyzer);
  for (const old of chunked.keys()) {
    if (chunked.size <= MAX_CHUNKED_DOCUMENTS) break;
    chunked.delete(old);
  }
  return analyzer;
}

/** Asks for the next slice of an analysis that came as a head (see analysisSlices.ts). */
export interface SliceRequest {
  id: number;
  nextSlice: true;
}

/**
 * A chunked request may first get its spans (a preview), then its analysis; every request ends with an analysis
 * (whole, packed, or a head whose slices are then asked for one by one), `unchanged` (a second pass's request,
 * when the names change nothing) or an error.
 */
export type WorkerResponse =
  | { id: number; analysis: ReturnType<typeof analyzeText> }
  | { id: number; head: DocumentAnalysis; slices: number }
  | { id: number; slice: AnalysisSlice }
  | { id: number; packed: PackedAnalysis }
  | { id: number; unchanged: true }
  | { id: number; preview: SpanPreview }
  | { id: number; error: string };

/** Sent as soon as the edited chunks are analysed; the arrays are handed over, not copied. */
function postPreview(id: number, preview: SpanPreview): void {
  const response: WorkerResponse = { id, preview };
  parentPort?.postMessage(response, [preview.mentions.buffer as ArrayBuffer, preview.claims.buffer as ArrayBuffer]);
}

/** The slices not yet asked for of each analysis sent as a head. */
const slicesToSend = new Map<number, AnalysisSlice[]>();

parentPort?.on('message', (request: WorkerRequest | SliceRequest) => {
  if ('nextSlice' in request) {
    const slices = slicesToSend.get(request.id);
    const slice = slices?.shift();
    if (!slices?.length) slicesToSend.delete(request.id);
    const response: WorkerResponse = slice ? { id: request.id, slice } : { id: request.id, error: 'no slice left' };
    parentPort?.postMessage(response);
    return;
  }
  let response = answer(request);
  if ('analysis' in response) {
    // A long document's analysis goes a slice at a time, each when the extension asks for it.
    const { head, slices } = sliceAnalysis(response.analysis);
    if (slices.length) {
      slicesToSend.set(request.id, slices);
      response = { id: request.id, head, slices: slices.length };
    }
  }
  // A packed answer's scores are handed over, not copied.
  parentPort?.postMessage(response, 'packed' in response ? [response.packed.claimScores.buffer as ArrayBuffer] : []);
});

/** The analysis (or `unchanged`, or the error) a request asks for. */
function answer(request: WorkerRequest): WorkerResponse {
  try {
    if (request.knownNames) knownNames = new Map(request.knownNames);
    let analysis: DocumentAnalysis | undefined;
    if (request.baseline) {
      analysis = reanalyzeWithNames(request.text, { knownNames, labelMemo, baseline: request.baseline });
      if (!analysis) return { id: request.id, unchanged: true };
    } else {
      analysis = request.document
        ? analyzerFor(request.document).analyze(request.text, { knownNames }, (preview) => postPreview(request.id, preview)).analysis
        : analyzeText(request.text, { knownNames, labelMemo });
    }
    return request.packed ? { id: request.id, packed: packAnalysis(analysis) } : { id: request.id, analysis };
  } catch (err) {
    return { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
}
