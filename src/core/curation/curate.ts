// Applies the user's annotations to what the engine found. Two layers:
// - in one document, before linking: mentions struck out as "not an entity" disappear, with their
//   document entities when nothing else names them;
// - across the workspace, after linking: names split off, entities merged, renamed and retyped.
// Nothing here changes the engine's own results; a new Curation over new annotations is applied afresh.
import type { Claim, DocumentAnalysis, DocumentEntity, EntityType, Mention } from '../types';
import type { WorkspaceEntity } from '../corpus/entityLinker';
import { anchorKey, collapse, normalizeName, type Annotations, type ClaimAnnotation, type EntityAnchor, type EntityAnnotation } from './annotations';

export interface RawEntities {
  entities: readonly WorkspaceEntity[];
  byId: ReadonlyMap<string, WorkspaceEntity>;
  docs: ReadonlyMap<string, DocumentAnalysis>;
  /** The linker's workspace entity id of a document entity. */
  rawIdOf(document: string, documentEntityKey: string): string | undefined;
}

export interface CuratedEntities {
  /** Shared with the linker: never to be changed in place. */
  entities: readonly WorkspaceEntity[];
  byId: ReadonlyMap<string, WorkspaceEntity>;
  idOf(document: string, documentEntityKey: string): string | undefined;
  /** The linker's entities a curated one is made of (several after a merge). */
  rawIdsOf(id: string): string[];
  /** The words that name an entity in the annotations file: its first raw entity's type and name. */
  anchorOf(id: string): EntityAnchor | undefined;
  /** Curated entities whose type the user changed. */
  retyped: ReadonlyMap<string, EntityType>;
}

/** Claims whose words overlap this much (Jaccard over words) keep their annotation after an edit. */
const QUOTE_SIMILARITY = 0.8;

export class Curation {
  static readonly NONE = new Curation({ version: 1, entities: [], merges: [], notEntities: [], claims: [] });

  private readonly notEntities = new Map<string, Set<string>>();
  private readonly claimsByDocument = new Map<string, ClaimAnnotation[]>();

  constructor(readonly annotations: Annotations) {
    for (const n of annotations.notEntities) {
      const key = n.document ?? '';
      let set = this.notEntities.get(key);
      if (!set) this.notEntities.set(key, (set = new Set()));
      set.add(mentionKey(n.type, n.text));
    }
    for (const c of annotations.claims) {
      const list = this.claimsByDocument.get(c.document) ?? [];
      list.push(c);
      this.claimsByDocument.set(c.document, list);
    }
  }

  get changesEntities(): boolean {
    return this.annotations.entities.length > 0 || this.annotations.merges.length > 0;
  }

  /** Whether applyToDocument can change the document's analysis at all: when not, it needs no analysis read. */
  mayChangeDocument(label: string): boolean {
    return this.notEntities.has(label) || this.notEntities.has('');
  }

  /** The analysis without the mentions struck out in this document (or everywhere); the same object when none is. */
  applyToDocument(label: string, analysis: DocumentAnalysis): DocumentAnalysis {
    const here = this.notEntities.get(label);
    const everywhere = this.notEntities.get('');
    if (!here && !everywhere) return analysis;
    const struck = (m: Mention) => {
      const key = mentionKey(m.type, m.text);
      return !!(here?.has(key) || everywhere?.has(key));
    };
    if (!analysis.entities.some(struck)) return analysis;
    return withoutMentions(analysis, struck);
  }

  /** Whether the user judged any claim of the document: when not, claimStatus needs no claim read. */
  judgesClaimsOf(label: string): boolean {
    return this.claimsByDocument.has(label);
  }

