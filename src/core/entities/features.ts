// Features of each token for the entity labeller: the word, its shape and affixes, its neighbours,
// gazetteer membership, headline casing and what the rest of the document says about the same word.
// Each string a token contributes is hashed once (FNV-1a); a feature is that hash combined with the
// feature's template number by integer mixing, so the hot path builds no strings.
import { WORD, type Lexicon } from '../lexicon';
import { nameListStep, type NameList } from './nameList';
import type { Token } from '../text/segment';

export const FEATURES_PER_TOKEN = 48;

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

export function stringHash(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Murmur3's finaliser: spreads the bits so that nearby inputs land far apart. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function feature1(template: number, a: number): number {
  return fmix(a ^ Math.imul(template + 1, 0x9e3779b1));
}

export function feature2(template: number, a: number, b: number): number {
  return fmix(Math.imul(a, 0x27d4eb2d) ^ b ^ Math.imul(template + 1, 0x9e3779b1));
}

/** "Putin" → "Xx", "U.S." → "X.X.", "1,000" → "d,d", "Jong-un" → "Xx-x". */
export function shapeOf(word: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    let k: string;
    if (c >= 65 && c <= 90) k = 'X';
    else if (c >= 97 && c <= 122) k = 'x';
    else if (c >= 48 && c <= 57) k = 'd';
    else if (c > 127) {
      const ch = word[i];
      k = ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch;
    } else k = word[i];
    if (k !== last) out += k;
    last = k;
  }
  return out;
}

/** Shape category of one UTF-16 unit, as shapeOf writes it (a char code). */
function shapeCode(word: string, i: number): number {
  const c = word.charCodeAt(i);
  if (c >= 65 && c <= 90) return 88; // X
  if (c >= 97 && c <= 122) return 120; // x
  if (c >= 48 && c <= 57) return 100; // d
  if (c > 127) {
    const ch = word[i];
    return ch !== ch.toLowerCase() ? 88 : ch !== ch.toUpperCase() ? 120 : c;
  }
  return c;
}

/** stringHash(shapeOf(word)) and stringHash of its first four characters, without building the shape. */
export function shapeHashes(word: string): { full: number; short: number; start: number } {
  let h = FNV_OFFSET;
  let short = 0;
  let length = 0;
  let last = -1;
  let start = 0;
  for (let i = 0; i < word.length; i++) {
    const k = shapeCode(word, i);
    if (k === last) continue;
    if (length === 0) start = k;
    if (length === 4) short = h >>> 0;
    h = Math.imul(h ^ k, FNV_PRIME);
    length++;
    last = k;
  }
  return { full: h >>> 0, short: length > 4 ? short : h >>> 0, start };
}

/** What a token's own characters say, computed once per distinct string and cached. */
export interface Word {
  /** The token text the word was made from. */
  source: string;
  /** The text without a possessive "'s". */
  text: string;
  lower: string;
  /** Lower case with the possessive kept ("people's"), for gazetteer phrases. */
  full: string;
  /** The word's number in the gazetteer (-1: in no gazetteer name) and the trie node it leads to from the root (-1: none). */
  gazetteerWord: number;
  gazetteerNode: number;
  /** Hashes of lower, text, shape and the shape's first four characters. */
  hLower: number;
  hText: number;
  hShape: number;
  hShort: number;
  /** Hashes of the lower-case word's first (0–3) and last (4–7) 1–4 characters (0 when shorter). */
  hAffixes: number[];
  /** First character of the shape: 88 ('X') for a capitalised word. */
  shapeStart: number;
  /** Lexicon.wordFlags of the lower-case word. */
  flags: number;
  /** Where the word's role scores start in the labeller's score arena (-1: none yet; see labeller). */
  scoreAt: number;
  /** The name list nameWord and nameNode were looked up in, and what they are there (as for the gazetteer). */
  nameListOf: object | undefined;
  nameWord: number;
  nameNode: number;
  /** Bit r set when scores holds role r. */
  scoredRoles: number;
  /** The arena scoreAt points into (an object, so that a new arena or model is told apart). */
  scoredBy: object | undefined;
}

/**
 * A sentence's tokens as the features read them: each token's word and the gazetteer and name-list matches it
 * is part of, in arrays by token index (no object per token: the labeller makes one view per sentence).
 * Indexes beyond either end read as the padding token (wordAt, hNameAt, hGazetteerAt).
 */
