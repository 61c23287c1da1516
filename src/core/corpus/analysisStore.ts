// The analyses of a workspace's documents, kept packed: an analysis as objects weighs about fifteen times its
// document's text (a mention, a claim, each span and list is an object), and a workspace holds thousands of
// them while the reader looks at a few. The most recently used stay as objects; the others are packed into
// one string per part, and unpacked when asked for. Linking reads only the entities part of each document,
// and claim grouping only the claims part, so a full build unpacks no more than it reads.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DocumentAnalysis } from '../types';
import type { ClaimsPart } from './claimGroups';
import type { LinkingPart } from './entityLinker';
import { namesGiven, type NamesGiven } from './workspaceNames';

/** An analysis packed: JSON of each part, the rest (sentences, mentions, references) in one. */
export interface Packed {
  linking: string;
  claims: string;
  rest: string;
}

/**
 * An analysis packed where it was made (the analysis worker), with what the index reads of it at once: the
 * index keeps it as it comes, and the analysis never exists as objects on the thread that holds the index
 * unless something asks for it.
 */
export interface PackedAnalysis {
  parts: Packed;
  /** Each claim's check-worthiness, in claim order. */
  claimScores: Float64Array;
  /** The one-word names its entities write (NameVotes). */
  names: NamesGiven;
}

/** Packs an analysis where it is made: what AnalysisStore.setPacked and Corpus.setPacked take. */
export function packAnalysis(analysis: DocumentAnalysis): PackedAnalysis {
  return { parts: pack(analysis), claimScores: scoresOf(analysis), names: namesGiven(analysis.documentEntities) };
}

/** The analysis a PackedAnalysis holds, as objects. */
export function unpackAnalysis(packed: PackedAnalysis): DocumentAnalysis {
  return unpack(packed.parts);
}

type Rest = Omit<DocumentAnalysis, 'documentEntities' | 'nameDescriptions' | 'claims'>;

interface Entry {
  /** Set once the analysis left the recently used; then never changed (the entry is replaced instead). */
  packed?: Packed;
  /** The analysis as objects while it is among the recently used. */
  analysis?: DocumentAnalysis;
  /** The same with the user's corrections, when they change it: few documents, kept as objects. */
  curated?: DocumentAnalysis;
  /**
   * Each claim's check-worthiness, read without unpacking (the Claims view filters every document by it). The
   * user's corrections strike mentions, never claims: the same for both forms.
   */
  claimScores: Float64Array;
}

export interface AnalysisStoreOptions {
  /** How many analyses stay as objects. */
  maxUnpacked?: number;
  /** And of how many characters of text at most together (the latest one stays whatever its size). */
  maxUnpackedChars?: number;
}

/**
 * Document → analysis: the analyses with the user's corrections (what is linked and shown), the engine's own
 * (original), and read-only map views of either the whole or one part. Documents keep their insertion order.
 */
export class AnalysisStore {
  private byDocument = new Map<string, Entry>();
  /** Documents whose analysis is unpacked, least recently used first. */
  private readonly unpacked = new Map<string, true>();
  private unpackedChars = 0;
  private isSnapshot = false;
  private readonly maxUnpacked: number;
  private readonly maxUnpackedChars: number;

  constructor(options: AnalysisStoreOptions = {}) {
    this.maxUnpacked = Math.max(1, options.maxUnpacked ?? 64);
    this.maxUnpackedChars = options.maxUnpackedChars ?? 4_000_000;
  }

  get size(): number {
    return this.byDocument.size;
  }

  has(document: string): boolean {
    return this.byDocument.has(document);
  }

  /** Stores a document's analysis (and its corrected form when that differs), as the most recently used. */
  set(document: string, analysis: DocumentAnalysis, curated?: DocumentAnalysis): void {
    this.forget(document);
    this.byDocument.set(document, { analysis, curated: curated === analysis ? undefined : curated, claimScores: scoresOf(analysis) });
    this.use(document, analysis);
  }

