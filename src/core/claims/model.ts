// The check-worthiness model: logistic regression over hashed sentence features (claims/features.ts), the
// sum of their weights scaled by 1/√(number of features) (a sentence's binary feature vector at unit length).
// Trained by `npm run train` (scripts/train-claims.ts) and stored in data/claims-model.json: a bias and
// 2^bits weights quantised to 16 bits (weight = int16 * scale), base64-encoded. The word clusters the
// features read come from data/word-clusters.json (scripts/build-word-clusters.ts).
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
}

export interface ClaimModelFile {
  about: string;
  bits: number;
  bias: number;
  scale: number;
  weights: string;
  transcriptOffset?: number;
  sentenceOffset?: number;
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
  return { bias: file.bias, transcriptOffset: file.transcriptOffset ?? 0, sentenceOffset: file.sentenceOffset ?? 0, weights, mask: size - 1 };
}

export function serializeClaimModel(bits: number, bias: number, weights: Float32Array, about: string, offsets: ClaimOffsets = {}): ClaimModelFile {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const bytes = Buffer.alloc(weights.length * 2);
  for (let i = 0; i < weights.length; i++) bytes.writeInt16LE(Math.round(weights[i] / scale), i * 2);
  const { transcript, sentence } = offsets;
  return { about, bits, bias, scale, ...(transcript ? { transcriptOffset: transcript } : {}), ...(sentence ? { sentenceOffset: sentence } : {}), weights: bytes.toString('base64') };
}

export function claimModel(): ClaimModel {
  return (loaded ??= parseClaimModel(modelData as ClaimModelFile));
}

/** The model's raw score (log-odds) of a sentence's features. */
export function claimLogit(model: ClaimModel, features: ArrayLike<number>, from = 0, to = features.length): number {
  let x = 0;
  for (let k = from; k < to; k++) x += model.weights[features[k] & model.mask];
  return to > from ? model.bias + x / Math.sqrt(to - from) : model.bias;
}

export interface WordClusterFile {
  about: string;
  /** The words, separated by spaces. */
  words: string;
  /** Each word's cluster number, two base-36 digits per word. */
  clusters: string;
}

let clusters: Map<string, number> | undefined;

/** Word (lower case) → its cluster. */
export function wordClusters(): Map<string, number> {
  return (clusters ??= parseWordClusters(clusterData as WordClusterFile));
}

export function parseWordClusters(file: WordClusterFile): Map<string, number> {
  const map = new Map<string, number>();
  file.words.split(' ').forEach((w, i) => map.set(w, parseInt(file.clusters.slice(2 * i, 2 * i + 2), 36)));
  return map;
}

/** Training reads the clusters from the file just written, not from the bundle built before. */
export function setWordClusters(file: WordClusterFile): void {
  clusters = parseWordClusters(file);
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
