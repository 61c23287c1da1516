// Groups claims of different documents that speak about the same thing, and labels each group:
// conflict (numbers or dates differ beyond their hedges, or one negates the other), agree, or related.
import { getLexicon } from '../lexicon';
import type { DocumentAnalysis, Value } from '../types';
import { formatValue } from '../values/values';
import { runToEnd, STEP } from './entityLinker';
import { compareCodeUnits } from '../text/compare';
import { ClaimLinks } from './claimLinks';
import { ClaimTable } from './claimTable';
import { grownTo } from './typedArrays';

export interface ClaimRef {
  /** Document id. */
  document: string;
  /** Index into that document's claims. */
  index: number;
}

export type Relation = 'agree' | 'conflict' | 'related';

/** Two claims of different documents and how they relate: made when asked for, not kept (a workspace holds millions of pairs). */
export interface ClaimGroup {
  relation: Relation;
  /** Why, in words the user reads: "5,000,000 shell vs 1,000,000 shell". */
  reason: string;
  claims: ClaimRef[];
}

/** Claims below this check-worthiness are not worth comparing. */
const MIN_SCORE = 0.3;

/** A word or unit shared by more claims than this is too common to say two claims are about the same thing. */
const MAX_BLOCK = 50;

/** What grouping reads of a document's analysis. */
export type ClaimsPart = Pick<DocumentAnalysis, 'claims'>;

type LinkOf = (document: string, key: string) => string | undefined;

/**
 * The claim groups of a workspace, kept up to date one document at a time. Candidate pairs come from blocks:
 * claims sharing a word that no more than MAX_BLOCK claims use, or an entity and a unit of quantity; never
 * all pairs of claims that share an entity (in a large workspace one person is in thousands of claims). In a
 * small workspace every word is rare enough. A full build blocks on the workspace's final word counts; a
 * document added later is compared on the counts as they stand.
 */
export class ClaimGrouper {
  /**
   * By claim id (ids are dense: taken-out ones are given again): of each claim, all a comparison reads (its
   * normalised values, polarity, entities and words), not the claim (it is not kept alive).
   */
  private readonly table = new ClaimTable();
  /** Per claim id, the last candidate search that met it: each candidate once per search, no set built. */
  private seenIn = new Int32Array(256);
  private search = 0;
  private readonly documentNumbers = new Numbering();
  private readonly byDocument = new Map<string, number[]>();
  /** Key → its claims; null once more than MAX_BLOCK claims shared it (it stays too common until a full build). */
  private readonly blocks = new Map<string, number[] | null>();
  /**
   * Per claim id, the claims it is grouped with, each with the relation and the reason's number in one small
   * integer (reasonNumber * 4 + RELATIONS index). Both claims of a pair hold it. No object per pair: a workspace
   * of duplicated articles holds over a million pairs, and a group object with its map entry weighed about 400
   * bytes of heap.
   */
  private readonly links = new ClaimLinks();
  /**
   * The pairs' reasons by number, each distinct one kept once ("same 2 entities, similar wording" for
   * thousands of pairs). Only grows between full builds, which start a new grouper.
   */
  private readonly reasons = new Numbering();
  private pairCount = 0;
  /** The whole list as last made, until a change. */
  private sorted: ClaimGroup[] | undefined;
  /**
   * Stems and workspace entity ids by number: a claim holds numbers, and comparing two claims compares integers
   * (the candidates of one document number thousands).
   */
  private readonly words = new Numbering();
  private readonly entityNumbers = new Numbering();

  static build(docs: ReadonlyMap<string, ClaimsPart>, linkOf: LinkOf): ClaimGrouper {
    return runToEnd(ClaimGrouper.buildSteps(docs, linkOf));
  }

  /** The same build in steps: it yields every so often, so that a caller can spread it over time. */
  static *buildSteps(docs: ReadonlyMap<string, ClaimsPart>, linkOf: LinkOf): Generator<void, ClaimGrouper> {
    const grouper = new ClaimGrouper();
    let n = 0;
    for (const [document, a] of docs) {
      grouper.prepare(document, a, linkOf);
      n += a.claims.length;
      if (n >= STEP) {
        n = 0;
        yield;
      }
    }
    // Each pair once, however many blocks it shares: from each claim to the later claims of its blocks.
    for (let id = 0; id < grouper.table.idLimit; id++) {
      if (!grouper.table.has(id)) continue;
      n += grouper.forEachCandidate(id, (other) => other > id, (other) => grouper.consider(id, other));
      if (n >= STEP * 10) {
        n = 0;
        yield;
      }
    }
    grouper.links.trim();
    return grouper;
  }

  add(document: string, analysis: ClaimsPart, linkOf: LinkOf): void {
    const ids = this.prepare(document, analysis, linkOf);
    const fresh = new Set(ids);
    for (const id of ids) this.forEachCandidate(id, (x) => !fresh.has(x), (other) => this.consider(id, other));
  }

