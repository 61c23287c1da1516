// The workspace index: every document's analysis, the entities linked across documents, and the claim
// groups (agree, conflict, related). Documents are added, replaced and removed one at a time; the derived
// views are recomputed lazily on the next query.
import Fuse from 'fuse.js';
import type { DocumentAnalysis, EntityType, Mention, NameDescription } from '../types';
import { Curation, retypeDocument, type CuratedEntities } from '../curation/curate';
import type { ClaimAnnotation, EntityAnchor } from '../curation/annotations';
import { ClaimGrouper, type ClaimGroup } from './claimGroups';
import { EntityLinker, sameLinking, type WorkspaceEntity } from './entityLinker';
import { NameVotes } from './workspaceNames';
import { StringPool } from './stringPool';
import { AnalysisStore, unpackAnalysis, type PackedAnalysis } from './analysisStore';

export type { ClaimGroup, ClaimRef } from './claimGroups';
export type { WorkspaceEntity } from './entityLinker';

export interface EntityMention {
  document: string;
  /** Index into that document's analysis.entities. */
  index: number;
  mention: Mention;
}

interface Derived extends CuratedEntities {
  fuse?: Fuse<{ entity: WorkspaceEntity; alias: string }>;
  /** Analyses as the user's retyping shows them, made on first request. */
  retypedDocs: Map<string, DocumentAnalysis>;
}

export class Corpus {
  /**
   * Each document's analysis as the engine made it, and with the user's document-level corrections (mentions
   * struck out): what is linked and shown. Packed but for the recently used.
   */
  private readonly docs = new AnalysisStore();
  private curation = Curation.NONE;
  /** How annotations name a document (a workspace-relative path); the document id itself by default. */
  private labelOf: (document: string) => string = (document) => document;
  /** Built on the first query, then kept up to date one document at a time. */
  private linker: EntityLinker | undefined;
  /** Built on first use (entities alone are needed far more often), then kept up to date likewise. */
  private grouper: ClaimGrouper | undefined;
  private derived: Derived | undefined;
  /** Documents set or deleted while a relinkInSlices build runs: brought into the new links when it ends. */
  private changedDuringBuild: Set<string> | undefined;
  private buildGeneration = 0;
  /** Scans holding the links (holdLinks): changes are stored, not linked one at a time. */
  private linkHolds = 0;
  private readonly linkOf = (document: string, key: string) => this.linker?.clusterIdOf(document, key);
  /** The documents' shared short strings, one copy each. */
  private readonly strings = new StringPool();
  /** The one-word names each document writes, counted for knownNames. */
  private readonly nameVotes = new NameVotes();

  set(document: string, analysis: DocumentAnalysis): void {
    this.strings.internAnalysis(analysis);
    const label = this.labelOf(document);
    const curated = this.curation.mayChangeDocument(label) ? this.curation.applyToDocument(label, analysis) : analysis;
    // An edit that leaves the document's entities as they were (most keystrokes) leaves its links as they are.
    const before = this.linker && this.linkHolds === 0 ? this.docs.linkingPartOf(document) : undefined;
    const keepLinks = !!before && sameLinking(before, curated);
    this.docs.set(document, analysis, curated);
    this.nameVotes.set(document, curated.documentEntities);
    this.replace(document, document, curated, keepLinks);
  }

  /**
   * As set, for an analysis packed where it was made (a scan's file, analysed in the worker): kept as it comes,
   * unpacked only when something reads it. Linking and grouping it at once (links not held) read their parts.
   */
  setPacked(document: string, packed: PackedAnalysis): void {
    const label = this.labelOf(document);
    // The user's corrections apply to the analysis as objects.
    if (this.curation.mayChangeDocument(label)) return this.set(document, unpackAnalysis(packed));
    const before = this.linker && this.linkHolds === 0 ? this.docs.linkingPartOf(document) : undefined;
    this.docs.setPacked(document, packed);
    this.nameVotes.setGiven(document, packed.names);
    // Held links read nothing of it now: it stays packed (as replace, without unpacking).
    if (this.linkHolds > 0) {
      this.changedDuringBuild?.add(document);
      this.heldBack(document);
      return;
    }
    const analysis = this.docs.get(document)!;
    this.replace(document, document, analysis, !!before && sameLinking(before, analysis));
  }

