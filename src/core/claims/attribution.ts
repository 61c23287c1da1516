// Finds who a sentence's statement is attributed to: "X said", "said X", "according to X",
// and chains ("a Bloomberg report, citing the Defense Ministry, indicates …").
import type { Lexicon } from '../lexicon';
import type { Token } from '../text/segment';
import type { Attribution, Mention, Span } from '../types';

// Verbs that introduce reported speech when they follow or precede their source. A narrower list than the
// lexicon's reporting verbs: nouns such as "reports" or "claims" would otherwise be taken for cues.
const CUE_VERBS = new Set([
  'said', 'says', 'told', 'tells', 'reported', 'announced', 'announces', 'stated', 'states', 'claimed', 'added', 'adds', 'noted', 'notes',
  'warned', 'warns', 'argued', 'argues', 'insisted', 'insists', 'explained', 'explains', 'wrote', 'writes', 'confirmed', 'confirms', 'denied',
  'denies', 'declared', 'declares', 'acknowledged', 'acknowledges', 'admitted', 'admits', 'alleged', 'alleges', 'asserted', 'asserts',
  'estimated', 'estimates', 'predicted', 'predicts', 'suggested', 'indicated', 'indicates', 'revealed', 'reveals', 'described', 'urged',
  'promised', 'vowed', 'recalled', 'emphasized', 'emphasised', 'stressed', 'concluded', 'commented', 'replied', 'responded', 'believes',
  'thinks', 'cautioned', 'conceded', 'countered', 'maintained', 'observed', 'pointed', 'remarked', 'reiterated', 'testified',
]);
// Adverbs and auxiliaries that may sit between a source and its cue ("the Kremlin has also duly confirmed").
const SKIPPABLE = new Set([
  'also', 'has', 'have', 'had', 'was', 'is', 'later', 'previously', 'recently', 'once', 'then', 'again', 'publicly', 'repeatedly', 'reportedly',
  'even', 'already', 'just', 'still', 'duly', 'officially', 'initially', 'originally', 'subsequently', 'separately', 'privately', 'openly',
  'firmly', 'strongly', 'flatly', 'categorically', 'angrily', 'bluntly', 'quietly', 'proudly', 'immediately', 'quickly', 'allegedly', 'further',
]);
const NP_STOP = new Set([',', ';', ':', '.', '!', '?', '"', '“', '”', '(', ')', '—', '–']);
const NP_BREAK_WORDS = new Set(['that', 'which', 'who', 'and', 'but', 'because', 'while', 'when', 'as', 'if', 'after', 'before', 'in', 'on', 'at', 'for', 'with', 'to', 'is', 'was', 'are', 'were']);
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i']);
/** Words that open a noun phrase: reading back, the phrase starts there. */
const NP_OPENERS = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'some', 'many', 'its', 'his', 'her', 'their']);

export interface AttributionContext {
  tokens: Token[];
  /** The tokens in lower case. */
  lowered: string[];
  /** For each token, the index of the mention covering it, or -1. */
  mentionAt: Int32Array;
  mentions: Mention[];
  text: string;
  /** Entity key of the last person mentioned before this sentence, for pronoun sources. */
  lastPerson?: string;
}

export function findAttribution(ctx: AttributionContext, lex: Lexicon): Attribution | undefined {
  const { tokens, text } = ctx;
  const lower = (i: number) => ctx.lowered[i] ?? '';
  const direct = tokens.some((t) => t.text === '"' || t.text === '“' || t.text === '”');

  // "according to X"
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (lower(i) === 'according' && lower(i + 1) === 'to') {
      const source = nounPhraseAfter(ctx, i + 2);
      if (source) return { source, cue: span(text, tokens[i].start, tokens[i + 1].end), direct };
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    if (!CUE_VERBS.has(lower(i))) continue;
    const cue = span(text, tokens[i].start, tokens[i].end);
    // Source before the cue: "The Kremlin said", "Vedomosti reported", "he told".
    let b = i - 1;
    while (b >= 0 && SKIPPABLE.has(lower(b))) b--;
    if (b >= 0 && tokens[b].text === ',') {
      // "A Bloomberg report, citing the Defense Ministry, indicates": the source sits before the citing clause.
      const citing = findBack(ctx.lowered, b - 1, 'citing', 14);
      if (citing > 0 && tokens[citing - 1].text === ',') {
        const source = nounPhraseBefore(ctx, citing - 2);
        const original = nounPhraseAfter(ctx, citing + 1);
        if (source) return { source, cue, direct, ...(original ? { originalSource: original } : {}) };
      }
    }
    if (b >= 0 && !NP_STOP.has(tokens[b].text)) {
      const source = nounPhraseBefore(ctx, b);
      if (source) {
        const citingAt = lower(i + 1) === ',' && lower(i + 2) === 'citing' ? i + 3 : -1;
        const original = citingAt > 0 ? nounPhraseAfter(ctx, citingAt) : undefined;
        return { source, cue, direct, ...(original ? { originalSource: original } : {}) };
      }
    }
    // Source after the cue: "…, said Putin", "says political scientist Sergei Markov".
    const source = nounPhraseAfter(ctx, i + 1);
    if (source && (b < 0 || NP_STOP.has(tokens[b].text) || ctx.mentionAt[i + 1] >= 0 || isTitleOrRole(lower(i + 1), lex))) {
      return { source, cue, direct };
    }
  }
  return undefined;
}

