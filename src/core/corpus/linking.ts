// Decides whether two names written in different documents denote the same entity.
import { nameTokens } from '../entities/names';

/** Tokens are the same word up to transliteration ("zelensky" ~ "zelenskyy", "mohammed" ~ "muhammad"). */
export function similarToken(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4) return false;
  if (a.charCodeAt(0) !== b.charCodeAt(0) || a.charCodeAt(1) !== b.charCodeAt(1)) return false;
  const limit = Math.max(1, Math.floor(Math.min(a.length, b.length) / 4));
  if (Math.abs(a.length - b.length) > limit) return false;
  return editDistance(a, b) <= limit;
}

/** Edits (insertions, deletions, substitutions, swaps of two neighbouring letters: "centre" ~ "center") from a to b. */
export function editDistance(a: string, b: string): number {
  // Three rows (two back for a swap), kept between calls: names are compared by the thousand.
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(6 * width);
  let before = 0;
  let prev = width;
  let cur = 2 * width;
  for (let j = 0; j < width; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[cur] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, rows[before + j - 2] + 1);
      rows[cur + j] = d;
    }
    const t = before;
    before = prev;
    prev = cur;
    cur = t;
  }
  return rows[prev + b.length];
}

let rows = new Int32Array(96);

/**
 * Two full names match when they have as many tokens and each pair is the same word up to spelling
 * ("Kim Jong-un" ~ "Kim Jong Un"), but "Kim Jong Un" and "Kim Jong Il" differ in a short token and stay apart.
 */
export function namesMatch(a: string, b: string): boolean {
  return tokensMatch(nameTokens(a), nameTokens(b));
}

/** namesMatch over names already split into normalised tokens. */
export function tokensMatch(ta: readonly string[], tb: readonly string[]): boolean {
  if (ta.length === 0 || ta.length !== tb.length) {
    // Joined transliterations: "Kim Jongun" vs "Kim Jong Un" (joined only when the lengths allow it: names
    // are compared by the thousand).
    return ta.length > 0 && joinedLength(ta) === joinedLength(tb) && ta.join('') === tb.join('');
  }
  return ta.every((t, i) => similarToken(t, tb[i]));
}

/**
 * Two written forms of one person's full name: the same surname, the same or a shortened first name
 * ("Fred" ~ "Frederick", "W." before it), and the shorter's middle names among the longer's ("Bettie Page" ~
 * "Bettie Mae Page"). "Kim Jong Un" and "Kim Jong Il" still differ in their last word.
 */
export function personNamesMatch(a: string, b: string): boolean {
  return personTokensMatch(nameTokens(a), nameTokens(b));
}

/** personNamesMatch over names already split into normalised tokens. */
export function personTokensMatch(a: readonly string[], b: readonly string[]): boolean {
  // Most pairs differ in the surname: told before any list is made.
  const lastA = lastOfTwoOrMore(a);
  const lastB = lastOfTwoOrMore(b);
  if (lastA === undefined || lastB === undefined || !similarToken(lastA, lastB)) return false;
  let ta = a.filter((t) => !SUFFIXES.has(t));
  let tb = b.filter((t) => !SUFFIXES.has(t));
  if (ta.length < 2 || tb.length < 2) return false;
  if (ta.length > tb.length) [ta, tb] = [tb, ta];
  if (!similarToken(ta[ta.length - 1], tb[tb.length - 1])) return false;
  // The longer may start with an initial the shorter leaves out ("W. Mark Felt").
  const start = tb[0].length === 1 && ta[0].length > 1 ? 1 : 0;
  const firstA = ta[0];
  const firstB = tb[start];
  if (!(similarToken(firstA, firstB) || (Math.min(firstA.length, firstB.length) >= 3 && (firstB.startsWith(firstA) || firstA.startsWith(firstB))) || shortFirstName(firstA, firstB))) {
    // Or the shorter is the longer without its first words ("Joseph Comeaux" in "Arcade Joseph Comeaux").
    return inOrder(ta, tb, 0, 0);
  }
  return inOrder(ta, tb, 1, start + 1);
}

/**
 * A familiar form of the other first name: two letters and the same initial ("Mo" ~ "Maurice", "Al" ~ "Albert"),
 * or a pet form in -ie, -y or -i that shares its first three letters ("Katie" ~ "Kathryn", "Betty" ~ "Bettie").
 */
export function shortFirstName(a: string, b: string): boolean {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (s.length < 2 || s.length === l.length || s[0] !== l[0]) return false;
  if (s.length === 2) return /^[a-z]{2}$/.test(s);
  return PET.test(s) && s.slice(0, 3) === l.slice(0, 3);
}

const PET = /(?:ie|y|i)$/;

/** The tokens of `short` from `i` (but its last) appear in order in `long` from `j` (before its last). */
function inOrder(short: readonly string[], long: readonly string[], i: number, j: number): boolean {
  for (; i < short.length - 1; i++) {
    while (j < long.length - 1 && !similarToken(short[i], long[j])) j++;
    if (j >= long.length - 1) return false;
    j++;
  }
  return true;
}

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii']);

function joinedLength(tokens: readonly string[]): number {
  let n = 0;
  for (const t of tokens) n += t.length;
  return n;
}

/** The last token but a suffix ("Jr"), when at least two tokens are not suffixes. */
function lastOfTwoOrMore(tokens: readonly string[]): string | undefined {
  let kept = 0;
  let last: string | undefined;
  for (const t of tokens) {
    if (SUFFIXES.has(t)) continue;
    kept++;
    last = t;
  }
  return kept >= 2 ? last : undefined;
}
