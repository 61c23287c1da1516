// Token texts interned as the tokenizer reads them: each distinct text is one string with one number, so
// that later stages look a token up by number (an array index) instead of hashing a fresh substring, and a
// token already seen allocates no new string. The table is bounded: when it fills it starts again, and
// `generation` tells caches keyed by token number that their numbers mean other texts now.

const SLOTS = 1 << 18;
/** At most half the slots are used, so probes stay short. */
export const MAX_TOKEN_IDS = SLOTS >> 1;

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

/** slot → token number + 1 (0 = empty). */
const slots = new Int32Array(SLOTS);
const hashes = new Uint32Array(MAX_TOKEN_IDS);
const texts: string[] = [];

let generationCount = 0;

/** Changes whenever token numbers are reassigned. */
export function tokenGeneration(): number {
  return generationCount;
}

/** The interned text of a token number of the current generation. */
export function tokenText(id: number): string {
  return texts[id];
}

/** The number of text[start, end), adding it when new. */
export function internToken(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  h >>>= 0;
  const length = end - start;
  let slot = h & (SLOTS - 1);
  for (;;) {
    const entry = slots[slot];
    if (entry === 0) break;
    const id = entry - 1;
    if (hashes[id] === h && sameText(texts[id], text, start, length)) return id;
    slot = (slot + 1) & (SLOTS - 1);
  }
  if (texts.length === MAX_TOKEN_IDS) {
    slots.fill(0);
    texts.length = 0;
    lowers.length = 0;
    generationCount++;
    return internToken(text, start, end);
  }
  const id = texts.length;
  // V8 makes a slice of 13 or more characters a view into the whole text: copy it, so that the table
  // does not keep documents alive after they are closed.
  texts.push(length < 13 ? text.slice(start, end) : Array.from(text.slice(start, end)).join(''));
  hashes[id] = h;
  slots[slot] = id + 1;
  return id;
}

function sameText(known: string, text: string, start: number, length: number): boolean {
  if (known.length !== length) return false;
  for (let k = 0; k < length; k++) if (known.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

const lowers: (string | undefined)[] = [];

/** The lower-case text of a token, computed once per token number. */
export function lowerText(id: number, text: string): string {
  if (texts[id] === text) {
    const known = lowers[id];
    if (known !== undefined) return known;
    return (lowers[id] = text.toLowerCase());
  }
  // A token from before the table started again.
  return text.toLowerCase();
}
