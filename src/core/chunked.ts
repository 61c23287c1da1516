// Large documents analysed a chunk at a time, so that an edit costs the analysis of the chunk it touched and
// not of the whole text: the text is cut into chunks of whole paragraphs, each chunk's analysis is kept by its
// text, and the chunks are put back together with one document-wide resolution of the entities ("Putin" in
// the last chapter is the "Vladimir Putin" of the first). A chunk is analysed with the document's date, so
// relative dates resolve as in the whole text. What a chunk cannot see of the others: the labeller's memory of
// how a word is written elsewhere, and the last person named before it (a claim's "he said").
import { analyzeText, type AnalyzeOptions } from './analyze';
import { resolveEntities } from './entities/resolve';
import { getLexicon } from './lexicon';
import { CLAIM_KINDS, ENTITY_TYPES, type Claim, type DocumentAnalysis, type Mention, type Span } from './types';

/** Chunks are at least this long (UTF-16 units), cut at the first blank line after it. */
export const CHUNK_TARGET = 16_000;

export interface ChunkedResult {
  analysis: DocumentAnalysis;
  chunks: number;
  /** Chunks analysed this time; the others came from the previous version. */
  analysed: number;
}

/**
 * Cuts the text into chunks of whole paragraphs, each at least `target` long (but the last): at the first
 * blank line after the target, else the first line break after twice the target, else whitespace after four
 * times, else at four times (never inside a surrogate pair). The same paragraphs give the same chunks, so an
 * edit changes the chunk it is in and, at most, where the next one starts.
 */
export function splitChunks(text: string, target = CHUNK_TARGET): { start: number; end: number }[] {
  const chunks: { start: number; end: number }[] = [];
  let start = 0;
  const blank = /\r?\n[ \t]*\r?\n/g;
  while (text.length - start > target * 1.5) {
    let end = -1;
    blank.lastIndex = start + target;
    const b = blank.exec(text);
    if (b && b.index < start + target * 2) end = b.index + b[0].length;
    if (end < 0) {
      const line = text.indexOf('\n', start + target * 2);
      if (line >= 0 && line < start + target * 4) end = line + 1;
    }
    if (end < 0) {
      const hard = start + target * 4;
      const space = text.slice(hard - target, hard).search(/\s\S*$/);
      end = space >= 0 ? hard - target + space + 1 : hard;
      const c = text.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff) end--;
    }
    if (end >= text.length) break;
    chunks.push({ start, end });
    start = end;
  }
  chunks.push({ start, end: text.length });
  return chunks;
}

/**
 * What an editor draws of a document, in typed arrays: each mention's start, end and type (index into
 * ENTITY_TYPES), each claim's start, end, kind (index into CLAIM_KINDS) and score. Made from the chunks as soon
 * as the edited ones are analysed, before the entities are resolved over the whole text (the slow part of a
 * long document's update), so that the marks follow typing at once; the full analysis comes after.
 */
export interface SpanPreview {
  /** Length of the text the spans are of. */
  length: number;
  mentions: Int32Array;
  claims: Float64Array;
}

export const MENTION_FIELDS = 3;
export const CLAIM_FIELDS = 4;

export class ChunkedAnalyzer {
  /** Chunk text (and the date it was read with) → its analysis; only the current version's chunks are kept. */
  private cache = new Map<string, DocumentAnalysis>();
  private knownNames: AnalyzeOptions['knownNames'];

  constructor(private readonly target = CHUNK_TARGET) {}

