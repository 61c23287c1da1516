// `npm run train` (first step): word clusters for the check-worthiness model, learnt from unlabelled text.
// Reads the texts (never the labels) of ../shared/eval/ (PolNeAR and FNC-1 news, ECB+ and CoNLL-2003 news,
// ClaimBuster and CheckThat! debate sentences), tokenised as Dossier tokenises; counts, for the most frequent
// words, the words one and two places to their left and right; weighs the counts by positive pointwise mutual
// information; reduces each word's row to a dense vector (randomised SVD) and groups the vectors by spherical
// k-means. Writes data/word-clusters.json: the words, each word's cluster and its vector (int8).
// Reproducible (fixed seed, fixed iterations). Exits with a message when the data is absent.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLexicon } from '../src/core/lexicon';
import { splitSentences, tokenize } from '../src/core/text/segment';
import type { WordClusterFile } from '../src/core/claims/model';

const VOCABULARY = 24000;
const MIN_COUNT = 4;
const CONTEXTS = 3000;
const DIMENSIONS = 64;
const CLUSTERS = 512;
const SEED = 20241122;

const evalDir = join(process.cwd(), '..', 'shared', 'eval');
const sources = {
  polnear: join(evalDir, 'polnear', 'dev.jsonl'),
  fnc1: join(evalDir, 'fnc1', 'dev_bodies.jsonl'),
  ecbplus: join(evalDir, 'ecbplus', 'dev.jsonl'),
  conll: join(evalDir, 'conll2003', 'train.txt'),
  claimbuster: join(evalDir, 'claimbuster', 'dev.jsonl'),
  checkthat: join(evalDir, 'checkthat2019', 'dev.jsonl'),
};
for (const f of Object.values(sources)) {
  if (!existsSync(f)) {
    console.error(`build-word-clusters: ${f} not found; the word clusters cannot be built without it (see ../shared/README.md).`);
    process.exit(1);
  }
}

const jsonl = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The texts, one per document (the debates' sentences joined one per line). */
const texts: string[] = [];
for (const r of jsonl(sources.polnear)) texts.push(String(r.text));
for (const r of jsonl(sources.fnc1)) texts.push(String(r.body));
for (const r of jsonl(sources.ecbplus)) texts.push((r.sentences as string[][]).map((s) => s.join(' ')).join('\n'));
texts.push(
  readFileSync(sources.conll, 'utf8')
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((l) => l.split(' ')[0])
        .filter((w) => w && w !== '-DOCSTART-')
        .join(' '),
    )
    .join('\n'),
);
texts.push(jsonl(sources.claimbuster).map((r) => String(r.text)).join('\n'));
texts.push(jsonl(sources.checkthat).map((r) => String(r.text)).join('\n'));

// Sentences as lists of lower-case word ids (numbers and punctuation as -1: they break no window but match nothing).
const ids = new Map<string, number>();
const counts: number[] = [];
const words: string[] = [];
const sentences: Int32Array[] = [];
const lex = getLexicon();
for (const text of texts) {
  for (const s of splitSentences(text, lex.abbreviations)) {
    const tokens = tokenize(text, s.start, s.end);
    const out = new Int32Array(tokens.length);
    tokens.forEach((t, k) => {
      if (t.kind !== 'word') {
        out[k] = -1;
        return;
      }
      const w = t.text.toLowerCase();
      let id = ids.get(w);
      if (id === undefined) {
        id = words.length;
        ids.set(w, id);
        words.push(w);
        counts.push(0);
      }
      counts[id]++;
      out[k] = id;
    });
    sentences.push(out);
  }
}

const byCount = words.map((_, i) => i).sort((a, b) => counts[b] - counts[a] || (words[a] < words[b] ? -1 : 1));
const kept = byCount.filter((i) => counts[i] >= MIN_COUNT).slice(0, VOCABULARY);
const row = new Int32Array(words.length).fill(-1);
kept.forEach((w, r) => (row[w] = r));
const column = new Int32Array(words.length).fill(-1);
byCount.slice(0, CONTEXTS).forEach((w, c) => (column[w] = c));
const V = kept.length;
// Four context positions (two to the left, two to the right), each with its own columns.
const OFFSETS = [-2, -1, 1, 2];
const C = CONTEXTS * OFFSETS.length;

