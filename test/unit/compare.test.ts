import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeSorted, sortInSteps, updateSorted } from '../../src/core/text/compare';

interface Item {
  key: number;
  from: string;
}
const order = (x: Item, y: Item) => x.key - y.key;

test('mergeSorted gives the stable sort of both lists, the first list first among equals, long into short and short into long', () => {
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  for (let round = 0; round < 300; round++) {
    // Sizes from equal to one list 400 times the other, with many equal keys: both ways of merging run.
    const sizeA = Math.floor(next() * 400);
    const sizeB = round % 3 === 0 ? Math.floor(next() * 400) : Math.floor(next() * 6);
    const range = 1 + Math.floor(next() * 50);
    const list = (n: number, from: string) => Array.from({ length: n }, () => ({ key: Math.floor(next() * range), from })).sort(order);
    const a = list(sizeA, 'a');
    const b = list(sizeB, 'b');
    // Array.prototype.sort is stable: a's items stay before b's among equal keys.
    const expected = [...a, ...b].sort(order);
    assert.deepEqual(mergeSorted(a, b, order), expected);
    assert.deepEqual(mergeSorted(b, a, order).map((x) => x.key), expected.map((x) => x.key));
  }
});

test('updateSorted takes out and puts in as a fresh sort would', () => {
  const sorted = Array.from({ length: 2_000 }, (_, i) => ({ key: Math.floor(i / 3), from: 'old' }));
  const removed = new Set([sorted[5], sorted[999], sorted[1_999]]);
  const added = [{ key: 0, from: 'new' }, { key: 400, from: 'new' }, { key: 10_000, from: 'new' }];
  const expected = [...sorted.filter((x) => !removed.has(x)), ...added].sort(order);
  assert.deepEqual(updateSorted(sorted, removed, added, order), expected);
  // Many changes at once go through a merge.
  const many = Array.from({ length: 100 }, (_, i) => ({ key: i * 7, from: 'new' }));
  assert.deepEqual(updateSorted(sorted, new Set(), many, order), [...sorted, ...many].sort(order));
});

test('a sort in steps gives what a stable sort gives, ties in their first order, and yields between runs and within long merges', () => {
  let seed = 5;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const items = Array.from({ length: 5000 }, (_, i) => ({ key: Math.floor(random() * 50), i }));
  const order = (x: { key: number }, y: { key: number }) => y.key - x.key;
  const steps = sortInSteps(items, order, 16);
  let yields = 0;
  let r = steps.next();
  for (; !r.done; r = steps.next()) yields++;
  assert.deepEqual(r.value, [...items].sort(order));
  // One yield per run of 16 (313) and per merge (317): 630 without the yields within merges (every 128 items).
  assert.ok(yields > 630 + 100, `${yields} yields`);
});
