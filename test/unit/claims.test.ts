import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { readSeed } from './helpers';
import { claimLogit, denseLogit, f1BestOffset, parseClaimModel, parseWordTable, serializeClaimModel } from '../../src/core/claims/model';
import { denseFeatureCount, denseFeatures } from '../../src/core/claims/features';

function claimOf(text: string) {
  const a = analyzeText(text);
  assert.equal(a.claims.length, 1, `expected one claim in ${text}`);
  return a.claims[0];
}

test('a report citing another source gives the source and the original source', () => {
  const c = claimOf('A recent Bloomberg report, citing the South Korean Defense Ministry, indicates that North Korea has sent nearly five million artillery shells to Russia.');
  assert.equal(c.kind, 'quote');
  assert.match(c.source?.text ?? '', /Bloomberg report/);
  assert.equal(c.cue?.text, 'indicates');
  assert.equal(c.originalSource?.text, 'the South Korean Defense Ministry');
  assert.ok(c.hedges.some((h) => h.text === 'nearly'));
  assert.ok(c.score >= 0.5, `score ${c.score}`);
});

test('source before and after the cue, and "according to"', () => {
  assert.equal(claimOf('The Kremlin said the visit would take place on June 18.').source?.text, 'Kremlin');
  const after = claimOf('Pyongyang could receive Russian products, says political scientist Sergei Markov.');
  assert.match(after.source?.text ?? '', /Sergei Markov/);
  assert.equal(after.cue?.text, 'says');
  const according = claimOf('According to the United Nations, 40 percent of the population needs food aid.');
  assert.match(according.source?.text ?? '', /United Nations/);
  assert.equal(according.cue?.text, 'According to');
});

test('kinds: fact, opinion, prediction', () => {
  assert.equal(claimOf('North Korea sent 1 million shells to Russia in 2023.').kind, 'fact');
  assert.equal(claimOf('Russia will likely be looking for ammunition.').kind, 'prediction');
  assert.equal(claimOf('I think he literally enjoys war.').kind, 'opinion');
});

test('scores are in [0,1]; numbers and names raise them, questions lower them', () => {
  const factual = claimOf('In 2023, North Korea sent 5 million artillery shells to Russia, the ministry said.');
  const question = claimOf('Why would he go to Kim Jong Un?');
  for (const c of [factual, question]) assert.ok(c.score >= 0 && c.score <= 1);
  assert.ok(factual.score > 0.5);
  assert.ok(question.score < 0.5);
});

test('hedges and boosters carry their spans; number hedges count only before a number', () => {
  const text = 'Of course, the rumors say he may reportedly visit about three times a year.';
  const c = claimOf(text);
  const hedges = c.hedges.map((h) => h.text.toLowerCase());
  for (const h of ['rumors', 'may', 'reportedly', 'about']) assert.ok(hedges.includes(h), `missing ${h} in ${hedges.join(', ')}`);
  assert.deepEqual(c.boosters.map((b) => b.text), ['Of course']);
  for (const h of [...c.hedges, ...c.boosters]) assert.equal(text.slice(h.start, h.end), h.text);
  const plain = claimOf('There has been a lot of speculation about what the two sides want from countries around the world.');
  assert.deepEqual(plain.hedges.map((h) => h.text), []);
  assert.deepEqual(claimOf('Officials said more than 200 people were evacuated.').hedges.map((h) => h.text), ['more than']);
});

test('the trained check-worthiness model: checkable statements score high, opinion and questions low', () => {
  const score = (text: string) => Math.max(0, ...analyzeText(text).claims.map((c) => c.score));
  for (const text of ['The last time Putin visited North Korea was in 2000.', 'Unemployment fell to 3.5 percent last year, the lowest rate in five decades.']) {
    assert.ok(score(text) >= 0.5, `${text} scored ${score(text)}`);
  }
  for (const text of ['I think he literally enjoys war.', 'What would he ask him?', 'Thank you very much, everybody.']) {
    assert.ok(score(text) < 0.5, `${text} scored ${score(text)}`);
  }
});

test('the claims model file survives serialisation within its quantisation step', () => {
  const weights = Float32Array.from({ length: 1 << 4 }, (_, i) => (i - 8) / 3);
  const file = serializeClaimModel(4, -0.25, weights, 'test');
  const model = parseClaimModel(file);
  assert.equal(model.bias, -0.25);
  assert.equal(model.mask, 15);
  for (let i = 0; i < weights.length; i++) assert.ok(Math.abs(model.weights[i] - weights[i]) <= file.scale);
  // The sum of the weights, scaled by 1/√(number of features).
  assert.ok(Math.abs(claimLogit(model, [3, 19]) - (-0.25 + (weights[3] + weights[3]) / Math.SQRT2)) <= 2 * file.scale + 1e-9);
  assert.throws(() => parseClaimModel({ ...file, bits: 5 }), /table size/);
});

