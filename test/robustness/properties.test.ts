// Property-based tests (fast-check) of the segmenter, the offset contract and the annotations file. A fixed
// seed and run count in CI; DOSSIER_FUZZ_SEED picks another seed (fast-check prints the seed and path of a
// failure: rerun with that seed), DOSSIER_FUZZ_MS turns the counts into a time budget shared by the properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../src/core/analyze';
import { ChunkedAnalyzer, splitChunks } from '../../src/core/chunked';
import { parseAnnotations, serializeAnnotations, type Annotations } from '../../src/core/curation/annotations';
import { getLexicon } from '../../src/core/lexicon';
import { isSpaceCode, splitSentences, tokenize } from '../../src/core/text/segment';
import { ENTITY_TYPES, type DocumentAnalysis } from '../../src/core/types';
import { contractViolations, fuzzBudgetMs, fuzzSeed, longRun, readSeeds, splitsPair } from './support';

/** fast-check parameters: `runs` cases in CI, or a share of DOSSIER_FUZZ_MS in a long run. */
function params(runs: number, share: number): fc.Parameters<unknown> {
  const seed = fuzzSeed();
  if (!longRun()) return { seed, numRuns: runs };
  return { seed, numRuns: Number.MAX_SAFE_INTEGER, interruptAfterTimeLimit: Math.round(fuzzBudgetMs() * share), markInterruptAsFailure: false };
}

const seedSentences = readSeeds()
  .flatMap((s) => s.split(/(?<=[.!?”"])\s+|\n+/))
  .filter((s) => s.trim().length > 0);

/** Pieces of hostile text: every kind of character a document may hold, and whole sentences that have names. */
const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...seedSentences) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  // Any UTF-16 code unit alone, lone surrogates included.
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ' ', '\n', '\r\n', '\r', '\t', '\n\n', '.', '. ', '!', '?', '…', '"', '”', ')', ',', "'", '’', '-', '—',
      '\u0000', '\u0007', '\u001b', '\u007f', '\u00a0', '\u2028', '\u2029', '\u3000', '\ufeff', '\u200b', '\u200d',
      '\u0301', '\u0308\u0323', '😀', '👩‍👩‍👧', '🇰🇵', '👍🏽', '\ud83d', '\ude00', '\u202e', '\u200f',
      'שלום', 'موسكو', '普京', '朝鲜', 'Путин', 'Ж', 'É', 'Putin', 'Kim Jong Un', 'said', 'U.S.', 'Mr.', 'June 2024', '5 million', '1,000.5',
      'https://example.invalid/x', 'a@b.invalid', '[x](command:y)', '<b>',
    ),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'Z', 'é', '7', '.', '😀'), fc.integer({ min: 50, max: 3000 })).map(([c, n]) => c.repeat(n)) },
);
const hostileText = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

test('tokenize: tokens in order, apart, exact, never splitting a surrogate pair, and only spaces between them', () => {
  fc.assert(
    fc.property(hostileText, (text) => {
      let last = 0;
      for (const t of tokenize(text)) {
        assert.ok(t.start >= last && t.start < t.end && t.end <= text.length, `token [${t.start},${t.end}) after ${last}`);
        assert.equal(t.text, text.slice(t.start, t.end));
        assert.ok(!splitsPair(text, t.start) && !splitsPair(text, t.end), `token [${t.start},${t.end}) splits a pair`);
        for (let i = last; i < t.start; i++) assert.ok(isSpaceCode(text.charCodeAt(i)), `non-space ${text.charCodeAt(i).toString(16)} at ${i} left out of every token`);
        last = t.end;
      }
      for (let i = last; i < text.length; i++) assert.ok(isSpaceCode(text.charCodeAt(i)), `non-space at ${i} after the last token`);
    }),
    params(3000, 0.1),
  );
});

