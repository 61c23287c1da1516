// The entity labeller's weights and its decoder. A linear model over hashed features with BIO labels and
// first-order label transitions, decoded with Viterbi. Weights come from data/ner-model.bin, written by
// `npm run train` (scripts/train-ner.ts); the layout is below.
//
//   bytes 0-3  "DNER"        4-7 version (1)      8-11 label count L     12-15 feature count F
//   16-19 weight scale (f32: weight = int16 * scale)
//   then f32[(L + 1) * L] transitions (row 0: sentence start; row p+1: previous label p)
//   then u32[F] feature hashes, sorted;   then i16[F * L] weights
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Label = (typeof LABELS)[number];
export const L = LABELS.length;

export interface NerModel {
  transitions: Float32Array;
  /** Open-addressing table: slot → feature row + 1 (0 = empty). */
  table: Int32Array;
  keys: Uint32Array;
  weights: Float32Array;
}

function computeAllowed(from: number, to: number): boolean {
  const t = LABELS[to];
  if (!t.startsWith('I-')) return true;
  if (from < 0) return false;
  const f = LABELS[from];
  return f !== 'O' && f.slice(2) === t.slice(2);
}

/** ALLOWED[(from + 1) * L + to]: BIO transitions, row 0 for the sentence start. */
const ALLOWED = new Uint8Array((L + 1) * L);
for (let p = -1; p < L; p++) for (let y = 0; y < L; y++) ALLOWED[(p + 1) * L + y] = computeAllowed(p, y) ? 1 : 0;

/** Whether label `to` may follow label `from` (-1 = sentence start) in BIO. */
export function allowed(from: number, to: number): boolean {
  return ALLOWED[(from + 1) * L + to] === 1;
}

let delta = new Float64Array(L * 256);
let back = new Uint8Array(L * 256);

export function serializeModel(transitions: Float32Array, keys: Uint32Array, weights: Float32Array): Uint8Array {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const f = keys.length;
  const headerBytes = 20;
  const buffer = new ArrayBuffer(headerBytes + transitions.length * 4 + f * 4 + f * L * 2);
  const view = new DataView(buffer);
  view.setUint8(0, 0x44); // D
  view.setUint8(1, 0x4e); // N
  view.setUint8(2, 0x45); // E
  view.setUint8(3, 0x52); // R
  view.setUint32(4, 1, true);
  view.setUint32(8, L, true);
  view.setUint32(12, f, true);
  view.setFloat32(16, scale, true);
  let o = headerBytes;
  for (const t of transitions) {
    view.setFloat32(o, t, true);
    o += 4;
  }
  for (const k of keys) {
    view.setUint32(o, k, true);
    o += 4;
  }
  for (const w of weights) {
    view.setInt16(o, Math.round(w / scale), true);
    o += 2;
  }
  return new Uint8Array(buffer);
}

export function parseModel(bytes: Uint8Array): NerModel {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 20 || String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== 'DNER') throw new Error('not a Dossier entity model');
  if (view.getUint32(4, true) !== 1) throw new Error('unsupported entity model version');
  if (view.getUint32(8, true) !== L) throw new Error('entity model has a different label set');
  const f = view.getUint32(12, true);
  const scale = view.getFloat32(16, true);
  const expected = 20 + (L + 1) * L * 4 + f * 4 + f * L * 2;
  if (bytes.byteLength !== expected) throw new Error('entity model file is truncated or corrupt');
  let o = 20;
  const transitions = new Float32Array((L + 1) * L);
  for (let i = 0; i < transitions.length; i++, o += 4) transitions[i] = view.getFloat32(o, true);
  const keys = new Uint32Array(f);
  for (let i = 0; i < f; i++, o += 4) keys[i] = view.getUint32(o, true);
  const weights = new Float32Array(f * L);
  for (let i = 0; i < weights.length; i++, o += 2) weights[i] = view.getInt16(o, true) * scale;
  return { transitions, table: buildTable(keys), keys, weights };
}

function buildTable(keys: Uint32Array): Int32Array {
  let size = 1;
  while (size < keys.length * 2) size <<= 1;
  const table = new Int32Array(size);
  const mask = size - 1;
  for (let i = 0; i < keys.length; i++) {
    let slot = keys[i] & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = i + 1;
  }
  return table;
}

export function featureRow(model: NerModel, key: number): number {
  const mask = model.table.length - 1;
  let slot = key & mask;
  for (;;) {
    const entry = model.table[slot];
    if (entry === 0) return -1;
    if (model.keys[entry - 1] === key) return entry - 1;
    slot = (slot + 1) & mask;
  }
}

/**
 * Viterbi over per-token label scores (scores[i * L + y]) and transitions; writes the best labels into `out`.
 * Disallowed BIO transitions are never taken. `startRow` is the transition row of the first token.
 */
export function viterbi(scores: Float32Array | Float64Array, n: number, transitions: Float32Array | Float64Array, out: Uint8Array, startRow = 0): void {
  if (n === 0) return;
  if (delta.length < n * L) {
    delta = new Float64Array(n * L * 2);
    back = new Uint8Array(n * L * 2);
  }
  // startRow 0: the sentence starts here; startRow p + 1: the token before had label p.
  for (let y = 0; y < L; y++) delta[y] = ALLOWED[startRow * L + y] ? transitions[startRow * L + y] + scores[y] : -Infinity;
  for (let i = 1; i < n; i++) {
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (ALLOWED[(p + 1) * L + y] === 0) continue;
        const s = delta[(i - 1) * L + p] + transitions[(p + 1) * L + y];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      delta[i * L + y] = best + scores[i * L + y];
      back[i * L + y] = arg;
    }
  }
  let bestY = 0;
  for (let y = 1; y < L; y++) if (delta[(n - 1) * L + y] > delta[(n - 1) * L + bestY]) bestY = y;
  out[n - 1] = bestY;
  for (let i = n - 1; i > 0; i--) out[i - 1] = back[i * L + out[i]];
}

let loaded: NerModel | undefined;

/**
 * Loads data/ner-model.bin, found beside the bundle (dist/) or in the source tree. It ships with every
 * build; without it Dossier cannot find names, so its absence is an installation error.
 */
export function loadModel(): NerModel {
  if (loaded) return loaded;
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [join(here, 'ner-model.bin')];
  for (let dir = here, k = 0; k < 6; k++, dir = dirname(dir)) candidates.push(join(dir, 'data', 'ner-model.bin'));
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new Error(`the entity model ner-model.bin is missing (looked in ${candidates.slice(0, 2).join(', ')}); reinstall Dossier or run npm run build`);
  loaded = parseModel(new Uint8Array(readFileSync(path)));
  return loaded;
}