export interface SentenceView {
  length: number;
  words: Word[];
  /** Hash of each token's training-name-list tag (nameListTags). */
  hName: Uint32Array;
  /** Each token's gazetteer tag: "LOC-B", "LOC-I", "NAT-B", "FIRST", … or "". */
  gazetteer: string[];
  hGazetteer: Uint32Array;
}

/** What the whole document says about a word: capitalised mid-sentence, lower-case, or both. */
export interface DocumentMemory {
  capitalisedInside: Set<string>;
  lowerCase: Set<string>;
  /** How earlier sentences of the document labelled each word: counts of PER, ORG, LOC, MISC. */
  history: Map<string, number[]>;
}

const HISTORY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'];
const HISTORY_HASH = HISTORY_TYPES.map((t) => stringHash(t));

/** Records the labels of one labelled sentence (type index per token, -1 for none) in the document's history. */
export function recordHistory(memory: DocumentMemory, view: SentenceView, types: ArrayLike<number>): void {
  for (let i = 0; i < view.length; i++) {
    const t = types[i];
    if (t < 0) continue;
    const key = view.words[i].lower;
    let counts = memory.history.get(key);
    if (!counts) {
      counts = [0, 0, 0, 0];
      memory.history.set(key, counts);
    }
    counts[t]++;
  }
}

/**
 * The history feature of token i: which type earlier sentences gave the same word most often
 * ("extended prediction history"), so that a name labelled in a clear context helps where it is ambiguous.
 * Returns 0 when there is none.
 */
export function historyFeature(view: SentenceView, i: number, memory: DocumentMemory): number {
  const w = view.words[i];
  if (w.shapeStart !== 88) return 0;
  const counts = memory.history.get(w.lower);
  if (!counts) return 0;
  let best = 0;
  for (let t = 1; t < 4; t++) if (counts[t] > counts[best]) best = t;
  return feature2(36, HISTORY_HASH[best], i === 0 ? H.first : H.inside);
}

export function buildDocumentMemory(sentences: Token[][]): DocumentMemory {
  const capitalisedInside = new Set<string>();
  const lowerCase = new Set<string>();
  for (const tokens of sentences) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind !== 'word') continue;
      const c = t.text.charCodeAt(0);
      if (c >= 97 && c <= 122) lowerCase.add(t.text);
      else if (i > 0 && c >= 65 && c <= 90 && tokens[i - 1].kind === 'word') capitalisedInside.add(t.text.toLowerCase());
    }
  }
  return { capitalisedInside, lowerCase, history: new Map() };
}

const BEGIN_TAG: Record<string, string> = { LOC: 'LOC-B', ORG: 'ORG-B', NAT: 'NAT-B' };
const INSIDE_TAG: Record<string, string> = { LOC: 'LOC-I', ORG: 'ORG-I', NAT: 'NAT-I' };
const TAG_HASH = new Map(['', 'FIRST', ...Object.values(BEGIN_TAG), ...Object.values(INSIDE_TAG)].map((t) => [t, stringHash(t)]));

const NAME_TAGS = new Map<string, [number, number]>();
/** Hashes of the name-list tags "TYPE-B" and "TYPE-I" of a type ('' for no name: both the hash of ""). */
function nameTagHashes(type: string): [number, number] {
  let h = NAME_TAGS.get(type);
  if (!h) {
    h = type ? [stringHash(`name:${type}-B`), stringHash(`name:${type}-I`)] : [stringHash('name:'), stringHash('name:')];
    NAME_TAGS.set(type, h);
  }
  return h;
}

/** Type of the last longestMatch (a scratch value, so the hot path allocates nothing). */
let matchedType = '';

/**
 * Length in tokens of the longest name of `list` that starts at token i (0 for none); its type is left in
 * matchedType. `ofNames` picks the word numbers cached for the name list rather than the gazetteer.
 */
function longestMatch(words: readonly Word[], i: number, list: NameList, ofNames: boolean): number {
  const first = words[i];
  let node = ofNames ? first.nameNode : first.gazetteerNode;
  if (node < 0) return 0;
  matchedType = list.nodeType[node];
  let matched = matchedType ? 1 : 0;
  for (let n = 2; n <= list.maxTokens && i + n <= words.length && list.nodeHasChildren[node]; n++) {
    const w = words[i + n - 1];
    node = nameListStep(list, node, ofNames ? w.nameWord : w.gazetteerWord);
    if (node < 0) break;
    const type = list.nodeType[node];
    if (type) {
      matched = n;
      matchedType = type;
    }
  }
  return matched;
}