test('splitSentences: sentences in order, apart, trimmed, never splitting a pair, and every non-space character in one', () => {
  const abbreviations = getLexicon().abbreviations;
  fc.assert(
    fc.property(hostileText, (text) => {
      let last = 0;
      for (const s of splitSentences(text, abbreviations)) {
        assert.ok(s.start >= last && s.start < s.end && s.end <= text.length, `sentence [${s.start},${s.end}) after ${last}`);
        assert.ok(!isSpaceCode(text.charCodeAt(s.start)) && !isSpaceCode(text.charCodeAt(s.end - 1)), 'sentence not trimmed');
        assert.ok(!splitsPair(text, s.start) && !splitsPair(text, s.end), 'sentence splits a pair');
        for (let i = last; i < s.start; i++) assert.ok(isSpaceCode(text.charCodeAt(i)), `non-space at ${i} outside every sentence`);
        last = s.end;
      }
      for (let i = last; i < text.length; i++) assert.ok(isSpaceCode(text.charCodeAt(i)), `non-space at ${i} after the last sentence`);
    }),
    params(3000, 0.1),
  );
});

test('analyzeText never throws and keeps the offset contract on any text', () => {
  fc.assert(
    fc.property(hostileText, (text) => {
      const problems = contractViolations(text, analyzeText(text));
      assert.deepEqual(problems, []);
    }),
    params(1000, 0.25),
  );
});

/** The analysis with every offset moved by d: what the same text at another place must give. */
function shifted(a: DocumentAnalysis, d: number): DocumentAnalysis {
  const move = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(move);
    if (x && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(x)) out[k] = (k === 'start' || k === 'end') && typeof v === 'number' ? v + d : move(v);
      return out;
    }
    return x;
  };
  return { ...(move(a) as DocumentAnalysis), length: a.length + d };
}

test('text moved down by blank lines and indentation gives the same analysis, every offset shifted by as much', () => {
  const prefix = fc.array(fc.constantFrom(' ', '\t', '\n', '\r\n', '\n\n', '\u00a0', '\u3000'), { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
  let withMentions = 0;
  fc.assert(
    fc.property(prefix, hostileText, (p, text) => {
      const a = analyzeText(text);
      if (a.entities.length) withMentions++;
      assert.deepEqual(analyzeText(p + text), shifted(a, p.length));
    }),
    params(600, 0.25),
  );
  // Not vacuous: most cases have mentions to move.
  assert.ok(withMentions > 0, 'no case had a mention');
});

// ---- large documents, analysed a chunk at a time (src/core/chunked.ts) ----

const article = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...seedSentences) }, { weight: 2, arbitrary: piece }, { weight: 2, arbitrary: fc.constantFrom('\n\n', '\r\n\r\n', '\n', ' ') }), { maxLength: 60 }).map((p) => p.join(' '));

test('splitChunks: chunks follow each other from 0 to the end, never splitting a surrogate pair', () => {
  fc.assert(
    fc.property(article, fc.integer({ min: 1, max: 400 }), (text, target) => {
      const chunks = splitChunks(text, target);
      assert.equal(chunks[0].start, 0);
      assert.equal(chunks[chunks.length - 1].end, text.length);
      chunks.forEach((c, i) => {
        if (i > 0) assert.equal(c.start, chunks[i - 1].end);
        assert.ok(c.end > c.start || text.length === 0);
        assert.ok(!splitsPair(text, c.end), `chunk ends inside a pair at ${c.end}`);
      });
    }),
    params(1000, 0.05),
  );
});

test('ChunkedAnalyzer: the offset contract holds, and after an edit the reused chunks give what a fresh analysis gives', () => {
  let reused = 0;
  fc.assert(
    fc.property(article, piece, fc.nat(), (text, insert, at) => {
      const analyzer = new ChunkedAnalyzer(300);
      const first = analyzer.analyze(text).analysis;
      assert.deepEqual(contractViolations(text, first), []);
      const pos = text.length ? at % (text.length + 1) : 0;
      const edited = text.slice(0, pos) + insert + text.slice(pos);
      const result = analyzer.analyze(edited);
      if (result.analysed < result.chunks) reused++;
      const again = result.analysis;
      assert.deepEqual(contractViolations(edited, again), []);
      assert.deepEqual(again, new ChunkedAnalyzer(300).analyze(edited).analysis);
    }),
    params(150, 0.1),
  );
  assert.ok(reused > 10, `chunks were reused in only ${reused} cases`);
});

// ---- the annotations file ----

