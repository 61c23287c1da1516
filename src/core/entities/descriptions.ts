// Role descriptions that point back to a person the document introduced with that role:
// "Russian President Vladimir Putin … the Russian leader" → Putin; "North Korean leader Kim Jong Un …
// the North Korean dictator" → Kim. Found after resolution, as references rather than mentions: they
// are not names (the CoNLL convention the entity scores follow), but a reader wants them linked.
import type { Lexicon } from '../lexicon';
import type { Token } from '../text/segment';
import type { Mention, Reference } from '../types';

/** Role nouns that describe a person. "leader" stands for any head role. */
const HEAD_ROLES = new Set(['president', 'leader', 'dictator', 'premier', 'chancellor', 'king', 'queen', 'emperor', 'ruler', 'prime', 'autocrat', 'strongman']);
const ROLES = new Set([...HEAD_ROLES, 'minister', 'general', 'spokesman', 'spokeswoman', 'ambassador', 'governor', 'mayor', 'senator', 'chairman', 'secretary', 'commander', 'envoy']);

interface Descriptor {
  entity: string;
  roles: Set<string>;
  nationalities: Set<string>;
  /** Offset of the person's latest mention, to prefer the one the text spoke of last. */
  lastSeen: number;
}

/**
 * @param sentences tokens of each sentence; @param perSentence indexes into `mentions` per sentence.
 */
export function findReferences(text: string, sentences: Token[][], mentions: Mention[], perSentence: number[][], lex: Lexicon): Reference[] {
  const descriptors = new Map<string, Descriptor>();
  const references: Reference[] = [];
  sentences.forEach((tokens, si) => {
    const inSentence = perSentence[si].map((i) => mentions[i]);
    // Lookups by offset, so that a very long sentence (a 5 MB line) stays linear.
    const startsAt = new Map<number, Mention>();
    const endsAt = new Map<number, Mention>();
    for (const m of inSentence) {
      startsAt.set(m.start, m);
      endsAt.set(m.end, m);
    }
    // Descriptions in this sentence refer to people introduced before them.
    for (let i = 0; i + 1 < tokens.length; i++) {
      const word = tokens[i].text;
      if (word.length !== 3 || word.toLowerCase() !== 'the') continue;
      let k = i + 1;
      let nationality: string | undefined;
      const starting = startsAt.get(tokens[k].start);
      const nat = starting && (starting.type === 'nationality' || starting.type === 'place') ? starting : undefined;
      if (nat) {
        nationality = nat.text.toLowerCase();
        while (k < tokens.length && tokens[k].end <= nat.end) k++;
      }
      const role = tokens[k]?.text.toLowerCase();
      if (!role || !ROLES.has(role)) continue;
      // "the Russian President Vladimir Putin" is a title before a name, not a description; "the leader of
      // North Korea" names whose leader in words this does not read.
      const next = tokens[k + 1];
      if (next && startsAt.get(next.start)?.type === 'person') continue;
      if (next && next.text.toLowerCase() === 'of') continue;
      const match = resolve(descriptors, role, nationality, tokens[i].start);
      if (match) {
        const start = tokens[i + 1].start;
        const end = tokens[k].end;
        references.push({ start, end, text: text.slice(start, end), entity: match });
      }
    }
    for (const m of inSentence) if (m.type === 'person') describe(m, tokens, tokenIndexAt(tokens, m.start), endsAt, descriptors, lex);
  });
  return references;
}

/** Index of the token that starts at `offset` (binary search: tokens are in text order), -1 for none. */
function tokenIndexAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = tokens[mid].start;
    if (start === offset) return mid;
    if (start < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Records the titles and nationality written just before a person's mention. */
function describe(m: Mention, tokens: Token[], at: number, endsAt: Map<number, Mention>, descriptors: Map<string, Descriptor>, lex: Lexicon): void {
  let d = descriptors.get(m.entity);
  if (!d) {
    d = { entity: m.entity, roles: new Set(), nationalities: new Set(), lastSeen: m.start };
    descriptors.set(m.entity, d);
  }
  d.lastSeen = m.start;
  let k = at - 1;
  while (k >= 0) {
    const word = tokens[k].text.toLowerCase();
    if (lex.personTitles.has(word)) {
      if (ROLES.has(word)) d.roles.add(word);
      k--;
      continue;
    }
    const ending = endsAt.get(tokens[k].end);
    const nat = ending && (ending.type === 'nationality' || ending.type === 'place') ? ending : undefined;
    if (!nat) break;
    d.nationalities.add(nat.text.toLowerCase());
    while (k >= 0 && tokens[k].start >= nat.start) k--;
  }
}

/**
 * The person a description refers to: with a nationality, the latest one introduced with it and the role;
 * without one ("the president"), only when a single person of the document fits.
 */
function resolve(descriptors: Map<string, Descriptor>, role: string, nationality: string | undefined, at: number): string | undefined {
  const fits = [...descriptors.values()].filter((d) => {
    if (d.lastSeen > at) return false;
    const roleFits = d.roles.has(role) || (role === 'leader' && [...d.roles].some((r) => HEAD_ROLES.has(r)));
    return roleFits && (!nationality || d.nationalities.has(nationality));
  });
  if (!nationality && fits.length !== 1) return undefined;
  fits.sort((a, b) => b.lastSeen - a.lastSeen);
  return fits[0]?.entity;
}
