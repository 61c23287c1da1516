// Merges one document's mentions into document entities: "Vladimir Putin", "Putin" and "President Putin"
// become one person; "Kim" alone joins the Kim the document talks about most; acronyms join their long form.
import { WORD, type Lexicon } from '../lexicon';
import type { DocumentEntity, EntityType, Mention } from '../types';
import { formatValue } from '../values/values';
import { acronymOf, isAcronym, nameTokens, normalizeName, tokensContained } from './names';

interface Draft {
  key: string;
  type: EntityType;
  tokens: string[];
  surfaces: Map<string, number>;
  mentions: number[];
  lastSeen: number;
}

/** Drafts indexed by each name token and by acronym: the only ones a short form can join. */
class DraftIndex {
  private readonly byToken = new Map<string, Draft[]>();
  /** Acronym keys are only worth computing when the document writes some name in capitals. */
  constructor(private readonly withAcronyms: boolean) {}
  add(d: Draft): void {
    const keys = new Set(d.tokens);
    if (this.withAcronyms && d.tokens.length > 1) keys.add(`#${acronymOf(d.tokens.join(' '))}`);
    for (const k of keys) {
      const list = this.byToken.get(k) ?? [];
      list.push(d);
      this.byToken.set(k, list);
    }
  }
  candidates(m: Mention, tokens: string[]): Draft[] {
    if (isAcronym(m.text)) return this.byToken.get(`#${normalizeName(m.text).replace(/ /g, '')}`) ?? [];
    return tokens.length ? (this.byToken.get(tokens[0]) ?? []) : [];
  }
}

export function resolveEntities(mentions: Mention[], lex: Lexicon): DocumentEntity[] {
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  const index = new DraftIndex(mentions.some((m) => isAcronym(m.text)));
  // Each surface string is normalised once per document.
  const normalized = mentions.map((m) => normalizeName(m.text));
  retypeByDocumentMemory(mentions, normalized);

  // Longer names first, so that a later short form finds its full name even when it came first.
  const tokenLists = normalized.map((n) => (n ? n.split(' ') : []));
  // How often each word stands alone as a place: a place it mostly is, not a person's mistyped surname.
  const alonePlaces = new Map<string, number>();
  mentions.forEach((m, i) => {
    if (m.type === 'place' && tokenLists[i].length === 1) alonePlaces.set(normalized[i], (alonePlaces.get(normalized[i]) ?? 0) + 1);
  });
  const order = longestFirst(tokenLists);
  for (const position of order) {
    const m = mentions[position];
    let draft: Draft | undefined;
    let key: string;
    if ((m.type === 'date' || m.type === 'quantity')) {
      key = `${m.type}:${m.value ? formatValue(m.value) : normalized[position]}`;
      draft = byKey.get(key);
    } else {
      const canonicalPlace = m.type === 'place' ? lex.countryAliases.get(m.text.toLowerCase().replace(/’/g, "'")) : undefined;
      const tokens = canonicalPlace ? nameTokens(canonicalPlace) : tokenLists[position];
      key = `${m.type}:${tokens.join(' ')}`;
      draft = byKey.get(key) ?? findContaining(index.candidates(m, tokens), m, tokens, position, lex, alonePlaces);
      if (!draft) {
        draft = { key, type: m.type, tokens, surfaces: new Map(), mentions: [], lastSeen: position };
        drafts.push(draft);
        byKey.set(key, draft);
        index.add(draft);
      }
    }
    if (!draft) {
      draft = { key, type: m.type, tokens: [], surfaces: new Map(), mentions: [], lastSeen: position };
      drafts.push(draft);
      byKey.set(key, draft);
    }
    draft.mentions.push(position);
    draft.surfaces.set(m.text, (draft.surfaces.get(m.text) ?? 0) + 1);
    draft.lastSeen = Math.max(draft.lastSeen, position);
    m.entity = draft.key;
  }

  return drafts
    .map((d) => {
      d.mentions.sort((a, b) => a - b);
      const aliases = [...d.surfaces.keys()];
      const name = canonicalName(d, aliases, lex);
      const country = d.type === 'nationality' ? lex.nationalityCountries.get(name.toLowerCase()) : undefined;
      return { key: d.key, name, type: d.type, aliases, mentions: d.mentions, ...(country ? { country } : {}) };
    })
    .sort((a, b) => a.mentions[0] - b.mentions[0]);
}

