// Features of a sentence for the check-worthiness model: its words and word pairs (numbers as one word),
// and what the rest of the engine found in it (quantities, dates, names, a reporting cue, hedges…) in
// small count bins. Each feature is a hash; the model reads its weight from a hashed table.
import { feature1, feature2, stringHash } from '../entities/features';
import type { Token } from '../text/segment';

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
];

/** Appends the feature hashes of a sentence to `out` and returns how many it wrote. */
export function claimFeatures(tokens: Token[], lowered: string[], signals: ClaimSignals, out: number[]): number {
  const before = out.length;
  for (const [template, bin] of SIGNALS) out.push(feature2(200 + template, bin(signals), 0));
  let previous = START;
  for (let k = 0; k < tokens.length; k++) {
    const h = tokens[k].kind === 'number' ? NUMBER : stringHash(lowered[k]);
    out.push(feature1(100, h), feature2(101, previous, h));
    previous = h;
  }
  out.push(feature2(101, previous, END));
  return out.length - before;
}
