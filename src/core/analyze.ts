// One document's text → DocumentAnalysis: segment, find values and names, resolve entities, detect claims.
import { detectClaim, type SentenceInput } from './claims/claims';
import { findReferences } from './entities/descriptions';
import { noteNameType } from './entities/names';
import { findNameDescriptions } from './entities/nameDescriptions';
import { buildDocumentMemory } from './entities/features';
import { recognizeNames } from './entities/labeller';
import { loadModel } from './entities/model';
import { resolveEntities } from './entities/resolve';
import { trimTitleCaseNames } from './entities/titleCase';
import type { LabelMemo } from './labelMemo';
import { getLexicon, WORD, type Lexicon } from './lexicon';
import { splitSentences, tokenize, type SentenceSpan, type Token } from './text/segment';
import type { Claim, DocumentAnalysis, EntityType, Mention } from './types';
import { findValues, lowerCase } from './values/values';

export interface AnalyzeOptions {
  /** The date the document was written (ISO), when known from outside; otherwise read from the text. */
  documentDate?: string;
  /**
   * One-word names the rest of the workspace labels (written form → type, from Corpus.knownNames): found here
   * too where this document leaves them out and does not label the word otherwise itself. Not changed once
   * given: a new map for new names (what the engine learns of a map's keys is kept with the map).
   */
  knownNames?: ReadonlyMap<string, EntityType>;
  /** Keeps what the labeller found per text, and gives it back when the same text comes again. */
  labelMemo?: LabelMemo;
  /** Receives each sentence's check-worthiness features (for training; see claims/features.ts). */
  onClaimFeatures?: (sentence: { start: number; end: number }, features: readonly number[], dense: Float32Array) => void;
}

export function analyzeText(text: string, options: AnalyzeOptions = {}): DocumentAnalysis {
  return analyze(text, options, undefined) as DocumentAnalysis;
}

/** Start, end, type and entity key of each mention of an analysis, in order: what a second pass compares its own with. */
export type MentionSpans = readonly Pick<Mention, 'start' | 'end' | 'type' | 'entity'>[];

/**
 * A text analysed again with other workspace names (a scan's second pass), or undefined when they change
 * nothing: its mentions, resolved into entities, would be `baseline`'s (the mentions of the analysis the caller
 * holds), and everything after follows from them alone. Most documents of a scan gain no mention from the names. The comparison is
 * with what the caller holds, not with the last analysis made here: another analysis of the same text (a file
 * watcher's) may have been made meanwhile and dropped by the caller.
 */
export function reanalyzeWithNames(text: string, options: AnalyzeOptions & { baseline: MentionSpans }): DocumentAnalysis | undefined {
  return analyze(text, options, options.baseline);
}

function analyze(text: string, options: AnalyzeOptions, baseline: MentionSpans | undefined): DocumentAnalysis | undefined {
  const lex = getLexicon();
  const sentenceSpans = splitSentences(text, lex.abbreviations);
  const sentenceTokens: Token[][] = sentenceSpans.map((s) => tokenize(text, s.start, s.end));
  // Lower-cased once; values and claims both match cue words against it.
  const sentenceLower = sentenceTokens.map(lowerCase);
  const segmented = { text, sentenceSpans, sentenceTokens, sentenceLower, lex };
  // The same text labelled before (a scan's second pass, with the workspace's names): only what follows the labeller is done again.
  const recalled = options.labelMemo?.recall(text, options.documentDate, sentenceSpans.length);
  if (recalled) return completeAnalysis({ ...segmented, documentDate: recalled.documentDate }, recalled.found, options, baseline);
  const documentDate = options.documentDate ?? findDocumentDate(sentenceTokens, sentenceLower);
  const model = loadModel();
  const memory = buildDocumentMemory(sentenceTokens);
  // First pass: dates, quantities and names, sentence by sentence.
  const found: Mention[][] = sentenceTokens.map((tokens, si) => {
    const own: Mention[] = [];
    const taken = new Uint8Array(tokens.length);
    for (const v of findValues(tokens, lex, documentDate, sentenceLower[si])) {
      for (let k = v.first; k <= v.last; k++) taken[k] = 1;
      const start = tokens[v.first].start;
      const end = tokens[v.last].end;
      own.push({ start, end, text: text.slice(start, end), type: v.type, entity: '', ...(v.value ? { value: v.value } : {}) });
    }
    for (const n of recognizeNames(model, tokens, taken, memory, lex)) {
      own.push({ start: n.start, end: n.end, text: text.slice(n.start, n.end), type: n.type, entity: '' });
    }
    return own;
  });
  trimTitleCaseNames(sentenceTokens, sentenceLower, found, text, lex);
  options.labelMemo?.remember(text, options.documentDate, documentDate, found);
  return completeAnalysis({ ...segmented, documentDate }, found, options, baseline);
}