/** Mention indexes, most tokens first, in text order among equals: a counting sort (names are a few tokens long). */
function longestFirst(tokenLists: readonly string[][]): number[] {
  let longest = 0;
  for (const t of tokenLists) if (t.length > longest) longest = t.length;
  const starts = new Array<number>(longest + 2).fill(0);
  for (const t of tokenLists) starts[longest - t.length + 1]++;
  for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
  const order = new Array<number>(tokenLists.length);
  tokenLists.forEach((t, i) => (order[starts[longest - t.length]++] = i));
  return order;
}

/** A short form ("Putin", "Kim", "NATO") joins the entity whose longer name contains it. */
function findContaining(drafts: readonly Draft[], m: Mention, tokens: string[], index: number, lex: Lexicon, alonePlaces: ReadonlyMap<string, number>): Draft | undefined {
  let best: Draft | undefined;
  // Any name but a known place may be a person's surname the labeller mistyped ("Why is Putin flying…" taken
  // for a place); "Washington" or "Jordan" stay places beside George Washington or Michael Jordan.
  const surname = m.type !== 'place' || (tokens.length === 1 && lex.names.get(tokens[0]) !== 'place');
  for (const d of drafts) {
    if (d.type !== m.type && !(d.type === 'person' && surname)) continue;
    if (d.tokens.length <= tokens.length && !(isAcronym(m.text) && d.tokens.length > 1)) continue;
    // Only people are named by part of their name ("Ukraine" is not the "Prize of Ukraine"), and teams and
    // companies by the last word of theirs when it is not a generic head ("Colts", not "Bank").
    const head = d.type === 'organization' && m.type === 'organization' && tokens.length === 1 && d.tokens[d.tokens.length - 1] === tokens[0] && ((lex.wordFlags.get(tokens[0]) ?? 0) & WORD.orgHead) === 0;
    // An acronym is never a person's surname ("UN" is not Kim Jong Un).
    // A word taken for a place is a person only as the person's surname ("Putin" of Vladimir Putin), and only
    // where the document names the person at least as often as it writes the word alone.
    const asPerson = m.type === 'place' ? d.tokens[d.tokens.length - 1] === tokens[0] && d.mentions.length >= (alonePlaces.get(tokens[0]) ?? 0) : tokensContained(tokens, d.tokens);
    const contained = (d.type === 'person' && !isAcronym(m.text) && asPerson) || head;
    const acronym = isAcronym(m.text) && acronymOf(d.tokens.join(' ')) === normalizeName(m.text).replace(/ /g, '');
    if (!contained && !acronym) continue;
    // Among several candidates ("Kim" → Kim Jong Un or Kim Jong Il) prefer the most mentioned, then the nearest.
    if (!best || d.mentions.length > best.mentions.length || (d.mentions.length === best.mentions.length && Math.abs(d.lastSeen - index) < Math.abs(best.lastSeen - index))) best = d;
  }
  if (best && best.type !== m.type) m.type = best.type;
  return best;
}

/** The same surface string gets the type most of its mentions have in this document. */
function retypeByDocumentMemory(mentions: Mention[], normalized: string[]): void {
  const votes = new Map<string, Map<EntityType, number>>();
  for (const [i, m] of mentions.entries()) {
    if (m.type === 'date' || m.type === 'quantity') continue;
    const key = normalized[i];
    const v = votes.get(key) ?? new Map<EntityType, number>();
    v.set(m.type, (v.get(m.type) ?? 0) + 1);
    votes.set(key, v);
  }
  for (const [i, m] of mentions.entries()) {
    if (m.type === 'date' || m.type === 'quantity' || m.type === 'nationality') continue;
    const v = votes.get(normalized[i]);
    if (!v || v.size < 2) continue;
    let best: EntityType = m.type;
    for (const [t, n] of v) if (n > (v.get(best) ?? 0) && t !== 'nationality') best = t;
    m.type = best;
  }
}

function canonicalName(d: Draft, aliases: string[], lex: Lexicon): string {
  if (d.type === 'place') {
    for (const a of aliases) {
      const country = lex.countryAliases.get(a.toLowerCase().replace(/’/g, "'"));
      if (country) return country;
    }
  }
  if (aliases.length === 1) return aliases[0].replace(/['’]s$/, '');
  // The longest written form that is not an acronym; ties go to the most frequent.
  const lengths = new Map(aliases.map((a) => [a, nameTokens(a).length]));
  let best = aliases[0];
  for (const a of aliases) {
    const la = lengths.get(a) as number;
    const lb = lengths.get(best) as number;
    const better = (isAcronym(best) && !isAcronym(a)) || la > lb || (la === lb && (d.surfaces.get(a) ?? 0) > (d.surfaces.get(best) ?? 0));
    if (better && !(isAcronym(a) && !isAcronym(best))) best = a;
  }
  return best.replace(/['’]s$/, '');
}
