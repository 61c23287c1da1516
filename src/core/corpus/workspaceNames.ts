// The one-word names a workspace labels, given back to each document's analysis (analyzeText's knownNames),
// and a cheap test of whether a document could gain any of them, so that the second pass of a scan only
// analyses again the documents it can change.
import type { DocumentEntity, EntityType, Span } from '../types';

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

/** What a document gives each one-word name it writes: word, type, mentions, word, type, mentions… */
export type NamesGiven = readonly (string | number)[];

/** The types that a one-word name can take. */
const NAME_TYPES: ReadonlySet<EntityType> = new Set(['person', 'organization', 'place']);

/**
 * How often the documents write each one-word name with each type (mentions of the entities it names), kept up
 * to date as documents come and go, so that the workspace's names (Corpus.knownNames) need no links.
 */
export class NameVotes {
  /** Document → what it gives each word it writes. */
  private readonly byDocument = new Map<string, NamesGiven>();
  /** Word → type → mentions. */
  private readonly votes = new Map<string, Map<EntityType, number>>();
  private names: Map<string, EntityType> | undefined;

  set(document: string, entities: readonly DocumentEntity[]): void {
    this.setGiven(document, namesGiven(entities));
  }

  /** As set, from what namesGiven made of the document's entities (where the analysis was made). */
  setGiven(document: string, given: NamesGiven): void {
    this.delete(document);
    if (given.length === 0) return;
    this.byDocument.set(document, given);
    this.count(given, 1);
  }

  delete(document: string): void {
    const given = this.byDocument.get(document);
    if (!given) return;
    this.byDocument.delete(document);
    this.count(given, -1);
  }

  clear(): void {
    this.byDocument.clear();
    this.votes.clear();
    this.names = undefined;
  }

  /** Each word with the type of most of its mentions; a word no type has most of is left out. */
  knownNames(): Map<string, EntityType> {
    if (!this.names) {
      this.names = new Map();
      for (const [word, v] of this.votes) {
        const type = dominantType(v);
        if (type) this.names.set(word, type);
      }
    }
    return new Map(this.names);
  }

  private count(given: NamesGiven, sign: 1 | -1): void {
    this.names = undefined;
    for (let i = 0; i < given.length; i += 3) {
      const word = given[i] as string;
      const type = given[i + 1] as EntityType;
      const v = this.votes.get(word) ?? new Map<EntityType, number>();
      const n = (v.get(type) ?? 0) + sign * (given[i + 2] as number);
      if (n > 0) v.set(type, n);
      else v.delete(type);
      if (v.size) this.votes.set(word, v);
      else this.votes.delete(word);
    }
  }
}

/** The one-word names a document's entities write, with their type and mentions: what NameVotes counts. */
export function namesGiven(entities: readonly DocumentEntity[]): NamesGiven {
  const given: (string | number)[] = [];
  for (const e of entities) {
    if (!NAME_TYPES.has(e.type)) continue;
    const words = new Set<string>();
    for (const alias of e.aliases) {
      const cut = alias.lastIndexOf(' ');
      // A person's surname stands for the person; a longer name of anything else is not its last word.
      const word = cut < 0 ? alias : e.type === 'person' ? alias.slice(cut + 1) : undefined;
      // Not the short last parts of names written given-name last ("Un" of Kim Jong Un), nor lower-case words.
      if (word && word.length > 2 && /^\p{Lu}/u.test(word)) words.add(word);
    }
    for (const word of words) given.push(word, e.type, e.mentions.length);
  }
  return given;
}

/** The type with more votes than all the others together, if any. */
function dominantType(votes: ReadonlyMap<EntityType, number>): EntityType | undefined {
  let best: EntityType | undefined;
  let total = 0;
  for (const [type, n] of votes) {
    total += n;
    if (!best || n > (votes.get(best) ?? 0)) best = type;
  }
  return best && 2 * (votes.get(best) ?? 0) > total ? best : undefined;
}