// Co-occurrence counts, sparse: per row a map column → count.
const cooc: Map<number, number>[] = kept.map(() => new Map());
for (const s of sentences) {
  for (let k = 0; k < s.length; k++) {
    const r = s[k] >= 0 ? row[s[k]] : -1;
    if (r < 0) continue;
    OFFSETS.forEach((o, oi) => {
      const j = k + o;
      if (j < 0 || j >= s.length || s[j] < 0) return;
      const c = column[s[j]];
      if (c < 0) return;
      const key = oi * CONTEXTS + c;
      cooc[r].set(key, (cooc[r].get(key) ?? 0) + 1);
    });
  }
}

// PPMI with smoothed context probabilities (exponent 0.75), as compressed sparse rows.
const rowSum = new Float64Array(V);
const colSum = new Float64Array(C);
let total = 0;
cooc.forEach((m, r) => {
  for (const [c, n] of m) {
    rowSum[r] += n;
    colSum[c] += n;
    total += n;
  }
});
let smoothTotal = 0;
const colSmooth = new Float64Array(C);
for (let c = 0; c < C; c++) smoothTotal += colSmooth[c] = Math.pow(colSum[c], 0.75);
const indptr = new Int32Array(V + 1);
const indices: number[] = [];
const values: number[] = [];
cooc.forEach((m, r) => {
  for (const c of [...m.keys()].sort((a, b) => a - b)) {
    const n = m.get(c) ?? 0;
    const v = Math.log((n * smoothTotal) / (rowSum[r] * colSmooth[c]));
    if (v > 0) {
      indices.push(c);
      values.push(v);
    }
  }
  indptr[r + 1] = indices.length;
});

/** Park-Miller generator: the same numbers on every run. */
function random(seed: number): () => number {
  let s = seed % 2147483647;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}
const next = random(SEED);
const gaussian = () => {
  const u = Math.max(next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
};

// Randomised SVD of the V × C matrix M: Y = M Ω, two power iterations, Q = orth(Y), B = Qᵀ M, eig(B Bᵀ).
const K = DIMENSIONS + 16;
const times = (dense: Float64Array, cols: number): Float64Array => {
  // M (V × C) · dense (C × cols)
  const out = new Float64Array(V * cols);
  for (let r = 0; r < V; r++) {
    for (let p = indptr[r]; p < indptr[r + 1]; p++) {
      const v = values[p];
      const base = indices[p] * cols;
      for (let k = 0; k < cols; k++) out[r * cols + k] += v * dense[base + k];
    }
  }
  return out;
};
const timesTransposed = (dense: Float64Array, cols: number): Float64Array => {
  // Mᵀ (C × V) · dense (V × cols)
  const out = new Float64Array(C * cols);
  for (let r = 0; r < V; r++) {
    for (let p = indptr[r]; p < indptr[r + 1]; p++) {
      const v = values[p];
      const base = indices[p] * cols;
      for (let k = 0; k < cols; k++) out[base + k] += v * dense[r * cols + k];
    }
  }
  return out;
};
const orthonormalise = (m: Float64Array, n: number, cols: number): void => {
  for (let k = 0; k < cols; k++) {
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += m[i * cols + k] * m[i * cols + j];
      for (let i = 0; i < n; i++) m[i * cols + k] -= dot * m[i * cols + j];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += m[i * cols + k] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) m[i * cols + k] /= norm;
  }
};
const omega = new Float64Array(C * K);
for (let i = 0; i < omega.length; i++) omega[i] = gaussian();
let Q = times(omega, K);
orthonormalise(Q, V, K);
for (let it = 0; it < 2; it++) {
  const Z = timesTransposed(Q, K);
  orthonormalise(Z, C, K);
  Q = times(Z, K);
  orthonormalise(Q, V, K);
}
// Bᵀ = Mᵀ Q (C × K); B Bᵀ = (Bᵀ)ᵀ Bᵀ (K × K).
const Bt = timesTransposed(Q, K);
const G = new Float64Array(K * K);
for (let i = 0; i < C; i++) for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) G[a * K + b] += Bt[i * K + a] * Bt[i * K + b];
// Jacobi eigenvalue iteration of the symmetric K × K matrix.
const E = new Float64Array(K * K);
for (let i = 0; i < K; i++) E[i * K + i] = 1;
for (let sweep = 0; sweep < 30; sweep++) {
  let off = 0;
  for (let p = 0; p < K; p++) for (let q = p + 1; q < K; q++) off += G[p * K + q] ** 2;
  if (off < 1e-18) break;
  for (let p = 0; p < K; p++) {
    for (let q = p + 1; q < K; q++) {
      const apq = G[p * K + q];
      if (Math.abs(apq) < 1e-300) continue;
      const theta = (G[q * K + q] - G[p * K + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < K; k++) {
        const gkp = G[k * K + p];
        const gkq = G[k * K + q];
        G[k * K + p] = c * gkp - s * gkq;
        G[k * K + q] = s * gkp + c * gkq;
      }
      for (let k = 0; k < K; k++) {
        const gpk = G[p * K + k];
        const gqk = G[q * K + k];
        G[p * K + k] = c * gpk - s * gqk;
        G[q * K + k] = s * gpk + c * gqk;
      }
      for (let k = 0; k < K; k++) {
        const ekp = E[k * K + p];
        const ekq = E[k * K + q];
        E[k * K + p] = c * ekp - s * ekq;
        E[k * K + q] = s * ekp + c * ekq;
      }
    }
  }
}
const order = [...Array(K).keys()].sort((a, b) => G[b * K + b] - G[a * K + a]).slice(0, DIMENSIONS);
// Word vectors U Σ^½ = Q E Σ^½, normalised to unit length.
const vectors = new Float64Array(V * DIMENSIONS);
for (let r = 0; r < V; r++) {
  let norm = 0;
  order.forEach((e, d) => {
    let x = 0;
    for (let k = 0; k < K; k++) x += Q[r * K + k] * E[k * K + e];
    x *= Math.pow(Math.max(G[e * K + e], 0), 0.25);
    vectors[r * DIMENSIONS + d] = x;
    norm += x * x;
  });
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < DIMENSIONS; d++) vectors[r * DIMENSIONS + d] /= norm;
}

