// Features of each token for the entity labeller: the word, its shape and affixes, its neighbours,
// gazetteer membership, headline casing and what the rest of the document says about the same word.
// Features are 32-bit FNV-1a hashes of (template, strings), computed without building strings.
import type { Lexicon } from '../lexicon';
import type { Token } from '../text/segment';

export const FEATURES_PER_TOKEN = 40;

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

export function hash1(template: number, a: string): number {
  return mix(Math.imul(FNV_OFFSET ^ template, FNV_PRIME), a) >>> 0;
}

export function hash2(template: number, a: string, b: string): number {
  return mix(Math.imul(mix(Math.imul(FNV_OFFSET ^ template, FNV_PRIME), a) ^ 0x1f, FNV_PRIME), b) >>> 0;
}

/** "Putin" → "Xx", "U.S." → "X.X.", "1,000" → "d,d", "Jong-un" → "Xx-x". */
export function shapeOf(word: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    let k: string;
    if (c >= 65 && c <= 90) k = 'X';
    else if (c >= 97 && c <= 122) k = 'x';
    else if (c >= 48 && c <= 57) k = 'd';
    else if (c > 127) {
      const ch = word[i];
      k = ch !== ch.toLowerCase() ? 'X' : ch !== ch.toUpperCase() ? 'x' : ch;
    } else k = word[i];
    if (k !== last) out += k;
    last = k;
  }
  return out;
}

export interface TokenView {
  text: string;
  lower: string;
  shape: string;
  /** Lower case with the possessive kept ("people's"), for gazetteer phrases. */
  full: string;
  /** Gazetteer tag: "LOC-B", "LOC-I", "NAT", "FIRST", … or "". */
  gazetteer: string;
}

/** What the whole document says about a word: capitalised mid-sentence, lower-case, or both. */
export interface DocumentMemory {
  capitalisedInside: Set<string>;
  lowerCase: Set<string>;
}

export function buildDocumentMemory(sentences: Token[][]): DocumentMemory {
  const capitalisedInside = new Set<string>();
  const lowerCase = new Set<string>();
  for (const tokens of sentences) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind !== 'word') continue;
      const c = t.text.charCodeAt(0);
      if (c >= 97 && c <= 122) lowerCase.add(t.text);
      else if (i > 0 && c >= 65 && c <= 90 && tokens[i - 1].kind === 'word') capitalisedInside.add(t.text.toLowerCase());
    }
  }
  return { capitalisedInside, lowerCase };
}

/** Longest gazetteer match over the sentence, as B/I tags per token. */
export function gazetteerTags(views: { full: string }[], lex: Lexicon): string[] {
  const tags = new Array<string>(views.length).fill('');
  const gaz = lex.gazetteer;
  for (let i = 0; i < views.length; i++) {
    let matched = 0;
    let type = '';
    let key = '';
    for (let n = 1; n <= gaz.maxTokens && i + n <= views.length; n++) {
      key = n === 1 ? views[i].full : `${key} ${views[i + n - 1].full}`;
      const t = gaz.phrases.get(key);
      if (t) {
        matched = n;
        type = t;
      }
      if (!gaz.prefixes.has(key)) break;
    }
    if (matched) {
      tags[i] = `${type}-B`;
      for (let k = 1; k < matched; k++) tags[i + k] = `${type}-I`;
      i += matched - 1;
    } else if (gaz.firstNames.has(views[i].full)) tags[i] = 'FIRST';
  }
  return tags;
}

export function viewTokens(tokens: Token[], lex: Lexicon): TokenView[] {
  const views = tokens.map((t) => {
    const full = t.text.toLowerCase().replace(/’/g, "'");
    const possessive = full.length > 2 && full.endsWith("'s");
    const text = possessive ? t.text.slice(0, -2) : t.text;
    return { text, lower: possessive ? full.slice(0, -2) : full, full, shape: shapeOf(t.text), gazetteer: '' };
  });
  const tags = gazetteerTags(views, lex);
  for (let i = 0; i < views.length; i++) views[i].gazetteer = tags[i];
  return views;
}

const PAD: TokenView = { text: '<s>', lower: '<s>', full: '<s>', shape: '<s>', gazetteer: '' };

/**
 * Writes the feature hashes of token i into out[offset..offset+FEATURES_PER_TOKEN) and returns how many
 * it wrote. Unused slots are left as they are; the count tells the caller where they end.
 */
export function tokenFeatures(views: TokenView[], i: number, headline: boolean, memory: DocumentMemory, lex: Lexicon, out: Uint32Array, offset: number): number {
  const v = views[i];
  const p1 = views[i - 1] ?? PAD;
  const p2 = views[i - 2] ?? PAD;
  const n1 = views[i + 1] ?? PAD;
  const n2 = views[i + 2] ?? PAD;
  let k = offset;
  const w = headline ? v.lower : v.text;
  out[k++] = hash1(0, '');
  out[k++] = hash1(1, v.lower);
  out[k++] = hash1(2, w);
  out[k++] = hash1(3, v.shape);
  out[k++] = hash1(4, v.shape.length > 4 ? v.shape.slice(0, 4) : v.shape);
  const lw = v.lower;
  for (let n = 1; n <= 4 && n <= lw.length; n++) {
    out[k++] = hash1(4 + n, lw.slice(0, n));
    out[k++] = hash1(8 + n, lw.slice(-n));
  }
  out[k++] = hash1(13, p1.lower);
  out[k++] = hash1(14, n1.lower);
  out[k++] = hash1(15, p2.lower);
  out[k++] = hash1(16, n2.lower);
  out[k++] = hash1(17, p1.shape);
  out[k++] = hash1(18, n1.shape);
  out[k++] = hash2(19, p1.lower, lw);
  out[k++] = hash2(20, lw, n1.lower);
  out[k++] = hash2(21, p1.shape, v.shape);
  out[k++] = hash2(22, v.shape, n1.shape);
  out[k++] = hash1(23, v.gazetteer);
  out[k++] = hash2(24, p1.gazetteer, v.gazetteer);
  out[k++] = hash2(25, v.gazetteer, n1.gazetteer);
  out[k++] = hash2(26, i === 0 ? 'first' : 'inside', v.shape);
  if (headline) out[k++] = hash1(27, lw);
  const upper = v.shape.charCodeAt(0) === 88; // 'X'
  if (upper) {
    out[k++] = hash2(28, memory.lowerCase.has(lw) ? 'lower-elsewhere' : '-', memory.capitalisedInside.has(lw) ? 'cap-elsewhere' : '-');
    if (lex.common.has(lw)) out[k++] = hash2(29, 'common', i === 0 ? 'first' : 'inside');
  }
  if (lex.personTitles.has(p1.lower)) out[k++] = hash1(30, 'after-title');
  if (lex.orgHeads.has(lw)) out[k++] = hash1(31, 'org-head');
  if (lex.orgHeads.has(n1.lower) && n1.shape.charCodeAt(0) === 88) out[k++] = hash1(32, 'before-org-head');
  if (lex.reportingVerbs.has(n1.lower)) out[k++] = hash1(33, 'before-reporting-verb');
  if (lex.placePrepositions.has(p1.lower)) out[k++] = hash2(34, 'after-place-prep', v.shape);
  out[k++] = hash1(35, v.text.length > 8 ? '9+' : String(v.text.length));
  return k - offset;
}
