import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitParagraphs, splitSentences, tokenize } from '../../src/core/text/segment';
import { getLexicon } from '../../src/core/lexicon';
import { analyzeText } from '../../src/core/analyze';

const abbreviations = getLexicon().abbreviations;

test('tokens slice the text exactly, emoji and surrogate pairs kept whole', () => {
  const text = 'Putin 🇷🇺 met Kim Jong-un’s envoy in Pyongyang — 5,000,000 shells 😀!\r\nU.S. officials said.';
  const tokens = tokenize(text);
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.ok(tokens.some((t) => t.text === 'Jong-un’s'));
  assert.ok(tokens.some((t) => t.text === '5,000,000' && t.kind === 'number'));
  assert.ok(tokens.some((t) => t.text === 'U.S.'));
  // No token starts or ends inside a surrogate pair.
  for (const t of tokens) {
    const first = text.charCodeAt(t.start);
    assert.ok(!(first >= 0xdc00 && first <= 0xdfff), `token ${JSON.stringify(t.text)} starts inside a surrogate pair`);
  }
});

test('sentences end at punctuation and line breaks but not after abbreviations or initials', () => {
  const text = 'Mr. Smith went to Washington. He met Dr. J. Jones at 5 p.m. in St. Petersburg!\nHeadline without a period\nNext one? Yes.';
  const spans = splitSentences(text, abbreviations).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(spans, [
    'Mr. Smith went to Washington.',
    'He met Dr. J. Jones at 5 p.m. in St. Petersburg!',
    'Headline without a period',
    'Next one?',
    'Yes.',
  ]);
});

test('a hard-wrapped line that continues mid-sentence stays one sentence; CRLF handled', () => {
  const text = 'The minister said the plan\r\nwould cost more than expected.\r\n\r\nNew paragraph.';
  const spans = splitSentences(text, abbreviations).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(spans, ['The minister said the plan\r\nwould cost more than expected.', 'New paragraph.']);
});

test('paragraphs are separated by blank lines', () => {
  const text = 'One.\nStill one.\n\n  Two.\r\n\r\nThree';
  assert.deepEqual(splitParagraphs(text).map((p) => text.slice(p.start, p.end)), ['One.\nStill one.', 'Two.', 'Three']);
});

test('empty and whitespace-only text gives no tokens and no sentences', () => {
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(splitSentences('  \n\t ', abbreviations), []);
});

test('a web or e-mail address is one token, without its closing punctuation, and no name is read inside it', () => {
  const text = 'See https://www.example.com/World-News/Vladimir-Putin?id=3, or write to Jane.Doe@Reuters.com. Putin met Kim Jong Un in Pyongyang.';
  const tokens = tokenize(text);
  const texts = tokens.map((t) => t.text);
  assert.ok(texts.includes('https://www.example.com/World-News/Vladimir-Putin?id=3'), texts.join(' | '));
  assert.ok(texts.includes('Jane.Doe@Reuters.com'), texts.join(' | '));
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  const names = analyzeText(text).entities.map((m) => m.text);
  assert.ok(!names.some((n) => /Jane|Reuters|World|Vladimir-Putin/.test(n)), names.join(', '));
  assert.ok(names.includes('Kim Jong Un'), names.join(', '));
});