  /** Stores a document's analysis as it came packed (with no corrections), out of the recently used until read. */
  setPacked(document: string, packed: PackedAnalysis): void {
    this.forget(document);
    this.byDocument.set(document, { packed: packed.parts, claimScores: packed.claimScores });
  }

  /** Replaces the corrected form only (undefined: the document shows as the engine made it). */
  setCurated(document: string, curated: DocumentAnalysis | undefined): void {
    const entry = this.byDocument.get(document);
    if (!entry) return;
    // A new entry, not a change to the old one: a snapshot keeps what it saw.
    this.byDocument.set(document, { ...entry, curated: curated === entry.analysis ? undefined : curated });
  }

  hasCurated(document: string): boolean {
    return !!this.byDocument.get(document)?.curated;
  }

  delete(document: string): boolean {
    this.forget(document);
    return this.byDocument.delete(document);
  }

  clear(): void {
    this.byDocument.clear();
    this.unpacked.clear();
    this.unpackedChars = 0;
  }

  /** The analysis with the user's corrections. */
  get(document: string): DocumentAnalysis | undefined {
    const entry = this.byDocument.get(document);
    if (!entry) return undefined;
    return entry.curated ?? this.originalOf(document, entry);
  }

  /** The analysis as the engine made it. */
  original(document: string): DocumentAnalysis | undefined {
    const entry = this.byDocument.get(document);
    return entry && this.originalOf(document, entry);
  }

  /** A document's mentions (corrected), unpacking no more than them when it is not in use. */
  mentionsOf(document: string): DocumentAnalysis['entities'] | undefined {
    const entry = this.byDocument.get(document);
    if (!entry) return undefined;
    return (entry.curated ?? entry.analysis ?? unpackJson<Rest>(entry.packed!.rest)).entities;
  }

  /** Each claim's check-worthiness, in claim order, without unpacking anything. */
  claimScoresOf(document: string): Float64Array | undefined {
    return this.byDocument.get(document)?.claimScores;
  }

  /** The documents' analyses with the user's corrections, as a read-only map. */
  corrected(): ReadonlyMap<string, DocumentAnalysis> {
    return new PartView(this.byDocument, (entry, document) => entry.curated ?? this.originalOf(document, entry));
  }

  /** A document's entity part (corrected), unpacking no more than that part when it is not in use. */
  linkingPartOf(document: string): LinkingPart | undefined {
    const entry = this.byDocument.get(document);
    return entry && (entry.curated ?? entry.analysis ?? unpackLinking(entry.packed!));
  }

  /** The documents' entity parts (corrected), unpacking no more than that part of those not in use. */
  linkingParts(): ReadonlyMap<string, LinkingPart> {
    return new PartView(this.byDocument, (entry) => entry.curated ?? entry.analysis ?? unpackLinking(entry.packed!));
  }

  /** The documents' claims parts (corrected), likewise. */
  claimsParts(): ReadonlyMap<string, ClaimsPart> {
    return new PartView(this.byDocument, (entry) => entry.curated ?? entry.analysis ?? { claims: unpackJson(entry.packed!.claims) });
  }

  /**
   * The store as it is now, read-only and unchanged by later sets and deletes: what a build spread over time
   * reads while documents change. Shares the entries (an entry only ever changes between two forms of the same
   * analysis), so it costs a map of references; it unpacks what it reads without keeping it.
   */
  snapshot(): AnalysisStore {
    const copy = new AnalysisStore({ maxUnpacked: this.maxUnpacked, maxUnpackedChars: this.maxUnpackedChars });
    copy.byDocument = new Map(this.byDocument);
    copy.isSnapshot = true;
    return copy;
  }

  keys(): IterableIterator<string> {
    return this.byDocument.keys();
  }

  private originalOf(document: string, entry: Entry): DocumentAnalysis {
    // A snapshot reads without keeping or packing anything: the entries, and what is unpacked, are the store's.
    if (entry.analysis) {
      if (!this.isSnapshot) this.use(document, entry.analysis);
      return entry.analysis;
    }
    const analysis = unpack(entry.packed!);
    if (this.isSnapshot) return analysis;
    // Unpacked again: kept as objects while in use, its packed form kept too (packing again would give the same).
    entry.analysis = analysis;
    this.use(document, analysis);
    return analysis;
  }

