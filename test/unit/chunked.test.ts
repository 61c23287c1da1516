import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { CLAIM_FIELDS, ChunkedAnalyzer, MENTION_FIELDS, splitChunks, type SpanPreview } from '../../src/core/chunked';
import { CLAIM_KINDS, ENTITY_TYPES } from '../../src/core/types';
import { assertSpansExact, readSeed, SEEDS } from './helpers';

/** A long report: the seed articles again and again, with a dateline, CRLF paragraphs and emoji. */
function longReport(copies: number): string {
  const body = SEEDS.map(readSeed).join('\n\n');
  const parts = ['MOSCOW, June 17, 2024 — Report 📰 on the visit.\r\n\r\n'];
  for (let i = 0; i < copies; i++) parts.push(`Part ${i + 1} 🇰🇵\r\n\r\n${body}\n\n`);
  parts.push('Last September, Vladimir Putin said the talks went well.\n');
  return parts.join('');
}

test('chunks cover the text exactly, end at blank lines, and never split a surrogate pair', () => {
  const text = longReport(12);
  const chunks = splitChunks(text, 4_000);
  assert.ok(chunks.length > 5, `only ${chunks.length} chunks`);
  assert.equal(chunks[0].start, 0);
  assert.equal(chunks[chunks.length - 1].end, text.length);
  chunks.forEach((c, i) => {
    if (i > 0) assert.equal(c.start, chunks[i - 1].end);
    if (i < chunks.length - 1) {
      assert.ok(c.end - c.start >= 4_000);
      assert.match(text.slice(c.end - 4, c.end), /\n[ \t]*\r?\n$|\n$/);
    }
  });
  // One line of 200,000 characters, with an astral character at every cut candidate.
  const line = '😀 '.repeat(66_000) + 'x';
  const cut = splitChunks(line, 4_000);
  assert.ok(cut.length > 10);
  for (const c of cut) {
    const first = line.charCodeAt(c.start);
    assert.ok(!(first >= 0xdc00 && first <= 0xdfff), `chunk at ${c.start} starts inside a surrogate pair`);
  }
  assert.deepEqual(splitChunks('short text', 4_000), [{ start: 0, end: 10 }]);
});

test('a chunked analysis has exact offsets and resolves names across chunks into one entity', () => {
  const text = longReport(8);
  const { analysis, chunks, analysed } = new ChunkedAnalyzer(4_000).analyze(text);
  // Chunks of the same text (the articles repeat) are analysed once.
  assert.ok(chunks > 3 && analysed > 0 && analysed <= chunks);
  assert.ok(assertSpansExact(text, analysis) > 100);
  assert.equal(analysis.length, text.length);
  for (const d of analysis.documentEntities) for (const i of d.mentions) assert.equal(analysis.entities[i].entity, d.key);
  for (const c of analysis.claims) for (const k of c.entities) assert.ok(analysis.documentEntities.some((d) => d.key === k), `claim entity ${k} is no document entity`);
  for (let i = 1; i < analysis.sentences.length; i++) assert.ok(analysis.sentences[i].start >= analysis.sentences[i - 1].end);
  // "Putin" in every chunk, "Vladimir Putin" in the first: one person.
  const putin = analysis.entities.filter((m) => m.text === 'Putin' || m.text === 'Vladimir Putin');
  assert.ok(putin.length > 20);
  assert.equal(new Set(putin.map((m) => m.entity)).size, 1);
  // The dateline's date reaches the last chunk: "Last September" is September 2023.
  assert.equal(analysis.documentDate, '2024-06-17');
  const last = analysis.entities.filter((m) => m.text === 'Last September').pop();
  assert.ok(last?.value?.kind === 'date' && last.value.iso === '2023-09', JSON.stringify(last));
});

test('an edit re-analyses only its chunk, and the result is what a fresh analysis gives', () => {
  const text = longReport(8);
  const analyzer = new ChunkedAnalyzer(4_000);
  const first = analyzer.analyze(text);
  const at = text.lastIndexOf('Kim Jong Un');
  const edited = `${text.slice(0, at)}the North Korean leader, ${text.slice(at)}`;
  const second = analyzer.analyze(edited);
  assert.ok(second.analysed <= 2, `${second.analysed} of ${second.chunks} chunks analysed again`);
  assert.deepEqual(second.analysis, new ChunkedAnalyzer(4_000).analyze(edited).analysis);
  assert.ok(assertSpansExact(edited, second.analysis) > 100);
  assert.ok(first.analysis.entities.length > 0);
});

test('chunked and whole analyses of a long text find nearly the same names', () => {
  const text = longReport(6);
  const whole = analyzeText(text);
  const chunked = new ChunkedAnalyzer(4_000).analyze(text).analysis;
  const names = (a: typeof whole) => new Set(a.entities.filter((m) => m.type === 'person' || m.type === 'organization' || m.type === 'place').map((m) => `${m.start}:${m.end}:${m.type}`));
  const w = names(whole);
  const c = names(chunked);
  let shared = 0;
  for (const k of c) if (w.has(k)) shared++;
  const f1 = (2 * shared) / (w.size + c.size);
  assert.ok(f1 > 0.95, `chunked names agree with whole-text names at F1 ${f1.toFixed(3)}`);
});

test('an edit gives a preview of the new text first: its mentions and claims where the analysis puts them', () => {
  const text = longReport(8);
  const analyzer = new ChunkedAnalyzer(4_000);
  const previews: SpanPreview[] = [];
  // The first analysis reuses no chunk of an earlier one (but repeats of itself): a preview would save nothing.
  const first = analyzer.analyze(text, {}, (p) => previews.push(p));
  assert.equal(previews.length, first.analysed < first.chunks ? 1 : 0);
  previews.length = 0;
  const at = text.lastIndexOf('Kim Jong Un');
  const edited = `${text.slice(0, at)}South Korean President Yoon Suk Yeol met ${text.slice(at)}`;
  const { analysis } = analyzer.analyze(edited, {}, (p) => previews.push(p));
  assert.equal(previews.length, 1);
  const [preview] = previews;
  assert.equal(preview.length, edited.length);
  assert.equal(preview.mentions.length, analysis.entities.length * MENTION_FIELDS);
  assert.equal(preview.claims.length, analysis.claims.length * CLAIM_FIELDS);
  // The same spans, in the same order; the types of nearly all (resolving over the whole text may retype a few).
  let sameType = 0;
  analysis.entities.forEach((m, i) => {
    assert.deepEqual([preview.mentions[i * 3], preview.mentions[i * 3 + 1]], [m.start, m.end]);
    if (ENTITY_TYPES[preview.mentions[i * 3 + 2]] === m.type) sameType++;
  });
  assert.ok(sameType >= analysis.entities.length * 0.97, `${sameType} of ${analysis.entities.length} types agree`);
  analysis.claims.forEach((c, i) => {
    assert.deepEqual([...preview.claims.subarray(i * 4, i * 4 + 4)], [c.start, c.end, CLAIM_KINDS.indexOf(c.kind), c.score]);
  });
  // The edit's new name is in the preview, at its exact offsets.
  const yoon = edited.indexOf('Yoon Suk Yeol');
  const found = [];
  for (let k = 0; k < preview.mentions.length; k += 3) if (preview.mentions[k] <= yoon && yoon < preview.mentions[k + 1]) found.push(edited.slice(preview.mentions[k], preview.mentions[k + 1]));
  assert.ok(found.some((s) => s.includes('Yoon')), JSON.stringify(found));
});
