// Scores each sentence for check-worthiness and classifies it (fact, quote, opinion, prediction),
// with its attribution, hedges and boosters, and the entities and values it talks about.
import type { Lexicon, PhraseIndex } from '../lexicon';
import type { Token } from '../text/segment';
import type { Claim, ClaimKind, Mention, Span, Value } from '../types';
import { findAttribution, type AttributionContext } from './attribution';
import { claimFeatures, denseFeatureCount, denseFeatures, type ClaimSignals } from './features';
import { claimLogit, claimModel, sigmoid, wordTable } from './model';

/** The cue lists detectClaim searches, one bit each. */
const CUE = { hedge: 1, approximator: 2, booster: 4, prediction: 8, opinion: 16 } as const;

const firstWordsOf = new WeakMap<Lexicon, Map<string, number>>();

/** Each word that starts a cue phrase, with the bits (CUE) of the lists it starts one in; made once per lexicon. */
function cueFirstWords(lex: Lexicon): Map<string, number> {
  let words = firstWordsOf.get(lex);
  if (!words) {
    words = new Map();
    const lists: [number, PhraseIndex][] = [[CUE.hedge, lex.hedges], [CUE.approximator, lex.approximators], [CUE.booster, lex.boosters], [CUE.prediction, lex.predictionCues], [CUE.opinion, lex.opinionCues]];
    for (const [bit, phrases] of lists) for (const word of phrases.keys()) words.set(word, (words.get(word) ?? 0) | bit);
    firstWordsOf.set(lex, words);
  }
  return words;
}

/** Spans of the phrases (lower-case token lists) that occur in the tokens; `before(k)` must accept the token after one. */
export function matchPhrases(tokens: Token[], phrases: PhraseIndex, text: string, lowered: string[], before?: (next: number) => boolean): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = phrases.get(lowered[i]);
    if (!candidates) continue;
    for (const p of candidates) {
      let ok = true;
      for (let k = 1; k < p.length && ok; k++) ok = lowered[i + k] === p[k];
      if (ok && before && !before(i + p.length)) ok = false;
      if (ok) {
        const end = tokens[i + p.length - 1].end;
        out.push({ start: tokens[i].start, end, text: text.slice(tokens[i].start, end) });
        i += p.length - 1;
        break;
      }
    }
  }
  return out;
}

/** Scratch lists of one sentence: its feature hashes, its words' rows of the word table, its dense features (for training). */
const featureBuffer: number[] = [];
const rowBuffer: number[] = [];
let denseBuffer: Float32Array | undefined;

export interface SentenceInput {
  start: number;
  end: number;
  tokens: Token[];
  /** The tokens in lower case. */
  lowered: string[];
  /** Mentions inside the sentence (indexes into the document's mentions). */
  mentionIndexes: number[];
  /** Whether the sentence before ends with a question mark. */
  afterQuestion?: boolean;
  /** Receives the sentence's model features, hashed and dense (training reads them here; both lists are reused afterwards). */
  onFeatures?: (features: readonly number[], dense: Float32Array) => void;
}

let mentionAtBuffer = new Int32Array(256);