  remove(document: string): void {
    const ids = this.byDocument.get(document);
    if (!ids) return;
    this.byDocument.delete(document);
    for (const id of ids) {
      for (const key of this.keysOf(id)) {
        const members = this.blocks.get(key);
        if (!members) continue;
        const at = members.indexOf(id);
        if (at >= 0) members.splice(at, 1);
        if (members.length === 0) this.blocks.delete(key);
      }
      const links = this.links;
      for (let pair = 0; pair < links.pairsOf(id); pair++) {
        const other = links.otherAt(id, pair);
        const at = links.find(other, id);
        if (at >= 0) links.removeAt(other, at);
        this.pairCount--;
        this.sorted = undefined;
      }
      links.clear(id);
      this.table.remove(id);
    }
  }

  /** How many groups (pairs of claims) there are. */
  get size(): number {
    return this.pairCount;
  }

  /** Every group: conflicts first, then agreements, then related claims; in document and claim order within each. */
  list(): readonly ClaimGroup[] {
    if (this.sorted) return this.sorted;
    const groups: ClaimGroup[] = [];
    for (let id = 0; id < this.links.idLimit; id++) this.collect(id, (other) => other > id, groups);
    return (this.sorted = groups.sort(groupOrder));
  }

  /** The groups that hold a claim (by its index in the document's claims), in list order. */
  groupsOf(document: string, claimIndex: number): ClaimGroup[] {
    const groups: ClaimGroup[] = [];
    for (const id of this.byDocument.get(document) ?? []) if (this.table.indexOf(id) === claimIndex) this.collect(id, () => true, groups);
    return groups.sort(groupOrder);
  }

  /** The conflicts a document's claims are in (or of all documents), in list order. */
  conflicts(document?: string): ClaimGroup[] {
    const groups: ClaimGroup[] = [];
    const isConflict = (info: number) => RELATIONS[info & 3] === 'conflict';
    if (document !== undefined) for (const id of this.byDocument.get(document) ?? []) this.collect(id, (_, info) => isConflict(info), groups);
    else for (let id = 0; id < this.links.idLimit; id++) this.collect(id, (other, info) => other > id && isConflict(info), groups);
    return groups.sort(groupOrder);
  }

  /** Makes the groups of a claim that `wanted` accepts (by the other claim's id and the pair's packed relation). */
  private collect(id: number, wanted: (other: number, info: number) => boolean, into: ClaimGroup[]): void {
    const links = this.links;
    for (let pair = 0; pair < links.pairsOf(id); pair++) {
      const other = links.otherAt(id, pair);
      const info = links.infoAt(id, pair);
      if (!wanted(other, info)) continue;
      into.push({ relation: RELATIONS[info & 3], reason: this.reasons.at(info >> 2), claims: [this.refOf(Math.min(id, other)), this.refOf(Math.max(id, other))] });
    }
  }

  private refOf(id: number): ClaimRef {
    return { document: this.documentNumbers.at(this.table.documentOf(id)), index: this.table.indexOf(id) };
  }

  private prepare(document: string, a: ClaimsPart, linkOf: LinkOf): number[] {
    const documentNumber = this.documentNumbers.of(document);
    const lex = getLexicon();
    const ids: number[] = [];
    a.claims.forEach((claim, index) => {
      if (claim.score < MIN_SCORE) return;
      const entities = new Set<number>();
      for (const key of claim.entities) {
        if (key.startsWith('date:') || key.startsWith('quantity:')) continue;
        const id = linkOf(document, key);
        if (id) entities.add(this.entityNumbers.of(id));
      }
      if (entities.size === 0) return;
      const words = new Set<number>();
      for (const w of claim.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) if (w.length > 2 && !lex.stopwords.has(w)) words.add(this.words.of(stem(w)));
      const values = claim.values.map((v) => v.value);
      const id = this.table.add({ document: documentNumber, index, negated: claim.negated, values, entities: ascending(entities), words: ascending(words) });
      ids.push(id);
      for (const key of this.keysOf(id)) {
        const members = this.blocks.get(key);
        if (members === undefined) this.blocks.set(key, [id]);
        else if (members && members.length < MAX_BLOCK) members.push(id);
        else if (members) this.blocks.set(key, null);
      }
    });
    this.byDocument.set(document, ids);
    return ids;
  }

