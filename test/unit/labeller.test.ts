import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gazetteerTags, viewTokens } from '../../src/core/entities/features';
import { spansOf } from '../../src/core/entities/labeller';
import { allowed, L, LABELS, loadModel, parseModel, serializeModel, viterbi } from '../../src/core/entities/model';
import { getLexicon } from '../../src/core/lexicon';
import { tokenize } from '../../src/core/text/segment';

const label = (name: string) => LABELS.indexOf(name as (typeof LABELS)[number]);

test('BIO constraints: an inside label only continues a name of its own type', () => {
  assert.equal(allowed(-1, label('I-PER')), false);
  assert.equal(allowed(label('O'), label('I-LOC')), false);
  assert.equal(allowed(label('B-PER'), label('I-PER')), true);
  assert.equal(allowed(label('B-PER'), label('I-ORG')), false);
  assert.equal(allowed(label('I-ORG'), label('I-ORG')), true);
  assert.equal(allowed(label('O'), label('B-LOC')), true);
});

test('Viterbi finds the best sequence and never takes a forbidden transition', () => {
  const n = 3;
  const transitions = new Float32Array((L + 1) * L);
  const scores = new Float64Array(n * L);
  // Token scores alone would say O, I-PER, I-PER: an inside label cannot follow O.
  scores[0 * L + label('O')] = 1;
  scores[0 * L + label('B-PER')] = 0.9;
  scores[1 * L + label('I-PER')] = 2;
  scores[2 * L + label('I-PER')] = 2;
  const out = new Uint8Array(n);
  viterbi(scores, n, transitions, out);
  assert.deepEqual([...out].map((y) => LABELS[y]), ['B-PER', 'I-PER', 'I-PER']);
  assert.deepEqual(spansOf(out), [{ first: 0, last: 2, type: 'PER' }]);
});

test('spans are read from labels, a new B starting a new span', () => {
  const labels = ['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-LOC', 'B-MISC'].map(label);
  assert.deepEqual(spansOf(labels), [
    { first: 0, last: 1, type: 'PER' },
    { first: 3, last: 3, type: 'LOC' },
    { first: 4, last: 5, type: 'LOC' },
    { first: 6, last: 6, type: 'MISC' },
  ]);
});

test('the model file round-trips through its binary format and rejects corrupt data', () => {
  const transitions = new Float32Array((L + 1) * L).map((_, i) => (i % 7) - 3);
  const keys = new Uint32Array([3, 17, 4_000_000_000]);
  const weights = new Float32Array(keys.length * L).map((_, i) => (i - 13) / 4);
  const bytes = serializeModel(transitions, keys, weights);
  const model = parseModel(bytes);
  assert.deepEqual([...model.transitions], [...transitions]);
  assert.throws(() => parseModel(bytes.subarray(0, bytes.length - 1)), /truncated or corrupt/);
  assert.throws(() => parseModel(new Uint8Array(64)), /not a Dossier entity model/);
  assert.ok(loadModel().transitions.length === (L + 1) * L, 'the shipped model loads');
});

test('gazetteer lookups take the longest name and tag first names', () => {
  const lex = getLexicon();
  const text = "Leaders of the Democratic People's Republic of Korea met John in New York and Russia.";
  const tokens = tokenize(text);
  const tags = gazetteerTags(viewTokens(tokens, lex).words, lex);
  const tagOf = (word: string) => tags[tokens.findIndex((t) => t.text === word)];
  assert.equal(tagOf('Democratic'), 'LOC-B');
  assert.equal(tagOf('Korea'), 'LOC-I');
  assert.equal(tagOf('New'), 'LOC-B');
  assert.equal(tagOf('York'), 'LOC-I');
  assert.equal(tagOf('Russia'), 'LOC-B');
  assert.equal(tagOf('John'), 'FIRST');
  assert.equal(tagOf('met'), '');
});
