// The workspace index: every document's analysis, the entities linked across documents, and the claim
// groups (agree, conflict, related). Documents are added, replaced and removed one at a time; the derived
// views are recomputed lazily on the next query.
import Fuse from 'fuse.js';
import type { DocumentAnalysis, EntityType, Mention, NameDescription } from '../types';
import { noteNameType } from '../entities/names';
import { ClaimGrouper, type ClaimGroup } from './claimGroups';
import { EntityLinker, PROPER, type WorkspaceEntity } from './entityLinker';

export type { ClaimGroup, ClaimRef } from './claimGroups';
export type { WorkspaceEntity } from './entityLinker';

export interface EntityMention {
  document: string;
  /** Index into that document's analysis.entities. */
  index: number;
  mention: Mention;
}

interface Derived {
  entities: WorkspaceEntity[];
  byId: Map<string, WorkspaceEntity>;
  fuse?: Fuse<{ entity: WorkspaceEntity; alias: string }>;
}

export class Corpus {
  private readonly docs = new Map<string, DocumentAnalysis>();
  /** Built on the first query, then kept up to date one document at a time. */
  private linker: EntityLinker | undefined;
  /** Built on first use (entities alone are needed far more often), then kept up to date likewise. */
  private grouper: ClaimGrouper | undefined;
  private derived: Derived | undefined;
  private readonly linkOf = (document: string, key: string) => this.linker?.clusterIdOf(document, key);

  set(document: string, analysis: DocumentAnalysis): void {
    this.docs.set(document, analysis);
    this.replace(document, document, analysis);
  }

  delete(document: string): boolean {
    const had = this.docs.delete(document);
    if (had) {
      this.linker?.remove(document);
      this.grouper?.remove(document);
      this.derived = undefined;
    }
    return had;
  }

  rename(from: string, to: string): void {
    const a = this.docs.get(from);
    if (!a) return;
    this.docs.delete(from);
    this.docs.set(to, a);
    this.replace(from, to, a);
  }

  clear(): void {
    this.docs.clear();
    this.linker = undefined;
    this.grouper = undefined;
    this.derived = undefined;
  }

  /** Takes what `from` brought out of the links and groups, and puts `analysis` in as `to`. */
  private replace(from: string, to: string, analysis: DocumentAnalysis): void {
    this.linker?.remove(from);
    this.linker?.add(to, analysis);
    this.grouper?.remove(from);
    this.grouper?.add(to, analysis, this.linkOf);
    this.derived = undefined;
  }

  /**
   * Links the whole workspace again on the next query, longest names first. Documents changed one at a time
   * are linked into the entities as they stand; after many changes (a scan) a full build links best.
   */
  relink(): void {
    this.linker = undefined;
    this.grouper = undefined;
    this.derived = undefined;
  }

  get(document: string): DocumentAnalysis | undefined {
    return this.docs.get(document);
  }

  documents(): string[] {
    return [...this.docs.keys()];
  }

  entities(): WorkspaceEntity[] {
    return this.view().entities;
  }

  /**
   * One-word names of people, organisations and places as the workspace writes them ("Putin", "Colts"), with
   * their type: what analyzeText's knownNames option takes, so that a document that only says "Bush" finds the
   * name another one labels. Words the workspace labels with two types are left out.
   */
  knownNames(): Map<string, EntityType> {
    const names = new Map<string, EntityType | null>();
    const note = (word: string, type: EntityType) => noteNameType(names, word, type);
    for (const e of this.view().entities) {
      if (!PROPER.has(e.type)) continue;
      for (const alias of e.aliases) {
        const words = alias.split(/\s+/);
        if (words.length === 1) note(alias, e.type);
        else if (e.type === 'person') note(words[words.length - 1], 'person');
      }
    }
    // Not the short last parts of names written given-name last ("Un" of Kim Jong Un).
    const out = new Map<string, EntityType>();
    for (const [word, type] of names) if (type && word.length > 2 && /^\p{Lu}/u.test(word)) out.set(word, type);
    return out;
  }

  entity(id: string): WorkspaceEntity | undefined {
    return this.view().byId.get(id);
  }

  /** The workspace entity a document entity was linked to. */
  entityIdOf(document: string, documentEntityKey: string): string | undefined {
    this.view();
    return this.linker?.clusterIdOf(document, documentEntityKey);
  }

  mentionsOf(entityId: string): EntityMention[] {
    const entity = this.view().byId.get(entityId);
    const out: EntityMention[] = [];
    for (const document of entity?.documents ?? []) {
      this.docs.get(document)?.entities.forEach((mention, index) => {
        if (this.linker?.clusterIdOf(document, mention.entity) === entityId) out.push({ document, index, mention });
      });
    }
    return out;
  }

  /** Where documents describe the entity without naming it ("the recent economic forum in St. Petersburg"). */
  descriptionsOf(entityId: string): { document: string; description: NameDescription }[] {
    this.view();
    return this.linker?.descriptionsOf(entityId) ?? [];
  }

  claimGroups(): ClaimGroup[] {
    this.view();
    this.grouper ??= ClaimGrouper.build(this.docs, this.linkOf);
    return this.grouper.list();
  }

  /** Groups that contain the given claim. */
  groupsOf(document: string, claimIndex: number): ClaimGroup[] {
    return this.claimGroups().filter((g) => g.claims.some((c) => c.document === document && c.index === claimIndex));
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
    this.linker ??= EntityLinker.build(this.docs);
    const order = new Map([...this.docs.keys()].map((d, i) => [d, i]));
    this.derived = { ...this.linker.entities(order) };
    return this.derived;
  }
}