/** Longest match of the name list over the sentence: a hash of "TYPE-B" / "TYPE-I" per token, or of "". */
export function nameListTags(words: readonly Word[], list: NameList, out: Uint32Array): void {
  out.fill(nameTagHashes('')[0], 0, words.length);
  // Each word caches its number in the list (for one list at a time: training swaps lists).
  for (const w of words) {
    if (w.nameListOf === list) continue;
    w.nameListOf = list;
    w.nameWord = list.wordIds.get(w.full) ?? -1;
    w.nameNode = nameListStep(list, 0, w.nameWord);
  }
  for (let i = 0; i < words.length; i++) {
    const matched = longestMatch(words, i, list, true);
    if (!matched) continue;
    const [begin, inside] = nameTagHashes(matchedType);
    out[i] = begin;
    for (let k = 1; k < matched; k++) out[i + k] = inside;
    i += matched - 1;
  }
}

/** Longest gazetteer match over the sentence, as B/I tags per token; "FIRST" on a lone first name. */
export function gazetteerTags(words: readonly Word[], lex: Lexicon): string[] {
  const tags = new Array<string>(words.length).fill('');
  for (let i = 0; i < words.length; i++) {
    const first = words[i];
    const matched = longestMatch(words, i, lex.gazetteer, false);
    if (matched) {
      tags[i] = BEGIN_TAG[matchedType] ?? `${matchedType}-B`;
      for (let k = 1; k < matched; k++) tags[i + k] = INSIDE_TAG[matchedType] ?? `${matchedType}-I`;
      i += matched - 1;
    } else if (first.flags & WORD.firstName) tags[i] = 'FIRST';
  }
  return tags;
}

const words = new Map<string, Word>();
/** Words by token number (see text/intern.ts), in front of the map: a token's word is one array read. */
const wordsByToken: (Word | undefined)[] = [];

/** The cached Word of a token. */
export function tokenWord(token: Token, lex: Lexicon): Word {
  const known = wordsByToken[token.id];
  // The same text (usually the same interned string): numbers are reassigned when the token table starts again.
  if (known !== undefined && known.source === token.text) return known;
  return (wordsByToken[token.id] = wordOf(token.text, lex));
}

let wordGeneration = 0;
/** Changes whenever the word cache is dropped: what is kept per cached word (their scores) can go too. */
export function wordCacheGeneration(): number {
  return wordGeneration;
}

/** The cached Word of a token string. The cache is bounded: it is dropped whole when it grows too large. */
export function wordOf(token: string, lex: Lexicon): Word {
  let word = words.get(token);
  if (word) return word;
  // Bounded: a workspace's vocabulary keeps growing, and each cached word carries its scores.
  if (words.size > 60_000) {
    words.clear();
    wordsByToken.length = 0;
    wordGeneration++;
  }
  let full = token.toLowerCase();
  if (full.includes('’')) full = full.replace(/’/g, "'");
  const possessive = full.length > 2 && full.endsWith("'s");
  const text = possessive ? token.slice(0, -2) : token;
  const lower = possessive ? full.slice(0, -2) : full;
  const shape = shapeHashes(token);
  const hAffixes = [0, 0, 0, 0, 0, 0, 0, 0];
  let prefix = FNV_OFFSET;
  let suffix = FNV_OFFSET;
  for (let n = 1; n <= 4 && n <= lower.length; n++) {
    prefix = Math.imul(prefix ^ lower.charCodeAt(n - 1), FNV_PRIME);
    suffix = Math.imul(suffix ^ lower.charCodeAt(lower.length - n), FNV_PRIME);
    hAffixes[n - 1] = prefix >>> 0;
    hAffixes[n + 3] = suffix >>> 0;
  }
  const hLower = stringHash(lower);
  const gazetteerWord = lex.gazetteer.wordIds.get(full) ?? -1;
  word = {
    source: token,
    text,
    lower,
    full,
    hLower,
    hText: text === lower ? hLower : stringHash(text),
    hShape: shape.full,
    hShort: shape.short,
    hAffixes,
    shapeStart: shape.start,
    flags: lex.wordFlags.get(lower) ?? 0,
    // Every field from the start, the later ones too: one shape for all words, no property added afterwards.
    scoreAt: -1,
    scoredBy: undefined,
    scoredRoles: 0,
    gazetteerWord,
    gazetteerNode: nameListStep(lex.gazetteer, 0, gazetteerWord),
    nameListOf: undefined,
    nameWord: -1,
    nameNode: -1,
  };
  words.set(token, word);
  return word;
}


