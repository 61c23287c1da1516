import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { Corpus } from '../../src/core/corpus/corpus';
import { entityGraph, type GraphData } from '../../src/core/corpus/graph';
import type { DocumentAnalysis, DocumentEntity, Mention } from '../../src/core/types';
import { readSeed, SEEDS } from './helpers';

const A = 'Vladimir Putin met Kim Jong Un in Pyongyang on June 19, 2024. Putin praised Kim. The United Nations said 5 million shells were sent.';
const B = 'Kim Jong Un thanked Vladimir Putin. Russian officials visited Seoul in 2023.';

function twoTexts(): Corpus {
  const corpus = new Corpus();
  corpus.set('a', analyzeText(A));
  corpus.set('b', analyzeText(B));
  return corpus;
}

function idOf(graph: GraphData, name: string): string {
  const node = graph.nodes.find((n) => n.name === name);
  assert.ok(node, `no node "${name}" in ${graph.nodes.map((n) => n.name).join(', ')}`);
  return node.id;
}

function weight(graph: GraphData, x: string, y: string): number | undefined {
  const [a, b] = [idOf(graph, x), idOf(graph, y)];
  return graph.edges.find((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a))?.weight;
}

test('two people named in the same sentence are linked once per sentence, across documents', () => {
  const graph = entityGraph(twoTexts());
  // "Vladimir Putin met Kim Jong Un…", "Putin praised Kim." and "Kim Jong Un thanked Vladimir Putin."
  assert.equal(weight(graph, 'Vladimir Putin', 'Kim Jong Un'), 3);
  assert.equal(weight(graph, 'Vladimir Putin', 'Pyongyang'), 1);
  assert.equal(weight(graph, 'Russian', 'Seoul'), 1);
  // Different sentences, or different documents, are no edge.
  assert.equal(weight(graph, 'Vladimir Putin', 'United Nations'), undefined);
  assert.equal(weight(graph, 'Pyongyang', 'Seoul'), undefined);
  const putin = graph.nodes.find((n) => n.name === 'Vladimir Putin');
  assert.deepEqual(putin && { type: putin.type, mentions: putin.mentions, documents: putin.documents }, { type: 'person', mentions: 3, documents: 2 });
  // Every edge joins two listed nodes, the earlier listed first, and none joins a node to itself.
  const order = new Map(graph.nodes.map((n, i) => [n.id, i]));
  for (const e of graph.edges) {
    const [s, t] = [order.get(e.source), order.get(e.target)];
    assert.ok(s !== undefined && t !== undefined && s < t, JSON.stringify(e));
  }
});

test('dates and quantities are left out by default and drawn when asked for', () => {
  const corpus = twoTexts();
  const types = (g: GraphData) => new Set(g.nodes.map((n) => n.type));
  const byDefault = types(entityGraph(corpus));
  assert.ok(!byDefault.has('date') && !byDefault.has('quantity'), [...byDefault].join(', '));
  assert.ok(byDefault.has('person') && byDefault.has('place') && byDefault.has('organization'));

  const withDates = entityGraph(corpus, { types: ['person', 'date'] });
  assert.deepEqual([...types(withDates)].sort(), ['date', 'person']);
  assert.equal(weight(withDates, 'Vladimir Putin', 'June 19, 2024'), 1);
  assert.equal(withDates.totalEntities, withDates.nodes.length);
});

test('the node cap keeps the most mentioned entities and drops the edges of the others', () => {
  const corpus = twoTexts();
  const graph = entityGraph(corpus, { maxNodes: 2 });
  assert.deepEqual(graph.nodes.map((n) => n.name).sort(), ['Kim Jong Un', 'Vladimir Putin']);
  assert.ok(graph.totalEntities > 2);
  assert.deepEqual(graph.edges.map((e) => e.weight), [3]);
  assert.deepEqual(entityGraph(corpus, { maxNodes: 1 }).edges, []);
  assert.deepEqual(entityGraph(corpus, { maxNodes: 0 }).nodes, []);
});

