// The check-worthiness model: logistic regression over hashed sentence features (claims/features.ts), the
// sum of their weights scaled by 1/√(number of features) (a sentence's binary feature vector at unit length),
// plus dense features (the mean and the maximum of the sentence's word vectors) times their own weights.
// Trained by `npm run train` (scripts/train-claims.ts) and stored in data/claims-model.json: a bias,
// 2^bits weights quantised to 16 bits (weight = int16 * scale), base64-encoded, and the dense weights (float32).
// The word clusters and vectors the features read come from data/word-clusters.json (scripts/build-word-clusters.ts).
import modelData from '../../../data/claims-model.json';
import clusterData from '../../../data/word-clusters.json';

export interface ClaimModel {
  bias: number;
  /** Added to the log-odds of a transcript line ("SPEAKER: …"): that source type's own calibration. */
  transcriptOffset: number;
  /** Added to the log-odds of any other sentence: puts its F1-best threshold at the score 0.5 Dossier reports with. */
  sentenceOffset: number;
  weights: Float32Array;
  mask: number;
  /** Weights of the dense sentence features (claims/features.ts), empty when the model has none. */
  dense: Float32Array;
}

export interface ClaimModelFile {
  about: string;
  bits: number;
  bias: number;
  scale: number;
  weights: string;
  transcriptOffset?: number;
  sentenceOffset?: number;
  /** The dense features' weights, float32 little-endian, base64-encoded. */
  dense?: string;
}

/** Each source type's log-odds offset (absent: 0). */
export interface ClaimOffsets {
  transcript?: number;
  sentence?: number;
}

let loaded: ClaimModel | undefined;

export function parseClaimModel(file: ClaimModelFile): ClaimModel {
  const bytes = Buffer.from(file.weights, 'base64');
  const size = 1 << file.bits;
  if (bytes.length !== size * 2) throw new Error('claims model: weights do not match the table size');
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i++) weights[i] = bytes.readInt16LE(i * 2) * file.scale;
  const denseBytes = Buffer.from(file.dense ?? '', 'base64');
  const dense = new Float32Array(denseBytes.length >> 2);
  for (let i = 0; i < dense.length; i++) dense[i] = denseBytes.readFloatLE(i * 4);
  return { bias: file.bias, transcriptOffset: file.transcriptOffset ?? 0, sentenceOffset: file.sentenceOffset ?? 0, weights, mask: size - 1, dense };
}

export function serializeClaimModel(bits: number, bias: number, weights: Float32Array, about: string, offsets: ClaimOffsets = {}, dense?: Float32Array): ClaimModelFile {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const bytes = Buffer.alloc(weights.length * 2);
  for (let i = 0; i < weights.length; i++) bytes.writeInt16LE(Math.round(weights[i] / scale), i * 2);
  const { transcript, sentence } = offsets;
  const denseBytes = Buffer.alloc(dense ? dense.length * 4 : 0);
  dense?.forEach((w, i) => denseBytes.writeFloatLE(w, i * 4));
  return {
    about,
    bits,
    bias,
    scale,
    ...(transcript ? { transcriptOffset: transcript } : {}),
    ...(sentence ? { sentenceOffset: sentence } : {}),
    ...(dense?.length ? { dense: denseBytes.toString('base64') } : {}),
    weights: bytes.toString('base64'),
  };
}

export function claimModel(): ClaimModel {
  return (loaded ??= parseClaimModel(modelData as ClaimModelFile));
}

/** The model's raw score (log-odds) of a sentence's hashed features, and of its dense features when `rows` gives its words' rows of the word table. */
export function claimLogit(model: ClaimModel, features: ArrayLike<number>, rows?: readonly number[]): number {
  let x = 0;
  const n = features.length;
  for (let k = 0; k < n; k++) x += model.weights[features[k] & model.mask];
  const y = model.bias + (n > 0 ? x / Math.sqrt(n) : 0);
  return rows && model.dense.length ? y + denseLogit(model, wordTable(), rows) : y;
}

/** A model's dense weights made ready for a word table: each row's share of the mean features' sum, and the maximum features' weights per int8 unit. */
interface DenseScorer {
  table: WordTable;
  rowScores: Float32Array;
  maxWeights: Float32Array;
}
const scorers = new WeakMap<ClaimModel, DenseScorer>();
const HIGH_BITS = 0x80808080 | 0;
let packedMax = new Int32Array(0);
let packedMaxBytes = new Uint8Array(0);

/**
 * The dense features' share of the log-odds (as the dot product of the model's dense weights with
 * claims/features.ts's denseFeatures, but the mean's share is each row's own, summed once per model): one add
 * per word for the mean, a few bit operations per word and four dimensions for the maximum.
 */