function isTitleOrRole(word: string, lex: Lexicon): boolean {
  return lex.personTitles.has(word) || word === 'the' || word === 'a';
}

function findBack(lowered: readonly string[], from: number, word: string, limit: number): number {
  for (let k = from; k >= 0 && from - k < limit; k--) if (lowered[k] === word) return k;
  return -1;
}

function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

/** The noun phrase that ends at token `last`: a mention, a pronoun, or a short phrase back to a determiner. */
function nounPhraseBefore(ctx: AttributionContext, last: number): (Span & { entity?: string }) | undefined {
  const { tokens, lowered, mentionAt, mentions, text } = ctx;
  const w = lowered[last];
  if (mentionAt[last] >= 0) {
    const m = mentions[mentionAt[last]];
    if (m.type === 'date' || m.type === 'quantity') return undefined;
    return { ...span(text, m.start, m.end), entity: m.entity };
  }
  if (PRONOUNS.has(w)) {
    const entity = w === 'he' || w === 'she' ? ctx.lastPerson : undefined;
    return { ...span(text, tokens[last].start, tokens[last].end), ...(entity ? { entity } : {}) };
  }
  if (tokens[last].kind !== 'word' || NP_BREAK_WORDS.has(w)) return undefined;
  let first = last;
  while (first - 1 >= 0 && last - first < 6) {
    const t = tokens[first - 1];
    const lower = lowered[first - 1];
    if (t.kind !== 'word' || NP_BREAK_WORDS.has(lower)) break;
    first--;
    if (NP_OPENERS.has(lower)) break;
  }
  let entity: string | undefined;
  for (let k = last; k >= first; k--) if (mentionAt[k] >= 0) entity ??= mentions[mentionAt[k]].entity;
  return { ...span(text, tokens[first].start, tokens[last].end), ...(entity ? { entity } : {}) };
}

/** The noun phrase that starts at token `first`, up to punctuation or a clause word; its head mention when it has one. */
function nounPhraseAfter(ctx: AttributionContext, first: number): (Span & { entity?: string }) | undefined {
  const { tokens, mentionAt, mentions, text } = ctx;
  if (first >= tokens.length) return undefined;
  let last = first - 1;
  while (last + 1 < tokens.length && last - first < 8) {
    const t = tokens[last + 1];
    if (NP_STOP.has(t.text) || (t.kind === 'word' && NP_BREAK_WORDS.has(ctx.lowered[last + 1]) && mentionAt[last + 1] < 0)) {
      // "political scientist and Putin ally Sergei Markov": one person described twice.
      const named = ctx.lowered[last + 1] === 'and' ? personClosingPhrase(ctx, last + 2) : -1;
      if (named < 0) break;
      last = named;
      break;
    }
    last++;
  }
  if (last < first) return undefined;
  let entity: string | undefined;
  for (let k = first; k <= last; k++) {
    const mi = mentionAt[k];
    if (mi >= 0 && mentions[mi].type !== 'date' && mentions[mi].type !== 'quantity') entity = mentions[mi].entity;
  }
  return { ...span(text, tokens[first].start, tokens[last].end), ...(entity ? { entity } : {}) };
}

/** The last token of a person mention that ends the phrase starting at `from` within a few words, or -1. */
function personClosingPhrase(ctx: AttributionContext, from: number): number {
  const { tokens, mentionAt, mentions } = ctx;
  for (let k = from; k < tokens.length && k - from < 8; k++) {
    if (NP_STOP.has(tokens[k].text)) return -1;
    const mi = mentionAt[k];
    if (mi < 0 || mentions[mi].type !== 'person') continue;
    let end = k;
    while (end + 1 < tokens.length && mentionAt[end + 1] === mi) end++;
    if (end + 1 >= tokens.length || NP_STOP.has(tokens[end + 1].text)) return end;
    k = end;
  }
  return -1;
}
