// Per-id typed arrays that grow with the ids they hold (claims, in the grouper's tables).

/** A copy of `a` with room for `size` numbers, its own first. */
export function grownTo<A extends Int32Array | Uint8Array>(a: A, size: number): A {
  const b = (a instanceof Uint8Array ? new Uint8Array(size) : new Int32Array(size)) as A;
  b.set(a);
  return b;
}

/** The size a per-id array grows to for `id`: half as large again, at least. */
export function sizeFor(id: number, length: number): number {
  return Math.max(id + 1, Math.ceil(length * 1.5));
}
