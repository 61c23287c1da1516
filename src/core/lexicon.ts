// Loads the generated lexicon (data/lexicon.json) and the curated cue lists (data/curated/cues.json)
// once, into the lookup structures the tagger and claim detector use.
import lexiconData from '../../data/lexicon.json';
import cueData from '../../data/curated/cues.json';
import type { EntityType } from './types';

/** Multi-word cue phrases indexed by their first word, longest first under each word. */
export type PhraseIndex = Map<string, string[][]>;

/** Gazetteers used as labeller features, from external sources only. */
export interface Gazetteer {
  phrases: Map<string, string>;
  /** Every proper prefix of a multi-word phrase, so that matching stops as soon as nothing can follow. */
  prefixes: Set<string>;
  firstNames: Set<string>;
  maxTokens: number;
}

/** Bits of Lexicon.wordFlags: which closed lists a lower-case word belongs to. */
export const WORD = { common: 1, personTitle: 2, orgHead: 4, reportingVerb: 8, placePreposition: 16, firstName: 32 } as const;

export interface Lexicon {
  gazetteer: Gazetteer;
  /** Lower-case word → WORD bits, so that a token's list memberships cost one lookup. */
  wordFlags: Map<string, number>;
  /** Lower-cased multi-word and single-word names with their type. */
  names: Map<string, EntityType>;
  /** Names written in capitals ("UN", "NATO"), matched case-sensitively so that "Un" is not the UN. */
  acronyms: Map<string, EntityType>;
  /** Longest name in tokens, to bound the gazetteer scan. */
  maxNameTokens: number;
  countryAliases: Map<string, string>;
  /** Per capitalised word: counts as [person, organization, place, misc, not-an-entity] in news text. */
  wordVotes: Map<string, number[]>;
  common: Set<string>;
  personTitles: Set<string>;
  headTitles: Set<string>;
  orgHeads: Set<string>;
  eventHeads: Set<string>;
  placeHeads: Set<string>;
  placePrepositions: Set<string>;
  nameConnectors: Set<string>;
  notEntities: Set<string>;
  reportingVerbs: Set<string>;
  reportingPhrases: PhraseIndex;
  hedges: PhraseIndex;
  boosters: PhraseIndex;
  predictionCues: PhraseIndex;
  opinionCues: PhraseIndex;
  negations: Set<string>;
  pronouns: Set<string>;
  relativeDates: PhraseIndex;
  quantityUnits: Set<string>;
  currencySymbols: Set<string>;
  numberWords: Map<string, number>;
  multipliers: Map<string, number>;
  unitMultipliers: Map<string, number>;
  months: Map<string, number>;
  weekdays: Set<string>;
  abbreviations: Set<string>;
  stopwords: Set<string>;
}

let cached: Lexicon | undefined;

const phraseTypeNames: (EntityType | 'misc')[] = ['person', 'organization', 'place', 'misc'];

function lowerSet(list: readonly string[]): Set<string> {
  return new Set(list.map((s) => s.toLowerCase()));
}

function phraseList(list: readonly string[]): PhraseIndex {
  const index: PhraseIndex = new Map();
  // Longest first, so that "up to" wins over "to" when both could match.
  for (const words of list.map((p) => p.toLowerCase().split(' ')).sort((a, b) => b.length - a.length)) {
    const bucket = index.get(words[0]) ?? [];
    bucket.push(words);
    index.set(words[0], bucket);
  }
  return index;
}