const name = fc.oneof(fc.constantFrom('Vladimir Putin', 'Kim Jong Un', 'North Korea', '  Putin  ', 'PUTIN', 'Ж', '😀 x'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }));
const type = fc.constantFrom(...ENTITY_TYPES, 'alien', '');
const anchor = fc.record({ type, name });
const annotationsLike = fc.record(
  {
    version: fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.jsonValue() }),
    entities: fc.array(fc.record({ type, name, rename: name, retype: type, split: fc.array(name, { maxLength: 3 }) }, { requiredKeys: ['type', 'name'] }), { maxLength: 4 }),
    merges: fc.array(fc.record({ into: anchor, from: fc.array(anchor, { maxLength: 3 }) }), { maxLength: 3 }),
    notEntities: fc.array(fc.record({ document: name, text: name, type }, { requiredKeys: ['text', 'type'] }), { maxLength: 3 }),
    claims: fc.array(fc.record({ document: name, quote: name, status: fc.constantFrom('verified', 'disputed', 'false', 'true'), note: fc.oneof(name, fc.constant('')) }, { requiredKeys: ['document', 'quote', 'status'] }), { maxLength: 3 }),
  },
  { requiredKeys: ['version'] },
);
/** Strangers at any level: prototype keys and unknown fields. */
const withStrangers = fc.tuple(annotationsLike, fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', ''), fc.jsonValue(), fc.nat(3)).map(([a, key, value, where]) => {
  const json = JSON.stringify(a);
  const injected = `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'},`;
  // Into the root, or into the first object of a list when there is one.
  const at = where === 0 ? 1 : json.indexOf('[{') + 2;
  return at > 1 || where === 0 ? json.slice(0, at) + injected + json.slice(at) : json;
});
const fileText = fc.oneof(
  annotationsLike.map((a) => JSON.stringify(a)),
  withStrangers,
  fc.json(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  annotationsLike.map((a) => JSON.stringify(a).slice(0, -3)),
);

test('parseAnnotations never throws; what it accepts round-trips through serializeAnnotations; nothing is polluted', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fileText, (text) => {
      const r = parseAnnotations(text);
      if (r.ok) {
        accepted++;
        const again = parseAnnotations(serializeAnnotations(r.annotations));
        assert.ok(again.ok, 'its own output is refused');
        assert.deepEqual(again.annotations, r.annotations);
        assert.equal(serializeAnnotations(again.annotations), serializeAnnotations(r.annotations));
        assert.equal(Object.getPrototypeOf(r.annotations), Object.prototype);
      } else {
        assert.ok(r.errors.length > 0 && r.errors.every((e) => typeof e === 'string' && e.length < 400), 'refused without a short message');
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    }),
    params(3000, 0.1),
  );
  assert.ok(accepted > 20, `only ${accepted} files accepted: the generator is too hostile to test round trips`);
});

test('serializeAnnotations of valid annotations is accepted back', () => {
  const clean = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0 && !/[\u0000-\u001f\u007f]/.test(s));
  const entityType = fc.constantFrom(...ENTITY_TYPES);
  const valid: fc.Arbitrary<Annotations> = fc.record({
    version: fc.constant(1 as const),
    entities: fc.array(fc.record({ type: entityType, name: clean, rename: clean }), { maxLength: 4 }),
    merges: fc.array(fc.record({ into: fc.record({ type: entityType, name: clean }), from: fc.array(fc.record({ type: entityType, name: clean }), { minLength: 1, maxLength: 3 }) }), { maxLength: 3 }),
    notEntities: fc.array(fc.record({ text: clean, type: entityType }), { maxLength: 3 }),
    claims: fc.array(fc.record({ document: clean, quote: clean, status: fc.constantFrom('verified' as const, 'disputed' as const, 'false' as const) }), { maxLength: 3 }),
  });
  fc.assert(
    fc.property(valid, (a) => {
      const r = parseAnnotations(serializeAnnotations(a));
      assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
      const again = parseAnnotations(serializeAnnotations(r.annotations));
      assert.ok(again.ok);
      assert.deepEqual(again.annotations, r.annotations);
    }),
    params(500, 0.05),
  );
});
