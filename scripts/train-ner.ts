// `npm run train`: trains the entity labeller (averaged structured perceptron, Viterbi decoding) on
// CoNLL-2003 train.txt from ../shared/eval/ and writes data/ner-model.bin. Reproducible: fixed seed,
// fixed epoch count. Reports strict F1 on valid.txt after each epoch (for information: the epoch count
// is fixed, not picked by it). Exits with a message when the data is absent.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocumentMemory, FEATURES_PER_TOKEN, historyFeature, recordHistory, tokenFeatures, viewTokens, type DocumentMemory, type SentenceView } from '../src/core/entities/features';
import { historyTypes, isHeadline, spansOf } from '../src/core/entities/labeller';
import { allowed, L, LABELS, serializeModel, viterbi } from '../src/core/entities/model';
import { getLexicon } from '../src/core/lexicon';
import { splitSentences, tokenize, type Token } from '../src/core/text/segment';
import { readConll, type ConllDocument, type GoldSpan } from './conll';
import { nameList, type NameList } from '../src/core/entities/nameList';

const EPOCHS = Number(process.env.DOSSIER_EPOCHS ?? 12);
const MAX_FEATURES = Number(process.env.DOSSIER_MAX_FEATURES ?? 220_000);
const SEED = 20241122;

const evalDir = join(process.cwd(), '..', 'shared', 'eval', 'conll2003');
if (!existsSync(join(evalDir, 'train.txt'))) {
  console.error(`train-ner: ${join(evalDir, 'train.txt')} not found; the model cannot be trained without CoNLL-2003 (see ../shared/README.md).`);
  process.exit(1);
}

interface Sentence {
  features: Uint32Array;
  /** Features per token without the history feature, and with it (set before each decode). */
  baseCounts: Uint8Array;
  counts: Uint8Array;
  views: SentenceView;
  memory: DocumentMemory;
  gold: Uint8Array;
  tokens: Token[];
  text: string;
  goldSpans: GoldSpan[];
}

const lex = getLexicon();

/** Gold names of the documents, keyed as the labeller matches them (lower-case tokens joined by spaces). */
function namesOf(docs: ConllDocument[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const doc of docs) {
    for (const g of doc.gold) {
      const key = tokenize(doc.text, g.start, g.end).map((t) => t.text.toLowerCase().replace(/’/g, "'")).join(' ');
      const byType = counts.get(key) ?? new Map<string, number>();
      byType.set(g.type, (byType.get(g.type) ?? 0) + 1);
      counts.set(key, byType);
    }
  }
  const names = new Map<string, string>();
  for (const [key, byType] of counts) names.set(key, [...byType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]);
  return names;
}