  /** Visits the claims that share a block with this one (each once), among those `wanted` accepts; returns how many. */
  private forEachCandidate(id: number, wanted: (other: number) => boolean, visit: (other: number) => void): number {
    if (this.seenIn.length < this.table.idLimit) this.seenIn = grownTo(this.seenIn, this.table.idLimit * 2);
    if (this.search === 0x7fffffff) {
      this.seenIn.fill(0);
      this.search = 0;
    }
    const mark = ++this.search;
    const table = this.table;
    const document = table.documentOf(id);
    const mask = table.maskOf(id);
    let visited = 0;
    for (const key of this.keysOf(id)) {
      for (const other of this.blocks.get(key) ?? []) {
        if (other === id || this.seenIn[other] === mark) continue;
        this.seenIn[other] = mark;
        visited++;
        // What consider() would reject first, rejected here from two arrays.
        if (table.documentOf(other) === document || (table.maskOf(other) & mask) === 0 || !wanted(other)) continue;
        visit(other);
      }
    }
    return visited;
  }

  private keysOf(id: number): Set<string> {
    const keys = new Set<string>();
    if (!this.table.has(id)) return keys;
    for (const w of this.table.wordsOf(id)) keys.add(this.words.at(w));
    for (const v of this.table.valuesOf(id)) if (v.kind === 'quantity') for (const e of this.table.entitiesOf(id)) keys.add(`${e}\u0000#${v.unit}`);
    return keys;
  }

  private consider(x: number, y: number): void {
    const low = x < y ? x : y;
    const high = x < y ? y : x;
    const table = this.table;
    // Most candidates share a word but no entity, or come from one document: rejected before any key is built.
    if (!table.has(low) || !table.has(high) || table.documentOf(low) === table.documentOf(high) || table.sharedEntities(low, high) === 0) return;
    // Most pairs are no group: compared before the pair's key is looked up (a large number, slow as a Map key).
    const relation = compare(table, low, high);
    if (!relation) return;
    if (this.links.find(low, high) >= 0) return;
    const info = this.reasons.of(relation.reason) * 4 + RELATIONS.indexOf(relation.relation);
    this.links.push(low, high, info);
    this.links.push(high, low, info);
    this.pairCount++;
    this.sorted = undefined;
  }
}

/** In list order: the order in which groups of each relation come. */
const RELATIONS: readonly Relation[] = ['conflict', 'agree', 'related'];

const RANK: Record<Relation, number> = { conflict: 0, agree: 1, related: 2 };

function groupOrder(x: ClaimGroup, y: ClaimGroup): number {
  return RANK[x.relation] - RANK[y.relation] || compareCodeUnits(x.claims[0].document, y.claims[0].document) || x.claims[0].index - y.claims[0].index || compareCodeUnits(x.claims[1].document, y.claims[1].document) || x.claims[1].index - y.claims[1].index;
}

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Numbers for strings, given in order of first sight and kept: 0, 1, 2… */
class Numbering {
  private readonly numbers = new Map<string, number>();
  private readonly strings: string[] = [];

  of(s: string): number {
    let n = this.numbers.get(s);
    if (n === undefined) {
      n = this.strings.length;
      this.numbers.set(s, n);
      this.strings.push(s);
    }
    return n;
  }

  at(n: number): string {
    return this.strings[n];
  }
}

function ascending(numbers: ReadonlySet<number>): number[] {
  return Array.from(numbers).sort((a, b) => a - b);
}

/** "same 2 entities, similar wording": one string per count, shared by the pairs that give it (millions in a large workspace). */
const RELATED_REASONS: string[] = [];
function relatedReason(sharedEntities: number): string {
  return (RELATED_REASONS[sharedEntities] ??= `same ${sharedEntities} entities, similar wording`);
}

function compare(table: ClaimTable, a: number, b: number): { relation: Relation; reason: string } | undefined {
  const sharedEntities = table.sharedEntities(a, b);
  if (sharedEntities === 0) return undefined;
  const { contained: words, jaccard } = table.wordOverlap(a, b);
  // Same kind of quantity (same unit) on the same entities: compare the amounts.
  for (const va of table.valuesOf(a)) {
    for (const vb of table.valuesOf(b)) {
      const q = compareValues(va, vb);
      if (!q) continue;
      // Amounts of the same unit on the same entities are about the same thing; dates are only when the
      // claims are worded alike ("Putin visited in 2000" against "Kim invited Putin last year" is no conflict).
      if (q.relation === 'conflict' && (q.sameUnit ? words >= 0.1 : jaccard >= 0.3)) return q;
      // "The two countries" in two sentences is no agreement on anything: small counts need closer wording.
      if (q.relation === 'agree' && (q.small || !q.sameUnit ? jaccard >= 0.3 : words >= 0.15)) return q;
    }
  }
  // A negation contradicts only a statement worded nearly alike, not a short one inside a long one.
  if (jaccard >= 0.4 && table.negated(a) !== table.negated(b)) return { relation: 'conflict', reason: 'one claim negates the other' };
  if (sharedEntities >= 2 && jaccard >= 0.2) return { relation: 'related', reason: relatedReason(sharedEntities) };
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
