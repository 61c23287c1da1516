// The pairs a claim grouper made, per claim: each claim's partners and what links them, as small integers in
// pages of a shared pool. A workspace of duplicated articles holds over a million pairs; an array of numbers
// per claim weighed about twice as much (8 bytes a number, and a header and spare room per claim).
import { grownTo, sizeFor } from './typedArrays';

/** Numbers in a page (a megabyte): a list longer than this has a page of its own. */
const PAGE = 1 << 18;

/**
 * Per claim id, a list of (other claim id, information) pairs. Each list is a run of a page with room to grow;
 * a list that outgrows its run moves to a new run, and when most of the pool is runs left behind, the runs are
 * copied together into new pages, each old page let go as soon as its runs are out: the pool never needs twice
 * its size at once (one large array, grown by copying, did).
 */
export class ClaimLinks {
  private pool: Pages;
  private pageOf = new Int32Array(256);
  private starts = new Int32Array(256);
  /** Numbers in each list (two per pair) and the room of its run. */
  private counts = new Int32Array(256);
  private capacities = new Int32Array(256);
  /** One past the highest id with a list. */
  private end = 0;

  /** `pageSize`: numbers in a page; smaller ones only for tests. */
  constructor(private readonly pageSize = PAGE) {
    this.pool = new Pages(pageSize);
  }

  /** One past the highest id that has or had a list. */
  get idLimit(): number {
    return this.end;
  }

  /** How many pairs the claim is in. */
  pairsOf(id: number): number {
    return id < this.end ? this.counts[id] >> 1 : 0;
  }

  otherAt(id: number, pair: number): number {
    return this.pool.pages[this.pageOf[id]]![this.starts[id] + 2 * pair];
  }

  infoAt(id: number, pair: number): number {
    return this.pool.pages[this.pageOf[id]]![this.starts[id] + 2 * pair + 1];
  }

  /** Where the claim's list names the other claim (a pair number), or -1. */
  find(id: number, other: number): number {
    if (id >= this.end || this.counts[id] === 0) return -1;
    const page = this.pool.pages[this.pageOf[id]]!;
    const start = this.starts[id];
    const stop = start + this.counts[id];
    for (let k = start; k < stop; k += 2) if (page[k] === other) return (k - start) >> 1;
    return -1;
  }

  push(id: number, other: number, info: number): void {
    this.grow(id);
    // Room for half as many more pairs again: a list's spare room is at most a third of its run.
    if (this.counts[id] + 2 > this.capacities[id]) this.move(id, Math.max(4, 2 * Math.ceil(this.capacities[id] * 0.75)));
    const page = this.pool.pages[this.pageOf[id]]!;
    const at = this.starts[id] + this.counts[id];
    page[at] = other;
    page[at + 1] = info;
    this.counts[id] += 2;
  }

  /** Takes one pair out of the claim's list; the list's last pair takes its place (lists have no order). */
  removeAt(id: number, pair: number): void {
    const page = this.pool.pages[this.pageOf[id]]!;
    const start = this.starts[id];
    const last = start + this.counts[id] - 2;
    const at = start + 2 * pair;
    page[at] = page[last];
    page[at + 1] = page[last + 1];
    this.counts[id] -= 2;
  }

  /** Empties the claim's list and gives its run back. */
  clear(id: number): void {
    if (id >= this.end || this.capacities[id] === 0) return;
    this.pool.release(this.pageOf[id], this.capacities[id]);
    this.counts[id] = 0;
    this.capacities[id] = 0;
  }

  /** Gives every list a run just its size: after a full build, when changes come one document at a time. */
  trim(): void {
    for (let id = 0; id < this.end; id++) this.capacities[id] = this.counts[id];
    this.compact();
  }

  private grow(id: number): void {
    if (id >= this.end) this.end = id + 1;
    if (id < this.starts.length) return;
    const size = sizeFor(id, this.starts.length);
    this.pageOf = grownTo(this.pageOf, size);
    this.starts = grownTo(this.starts, size);
    this.counts = grownTo(this.counts, size);
    this.capacities = grownTo(this.capacities, size);
  }

  /** Gives the claim's list a new run of `capacity`, its pairs copied there. */
  private move(id: number, capacity: number): void {
    if (this.pool.free * 2 > this.pool.used && this.pool.used > this.pageSize) this.compact();
    const [page, start] = this.pool.allocate(capacity);
    if (this.capacities[id] > 0) {
      const from = this.starts[id];
      this.pool.pages[page]!.set(this.pool.pages[this.pageOf[id]]!.subarray(from, from + this.counts[id]), start);
      this.pool.release(this.pageOf[id], this.capacities[id]);
    }
    this.pageOf[id] = page;
    this.starts[id] = start;
    this.capacities[id] = capacity;
  }

  /**
   * Copies every list, with its room, into a new pool, page by page, letting each old page go as soon as its
   * lists are out. Grouped by page in one pass: no sort, which at hundreds of thousands of claims held the thread
   * for tens of milliseconds.
   */
  private compact(): void {
    const old = this.pool.pages;
    const next = new Pages(this.pageSize);
    const byPage: number[][] = old.map(() => []);
    for (let id = 0; id < this.end; id++) if (this.capacities[id] > 0) byPage[this.pageOf[id]].push(id);
    byPage.forEach((ids, oldPage) => {
      for (const id of ids) {
        const start = this.starts[id];
        const [page, at] = next.allocate(this.capacities[id]);
        next.pages[page]!.set(old[oldPage]!.subarray(start, start + this.counts[id]), at);
        this.pageOf[id] = page;
        this.starts[id] = at;
      }
      old[oldPage] = undefined;
    });
    this.pool = next;
  }
}

/** Pages of numbers handed out in runs, each page let go once no run of it is held. */
class Pages {
  readonly pages: (Int32Array | undefined)[] = [];
  /** Per page, the numbers handed out from its start, and how many of those are held no more. */
  private readonly handedOut: number[] = [];
  private readonly givenBack: number[] = [];
  /** The page new runs come from, or -1. */
  private open = -1;
  /** Over all pages: numbers handed out, and of those given back. */
  used = 0;
  free = 0;

  constructor(private readonly pageSize: number) {}

  /** A run of `size` numbers, as [page, start]: at the open page's end, else on a new page. */
  allocate(size: number): [number, number] {
    let page = this.open;
    if (page < 0 || this.handedOut[page] + size > this.pages[page]!.length) {
      page = this.pages.indexOf(undefined);
      if (page < 0) page = this.pages.length;
      this.pages[page] = new Int32Array(Math.max(this.pageSize, size));
      this.handedOut[page] = 0;
      this.givenBack[page] = 0;
      // A list too long for a page has one of its own; the open page stays open.
      if (size <= this.pageSize) this.open = page;
    }
    const start = this.handedOut[page];
    this.handedOut[page] += size;
    this.used += size;
    return [page, start];
  }

  /** A run held no more; a page left with none (but the open one) is let go. */
  release(page: number, size: number): void {
    this.givenBack[page] += size;
    this.free += size;
    if (this.givenBack[page] < this.handedOut[page] || page === this.open) return;
    this.used -= this.handedOut[page];
    this.free -= this.givenBack[page];
    this.pages[page] = undefined;
  }
}
