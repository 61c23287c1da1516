// Runs the trained entity model over one sentence: features → label scores → Viterbi → labelled spans.
import type { Lexicon } from '../lexicon';
import type { Token } from '../text/segment';
import type { EntityType } from '../types';
import { FEATURES_PER_TOKEN, historyFeature, pairFeatures, recordHistory, ROLE, roleFeatures, ROLES, viewTokens, wordAt, wordCacheGeneration, type DocumentMemory, type SentenceView, type Word } from './features';
import { featureRow, L, LABELS, viterbi, type NerModel } from './model';

/** A typed name found in a sentence: token range and exact offsets (a trailing possessive left out). */
export interface NameMatch {
  first: number;
  last: number;
  start: number;
  end: number;
  type: EntityType;
  /** The name follows a person title ("President Putin"). */
  titled: boolean;
}

export interface LabelledSpan {
  first: number;
  last: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
}

// Scratch buffers reused across calls: the hot path allocates only per sentence, not per token.
let featureBuffer = new Uint32Array(FEATURES_PER_TOKEN * 256);
let scoreBuffer = new Float64Array(L * 256);
let labelBuffer = new Uint8Array(256);
let plainBuffer = new Uint8Array(256);

export function isHeadline(tokens: Token[]): boolean {
  let words = 0;
  let caps = 0;
  for (const t of tokens) {
    if (t.kind !== 'word' || t.text.length < 2) continue;
    words++;
    if (isAllCapitals(t.text)) caps++;
  }
  return words >= 3 && caps / words > 0.6;
}

/** Some letter has a case and none is lower case ("NATO", "U.S."). */
function isAllCapitals(word: string): boolean {
  let upper = false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
    else if (c > 127) return word === word.toUpperCase() && word !== word.toLowerCase();
  }
  return upper;
}

/** Label indexes (into LABELS) for each token of the sentence. */
export function labelTokens(model: NerModel, tokens: Token[], memory: DocumentMemory, lex: Lexicon): Uint8Array {
  const n = tokens.length;
  if (featureBuffer.length < n * FEATURES_PER_TOKEN) {
    featureBuffer = new Uint32Array(n * FEATURES_PER_TOKEN * 2);
    scoreBuffer = new Float64Array(n * L * 2);
    labelBuffer = new Uint8Array(n * 2);
  }
  const view = viewTokens(tokens, lex, lex.trainNames, true);
  const headline = isHeadline(tokens);
  const ownRole = headline ? ROLE.ownHeadline : ROLE.own;
  const plain = plainBuffer.length >= n ? plainBuffer : (plainBuffer = new Uint8Array(n * 2));
  for (let i = 0; i < n; i++) {
    // Most news tokens are lower-case words among lower-case words: outside any name. Scoring them would
    // cost most of the labeller's time and change no label.
    plain[i] = !headline && isPlainWord(view, i) ? 1 : 0;
    if (plain[i]) continue;
    const a = roleScores(model, view.words[i], ownRole);
    const b = roleScores(model, wordAt(view, i - 1), ROLE.left1);
    const c = roleScores(model, wordAt(view, i + 1), ROLE.right1);
    const d = roleScores(model, wordAt(view, i - 2), ROLE.left2);
    const e = roleScores(model, wordAt(view, i + 2), ROLE.right2);
    // Read after the five: scoring a word may have grown the arena.
    const s = arena.data;
    for (let y = 0; y < L; y++) scoreBuffer[i * L + y] = s[a + y] + s[b + y] + s[c + y] + s[d + y] + s[e + y];
    let count = pairFeatures(view, i, memory, featureBuffer, 0);
    const history = historyFeature(view, i, memory);
    if (history) featureBuffer[count++] = history;
    addWeights(model, featureBuffer, count, scoreBuffer, i * L);
  }
  // Plain tokens are O; the runs between them are decoded on their own, each following an O (or the start).
  for (let i = 0; i < n; ) {
    if (plain[i]) {
      labelBuffer[i++] = 0;
      continue;
    }
    let end = i;
    while (end < n && !plain[end]) end++;
    // The plain token after the run is O: its transition from the run's last label still counts.
    if (end < n) for (let y = 0; y < L; y++) scoreBuffer[(end - 1) * L + y] += model.transitions[(y + 1) * L];
    viterbi(scoreBuffer.subarray(i * L, end * L), end - i, model.transitions, labelBuffer.subarray(i, end), i === 0 ? 0 : 1);
    i = end;
  }
  const labels = labelBuffer.subarray(0, n);
  recordHistory(memory, view, historyTypes(labels));
  return labels;
}

/** A token that cannot be part of a name: not capitalised, not in a gazetteer, between tokens that are neither. */
function isPlainWord(view: SentenceView, i: number): boolean {
  if (view.words[i].shapeStart === 88 || view.gazetteer[i] !== '') return false;
  const before = i === 0 || (view.words[i - 1].shapeStart !== 88 && view.gazetteer[i - 1] === '');
  return before && (i + 1 === view.length || (view.words[i + 1].shapeStart !== 88 && view.gazetteer[i + 1] === ''));
}

function addWeights(model: NerModel, features: Uint32Array, count: number, scores: Float64Array, at: number): void {
  for (let k = 0; k < count; k++) {
    const row = featureRow(model, features[k]);
    if (row < 0) continue;
    const base = row * L;
    for (let y = 0; y < L; y++) scores[at + y] += model.weights[base + y];
  }
}

