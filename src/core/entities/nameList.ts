// A list of names with their type, matched longest-first over a sentence (see features.nameListTags).
// Names are stored as a trie over word numbers, so that matching a sentence compares numbers, never builds
// or hashes the strings of multi-word candidates.

/**
 * Lower-case names (tokens joined by spaces) with their type: the gazetteers, and the names seen labelled
 * in the training text (data/names.json, written by `npm run train`; training builds each half's list from
 * the other half, so that the model learns how far such a list can be trusted on names it has not seen).
 */
export interface NameList {
  /** The whole name → its type. */
  phrases: Map<string, string>;
  /** Number of every word that occurs in a name (-1 or absent: in none). */
  wordIds: Map<string, number>;
  /** Trie edges: node * WORD_SPAN + word number → child node. Node 0 is the root. */
  edges: Map<number, number>;
  /** Type of the name that ends at each node ('' when none does). */
  nodeType: string[];
  /** Whether any longer name continues from each node. */
  nodeHasChildren: Uint8Array;
  /** Longest name in tokens (at most six are looked for). */
  maxTokens: number;
}

/** Word numbers stay below this, so that an edge key is exact in a double. */
export const WORD_SPAN = 1 << 22;

export function nameList(entries: Iterable<[string, string]>): NameList {
  const phrases = new Map<string, string>();
  const wordIds = new Map<string, number>();
  const edges = new Map<number, number>();
  const nodeType: string[] = [''];
  const children: number[] = [0];
  let maxTokens = 1;
  for (const [phrase, type] of entries) {
    phrases.set(phrase, type);
    const words = phrase.split(' ');
    if (words.length > 6) continue;
    maxTokens = Math.max(maxTokens, words.length);
    let node = 0;
    for (const word of words) {
      let id = wordIds.get(word);
      if (id === undefined) {
        id = wordIds.size;
        if (id >= WORD_SPAN) throw new Error('name list has too many distinct words');
        wordIds.set(word, id);
      }
      const key = node * WORD_SPAN + id;
      let next = edges.get(key);
      if (next === undefined) {
        next = nodeType.length;
        nodeType.push('');
        children.push(0);
        edges.set(key, next);
        children[node]++;
      }
      node = next;
    }
    // A later entry of the same name wins, as in `phrases`.
    nodeType[node] = type;
  }
  return { phrases, wordIds, edges, nodeType, nodeHasChildren: Uint8Array.from(children, (c) => (c > 0 ? 1 : 0)), maxTokens };
}

/** The trie node reached from `node` by word number `id` (-1 for none; ids below 0 never match). */
export function nameListStep(list: NameList, node: number, id: number): number {
  if (id < 0) return -1;
  return list.edges.get(node * WORD_SPAN + id) ?? -1;
}
