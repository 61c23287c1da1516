// "The recent economic forum in St. Petersburg": a named event or organisation written out as a description.
// Its head word ("forum"), its other content words ("economic") and its place are kept, so that the workspace
// can link it to the name another document writes ("St. Petersburg International Economic Forum").
import { WORD, type Lexicon } from '../lexicon';
import type { Token } from '../text/segment';
import type { Mention, NameDescription } from '../types';

/** Words that date or size a description rather than name what it describes. */
const UNNAMING = new Set(['recent', 'annual', 'last', 'latest', 'next', 'upcoming', 'new', 'big', 'major', 'first', 'this', 'year', 'year’s', "year's"]);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'their']);
const LINKS = new Set(['in', 'of', 'at']);

export function findNameDescriptions(sentences: Token[][], lowered: string[][], mentions: Mention[], perSentence: number[][], text: string, lex: Lexicon): NameDescription[] {
  const out: NameDescription[] = [];
  sentences.forEach((tokens, si) => {
    // Mentions and tokens are both in text order: one pointer finds each mention's first token.
    let p = 0;
    for (const mi of perSentence[si]) {
      const place = mentions[mi];
      while (p < tokens.length && tokens[p].start < place.start) p++;
      if (place.type !== 'place' || tokens[p]?.start !== place.start) continue;
      if (p < 3 || !LINKS.has(lowered[si][p - 1])) continue;
      const head = p - 2;
      const headWord = lowered[si][head];
      // A lower-case head ("forum", "ministry"), not part of a name.
      if (tokens[head].text !== headWord || !(lex.eventHeads.has(headWord) || ((lex.wordFlags.get(headWord) ?? 0) & WORD.orgHead))) continue;
      let first = head;
      const words: string[] = [];
      while (first - 1 >= 0 && head - first < 3 && tokens[first - 1].kind === 'word' && tokens[first - 1].text === lowered[si][first - 1] && !DETERMINERS.has(lowered[si][first - 1])) {
        first--;
        if (!UNNAMING.has(lowered[si][first])) words.push(lowered[si][first]);
      }
      if (first - 1 < 0 || !DETERMINERS.has(lowered[si][first - 1])) continue;
      first--;
      const start = tokens[first].start;
      out.push({ start, end: place.end, text: text.slice(start, place.end), head: headWord, words: words.reverse(), place: place.text });
    }
  });
  return out;
}
