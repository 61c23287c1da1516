// Headlines written in Title Case ("Lindsay Lohan Checks Into Betty Ford Center") capitalise every word, so the
// labeller runs names into the words around them ("Lindsay Lohan Checks"). In such a line a name is cut back
// to the names the rest of the document writes, or else at the first ordinary word.
import { WORD, type Lexicon } from '../lexicon';
import type { Token } from '../text/segment';
import type { EntityType, Mention } from '../types';

const NAME_TYPES: ReadonlySet<EntityType> = new Set(['person', 'organization', 'place', 'event']);

/**
 * Most longer words capitalised ("Xxxx", not "XXXX": all-capitals headlines have their own handling), among them
 * ordinary words and a capitalised function word ("Into", "For", "With"): a Title Case line, not a list of names.
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
      continue;
    }
    if (lex.stopwords.has(lowered[k])) functionWords++;
    if (t.text.length < 4) continue;
    long++;
    capitalised++;
    if ((lex.wordFlags.get(lowered[k]) ?? 0) & WORD.ordinary) ordinary++;
  }
  return functionWords > 0 && long >= 3 && capitalised >= 0.8 * long && ordinary >= 2;
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
  return (flags & WORD.ordinary) !== 0 && (flags & (WORD.orgHead | WORD.personTitle)) === 0 && !lex.names.has(word);
}
