// The claims a claim grouper compares, by id, in typed arrays: a workspace holds hundreds of thousands of them,
// and as objects (a claim, its reference, two arrays of numbers) each weighed about 250 bytes of heap; here
// about 50. The word and entity numbers of every claim lie end to end in one arena.
import type { Value } from '../types';
import { grownTo, sizeFor } from './typedArrays';

const NO_VALUES: readonly Value[] = [];

/** What the grouper keeps of one claim. */
export interface ClaimRow {
  /** The document's number (the grouper numbers them). */
  document: number;
  /** Index into the document's claims. */
  index: number;
  negated: boolean;
  /** Its normalised dates and quantities. */
  values: readonly Value[];
  /** Its workspace entities' numbers, distinct, ascending. */
  entities: readonly number[];
  /** Its distinct stemmed content words' numbers, ascending. */
  words: readonly number[];
}

export class ClaimTable {
  /** One past the highest id ever given. */
  private end = 0;
  /** Ids of claims taken out, given again: the per-id arrays stay as long as the most claims ever held at once. */
  private readonly freeIds: number[] = [];
  private live = new Uint8Array(256);
  private documents = new Int32Array(256);
  private indexes = new Int32Array(256);
  private negatedFlags = new Uint8Array(256);
  /** A bit per entity (its number mod 32): most candidate pairs share no entity, and one AND rejects them. */
  private masks = new Int32Array(256);
  /** Where a claim's words start in the arena; its entities follow them. */
  private starts = new Int32Array(256);
  private wordCounts = new Int32Array(256);
  private entityCounts = new Int32Array(256);
  /** Dates and quantities, for the few claims that have any. */
  private readonly valueLists: (readonly Value[] | undefined)[] = [];
  private arena = new Int32Array(4096);
  private arenaUsed = 0;
  /** How much of the arena's used part belongs to claims taken out: left behind when it is most of it. */
  private arenaFree = 0;

  /** One past the highest id in use or ever used: ids run from 0 to this. */
  get idLimit(): number {
    return this.end;
  }

  add(row: ClaimRow): number {
    const id = this.freeIds.pop() ?? this.end++;
    this.grow(id);
    const size = row.words.length + row.entities.length;
    this.reserve(size);
    const start = this.arenaUsed;
    this.arena.set(row.words, start);
    this.arena.set(row.entities, start + row.words.length);
    this.arenaUsed += size;
    let mask = 0;
    for (const e of row.entities) mask |= 1 << (e & 31);
    this.live[id] = 1;
    this.documents[id] = row.document;
    this.indexes[id] = row.index;
    this.negatedFlags[id] = row.negated ? 1 : 0;
    this.masks[id] = mask;
    this.starts[id] = start;
    this.wordCounts[id] = row.words.length;
    this.entityCounts[id] = row.entities.length;
    this.valueLists[id] = row.values.length ? row.values : undefined;
    return id;
  }

  remove(id: number): void {
    if (!this.live[id]) return;
    this.live[id] = 0;
    this.arenaFree += this.wordCounts[id] + this.entityCounts[id];
    this.valueLists[id] = undefined;
    this.freeIds.push(id);
  }

  has(id: number): boolean {
    return id < this.end && this.live[id] === 1;
  }

  documentOf(id: number): number {
    return this.documents[id];
  }

  indexOf(id: number): number {
    return this.indexes[id];
  }

  negated(id: number): boolean {
    return this.negatedFlags[id] === 1;
  }

  maskOf(id: number): number {
    return this.masks[id];
  }

  valuesOf(id: number): readonly Value[] {
    return this.valueLists[id] ?? NO_VALUES;
  }

  wordsOf(id: number): Int32Array {
    const start = this.starts[id];
    return this.arena.subarray(start, start + this.wordCounts[id]);
  }

  entitiesOf(id: number): Int32Array {
    const start = this.starts[id] + this.wordCounts[id];
    return this.arena.subarray(start, start + this.entityCounts[id]);
  }

  /** How many entities two claims share. */
  sharedEntities(x: number, y: number): number {
    const ax = this.starts[x] + this.wordCounts[x];
    const ay = this.starts[y] + this.wordCounts[y];
    return sharedCount(this.arena, ax, ax + this.entityCounts[x], ay, ay + this.entityCounts[y]);
  }

  /** Shared words over the smaller claim's (containment) and over both (Jaccard). */
  wordOverlap(x: number, y: number): { contained: number; jaccard: number } {
    const nx = this.wordCounts[x];
    const ny = this.wordCounts[y];
    if (nx === 0 || ny === 0) return { contained: 0, jaccard: 0 };
    const shared = sharedCount(this.arena, this.starts[x], this.starts[x] + nx, this.starts[y], this.starts[y] + ny);
    return { contained: shared / Math.min(nx, ny), jaccard: shared / (nx + ny - shared) };
  }

  private grow(id: number): void {
    if (id < this.live.length) return;
    const size = sizeFor(id, this.live.length);
    this.live = grownTo(this.live, size);
    this.negatedFlags = grownTo(this.negatedFlags, size);
    this.documents = grownTo(this.documents, size);
    this.indexes = grownTo(this.indexes, size);
    this.masks = grownTo(this.masks, size);
    this.starts = grownTo(this.starts, size);
    this.wordCounts = grownTo(this.wordCounts, size);
    this.entityCounts = grownTo(this.entityCounts, size);
  }

  /**
   * Room for `size` more numbers at the arena's end, in a larger arena: the used part copied as it is, or, when
   * most of it belongs to claims taken out, only the live claims' runs, one after the other (in id order: no sort,
   * which at hundreds of thousands of claims held the thread for tens of milliseconds).
   */
  private reserve(size: number): void {
    if (this.arenaUsed + size <= this.arena.length) return;
    const live = this.arenaUsed - this.arenaFree;
    const mostlyFree = this.arenaFree * 2 > this.arenaUsed;
    const next = new Int32Array(Math.max(4096, Math.ceil(1.5 * ((mostlyFree ? live : this.arenaUsed) + size))));
    if (!mostlyFree) {
      next.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = next;
      return;
    }
    let at = 0;
    for (let id = 0; id < this.end; id++) {
      if (!this.live[id]) continue;
      const start = this.starts[id];
      const n = this.wordCounts[id] + this.entityCounts[id];
      next.set(this.arena.subarray(start, start + n), at);
      this.starts[id] = at;
      at += n;
    }
    this.arena = next;
    this.arenaUsed = at;
    this.arenaFree = 0;
  }
}

/** How many numbers two ascending runs of one array share. */
function sharedCount(a: Int32Array, i: number, iEnd: number, j: number, jEnd: number): number {
  let shared = 0;
  while (i < iEnd && j < jEnd) {
    const x = a[i];
    const y = a[j];
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}
