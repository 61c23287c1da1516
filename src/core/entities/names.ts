// Name normalisation shared by in-document resolution and cross-document linking.

import type { EntityType } from '../types';

const PLAIN_NAME = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

/**
 * Records that a one-word name has this type. A word seen with two types keeps null: it stays unlabelled
 * wherever the labeller left it out, since nothing says which it is.
 */
export function noteNameType(types: Map<string, EntityType | null>, word: string, type: EntityType): void {
  const known = types.get(word);
  types.set(word, known === undefined || known === type ? type : null);
}

/** Lower case, no diacritics, hyphens and dots as spaces, no possessive: "Kim Jong-un's" → "kim jong un". */
export function normalizeName(name: string): string {
  // Most names are plain ASCII words: lower-casing is all they need.
  if (PLAIN_NAME.test(name)) return name.toLowerCase();
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[-‐‑.]/g, ' ')
    .replace(/['’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function nameTokens(name: string): string[] {
  const n = normalizeName(name);
  return n ? n.split(' ') : [];
}

/** "NATO" for "North Atlantic Treaty Organization" (connectors skipped). */
export function acronymOf(name: string): string {
  return initialsOf(nameTokens(name));
}

/** acronymOf over a name already split into normalised tokens. */
export function initialsOf(tokens: readonly string[]): string {
  let out = '';
  for (const t of tokens) if (!ACRONYM_SKIPS.has(t)) out += t[0];
  return out;
}

const ACRONYM_SKIPS = new Set(['of', 'the', 'and', 'for', 'de', 'on']);

export function isAcronym(name: string): boolean {
  return /^[A-Z][A-Z.&]{1,7}$/.test(name.replace(/['’]s$/, ''));
}

/** Every token of `part` occurs in `whole`, in order. */
export function tokensContained(part: string[], whole: string[]): boolean {
  let j = 0;
  for (const t of whole) if (j < part.length && t === part[j]) j++;
  return j === part.length;
}
