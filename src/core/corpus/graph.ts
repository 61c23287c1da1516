// The entity graph: workspace entities as nodes, and how often two of them are named in the same sentence as
// weighted edges. Pure data for the "Show Entity Graph" view and for reports; no vscode here.
import type { EntityType } from '../types';
import type { Corpus } from './corpus';

export interface GraphNode {
  /** Workspace entity id. */
  id: string;
  name: string;
  type: EntityType;
  mentions: number;
  documents: number;
}

export interface GraphEdge {
  /** Ids of two nodes; `source` is the one listed first in GraphData.nodes. */
  source: string;
  target: string;
  /** Sentences, across the workspace, that name both. */
  weight: number;
}

export interface GraphData {
  /** Most mentioned first (then by name, then id). */
  nodes: GraphNode[];
  /** Heaviest first (then in node order). */
  edges: GraphEdge[];
  /** Entities of the chosen types before the node cap. */
  totalEntities: number;
  /** Edges of at least the minimum weight before the edge cap. */
  totalEdges: number;
}

export interface GraphOptions {
  /** Entity types drawn; dates and quantities are left out by default (they link to everything). */
  types?: Iterable<EntityType>;
  /** The most mentioned entities kept. */
  maxNodes?: number;
  /** Edges named together in fewer sentences are dropped. */
  minWeight?: number;
  /** The heaviest edges kept. */
  maxEdges?: number;
}

export const GRAPH_TYPES: readonly EntityType[] = ['person', 'organization', 'place', 'nationality', 'event'];
export const GRAPH_DEFAULTS = { maxNodes: 80, minWeight: 1, maxEdges: 400 } as const;

/**
 * Builds the graph in one pass over every document's mentions: each mention is placed in its sentence (both lists
 * are in text order), and each pair of distinct kept entities of a sentence counts once for that sentence.
 */
export function entityGraph(corpus: Corpus, options: GraphOptions = {}): GraphData {
  const types = new Set(options.types ?? GRAPH_TYPES);
  const maxNodes = Math.max(0, Math.floor(options.maxNodes ?? GRAPH_DEFAULTS.maxNodes));
  const minWeight = Math.max(1, options.minWeight ?? GRAPH_DEFAULTS.minWeight);
  const maxEdges = Math.max(0, Math.floor(options.maxEdges ?? GRAPH_DEFAULTS.maxEdges));

  const candidates = corpus.entities().filter((e) => types.has(e.type));
  candidates.sort((a, b) => b.mentions - a.mentions || compare(a.name, b.name) || compare(a.id, b.id));
  const kept = candidates.slice(0, maxNodes);
  const nodes: GraphNode[] = kept.map((e) => ({ id: e.id, name: e.name, type: e.type, mentions: e.mentions, documents: e.documents.length }));
  const nodeIndex = new Map(nodes.map((n, i) => [n.id, i]));

  // Pair key: lower node index × node count + higher one; fits a double exactly for any node cap in use.
  const weights = new Map<number, number>();
  const n = nodes.length;
  for (const document of nodes.length > 1 ? corpus.documents() : []) {
    const analysis = corpus.get(document);
    if (!analysis) continue;
    // Document entity key → node index (or -1), looked up once per key rather than once per mention.
    const nodeOfKey = new Map<string, number>();
    const sentences = analysis.sentences;
    let s = 0;
    let current = -1;
    const inSentence: number[] = [];
    const flush = () => {
      for (let i = 0; i < inSentence.length; i++) {
        for (let j = i + 1; j < inSentence.length; j++) {
          const a = Math.min(inSentence[i], inSentence[j]);
          const b = Math.max(inSentence[i], inSentence[j]);
          const key = a * n + b;
          weights.set(key, (weights.get(key) ?? 0) + 1);
        }
      }
      inSentence.length = 0;
    };
    for (const mention of inTextOrder(analysis.entities)) {
      let node = nodeOfKey.get(mention.entity);
      if (node === undefined) {
        const id = corpus.entityIdOf(document, mention.entity);
        node = id === undefined ? -1 : (nodeIndex.get(id) ?? -1);
        nodeOfKey.set(mention.entity, node);
      }
      if (node < 0) continue;
      while (s < sentences.length && sentences[s].end <= mention.start) s++;
      // A mention outside every sentence (a heading the segmenter skipped) pairs with nothing.
      const sentence = s < sentences.length && sentences[s].start <= mention.start ? s : -1 - s;
      if (sentence !== current) {
        flush();
        current = sentence;
      }
      if (sentence >= 0 && !inSentence.includes(node)) inSentence.push(node);
    }
    flush();
  }

  const all: { a: number; b: number; weight: number }[] = [];
  for (const [key, weight] of weights) if (weight >= minWeight) all.push({ a: Math.floor(key / n), b: key % n, weight });
  all.sort((x, y) => y.weight - x.weight || x.a - y.a || x.b - y.b);
  const edges = all.slice(0, maxEdges).map(({ a, b, weight }) => ({ source: nodes[a].id, target: nodes[b].id, weight }));
  return { nodes, edges, totalEntities: candidates.length, totalEdges: all.length };
}

/** Mentions by start offset; the analysis lists them so already, which this only checks. */
function inTextOrder<T extends { start: number }>(mentions: readonly T[]): readonly T[] {
  for (let i = 1; i < mentions.length; i++) if (mentions[i].start < mentions[i - 1].start) return [...mentions].sort((a, b) => a.start - b.start);
  return mentions;
}

/** Locale-independent, so that the order is the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
