import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SmallMap } from '../../src/core/corpus/smallMap';

test('a small map behaves as a Map through growth past its array, deletes and re-inserts', () => {
  const small = new SmallMap<string, number>();
  const map = new Map<string, number>();
  // A seeded walk of sets and deletes over 20 keys: the small map grows into a Map on the way.
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let step = 0; step < 2_000; step++) {
    const key = `k${Math.floor(next() * (step < 1_000 ? 9 : 20))}`;
    if (next() < 0.35) assert.equal(small.delete(key), map.delete(key));
    else {
      small.set(key, step);
      map.set(key, step);
    }
    assert.equal(small.size, map.size);
    assert.equal(small.get(key), map.get(key));
    assert.equal(small.has(key), map.has(key));
  }
  assert.deepEqual([...small], [...map]);
  assert.deepEqual([...small.keys()], [...map.keys()]);
  assert.deepEqual([...small.values()], [...map.values()]);
});

test('a small map keeps insertion order, and a value set again keeps its place', () => {
  const m = new SmallMap<string, number>();
  m.set('b', 1).set('a', 2).set('c', 3).set('b', 4);
  assert.deepEqual([...m], [['b', 4], ['a', 2], ['c', 3]]);
  assert.equal(m.delete('a'), true);
  assert.equal(m.delete('a'), false);
  assert.deepEqual([...m.keys()], ['b', 'c']);
  m.delete('b');
  m.delete('c');
  assert.equal(m.size, 0);
  assert.deepEqual([...m], []);
});
