// Loads the generated lexicon (data/lexicon.json) and the curated cue lists (data/curated/cues.json)
// once, into the lookup structures the tagger and claim detector use.
import lexiconData from '../../data/lexicon.json';
import cueData from '../../data/curated/cues.json';
import trainedNames from '../../data/names.json';
import { nameList, type NameList } from './entities/nameList';
import type { EntityType } from './types';

/** Multi-word cue phrases indexed by their first word, longest first under each word. */
export type PhraseIndex = Map<string, string[][]>;

/** Gazetteers used as labeller features, from external sources only. */
export interface Gazetteer extends NameList {
  firstNames: Set<string>;
}

/** Bits of Lexicon.wordFlags: which closed lists a lower-case word belongs to. */
export const WORD = { common: 1, personTitle: 2, orgHead: 4, reportingVerb: 8, placePreposition: 16, firstName: 32, ordinary: 64 } as const;

export interface Lexicon {
  gazetteer: Gazetteer;
  /**
   * The gazetteer's names (lower case) with their type, as gazetteer.phrases has them, without the trie the
   * labeller needs: what the linker asks on the index's thread, where building the trie would block it.
   */
  gazetteerPhrases: ReadonlyMap<string, string>;
  /** Names seen labelled in the training text (data/names.json), a labeller feature. */
  trainNames: NameList;
  /** Lower-case word → WORD bits, so that a token's list memberships cost one lookup. */
  wordFlags: Map<string, number>;
  /** Lower-cased multi-word and single-word names with their type. */
  names: Map<string, EntityType>;
  countryAliases: Map<string, string>;
  /** Nationality (lower case) → the country it belongs to ("russian" → "Russia"). */
  nationalityCountries: Map<string, string>;
  personTitles: Set<string>;
  eventHeads: Set<string>;
  notEntities: Set<string>;
  hedges: PhraseIndex;
  /** Hedges of a number ("nearly", "more than"): hedges only when a number follows. */
  approximators: PhraseIndex;
  boosters: PhraseIndex;
  predictionCues: PhraseIndex;
  /** The prediction cues that speculate ("likely", "may", "expected to"), not the ones that announce ("will", "plans to"). */
  speculationCues: Set<string>;
  opinionCues: PhraseIndex;
  negations: Set<string>;
  relativeDates: PhraseIndex;
  quantityUnits: Set<string>;
  currencySymbols: Set<string>;
  numberWords: Map<string, number>;
  multipliers: Map<string, number>;
  unitMultipliers: Map<string, number>;
  months: Map<string, number>;
  weekdays: Set<string>;
  abbreviations: Set<string>;
  /** Abbreviated first words of longer names and the words in full ("mt" → "mount"), for linking. */
  nameAbbreviations: Map<string, string>;
  /** Lower-case words that can start a date or a quantity. */
  valueStarters: Set<string>;
  stopwords: Set<string>;
}

let cached: Lexicon | undefined;


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
  // Gazetteer names with their type: countries, capitals and curated places, organisations, nationalities.
  const names = new Map<string, EntityType>();
  for (const p of lexiconData.places) names.set(p.toLowerCase(), 'place');
  for (const o of lexiconData.organizations) names.set(o.toLowerCase(), 'organization');
  for (const n of lexiconData.nationalities) names.set(n.toLowerCase(), 'nationality');

  const months = new Map<string, number>();
  cueData.months.forEach((m, i) => months.set(m, i + 1));
  // The abbreviations list has both "sep" and "sept" at September, so later months shift by one.
  cueData.monthAbbrevs.forEach((m, i) => months.set(m, i < 9 ? i + 1 : i));

  // Later types win a shared phrase: a nationality over a place, as before.
  // The name tries only the labeller reads (in the analysis worker) are built on first use: the thread that
  // keeps the index needs the word lists, and must not stop for the tries.
  let gazetteer: Gazetteer | undefined;
  let gazetteerPhrases: Map<string, string> | undefined;
  let trainNames: NameList | undefined;
  const gazetteerEntries = (): [string, string][] => {
    const g = lexiconData.gazetteer as Record<'LOC' | 'NAT' | 'ORG', string[]>;
    return (['LOC', 'ORG', 'NAT'] as const).flatMap((type) => g[type].map((p): [string, string] => [p, type]));
  };
  const wordFlags = new Map<string, number>();
  const flag = (words: Iterable<string>, bit: number) => {
    for (const w of words) wordFlags.set(w, (wordFlags.get(w) ?? 0) | bit);
  };
  flag(lexiconData.lower, WORD.common);
  flag(lexiconData.ordinary, WORD.ordinary);
  flag(lowerSet(lexiconData.personTitles), WORD.personTitle);
  flag(lowerSet(lexiconData.orgHeads), WORD.orgHead);
  flag(lowerSet(cueData.reportingVerbs), WORD.reportingVerb);
  flag(lowerSet(lexiconData.placePrepositions), WORD.placePreposition);
  flag(lexiconData.gazetteer.firstNames, WORD.firstName);
  cached = {
    get trainNames() {
      return (trainNames ??= nameList(Object.entries(trainedNames.names as Record<string, string>)));
    },
    wordFlags,
    get gazetteer() {
      return (gazetteer ??= { ...nameList(gazetteerEntries()), firstNames: new Set(lexiconData.gazetteer.firstNames) });
    },
    get gazetteerPhrases() {
      // Later types win a shared phrase, as in the trie's list.
      return (gazetteerPhrases ??= new Map(gazetteerEntries()));
    },
    names,
    nationalityCountries: new Map(Object.entries(lexiconData.nationalityCountries as Record<string, string>)),
    countryAliases: new Map(Object.entries(lexiconData.countryAliases).map(([k, v]) => [k.toLowerCase(), v])),
    personTitles: lowerSet(lexiconData.personTitles),
    eventHeads: lowerSet(lexiconData.eventHeads),
    notEntities: lowerSet(lexiconData.notEntities),
    hedges: phraseList(cueData.hedges),
    approximators: phraseList(cueData.approximators),
    boosters: phraseList(cueData.boosters),
    predictionCues: phraseList(cueData.predictionCues),
    speculationCues: lowerSet(cueData.speculationCues),
    opinionCues: phraseList(cueData.opinionCues),
    negations: lowerSet(cueData.negations),
    relativeDates: phraseList(cueData.relativeDates),
    quantityUnits: lowerSet(cueData.quantityUnits),
    currencySymbols: new Set(cueData.currencySymbols),
    numberWords: new Map(Object.entries(cueData.numberWords)),
    multipliers: new Map(Object.entries(cueData.multipliers)),
    unitMultipliers: new Map(Object.entries(cueData.unitMultipliers)),
    months,
    weekdays: new Set(cueData.weekdays),
    abbreviations: new Set(cueData.abbreviations),
    nameAbbreviations: new Map(Object.entries(cueData.nameAbbreviations).filter(([k]) => k !== '_about')),
    valueStarters: new Set([...months.keys(), ...cueData.weekdays, ...Object.keys(cueData.numberWords), ...cueData.relativeDates.map((p) => p.split(' ')[0].toLowerCase())]),
    stopwords: new Set(cueData.stopwords),
  };
  return cached;
}