  /** Marks the document most recently used, and packs the least recently used beyond the bounds. */
  private use(document: string, analysis: DocumentAnalysis): void {
    if (this.unpacked.has(document)) {
      this.unpacked.delete(document);
      this.unpacked.set(document, true);
      return;
    }
    this.unpacked.set(document, true);
    this.unpackedChars += analysis.length;
    for (const [oldest] of this.unpacked) {
      if (this.unpacked.size <= 1 || (this.unpacked.size <= this.maxUnpacked && this.unpackedChars <= this.maxUnpackedChars)) break;
      this.packAway(oldest);
    }
  }

  private packAway(document: string): void {
    this.unpacked.delete(document);
    const entry = this.byDocument.get(document);
    if (!entry?.analysis) return;
    this.unpackedChars -= entry.analysis.length;
    entry.packed ??= pack(entry.analysis);
    entry.analysis = undefined;
  }

  private forget(document: string): void {
    if (!this.unpacked.has(document)) return;
    this.unpacked.delete(document);
    const analysis = this.byDocument.get(document)?.analysis;
    if (analysis) this.unpackedChars -= analysis.length;
  }
}

/** A read-only map over the store's entries that reads one part of each. */
class PartView<T> implements ReadonlyMap<string, T> {
  constructor(
    private readonly source: ReadonlyMap<string, Entry>,
    private readonly partOf: (entry: Entry, document: string) => T,
  ) {}

  get size(): number {
    return this.source.size;
  }

  has(document: string): boolean {
    return this.source.has(document);
  }

  get(document: string): T | undefined {
    const entry = this.source.get(document);
    return entry && this.partOf(entry, document);
  }

  keys(): IterableIterator<string> {
    return this.source.keys();
  }

  *values(): IterableIterator<T> {
    for (const [, part] of this) yield part;
  }

  entries(): IterableIterator<[string, T]> {
    return this[Symbol.iterator]();
  }

  *[Symbol.iterator](): IterableIterator<[string, T]> {
    for (const [document, entry] of [...this.source]) yield [document, this.partOf(entry, document)];
  }

  forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void): void {
    for (const [document, part] of this) callback(part, document, this);
  }
}

function scoresOf(analysis: DocumentAnalysis): Float64Array {
  return Float64Array.from(analysis.claims, (c) => c.score);
}

function pack(a: DocumentAnalysis): Packed {
  const { documentEntities, nameDescriptions, claims, ...rest } = a;
  return { linking: packJson({ documentEntities, nameDescriptions }), claims: packJson(claims), rest: packJson(rest) };
}

function unpack(p: Packed): DocumentAnalysis {
  const rest = unpackJson<Rest>(p.rest);
  const { documentEntities, nameDescriptions } = unpackLinking(p);
  // In the engine's order of fields, so that the analysis prints as it was made.
  const { length, sentences, entities, references, ...others } = rest;
  return { length, sentences, entities, documentEntities, references, ...(nameDescriptions ? { nameDescriptions } : {}), claims: unpackJson(p.claims), ...others };
}

function unpackLinking(p: Packed): LinkingPart {
  return unpackJson<LinkingPart>(p.linking);
}

/**
 * Deflate with a 4 KB window and a small state: a part is a few kilobytes, so the default 32 KB window finds
 * little more (a third of the JSON's size either way, measured on 800 articles' claims), while its 256 KB state,
 * made and freed for every part, costs time and leaves the process's memory fragmented.
 */
const DEFLATE = { level: 1, windowBits: 12, memLevel: 6 };
// Inflated with the default (largest) window, which reads a stream made with any smaller one: a part stays
// readable whatever window the zlib at hand deflated it with.

/** JSON, deflated, as a one-byte string on the heap. */
function packJson(value: unknown): string {
  return deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'), DEFLATE).toString('latin1');
}

function unpackJson<T>(packed: string): T {
  return JSON.parse(inflateRawSync(Buffer.from(packed, 'latin1')).toString('utf8')) as T;
}
