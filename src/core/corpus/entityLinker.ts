// Links the document entities of every workspace document into workspace entities, and keeps the links as
// documents come, change and go: a document is unlinked and linked again on its own, in milliseconds, without
// relinking the workspace. A full build places the longest names of the whole workspace first (so that a
// document that only says "Putin" finds the Vladimir Putin of another); one document changed later is placed
// into the clusters as they stand, which may differ slightly from a full build until the next one.
import { initialsOf, isAcronym, nameTokens } from '../entities/names';
import { getLexicon, WORD } from '../lexicon';
import type { DocumentAnalysis, DocumentEntity, EntityType, NameDescription } from '../types';
import { personTokensMatch, tokensMatch } from './linking';
import { SmallMap } from './smallMap';
import { compareCodeUnits, sortInSteps, updateSorted } from '../text/compare';
import { grownTo } from './typedArrays';

export interface WorkspaceEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** Document ids, in corpus order. */
  documents: string[];
  mentions: number;
  /** For a nationality, the country it belongs to. */
  country?: string;
}

const NAMED: ReadonlySet<EntityType> = new Set(['person', 'organization', 'place', 'nationality', 'event']);
/** Types the labeller confuses with each other. */
export const PROPER: ReadonlySet<EntityType> = new Set(['person', 'organization', 'place']);

interface Cluster {
  id: string;
  type: EntityType;
  /** Each name written for it, with how many mentions it names. */
  names: SmallMap<string, number>;
  /** The same names split into normalised tokens. */
  nameTokens: SmallMap<string, string[]>;
  /** Written forms, with how many document entities bring each. */
  aliases: SmallMap<string, number>;
  /** Aliases of one word, normalised ("NATO" → "nato"), counted likewise. */
  oneWordAliases: SmallMap<string, number>;
  tokens: SmallMap<string, number>;
  /** Document → how many of its document entities the cluster holds. */
  documents: SmallMap<string, number>;
  /** Normalised names (the byName keys that list this cluster), counted. */
  normalized: SmallMap<string, number>;
  /** Cores of its names written with a headline's words around them (the byCore keys that list it), counted. */
  cores: SmallMap<string, number>;
  mentions: number;
  country?: string;
  /** Its workspace entity as last built; dropped whenever a document adds to it or takes from it. */
  view?: WorkspaceEntity;
}

const NO_ALIASES: readonly string[] = [];

/** What linking reads of a document's analysis. */
export type LinkingPart = Pick<DocumentAnalysis, 'documentEntities' | 'nameDescriptions'>;

/**
 * Whether two analyses of a document give linking the same entities (keys, names, types, aliases, mention
 * counts, countries) and descriptions: then linking one in place of the other changes nothing. Most edits of a
 * long document change none, and linking its thousands of entities again took most of an edit's time.
 */
export function sameLinking(a: LinkingPart, b: LinkingPart): boolean {
  const x = a.documentEntities;
  const y = b.documentEntities;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!samePlaceable(x[i], y[i]) || x[i].mentions.length !== y[i].mentions.length) return false;
  // Of a description, linking reads its words, not where it stands.
  const words = (p: LinkingPart) => JSON.stringify((p.nameDescriptions ?? []).map((d) => [d.head, d.words, d.place]));
  return words(a) === words(b);
}

/** Whether linking places two document entities alike, but for how many mentions each has. */
function samePlaceable(e: DocumentEntity, f: DocumentEntity): boolean {
  return e.key === f.key && e.name === f.name && e.type === f.type && e.country === f.country && sameAliases(e.aliases, f.aliases);
}

/** Whether a document entity is the one placed, but for how many mentions it has (a nationality's country follows its name). */
function placedAs(p: Placement, e: DocumentEntity): boolean {
  return p.key === e.key && p.name === e.name && p.type === e.type && sameAliases(p.aliases, e.aliases);
}