/** A document segmented: what the steps after the labeller read. */
interface Segmented {
  text: string;
  sentenceSpans: SentenceSpan[];
  sentenceTokens: Token[][];
  sentenceLower: string[][];
  documentDate: string | undefined;
  lex: Lexicon;
}

/**
 * From the labelled mentions of each sentence to the analysis: document names, entities, references, claims.
 * `unlessUnchanged`: undefined when the mentions are those the text's last analysis went on with.
 */
function completeAnalysis(doc: Segmented, found: Mention[][], options: AnalyzeOptions, baseline: MentionSpans | undefined): DocumentAnalysis | undefined {
  const { text, sentenceSpans, sentenceTokens, sentenceLower, documentDate, lex } = doc;
  // Second pass: a name the document labels elsewhere is the same name where the labeller missed it
  // ("Why is Putin flying…" in a headline, when the article says "Vladimir Putin" below).
  addDocumentConsistentNames(sentenceTokens, found, text, lex, options.knownNames);
  const mentions: Mention[] = [];
  const perSentence: number[][] = [];
  for (const own of found) {
    own.sort((a, b) => a.start - b.start);
    perSentence.push(own.map((_, k) => mentions.length + k));
    mentions.push(...own);
  }
  const documentEntities = resolveEntities(mentions, lex);
  // Compared once resolved: resolution settles types, so mentions labelled otherwise can end the same.
  if (baseline && sameMentions(mentions, baseline)) return undefined;
  const references = findReferences(text, sentenceTokens, mentions, perSentence, lex);
  const nameDescriptions = findNameDescriptions(sentenceTokens, sentenceLower, mentions, perSentence, text, lex);

  const claims: Claim[] = [];
  let lastPerson: string | undefined;
  sentenceSpans.forEach((s, i) => {
    const onFeatures = options.onClaimFeatures ? (features: readonly number[], dense: Float32Array) => options.onClaimFeatures?.(s, features, dense) : undefined;
    const previous = i > 0 ? sentenceTokens[i - 1] : undefined;
    const afterQuestion = !!previous && previous.length > 0 && previous[previous.length - 1].text === '?';
    const input: SentenceInput = { start: s.start, end: s.end, tokens: sentenceTokens[i], lowered: sentenceLower[i], mentionIndexes: perSentence[i], afterQuestion, onFeatures };
    const claim = detectClaim(input, mentions, text, lex, lastPerson);
    if (claim) {
      // A source written as a description ("the Russian leader said") is the person it describes, not
      // the nationality inside the description.
      const source = claim.source;
      if (source && (!source.entity || source.entity.startsWith('nationality:'))) {
        const ref = references.find((r) => r.start < source.end && source.start < r.end);
        if (ref) claim.source = { ...source, entity: ref.entity };
      }
      claims.push(claim);
    }
    for (const mi of perSentence[i]) if (mentions[mi].type === 'person') lastPerson = mentions[mi].entity;
  });

  return {
    length: text.length,
    sentences: sentenceSpans,
    entities: mentions,
    documentEntities,
    references,
    ...(nameDescriptions.length ? { nameDescriptions } : {}),
    claims,
    ...(documentDate ? { documentDate } : {}),
  };
}