/** Tag hashes of the sentence the labeller is on: one pair of buffers, not two new arrays a sentence. */
let scratchNames = new Uint32Array(256);
let scratchGazetteer = new Uint32Array(256);

/**
 * The tokens of a sentence with their words and gazetteer tags; `names` replaces lex.names in training.
 * `scratch`: the view is used up before the next one is made (the labeller), so its arrays are reused
 * buffers; training keeps every sentence's view and gets arrays of its own.
 */
export function viewTokens(tokens: Token[], lex: Lexicon, names: NameList = lex.trainNames, scratch = false): SentenceView {
  const n = tokens.length;
  const words = new Array<Word>(n);
  for (let i = 0; i < n; i++) words[i] = tokenWord(tokens[i], lex);
  const gazetteer = gazetteerTags(words, lex);
  if (scratch && scratchNames.length < n) {
    scratchNames = new Uint32Array(n * 2);
    scratchGazetteer = new Uint32Array(n * 2);
  }
  const hName = scratch ? scratchNames.subarray(0, n) : new Uint32Array(n);
  nameListTags(words, names, hName);
  const hGazetteer = scratch ? scratchGazetteer.subarray(0, n) : new Uint32Array(n);
  for (let i = 0; i < n; i++) hGazetteer[i] = TAG_HASH.get(gazetteer[i]) ?? stringHash(gazetteer[i]);
  return { length: n, words, hName, gazetteer, hGazetteer };
}

const PAD_HASH = stringHash('<s>');
/** The token beyond either end of a sentence: its word, name-list tag and gazetteer tag. */
export const PAD_WORD: Word = { source: '<s>', text: '<s>', lower: '<s>', full: '<s>', shapeStart: 60, flags: 0, scoreAt: -1, scoredBy: undefined, scoredRoles: 0, gazetteerWord: -1, gazetteerNode: -1, nameListOf: undefined, nameWord: -1, nameNode: -1, hLower: PAD_HASH, hText: PAD_HASH, hShape: PAD_HASH, hShort: PAD_HASH, hAffixes: [0, 0, 0, 0, 0, 0, 0, 0] };
const PAD_NAME = stringHash('name:');
const PAD_GAZETTEER = stringHash('');

/** The word of token i, or the padding beyond the sentence. */
export function wordAt(view: SentenceView, i: number): Word {
  return i >= 0 && i < view.length ? view.words[i] : PAD_WORD;
}

function hNameAt(view: SentenceView, i: number): number {
  return i >= 0 && i < view.length ? view.hName[i] : PAD_NAME;
}

function hGazetteerAt(view: SentenceView, i: number): number {
  return i >= 0 && i < view.length ? view.hGazetteer[i] : PAD_GAZETTEER;
}
const H = {
  empty: stringHash(''),
  first: stringHash('first'),
  inside: stringHash('inside'),
  lowerElsewhere: stringHash('lower-elsewhere'),
  capElsewhere: stringHash('cap-elsewhere'),
  none: stringHash('-'),
  common: stringHash('common'),
  lengths: Array.from({ length: 10 }, (_, n) => stringHash(n === 9 ? '9+' : String(n))),
};

/**
 * The roles a word plays in a token's features. Features of one role depend on that word alone, so the
 * labeller scores each (word, role) once and keeps the sum with the cached word.
 */
export const ROLE = { own: 0, ownHeadline: 1, left1: 2, right1: 3, left2: 4, right2: 5 } as const;
export const ROLES = 6;