  /** Applies the user's annotations from now on; every document is curated and linked again. */
  setCuration(curation: Curation, labelOf?: (document: string) => string): void {
    this.curation = curation;
    if (labelOf) this.labelOf = labelOf;
    // Only the documents whose curated analysis changed are linked again, one at a time: no full rebuild. A
    // document no correction names is not even unpacked.
    for (const document of [...this.docs.keys()]) {
      const label = this.labelOf(document);
      if (!curation.mayChangeDocument(label) && !this.docs.hasCurated(document)) continue;
      const original = this.docs.original(document)!;
      const curated = curation.applyToDocument(label, original);
      if (curated === original && !this.docs.hasCurated(document)) continue;
      this.docs.setCurated(document, curated);
      this.nameVotes.set(document, curated.documentEntities);
      this.replace(document, document, curated);
    }
    this.derived = undefined;
  }

  /** The user's status of a claim of a document, if any. */
  claimStatus(document: string, claimIndex: number) {
    const label = this.labelOf(document);
    // A document no verdict names is not unpacked to find none.
    if (!this.curation.judgesClaimsOf(label)) return undefined;
    const claim = this.docs.get(document)?.claims[claimIndex];
    return claim && this.curation.claimStatus(label, claim);
  }

  /** Every claim of a document the user judged, by claim index. */
  claimStatusesOf(document: string): Map<number, ClaimAnnotation> {
    const out = new Map<number, ClaimAnnotation>();
    const analysis = this.docs.get(document);
    if (!analysis || this.curation.annotations.claims.length === 0) return out;
    const label = this.labelOf(document);
    analysis.claims.forEach((claim, i) => {
      const verdict = this.curation.claimStatus(label, claim);
      if (verdict) out.set(i, verdict);
    });
    return out;
  }

  /** How the annotations file names an entity: the anchor a curation action records. */
  anchorOf(entityId: string): EntityAnchor | undefined {
    return this.view().anchorOf(entityId);
  }

  /** The document's analysis as the engine made it, before the user's corrections. */
  original(document: string): DocumentAnalysis | undefined {
    return this.docs.original(document);
  }

  delete(document: string): boolean {
    const had = this.docs.delete(document);
    this.nameVotes.delete(document);
    if (had) this.unlink(document);
    return had;
  }

  rename(from: string, to: string): void {
    const a = this.docs.original(from);
    if (!a) return;
    this.docs.delete(from);
    this.nameVotes.delete(from);
    // Taken out of the links before `to` goes in: when from === to, removing afterwards would unlink it.
    // A sliced relink that is running must learn of `from` too, or its links bring it back.
    this.unlink(from);
    this.set(to, a);
  }

