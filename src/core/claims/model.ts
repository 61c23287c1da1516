// The check-worthiness model: logistic regression over hashed sentence features (claims/features.ts).
// Trained by `npm run train` (scripts/train-claims.ts) and stored in data/claims-model.json: a bias and
// 2^bits weights quantised to 16 bits (weight = int16 * scale), base64-encoded.
import modelData from '../../../data/claims-model.json';

export interface ClaimModel {
  bias: number;
  weights: Float32Array;
  mask: number;
}

export interface ClaimModelFile {
  about: string;
  bits: number;
  bias: number;
  scale: number;
  weights: string;
}

let loaded: ClaimModel | undefined;

export function parseClaimModel(file: ClaimModelFile): ClaimModel {
  const bytes = Buffer.from(file.weights, 'base64');
  const size = 1 << file.bits;
  if (bytes.length !== size * 2) throw new Error('claims model: weights do not match the table size');
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i++) weights[i] = bytes.readInt16LE(i * 2) * file.scale;
  return { bias: file.bias, weights, mask: size - 1 };
}

export function serializeClaimModel(bits: number, bias: number, weights: Float32Array, about: string): ClaimModelFile {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const bytes = Buffer.alloc(weights.length * 2);
  for (let i = 0; i < weights.length; i++) bytes.writeInt16LE(Math.round(weights[i] / scale), i * 2);
  return { about, bits, bias, scale, weights: bytes.toString('base64') };
}

export function claimModel(): ClaimModel {
  return (loaded ??= parseClaimModel(modelData as ClaimModelFile));
}

/** The model's raw score (log-odds) of a sentence's features. */
export function claimLogit(model: ClaimModel, features: ArrayLike<number>, from = 0, to = features.length): number {
  let x = model.bias;
  for (let k = from; k < to; k++) x += model.weights[features[k] & model.mask];
  return x;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
