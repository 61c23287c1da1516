// One copy of each short string the documents of a workspace share: mention texts, entity keys, names and cue
// words repeat from document to document ("Trump", "person:donald trump", "said"), and each analysis, made
// apart (often in another thread), brings its own copies. Bounded: the pool starts again when it is full.
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
   * Replaces the analysis's repeated strings by the pool's copies, in place (equal strings: nothing else
   * changes). Not for a very long document: it is one among many, and re-analysed at every edit, whose time
   * the lookups would add to.
   */
  internAnalysis(a: DocumentAnalysis): void {
    if (a.length > MAX_POOLED_DOCUMENT) return;
    for (const m of a.entities) {
      m.text = this.intern(m.text);
      m.entity = this.intern(m.entity);
    }
    for (const e of a.documentEntities) {
      e.key = this.intern(e.key);
      e.name = this.intern(e.name);
      for (let i = 0; i < e.aliases.length; i++) e.aliases[i] = this.intern(e.aliases[i]);
    }
    for (const r of a.references) r.entity = this.intern(r.entity);
    for (const c of a.claims) {
      for (let i = 0; i < c.entities.length; i++) c.entities[i] = this.intern(c.entities[i]);
      if (c.cue) c.cue.text = this.intern(c.cue.text);
      if (c.source) {
        c.source.text = this.intern(c.source.text);
        if (c.source.entity) c.source.entity = this.intern(c.source.entity);
      }
      for (const v of c.values) v.text = this.intern(v.text);
    }
  }
}