export function denseLogit(model: ClaimModel, table: WordTable, rows: readonly number[]): number {
  if (rows.length === 0) return 0;
  let scorer = scorers.get(model);
  const D = table.dimensions;
  if (!scorer || scorer.table !== table) {
    if (model.dense.length !== 2 * D) throw new Error('claims model: dense weights do not match the word vectors');
    // Each row's score when a sentence first has its word (NaN until then): summing them all at once took about
    // 8 ms of the first analysis after a start.
    const rowScores = new Float32Array(table.clusters.length).fill(NaN);
    const maxWeights = Float32Array.from({ length: D }, (_, d) => model.dense[D + d] * table.scales[d]);
    scorer = { table, rowScores, maxWeights };
    scorers.set(model, scorer);
  }
  // The maximum of each dimension, four at a time: bytewise maximum of the packed, biased vectors (SWAR).
  const W = D >> 2;
  if (packedMax.length !== W) [packedMax, packedMaxBytes] = [new Int32Array(W), new Uint8Array(W * 4)];
  const max = packedMax.fill(0);
  const packed = table.packed;
  const rowScores = scorer.rowScores;
  let mean = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (Number.isNaN(rowScores[r])) {
      let x = 0;
      for (let d = 0; d < D; d++) x += model.dense[d] * table.scales[d] * table.vectors[r * D + d];
      rowScores[r] = x;
    }
    mean += rowScores[r];
    for (let w = 0, p = r * W; w < W; w++, p++) {
      const x = packed[p];
      const y = max[w];
      // High bit of each byte: x's byte ≥ y's byte (the low seven bits compared by a subtraction that cannot borrow across bytes).
      const ge = ((x & ~y) | (~(x ^ y) & ((x | HIGH_BITS) - (y & ~HIGH_BITS)))) & HIGH_BITS;
      const mask = Math.imul(ge >>> 7, 255);
      max[w] = (x & mask) | (y & ~mask);
    }
  }
  packedMaxBytes.set(new Uint8Array(max.buffer, max.byteOffset, W * 4));
  let y = mean / rows.length;
  const maxWeights = scorer.maxWeights;
  for (let d = 0; d < D; d++) y += maxWeights[d] * (packedMaxBytes[d] - 128);
  return y;
}

export interface WordClusterFile {
  about: string;
  /** The words, separated by spaces. */
  words: string;
  /** Each word's cluster number, two base-36 digits per word. */
  clusters: string;
  /** The word vectors' length. */
  dimensions: number;
  /** Each dimension's scale: a vector's value is its int8 times its dimension's scale. */
  scales: number[];
  /** The words' vectors, int8, one after another in the order of the words, base64-encoded. */
  vectors: string;
}

/** The words of the cluster file: their clusters and vectors. */
export interface WordTable {
  /** Word (lower case) → its row. */
  rows: Map<string, number>;
  clusters: Uint16Array;
  dimensions: number;
  scales: Float32Array;
  /** Row r's vector is at r × dimensions (int8: times the dimension's scale). */
  vectors: Int8Array;
  /** The same vectors plus 128 (uint8), four dimensions to an int32: row r's at r × dimensions / 4. */
  packed: Int32Array;
}

let table: WordTable | undefined;

export function wordTable(): WordTable {
  return (table ??= parseWordTable(clusterData as WordClusterFile));
}

export function parseWordTable(file: WordClusterFile): WordTable {
  const rows = new Map<string, number>();
  const words = file.words.split(' ');
  const clusters = new Uint16Array(words.length);
  words.forEach((w, i) => {
    rows.set(w, i);
    clusters[i] = parseInt(file.clusters.slice(2 * i, 2 * i + 2), 36);
  });
  const bytes = Buffer.from(file.vectors, 'base64');
  if (bytes.length !== words.length * file.dimensions || file.scales.length !== file.dimensions) throw new Error('word clusters: vectors do not match the words');
  if (file.dimensions % 4 !== 0) throw new Error('word clusters: the vectors\' length is not a multiple of 4');
  const vectors = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const biased = new Uint8Array(vectors.length);
  for (let i = 0; i < vectors.length; i++) biased[i] = vectors[i] + 128;
  return { rows, clusters, dimensions: file.dimensions, scales: Float32Array.from(file.scales), vectors, packed: new Int32Array(biased.buffer) };
}

/** Training reads the table from the file just written, not from the bundle built before. */
export function setWordTable(file: WordClusterFile): void {
  table = parseWordTable(file);
}

/**
 * The log-odds offset, on a grid of `step` from `from` to `to`, that gives the best F1 when a sentence counts
 * as positive at log-odds + offset ≥ 0 (score ≥ 0.5); the smallest such offset on ties, 0 when no offset finds
 * a positive. Training fits it to
 * cross-validated scores, never to the ones the model was trained on.
 */
export function f1BestOffset(logits: ArrayLike<number>, labels: ArrayLike<number>, from = -1.5, to = 1.5, step = 0.05): number {
  let best = 0;
  let offset = 0;
  for (let k = 0; from + k * step <= to + 1e-9; k++) {
    const d = Math.round((from + k * step) * 100) / 100;
    let tp = 0;
    let predicted = 0;
    let gold = 0;
    for (let i = 0; i < logits.length; i++) {
      const positive = logits[i] + d >= 0;
      if (positive) predicted++;
      if (labels[i]) gold++;
      if (positive && labels[i]) tp++;
    }
    const f1 = predicted + gold ? (2 * tp) / (predicted + gold) : 0;
    if (f1 > best + 1e-12) [best, offset] = [f1, d];
  }
  return offset;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
