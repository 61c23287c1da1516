// The claim grouper's pairs: each claim's list reads back as a model of it, through growth, removals, pages let
// go and the pool's compaction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClaimLinks } from '../../src/core/corpus/claimLinks';

for (const pageSize of [64, 1 << 18]) test(`lists read back as pushed, through moves, removals, cleared claims and compaction (pages of ${pageSize})`, () => {
  // Small pages: lists longer than a page, pages let go, and compaction, all within the test's few thousand pairs.
  const links = new ClaimLinks(pageSize);
  const model = new Map<number, [number, number][]>();
  let seed = 99;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let step = 0;
  const run = (steps: number, pushes: number) => {
    for (const end = step + steps; step < end; step++) {
      const id = Math.floor(random() * 400);
      const list = model.get(id) ?? [];
      model.set(id, list);
      const r = random();
      if (r < pushes) {
        // A claim is paired with another once at most, as in the grouper.
        const other = Math.floor(random() * 1000);
        if (list.some((p) => p[0] === other)) continue;
        links.push(id, other, step);
        list.push([other, step]);
      } else if (r < 0.9 && list.length) {
        const other = list[Math.floor(random() * list.length)][0];
        const at = links.find(id, other);
        assert.ok(at >= 0);
        links.removeAt(id, at);
        list.splice(list.findIndex((p) => p[0] === other), 1);
      } else if (r >= 0.9) {
        links.clear(id);
        list.length = 0;
      }
    }
  };
  const check = () => {
    const sorted = (pairs: [number, number][]) => [...pairs].sort((a, b) => a[1] - b[1]);
    for (const [id, list] of model) {
      const read: [number, number][] = [];
      for (let k = 0; k < links.pairsOf(id); k++) read.push([links.otherAt(id, k), links.infoAt(id, k)]);
      // Lists have no order: the last pair fills a removed one's place.
      assert.deepEqual(sorted(read), sorted(list), `claim ${id} at step ${step}`);
    }
  };
  // Growing: lists move to the pool's end, and the pool grows.
  run(60_000, 0.6);
  check();
  // Most lists emptied, then growing again: the runs are moved together within the pool.
  for (const [id, list] of model) {
    if (id % 10 === 0) continue;
    links.clear(id);
    list.length = 0;
  }
  run(30_000, 0.7);
  check();
  // Trimmed, as after a full build, then changed again.
  links.trim();
  check();
  run(5_000, 0.6);
  check();
  assert.equal(links.pairsOf(100_000), 0);
  assert.equal(links.find(100_000, 1), -1);
});