function sameMentions(mentions: MentionSpans, baseline: MentionSpans): boolean {
  if (mentions.length !== baseline.length) return false;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const b = baseline[i];
    if (m.start !== b.start || m.end !== b.end || m.type !== b.type || m.entity !== b.entity) return false;
  }
  return true;
}

const NAME_TYPES = new Set(['person', 'organization', 'place']);

/**
 * Adds one-word mentions for capitalised words that the labeller left out in one place but labelled, with
 * one type only, elsewhere in the document: as a name of their own, or as a person's surname.
 */
export function addDocumentConsistentNames(sentences: Token[][], found: Mention[][], text: string, lex: Lexicon, knownNames?: ReadonlyMap<string, EntityType>): void {
  const typeOf = new Map<string, Mention['type'] | null>();
  const note = (word: string, type: EntityType) => noteNameType(typeOf, word, type);
  for (const own of found) {
    for (const m of own) {
      if (!NAME_TYPES.has(m.type)) continue;
      if (!m.text.includes(' ')) note(m.text, m.type);
      else if (m.type === 'person') note(m.text.slice(m.text.lastIndexOf(' ') + 1), 'person');
      else if (m.type === 'organization') {
        // A team is its city and its nickname ("Indianapolis Colts"); the nickname alone names it too.
        const cut = m.text.lastIndexOf(' ');
        if (lex.names.get(m.text.slice(0, cut).toLowerCase()) === 'place') note(m.text.slice(cut + 1), 'organization');
      }
    }
  }
  if (typeOf.size === 0 && !knownNames?.size) return;
  // The words the document writes in lower case, gathered the first time a sentence starts with a known name.
  let lowerWords: Set<string> | undefined;
  const capital = (x: Token | undefined) => !!x && x.kind === 'word' && x.text[0] !== x.text[0].toLowerCase();
  // A capitalised ordinary word next to a name is a headline's Title Case ("Colts Beat Chiefs"), not more of the name.
  const nameWord = (x: Token | undefined) => capital(x) && !((lex.wordFlags.get(x!.text.toLowerCase()) ?? 0) & WORD.ordinary);
  // Most tokens are lower-case words, which no name here starts like: they are passed over without a lookup.
  const lowerNames = startsLowerSomewhere(typeOf.keys()) || (!!knownNames && knownNameStartsLower(knownNames));
  sentences.forEach((tokens, si) => {
    const own = found[si].sort((a, b) => a.start - b.start);
    const added: Mention[] = [];
    let covered = 0;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k];
      if (!lowerNames && isAsciiLower(t.text.charCodeAt(0))) continue;
      // The document's own labels first; a word it labels two ways (null) stays unlabelled. A word of an
      // all-capitals headline ("COLTS") is looked up as a name is written ("Colts").
      const word = typeOf.has(t.text) || knownNames?.has(t.text) ? t.text : capitalsAsName(t.text);
      // In capitals an ordinary word ("MAN") cannot be told from a name.
      if (word !== t.text && (lex.wordFlags.get(t.text.toLowerCase()) ?? 0) & WORD.ordinary) continue;
      const labelled = typeOf.get(word);
      const type = labelled === undefined ? knownNames?.get(word) : labelled;
      // A team's nickname, in this document or, whatever this document makes of it, in the workspace.
      const team = type === 'organization' || knownNames?.get(word) === 'organization';
      if (!type && !team) continue;
      // At a sentence start an ordinary word ("Police", "Man") is no name, whatever was labelled elsewhere, unless
      // the document never writes it in lower case: "Chargers lose…", "Felt died…" where "felt" is never a verb.
      if (k === 0 && (lex.wordFlags.get(t.text.toLowerCase()) ?? 0) & WORD.ordinary && (lowerWords ??= lowerCaseWords(sentences)).has(t.text.toLowerCase())) continue;
      // Mentions are in text order: skip the ones that end before this token, then test for overlap.
      while (covered < own.length && own[covered].end <= t.start) covered++;
      if (covered < own.length && own[covered].start < t.end) continue;
      // A team's nickname right after the city the labeller took for the whole name ("New Orleans | Saints"):
      // the city's mention becomes the team's. Not a generic head ("Athens | Bank").
      const city = covered > 0 ? own[covered - 1] : undefined;
      const generic = ((lex.wordFlags.get(t.text.toLowerCase()) ?? 0) & WORD.orgHead) !== 0;
      if (team && !generic && k > 0 && (city?.type === 'place' || city?.type === 'organization') && city.end === tokens[k - 1].end && !nameWord(tokens[k + 1])) {
        city.end = t.end;
        city.text = text.slice(city.start, t.end);
        city.type = 'organization';
        continue;
      }
      if (!type) continue;
      // Part of a longer capitalised run ("Putin Street") is not the same name; a capitalised article
      // opening the sentence ("The Saints") does not make a run.
      const before = k === 1 && lex.stopwords.has(tokens[0].text.toLowerCase()) ? undefined : tokens[k - 1];
      if (nameWord(tokens[k + 1]) || nameWord(before)) continue;
      added.push({ start: t.start, end: t.end, text: text.slice(t.start, t.end), type, entity: '' });
    }
    own.push(...added);
  });
}

function isAsciiLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** Whether a key starts with a lower-case ASCII letter ("al-Assad", "eBay"). */
function startsLowerSomewhere(names: Iterable<string>): boolean {
  for (const word of names) if (isAsciiLower(word.charCodeAt(0))) return true;
  return false;
}

/** startsLowerSomewhere of each map of workspace names, which comes unchanged with every document (AnalyzeOptions). */
const lowerKnownNames = new WeakMap<ReadonlyMap<string, unknown>, boolean>();

function knownNameStartsLower(names: ReadonlyMap<string, unknown>): boolean {
  let found = lowerKnownNames.get(names);
  if (found === undefined) lowerKnownNames.set(names, (found = startsLowerSomewhere(names.keys())));
  return found;
}

/** The words of the sentences that start with a lower-case letter ("felt" in "he felt"). */
function lowerCaseWords(sentences: Token[][]): Set<string> {
  const out = new Set<string>();
  for (const tokens of sentences) for (const t of tokens) if (t.kind === 'word' && t.text[0] !== t.text[0].toUpperCase()) out.add(t.text);
  return out;
}

/** "COLTS" → "Colts": a word of three capitals or more as a name is written; any other word as it is. */
export function capitalsAsName(word: string): string {
  if (word.length < 3) return word;
  // Most words have a lower-case ASCII letter among their first two: no test of the whole word for them.
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(1);
  if ((a >= 97 && a <= 122) || (b >= 97 && b <= 122)) return word;
  return /^\p{Lu}+$/u.test(word) ? word[0] + word.slice(1).toLowerCase() : word;
}

function hasDigit(t: Token): boolean {
  for (let i = 0; i < t.text.length; i++) {
    const c = t.text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** The first full date (day, month, year) among the first sentences: usually the dateline. */
function findDocumentDate(sentenceTokens: Token[][], sentenceLower: string[][]): string | undefined {
  const lex = getLexicon();
  for (let i = 0; i < Math.min(12, sentenceTokens.length); i++) {
    // A full date read without a reference date has its year in digits: a sentence with no digit has none.
    if (!sentenceTokens[i].some(hasDigit)) continue;
    for (const v of findValues(sentenceTokens[i], lex, undefined, sentenceLower[i])) {
      if (v.type === 'date' && v.value?.kind === 'date' && v.value.precision === 'day') return v.value.iso;
    }
  }
  return undefined;
}
