// The claim grouper's table: rows stay as added through removals, reused ids and the arena's compaction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClaimTable, type ClaimRow } from '../../src/core/corpus/claimTable';

function row(n: number): ClaimRow {
  const words = Array.from({ length: (n * 7) % 23 }, (_, k) => n + k * 3);
  const entities = Array.from({ length: 1 + (n % 4) }, (_, k) => k * 40 + (n % 40));
  return { document: n % 13, index: n, negated: n % 5 === 0, values: n % 3 === 0 ? [{ kind: 'quantity', amount: n, unit: 'shell' }] : [], entities, words };
}

test('rows read back as added, through removals, reused ids, growth and compaction of the arena', () => {
  const table = new ClaimTable();
  const held = new Map<number, ClaimRow>();
  let n = 0;
  // Seeded: the same removals every run.
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let round = 0; round < 40; round++) {
    for (let k = 0; k < 300; k++) {
      const r = row(n++);
      held.set(table.add(r), r);
    }
    for (const id of [...held.keys()]) {
      if (random() < 0.6) {
        table.remove(id);
        held.delete(id);
      }
    }
  }
  for (const [id, r] of held) {
    assert.ok(table.has(id));
    assert.equal(table.documentOf(id), r.document);
    assert.equal(table.indexOf(id), r.index);
    assert.equal(table.negated(id), r.negated);
    assert.deepEqual(table.valuesOf(id), r.values);
    assert.deepEqual([...table.wordsOf(id)], r.words);
    assert.deepEqual([...table.entitiesOf(id)], r.entities);
  }
  // Ids are given again: never more than the most rows held at once, plus a round's additions.
  assert.ok(table.idLimit <= held.size + 300 * 3, `${table.idLimit} ids for ${held.size} rows`);
  for (let id = 0; id < table.idLimit; id++) if (!held.has(id)) assert.ok(!table.has(id));
});

test('shared entities and word overlap are counted on the ascending numbers', () => {
  const table = new ClaimTable();
  const a = table.add({ document: 0, index: 0, negated: false, values: [], entities: [1, 4, 9], words: [2, 3, 5, 8] });
  const b = table.add({ document: 1, index: 0, negated: true, values: [], entities: [4, 9, 12], words: [3, 5, 13] });
  const c = table.add({ document: 2, index: 0, negated: false, values: [], entities: [7], words: [] });
  assert.equal(table.sharedEntities(a, b), 2);
  assert.equal(table.sharedEntities(a, c), 0);
  assert.deepEqual(table.wordOverlap(a, b), { contained: 2 / 3, jaccard: 2 / 5 });
  assert.deepEqual(table.wordOverlap(a, c), { contained: 0, jaccard: 0 });
  assert.notEqual(table.maskOf(a) & table.maskOf(b), 0);
});