/** Documents as lists of sentences, in text order: the history feature needs the order. */
function prepare(docs: ConllDocument[], listFor: (docIndex: number) => NameList): Sentence[][] {
  const out: Sentence[][] = [];
  for (const [docIndex, doc] of docs.entries()) {
    const sentences: Sentence[] = [];
    out.push(sentences);
    const spans = splitSentences(doc.text, lex.abbreviations);
    const sentenceTokens = spans.map((s) => tokenize(doc.text, s.start, s.end));
    const memory = buildDocumentMemory(sentenceTokens);
    for (const tokens of sentenceTokens) {
      if (tokens.length === 0) continue;
      const views = viewTokens(tokens, lex, listFor(docIndex));
      const headline = isHeadline(tokens);
      const features = new Uint32Array(tokens.length * FEATURES_PER_TOKEN);
      const counts = new Uint8Array(tokens.length);
      for (let i = 0; i < tokens.length; i++) counts[i] = tokenFeatures(views, i, headline, memory, features, i * FEATURES_PER_TOKEN);
      const gold = new Uint8Array(tokens.length);
      const from = tokens[0].start;
      const to = tokens[tokens.length - 1].end;
      const goldSpans = doc.gold.filter((g) => g.start < to && g.end > from);
      for (const g of goldSpans) {
        let first = true;
        for (let i = 0; i < tokens.length; i++) {
          if (tokens[i].end <= g.start || tokens[i].start >= g.end) continue;
          gold[i] = LABELS.indexOf(`${first ? 'B' : 'I'}-${g.type}` as (typeof LABELS)[number]);
          first = false;
        }
      }
      sentences.push({ features, baseCounts: counts.slice(), counts, views, memory, gold, tokens, text: doc.text, goldSpans });
    }
  }
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Weights: feature hash → row; w holds current weights, wa the time-weighted sums for averaging.
const rows = new Map<number, number>();
let w = new Float64Array(1 << 20);
let wa = new Float64Array(1 << 20);
const T = new Float64Array((L + 1) * L);
const Ta = new Float64Array((L + 1) * L);
let step = 1;

function rowOf(key: number, create: boolean): number {
  let r = rows.get(key);
  if (r === undefined) {
    if (!create) return -1;
    r = rows.size;
    rows.set(key, r);
    if ((r + 1) * L > w.length) {
      const nw = new Float64Array(w.length * 2);
      nw.set(w);
      w = nw;
      const na = new Float64Array(wa.length * 2);
      na.set(wa);
      wa = na;
    }
  }
  return r;
}

/** Adds each token's history feature (from the labels predicted so far in its document). */
function addHistory(s: Sentence): void {
  for (let i = 0; i < s.views.length; i++) {
    const h = historyFeature(s.views, i, s.memory);
    s.counts[i] = s.baseCounts[i];
    if (h) s.features[i * FEATURES_PER_TOKEN + s.counts[i]++] = h;
  }
}

function decode(s: Sentence, weights: Float64Array, transitions: Float64Array, out: Uint8Array): void {
  addHistory(s);
  const n = s.gold.length;
  const scores = new Float64Array(n * L);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < s.counts[i]; k++) {
      const r = rows.get(s.features[i * FEATURES_PER_TOKEN + k]);
      if (r === undefined) continue;
      for (let y = 0; y < L; y++) scores[i * L + y] += weights[r * L + y];
    }
  }
  viterbi(scores, n, transitions, out);
}

function update(s: Sentence, pred: Uint8Array): void {
  const n = s.gold.length;
  for (let i = 0; i < n; i++) {
    const g = s.gold[i];
    const p = pred[i];
    if (g !== p) {
      for (let k = 0; k < s.counts[i]; k++) {
        const r = rowOf(s.features[i * FEATURES_PER_TOKEN + k], true);
        w[r * L + g] += 1;
        wa[r * L + g] += step;
        w[r * L + p] -= 1;
        wa[r * L + p] -= step;
      }
    }
    const gp = i === 0 ? 0 : s.gold[i - 1] + 1;
    const pp = i === 0 ? 0 : pred[i - 1] + 1;
    if (gp !== pp || g !== p) {
      T[gp * L + g] += 1;
      Ta[gp * L + g] += step;
      T[pp * L + p] -= 1;
      Ta[pp * L + p] -= step;
    }
  }
}

function averaged(): { weights: Float64Array; transitions: Float64Array } {
  const weights = new Float64Array(rows.size * L);
  for (let i = 0; i < weights.length; i++) weights[i] = w[i] - wa[i] / step;
  const transitions = new Float64Array(T.length);
  for (let i = 0; i < T.length; i++) transitions[i] = T[i] - Ta[i] / step;
  return { weights, transitions };
}

