// Finds typed name mentions (people, organisations, places, nationalities, events) in a sentence's tokens.
// First engine: runs of capitalised words, split at titles and nationalities, typed by gazetteers,
// head words, context and per-word statistics learned from news text (data/lexicon.json).
import type { Lexicon } from '../lexicon';
import type { Token } from '../text/segment';
import { isUpperStart } from '../text/segment';
import type { EntityType } from '../types';

export interface NameMatch {
  first: number;
  last: number;
  /** Offsets of the name, possibly narrower than the tokens (a trailing possessive 's is left out). */
  start: number;
  end: number;
  type: EntityType;
  /** The name was introduced by a person title ("President Putin"). */
  titled: boolean;
}

const APOSTROPHE_S = /['’]s$/;

function isAllCaps(word: string): boolean {
  return word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** Title case for lookups of an all-caps headline word: "RUSSIA" → "Russia". */
function titleCase(word: string): string {
  return word.charAt(0) + word.slice(1).toLowerCase();
}

function stripPossessive(word: string): string {
  return APOSTROPHE_S.test(word) ? word.slice(0, -2) : word;
}

export function tagNames(tokens: Token[], taken: Uint8Array, lex: Lexicon, text: string): NameMatch[] {
  const out: NameMatch[] = [];
  const headline = isHeadline(tokens);
  let i = 0;
  while (i < tokens.length) {
    if (taken[i] || !isNameToken(tokens[i], lex, headline)) {
      i++;
      continue;
    }
    // Grow a run of capitalised words, allowing lower-case connectors between them ("Bank of England").
    let last = i;
    while (last + 1 < tokens.length && !taken[last + 1]) {
      const next = tokens[last + 1];
      if (APOSTROPHE_S.test(tokens[last].text) && !lex.names.has(`${tokens[last].text.toLowerCase()} ${next.text.toLowerCase()}`) && !/^people['’]s$/i.test(tokens[last].text)) break;
      if (isNameToken(next, lex, headline) && adjacentOnLine(text, tokens[last], next)) {
        last++;
        continue;
      }
      const after = tokens[last + 2];
      // "St. Petersburg", "Mr. Smith": an abbreviation's period inside a name.
      if (next.text === '.' && next.start === tokens[last].end && lex.abbreviations.has(tokens[last].text.toLowerCase()) && after && isNameToken(after, lex, headline) && !taken[last + 2]) {
        last += 2;
        continue;
      }
      if (next.kind === 'word' && lex.nameConnectors.has(next.text) && after && !taken[last + 2] && isNameToken(after, lex, headline) && adjacentOnLine(text, tokens[last], next) && adjacentOnLine(text, next, after)) {
        last += 2;
        continue;
      }
      break;
    }
    splitRun(tokens, i, last, lex, headline, out);
    i = last + 1;
  }
  return out;
}

function adjacentOnLine(text: string, a: Token, b: Token): boolean {
  for (let k = a.end; k < b.start; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return false;
  }
  return b.start - a.end <= 2;
}

function isHeadline(tokens: Token[]): boolean {
  let words = 0;
  let caps = 0;
  for (const t of tokens) {
    if (t.kind !== 'word' || t.text.length < 2) continue;
    words++;
    if (isAllCaps(t.text)) caps++;
  }
  return words >= 3 && caps / words > 0.6;
}

function isNameToken(tok: Token, lex: Lexicon, headline: boolean): boolean {
  if (tok.kind === 'number') return false;
  if (tok.kind !== 'word') return tok.text === '&';
  if (!isUpperStart(tok.text)) return false;
  if (/[-‐‑][a-z]/.test(tok.text)) return false; // "US-led", "Moscow-based"
  if (headline && isAllCaps(tok.text)) {
    const tc = titleCase(stripPossessive(tok.text));
    return tok.text.length <= 4 || lex.wordVotes.has(tc) || lex.names.has(tc.toLowerCase());
  }
  return true;
}

function lowerKey(tokens: Token[], first: number, last: number): string {
  let s = '';
  for (let k = first; k <= last; k++) {
    const w = k === last ? stripPossessive(tokens[k].text) : tokens[k].text;
    s += (k > first ? ' ' : '') + w.toLowerCase().replace(/’/g, "'");
  }
  return s;
}

/** Splits a capitalised run at titles and gazetteer names, and types each part. */
function splitRun(tokens: Token[], first: number, last: number, lex: Lexicon, headline: boolean, out: NameMatch[]): void {
  // A trailing connector or ampersand is never part of a name.
  while (last >= first && (tokens[last].kind !== 'word' || lex.nameConnectors.has(tokens[last].text))) last--;
  // Sentence-initial and lone common words ("The", "However", "Why") are not names.
  while (first <= last && isCommonWord(tokens, first, lex, headline)) first++;
  if (first > last) return;

  // Titles: "Russian President Vladimir Putin", "Defense Minister Sergei Shoigu".
  let titleEnd = -1;
  for (let k = first; k < last; k++) {
    const w = tokens[k].text.toLowerCase();
    if (lex.headTitles.has(w)) titleEnd = k;
    else if (!lex.personTitles.has(w) && !isNationalityOrPlace(lookup(lex, tokens, k, k)) && !(k > first && isNationalityOrPlace(lookup(lex, tokens, first, k)))) break;
  }
  if (titleEnd >= 0 && titleEnd < last && !lex.orgHeads.has(tokens[last].text.toLowerCase())) {
    emitNationalities(tokens, first, titleEnd, lex, out);
    emit(tokens, titleEnd + 1, last, 'person', true, out);
    return;
  }
  // A lone title ("President", "Minister") is never a person on its own.
  if (first === last && lex.personTitles.has(tokens[first].text.toLowerCase()) && !lex.wordVotes.get(tokens[first].text)) return;

  // Known names inside a longer run: greedy longest match from the left.
  const known = lookup(lex, tokens, first, last);
  if (known) {
    emit(tokens, first, last, known, false, out);
    return;
  }
  // "Bosnia and Herzegovina" is known as a whole; any other run with "and" is a list: split it.
  for (let k = first + 1; k < last; k++) {
    if (tokens[k].text === 'and' || tokens[k].text === '&') {
      splitRun(tokens, first, k - 1, lex, headline, out);
      splitRun(tokens, k + 1, last, lex, headline, out);
      return;
    }
  }
  // A leading nationality before a non-organisation name: "Russian Vladimir Putin" → split.
  const firstKnown = lookup(lex, tokens, first, first);
  if (firstKnown === 'nationality' && first < last) {
    const rest = typeRun(tokens, first + 1, last, lex, headline);
    if (rest !== 'organization' && rest !== 'event') {
      emit(tokens, first, first, 'nationality', false, out);
      emit(tokens, first + 1, last, rest ?? 'person', false, out);
      return;
    }
  }
  const type = typeRun(tokens, first, last, lex, headline);
  if (type) emit(tokens, first, last, type, false, out);
}

function isCommonWord(tokens: Token[], k: number, lex: Lexicon, headline: boolean): boolean {
  const tok = tokens[k];
  const lower = tok.text.toLowerCase();
  if (lex.notEntities.has(lower)) return true;
  if (lex.nameConnectors.has(tok.text)) return true;
  const sentenceInitial = k === 0 || /^[“"'‘(\-—:]$/.test(tokens[k - 1].text);
  if (!sentenceInitial && !headline) return false;
  if (lex.names.has(lower)) return false;
  const votes = lex.wordVotes.get(headline ? titleCase(tok.text) : tok.text);
  if (votes) return votes[4] > votes[0] + votes[1] + votes[2] + votes[3];
  if (lex.common.has(lower)) return true;
  // An unknown sentence-initial word shaped like a verb or adverb ("Convincing", "Meanwhile") is not a name.
  return (k + 1 >= tokens.length || !isUpperStart(tokens[k + 1].text)) && /(?:ing|ly|ed|ever|while)$/.test(lower);
}

function isNationalityOrPlace(type: EntityType | undefined): boolean {
  return type === 'nationality' || type === 'place';
}

/** The gazetteer type of tokens[first..last]. Acronyms match only when written in capitals ("UN", not "Un"). */
function lookup(lex: Lexicon, tokens: Token[], first: number, last: number): EntityType | undefined {
  if (first === last && isAllCaps(tokens[first].text)) return lex.acronyms.get(stripPossessive(tokens[first].text)) ?? lex.names.get(lowerKey(tokens, first, last));
  return lex.names.get(lowerKey(tokens, first, last));
}

/** Emits the nationalities and places written before a title ("US President", "Russian Defense Minister"). */
function emitNationalities(tokens: Token[], first: number, last: number, lex: Lexicon, out: NameMatch[]): void {
  for (let k = first; k <= last; k++) {
    for (let e = Math.min(last, k + 2); e >= k; e--) {
      const type = lookup(lex, tokens, k, e);
      if (isNationalityOrPlace(type)) {
        emit(tokens, k, e, type as EntityType, false, out);
        k = e;
        break;
      }
    }
  }
}

/** Types a run that is not a known name as a whole; undefined when it is probably not a name. */
function typeRun(tokens: Token[], first: number, last: number, lex: Lexicon, headline: boolean): EntityType | undefined {
  const lastWord = stripPossessive(tokens[last].text).toLowerCase();
  const length = last - first + 1;
  if (lex.orgHeads.has(lastWord)) return 'organization';
  if (length > 1 && lex.eventHeads.has(lastWord)) return 'event';
  if (length > 1 && lex.placeHeads.has(lastWord)) return 'place';
  // Context: a title or an honorific right before.
  const prev = tokens[first - 1]?.text.toLowerCase() ?? '';
  if (lex.headTitles.has(prev) || lex.personTitles.has(prev)) return 'person';
  // Statistics of each word in news text.
  const votes = [0, 0, 0, 0, 0];
  let unknown = 0;
  for (let k = first; k <= last; k++) {
    const w = stripPossessive(tokens[k].text);
    if (lex.nameConnectors.has(w)) continue;
    const v = lex.wordVotes.get(headline ? titleCase(w) : w) ?? lex.wordVotes.get(titleCase(w));
    const known = isAllCaps(w) ? lex.acronyms.get(w) : lex.names.get(w.toLowerCase());
    if (known === 'person') votes[0] += 3;
    else if (known === 'organization') votes[1] += 3;
    else if (known === 'place') votes[2] += 3;
    if (v) {
      const total = v[0] + v[1] + v[2] + v[3] + v[4];
      for (let t = 0; t < 5; t++) votes[t] += v[t] / total;
    } else if (!known) unknown++;
  }
  if (isAllCaps(tokens[first].text) && length === 1 && tokens[first].text.length <= 5 && !votes.some((v) => v > 0)) return 'organization';
  // Unknown capitalised words in a run of two or three are most often a person's name.
  if (unknown === length) {
    if (prev === 'the') return 'organization';
    if (lex.placePrepositions.has(prev) && length === 1) return 'place';
    return 'person';
  }
  const after = tokens[last + 1]?.text.toLowerCase() ?? '';
  if (lex.reportingVerbs.has(after)) votes[0] += 0.5;
  if (lex.placePrepositions.has(prev)) votes[2] += 0.3;
  if (prev === 'the') votes[1] += 0.3;
  let best = 0;
  for (let t = 1; t < 5; t++) if (votes[t] > votes[best]) best = t;
  if (best === 4) return length > 1 && votes[4] < (votes[0] + votes[1] + votes[2] + votes[3]) * 2 ? 'person' : undefined;
  if (best === 3) {
    return lex.names.get(stripPossessive(tokens[first].text).toLowerCase()) === 'nationality' && length === 1 ? 'nationality' : length > 1 && lex.eventHeads.has(lastWord) ? 'event' : undefined;
  }
  return (['person', 'organization', 'place'] as const)[best];
}

function emit(tokens: Token[], first: number, last: number, type: EntityType, titled: boolean, out: NameMatch[]): void {
  const end = APOSTROPHE_S.test(tokens[last].text) ? tokens[last].end - 2 : tokens[last].end;
  out.push({ first, last, start: tokens[first].start, end, type, titled });
}
