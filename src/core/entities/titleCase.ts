// Headlines written in Title Case ("Lindsay Lohan Checks Into Betty Ford Center") capitalise every word, so the
// labeller runs names into the words around them ("Lindsay Lohan Checks"). In such a line a name is cut back
// to the names the rest of the document writes, or else at the first ordinary word.
import { WORD, type Lexicon } from '../lexicon';
import type { Token } from '../text/segment';
import type { EntityType, Mention } from '../types';

const NAME_TYPES: ReadonlySet<EntityType> = new Set(['person', 'organization', 'place', 'event']);

/**
 * Most longer words capitalised ("Xxxx", not "XXXX": all-capitals headlines have their own handling), among them
 * ordinary words ("Reverses" as "reverse") and a function word, capitalised ("Into", "For") or, as headlines in
 * news style write them, not ("Sixers Hire Maurice Cheeks as Head Coach"): a Title Case line, not a list of names.
 */
export function isTitleCase(tokens: Token[], lowered: string[], lex: Lexicon): boolean {
  let long = 0;
  let capitalised = 0;
  let ordinary = 0;
  let functionWords = 0;
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'word' || t.text.length < 2 || !isCapitalisedWord(t.text)) {
      if (t.kind === 'word' && t.text.length >= 4) long++;
      else if (t.kind === 'word' && lex.stopwords.has(lowered[k])) functionWords++;
      continue;
    }
    if (lex.stopwords.has(lowered[k])) functionWords++;
    if (t.text.length < 4) continue;
    long++;
    capitalised++;
    if (isOrdinaryForm(lowered[k], lex)) ordinary++;
  }
  return functionWords > 0 && long >= 3 && capitalised >= 0.8 * long && ordinary >= 2;
}

/**
 * An ordinary word, or an inflected form of one ("launches", "reversed", "hiring"): the lists hold the forms the
 * news corpora write often, and a headline's verbs are often others.
 */
export function isOrdinaryForm(word: string, lex: Lexicon): boolean {
  const flags = lex.wordFlags;
  if ((flags.get(word) ?? 0) & WORD.ordinary) return true;
  if (word.length < 5) return false;
  const stem = (s: string) => ((flags.get(s) ?? 0) & WORD.ordinary) !== 0;
  const n = word.length;
  if (word.endsWith('s') && !word.endsWith('ss')) return stem(word.slice(0, n - 1)) || (word.endsWith('es') && stem(word.slice(0, n - 2))) || (word.endsWith('ies') && stem(`${word.slice(0, n - 3)}y`));
  if (word.endsWith('ed')) return stem(word.slice(0, n - 2)) || stem(word.slice(0, n - 1)) || (word.endsWith('ied') && stem(`${word.slice(0, n - 3)}y`));
  if (word.endsWith('ing')) return stem(word.slice(0, n - 3)) || stem(`${word.slice(0, n - 3)}e`);
  return false;
}

/** An upper-case letter followed by a lower-case one: "Into", not "INTO" or "into". */
function isCapitalisedWord(word: string): boolean {
  const a = word.charCodeAt(0);
  const b = word.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 97 && b <= 122;
}

/** Replaces, in Title Case sentences, each name by the known names inside it, or cuts it at its first ordinary word. */
export function trimTitleCaseNames(sentences: Token[][], lowered: string[][], found: Mention[][], text: string, lex: Lexicon): void {
  const titles = sentences.map((tokens, si) => isTitleCase(tokens, lowered[si], lex));
  if (!titles.includes(true)) return;
  // Names as the document's ordinary sentences write them, lower case.
  const known = new Map<string, EntityType>();
  found.forEach((own, si) => {
    if (!titles[si]) for (const m of own) if (NAME_TYPES.has(m.type)) known.set(m.text.toLowerCase(), m.type);
  });
  found.forEach((own, si) => {
    if (!titles[si]) return;
    const tokens = sentences[si];
    const out: Mention[] = [];
    // In text order, so that one pointer finds each mention's first token.
    let first = 0;
    for (const m of [...own].sort((a, b) => a.start - b.start)) {
      if (!NAME_TYPES.has(m.type)) {
        out.push(m);
        continue;
      }
      while (first < tokens.length && tokens[first].start < m.start) first++;
      if (first === tokens.length) {
        out.push(m);
        continue;
      }
      let last = first;
      while (last + 1 < tokens.length && tokens[last + 1].end <= m.end) last++;
      out.push(...trimmed(m, tokens, lowered[si], first, last, known, text, lex));
    }
    found[si] = out;
  });
}

function trimmed(m: Mention, tokens: Token[], lowered: string[], first: number, last: number, known: Map<string, EntityType>, text: string, lex: Lexicon): Mention[] {
  const mention = (a: number, b: number, type: EntityType): Mention => {
    const start = tokens[a].start;
    const end = tokens[b].end;
    return { start, end, text: text.slice(start, end), type, entity: '' };
  };
  if (known.has(m.text.toLowerCase())) return [m];
  // The longest known names inside, left to right.
  const parts: Mention[] = [];
  for (let a = first; a <= last; a++) {
    for (let b = last; b >= a; b--) {
      const type = known.get(text.slice(tokens[a].start, tokens[b].end).toLowerCase());
      if (type) {
        parts.push(mention(a, b, type));
        a = b;
        break;
      }
    }
  }
  if (parts.length) return parts;
  // No known name: the name is the run of words before the first ordinary one ("Microsoft Releases Critical Patch").
  let a = first;
  while (a <= last && isOrdinary(lowered[a], lex)) a++;
  if (a > last) return [];
  let b = a;
  while (b + 1 <= last && !isOrdinary(lowered[b + 1], lex)) b++;
  return a === first && b === last ? [m] : [mention(a, b, m.type)];
}

function isOrdinary(word: string, lex: Lexicon): boolean {
  const flags = lex.wordFlags.get(word) ?? 0;
  return isOrdinaryForm(word, lex) && (flags & (WORD.orgHead | WORD.personTitle)) === 0 && !lex.names.has(word);
}
