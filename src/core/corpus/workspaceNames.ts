// The one-word names a workspace labels, given back to each document's analysis (analyzeText's knownNames),
// and a cheap test of whether a document could gain any of them, so that the second pass of a scan only
// analyses again the documents it can change.
import type { Span } from '../types';

/**
 * True when the text holds one of the names, as a whole word (in capitals too: "COLTS"), where none of the
 * document's mentions lies: only then can analysing it again with the names find more. Errs on the side of true.
 */
export function mayFindKnownNames(text: string, mentions: readonly Span[], names: ReadonlyMap<string, unknown>): boolean {
  if (names.size === 0) return false;
  const covered = mentions.map((m) => [m.start, m.end] as const).sort((a, b) => a[0] - b[0]);
  let k = 0;
  for (const match of text.matchAll(/\p{Lu}[\p{L}\p{M}'’-]*/gu)) {
    const word = match[0];
    const asName = word.length >= 3 && /^\p{Lu}+$/u.test(word) ? word[0] + word.slice(1).toLowerCase() : word;
    if (!names.has(word) && !names.has(word.replace(/['’]s$/, '')) && !names.has(asName)) continue;
    const at = match.index ?? 0;
    while (k < covered.length && covered[k][1] <= at) k++;
    if (k < covered.length && covered[k][0] <= at) continue;
    return true;
  }
  return false;
}
