import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisStore } from '../../src/core/corpus/analysisStore';
import { Corpus } from '../../src/core/corpus/corpus';
import { analyzeText } from '../../src/core/analyze';
import { assertSpansExact, readSeed, SEEDS } from './helpers';

const TEXTS = [
  ...SEEDS.map(readSeed),
  // Characters above U+00FF, surrogate pairs, CRLF and combining marks: packing must not move an offset.
  'Владимир Путин met Kim Jong Un in Pyongyang 🇰🇵 on Tuesday.\r\nThe Kremlin said “nearly 5 million shells” had arrived – officials in 北京 denied it.\r\nJosé Martí\u0301 of the UN said 😀 prices rose by 3%.',
  'Angela Merkel met Emmanuel Macron in Berlin. Merkel said the talks were useful.',
];

test('a packed analysis comes back equal to the one stored, offsets exact, whatever the characters', () => {
  const analyses = TEXTS.map((t) => analyzeText(t));
  // One unpacked at a time: every other one is packed as the next goes in.
  const store = new AnalysisStore({ maxUnpacked: 1 });
  analyses.forEach((a, i) => store.set(`d${i}`, a));
  analyses.forEach((a, i) => {
    const back = store.get(`d${i}`)!;
    if (i < analyses.length - 1) assert.notEqual(back, a, 'an analysis out of use was not packed');
    assert.deepEqual(back, a);
    assert.deepEqual(Object.keys(back), Object.keys(a), 'fields in another order: the CLI would print it otherwise');
    assert.ok(assertSpansExact(TEXTS[i], back) > 0);
  });
  // The parts builds read, from packed and unpacked documents alike.
  const linking = store.linkingParts();
  const claims = store.claimsParts();
  analyses.forEach((a, i) => {
    assert.deepEqual(linking.get(`d${i}`)!.documentEntities, a.documentEntities);
    assert.deepEqual(linking.get(`d${i}`)!.nameDescriptions, a.nameDescriptions);
    assert.deepEqual(claims.get(`d${i}`)!.claims, a.claims);
  });
  assert.deepEqual([...claims.keys()], analyses.map((_, i) => `d${i}`));
  assert.equal([...linking].length, analyses.length);
});

test('a snapshot keeps what it saw while the store changes; corrections show over the original', () => {
  const [a, b, c] = TEXTS.map((t) => analyzeText(t));
  const store = new AnalysisStore({ maxUnpacked: 2 });
  store.set('a', a);
  store.set('b', b);
  const snapshot = store.snapshot();
  store.set('b', c);
  store.delete('a');
  store.set('c', c);
  assert.deepEqual([...snapshot.keys()], ['a', 'b']);
  assert.deepEqual(snapshot.get('b'), b);
  assert.deepEqual(snapshot.claimsParts().get('a')!.claims, a.claims);
  assert.deepEqual([...store.keys()], ['b', 'c']);
  assert.deepEqual(store.get('b'), c);

  const corrected = { ...c, entities: [] };
  store.setCurated('c', corrected);
  assert.equal(store.get('c'), corrected);
  assert.deepEqual(store.original('c'), c);
  assert.ok(store.hasCurated('c'));
  store.setCurated('c', undefined);
  assert.deepEqual(store.get('c'), c);
  assert.ok(!store.hasCurated('c'));
});

test('a corpus of more documents than it keeps unpacked links and answers as it did when it set them', () => {
  const names = ['Vladimir Putin', 'Kim Jong Un', 'Angela Merkel', 'Xi Jinping', 'Emmanuel Macron'];
  const texts = Array.from({ length: 150 }, (_, i) => `${names[i % 5]} met ${names[(i + 1) % 5]} in Berlin on day ${i + 1}. ${names[i % 5]} said 1,${String(i).padStart(3, '0')} troops had left.`);
  const corpus = new Corpus();
  const analyses = texts.map((t) => analyzeText(t));
  analyses.forEach((a, i) => corpus.set(`d${i}`, a));
  assert.deepEqual(corpus.get('d0'), analyses[0]);
  assert.deepEqual(corpus.original('d3'), analyses[3]);
  const putin = corpus.entities().find((e) => e.name === 'Vladimir Putin');
  assert.ok(putin, 'no Vladimir Putin entity');
  assert.equal(putin.documents.length, 60);
  const mentions = corpus.mentionsOf(putin.id);
  assert.equal(mentions.length, 90);
  for (const m of mentions) assert.equal(texts[Number(m.document.slice(1))].slice(m.mention.start, m.mention.end), m.mention.text);
  assert.ok(corpus.claimGroups().length > 0);
});
