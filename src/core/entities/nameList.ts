// A list of names with their type, matched longest-first over a sentence (see features.nameListTags).

/**
 * Lower-case names (tokens joined by spaces) with their type: the gazetteers, and the names seen labelled
 * in the training text (data/names.json, written by `npm run train`; training builds each half's list from
 * the other half, so that the model learns how far such a list can be trusted on names it has not seen).
 */
export interface NameList {
  phrases: Map<string, string>;
  /** Every proper prefix of a multi-word name, so that matching stops as soon as nothing can follow. */
  prefixes: Set<string>;
  /** Longest name in tokens (at most six are looked for). */
  maxTokens: number;
}

export function nameList(entries: Iterable<[string, string]>): NameList {
  const phrases = new Map<string, string>();
  const prefixes = new Set<string>();
  let maxTokens = 1;
  for (const [phrase, type] of entries) {
    phrases.set(phrase, type);
    const words = phrase.split(' ');
    maxTokens = Math.max(maxTokens, Math.min(words.length, 6));
    for (let k = 1; k < words.length; k++) prefixes.add(words.slice(0, k).join(' '));
  }
  return { phrases, prefixes, maxTokens };
}
