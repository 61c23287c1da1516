import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { Corpus } from '../../src/core/corpus/corpus';
import { corpusJson, corpusMarkdown, escapeMarkdown } from '../../src/core/report';

test('escaped Markdown cannot form links, commands, HTML or theme icons', () => {
  const hostile = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> `code` $(terminal) **bold**';
  const escaped = escapeMarkdown(hostile);
  assert.ok(!/(^|[^\\])\[/.test(escaped), escaped);
  assert.ok(!/(^|[^\\])</.test(escaped), escaped);
  assert.ok(!/(^|[^\\])`/.test(escaped), escaped);
  assert.ok(!/(^|[^\\])\$/.test(escaped), escaped);
  assert.ok(!/(^|[^\\])\*/.test(escaped), escaped);
});

test('the JSON export follows the CLI contract and the Markdown export names conflicts', () => {
  const corpus = new Corpus();
  corpus.set('one.txt', analyzeText('Officials say North Korea sent nearly five million artillery shells to Russia.'));
  corpus.set('two.txt', analyzeText('Analysts say North Korea sent about one million artillery shells to Russia.'));
  const json = corpusJson(corpus);
  assert.deepEqual(json.documents.map((d) => d.path), ['one.txt', 'two.txt']);
  for (const d of json.documents) {
    for (const m of d.entities) assert.ok(json.entities.some((e) => e.id === m.entity), `unlinked ${m.entity}`);
  }
  const conflict = json.claimGroups.find((g) => g.relation === 'conflict');
  assert.ok(conflict);
  assert.deepEqual(conflict.claims.map((c) => c.document).sort(), [0, 1]);
  const md = corpusMarkdown(corpus);
  assert.match(md, /\*\*conflict\*\* \(5,000,000 shell vs 1,000,000 shell\)/);
  assert.match(md, /North Korea/);
});