export function detectClaim(sentence: SentenceInput, mentions: Mention[], text: string, lex: Lexicon, lastPerson: string | undefined): Claim | undefined {
  const { tokens } = sentence;
  let words = 0;
  for (const t of tokens) if (t.kind !== 'punct') words++;
  if (words < 3) return undefined;

  // A buffer of the module, not a new array a sentence: the attribution reads it before the next sentence.
  if (mentionAtBuffer.length < tokens.length) mentionAtBuffer = new Int32Array(tokens.length * 2);
  const mentionAt = mentionAtBuffer.subarray(0, tokens.length).fill(-1);
  let quantities = 0;
  let dates = 0;
  let names = 0;
  const entities = new Set<string>();
  const values: (Span & { value: Value })[] = [];
  let k = 0;
  for (const mi of sentence.mentionIndexes) {
    const m = mentions[mi];
    // Mentions and tokens are both in text order: one pass over the tokens marks every mention.
    while (k < tokens.length && tokens[k].end <= m.start) k++;
    for (let j = k; j < tokens.length && tokens[j].start < m.end; j++) if (tokens[j].start >= m.start && tokens[j].end <= m.end) mentionAt[j] = mi;
    if (m.type === 'quantity') quantities++;
    else if (m.type === 'date') dates++;
    else names++;
    entities.add(m.entity);
    if (m.value) values.push({ start: m.start, end: m.end, text: m.text, value: m.value });
  }

  const lowered = sentence.lowered;
  const ctx: AttributionContext = { tokens, lowered, mentionAt, mentions, text, lastPerson };
  const attribution = findAttribution(ctx, lex);
  // "nearly five million", "more than 200": a number hedge only before a number ("about what", "over there" are not).
  const numberAt = (k: number) => k < tokens.length && (tokens[k].kind === 'number' || (mentionAt[k] >= 0 && mentions[mentionAt[k]].type === 'quantity') || lex.numberWords.has(lowered[k]));
  // Which cue lists any word of the sentence starts a phrase of: the others are not searched (most are absent).
  const firstWords = cueFirstWords(lex);
  let present = 0;
  for (let k = 0; k < lowered.length; k++) present |= firstWords.get(lowered[k]) ?? 0;
  const cues = (bit: number, phrases: PhraseIndex, before?: (next: number) => boolean) => (present & bit ? matchPhrases(tokens, phrases, text, lowered, before) : []);
  const hedges = [...cues(CUE.hedge, lex.hedges), ...cues(CUE.approximator, lex.approximators, numberAt)].sort((a, b) => a.start - b.start);
  const boosters = cues(CUE.booster, lex.boosters);
  const predictions = cues(CUE.prediction, lex.predictionCues);
  const opinions = cues(CUE.opinion, lex.opinionCues);
  let firstPerson = 0;
  let superlative = 0;
  let comparative = 0;
  let pastTense = 0;
  let negated = false;
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].kind !== 'word') continue;
    const w = lowered[k];
    if (w === 'i' || w === 'we' || w === 'my' || w === 'our') firstPerson++;
    if (w === 'most' || w === 'largest' || w === 'biggest' || w === 'highest' || w === 'lowest' || w === 'first' || w === 'only' || (w.length > 5 && w.endsWith('est'))) superlative++;
    if (w === 'more' || w === 'less' || w === 'fewer' || (w.length > 5 && w.endsWith('er') && w !== 'after' && w !== 'never' && w !== 'other')) comparative++;
    if (w.length > 4 && w.endsWith('ed')) pastTense++;
    if (lex.negations.has(w) || w.endsWith("n't")) negated = true;
  }
  const question = text.slice(sentence.start, sentence.end).trimEnd().endsWith('?');
  // A transcript line, "SPEAKER: sentence".
  const transcript = tokens.length > 2 && tokens[1].text === ':' && tokens[0].kind === 'word' && tokens[0].text === tokens[0].text.toUpperCase();

  const signals: ClaimSignals = {
    words,
    quantities,
    dates,
    names,
    reporting: !!attribution,
    superlative,
    comparative,
    pastTense,
    opinions: opinions.length,
    firstPerson,
    question,
    afterQuestion: !!sentence.afterQuestion,
    transcript,
    predictions: predictions.length,
    hedges: hedges.length,
    negated,
  };
  featureBuffer.length = 0;
  rowBuffer.length = 0;
  const model = claimModel();
  claimFeatures(tokens, lowered, signals, featureBuffer, rowBuffer);
  if (sentence.onFeatures) {
    const table = wordTable();
    denseBuffer ??= new Float32Array(denseFeatureCount(table.dimensions));
    denseFeatures(table, rowBuffer, denseBuffer);
    sentence.onFeatures(featureBuffer, denseBuffer);
  }
  const x = claimLogit(model, featureBuffer, rowBuffer) + (transcript ? model.transcriptOffset : model.sentenceOffset);
  const score = Math.round(sigmoid(x) * 1000) / 1000;

  // The kind says what the statement is; the attribution, kept alongside, says whose it is. So a forecast
  // someone is quoted making is a prediction with a source, and only plain reported facts are quotes.
  // A source announcing what will happen ("the Kremlin announced that Putin will visit") is quoted, not
  // speculating: reported speech is a prediction only when it hedges ("Russia will likely…, says Markov").
  let kind: ClaimKind = attribution ? 'quote' : 'fact';
  const evaluative = opinions.length;
  const forecasts = attribution ? predictions.filter((p) => lex.speculationCues.has(p.text.toLowerCase())).length : predictions.length;
  if (forecasts > 0 && forecasts >= evaluative) kind = 'prediction';
  else if (evaluative > 0 && quantities === 0) kind = 'opinion';

  const claim: Claim = {
    start: sentence.start,
    end: sentence.end,
    text: text.slice(sentence.start, sentence.end),
    score,
    kind,
    hedges,
    boosters,
    entities: [...entities],
    values,
    negated,
  };
  if (attribution) {
    claim.source = attribution.source;
    claim.cue = attribution.cue;
    claim.direct = attribution.direct;
    if (attribution.originalSource) claim.originalSource = attribution.originalSource;
  }
  return claim;
}
