// A long document's analysis cut into slices for the trip from the analysis worker to the extension host. A
// message is copied into the receiving thread in one go, before any handler runs: the analysis of a 1 MB
// document (tens of thousands of spans, about 7 MB copied) held the host for 70-100 ms each time it came. Sent
// a slice at a time, each asked for when the last one is in, no copy holds the host for long.
import type { DocumentAnalysis } from './types';

/** The list fields of an analysis that can grow with the text. */
export type SlicedField = 'sentences' | 'entities' | 'documentEntities' | 'references' | 'nameDescriptions' | 'claims';

/**
 * Items of each field per slice, by what one costs to copy (measured on a 1 MB document: a sentence 0.5 µs, a
 * mention 1 µs, a document entity 2 µs, a claim 3.5 µs): about 5 ms a slice.
 */
const SLICE_ITEMS: Readonly<Record<SlicedField, number>> = { sentences: 10_000, entities: 5_000, documentEntities: 2_500, references: 5_000, nameDescriptions: 5_000, claims: 1_500 };
const SLICED_FIELDS = Object.keys(SLICE_ITEMS) as SlicedField[];

export interface AnalysisSlice {
  field: SlicedField;
  items: unknown[];
}

/**
 * The analysis with its long lists emptied (the head, sent first) and the slices that fill them again, in
 * order; no slices when the analysis is small enough to go whole.
 */
export function sliceAnalysis(analysis: DocumentAnalysis): { head: DocumentAnalysis; slices: AnalysisSlice[] } {
  let units = 0;
  for (const field of SLICED_FIELDS) units += (analysis[field]?.length ?? 0) / SLICE_ITEMS[field];
  if (units <= 1) return { head: analysis, slices: [] };
  // The same fields in the same order (the analysis prints as it was made), the long lists empty.
  const head = { ...analysis };
  const slices: AnalysisSlice[] = [];
  for (const field of SLICED_FIELDS) {
    const list = analysis[field] as unknown[] | undefined;
    if (!list) continue;
    (head as Record<SlicedField, unknown[]>)[field] = [];
    for (let i = 0; i < list.length; i += SLICE_ITEMS[field]) slices.push({ field, items: list.slice(i, i + SLICE_ITEMS[field]) });
  }
  return { head, slices };
}

/** Puts a sliced analysis back together: the head first, then each slice in the order sliceAnalysis made them. */
export class AnalysisAssembler {
  private readonly analysis: DocumentAnalysis;
  private remaining: number;

  constructor(head: DocumentAnalysis, slices: number) {
    this.analysis = head;
    this.remaining = slices;
  }

  /** True once the last slice is in. */
  add(slice: AnalysisSlice): boolean {
    const list = this.analysis[slice.field] as unknown[] | undefined;
    if (!list || this.remaining <= 0) throw new Error(`unexpected slice of ${slice.field}`);
    for (const item of slice.items) list.push(item);
    return --this.remaining === 0;
  }

  result(): DocumentAnalysis {
    if (this.remaining > 0) throw new Error(`${this.remaining} slices missing`);
    return this.analysis;
  }
}
