import { test } from 'node:test';
import assert from 'node:assert/strict';
import { internToken, lowerText, MAX_TOKEN_IDS, tokenGeneration, tokenText } from '../../src/core/text/intern';
import { tokenize } from '../../src/core/text/segment';

test('the same token text gets the same number and string wherever it occurs', () => {
  const text = 'Putin met Kim. Later, Putin said Kim Jong-un’s envoy left 😀 Putin.';
  const putins = tokenize(text).filter((t) => t.text === 'Putin');
  assert.equal(putins.length, 3);
  assert.equal(new Set(putins.map((t) => t.id)).size, 1);
  assert.equal(tokenText(putins[0].id), 'Putin');
  const other = tokenize('Kim met Putin again.').find((t) => t.text === 'Putin');
  assert.equal(other?.id, putins[0].id);
  // Different texts never share a number, even when they differ only in case or by a surrogate half.
  const ids = new Map<string, number>();
  for (const t of tokenize(`${text} putin PUTIN 😀😀 Jong-Un’s`)) {
    const known = ids.get(t.text);
    if (known !== undefined) assert.equal(t.id, known);
    else {
      assert.ok(![...ids.values()].includes(t.id), `${t.text} shares a number`);
      ids.set(t.text, t.id);
    }
  }
});

test('lower-case forms are cached by number and stay right when the table starts again', () => {
  const [t] = tokenize('Pyongyang');
  assert.equal(lowerText(t.id, t.text), 'pyongyang');
  assert.equal(lowerText(t.id, t.text), 'pyongyang');
  const before = tokenGeneration();
  // Fill the table with distinct texts until it starts again.
  for (let n = 0; tokenGeneration() === before; n++) {
    assert.ok(n <= MAX_TOKEN_IDS, 'the table never started again');
    const word = `filler${n}`;
    internToken(word, 0, word.length);
  }
  // The old token's number now means another text (or none): its own text still decides.
  assert.equal(lowerText(t.id, t.text), 'pyongyang');
  const [again] = tokenize('Pyongyang');
  assert.equal(again.text, 'Pyongyang');
  assert.equal(lowerText(again.id, again.text), 'pyongyang');
});

test('long token texts are copies that slice the text exactly', () => {
  const text = `${'x'.repeat(1000)} Internationalisation ${'y'.repeat(1000)}`;
  const t = tokenize(text).find((k) => k.text.startsWith('Intern'));
  assert.ok(t);
  assert.equal(t.text, text.slice(t.start, t.end));
  assert.equal(tokenText(t.id), 'Internationalisation');
});
