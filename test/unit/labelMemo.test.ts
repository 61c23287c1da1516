import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, reanalyzeWithNames } from '../../src/core/analyze';
import { Corpus } from '../../src/core/corpus/corpus';
import { LabelMemo } from '../../src/core/labelMemo';
import { readSeed, SEEDS } from './helpers';

const TEXTS = [
  ...SEEDS.map(readSeed),
  'New Orleans Saints running back Reggie Bush will miss the rest of the season, coach Sean Payton said on Monday.',
  'The team placed Bush on injured reserve after he hurt his knee last Thursday. Payton said Bush would be back in 2025.',
  'Trump: “I’m the best.”\r\n\r\nOn Monday Donald Trump told 4,000 people in Lynchburg that Trump Tower cost $10 million 😀.',
];

test('a text analysed again with the workspace names from its remembered labels gives what a full analysis gives', () => {
  const memo = new LabelMemo();
  const corpus = new Corpus();
  TEXTS.forEach((text, i) => corpus.set(`d${i}`, analyzeText(text, { labelMemo: memo })));
  assert.equal(memo.size, TEXTS.length);
  const knownNames = corpus.knownNames();
  assert.ok(knownNames.size > 3, [...knownNames.keys()].join(', '));
  for (const text of TEXTS) {
    assert.ok(memo.recall(text, undefined, 1_000), 'the labels of the text should be remembered');
    assert.deepEqual(analyzeText(text, { knownNames, labelMemo: memo }), analyzeText(text, { knownNames }));
  }
  // The names do add mentions here, so the comparison above covers the step they feed.
  const bush = TEXTS[SEEDS.length + 1];
  assert.ok(analyzeText(bush, { knownNames, labelMemo: memo }).entities.filter((m) => m.text === 'Bush').length >= 2);
});

test('remembered labels are fresh objects each time, and only for the same text and document date', () => {
  const memo = new LabelMemo();
  const text = TEXTS[SEEDS.length];
  const first = analyzeText(text, { labelMemo: memo });
  const again = analyzeText(text, { labelMemo: memo });
  assert.deepEqual(again, first);
  assert.notEqual(again.entities[0], first.entities[0]);
  assert.equal(memo.recall(`${text} `, undefined, 10), undefined);
  assert.equal(memo.recall(text, '2020-01-01', 10), undefined);
  // Another document date reads the values against it, not against the remembered one.
  const dated = analyzeText(text, { labelMemo: memo, documentDate: '2020-01-01' });
  assert.deepEqual(dated, analyzeText(text, { documentDate: '2020-01-01' }));
});

test('the memo keeps at most its characters of text, forgetting the oldest first', () => {
  const memo = new LabelMemo(250);
  const texts = ['Angela Merkel met Emmanuel Macron in Paris on Tuesday.', 'The ministry said 1,200 people had left Kyiv.', 'NATO leaders met in Vilnius.'];
  for (const t of texts) analyzeText(t, { labelMemo: memo });
  assert.equal(memo.size, 3);
  const long = `${'Putin spoke. '.repeat(15)}`;
  analyzeText(long, { labelMemo: memo });
  assert.ok(memo.recall(long, undefined, 100));
  assert.equal(memo.recall(texts[0], undefined, 10), undefined, 'the oldest text should be forgotten');
  analyzeText('x'.repeat(300), { labelMemo: memo });
  assert.equal(memo.recall('x'.repeat(300), undefined, 10), undefined, 'a text longer than the memo is never kept');
  memo.clear();
  assert.equal(memo.size, 0);
});

test('a second pass with the workspace names says "unchanged" exactly when the names change nothing of the mentions held', () => {
  const memo = new LabelMemo();
  const corpus = new Corpus();
  const first = TEXTS.map((text) => analyzeText(text, { labelMemo: memo }));
  first.forEach((a, i) => corpus.set(`d${i}`, a));
  const knownNames = corpus.knownNames();
  let unchanged = 0;
  TEXTS.forEach((text, i) => {
    const again = reanalyzeWithNames(text, { knownNames, labelMemo: memo, baseline: first[i].entities });
    const full = analyzeText(text, { knownNames });
    if (again) assert.deepEqual(again, full);
    else {
      unchanged++;
      assert.deepEqual(first[i], full, `"unchanged" for text ${i}, but the names change its analysis`);
    }
  });
  // The seeds gain nothing from the names; the text that says only "Bush" does.
  assert.ok(unchanged >= 1 && unchanged < TEXTS.length, `${unchanged} of ${TEXTS.length} unchanged`);
  const bushOnly = TEXTS[SEEDS.length + 1];
  const withNames = analyzeText(bushOnly, { knownNames });
  assert.equal(reanalyzeWithNames(bushOnly, { knownNames, labelMemo: memo, baseline: withNames.entities }), undefined, 'held with the names already: nothing changes');
  // The memo's last analysis of the text had the names (a file watcher's, which the index dropped as stale),
  // but the index holds the first one: the answer is the new analysis, not "unchanged".
  const memoAhead = new LabelMemo();
  analyzeText(bushOnly, { labelMemo: memoAhead });
  analyzeText(bushOnly, { knownNames, labelMemo: memoAhead });
  assert.deepEqual(reanalyzeWithNames(bushOnly, { knownNames, labelMemo: memoAhead, baseline: first[SEEDS.length + 1].entities }), withNames);
  // A text the memo does not hold is analysed in full.
  assert.ok(reanalyzeWithNames('Reggie Bush met Sean Payton in New Orleans.', { knownNames, labelMemo: new LabelMemo(), baseline: [] }));
});
