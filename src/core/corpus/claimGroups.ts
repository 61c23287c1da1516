// Groups claims of different documents that speak about the same thing, and labels each group:
// conflict (numbers or dates differ beyond their hedges, or one negates the other), agree, or related.
import { getLexicon } from '../lexicon';
import type { Claim, DocumentAnalysis, Value } from '../types';
import { formatValue } from '../values/values';

export interface ClaimRef {
  /** Document id. */
  document: string;
  /** Index into that document's claims. */
  index: number;
}

export type Relation = 'agree' | 'conflict' | 'related';

export interface ClaimGroup {
  id: string;
  relation: Relation;
  /** Why, in words the user reads: "5,000,000 shell vs 1,000,000 shell". */
  reason: string;
  claims: ClaimRef[];
}

interface Prepared {
  ref: ClaimRef;
  claim: Claim;
  entities: Set<string>;
  words: Set<string>;
}

/** Claims below this check-worthiness are not worth comparing. */
const MIN_SCORE = 0.3;

/** A word or unit shared by more claims than this is too common to say two claims are about the same thing. */
const MAX_BLOCK = 50;

export function groupClaims(docs: Map<string, DocumentAnalysis>, linkOf: (document: string, key: string) => string | undefined): ClaimGroup[] {
  const lex = getLexicon();
  const prepared: Prepared[] = [];
  for (const [document, a] of docs) {
    a.claims.forEach((claim, index) => {
      if (claim.score < MIN_SCORE) return;
      const entities = new Set<string>();
      for (const key of claim.entities) {
        if (key.startsWith('date:') || key.startsWith('quantity:')) continue;
        const id = linkOf(document, key);
        if (id) entities.add(id);
      }
      if (entities.size === 0) return;
      const words = new Set<string>();
      for (const w of claim.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) if (w.length > 2 && !lex.stopwords.has(w)) words.add(stem(w));
      prepared.push({ ref: { document, index }, claim, entities, words });
    });
  }

  // Candidate pairs come from blocks (claims sharing a word no more than MAX_BLOCK claims use, or an entity and a
  // unit of quantity), never from all pairs of claims that share an entity: in a large workspace one person is in
  // thousands of claims. In a small one every word is rare enough.
  const blocks = new Map<string, number[]>();
  const block = (key: string, i: number) => {
    const list = blocks.get(key);
    if (!list) blocks.set(key, [i]);
    else if (list.length <= MAX_BLOCK) list.push(i);
  };
  prepared.forEach((p, i) => {
    for (const w of p.words) block(w, i);
    for (const v of p.claim.values) if (v.value.kind === 'quantity') for (const e of p.entities) block(`${e}\u0000#${v.value.unit}`, i);
  });
  const seen = new Set<number>();
  const groups: ClaimGroup[] = [];
  for (const block of blocks.values()) {
    if (block.length > MAX_BLOCK) continue;
    for (let x = 0; x < block.length; x++) {
      for (let y = x + 1; y < block.length; y++) {
        const a = prepared[block[x]];
        const b = prepared[block[y]];
        if (a.ref.document === b.ref.document) continue;
        const pairKey = block[x] * prepared.length + block[y];
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        const relation = compare(a, b);
        if (relation) groups.push({ id: '', ...relation, claims: [a.ref, b.ref] });
      }
    }
  }
  const rank = { conflict: 0, agree: 1, related: 2 };
  groups.sort((x, y) => rank[x.relation] - rank[y.relation] || x.claims[0].document.localeCompare(y.claims[0].document) || x.claims[0].index - y.claims[0].index || x.claims[1].document.localeCompare(y.claims[1].document) || x.claims[1].index - y.claims[1].index);
  groups.forEach((g, i) => (g.id = `g${i + 1}`));
  return groups;
}

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Shared words over the smaller set (containment) and over both (Jaccard). */
function overlap(a: Set<string>, b: Set<string>): { contained: number; jaccard: number } {
  if (a.size === 0 || b.size === 0) return { contained: 0, jaccard: 0 };
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return { contained: shared / Math.min(a.size, b.size), jaccard: shared / (a.size + b.size - shared) };
}

function compare(a: Prepared, b: Prepared): { relation: Relation; reason: string } | undefined {
  let sharedEntities = 0;
  for (const e of a.entities) if (b.entities.has(e)) sharedEntities++;
  if (sharedEntities === 0) return undefined;
  const { contained: words, jaccard } = overlap(a.words, b.words);
  // Same kind of quantity (same unit) on the same entities: compare the amounts.
  for (const va of a.claim.values) {
    for (const vb of b.claim.values) {
      const q = compareValues(va.value, vb.value);
      if (!q) continue;
      // Amounts of the same unit on the same entities are about the same thing; dates are only when the
      // claims are worded alike ("Putin visited in 2000" against "Kim invited Putin last year" is no conflict).
      if (q.relation === 'conflict' && (q.sameUnit ? words >= 0.1 : jaccard >= 0.3)) return q;
      // "The two countries" in two sentences is no agreement on anything: small counts need closer wording.
      if (q.relation === 'agree' && (q.small || !q.sameUnit ? jaccard >= 0.3 : words >= 0.15)) return q;
    }
  }
  // A negation contradicts only a statement worded nearly alike, not a short one inside a long one.
  if (jaccard >= 0.4 && a.claim.negated !== b.claim.negated) return { relation: 'conflict', reason: 'one claim negates the other' };
  if (sharedEntities >= 2 && jaccard >= 0.2) return { relation: 'related', reason: `same ${sharedEntities} entities, similar wording` };
  if (jaccard >= 0.35) return { relation: 'related', reason: 'similar wording' };
  return undefined;
}

function compareValues(x: Value, y: Value): { relation: Relation; reason: string; sameUnit: boolean; small?: boolean } | undefined {
  if (x.kind === 'quantity' && y.kind === 'quantity') {
    if (!x.unit || x.unit !== y.unit || x.unit.endsWith('year') || x.unit.endsWith('decade')) return undefined;
    const ratio = Math.max(x.amount, y.amount) / Math.max(1e-9, Math.min(x.amount, y.amount));
    const reason = `${formatValue(x)} vs ${formatValue(y)}`;
    // Hedged numbers ("nearly", "about") agree within a wider margin than exact ones.
    const tolerance = x.approximate || y.approximate ? 1.35 : 1.15;
    if (ratio <= tolerance) return { relation: 'agree', reason: `both say ${formatValue(x)}`, sameUnit: true, small: Math.max(x.amount, y.amount) < 10 };
    return { relation: 'conflict', reason, sameUnit: true };
  }
  if (x.kind === 'date' && y.kind === 'date') {
    const px = x.iso.slice(0, 4);
    const py = y.iso.slice(0, 4);
    if (px !== py) return { relation: 'conflict', reason: `${x.iso} vs ${y.iso}`, sameUnit: false };
    return { relation: 'agree', reason: `both date it ${x.iso.length <= y.iso.length ? x.iso : y.iso}`, sameUnit: false };
  }
  return undefined;
}