/** Strict span F1 over PER/ORG/LOC, the shared scorer's measure (possessive trimmed). */
function evaluate(docs: Sentence[][], weights: Float64Array, transitions: Float64Array): { f1: number; byType: Record<string, string> } {
  for (const d of docs) for (const s of d) s.memory.history.clear();
  const sentences = docs.flat();
  const stats: Record<string, { tp: number; np: number; ng: number }> = { PER: { tp: 0, np: 0, ng: 0 }, ORG: { tp: 0, np: 0, ng: 0 }, LOC: { tp: 0, np: 0, ng: 0 } };
  for (const s of sentences) {
    const pred = new Uint8Array(s.gold.length);
    decode(s, weights, transitions, pred);
    recordHistory(s.memory, s.views, historyTypes(pred));
    const key = (start: number, end: number, type: string) => {
      if (/['’]s$/.test(s.text.slice(start, end))) end -= 2;
      return `${start}:${end}:${type}`;
    };
    const predicted = new Set(spansOf(pred).map((sp) => key(s.tokens[sp.first].start, s.tokens[sp.last].end, sp.type)));
    const gold = new Set(s.goldSpans.map((g) => key(g.start, g.end, g.type)));
    for (const k of predicted) {
      const t = k.split(':')[2];
      if (!stats[t]) continue;
      stats[t].np++;
      if (gold.has(k)) stats[t].tp++;
    }
    for (const k of gold) {
      const t = k.split(':')[2];
      if (stats[t]) stats[t].ng++;
    }
  }
  let tp = 0;
  let np = 0;
  let ng = 0;
  const byType: Record<string, string> = {};
  for (const [t, x] of Object.entries(stats)) {
    tp += x.tp;
    np += x.np;
    ng += x.ng;
    const p = x.tp / Math.max(1, x.np);
    const r = x.tp / Math.max(1, x.ng);
    byType[t] = `P ${(100 * p).toFixed(1)} R ${(100 * r).toFixed(1)}`;
  }
  const p = tp / Math.max(1, np);
  const r = tp / Math.max(1, ng);
  return { f1: p + r ? (2 * p * r) / (p + r) : 0, byType };
}

const t0 = Date.now();
const trainDocs = readConll(join(evalDir, 'train.txt'));
// Jackknife: each half of the training documents sees the name list of the other half.
const halves = [0, 1].map((h) => nameList(namesOf(trainDocs.filter((_, i) => i % 2 !== h))));
const allNames = namesOf(trainDocs);
const train = prepare(trainDocs, (i) => halves[i % 2]);
const valid = existsSync(join(evalDir, 'valid.txt')) ? prepare(readConll(join(evalDir, 'valid.txt')), () => nameList(allNames)) : [];
console.log(`train-ner: ${train.flat().length} training sentences, ${valid.flat().length} validation sentences (${((Date.now() - t0) / 1000).toFixed(1)} s to prepare)`);

const random = mulberry32(SEED);
const order = train.map((_, i) => i);
const pred = new Uint8Array(512);
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let errors = 0;
  for (const d of train) for (const s of d) s.memory.history.clear();
  for (const s of order.flatMap((idx) => train[idx])) {
    const out = pred.subarray(0, s.gold.length);
    decode(s, w, T, out);
    recordHistory(s.memory, s.views, historyTypes(out));
    let wrong = false;
    for (let i = 0; i < out.length; i++) if (out[i] !== s.gold[i]) wrong = true;
    if (wrong) {
      errors++;
      update(s, out);
    }
    step++;
  }
  const avg = averaged();
  const v = valid.length ? evaluate(valid, avg.weights, avg.transitions) : undefined;
  console.log(`epoch ${epoch}: ${errors} sentences wrong, ${rows.size} features${v ? `; valid strict F1 ${(100 * v.f1).toFixed(2)} (${Object.entries(v.byType).map(([k, x]) => `${k} ${x}`).join('; ')})` : ''}`);
}

// Keep the features that matter most (L1 norm of their averaged weights) to bound the model's size.
const { weights, transitions } = averaged();
const norms: { key: number; row: number; norm: number }[] = [];
for (const [key, row] of rows) {
  let norm = 0;
  for (let y = 0; y < L; y++) norm += Math.abs(weights[row * L + y]);
  if (norm > 0) norms.push({ key, row, norm });
}
norms.sort((a, b) => b.norm - a.norm);
const kept = norms.slice(0, MAX_FEATURES).sort((a, b) => a.key - b.key);
const keys = new Uint32Array(kept.map((k) => k.key));
const keptWeights = new Float32Array(kept.length * L);
kept.forEach((k, i) => {
  for (let y = 0; y < L; y++) keptWeights[i * L + y] = weights[k.row * L + y];
});
for (let p = -1; p < L; p++) for (let y = 0; y < L; y++) if (!allowed(p, y)) transitions[(p + 1) * L + y] = -1e4;
const bytes = serializeModel(new Float32Array(transitions), keys, keptWeights);
writeFileSync(join(process.cwd(), 'data', 'ner-model.bin'), bytes);
const names = Object.fromEntries([...allNames].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
writeFileSync(join(process.cwd(), 'data', 'names.json'), `${JSON.stringify({ _about: 'Generated by npm run train (scripts/train-ner.ts) from CoNLL-2003 train.txt; do not edit by hand.', names })}\n`);
console.log(`train-ner: wrote data/ner-model.bin (${kept.length} of ${norms.length} features, ${(bytes.length / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
