// One copy of each short string the documents of a workspace share: entity keys and names repeat from document
// to document ("Trump", "person:donald trump"), and each analysis, made apart (often in another thread), brings
// its own copies. Bounded: the pool starts again when it is full.
import type { DocumentAnalysis } from '../types';

/** Documents longer than this (UTF-16 units) keep their own strings. */
const MAX_POOLED_DOCUMENT = 100_000;
/** Strings longer than this are rarely shared (claim texts): not pooled. */
const MAX_POOLED_LENGTH = 64;

export class StringPool {
  private pool = new Map<string, string>();

  constructor(private readonly maxEntries = 200_000) {}

  get size(): number {
    return this.pool.size;
  }

  /** The pool's copy of `s` (made the pool's copy when new). */
  intern(s: string): string {
    if (s.length > MAX_POOLED_LENGTH) return s;
    const known = this.pool.get(s);
    if (known !== undefined) return known;
    if (this.pool.size >= this.maxEntries) this.pool = new Map();
    this.pool.set(s, s);
    return s;
  }

  /**
   * Replaces the strings of the analysis that the workspace's links keep (its document entities' keys, names
   * and aliases: "person:donald trump", "Trump") by the pool's copies, in place (equal strings: nothing else
   * changes). The rest of an analysis is packed once out of use, so sharing its strings would save nothing.
   * Not for a very long document: it is one among many, and re-analysed at every edit, whose time the lookups
   * would add to.
   */
  internAnalysis(a: DocumentAnalysis): void {
    if (a.length > MAX_POOLED_DOCUMENT) return;
    for (const e of a.documentEntities) {
      e.key = this.intern(e.key);
      e.name = this.intern(e.name);
      for (let i = 0; i < e.aliases.length; i++) e.aliases[i] = this.intern(e.aliases[i]);
    }
  }
}