/**
 * The cached words' role scores, ROLES × L values a word, one after another in one array (a word keeps its
 * offset): one allocation for all of them rather than a small array each. A new arena starts for another
 * model, and when the word cache was dropped (the words that held offsets into the old one are gone).
 */
interface ScoreArena {
  data: Float32Array;
  used: number;
  model: NerModel | undefined;
  generation: number;
}

/** Words the arena grows by. */
const ARENA_STEP = 4096;

let arena: ScoreArena = { data: new Float32Array(0), used: 0, model: undefined, generation: -1 };

/**
 * Where in the arena the word's scores for `role` are (L values), computed if they were not: each role is
 * scored once per word and model.
 */
function roleScores(model: NerModel, word: Word, role: number): number {
  if (arena.model !== model || arena.generation !== wordCacheGeneration()) arena = { data: new Float32Array(ROLES * L * ARENA_STEP), used: 0, model, generation: wordCacheGeneration() };
  if (word.scoredBy !== arena) {
    if (arena.used + ROLES * L > arena.data.length) {
      // By a fixed step, not doubling: at most a step's worth unused (the copies cost little next to scoring).
      const grown = new Float32Array(arena.data.length + ROLES * L * ARENA_STEP);
      grown.set(arena.data);
      arena.data = grown;
    }
    word.scoreAt = arena.used;
    arena.used += ROLES * L;
    word.scoredRoles = 0;
    word.scoredBy = arena;
  }
  const at = word.scoreAt + role * L;
  if (!(word.scoredRoles & (1 << role))) {
    const count = roleFeatures(word, role, featureBuffer, 0);
    roleBuffer.fill(0);
    addWeights(model, featureBuffer, count, roleBuffer, 0);
    arena.data.set(roleBuffer, at);
    word.scoredRoles |= 1 << role;
  }
  return at;
}

const roleBuffer = new Float64Array(L);

/** Type index (PER 0, ORG 1, LOC 2, MISC 3) of each label, -1 for O. */
export function historyTypes(labels: ArrayLike<number>): Int8Array {
  const out = new Int8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = labels[i] === 0 ? -1 : (labels[i] - 1) >> 1;
  return out;
}

export function spansOf(labels: ArrayLike<number>): LabelledSpan[] {
  const spans: LabelledSpan[] = [];
  let current: LabelledSpan | undefined;
  for (let i = 0; i < labels.length; i++) {
    const label = LABELS[labels[i]];
    if (label === 'O') {
      current = undefined;
      continue;
    }
    const type = label.slice(2) as LabelledSpan['type'];
    if (label.startsWith('B-') || !current || current.type !== type) {
      current = { first: i, last: i, type };
      spans.push(current);
    } else current.last = i;
  }
  return spans;
}

/**
 * Typed name mentions of one sentence from the model's labels. Tokens already taken by dates and
 * quantities are left alone; a miscellaneous name becomes a nationality or an event when it is one;
 * a lone title ("President") is never a person.
 */
/**
 * Longest name kept, in UTF-16 units: longer runs of capitalised words ("Kim Jong Un Kim Jong Un …" repeated) are
 * no name, and every mention of the entity carries its key, so one such run made the analysis gigabytes long.
 */
export const MAX_NAME_LENGTH = 200;

export function recognizeNames(model: NerModel, tokens: Token[], taken: Uint8Array, memory: DocumentMemory, lex: Lexicon): NameMatch[] {
  const out: NameMatch[] = [];
  const labels = labelTokens(model, tokens, memory, lex);
  for (const span of spansOf(labels)) {
    let { first, last } = span;
    while (first <= last && taken[first]) first++;
    while (last >= first && taken[last]) last--;
    // A capitalised sentence opener ("Meanwhile Russia") is not part of the name.
    if (first < last && (first === 0 || tokens[first - 1].kind === 'punct') && tokens[first].text !== 'The' && lex.notEntities.has(tokens[first].text.toLowerCase())) first++;
    if (first > last) continue;
    const lastText = tokens[last].text.replace(/['’]s$/, '');
    const firstLower = tokens[first].text.toLowerCase();
    let type: EntityType | undefined;
    if (span.type === 'PER') type = first === last && lex.personTitles.has(firstLower) ? undefined : 'person';
    else if (span.type === 'ORG') type = 'organization';
    else if (span.type === 'LOC') type = 'place';
    else {
      const phrase = tokens.slice(first, last + 1).map((t) => t.text).join(' ').replace(/['’]s$/, '').toLowerCase();
      if (lex.names.get(phrase) === 'nationality' || lex.gazetteer.phrases.get(phrase) === 'NAT') type = 'nationality';
      else if (last > first && lex.eventHeads.has(lastText.toLowerCase())) type = 'event';
    }
    if (!type) continue;
    const end = /['’]s$/.test(tokens[last].text) ? tokens[last].end - 2 : tokens[last].end;
    if (end - tokens[first].start > MAX_NAME_LENGTH) continue;
    out.push({ first, last, start: tokens[first].start, end, type, titled: first > 0 && lex.personTitles.has(tokens[first - 1].text.toLowerCase()) });
  }
  return out;
}