test('the minimum weight and the edge cap keep the heaviest edges', () => {
  const corpus = twoTexts();
  const heavy = entityGraph(corpus, { minWeight: 2 });
  assert.deepEqual(heavy.edges.map((e) => e.weight), [3]);
  assert.equal(heavy.totalEdges, 1);
  const capped = entityGraph(corpus, { maxEdges: 1 });
  assert.equal(capped.edges.length, 1);
  assert.equal(capped.edges[0].weight, 3);
  assert.ok(capped.totalEdges > 1);
});

test('the output does not depend on the order documents were added in', () => {
  const one = twoTexts();
  const two = new Corpus();
  two.set('b', analyzeText(B));
  two.set('a', analyzeText(A));
  assert.deepEqual(entityGraph(two), entityGraph(one));
  // Heaviest edges first, most mentioned nodes first.
  const seeds = new Corpus();
  for (const s of SEEDS) seeds.set(s, analyzeText(readSeed(s)));
  const graph = entityGraph(seeds);
  for (let i = 1; i < graph.nodes.length; i++) assert.ok(graph.nodes[i - 1].mentions >= graph.nodes[i].mentions);
  for (let i = 1; i < graph.edges.length; i++) assert.ok(graph.edges[i - 1].weight >= graph.edges[i].weight);
  assert.ok((weight(graph, 'Vladimir Putin', 'Kim Jong Un') ?? 0) >= 2);
});

test('an empty workspace, or one without sentences, is a graph without edges', () => {
  assert.deepEqual(entityGraph(new Corpus()), { nodes: [], edges: [], totalEntities: 0, totalEdges: 0 });
  const corpus = new Corpus();
  corpus.set('x', sentences(['Alpha Corp', 'Beta Corp']));
  corpus.get('x')!.sentences = [];
  const graph = entityGraph(corpus);
  assert.equal(graph.nodes.length, 2);
  assert.deepEqual(graph.edges, []);
});

test('two thousand documents: every sentence counted, nodes capped', () => {
  const corpus = new Corpus();
  for (let d = 0; d < 2000; d++) {
    // Alpha and Beta share every document's first sentence; Org N appears in one document each.
    corpus.set(`doc${d}`, sentences(['Alpha Corp', 'Beta Corp'], [`Org ${d}`, 'Alpha Corp']));
  }
  const graph = entityGraph(corpus, { maxNodes: 80 });
  // However the linker groups the "Org N" names, each kept one is linked to Alpha once per mention.
  assert.equal(graph.totalEntities, corpus.entities().length);
  assert.equal(graph.nodes.length, 80);
  assert.deepEqual(graph.nodes.slice(0, 2).map((n) => [n.name, n.mentions]), [['Alpha Corp', 4000], ['Beta Corp', 2000]]);
  assert.equal(weight(graph, 'Alpha Corp', 'Beta Corp'), 2000);
  for (const node of graph.nodes.slice(2)) assert.equal(weight(graph, 'Alpha Corp', node.name), node.mentions, node.name);
  assert.equal(graph.edges.length, 1 + 78);
});

/** An analysis whose sentences each name the given organisations, one mention each. */
function sentences(...list: string[][]): DocumentAnalysis {
  let text = '';
  const entities: Mention[] = [];
  const byKey = new Map<string, DocumentEntity>();
  const spans: { start: number; end: number }[] = [];
  for (const names of list) {
    const start = text.length;
    for (const name of names) {
      const key = `organization:${name.toLowerCase()}`;
      entities.push({ start: text.length, end: text.length + name.length, text: name, type: 'organization', entity: key });
      const entity = byKey.get(key) ?? { key, name, type: 'organization', aliases: [name], mentions: [] };
      entity.mentions.push(entities.length - 1);
      byKey.set(key, entity);
      text += `${name} and `;
    }
    text = `${text.slice(0, -5)}. `;
    spans.push({ start, end: text.length - 1 });
  }
  return { length: text.length, sentences: spans, entities, documentEntities: [...byKey.values()], references: [], claims: [] };
}