  /** `onPreview` gets the spans of the new text before they are joined into its analysis (when chunks were reused). */
  analyze(text: string, options: Pick<AnalyzeOptions, 'documentDate' | 'knownNames'> = {}, onPreview?: (preview: SpanPreview) => void): ChunkedResult {
    if (options.knownNames !== this.knownNames) {
      this.cache.clear();
      this.knownNames = options.knownNames;
    }
    const spans = splitChunks(text, this.target);
    if (spans.length === 1) {
      this.cache.clear();
      return { analysis: analyzeText(text, options), chunks: 1, analysed: 1 };
    }
    const next = new Map<string, DocumentAnalysis>();
    let analysed = 0;
    let documentDate = options.documentDate;
    const parts = spans.map((span, i) => {
      const chunk = text.slice(span.start, span.end);
      // The first chunk holds the dateline; the others are read with the date it gives.
      const key = i === 0 ? `\u0000${options.documentDate ?? ''}\u0000${chunk}` : `${documentDate ?? ''}\u0000${chunk}`;
      let analysis = next.get(key) ?? this.cache.get(key);
      if (!analysis) {
        analysis = analyzeText(chunk, { documentDate, knownNames: options.knownNames });
        analysed++;
      }
      next.set(key, analysis);
      if (i === 0) documentDate ??= analysis.documentDate;
      return { offset: span.start, analysis };
    });
    this.cache = next;
    // Worth it only when the join is: the chunks analysed this time are then a small part of the text.
    if (onPreview && analysed < spans.length) onPreview(previewOf(text.length, parts));
    return { analysis: join(text.length, parts, documentDate), chunks: spans.length, analysed };
  }
}

/** The chunks' mentions and claims as one document's spans (see SpanPreview). */
export function previewOf(length: number, parts: readonly { offset: number; analysis: DocumentAnalysis }[]): SpanPreview {
  let mentionCount = 0;
  let claimCount = 0;
  for (const { analysis } of parts) {
    mentionCount += analysis.entities.length;
    claimCount += analysis.claims.length;
  }
  const mentions = new Int32Array(mentionCount * MENTION_FIELDS);
  const claims = new Float64Array(claimCount * CLAIM_FIELDS);
  let m = 0;
  let c = 0;
  for (const { offset, analysis } of parts) {
    for (const mention of analysis.entities) {
      mentions[m++] = mention.start + offset;
      mentions[m++] = mention.end + offset;
      mentions[m++] = ENTITY_TYPES.indexOf(mention.type);
    }
    for (const claim of analysis.claims) {
      claims[c++] = claim.start + offset;
      claims[c++] = claim.end + offset;
      claims[c++] = CLAIM_KINDS.indexOf(claim.kind);
      claims[c++] = claim.score;
    }
  }
  return { length, mentions, claims };
}

/** The chunks' analyses as one document's: offsets moved, entities resolved once over the whole text. */
function join(length: number, parts: { offset: number; analysis: DocumentAnalysis }[], documentDate: string | undefined): DocumentAnalysis {
  const mentions: Mention[] = [];
  const firstOfKey: Map<string, number>[] = [];
  for (const { offset, analysis } of parts) {
    const keys = new Map<string, number>();
    for (const m of analysis.entities) {
      if (!keys.has(m.entity)) keys.set(m.entity, mentions.length);
      mentions.push({ ...m, start: m.start + offset, end: m.end + offset, entity: '' });
    }
    firstOfKey.push(keys);
  }
  const documentEntities = resolveEntities(mentions, getLexicon());
  const out: DocumentAnalysis = { length, sentences: [], entities: mentions, documentEntities, references: [], claims: [], ...(documentDate ? { documentDate } : {}) };
  parts.forEach(({ offset, analysis }, i) => {
    // A chunk's entity key → the document entity its first mention joined.
    const keyOf = (key: string) => {
      const at = firstOfKey[i].get(key);
      return at === undefined ? key : mentions[at].entity;
    };
    const move = <T extends Span>(s: T): T => ({ ...s, start: s.start + offset, end: s.end + offset });
    const moveLinked = <T extends Span & { entity?: string }>(s: T): T => (s.entity ? { ...move(s), entity: keyOf(s.entity) } : move(s));
    for (const s of analysis.sentences) out.sentences.push({ start: s.start + offset, end: s.end + offset });
    for (const r of analysis.references) out.references.push({ ...move(r), entity: keyOf(r.entity) });
    if (analysis.nameDescriptions?.length) (out.nameDescriptions ??= []).push(...analysis.nameDescriptions.map(move));
    for (const c of analysis.claims) {
      const claim: Claim = {
        ...move(c),
        entities: [...new Set(c.entities.map(keyOf))],
        hedges: c.hedges.map(move),
        boosters: c.boosters.map(move),
        values: c.values.map(move),
      };
      if (c.source) claim.source = moveLinked(c.source);
      if (c.cue) claim.cue = move(c.cue);
      if (c.originalSource) claim.originalSource = moveLinked(c.originalSource);
      out.claims.push(claim);
    }
  });
  return out;
}
