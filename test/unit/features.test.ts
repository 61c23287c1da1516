import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shapeHashes, shapeOf, stringHash } from '../../src/core/entities/features';

test('word shapes collapse runs of the same character class', () => {
  assert.equal(shapeOf('Putin'), 'Xx');
  assert.equal(shapeOf('U.S.'), 'X.X.');
  assert.equal(shapeOf('1,000'), 'd,d');
  assert.equal(shapeOf('Jong-un'), 'Xx-x');
  assert.equal(shapeOf('Émile'), 'Xx');
});

test('shape hashes computed in one pass equal the hashes of the shape strings', () => {
  for (const word of ['Putin', 'U.S.', '1,000', 'Jong-un', 'Émile', 'McDonald’s', 'a', 'ABC-123-xyz', '😀x']) {
    const shape = shapeOf(word);
    const h = shapeHashes(word);
    assert.equal(h.full, stringHash(shape), word);
    assert.equal(h.short, stringHash(shape.slice(0, 4)), word);
    assert.equal(h.start, shape.charCodeAt(0), word);
  }
});
