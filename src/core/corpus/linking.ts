// Decides whether two names written in different documents denote the same entity.
import { nameTokens } from '../entities/names';

/** Tokens are the same word up to transliteration ("zelensky" ~ "zelenskyy", "mohammed" ~ "muhammad"). */
export function similarToken(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 4 || b.length < 4) return false;
  if (a.slice(0, 2) !== b.slice(0, 2)) return false;
  return editDistance(a, b) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 4));
}

export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * Two full names match when they have as many tokens and each pair is the same word up to spelling
 * ("Kim Jong-un" ~ "Kim Jong Un"), but "Kim Jong Un" and "Kim Jong Il" differ in a short token and stay apart.
 */
export function namesMatch(a: string, b: string): boolean {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.length === 0 || ta.length !== tb.length) {
    // Joined transliterations: "Kim Jongun" vs "Kim Jong Un".
    return ta.join('') === tb.join('') && ta.length > 0;
  }
  return ta.every((t, i) => similarToken(t, tb[i]));
}
