// One document's text → DocumentAnalysis: segment, find values and names, resolve entities, detect claims.
import { detectClaim, type SentenceInput } from './claims/claims';
import { findReferences } from './entities/descriptions';
import { buildDocumentMemory } from './entities/features';
import { recognizeNames } from './entities/labeller';
import { loadModel } from './entities/model';
import { resolveEntities } from './entities/resolve';
import { getLexicon } from './lexicon';
import { splitSentences, tokenize, type Token } from './text/segment';
import type { Claim, DocumentAnalysis, Mention } from './types';
import { findValues } from './values/values';

export interface AnalyzeOptions {
  /** The date the document was written (ISO), when known from outside; otherwise read from the text. */
  documentDate?: string;
}

export function analyzeText(text: string, options: AnalyzeOptions = {}): DocumentAnalysis {
  const lex = getLexicon();
  const sentenceSpans = splitSentences(text, lex.abbreviations);
  const sentenceTokens: Token[][] = sentenceSpans.map((s) => tokenize(text, s.start, s.end));
  const documentDate = options.documentDate ?? findDocumentDate(sentenceTokens);

  const model = loadModel();
  const memory = buildDocumentMemory(sentenceTokens);
  const mentions: Mention[] = [];
  const perSentence: number[][] = [];
  for (const tokens of sentenceTokens) {
    const before = mentions.length;
    const taken = new Uint8Array(tokens.length);
    for (const v of findValues(tokens, lex, documentDate)) {
      for (let k = v.first; k <= v.last; k++) taken[k] = 1;
      const start = tokens[v.first].start;
      const end = tokens[v.last].end;
      mentions.push({ start, end, text: text.slice(start, end), type: v.type, entity: '', ...(v.value ? { value: v.value } : {}) });
    }
    for (const n of recognizeNames(model, tokens, taken, memory, lex)) {
      mentions.push({ start: n.start, end: n.end, text: text.slice(n.start, n.end), type: n.type, entity: '' });
    }
    const added = mentions.slice(before).sort((a, b) => a.start - b.start);
    mentions.splice(before, added.length, ...added);
    perSentence.push(added.map((_, k) => before + k));
  }
  const documentEntities = resolveEntities(mentions, lex);
  const references = findReferences(text, sentenceTokens, mentions, perSentence, lex);

  const claims: Claim[] = [];
  let lastPerson: string | undefined;
  sentenceSpans.forEach((s, i) => {
    const input: SentenceInput = { start: s.start, end: s.end, tokens: sentenceTokens[i], mentionIndexes: perSentence[i] };
    const claim = detectClaim(input, mentions, text, lex, lastPerson);
    if (claim) {
      // A source written as a description ("the Russian leader said") is the person it describes, not
      // the nationality inside the description.
      const source = claim.source;
      if (source && (!source.entity || source.entity.startsWith('nationality:'))) {
        const ref = references.find((r) => r.start < source.end && source.start < r.end);
        if (ref) claim.source = { ...source, entity: ref.entity };
      }
      claims.push(claim);
    }
    for (const mi of perSentence[i]) if (mentions[mi].type === 'person') lastPerson = mentions[mi].entity;
  });

  return {
    length: text.length,
    sentences: sentenceSpans,
    entities: mentions,
    documentEntities,
    references,
    claims,
    ...(documentDate ? { documentDate } : {}),
  };
}

/** The first full date (day, month, year) among the first sentences: usually the dateline. */
function findDocumentDate(sentenceTokens: Token[][]): string | undefined {
  const lex = getLexicon();
  for (const tokens of sentenceTokens.slice(0, 12)) {
    for (const v of findValues(tokens, lex)) {
      if (v.type === 'date' && v.value?.kind === 'date' && v.value.precision === 'day') return v.value.iso;
    }
  }
  return undefined;
}
