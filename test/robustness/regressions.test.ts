// Bugs the robustness suite found, each pinned by the input that showed it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { Corpus } from '../../src/core/corpus/corpus';
import { parseAnnotations } from '../../src/core/curation/annotations';
import { tokenize } from '../../src/core/text/segment';
import { analysisJsonLine, escapeMarkdown } from '../../src/core/report';
import { HANG_MS, runGuarded, splitsPair } from './support';

test('Corpus.rename of a document to its own name keeps its entities linked (fuzz, seed 20240619 case 13)', () => {
  const corpus = new Corpus();
  corpus.set('a.md', analyzeText('Vladimir Putin met Kim Jong Un in Pyongyang.'));
  corpus.set('b.md', analyzeText('Putin arrived in North Korea.'));
  corpus.entities();
  corpus.rename('a.md', 'a.md');
  const a = corpus.get('a.md');
  assert.ok(a);
  for (const e of a.documentEntities) assert.ok(corpus.entityIdOf('a.md', e.key), `${e.key} lost its workspace entity`);
  const putin = corpus.entities().find((e) => e.name === 'Vladimir Putin');
  assert.ok(putin?.documents.includes('a.md'), 'a.md is still among the documents of Vladimir Putin');
});

test('a long run of sentence marks glued to a word is segmented in linear time, not quadratic (fuzz, 115,000 periods took 14 s)', { timeout: HANG_MS + 5_000 }, async () => {
  // Quadratic, these 400,000 marks would take minutes, past the hang bound; linear, about a second.
  const r = await runGuarded('analyze', { text: `${'.'.repeat(300_000)}x ${'!?'.repeat(50_000)} lower case` });
  assert.ok(r.ok, (r.problems ?? []).join('\n'));
});

test('escapeMarkdown leaves no line break of any kind: a lone CR is a line ending to Markdown', () => {
  for (const text of ['a\rb', 'a\r\rb', 'a\r\nb', 'a\nb', 'a\u2028b']) {
    assert.doesNotMatch(escapeMarkdown(text), /[\r\n]/, JSON.stringify(text));
  }
});

test('tokenize: a lone high surrogate before a pair is a token of its own, not half of the pair (property, "\\ud83d\\ud800\\udc00")', () => {
  for (const text of ['\ud83d\ud800\udc00', 'a\ud83d😀b', '\ud83dZ']) {
    const tokens = tokenize(text);
    for (const t of tokens) assert.ok(!splitsPair(text, t.start) && !splitsPair(text, t.end), `${JSON.stringify(text)}: token [${t.start},${t.end})`);
    assert.equal(tokens.map((t) => t.text).join(''), text.replace(/\s/g, ''), 'no character swallowed');
  }
  assert.deepEqual(
    tokenize('\ud83dZ').map((t) => t.text),
    ['\ud83d', 'Z'],
  );
});

test('parseAnnotations: a huge "version" is quoted in the message cut short, not whole (property)', () => {
  const r = parseAnnotations(JSON.stringify({ version: { payload: 'x'.repeat(1_000_000) } }));
  assert.equal(r.ok, false);
  if (!r.ok) assert.ok(r.errors.every((e) => e.length < 200), `message of ${r.errors[0].length} characters`);
});

test('a long run of capitalised words is no name: the analysis stays proportional to the text (fuzz, seed 99 case 895 ran out of memory)', () => {
  // Every "Putin" took the key of the 200,000-character "name" after it: 10,000 mentions × 200 KB of key.
  const text = `Vladimir Putin met Kim Jong Un in Pyongyang. ${'Putin said. '.repeat(2_000)}Putin ${'Kim Jong Un '.repeat(10_000)}`;
  const a = analyzeText(text);
  assert.ok(a.entities.every((m) => m.end - m.start <= 200), 'a mention longer than 200 characters');
  assert.ok(a.documentEntities.every((e) => e.key.length < 300), 'an entity key longer than 300 characters');
  const line = analysisJsonLine('x', a);
  assert.ok(line.length < 20 * text.length, `${line.length} characters of JSON for ${text.length} of text`);
  assert.ok(a.entities.some((m) => m.text === 'Vladimir Putin'), 'the real names around it are still found');
});

test('Corpus.rename while a sliced relink runs: the old name does not come back when the build takes over (fuzz)', async () => {
  const corpus = new Corpus();
  corpus.set('a.md', analyzeText('Vladimir Putin met Kim Jong Un in Pyongyang.'));
  corpus.set('b.md', analyzeText('Kim Jong Un welcomed Vladimir Putin.'));
  let resume: (() => void) | undefined;
  const done = corpus.relinkInSlices({ sliceMs: 0, pause: () => new Promise<void>((r) => (resume = r)) });
  corpus.rename('a.md', 'c.md');
  while (resume) {
    const r = resume;
    resume = undefined;
    r();
    await new Promise((settle) => setImmediate(settle));
  }
  assert.equal(await done, true, 'the build took over');
  for (const e of corpus.entities()) assert.ok(e.documents.every((d) => d === 'b.md' || d === 'c.md'), `${e.name} lists ${e.documents.join(', ')}`);
});
