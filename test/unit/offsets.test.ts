import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { assertSpansExact, readSeed, SEEDS } from './helpers';

for (const seed of SEEDS) {
  const lf = readSeed(seed).replace(/\r\n/g, '\n');

  test(`${seed}: every span slices the LF text exactly`, () => {
    const a = analyzeText(lf);
    assert.ok(assertSpansExact(lf, a) > 50);
  });

  test(`${seed}: every span slices the CRLF text exactly, at shifted offsets`, () => {
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = analyzeText(crlf);
    assert.ok(assertSpansExact(crlf, a) > 50);
    assert.equal(a.length, crlf.length);
    // The same mentions are found as in the LF text.
    assert.deepEqual(a.entities.map((m) => m.text), analyzeText(lf).entities.map((m) => m.text));
  });

  test(`${seed}: emoji, flags and combining marks before mentions keep offsets exact`, () => {
    const decorated = lf.replace(/(Vladimir )?Putin/g, '🇷🇺 $&').replace(/Korea/g, 'Korea 😀').replace(/\n/g, ' e\u0301\u200d👩‍👩‍👧\n');
    const a = analyzeText(decorated);
    assert.ok(assertSpansExact(decorated, a) > 50);
    assert.ok(a.entities.some((m) => m.text === 'Vladimir Putin' && m.type === 'person'), 'names after emoji are still found');
  });
}

test('a span never splits a surrogate pair', () => {
  const text = '😀Vladimir Putin😀 said 😀5 million😀 shells were sent to 😀North Korea.';
  const a = analyzeText(text);
  assertSpansExact(text, a);
  const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
  for (const m of a.entities) {
    assert.ok(!isLow(text.charCodeAt(m.start)), `${m.text} starts inside a pair`);
    assert.ok(m.end === text.length || !isLow(text.charCodeAt(m.end)), `${m.text} ends inside a pair`);
  }
  assert.ok(a.entities.some((m) => m.text === 'Vladimir Putin'));
  assert.ok(a.entities.some((m) => m.text === 'North Korea'));
});