/** Spherical k-means (k-means++ start), returns each point's cluster. */
function kmeans(points: Float64Array, n: number, k: number, iterations: number): Int32Array {
  const D = DIMENSIONS;
  const centres = new Float64Array(k * D);
  const best = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(next() * n);
  for (let c = 0; c < k; c++) {
    centres.set(points.subarray(pick * D, pick * D + D), c * D);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let d2 = 0;
      for (let d = 0; d < D; d++) d2 += (points[i * D + d] - centres[c * D + d]) ** 2;
      if (d2 < best[i]) best[i] = d2;
      sum += best[i];
    }
    let target = next() * sum;
    pick = n - 1;
    for (let i = 0; i < n; i++) if ((target -= best[i]) <= 0) {
      pick = i;
      break;
    }
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) {
      let top = -Infinity;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let d = 0; d < D; d++) dot += points[i * D + d] * centres[c * D + d];
        if (dot > top) {
          top = dot;
          assign[i] = c;
        }
      }
    }
    centres.fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) centres[assign[i] * D + d] += points[i * D + d];
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < D; d++) norm += centres[c * D + d] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < D; d++) centres[c * D + d] /= norm;
    }
  }
  return assign;
}
const clusters = kmeans(vectors, V, CLUSTERS, 12);

const about = `Word clusters (PPMI of ±2-word contexts, ${DIMENSIONS}-dimensional randomised SVD, spherical k-means into ${CLUSTERS} clusters) and word vectors (that SVD, unit length, int8 with a scale per dimension) of the ${V} most frequent words of the unlabelled texts in ../shared/eval, written by npm run train (scripts/build-word-clusters.ts); seed ${SEED}.`;
// The word vectors too, for the model's dense sentence features: int8, one scale per dimension (its largest
// absolute value over 127, written to 6 significant digits; the vectors are quantised with that written scale).
const scales = Array.from({ length: DIMENSIONS }, (_, d) => {
  let max = 0;
  for (let r = 0; r < V; r++) max = Math.max(max, Math.abs(vectors[r * DIMENSIONS + d]));
  return Number((max > 0 ? max / 127 : 1).toPrecision(6));
});
const quantised = Buffer.alloc(V * DIMENSIONS);
for (let r = 0; r < V; r++) for (let d = 0; d < DIMENSIONS; d++) quantised.writeInt8(Math.max(-127, Math.min(127, Math.round(vectors[r * DIMENSIONS + d] / scales[d]))), r * DIMENSIONS + d);
const file: WordClusterFile = {
  about,
  words: kept.map((w) => words[w]).join(' '),
  clusters: [...clusters].map((c) => c.toString(36).padStart(2, '0')).join(''),
  dimensions: DIMENSIONS,
  scales,
  vectors: quantised.toString('base64'),
};
writeFileSync(join(process.cwd(), 'data', 'word-clusters.json'), `${JSON.stringify(file)}\n`);
console.log(`build-word-clusters: ${sentences.length} sentences, ${V} words, wrote data/word-clusters.json`);
