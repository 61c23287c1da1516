// A map for the many small ones a workspace index holds (each linked entity keeps eight: its names, aliases,
// documents…, most with one or two entries). A Map costs about 300 bytes even when nearly empty; this keeps
// its entries in one array, keys and values alternating, searched in order, and becomes a Map only when it
// grows past SMALL entries. The part of Map's interface the index uses, with Map's insertion order.

/** Entries kept in the array; more and the map becomes a Map. */
const SMALL = 8;

const EMPTY: readonly unknown[] = [];

export class SmallMap<K, V> {
  /** Keys and values alternating (a shared empty array when there are none), or a Map once it grew. */
  private entries: unknown[] | Map<K, V> = EMPTY as unknown[];

  get size(): number {
    const e = this.entries;
    return e instanceof Map ? e.size : e.length >> 1;
  }

  get(key: K): V | undefined {
    const e = this.entries;
    if (e instanceof Map) return e.get(key);
    for (let i = 0; i < e.length; i += 2) if (e[i] === key) return e[i + 1] as V;
    return undefined;
  }

  has(key: K): boolean {
    const e = this.entries;
    if (e instanceof Map) return e.has(key);
    for (let i = 0; i < e.length; i += 2) if (e[i] === key) return true;
    return false;
  }

  set(key: K, value: V): this {
    const e = this.entries;
    if (e instanceof Map) {
      e.set(key, value);
      return this;
    }
    for (let i = 0; i < e.length; i += 2) {
      if (e[i] === key) {
        e[i + 1] = value;
        return this;
      }
    }
    if (e.length >> 1 >= SMALL) {
      const map = new Map<K, V>();
      for (let i = 0; i < e.length; i += 2) map.set(e[i] as K, e[i + 1] as V);
      map.set(key, value);
      this.entries = map;
      return this;
    }
    // A new array of the exact size: pushing would reserve room for many more entries than a small map gets.
    const grown = new Array<unknown>(e.length + 2);
    for (let i = 0; i < e.length; i++) grown[i] = e[i];
    grown[e.length] = key;
    grown[e.length + 1] = value;
    this.entries = grown;
    return this;
  }

  delete(key: K): boolean {
    const e = this.entries;
    if (e instanceof Map) return e.delete(key);
    for (let i = 0; i < e.length; i += 2) {
      if (e[i] !== key) continue;
      if (e.length === 2) this.entries = EMPTY as unknown[];
      else e.splice(i, 2);
      return true;
    }
    return false;
  }

  keys(): IterableIterator<K> {
    return this.keyList().values();
  }

  values(): IterableIterator<V> {
    return this.valueList().values();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    const e = this.entries;
    if (e instanceof Map) return e.entries();
    const out: [K, V][] = new Array(e.length >> 1);
    for (let i = 0; i < e.length; i += 2) out[i >> 1] = [e[i] as K, e[i + 1] as V];
    return out.values();
  }

  /** The keys in a new array (iterating an array is quicker than a generator). */
  keyList(): K[] {
    return this.column(0) as K[];
  }

  /** The values in a new array. */
  valueList(): V[] {
    return this.column(1) as V[];
  }

  /** Keys (0) or values (1) in a new array. */
  private column(at: 0 | 1): unknown[] {
    const e = this.entries;
    if (e instanceof Map) return at === 0 ? [...e.keys()] : [...e.values()];
    const out: unknown[] = new Array(e.length >> 1);
    for (let i = at; i < e.length; i += 2) out[i >> 1] = e[i];
    return out;
  }
}
