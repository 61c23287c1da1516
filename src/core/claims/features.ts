// Features of a sentence for the check-worthiness model: its words, their clusters (data/word-clusters.json,
// learnt from unlabelled text) and word pairs (numbers as one word), what the rest of the engine found in it
// (quantities, dates, names, a reporting cue, hedges…) in small count bins, and its context (a transcript
// line "SPEAKER: …", a question just before). Each feature is a hash; the model reads its weight from a
// hashed table. Beside them, dense features: the mean and the maximum of the sentence's word vectors (the
// same file's), each with a weight of its own.
import { feature1, feature2, stringHash } from '../entities/features';
import { MAX_TOKEN_IDS, tokenGeneration, tokenText } from '../text/intern';
import type { Token } from '../text/segment';
import { wordTable, type WordTable } from './model';

/** What the claim detector counted in the sentence. */
export interface ClaimSignals {
  words: number;
  quantities: number;
  dates: number;
  names: number;
  reporting: boolean;
  superlative: number;
  comparative: number;
  pastTense: number;
  opinions: number;
  firstPerson: number;
  question: boolean;
  /** The sentence before ends with a question mark. */
  afterQuestion: boolean;
  /** The sentence is a transcript line, "SPEAKER: …" (a source type of its own, with its own base rate). */
  transcript: boolean;
  predictions: number;
  hedges: number;
  negated: boolean;
}

const START = stringHash('<s>');
const END = stringHash('</s>');
const NUMBER = stringHash('<num>');

/** Signal templates: the bin of each count is hashed with its own template number. */
const SIGNALS: [number, (s: ClaimSignals) => number][] = [
  [1, (s) => Math.min(s.quantities, 2)],
  [2, (s) => Math.min(s.dates, 2)],
  [3, (s) => Math.min(s.names, 4)],
  [4, (s) => (s.reporting ? 1 : 0)],
  [5, (s) => Math.min(s.superlative, 1)],
  [6, (s) => Math.min(s.comparative, 1)],
  [7, (s) => Math.min(s.pastTense, 2)],
  [8, (s) => Math.min(s.opinions, 2)],
  [9, (s) => Math.min(s.firstPerson, 2)],
  [10, (s) => (s.question ? 1 : 0)],
  [11, (s) => Math.min(s.predictions, 1)],
  [12, (s) => Math.min(s.hedges, 2)],
  [13, (s) => (s.negated ? 1 : 0)],
  [14, (s) => (s.words < 6 ? 0 : s.words < 10 ? 1 : s.words < 16 ? 2 : s.words < 25 ? 3 : 4)],
  [15, (s) => (s.transcript ? 1 : 0)],
  [16, (s) => (s.afterQuestion ? 1 : 0)],
];

/** Cluster of numbers, and of words the cluster list lacks. */
const NUMBER_CLUSTER = 0xfffe;
const UNKNOWN_CLUSTER = 0xfffd;

/** Per token number (text/intern.ts): its lower-case form's hash, its cluster (-1: not computed yet) and its row in the word table (-1: none). */
const hashById = new Uint32Array(MAX_TOKEN_IDS);
const clusterById = new Int32Array(MAX_TOKEN_IDS).fill(-1);
const rowById = new Int32Array(MAX_TOKEN_IDS);
let cachedGeneration = -1;
let cachedTable: WordTable | undefined;

/** How many dense features denseFeatures writes for word vectors of this length: the mean and the maximum of each dimension. */
export const denseFeatureCount = (dimensions: number) => 2 * dimensions;

/**
 * Appends the feature hashes of a sentence to `out` and returns how many it wrote. With `rows`, appends there
 * the word-table rows of its words that have one (their vectors make the dense features: denseFeatures, denseLogit).
 */
export function claimFeatures(tokens: Token[], lowered: string[], signals: ClaimSignals, out: number[], rows?: number[]): number {
  const before = out.length;
  for (const [template, bin] of SIGNALS) out.push(feature2(200 + template, bin(signals), 0));
  const table = wordTable();
  // Token numbers reassigned, or another table (training sets the one it just built): start again.
  if (cachedGeneration !== tokenGeneration() || cachedTable !== table) {
    clusterById.fill(-1);
    cachedGeneration = tokenGeneration();
    cachedTable = table;
  }
  let previous = START;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const number = t.kind === 'number';
    let h = NUMBER;
    let cluster = NUMBER_CLUSTER;
    let row = -1;
    if (!number) {
      // A word's hash and cluster, once per token number (a token from before the table started again is computed).
      const id = t.id;
      if (clusterById[id] >= 0 && tokenText(id) === t.text) {
        h = hashById[id];
        cluster = clusterById[id];
        row = rowById[id];
      } else {
        h = stringHash(lowered[k]);
        row = table.rows.get(lowered[k]) ?? -1;
        cluster = row >= 0 ? table.clusters[row] : UNKNOWN_CLUSTER;
        if (tokenText(id) === t.text) {
          hashById[id] = h;
          clusterById[id] = cluster;
          rowById[id] = row;
        }
      }
    }
    if (rows && row >= 0) rows.push(row);
    out.push(feature1(100, h), feature2(101, previous, h), feature1(110, cluster));
    previous = h;
  }
  out.push(feature2(101, previous, END));
  return out.length - before;
}

/** Writes to `out` the dense features of a sentence whose words have these rows of the word table: the mean of their vectors, then their maximum, dimension by dimension (zeros without a row). */
export function denseFeatures(table: WordTable, rows: readonly number[], out: Float32Array): void {
  const D = table.dimensions;
  for (let d = 0; d < D; d++) {
    let sum = 0;
    let max = -128;
    for (const r of rows) {
      const x = table.vectors[r * D + d];
      sum += x;
      if (x > max) max = x;
    }
    out[d] = rows.length ? (sum * table.scales[d]) / rows.length : 0;
    out[D + d] = rows.length ? max * table.scales[d] : 0;
  }
}
