// Sentence and word segmentation with exact UTF-16 offsets into the original text.
// Character tests instead of per-token regular expressions: this runs on every byte of every document.
import { internToken, tokenText } from './intern';

export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  start: number;
  end: number;
  text: string;
  kind: TokenKind;
  /** The text's number in the token table (see intern.ts): a key for caches of what a text says. */
  id: number;
}

export interface SentenceSpan {
  start: number;
  end: number;
}

const NON_ASCII_LETTER = /[\p{L}\p{M}]/u;

export function isLetterCode(code: number, text: string, index: number): boolean {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  if (code >= 0xd800 && code <= 0xdfff) return false; // astral letters are rare in news; emoji live here
  return NON_ASCII_LETTER.test(text[index]);
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isSpaceCode(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0xfeff || (code >= 0x2000 && code <= 0x200b) || code === 0x3000;
}

export function isUpperStart(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = word[0];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

function isHyphen(code: number): boolean {
  return code === 45 || code === 0x2010 || code === 0x2011;
}

/** Splits text[from, to) into word, number and punctuation tokens. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  // Set when the text may hold a web address or an e-mail address ("://", "www.", "@").
  let links = false;
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (isSpaceCode(code)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigitCode(code)) {
      i++;
      while (i < to) {
        const c = text.charCodeAt(i);
        if (isDigitCode(c)) i++;
        else if ((c === 44 || c === 46) && i + 1 < to && isDigitCode(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      // "1990s", "5th", "3bn": a number glued to letters stays one token.
      while (i < to && isLetterCode(text.charCodeAt(i), text, i)) i++;
      tokens.push(token(text, start, i, 'number'));
      continue;
    }
    if (isLetterCode(code, text, i)) {
      i++;
      while (i < to) {
        const c = text.charCodeAt(i);
        if (isLetterCode(c, text, i) || isDigitCode(c)) i++;
        else if ((isApostrophe(c) || isHyphen(c)) && i + 1 < to && isLetterOrDigitAt(text, i + 1)) i += 2;
        else if (c === 46 && i + 1 < to && isLetterCode(text.charCodeAt(i + 1), text, i + 1) && i + 2 <= to && (i + 2 === to || text.charCodeAt(i + 2) === 46)) i += 2; // "U.S", "e.g"
        else break;
      }
      // Keep the final period of a dotted abbreviation ("U.S.") with it.
      if (i < to && text.charCodeAt(i) === 46 && text.slice(start, i).includes('.')) i++;
      if (!links && i < to && (text.charCodeAt(i) === 58 || text.charCodeAt(i) === 46) && /^(https?|www)$/i.test(text.slice(start, i))) links = true;
      tokens.push(token(text, start, i, 'word'));
      continue;
    }
    if (code === 64) links = true;
    // Punctuation: one character, or one surrogate pair (emoji) so a token never splits a code point.
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    tokens.push(token(text, start, i, 'punct'));
  }
  return links ? mergeLinks(text, tokens) : tokens;
}

const LINK = /^(?:https?:\/\/|www\.)\S|^[^\s@]+@[^\s@]+\.\p{L}{2,}/iu;
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '"', "'", '”', '’', '»']);

/** A web or e-mail address written without spaces becomes one punctuation token: no name is read inside it. */
function mergeLinks(text: string, tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; ) {
    // The run of tokens with no space between them.
    let end = k + 1;
    while (end < tokens.length && tokens[end].start === tokens[end - 1].end) end++;
    let last = end - 1;
    while (last > k && TRAILING.has(tokens[last].text)) last--;
    if (last > k && LINK.test(text.slice(tokens[k].start, tokens[last].end))) {
      out.push(token(text, tokens[k].start, tokens[last].end, 'punct'));
      for (let j = last + 1; j < end; j++) out.push(tokens[j]);
    } else for (let j = k; j < end; j++) out.push(tokens[j]);
    k = end;
  }
  return out;
}

function token(text: string, start: number, end: number, kind: TokenKind): Token {
  const id = internToken(text, start, end);
  return { start, end, text: tokenText(id), kind, id };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isLetterOrDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isDigitCode(c) || isLetterCode(c, text, i);
}

const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);