function sameAliases(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** What one document entity brought to its cluster, to take it back when the document changes. */
interface Placement {
  cluster: Cluster;
  /** The document entity's key and type (its own: the cluster may be of a type the labeller confuses it with). */
  key: string;
  type: EntityType;
  /** What of the document entity is taken back, not the entity (its document's analysis is not kept alive). */
  name: string;
  aliases: readonly string[];
  mentions: number;
  normalized: string;
  /** Whether it lent the cluster its normalised name (a city standing for its team does not). */
  named: boolean;
  /** The byCore key it added to the cluster, if any. */
  core: string | undefined;
}

/** What linking reads of a document entity: how many mentions it has, not their indexes; its aliases as a shared list. */
interface Placeable {
  key: string;
  name: string;
  type: EntityType;
  country?: string;
  aliases: readonly string[];
  mentionCount: number;
}

/**
 * The workspace's document entities waiting for a full build to place them, as parallel lists: an object or two
 * each, for the 650,000 of 20,000 documents, held about 95 MB at once.
 */
class WaitingEntities {
  readonly documents: string[] = [];
  readonly keys: string[] = [];
  readonly names: string[] = [];
  readonly types: EntityType[] = [];
  readonly aliases: (readonly string[])[] = [];
  /** By entity number; few entities have one (nationalities). */
  readonly countries = new Map<number, string>();
  mentionCounts = new Int32Array(1024);
  lengths = new Int32Array(1024);
  ranks = new Uint8Array(1024);

  get size(): number {
    return this.documents.length;
  }

  push(document: string, entity: Placeable, length: number): void {
    const i = this.documents.length;
    if (i === this.lengths.length) {
      this.mentionCounts = grownTo(this.mentionCounts, i * 2);
      this.lengths = grownTo(this.lengths, i * 2);
      this.ranks = grownTo(this.ranks, i * 2);
    }
    this.documents.push(document);
    this.keys.push(entity.key);
    this.names.push(entity.name);
    this.types.push(entity.type);
    this.aliases.push(entity.aliases);
    if (entity.country !== undefined) this.countries.set(i, entity.country);
    this.mentionCounts[i] = entity.mentionCount;
    this.lengths[i] = length;
  }

  /** The entity numbered `i`, as place() reads it. */
  placeable(i: number): Placeable {
    return { key: this.keys[i], name: this.names[i], type: this.types[i], country: this.countries.get(i), aliases: this.aliases[i], mentionCount: this.mentionCounts[i] };
  }
}

export class EntityLinker {
  private readonly clusters = new Set<Cluster>();
  private readonly byId = new Map<string, Cluster>();
  private readonly byName = new Map<string, Set<Cluster>>();
  /** Clusters by the core of a padded name ("lindsay lohan" for "Lindsay Lohan Checks"): where the plain name finds them. */
  private readonly byCore = new Map<string, Set<Cluster>>();
  private readonly index = new ClusterIndex();
  /** Document → its document entity keys → cluster (nested: no key string built per entity). */
  private readonly link = new Map<string, Map<string, Cluster>>();
  private readonly placed = new Map<string, Placement[]>();
  /** Document → its descriptions ("the economic forum in St. Petersburg") and the clusters they were linked to. */
  private readonly described = new Map<string, { cluster: Cluster; description: NameDescription }[]>();
  /** Document → its descriptions that name no cluster yet. */
  private readonly undescribed = new Map<string, NameDescription[]>();
  private readonly tokenCache = new Map<string, string[]>();
  /**
   * One copy of each list of aliases the placements keep: the same entity written the same way in many documents
   * (a wire story in ten outlets, "Trump" and "Donald Trump" in hundreds) keeps one list, not one per document.
   */
  private readonly aliasLists = new Map<string, readonly string[]>();
  private readonly personCores = new Map<string, Core | null>();
  private readonly otherCores = new Map<string, Core | null>();
  private built: { entities: WorkspaceEntity[]; byId: Map<string, WorkspaceEntity> } | undefined;
  /** Clusters changed since the entities were last built: only these are built and sorted again. */
  private readonly dirty = new Set<Cluster>();
  /** Their entities as last built, to take out of the sorted list. */
  private readonly staleViews = new Set<WorkspaceEntity>();

  /** A full build over all documents, longest names of the workspace first. */
  static build(docs: ReadonlyMap<string, LinkingPart>): EntityLinker {
    return runToEnd(EntityLinker.buildSteps(docs));
  }

  /** The same build in steps: it yields every so often, so that a caller can spread it over time. */
  static *buildSteps(docs: ReadonlyMap<string, LinkingPart>): Generator<void, EntityLinker> {
    const linker = new EntityLinker();
    // Control goes back to the caller at once, whatever the size of the workspace.
    yield;
    // Every document entity of the workspace waits here to be placed in order: what linking reads of each, not
    // the entity (its mentions' indexes), and one copy of each name and key the documents repeat (unpacked
    // analyses give each document its own). 20,000 documents held 190 MB of entities at once.
    const strings = new Map<string, string>();
    const one = (s: string) => {
      const kept = strings.get(s);
      if (kept !== undefined) return kept;
      strings.set(s, s);
      return s;
    };
    const waiting = new WaitingEntities();
    for (const [document, a] of docs) {
      for (const e of a.documentEntities) {
        const entity: Placeable = { key: one(e.key), name: one(e.name), type: e.type, country: e.country, aliases: linker.sharedAliases(e.aliases), mentionCount: e.mentions.length };
        waiting.push(document, entity, linker.lengthOf(entity));
      }
      if (waiting.size % STEP < a.documentEntities.length) yield;
    }
    // A cluster takes the type of the first name placed in it: of one name, the type most of the workspace's
    // mentions give it goes first ("Zurana Horton" a person in most documents, a place in a few).
    const votes = new Map<string, Map<EntityType, number>>();
    const joined = new Map<string, string>();
    const normalizedName = (name: string) => {
      let n = joined.get(name);
      if (n === undefined) joined.set(name, (n = linker.tokensOf(name).join(' ')));
      return n;
    };
    const { types, names, mentionCounts, lengths, ranks } = waiting;
    for (let i = 0; i < waiting.size; i++) {
      if (i % STEP === 0) yield;
      if (!PROPER.has(types[i])) continue;
      const name = normalizedName(names[i]);
      const v = votes.get(name) ?? new Map<EntityType, number>();
      v.set(types[i], (v.get(types[i]) ?? 0) + mentionCounts[i]);
      votes.set(name, v);
    }
    // 1 for a name typed otherwise by more of its mentions: placed after the same name so typed.
    for (let i = 0; i < waiting.size; i++) {
      if (i % STEP === 0) yield;
      const v = PROPER.has(types[i]) ? votes.get(normalizedName(names[i])) : undefined;
      if (!v || v.size < 2) continue;
      const own = v.get(types[i]) ?? 0;
      for (const n of v.values()) if (n > own) ranks[i] = 1;
    }
    joined.clear();
    // Sorted a run at a time: hundreds of thousands of entities at once held the thread for about 100 ms.
    const ordered = yield* sortInSteps(
      Array.from({ length: waiting.size }, (_, i) => i),
      (x, y) => lengths[y] - lengths[x] || ranks[x] - ranks[y],
    );
    let n = 0;
    for (const i of ordered) {
      linker.place(waiting.documents[i], waiting.placeable(i));
      if (++n % STEP === 0) yield;
    }
    for (const [document, a] of docs) {
      for (const d of a.nameDescriptions ?? []) linker.describe(document, d);
      if (++n % STEP === 0) yield;
    }
    return linker;
  }

  /** Links one document's entities into the clusters as they stand (after remove() when it is a new version). */
  add(document: string, analysis: LinkingPart): void {
    this.placeAll(document, analysis.documentEntities);
    for (const d of analysis.nameDescriptions ?? []) this.describe(document, d);
    this.describeWaiting(document);
  }

  /**
   * A document's new version linked in place of the one it holds: only the entities that changed leave and
   * come (an edit of a long document changes a few of its thousands); the others stay where they are, their
   * mention counts brought up to date. Its descriptions are linked again.
   */
  update(document: string, analysis: LinkingPart): void {
    const placements = this.placed.get(document);
    if (!placements) return this.add(document, analysis);
    this.undescribe(document);
    const next = new Map<string, DocumentEntity>();
    for (const e of analysis.documentEntities) next.set(e.key, e);
    const kept: Placement[] = [];
    for (const placement of placements) {
      const e = next.get(placement.key);
      if (e && placedAs(placement, e)) {
        next.delete(placement.key);
        this.recount(placement, e.mentions.length);
        kept.push(placement);
      } else {
        this.unplace(document, placement);
        this.link.get(document)?.delete(placement.key);
      }
    }
    this.placed.set(document, kept);
    const placed = next.size;
    this.placeAll(document, [...next.values()]);
    for (const d of analysis.nameDescriptions ?? []) this.describe(document, d);
    // New names may be what others describe.
    if (placed) this.describeWaiting(document);
  }

  /** Places a document's entities, longest names first. */
  private placeAll(document: string, entities: readonly DocumentEntity[]): void {
    const ordered = entities
      .map((e) => {
        const entity: Placeable = { key: e.key, name: e.name, type: e.type, country: e.country, aliases: this.sharedAliases(e.aliases), mentionCount: e.mentions.length };
        return { entity, length: this.lengthOf(entity) };
      })
      .sort((x, y) => y.length - x.length);
    for (const { entity } of ordered) this.place(document, entity);
  }

  /** A placement's entity written again with another number of mentions: the counts move, nothing else. */
  private recount(placement: Placement, mentions: number): void {
    const delta = mentions - placement.mentions;
    if (delta === 0) return;
    const { cluster } = placement;
    this.touch(cluster);
    cluster.mentions += delta;
    cluster.names.set(placement.name, (cluster.names.get(placement.name) ?? 0) + delta);
    placement.mentions = mentions;
  }

  /** Takes back what a document brought; clusters left with nothing disappear. */
  remove(document: string): void {
    this.undescribe(document);
    const placements = this.placed.get(document);
    if (!placements) return;
    this.placed.delete(document);
    this.link.delete(document);
    for (const placement of placements) this.unplace(document, placement);
  }

  /** Takes back the descriptions a document linked. */
  private undescribe(document: string): void {
    for (const { cluster } of this.described.get(document) ?? []) {
      this.touch(cluster);
      cluster.mentions--;
      decrement(cluster.documents, document);
    }
    this.described.delete(document);
    this.undescribed.delete(document);
  }

  /** Takes back what one document entity brought its cluster; a cluster left with nothing disappears. */
  private unplace(document: string, { cluster, name, aliases, mentions: n, normalized, named, core }: Placement): void {
    this.touch(cluster);
    if (core !== undefined) {
      decrement(cluster.cores, core);
      if (!cluster.cores.has(core)) this.byCore.get(core)?.delete(cluster);
    }
    cluster.mentions -= n;
    const left = (cluster.names.get(name) ?? 0) - n;
    if (left > 0) cluster.names.set(name, left);
    else {
      cluster.names.delete(name);
      cluster.nameTokens.delete(name);
    }
    if (named) {
      decrement(cluster.normalized, normalized);
      if (!cluster.normalized.has(normalized)) this.byName.get(normalized)?.delete(cluster);
    }
    for (const t of this.tokensOf(name)) decrement(cluster.tokens, t);
    for (const alias of aliases) {
      decrement(cluster.aliases, alias);
      const aliasTokens = this.tokensOf(alias);
      if (aliasTokens.length === 1) decrement(cluster.oneWordAliases, aliasTokens[0]);
    }
    decrement(cluster.documents, document);
    if (cluster.names.size === 0) {
      this.clusters.delete(cluster);
      this.byId.delete(cluster.id);
      this.index.drop(cluster);
      // Other documents' descriptions of it wait for the name to come back (describeWaiting).
      if (cluster.mentions > 0) this.orphanDescriptions(cluster);
    }
  }

  private orphanDescriptions(cluster: Cluster): void {
    for (const [document, list] of this.described) {
      const kept = list.filter((x) => x.cluster !== cluster);
      if (kept.length === list.length) continue;
      for (const x of list) if (x.cluster === cluster) this.undescribed.set(document, [...(this.undescribed.get(document) ?? []), x.description]);
      if (kept.length) this.described.set(document, kept);
      else this.described.delete(document);
    }
  }

  /** The descriptions linked to a cluster, by document. */
  descriptionsOf(clusterId: string): { document: string; description: NameDescription }[] {
    const out: { document: string; description: NameDescription }[] = [];
    for (const [document, list] of this.described) for (const { cluster, description } of list) if (cluster.id === clusterId) out.push({ document, description });
    return out;
  }

  /** Clusters the lookup index holds: the live ones with a name, never those a change took apart. */
  indexedClusters(): number {
    return this.index.size;
  }

  clusterIdOf(document: string, documentEntityKey: string): string | undefined {
    return this.link.get(document)?.get(documentEntityKey)?.id;
  }

  /** Workspace entities, most mentioned first; `order` ranks documents. */
  entities(order: ReadonlyMap<string, number>): { entities: WorkspaceEntity[]; byId: Map<string, WorkspaceEntity> } {
    if (this.built && this.dirty.size === 0) return this.built;
    // Only clusters a change touched are built and sorted again, then merged into the list: one edited
    // document must not re-sort the workspace, nor a batch of scanned ones (a merge is never dearer than a
    // sort). Only the first build sorts everything.
    if (!this.built) {
      const entities = [...this.clusters].map((c) => (c.view ??= this.workspaceEntity(c, order))).sort(entityOrder);
      this.built = { entities, byId: new Map(entities.map((e) => [e.id, e])) };
    } else {
      const fresh = [...this.dirty].filter((c) => this.clusters.has(c)).map((c) => (c.view = this.workspaceEntity(c, order)));
      // In place: the map is the linker's, handed out read-only (a copy of 15,000 entries at every change is a stall).
      const byId = this.built.byId;
      for (const e of this.staleViews) if (byId.get(e.id) === e) byId.delete(e.id);
      for (const e of fresh) byId.set(e.id, e);
      this.built = { entities: updateSorted(this.built.entities, this.staleViews, fresh, entityOrder), byId };
    }
    this.dirty.clear();
    this.staleViews.clear();
    return this.built;
  }

  /** Builds and sorts the entities a few at a time (after a full build), so that the first entities() is quick. */
  *buildViewsSteps(order: ReadonlyMap<string, number>): Generator<void, void> {
    if (this.built) return;
    let n = 0;
    for (const c of this.clusters) {
      if (c.view) continue;
      c.view = this.workspaceEntity(c, order);
      if (++n % STEP === 0) yield;
    }
    const entities = yield* sortInSteps([...this.clusters].map((c) => c.view!), entityOrder);
    this.built = { entities, byId: new Map(entities.map((e) => [e.id, e])) };
    this.dirty.clear();
    this.staleViews.clear();
  }

  /** A cluster changed: its entity is built again on the next request. */
  private touch(cluster: Cluster): void {
    // Only an entity the sorted list holds is taken out of it: one built and dropped unseen is in no list.
    if (cluster.view && !this.dirty.has(cluster)) this.staleViews.add(cluster.view);
    cluster.view = undefined;
    this.dirty.add(cluster);
  }

  /** One shared copy of each list of aliases (see aliasLists). */
  private sharedAliases(aliases: readonly string[]): readonly string[] {
    if (aliases.length === 0) return NO_ALIASES;
    const key = aliases.join('\u0000');
    let shared = this.aliasLists.get(key);
    if (!shared) {
      // Bounded: a workspace's lists keep coming; dropping them all only stops the sharing for a while.
      if (this.aliasLists.size >= 200_000) this.aliasLists.clear();
      this.aliasLists.set(key, (shared = aliases.slice()));
    }
    return shared;
  }

  /**
   * How long a name counts for the order of linking: its core, then the whole name ("Lindsay Lohan Checks" after
   * "Bettie Mae Page", before "Lindsay Lohan"; "Ms. Palin" with "Palin"). Ties keep the documents' order.
   */
  private lengthOf(entity: Placeable): number {
    const tokens = this.tokensOf(entity.name);
    const core = this.coreOf(entity);
    return (core ? core.tokens.length : tokens.length) * 64 + Math.min(tokens.length, 63);
  }

  /** The core of a person's, organisation's or place's name (coreOf), worked out once per name and type. */
  private coreOf(entity: Placeable): Core | undefined {
    if (!PROPER.has(entity.type)) return undefined;
    const tokens = this.tokensOf(entity.name);
    // A lone word is its own core.
    if (tokens.length < 2) return undefined;
    // Only people lose titles and words in front: one cache for them, one for organisations and places.
    const cache = entity.type === 'person' ? this.personCores : this.otherCores;
    let core = cache.get(entity.name);
    if (core === undefined) cache.set(entity.name, (core = coreOf(entity.type, tokens) ?? null));
    return core ?? undefined;
  }

  /**
   * A name's normalised tokens, without a leading article ("The Associated Press" is the Associated Press) nor
   * tokens without a letter or digit (a web address's "Lindsay _ Lohan").
   */
  private tokensOf(name: string): string[] {
    let t = this.tokenCache.get(name);
    if (!t) {
      t = nameTokens(name);
      if (t.some((x) => !WORDLIKE.test(x))) t = t.filter((x) => WORDLIKE.test(x));
      if (t.length > 1 && t[0] === 'the') t = t.slice(1);
      // "Mt Cook" is Mount Cook, "St. Petersburg" Saint Petersburg: an abbreviated first word of a longer name.
      const full = t.length > 1 ? getLexicon().nameAbbreviations.get(t[0]) : undefined;
      if (full) t = [full, ...t.slice(1)];
      this.tokenCache.set(name, t);
    }
    return t;
  }

  private place(document: string, entity: Placeable): void {
    const tokens = this.tokensOf(entity.name);
    const normalized = NAMED.has(entity.type) ? tokens.join(' ') : entity.key;
    // The same name's cluster of the same type, else (a name the labeller types both ways) of a confusable type.
    const sameName = this.byName.get(normalized);
    let cluster: Cluster | undefined;
    if (sameName) {
      for (const c of sameName) if (!cluster && c.type === entity.type) cluster = c;
      if (!cluster && PROPER.has(entity.type)) for (const c of sameName) if (PROPER.has(c.type) && (!cluster || c.mentions > cluster.mentions)) cluster = c;
    }
    if (!cluster && NAMED.has(entity.type)) {
      const acronym = isAcronym(entity.name);
      cluster = findSimilar(this.index.candidates(entity.type, tokens, acronym), entity.type, tokens, acronym);
    }
    // A name padded with a title or a headline's words ("Ms. Palin", "Lindsay Lohan Checks") is looked up by its core;
    // a plain name finds a padded one placed before it.
    const core = this.coreOf(entity);
    if (!cluster && core) cluster = this.findCore(entity.type, core.tokens, core.generic);
    if (!cluster && PROPER.has(entity.type)) {
      // Of its own type first; else of another the labeller confuses it with ("Morningside Recovery" a place here,
      // "Morningside Recovery Center" an organisation there), unless the lexicon knows the name ("San Diego" is not
      // "San Diego Chargers Defensive Tackle Faces").
      const padded = [...(this.byCore.get(normalized) ?? [])].filter((c) => PROPER.has(c.type) && c.names.size > 0);
      cluster = mostMentioned(padded.filter((c) => c.type === entity.type));
      if (!cluster && entity.type !== 'person' && !isKnownName(tokens)) cluster = mostMentioned(padded.filter((c) => c.type !== 'person'));
    }
    if (!cluster) {
      // Dates and quantities keep their document key ("date:2024-06-18"); names get "type:name-in-words".
      // A padded person's cluster is named after the core ("person:lindsay-lohan", not "-checks").
      const named = core?.padded && entity.type === 'person' ? core.tokens.join(' ') : normalized;
      const base = NAMED.has(entity.type) ? `${entity.type}:${named.replace(/\s+/g, '-')}` : entity.key.replace(/\s+/g, '-');
      let id = base;
      for (let n = 2; this.byId.has(id); n++) id = `${base}~${n}`;
      cluster = { id, type: entity.type, names: new SmallMap(), nameTokens: new SmallMap(), aliases: new SmallMap(), oneWordAliases: new SmallMap(), tokens: new SmallMap(), documents: new SmallMap(), normalized: new SmallMap(), cores: new SmallMap(), mentions: 0 };
      this.clusters.add(cluster);
      this.byId.set(id, cluster);
    }
    this.touch(cluster);
    // A city standing for its team lends the team no name: the city written as a place must not find the team.
    const standsFor = entity.type === 'organization' && !cluster.normalized.has(normalized) && isCity(tokens) && isCityTeam(cluster, tokens);
    if (!standsFor) {
      const list = this.byName.get(normalized) ?? new Set<Cluster>();
      list.add(cluster);
      this.byName.set(normalized, list);
      increment(cluster.normalized, normalized);
    }
    // A generic head's core finds no person ("Betty Ford" is not the Betty Ford Center a document took for a person).
    const coreKey = core?.padded && !(core.generic && cluster.type === 'person') ? core.tokens.join(' ') : undefined;
    if (coreKey !== undefined) {
      increment(cluster.cores, coreKey);
      const withCore = this.byCore.get(coreKey) ?? new Set<Cluster>();
      withCore.add(cluster);
      this.byCore.set(coreKey, withCore);
    }
    cluster.nameTokens.set(entity.name, tokens);
    cluster.names.set(entity.name, (cluster.names.get(entity.name) ?? 0) + entity.mentionCount);
    for (const t of tokens) increment(cluster.tokens, t);
    for (const alias of entity.aliases) {
      const aliasTokens = this.tokensOf(alias);
      if (!cluster.aliases.has(alias)) this.index.add(cluster, aliasTokens, /^the\s/i.test(alias));
      increment(cluster.aliases, alias);
      if (aliasTokens.length === 1) increment(cluster.oneWordAliases, aliasTokens[0]);
    }
    increment(cluster.documents, document);
    cluster.mentions += entity.mentionCount;
    if (entity.country) cluster.country = entity.country;
    const links = this.link.get(document) ?? new Map<string, Cluster>();
    links.set(entity.key, cluster);
    this.link.set(document, links);
    const placements = this.placed.get(document) ?? [];
    placements.push({ cluster, key: entity.key, type: entity.type, name: entity.name, aliases: entity.aliases, mentions: entity.mentionCount, normalized, named: !standsFor, core: coreKey });
    this.placed.set(document, placements);
  }

  /**
   * The cluster of a name's core: a lone word only as the surname of a person named in full ("Palin" of Sarah
   * Palin, not "Harry" of Harry Winston); a longer core as a name of its own.
   */
  private findCore(type: EntityType, core: readonly string[], generic = false): Cluster | undefined {
    // An organisation or place written with a headline's words or a generic head ("Microsoft Launches Emergency
    // Patch", "Morningside Recovery Center") is the one so named; of the other of the two types only when the name is
    // none the lexicon knows ("Surrey Fire" is not the county) and never a person ("Betty Ford Center").
    const sameName = [...(this.byName.get(core.join(' ')) ?? [])];
    if (type !== 'person' && PROPER.has(type)) {
      const named = sameName.find((c) => c.type === type) ?? (isKnownName(core) ? undefined : mostMentioned(sameName.filter((c) => c.type !== 'person' && PROPER.has(c.type))));
      if (named) return named;
    }
    if (core.length === 1) {
      if (type !== 'person' && !surnameCandidate(type, core)) return undefined;
      let best: Cluster | undefined;
      for (const c of this.index.candidates('person', core)) {
        if (c.type !== 'person' || (best && c.mentions <= best.mentions)) continue;
        for (const n of c.nameTokens.values()) {
          if (n.length > 1 && n[n.length - 1] === core[0]) {
            best = c;
            break;
          }
        }
      }
      return best;
    }
    const key = core.join(' ');
    const same = sameName.find((c) => c.type === type);
    if (same) return same;
    const similar = findSimilar(this.index.candidates(type, core), type, core, false);
    // A place or body named after a person is not the person ("Betty Ford Center").
    if (similar && !(generic && similar.type === 'person')) return similar;
    // Another padded name with the same core ("Gary Ross Still", "Gary Ross Won't").
    return mostMentioned([...(this.byCore.get(key) ?? [])].filter((c) => c.type === type && c.names.size > 0));
  }

  /**
   * Links a description to the event or organisation whose name holds its head, its naming words and its
   * place ("the economic forum in St. Petersburg" → St. Petersburg International Economic Forum): the entity
   * is then also in the describing document.
   */
  private describe(document: string, d: NameDescription): void {
    const cluster = this.describedCluster(d);
    if (cluster) this.linkDescription(document, cluster, d);
    else {
      const waiting = this.undescribed.get(document) ?? [];
      waiting.push(d);
      this.undescribed.set(document, waiting);
    }
  }

  /** The cluster a description names: of an event or organisation whose name has all its words, the most mentioned. */
  private describedCluster(d: NameDescription): Cluster | undefined {
    const needed = [d.head, ...d.words, ...this.tokensOf(d.place)];
    let best: Cluster | undefined;
    for (const type of ['event', 'organization'] as const) {
      for (const c of this.index.withToken(type, d.head)) {
        const names = c.nameTokens.valueList();
        if (!names.some((n) => n.length > needed.length && needed.every((t) => n.includes(t)))) continue;
        if (!best || c.mentions > best.mentions) best = c;
      }
    }
    return best;
  }

  private linkDescription(document: string, cluster: Cluster, d: NameDescription): void {
    this.touch(cluster);
    cluster.mentions++;
    increment(cluster.documents, document);
    const list = this.described.get(document) ?? [];
    list.push({ cluster, description: d });
    this.described.set(document, list);
  }

  /**
   * Tries again the descriptions of the other documents that named nothing (or whose entity went with its last
   * name): a document linked one at a time may bring the name they describe. A full build links them all at once.
   */
  private describeWaiting(except: string): void {
    for (const [document, waiting] of this.undescribed) {
      if (document === except) continue;
      const still = waiting.filter((d) => {
        const cluster = this.describedCluster(d);
        if (cluster) this.linkDescription(document, cluster, d);
        return !cluster;
      });
      if (still.length) this.undescribed.set(document, still);
      else this.undescribed.delete(document);
    }
  }

  private workspaceEntity(c: Cluster, order: ReadonlyMap<string, number>): WorkspaceEntity {
    // The full name written most often: "Maurice Cheeks" (18 times), not a headline's "Hire Maurice Cheeks"
    // (once) nor the surname alone; ties go to the longer.
    const full = c.names.keyList().some((n) => this.tokensOf(n).length > 1);
    let name = '';
    for (const [n, count] of c.names) {
      if (full && this.tokensOf(n).length < 2) continue;
      const better = count > (c.names.get(name) ?? 0) || (count === c.names.get(name) && this.tokensOf(n).length > this.tokensOf(name).length);
      if (!name || better) name = n;
    }
    return {
      id: c.id,
      name,
      type: c.type,
      aliases: c.aliases.keyList().sort(),
      documents: c.documents.keyList().sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
      mentions: c.mentions,
      ...(c.country ? { country: c.country } : {}),
    };
  }
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** A name's core; `padded`: words were taken away after it or before it; `generic`: a generic head ("Center"). */
interface Core {
  tokens: string[];
  padded: boolean;
  generic: boolean;
}

/**
 * Loads what linking reads from the lexicon, so that the first link of a scan does not do it on top of its own
 * work (about 20 ms of one stall on the index's thread): called before a scan starts.
 */
export function prepareLinking(): void {
  void getLexicon().gazetteerPhrases;
}

/** Work between two yields of a stepped build: small enough to stay well under a frame. */
export const STEP = 200;

/** Runs a stepped build at once. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Most mentioned first; by name among equals. */
function entityOrder(a: WorkspaceEntity, b: WorkspaceEntity): number {
  return b.mentions - a.mentions || compareCodeUnits(a.name, b.name);
}

function increment(map: SmallMap<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function decrement(map: SmallMap<string, number>, key: string): void {
  const n = (map.get(key) ?? 0) - 1;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

/**
 * Where a name can find the clusters it may match: by type and the first two letters of a name's last
 * token (full names and transliterations share their surname), and by type and any whole token (a lone
 * word joins the full name that contains it). Never a scan of every cluster. A cluster that loses its last
 * name is dropped from every list it is on: each edit of a document makes its clusters anew, and the lists
 * must not keep the old ones (they would grow with every keystroke, and every lookup with them).
 */
class ClusterIndex {
  private readonly byLast = new Map<string, Cluster[]>();
  private readonly byToken = new Map<string, Cluster[]>();
  /** The lists each cluster is on, to take it off them. */
  private readonly listsOf = new Map<Cluster, Cluster[][]>();

  /** `article`: the name was written after "The", which its acronym may keep ("THR", The Hollywood Reporter). */
  add(cluster: Cluster, tokens: readonly string[], article = false): void {
    if (tokens.length === 0) return;
    // By the surname, not a suffix after it: "Mark Felt Sr" must find "Mark Felt Jr" and "Mark Felt".
    this.push(this.byLast, `${cluster.type}:${surnameOf(tokens).slice(0, 2)}`, cluster);
    for (const t of tokens) this.push(this.byToken, `${cluster.type}:${t}`, cluster);
    // By initials too, for an acronym another document writes ("THR" for The Hollywood Reporter).
    if (tokens.length > 1) {
      if (cluster.type === 'organization') {
        const initials = initialsOf(tokens);
        this.push(this.byToken, `organization:#${initials}`, cluster);
        if (article) this.push(this.byToken, `organization:#t${initials}`, cluster);
      }
      // An organisation or place named like a person, for a person's full name to find; a team, for its city.
      if (cluster.type !== 'person' && looksLikePerson(tokens)) this.push(this.byLast, `person~:${surnameOf(tokens).slice(0, 2)}`, cluster);
      if (cluster.type === 'organization' && isCity(tokens.slice(0, -1))) this.push(this.byToken, `team:${tokens.slice(0, -1).join(' ')}`, cluster);
    }
  }

  /** How many clusters are on the lists. */
  get size(): number {
    return this.listsOf.size;
  }

  drop(cluster: Cluster): void {
    for (const list of this.listsOf.get(cluster) ?? []) {
      const at = list.indexOf(cluster);
      if (at >= 0) list.splice(at, 1);
    }
    this.listsOf.delete(cluster);
  }

  private push(map: Map<string, Cluster[]>, key: string, cluster: Cluster): void {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    else if (list[list.length - 1] === cluster || list.includes(cluster)) return;
    list.push(cluster);
    const lists = this.listsOf.get(cluster);
    if (lists) lists.push(list);
    else this.listsOf.set(cluster, [list]);
  }

  /** Live clusters of the type with the token in one of their names. */
  withToken(type: EntityType, token: string): Cluster[] {
    return (this.byToken.get(`${type}:${token}`) ?? []).filter((c) => c.names.size > 0);
  }

  candidates(type: EntityType, tokens: readonly string[], acronym = false): Set<Cluster> {
    const out = new Set<Cluster>();
    if (tokens.length === 0) return out;
    if (acronym && tokens.length === 1) {
      for (const c of this.byToken.get(`organization:#${tokens[0]}`) ?? []) if (c.names.size) out.add(c);
    }
    // A lone word the labeller typed as an organisation or place may be a person's surname ("Cheeks" →
    // Maurice Cheeks), one it took for a person or for a place no gazetteer knows a team's nickname ("Colts").
    const types: EntityType[] = [type];
    if (surnameCandidate(type, tokens)) types.push('person');
    if (type === 'person' && tokens.length === 1) types.push('organization');
    // A team's nickname typed as a place: only the teams whose names hold the word.
    else if (nicknameCandidate(type, tokens)) for (const c of this.byToken.get(`organization:${tokens[0]}`) ?? []) if (c.names.size) out.add(c);
    // A person's full name the labeller typed as an organisation or place elsewhere ("Arcade Joseph Comeaux Jr"),
    // for the full name or the surname alone.
    if (type === 'person') for (const c of this.byLast.get(`person~:${surnameOf(tokens).slice(0, 2)}`) ?? []) if (c.names.size) out.add(c);
    // A city standing for its team ("Indianapolis" for the Indianapolis Colts).
    if (type === 'organization' && tokens.length < 4) for (const c of this.byToken.get(`team:${tokens.join(' ')}`) ?? []) if (c.names.size) out.add(c);
    for (const t of types) {
      for (const c of this.byLast.get(`${t}:${surnameOf(tokens).slice(0, 2)}`) ?? []) if (c.names.size) out.add(c);
      if (tokens.length === 1) for (const c of this.byToken.get(`${t}:${tokens[0]}`) ?? []) if (c.names.size) out.add(c);
    }
    return out;
  }
}

function mostMentioned(clusters: Cluster[]): Cluster | undefined {
  let best: Cluster | undefined;
  for (const c of clusters) if (!best || c.mentions > best.mentions) best = c;
  return best;
}

/** An organisation, or a place no gazetteer knows: perhaps a person's name the labeller mistyped. */
function surnameCandidate(type: EntityType, tokens: readonly string[]): boolean {
  return type === 'organization' || (type === 'place' && getLexicon().names.get(tokens.join(' ')) !== 'place');
}

/** A lone word the labeller took for a person, or for a place no gazetteer knows: perhaps a team's nickname ("Chiefs"). */
function nicknameCandidate(type: EntityType, tokens: readonly string[]): boolean {
  return tokens.length === 1 && (type === 'person' || (type === 'place' && getLexicon().names.get(tokens[0]) !== 'place'));
}

/** "Colts" is the Indianapolis Colts: the last word of a longer organisation name, when that word is not a generic head ("Bank", "Ministry"). */
function isNameHead(cluster: Cluster, token: string): boolean {
  if (cluster.type !== 'organization' || ((getLexicon().wordFlags.get(token) ?? 0) & WORD.orgHead) !== 0) return false;
  for (const t of cluster.nameTokens.values()) if (t.length > 1 && t[t.length - 1] === token) return true;
  return false;
}

/** The last word of a full name but a suffix ("Comeaux" of "Arcade Joseph Comeaux Jr"). */
function surnameOf(tokens: readonly string[]): string {
  const last = tokens[tokens.length - 1];
  return tokens.length > 2 && NAME_SUFFIXES.has(last) ? tokens[tokens.length - 2] : last;
}

const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii']);

/**
 * A first name before the last word, and no organisation head, gazetteer place or ordinary word: a person's name
 * the labeller mistyped ("Arcade Joseph Comeaux Jr").
 */
function looksLikePerson(tokens: readonly string[]): boolean {
  const lex = getLexicon();
  let firstName = false;
  for (let i = 0; i < tokens.length - 1 && !firstName; i++) firstName = ((lex.wordFlags.get(tokens[i]) ?? 0) & WORD.firstName) !== 0;
  if (!firstName || lex.gazetteerPhrases.has(tokens.join(' '))) return false;
  return tokens.every((t) => ((lex.wordFlags.get(t) ?? 0) & (WORD.orgHead | WORD.ordinary)) === 0 && !lex.gazetteerPhrases.has(t));
}

/** A generic head of organisation names ("Department", "Center", "Corp"). */
function isHead(token: string): boolean {
  return ((getLexicon().wordFlags.get(token) ?? 0) & WORD.orgHead) !== 0;
}

/** A name the lexicon knows on its own (a place, an organisation, a gazetteer phrase). */
function isKnownName(tokens: readonly string[]): boolean {
  const lex = getLexicon();
  const name = tokens.join(' ');
  return lex.names.has(name) || lex.gazetteerPhrases.has(name);
}

/** A city of the gazetteer. */
function isCity(tokens: readonly string[]): boolean {
  return getLexicon().gazetteerPhrases.get(tokens.join(' ')) === 'LOC';
}

/**
 * The labeller typed a city as an organisation: it stands for the team named after it ("Indianapolis" for the
 * Indianapolis Colts), the city and one more word that is not a generic head ("Washington Post" is no team).
 */
function isCityTeam(cluster: Cluster, city: readonly string[]): boolean {
  if (cluster.type !== 'organization') return false;
  const lex = getLexicon();
  for (const n of cluster.nameTokens.values()) {
    if (n.length !== city.length + 1 || ((lex.wordFlags.get(n[n.length - 1]) ?? 0) & WORD.orgHead) !== 0) continue;
    if (city.every((t, i) => n[i] === t)) return true;
  }
  return false;
}

/** The acronym is the initials of one of the cluster's names, or of "The" and them when it is written so ("THR"). */
function abbreviates(cluster: Cluster, acronym: string): boolean {
  for (const n of cluster.nameTokens.values()) {
    if (n.length < 2) continue;
    const initials = initialsOf(n);
    if (initials === acronym) return true;
    if (acronym === `t${initials}` && [...cluster.aliases.keys()].some((a) => /^the\s/i.test(a))) return true;
  }
  return false;
}

/**
 * "Microsoft" is Microsoft Corp., "Promises" the Promises Treatment Center: an organisation named by the first word
 * of a longer organisation name whose other words are generic (heads like "Corp." or "Center", ordinary words like
 * "Treatment"), when that word is neither generic itself nor a known place. Not a place so named: "Surrey" is not
 * Surrey Police.
 */
function isShortName(cluster: Cluster, token: string): boolean {
  if (cluster.type !== 'organization') return false;
  const lex = getLexicon();
  if ((lex.wordFlags.get(token) ?? 0) & (WORD.orgHead | WORD.ordinary) || lex.names.has(token)) return false;
  const generic = (t: string) => ((lex.wordFlags.get(t) ?? 0) & (WORD.orgHead | WORD.ordinary)) !== 0;
  for (const n of cluster.nameTokens.values()) if (n.length > 1 && n[0] === token && n.slice(1).every(generic)) return true;
  return false;
}

/** A cluster of the same type whose name matches up to spelling, or whose full name contains this short one. */
function findSimilar(clusters: Iterable<Cluster>, type: EntityType, tokens: readonly string[], acronym: boolean): Cluster | undefined {
  // An acronym is never a person's surname ("UN" is not Kim Jong Un).
  const surname = tokens.length === 1 && !acronym;
  const names = (c: Cluster) => c.nameTokens.valueList();
  // Worked out once, not for each candidate.
  const city = type === 'organization' && isCity(tokens);
  const last = tokens[tokens.length - 1];
  let best: Cluster | undefined;
  for (const c of clusters) {
    // An acronym joins the organisation whose full name it abbreviates, written in another document (places have
    // their own list of other names).
    if (acronym && tokens.length === 1 && c.type === 'organization') {
      if (abbreviates(c, tokens[0])) {
        if (!best || c.mentions > best.mentions) best = c;
        continue;
      }
    }
    if (c.type !== type) {
      // A mistyped lone surname or full name joins the person it names; a lone nickname, its team.
      let match = false;
      if (c.type === 'person' && surnameCandidate(type, tokens)) {
        // Not a city's name ("San Jose" is not Carlos San Jose).
        match = tokens.length === 1 ? surname && c.tokens.has(tokens[0]) : names(c).some((n) => personTokensMatch(n, tokens)) && !isCity(tokens);
      }
      if (c.type === 'organization' && nicknameCandidate(type, tokens)) match = isNameHead(c, tokens[0]);
      if (type === 'person' && tokens.length > 1 && (c.type === 'organization' || c.type === 'place')) match = names(c).some((n) => personTokensMatch(n, tokens) && looksLikePerson(n));
      // A lone surname, the person whose full name the labeller typed so elsewhere ("Horton" of a place "Zurana Horton").
      if (type === 'person' && surname && (c.type === 'organization' || c.type === 'place')) match ||= names(c).some((n) => n.length > 1 && surnameOf(n) === tokens[0] && looksLikePerson(n));
      if (match && (!best || c.mentions > best.mentions)) best = c;
      continue;
    }
    let match = names(c).some((n) => tokensMatch(n, tokens) || (c.type === 'person' && personTokensMatch(n, tokens)));
    // A lone surname ("Putin") joins the one person of the workspace whose name contains it.
    if (!match && surname && type === 'person' && c.tokens.has(tokens[0])) match = true;
    if (!match && tokens.length === 1 && type !== 'person') {
      match = c.oneWordAliases.has(tokens[0]) || (type === 'organization' && (isNameHead(c, tokens[0]) || isShortName(c, tokens[0])));
    }
    if (!match && city) match = isCityTeam(c, tokens);
    // A team named without its city ("Red Sox", the Boston Red Sox).
    if (!match && type === 'organization' && tokens.length > 1) {
      match = names(c).some((n) => n.length > tokens.length && n[n.length - 1] === last && tokens.every((t, i) => n[n.length - tokens.length + i] === t) && isCity(n.slice(0, n.length - tokens.length)));
    }
    if (match && (!best || c.mentions > best.mentions)) best = c;
  }
  return best;
}

/** Negated auxiliaries as name tokens leave them ("won't" → "wont"): a headline's words, never a name's. */
const NEGATED = /^(?:wo|ca|do|does|did|is|are|was|were|has|have|had|would|could|should|must|need)nt$/;

/**
 * A word a headline writes next to a name ("Checks", "Still", "Won't"): ordinary, and not a name's head, a title,
 * a first name ("Miles", "Mark") or a gazetteer name.
 */
function isPadding(token: string): boolean {
  if (token.length === 1 || NEGATED.test(token)) return true;
  const lex = getLexicon();
  const flags = lex.wordFlags.get(token) ?? 0;
  return (flags & WORD.ordinary) !== 0 && (flags & (WORD.orgHead | WORD.personTitle | WORD.firstName)) === 0 && !lex.names.has(token);
}

/**
 * The core of a name padded with a title before a person's name ("Ms. Palin") or with a headline's words ("Lindsay
 * Lohan Checks", "Gary Ross Won't", "Hire Maurice Cheeks"): undefined when there is nothing to take away. Only people
 * lose words in front: "New York" and "North Korea" are whole names. `padded`: headline words were taken away.
 */
function coreOf(type: EntityType, tokens: readonly string[]): Core | undefined {
  const lex = getLexicon();
  let generic = false;
  let a = 0;
  let b = tokens.length;
  if (type === 'person') while (b - a > 1 && lex.personTitles.has(tokens[a])) a++;
  const titled = a;
  while (b - a > 1 && isPadding(tokens[b - 1])) b--;
  if (type === 'person') while (b - a > 1 && isPadding(tokens[a])) a++;
  // "Staunton Police Department" is the Staunton Police, "Morningside Recovery Center" Morningside Recovery: one
  // generic head after a name of two words or more that is no name of its own ("Kansas City Police" is not Kansas
  // City, "European Union Commission" not the European Union).
  else if (b === tokens.length && b - a > 2 && isHead(tokens[b - 1]) && !isKnownName(tokens.slice(a, b - 1))) {
    b--;
    generic = true;
  }
  if (a === 0 && b === tokens.length) return undefined;
  return { tokens: tokens.slice(a, b), padded: a > titled || b < tokens.length, generic };
}