export function getLexicon(): Lexicon {
  if (cached) return cached;
  const names = new Map<string, EntityType>();
  // Learned phrases first so the curated gazetteers below override their type.
  for (const [phrase, typeIndex] of Object.entries(lexiconData.phrases as Record<string, number>)) {
    const type = phraseTypeNames[typeIndex];
    if (type !== 'misc') names.set(phrase.toLowerCase(), type);
  }
  for (const p of lexiconData.places) names.set(p.toLowerCase(), 'place');
  for (const o of lexiconData.organizations) names.set(o.toLowerCase(), 'organization');
  for (const n of lexiconData.nationalities) names.set(n.toLowerCase(), 'nationality');
  // Short all-capital names stay case-sensitive: their lower-case form is often a word ("UN" / "un").
  const acronyms = new Map<string, EntityType>();
  for (const name of [...lexiconData.places, ...lexiconData.organizations]) {
    if (/^[A-Z][A-Z.]{1,5}$/.test(name)) {
      acronyms.set(name, names.get(name.toLowerCase()) as EntityType);
      names.delete(name.toLowerCase());
    }
  }
  let maxNameTokens = 1;
  for (const key of names.keys()) maxNameTokens = Math.max(maxNameTokens, key.split(' ').length);

  const months = new Map<string, number>();
  cueData.months.forEach((m, i) => months.set(m, i + 1));
  // The abbreviations list has both "sep" and "sept" at September, so later months shift by one.
  cueData.monthAbbrevs.forEach((m, i) => months.set(m, i < 9 ? i + 1 : i));

  const phrases = new Map<string, string>();
  const prefixes = new Set<string>();
  let maxTokens = 1;
  const g = lexiconData.gazetteer as Record<'LOC' | 'NAT' | 'ORG', string[]>;
  for (const type of ['LOC', 'ORG', 'NAT'] as const) {
    for (const p of g[type]) {
      phrases.set(p, type);
      const words = p.split(' ');
      maxTokens = Math.max(maxTokens, words.length);
      for (let k = 1; k < words.length; k++) prefixes.add(words.slice(0, k).join(' '));
    }
  }
  const wordFlags = new Map<string, number>();
  const flag = (words: Iterable<string>, bit: number) => {
    for (const w of words) wordFlags.set(w, (wordFlags.get(w) ?? 0) | bit);
  };
  flag(lexiconData.lower, WORD.common);
  flag(lowerSet(lexiconData.personTitles), WORD.personTitle);
  flag(lowerSet(lexiconData.orgHeads), WORD.orgHead);
  flag(lowerSet(cueData.reportingVerbs), WORD.reportingVerb);
  flag(lowerSet(lexiconData.placePrepositions), WORD.placePreposition);
  flag(lexiconData.gazetteer.firstNames, WORD.firstName);
  cached = {
    wordFlags,
    gazetteer: { phrases, prefixes, firstNames: new Set(lexiconData.gazetteer.firstNames), maxTokens: Math.min(maxTokens, 6) },
    names,
    acronyms,
    maxNameTokens: Math.min(maxNameTokens, 8),
    countryAliases: new Map(Object.entries(lexiconData.countryAliases).map(([k, v]) => [k.toLowerCase(), v])),
    wordVotes: new Map(Object.entries(lexiconData.words as Record<string, number[]>)),
    common: new Set(lexiconData.lower),
    personTitles: lowerSet(lexiconData.personTitles),
    headTitles: lowerSet(lexiconData.headTitles),
    orgHeads: lowerSet(lexiconData.orgHeads),
    eventHeads: lowerSet(lexiconData.eventHeads),
    placeHeads: lowerSet(lexiconData.placeHeads),
    placePrepositions: lowerSet(lexiconData.placePrepositions),
    nameConnectors: lowerSet(lexiconData.nameConnectors),
    notEntities: lowerSet(lexiconData.notEntities),
    reportingVerbs: lowerSet(cueData.reportingVerbs),
    reportingPhrases: phraseList(cueData.reportingPhrases),
    hedges: phraseList(cueData.hedges),
    boosters: phraseList(cueData.boosters),
    predictionCues: phraseList(cueData.predictionCues),
    opinionCues: phraseList(cueData.opinionCues),
    negations: lowerSet(cueData.negations),
    pronouns: lowerSet(cueData.pronouns),
    relativeDates: phraseList(cueData.relativeDates),
    quantityUnits: lowerSet(cueData.quantityUnits),
    currencySymbols: new Set(cueData.currencySymbols),
    numberWords: new Map(Object.entries(cueData.numberWords)),
    multipliers: new Map(Object.entries(cueData.multipliers)),
    unitMultipliers: new Map(Object.entries(cueData.unitMultipliers)),
    months,
    weekdays: new Set(cueData.weekdays),
    abbreviations: new Set(cueData.abbreviations),
    stopwords: new Set(cueData.stopwords),
  };
  return cached;
}