  /** The user's verdict on a claim: by its exact quote, else by a quote that shares nearly all its words. */
  claimStatus(label: string, claim: Pick<Claim, 'text'>): ClaimAnnotation | undefined {
    const list = this.claimsByDocument.get(label);
    if (!list) return undefined;
    const quote = collapse(claim.text);
    const exact = list.find((c) => c.quote === quote);
    if (exact) return exact;
    const words = wordSet(quote);
    let best: ClaimAnnotation | undefined;
    let bestScore = QUOTE_SIMILARITY;
    for (const c of list) {
      const score = jaccard(words, wordSet(c.quote));
      if (score >= bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  curateEntities(raw: RawEntities): CuratedEntities {
    const rawById = raw.byId;
    // Nothing to change: the linker's own lists, not copies (this runs after every edit of a large workspace).
    const plain: CuratedEntities = {
      entities: raw.entities,
      byId: rawById,
      idOf: raw.rawIdOf,
      rawIdsOf: (id) => (rawById.has(id) ? [id] : []),
      anchorOf: (id) => {
        const e = rawById.get(id);
        return e && { type: e.type, name: e.name };
      },
      retyped: new Map(),
    };
    if (!this.changesEntities) return plain;
    const find = anchorFinder(raw.entities);

    // Merges: each "from" entity joins its "into" entity (chains followed, cycles ignored).
    const into = new Map<string, string>();
    for (const m of this.annotations.merges) {
      const target = find(m.into);
      if (!target) continue;
      for (const f of m.from) {
        const source = find(f);
        if (source && source.id !== target.id) into.set(source.id, target.id);
      }
    }
    const representative = (id: string): string => {
      const seen = new Set<string>();
      let current = id;
      while (into.has(current) && !seen.has(current)) {
        seen.add(current);
        current = into.get(current)!;
      }
      return current;
    };

    // Splits: document entities named only by a split-off name leave their entity for one of their own.
    const splits = new Map<string, Set<string>>();
    const byRaw = new Map<string, EntityAnnotation>();
    for (const a of this.annotations.entities) {
      const e = find(a);
      if (!e) continue;
      byRaw.set(e.id, a);
      if (a.split?.length) splits.set(e.id, new Set(a.split.map(normalizeName)));
    }
    const splitId = (rawId: string, name: string) => `${rawId}#${normalizeName(name)}`;
    const stepOne = (document: string, entity: DocumentEntity): string | undefined => {
      const rawId = raw.rawIdOf(document, entity.key);
      if (rawId === undefined) return undefined;
      // A split applies to the entity as the user sees it: after a merge, to names that came with a merged one.
      const name = normalizeName(entity.name);
      const rep = representative(rawId);
      if (splits.get(rawId)?.has(name)) return splitId(rawId, entity.name);
      return splits.get(rep)?.has(name) ? splitId(rep, entity.name) : rawId;
    };

    const keyed = new Map<string, Map<string, DocumentEntity>>();
    const documentEntity = (document: string, key: string): DocumentEntity | undefined => {
      let map = keyed.get(document);
      if (!map) keyed.set(document, (map = new Map((raw.docs.get(document)?.documentEntities ?? []).map((d) => [d.key, d]))));
      return map.get(key);
    };

    // The entities a split or a merge touched are rebuilt from their document entities; the rest are kept.
    const touched = new Set<string>([...splits.keys(), ...into.keys(), ...[...into.keys()].map(representative)]);
    const idOf = (document: string, key: string): string | undefined => {
      const rawId = raw.rawIdOf(document, key);
      if (rawId === undefined) return undefined;
      if (!touched.has(rawId)) return rawId;
      const entity = documentEntity(document, key);
      const first = entity ? stepOne(document, entity) ?? rawId : rawId;
      return first === rawId ? representative(rawId) : first;
    };

    const builders = new Map<string, Builder>();
    const order = new Map<string, number>();
    let position = 0;
    for (const document of raw.docs.keys()) order.set(document, position++);
    for (const rawId of touched) {
      const e = rawById.get(rawId);
      if (!e) continue;
      for (const document of e.documents) {
        for (const d of raw.docs.get(document)?.documentEntities ?? []) {
          if (raw.rawIdOf(document, d.key) !== rawId) continue;
          const id = idOf(document, d.key)!;
          let b = builders.get(id);
          if (!b) {
            const base = rawById.get(id);
            b = new Builder(id, base ?? { id, name: d.name, type: e.type, aliases: [], documents: [], mentions: 0 }, !!base);
            builders.set(id, b);
          }
          b.add(document, d);
        }
      }
    }

    const members = new Map<string, string[]>();
    for (const [from] of into) {
      const rep = representative(from);
      members.set(rep, [...(members.get(rep) ?? [rep]), from]);
    }
    const retyped = new Map<string, EntityType>();
    const finish = (e: WorkspaceEntity): WorkspaceEntity => {
      const a = byRaw.get(e.id);
      if (!a || (!a.rename && !a.retype)) return e;
      if (a.retype) retyped.set(e.id, a.retype);
      return { ...e, ...(a.rename ? { name: a.rename } : {}), ...(a.retype ? { type: a.retype } : {}) };
    };
    const entities: WorkspaceEntity[] = [];
    for (const e of raw.entities) {
      if (!touched.has(e.id)) entities.push(finish(e));
      else if (builders.has(e.id)) entities.push(finish(builders.get(e.id)!.build(order)));
    }
    for (const [id, b] of builders) if (!rawById.has(id)) entities.push(b.build(order));

    const byId = new Map(entities.map((e) => [e.id, e]));
    return {
      entities,
      byId,
      idOf: (document, key) => {
        const id = idOf(document, key);
        return id !== undefined && byId.has(id) ? id : undefined;
      },
      rawIdsOf: (id) => (members.get(id) ?? (rawById.has(id) ? [id] : [])),
      anchorOf: (id) => {
        const base = rawById.get(id);
        if (base) return { type: base.type, name: base.name };
        const e = byId.get(id);
        return e && { type: e.type, name: e.name };
      },
      retyped,
    };
  }
}

/** An analysis as the user's retyping shows it: mentions and document entities of the given curated entities. */
export function retypeDocument(analysis: DocumentAnalysis, typeOf: (documentEntityKey: string) => EntityType | undefined): DocumentAnalysis {
  let changed = false;
  const documentEntities = analysis.documentEntities.map((d) => {
    const type = typeOf(d.key);
    if (!type || type === d.type) return d;
    changed = true;
    return { ...d, type };
  });
  if (!changed) return analysis;
  const typeByKey = new Map(documentEntities.map((d) => [d.key, d.type]));
  return { ...analysis, documentEntities, entities: analysis.entities.map((m) => (typeByKey.get(m.entity) !== m.type ? { ...m, type: typeByKey.get(m.entity)! } : m)) };
}

/** Finds the raw entity an anchor names: by its name first, else by an alias; the most mentioned wins. */
function anchorFinder(entities: readonly WorkspaceEntity[]): (anchor: EntityAnchor) => WorkspaceEntity | undefined {
  const byName = new Map<string, WorkspaceEntity>();
  const byAlias = new Map<string, WorkspaceEntity>();
  const keep = (map: Map<string, WorkspaceEntity>, key: string, e: WorkspaceEntity) => {
    const prev = map.get(key);
    if (!prev || e.mentions > prev.mentions) map.set(key, e);
  };
  for (const e of entities) {
    keep(byName, anchorKey(e), e);
    for (const alias of e.aliases) keep(byAlias, anchorKey({ type: e.type, name: alias }), e);
  }
  return (anchor) => byName.get(anchorKey(anchor)) ?? byAlias.get(anchorKey(anchor));
}

/** Accumulates a curated entity from the document entities that make it up. */
class Builder {
  private readonly aliases = new Map<string, number>();
  private readonly documents = new Set<string>();
  private mentions = 0;

  constructor(
    private readonly id: string,
    private readonly base: WorkspaceEntity,
    /** Whether the linker's name stands (the entity keeps its identity), or the split-off name is the name. */
    private readonly keepsName: boolean,
  ) {}

  add(document: string, d: DocumentEntity): void {
    this.documents.add(document);
    this.mentions += d.mentions.length;
    for (const alias of d.aliases.length ? d.aliases : [d.name]) this.aliases.set(alias, (this.aliases.get(alias) ?? 0) + 1);
  }

  build(order: ReadonlyMap<string, number>): WorkspaceEntity {
    const aliases = [...this.aliases.keys()].sort();
    const name = this.keepsName && aliases.some((a) => normalizeName(a) === normalizeName(this.base.name)) ? this.base.name : (mostWritten(this.aliases) ?? this.base.name);
    return {
      id: this.id,
      name,
      type: this.base.type,
      aliases,
      documents: [...this.documents].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
      mentions: this.mentions,
      ...(this.base.country ? { country: this.base.country } : {}),
    };
  }
}

function mostWritten(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  for (const [name, n] of counts) if (!best || n > counts.get(best)! || (n === counts.get(best)! && name.length > best.length)) best = name;
  return best;
}

function mentionKey(type: EntityType, text: string): string {
  return `${type}\u0000${normalizeName(text)}`;
}

/** The analysis without some mentions: document entities, claims and references follow. */
function withoutMentions(analysis: DocumentAnalysis, struck: (m: Mention) => boolean): DocumentAnalysis {
  const newIndex: number[] = [];
  const entities: Mention[] = [];
  analysis.entities.forEach((m) => {
    if (struck(m)) newIndex.push(-1);
    else {
      newIndex.push(entities.length);
      entities.push(m);
    }
  });
  const documentEntities: DocumentEntity[] = [];
  for (const d of analysis.documentEntities) {
    const mentions = d.mentions.map((i) => newIndex[i]).filter((i) => i >= 0);
    if (mentions.length === 0) continue;
    const written = new Set(mentions.map((i) => entities[i].text));
    const aliases = d.aliases.filter((a) => written.has(a) || a === d.name);
    documentEntities.push({ ...d, mentions, aliases: aliases.length ? aliases : [d.name] });
  }
  const kept = new Set(documentEntities.map((d) => d.key));
  return {
    ...analysis,
    entities,
    documentEntities,
    references: analysis.references.filter((r) => kept.has(r.entity)),
    claims: analysis.claims.map((c) => (c.entities.every((k) => kept.has(k)) ? c : { ...c, entities: c.entities.filter((k) => kept.has(k)) })),
  };
}

function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}