  /**
   * For a scan: until the returned release is called, documents set, renamed and deleted are stored but not
   * linked one at a time (thousands of files link far faster all at once, and one at a time each costs the
   * thread that keeps the index). Queries meanwhile answer from the links as they stand, which may still hold a
   * changed document's former analysis; the scan brings everything in with relinkInSlices (during the hold, to
   * read the workspace's names, and after it).
   */
  holdLinks(): () => void {
    this.linkHolds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.linkHolds--;
    };
  }

  /** Takes a document out of the links and groups (unless they are held), and out of a sliced relink's build. */
  private unlink(document: string): void {
    this.changedDuringBuild?.add(document);
    if (this.heldBack(document)) return;
    this.linker?.remove(document);
    this.grouper?.remove(document);
    this.derived = undefined;
  }

  /** Whether the links are held (holdLinks): then only the documents' retyped forms, made from their former analyses, go. */
  private heldBack(...documents: string[]): boolean {
    if (this.linkHolds === 0) return false;
    for (const document of documents) this.derived?.retypedDocs.delete(document);
    return true;
  }

  clear(): void {
    this.buildGeneration++;
    this.changedDuringBuild = undefined;
    this.docs.clear();
    this.nameVotes.clear();
    this.linker = undefined;
    this.grouper = undefined;
    this.derived = undefined;
  }

  /**
   * The full relink of relink(), built a slice at a time (each about `sliceMs` long, with `pause()` between
   * them) so that the thread that owns the corpus stays responsive. Meanwhile every query is answered from
   * the links as they stand, kept up to date one document at a time (unless held); documents changed during
   * the build are brought into it before it takes over. A newer call, or relink(), supersedes a running one (it then
   * resolves without effect). Resolves true when its build took over.
   */
  async relinkInSlices(options: { sliceMs?: number; pause?: () => Promise<void> } = {}): Promise<boolean> {
    const sliceMs = options.sliceMs ?? 8;
    const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
    const generation = ++this.buildGeneration;
    const changed = new Set<string>();
    this.changedDuringBuild = changed;
    const run = async <T>(steps: Generator<void, T>): Promise<T | undefined> => {
      for (let started = Date.now(); ; ) {
        const r = steps.next();
        if (r.done) return r.value;
        if (Date.now() - started >= sliceMs) {
          await pause();
          if (generation !== this.buildGeneration) return undefined;
          started = Date.now();
        }
      }
    };
    const catchUp = (apply: (document: string, analysis: DocumentAnalysis | undefined) => void) => {
      for (const document of changed) apply(document, this.docs.get(document));
    };
    // What the build reads: the documents as they are now, whatever changes meanwhile.
    const docs = this.docs.snapshot();
    const linker = await run(EntityLinker.buildSteps(docs.linkingParts()));
    if (!linker) return false;
    catchUp((document, analysis) => {
      linker.remove(document);
      if (analysis) linker.add(document, analysis);
    });
    changed.clear();
    const linkOf = (document: string, key: string) => linker.clusterIdOf(document, key);
    // The documents as they are now, as the linker holds them after its catch-up: the first snapshot would give
    // the grouper the old analyses of documents changed while the linker was built (the catch-up below covers
    // only the changes from here on).
    const grouper = await run(ClaimGrouper.buildSteps(this.docs.snapshot().claimsParts(), linkOf));
    if (!grouper) return false;
    // The entity list the views ask for first, built and sorted before taking over, not on the first request.
    // The live documents' order: ones added meanwhile have their place too. Views ask for claim groups by
    // claim or document, not the whole list.
    const order = new Map([...this.docs.keys()].map((d, i) => [d, i]));
    await run(linker.buildViewsSteps(order));
    if (generation !== this.buildGeneration) return false;
    // What changed meanwhile: into both, so that the two agree when they take over.
    catchUp((document, analysis) => {
      linker.remove(document);
      grouper.remove(document);
      if (analysis) {
        linker.add(document, analysis);
        grouper.add(document, analysis, linkOf);
      }
    });
    this.changedDuringBuild = undefined;
    this.linker = linker;
    this.grouper = grouper;
    this.derived = undefined;
    return true;
  }

  /** Takes what `from` brought out of the links and groups, and puts `analysis` in as `to` (in the groups only, with `keepLinks`). */
  private replace(from: string, to: string, analysis: DocumentAnalysis, keepLinks = false): void {
    this.changedDuringBuild?.add(from).add(to);
    if (this.heldBack(from, to)) return;
    if (!keepLinks && from === to) this.linker?.update(to, analysis);
    else if (!keepLinks) {
      this.linker?.remove(from);
      this.linker?.add(to, analysis);
    }
    this.grouper?.remove(from);
    this.grouper?.add(to, analysis, this.linkOf);
    this.derived = undefined;
  }

  /**
   * Links the whole workspace again on the next query, longest names first. Documents changed one at a time
   * are linked into the entities as they stand; after many changes (a scan) a full build links best.
   */
  relink(): void {
    this.buildGeneration++;
    this.changedDuringBuild = undefined;
    this.linker = undefined;
    this.grouper = undefined;
    this.derived = undefined;
  }

  /** A document's analysis with the user's corrections (struck-out mentions, retyped entities). */
  get(document: string): DocumentAnalysis | undefined {
    const analysis = this.docs.get(document);
    if (!analysis || !this.curation.changesEntities) return analysis;
    const view = this.view();
    if (view.retyped.size === 0) return analysis;
    let retyped = view.retypedDocs.get(document);
    if (!retyped) {
      retyped = retypeDocument(analysis, (key) => {
        const id = view.idOf(document, key);
        return id === undefined ? undefined : view.retyped.get(id);
      });
      view.retypedDocs.set(document, retyped);
    }
    return retyped;
  }

  /** A document's mentions with the user's corrections: cheaper than get() for a document out of use. */
  documentMentions(document: string): readonly Mention[] | undefined {
    return this.docs.mentionsOf(document);
  }

  /** Each claim's check-worthiness in a document, in claim order. Unpacks nothing: for views that filter every document. */
  claimScores(document: string): Float64Array | undefined {
    return this.docs.claimScoresOf(document);
  }

  documents(): string[] {
    return [...this.docs.keys()];
  }

  /** Most mentioned first. Shared, not a copy: never to be changed in place. */
  entities(): readonly WorkspaceEntity[] {
    return this.view().entities;
  }

  /**
   * One-word names of people, organisations and places as the workspace writes them ("Putin", "Colts"), with
   * their type: what analyzeText's knownNames option takes, so that a document that only says "Bush" finds the
   * name another one labels. A word the workspace labels with two types keeps the type of most of its mentions
   * ("Saints" the team in twenty articles, a person in one headline); else it is left out. Counted from each
   * document's own entities as it comes, not from the links: a scan asks for them before it links anything.
   */
  knownNames(): Map<string, EntityType> {
    return this.nameVotes.knownNames();
  }

  entity(id: string): WorkspaceEntity | undefined {
    return this.view().byId.get(id);
  }

  /** The workspace entity a document entity was linked to. */
  entityIdOf(document: string, documentEntityKey: string): string | undefined {
    return this.view().idOf(document, documentEntityKey);
  }

  mentionsOf(entityId: string): EntityMention[] {
    const view = this.view();
    const entity = view.byId.get(entityId);
    const out: EntityMention[] = [];
    // Only the mentions are read: a document out of use unpacks no more than them, unless retyping applies.
    const retypes = this.curation.changesEntities && view.retyped.size > 0;
    for (const document of entity?.documents ?? []) {
      const mentions = retypes ? this.get(document)?.entities : this.docs.mentionsOf(document);
      mentions?.forEach((mention, index) => {
        if (view.idOf(document, mention.entity) === entityId) out.push({ document, index, mention });
      });
    }
    return out;
  }

  /** Where documents describe the entity without naming it ("the recent economic forum in St. Petersburg"). */
  descriptionsOf(entityId: string): { document: string; description: NameDescription }[] {
    const view = this.view();
    return view.rawIdsOf(entityId).flatMap((id) => this.linker?.descriptionsOf(id) ?? []);
  }

  /**
   * Every claim group, in list order: for reports of the whole workspace. Made on request, and kept until the
   * next change; views ask by claim (groupsOf) or document (conflicts). Shared: never to be changed in place.
   */
  claimGroups(): readonly ClaimGroup[] {
    return this.groups().list();
  }

  /** How many claim groups there are, listing none. */
  claimGroupCount(): number {
    return this.groups().size;
  }

  /** Groups that contain the given claim, in list order. */
  groupsOf(document: string, claimIndex: number): ClaimGroup[] {
    return this.groups().groupsOf(document, claimIndex);
  }

  /** The conflicts a document's claims are in, in list order; of the whole workspace without a document. */
  conflicts(document?: string): ClaimGroup[] {
    return this.groups().conflicts(document);
  }

  private groups(): ClaimGrouper {
    this.view();
    return (this.grouper ??= ClaimGrouper.build(this.docs.claimsParts(), this.linkOf));
  }

  /** Fuzzy search over entity names and aliases (fuse.js), best first. */
  search(query: string, limit = 50): WorkspaceEntity[] {
    const view = this.view();
    view.fuse ??= new Fuse(
      view.entities.flatMap((entity) => [entity.name, ...entity.aliases.filter((a) => a !== entity.name)].map((alias) => ({ entity, alias }))),
      { keys: ['alias'], threshold: 0.35, ignoreLocation: true, includeScore: true },
    );
    const seen = new Set<string>();
    const out: WorkspaceEntity[] = [];
    for (const r of view.fuse.search(query)) {
      if (seen.has(r.item.entity.id)) continue;
      seen.add(r.item.entity.id);
      out.push(r.item.entity);
      if (out.length >= limit) break;
    }
    return out;
  }

  private view(): Derived {
    if (this.derived) return this.derived;
    this.linker ??= EntityLinker.build(this.docs.linkingParts());
    const linker = this.linker;
    const order = new Map([...this.docs.keys()].map((d, i) => [d, i]));
    const linked = linker.entities(order);
    const curated = this.curation.curateEntities({
      entities: linked.entities,
      byId: linked.byId,
      docs: this.docs.corrected(),
      rawIdOf: (document, key) => linker.clusterIdOf(document, key),
    });
    this.derived = { ...curated, retypedDocs: new Map() };
    return this.derived;
  }
}