/**
 * Splits text into sentences. A sentence ends at . ! ? (plus closing quotes) before a capital, digit or
 * quote, unless the period belongs to a known abbreviation or an initial; and at line breaks, except where
 * a hard-wrapped line clearly continues (previous line ends mid-sentence, next starts in lower case).
 */
export function splitSentences(text: string, abbreviations: ReadonlySet<string>): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  let start = -1;
  const n = text.length;
  const push = (end: number) => {
    if (start < 0) return;
    let e = end;
    while (e > start && isSpaceCode(text.charCodeAt(e - 1))) e--;
    if (e > start) sentences.push({ start, end: e });
    start = -1;
  };
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      if (start >= 0 && !continuesOnNextLine(text, start, i)) push(i);
      continue;
    }
    if (start < 0) {
      if (isSpaceCode(code)) continue;
      start = i;
    }
    if (code === 46 || code === 33 || code === 63 || code === 0x2026) {
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 33 || text.charCodeAt(j) === 63)) j++;
      while (j < n && CLOSERS.has(text[j])) j++;
      // Not an end here, nor at any later mark of the same run: skipping it keeps a long run ("......") linear.
      if (j < n && !isSpaceCode(text.charCodeAt(j))) {
        i = j - 1;
        continue;
      }
      let k = j;
      while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
      if (k < n && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13 && !startsSentence(text, k)) {
        i = j - 1;
        continue;
      }
      if (code === 46 && isAbbreviationBefore(text, i, abbreviations)) continue;
      push(j);
      i = j - 1;
    }
  }
  push(n);
  return sentences;
}

function startsSentence(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (isDigitCode(c)) return true;
  if (c === 34 || c === 39 || c === 0x201c || c === 0x2018 || c === 40 || c === 91 || c === 0xab || c === 45 || c === 0x2014) return true;
  if (isLetterCode(c, text, k)) return isUpperStart(text[k]);
  return true;
}

function isAbbreviationBefore(text: string, dot: number, abbreviations: ReadonlySet<string>): boolean {
  let s = dot;
  while (s > 0 && (isLetterCode(text.charCodeAt(s - 1), text, s - 1) || text.charCodeAt(s - 1) === 46)) s--;
  const word = text.slice(s, dot).toLowerCase();
  if (word.length === 0) return false;
  if (word.length === 1) return true; // an initial: "J. Smith"
  return abbreviations.has(word);
}

function continuesOnNextLine(text: string, start: number, nl: number): boolean {
  // A blank line or the end of a markdown line always ends the sentence.
  let prev = nl - 1;
  while (prev >= start && (text.charCodeAt(prev) === 32 || text.charCodeAt(prev) === 9 || text.charCodeAt(prev) === 13)) prev--;
  if (prev < start) return false;
  let next = nl + 1;
  if (text.charCodeAt(nl) === 13 && text.charCodeAt(next) === 10) next++;
  while (next < text.length && (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9)) next++;
  if (next >= text.length) return false;
  const nc = text.charCodeAt(next);
  if (nc === 10 || nc === 13) return false;
  const pc = text.charCodeAt(prev);
  const prevMidSentence = (pc >= 97 && pc <= 122) || pc === 44 || pc === 59 || pc === 45;
  const nextLower = nc >= 97 && nc <= 122;
  return prevMidSentence && nextLower;
}

/** Paragraphs: runs of text separated by blank lines. The unit of incremental re-analysis. */
export function splitParagraphs(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let end = i;
    while (i < n) {
      const lineEnd = text.indexOf('\n', i);
      const stop = lineEnd < 0 ? n : lineEnd;
      const line = text.slice(i, stop);
      if (line.trim().length === 0) break;
      end = stop;
      i = lineEnd < 0 ? n : lineEnd + 1;
    }
    while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
    out.push({ start, end });
  }
  return out;
}