test('the dense features\' share of the log-odds is their dot product with the dense weights (mean and maximum of the word vectors)', () => {
  // Three words, eight dimensions, int8 values across the whole range (the maximum is computed four bytes at a time).
  const values = [-128, -127, -1, 0, 1, 2, 126, 127, 5, -5, 100, -100, 64, -64, 3, -3, 127, -128, 0, 0, -1, 1, 90, -90];
  const table = parseWordTable({ about: 'test', words: 'a b c', clusters: '000102', dimensions: 8, scales: [0.5, 1, 2, 0.25, 1, 1, 0.1, 3], vectors: Buffer.from(Int8Array.from(values).buffer).toString('base64') });
  const dense = Float32Array.from({ length: denseFeatureCount(8) }, (_, i) => ((i * 7) % 11) / 10 - 0.5);
  const model = parseClaimModel(serializeClaimModel(4, 0, new Float32Array(1 << 4), 'test', {}, dense));
  for (const rows of [[0], [1, 2], [2, 0, 1], [1, 1]]) {
    const features = new Float32Array(denseFeatureCount(8));
    denseFeatures(table, rows, features);
    let dot = 0;
    features.forEach((x, i) => (dot += x * model.dense[i]));
    assert.ok(Math.abs(denseLogit(model, table, rows) - dot) < 1e-4, `rows ${rows}`);
  }
  assert.equal(denseLogit(model, table, []), 0);
});

test('each source type keeps its own log-odds offset through serialisation; absent ones are 0', () => {
  const weights = new Float32Array(1 << 4);
  const both = parseClaimModel(serializeClaimModel(4, 0, weights, 'test', { transcript: -3.5, sentence: 0.3 }));
  assert.equal(both.transcriptOffset, -3.5);
  assert.equal(both.sentenceOffset, 0.3);
  const none = serializeClaimModel(4, 0, weights, 'test');
  assert.ok(!('sentenceOffset' in none) && !('transcriptOffset' in none));
  assert.equal(parseClaimModel(none).sentenceOffset, 0);
});

test('the F1-best offset moves the 0.5 threshold to where precision and recall balance best', () => {
  // Positives at log-odds -0.2 and -0.1 fall just short of 0.5; the one negative above them is far higher.
  const logits = [-0.2, -0.1, 0.4, 2, -1, -2];
  const labels = [1, 1, 1, 0, 0, 0];
  // 0.2 lifts both near misses to the threshold (F1 6/7); from 1 on a negative comes in too.
  assert.equal(f1BestOffset(logits, labels), 0.2);
  // Scores that overstate: the smallest offset that still takes every positive and no negative.
  assert.equal(f1BestOffset([1, 0.5, -0.5, -1], [1, 1, 0, 0]), -0.5);
  // Nothing to go by: no offset.
  assert.equal(f1BestOffset([], []), 0);
});

/** The claim of a seed article whose text contains `phrase`. */
function seedClaim(path: string, phrase: string) {
  const text = readSeed(path);
  const found = analyzeText(text).claims.filter((c) => c.text.includes(phrase));
  assert.equal(found.length, 1, `expected one claim containing "${phrase}" in ${path}`);
  return found[0];
}

test('seeds: the five-million-shells sentence is a quote of Bloomberg citing the South Korean Defense Ministry, hedged by "nearly"', () => {
  const c = seedClaim('seeds/putin-kim-visit-news.txt', 'five million artillery shells');
  assert.ok(c.kind === 'quote' || c.kind === 'fact', c.kind);
  assert.match(c.source?.text ?? '', /Bloomberg/);
  assert.match(c.source?.entity ?? '', /^organization:bloomberg$/);
  assert.match(c.originalSource?.text ?? '', /South Korean Defense Ministry/);
  assert.deepEqual(c.hedges.map((h) => h.text), ['nearly']);
  const shells = c.values.find((v) => v.value.kind === 'quantity');
  assert.ok(shells && shells.value.kind === 'quantity' && shells.value.amount === 5_000_000 && shells.value.approximate, JSON.stringify(shells));
  assert.ok(c.score >= 0.5, `score ${c.score}`);
});

test('seeds: "he literally enjoys war" is an opinion, boosted by "literally"', () => {
  const c = seedClaim('seeds/putin-kim-visit-oped.txt', 'he literally enjoys war');
  assert.equal(c.kind, 'opinion');
  assert.ok(c.boosters.some((b) => b.text === 'literally'));
});

test('seeds: "Russia will likely be looking for ammunition" is a prediction attributed to Sergei Markov', () => {
  const c = seedClaim('seeds/putin-kim-visit-news.txt', 'Russia will likely be looking for ammunition');
  assert.equal(c.kind, 'prediction');
  assert.match(c.source?.entity ?? '', /^person:sergei.markov$/);
  assert.match(c.source?.text ?? '', /Sergei Markov$/);
  assert.equal(c.cue?.text, 'says');
  assert.ok(c.hedges.some((h) => h.text === 'likely'));
});

test('seeds: an adverb before a verb is never taken for a source', () => {
  const c = seedClaim('seeds/putin-kim-visit-news.txt', 'The Kremlin duly accepted');
  assert.notEqual(c.source?.text, 'even');
});

test('a source announcing what will happen is quoted; a source speculating makes a prediction', () => {
  const announced = claimOf('The Kremlin announced that Vladimir Putin will visit Pyongyang on June 18.');
  assert.equal(announced.kind, 'quote');
  assert.equal(announced.source?.text, 'Kremlin');
  const speculated = claimOf('North Korea may send more shells to Russia, the ministry said.');
  assert.equal(speculated.kind, 'prediction');
  assert.equal(claimOf('Putin will visit Pyongyang next week.').kind, 'prediction');
});
