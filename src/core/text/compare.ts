// Ordering of strings by UTF-16 code units: deterministic whatever the locale, and many times faster than
// localeCompare when a workspace's thousands of entities and claim groups are sorted after every change.
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two lists sorted by `order` as one sorted list (of the first list's items first among equals). */
export function mergeSorted<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  if (b.length === 0) return [...a];
  const out: T[] = [];
  let i = 0;
  let j = 0;
  // A few items into a long list (a change into a workspace's claim groups): each found by binary search in
  // what is left of the long list, which is copied up to it, so comparisons are few, not one per item.
  if (b.length * 16 < a.length) {
    for (; j < b.length; j++) {
      const at = bound(a, b[j], order, true, i);
      while (i < at) out.push(a[i++]);
      out.push(b[j]);
    }
  }
  while (i < a.length && j < b.length) out.push(order(b[j], a[i]) < 0 ? b[j++] : a[i++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/**
 * A sorted list with some items taken out and others put in, each found by binary search: a few changes to a
 * long list cost a few searches and moves, not a comparison with every item. `removed` must hold items of
 * `sorted` (compared by identity), unchanged since it was sorted.
 */
export function updateSorted<T>(sorted: readonly T[], removed: ReadonlySet<T>, added: readonly T[], order: (x: T, y: T) => number): T[] {
  if (removed.size + added.length > 64) {
    const kept = removed.size ? sorted.filter((x) => !removed.has(x)) : sorted;
    return mergeSorted(kept, [...added].sort(order), order);
  }
  const out = sorted.slice();
  for (const item of removed) {
    // The first position not before the item, then along the items that sort equal to it.
    for (let i = bound(out, item, order, false); i < out.length && order(out[i], item) === 0; i++) {
      if (out[i] === item) {
        out.splice(i, 1);
        break;
      }
    }
  }
  for (const item of added) out.splice(bound(out, item, order, true), 0, item);
  return out;
}

/** The first position (at or after `from`) whose item sorts after `item` (upper) or not before it (lower). */
function bound<T>(list: readonly T[], item: T, order: (x: T, y: T) => number, upper: boolean, from = 0): number {
  let lo = from;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = order(list[mid], item);
    if (c < 0 || (upper && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A merge sort that yields between runs and merges, so that sorting a long list can be spread over time. */
export function* sortInSteps<T>(items: readonly T[], order: (x: T, y: T) => number, run = 2048): Generator<void, T[]> {
  let runs: T[][] = [];
  for (let i = 0; i < items.length; i += run) {
    runs.push(items.slice(i, i + run).sort(order));
    yield;
  }
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      next.push(i + 1 < runs.length ? yield* mergeInSteps(runs[i], runs[i + 1], order, run * 8) : runs[i]);
      yield;
    }
    runs = next;
  }
  return runs[0] ?? [];
}

/** mergeSorted's merge (stable: `a`'s item first among equals), yielding every `step` items: the last merges of a long sort are long. */
function* mergeInSteps<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number, step: number): Generator<void, T[]> {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    out.push(order(b[j], a[i]) < 0 ? b[j++] : a[i++]);
    if (out.length % step === 0) yield;
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