/** Features of word w in one role. */
export function roleFeatures(w: Word, role: number, out: Uint32Array, offset: number): number {
  let k = offset;
  switch (role) {
    case ROLE.own:
    case ROLE.ownHeadline: {
      out[k++] = feature1(0, H.empty);
      out[k++] = feature1(1, w.hLower);
      // In an all-capitals headline the written form says nothing: the lower-case form stands in.
      out[k++] = feature1(2, role === ROLE.ownHeadline ? w.hLower : w.hText);
      if (role === ROLE.ownHeadline) out[k++] = feature1(27, w.hLower);
      out[k++] = feature1(3, w.hShape);
      out[k++] = feature1(4, w.hShort);
      const affixes = Math.min(4, w.lower.length);
      for (let n = 1; n <= affixes; n++) {
        out[k++] = feature1(4 + n, w.hAffixes[n - 1]);
        out[k++] = feature1(8 + n, w.hAffixes[n + 3]);
      }
      if (w.flags & WORD.orgHead) out[k++] = feature1(31, H.empty);
      out[k++] = feature1(35, H.lengths[Math.min(9, w.text.length)]);
      break;
    }
    case ROLE.left1:
      out[k++] = feature1(13, w.hLower);
      out[k++] = feature1(17, w.hShape);
      break;
    case ROLE.right1:
      out[k++] = feature1(14, w.hLower);
      out[k++] = feature1(18, w.hShape);
      break;
    case ROLE.left2:
      out[k++] = feature1(15, w.hLower);
      break;
    case ROLE.right2:
      out[k++] = feature1(16, w.hLower);
      break;
  }
  return k - offset;
}

/** The words in each role around token i: own, left1, right1, left2, right2 (sentence edges padded). */
export function roleWords(view: SentenceView, i: number): [Word, Word, Word, Word, Word] {
  return [view.words[i], wordAt(view, i - 1), wordAt(view, i + 1), wordAt(view, i - 2), wordAt(view, i + 2)];
}

/** Features of token i that combine it with its neighbours, the sentence and the document. */
export function pairFeatures(view: SentenceView, i: number, memory: DocumentMemory, out: Uint32Array, offset: number): number {
  const w = view.words[i];
  const p1 = wordAt(view, i - 1);
  const n1 = wordAt(view, i + 1);
  const g0 = view.hGazetteer[i];
  const gp = hGazetteerAt(view, i - 1);
  const gn = hGazetteerAt(view, i + 1);
  let k = offset;
  out[k++] = feature2(19, p1.hLower, w.hLower);
  out[k++] = feature2(20, w.hLower, n1.hLower);
  out[k++] = feature2(21, p1.hShape, w.hShape);
  out[k++] = feature2(22, w.hShape, n1.hShape);
  out[k++] = feature1(23, g0);
  out[k++] = feature2(24, gp, g0);
  out[k++] = feature2(25, g0, gn);
  out[k++] = feature2(26, i === 0 ? H.first : H.inside, w.hShape);
  const h = view.hName[i];
  const np = hNameAt(view, i - 1);
  const nn = hNameAt(view, i + 1);
  out[k++] = feature1(44, h);
  out[k++] = feature2(45, np, h);
  out[k++] = feature2(46, h, nn);
  if (w.shapeStart === 88) {
    // Capitalised ('X'): is the same word written in lower case, or capitalised mid-sentence, elsewhere?
    out[k++] = feature2(28, memory.lowerCase.has(w.lower) ? H.lowerElsewhere : H.none, memory.capitalisedInside.has(w.lower) ? H.capElsewhere : H.none);
    if (w.flags & WORD.common) out[k++] = feature2(29, H.common, i === 0 ? H.first : H.inside);
  }
  if (p1.flags & WORD.personTitle) out[k++] = feature1(30, H.empty);
  if (n1.flags & WORD.orgHead && n1.shapeStart === 88) out[k++] = feature1(32, H.empty);
  if (n1.flags & WORD.reportingVerb) out[k++] = feature1(33, H.empty);
  if (p1.flags & WORD.placePreposition) out[k++] = feature2(34, H.empty, w.hShape);
  return k - offset;
}

/**
 * Writes all feature hashes of token i (every role, and the pair features; not the history feature)
 * into out from offset and returns how many it wrote. Training uses this; the labeller gets the same sum
 * from cached role scores plus the pair features.
 */
export function tokenFeatures(view: SentenceView, i: number, headline: boolean, memory: DocumentMemory, out: Uint32Array, offset: number): number {
  const [own, left1, right1, left2, right2] = roleWords(view, i);
  let k = offset;
  k += roleFeatures(own, headline ? ROLE.ownHeadline : ROLE.own, out, k);
  k += roleFeatures(left1, ROLE.left1, out, k);
  k += roleFeatures(right1, ROLE.right1, out, k);
  k += roleFeatures(left2, ROLE.left2, out, k);
  k += roleFeatures(right2, ROLE.right2, out, k);
  k += pairFeatures(view, i, memory, out, k);
  return k - offset;
}
