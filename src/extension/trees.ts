// The sidebar's tree views: Entities (by type or by document, sorted and filtered as ViewState says), Claims
// (by document or by kind, filtered by score and curation status) and Cross-references (for the entity or
// claim under the cursor). They read the Corpus; they never analyse.
import * as vscode from 'vscode';
import type { ClaimGroup, Corpus, WorkspaceEntity } from '../core/corpus/corpus';
import { typeTitle } from '../core/report';
import { ENTITY_TYPES, type Claim, type ClaimKind, type EntityType } from '../core/types';
import { excerpt, iconFor, OPEN_LOCATION } from './hover';
import type { LocationArgs } from './ranges';
import { CLAIM_KINDS, readSettings } from './settings';
import { CLAIM_STATUSES, type ClaimStatus } from '../core/curation/annotations';
import type { ViewState } from './viewState';
import type { WorkspaceIndex } from './workspaceIndex';

export type EntityNode =
  // Grouped by type: type → entity → document → mention.
  | { kind: 'group'; type: EntityType }
  | { kind: 'entity'; id: string }
  | { kind: 'document'; id: string; document: string }
  // Grouped by document: document → entity → mention.
  | { kind: 'file'; document: string }
  | { kind: 'fileEntity'; id: string; document: string }
  | { kind: 'mention'; id: string; document: string; index: number };

function baseName(label: string): string {
  return label.split(/[\\/]/).pop() ?? label;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function openCommand(args: LocationArgs): vscode.Command {
  return { command: OPEN_LOCATION, title: 'Open', arguments: [args] };
}

/** The line around a span, for tree labels: "…visit North Korea and Vietnam…". */
function context(text: string, start: number, end: number, width = 70): string {
  const from = Math.max(0, start - Math.floor((width - (end - start)) / 2));
  const to = Math.min(text.length, from + width);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

/** Node objects are interned by id so that TreeView.reveal finds the element it rendered. */
class NodeCache<T> {
  private readonly nodes = new Map<string, T>();
  get(id: string, make: () => T): T {
    let node = this.nodes.get(id);
    if (!node) {
      node = make();
      this.nodes.set(id, node);
    }
    return node;
  }
  clear(): void {
    this.nodes.clear();
  }
}

function entityNodeId(n: EntityNode): string {
  switch (n.kind) {
    case 'group':
      return `group/${n.type}`;
    case 'entity':
      return `entity/${n.id}`;
    case 'document':
      return `entity/${n.id}/${n.document}`;
    case 'file':
      return `file/${n.document}`;
    case 'fileEntity':
      return `file/${n.document}/${n.id}`;
    case 'mention':
      return `mention/${n.id}/${n.document}/${n.index}`;
  }
}

/** Whether an entity's name or an alias holds the filter (any case), or fuzzy search finds it. */
function filterMatcher(corpus: Corpus, filter: string): (e: WorkspaceEntity) => boolean {
  const needle = filter.toLocaleLowerCase();
  // Fuzzy only from three characters on: shorter queries fuzzily match nearly every name.
  const fuzzy = needle.length >= 3 ? new Set(corpus.search(filter, 500).map((e) => e.id)) : new Set<string>();
  return (e) => fuzzy.has(e.id) || [e.name, ...e.aliases].some((a) => a.toLocaleLowerCase().includes(needle));
}

export class EntitiesTreeProvider implements vscode.TreeDataProvider<EntityNode> {
  private readonly changed = new vscode.EventEmitter<EntityNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly cache = new NodeCache<EntityNode>();
  /** Per refresh: the entities shown (types enabled, filter) and mention counts per document. */
  private shownCache: WorkspaceEntity[] | undefined;
  private readonly countsCache = new Map<string, Map<string, number>>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly state: ViewState,
  ) {}

  refresh(): void {
    this.cache.clear();
    this.shownCache = undefined;
    this.countsCache.clear();
    this.changed.fire(undefined);
  }

  node(n: EntityNode): EntityNode {
    return this.cache.get(entityNodeId(n), () => n);
  }

  /** Entities the view lists: of the enabled types and matching the filter. */
  shown(): WorkspaceEntity[] {
    if (!this.shownCache) {
      const corpus = this.index.corpus;
      const enabled = readSettings().entityTypes;
      const filter = this.state.choices.entityFilter;
      const matches = filter ? filterMatcher(corpus, filter) : () => true;
      this.shownCache = corpus.entities().filter((e) => enabled.has(e.type) && matches(e));
    }
    return this.shownCache;
  }

  /** Entities of the enabled types in the workspace, filter or not (the view's badge). */
  total(): number {
    const enabled = readSettings().entityTypes;
    return this.index.corpus.entities().filter((e) => enabled.has(e.type)).length;
  }

  /** What the view says when it lists nothing although the workspace has entities. */
  message(): string | undefined {
    const filter = this.state.choices.entityFilter;
    return filter && this.index.corpus.documents().length > 0 && this.shown().length === 0 ? `No entity matches “${filter}”.` : undefined;
  }

  /** Mentions per workspace entity in one document, counted once per refresh. */
  private countsIn(document: string): Map<string, number> {
    let counts = this.countsCache.get(document);
    if (!counts) {
      counts = new Map();
      const corpus = this.index.corpus;
      for (const m of corpus.get(document)?.entities ?? []) {
        const id = corpus.entityIdOf(document, m.entity);
        if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      this.countsCache.set(document, counts);
    }
    return counts;
  }

  private sorted(entities: WorkspaceEntity[], count: (e: WorkspaceEntity) => number): WorkspaceEntity[] {
    const byName = (a: WorkspaceEntity, b: WorkspaceEntity) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
    return this.state.choices.entitySorting === 'name' ? [...entities].sort(byName) : [...entities].sort((a, b) => count(b) - count(a) || byName(a, b));
  }

  /** The node that stands for an entity seen in a document, in the current grouping; undefined if not shown. */
  nodeFor(id: string, document: string): EntityNode | undefined {
    if (!this.shown().some((e) => e.id === id)) return undefined;
    return this.state.choices.entityGrouping === 'type' ? this.node({ kind: 'entity', id }) : this.node({ kind: 'fileEntity', id, document });
  }

  /** The node of an entity in the current grouping (under its first document when grouped by document). */
  nodeOf(id: string): EntityNode | undefined {
    const first = this.index.corpus.entity(id)?.documents[0];
    return first === undefined ? undefined : this.nodeFor(id, first);
  }

  getChildren(element?: EntityNode): EntityNode[] {
    const corpus = this.index.corpus;
    const shown = this.shown();
    if (!element) {
      if (this.state.choices.entityGrouping === 'document') {
        const documents = new Set(shown.flatMap((e) => e.documents));
        return [...documents]
          .sort((a, b) => this.index.label(a).localeCompare(this.index.label(b)))
          .map((document) => this.node({ kind: 'file', document }));
      }
      const present = new Set(shown.map((e) => e.type));
      return ENTITY_TYPES.filter((t) => present.has(t)).map((type) => this.node({ kind: 'group', type }));
    }
    switch (element.kind) {
      case 'group':
        return this.sorted(
          shown.filter((e) => e.type === element.type),
          (e) => e.mentions,
        ).map((e) => this.node({ kind: 'entity', id: e.id }));
      case 'entity': {
        const entity = corpus.entity(element.id);
        return (entity?.documents ?? []).map((document) => this.node({ kind: 'document', id: element.id, document }));
      }
      case 'file': {
        const counts = this.countsIn(element.document);
        return this.sorted(
          shown.filter((e) => e.documents.includes(element.document)),
          (e) => counts.get(e.id) ?? 0,
        ).map((e) => this.node({ kind: 'fileEntity', id: e.id, document: element.document }));
      }
      case 'document':
      case 'fileEntity':
        return corpus
          .mentionsOf(element.id)
          .filter((m) => m.document === element.document)
          .map((m) => this.node({ kind: 'mention', id: element.id, document: m.document, index: m.index }));
      default:
        return [];
    }
  }

  getParent(element: EntityNode): EntityNode | undefined {
    switch (element.kind) {
      case 'group':
      case 'file':
        return undefined;
      case 'entity': {
        const e = this.index.corpus.entity(element.id);
        return e ? this.node({ kind: 'group', type: e.type }) : undefined;
      }
      case 'document':
        return this.node({ kind: 'entity', id: element.id });
      case 'fileEntity':
        return this.node({ kind: 'file', document: element.document });
      case 'mention':
        return this.state.choices.entityGrouping === 'document'
          ? this.node({ kind: 'fileEntity', id: element.id, document: element.document })
          : this.node({ kind: 'document', id: element.id, document: element.document });
    }
  }

  /** Where "Open" goes: a mention, an entity's first mention (in a document, if one is given), a document. */
  location(element: EntityNode): LocationArgs | undefined {
    const corpus = this.index.corpus;
    switch (element.kind) {
      case 'mention': {
        const m = corpus.get(element.document)?.entities[element.index];
        return m ? { uri: element.document, start: m.start, end: m.end } : undefined;
      }
      case 'entity':
      case 'document':
      case 'fileEntity': {
        const document = element.kind === 'entity' ? undefined : element.document;
        const first = corpus.mentionsOf(element.id).find((m) => document === undefined || m.document === document);
        return first ? { uri: first.document, start: first.mention.start, end: first.mention.end } : undefined;
      }
      case 'file':
        return { uri: element.document, start: 0, end: 0 };
      default:
        return undefined;
    }
  }

  getTreeItem(element: EntityNode): vscode.TreeItem {
    const corpus = this.index.corpus;
    switch (element.kind) {
      case 'group': {
        const count = this.shown().filter((e) => e.type === element.type).length;
        const item = new vscode.TreeItem(typeTitle(element.type), vscode.TreeItemCollapsibleState.Expanded);
        item.id = entityNodeId(element);
        item.description = String(count);
        item.iconPath = new vscode.ThemeIcon(iconFor(element.type), new vscode.ThemeColor(`dossier.${element.type}Background`));
        item.contextValue = 'entityType';
        return item;
      }
      case 'entity':
      case 'fileEntity': {
        const e = corpus.entity(element.id) as WorkspaceEntity | undefined;
        const item = new vscode.TreeItem(e?.name ?? element.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = entityNodeId(element);
        if (e) {
          const here = element.kind === 'fileEntity' ? (this.countsIn(element.document).get(e.id) ?? 0) : undefined;
          item.description = here === undefined ? `${e.mentions} · ${plural(e.documents.length, 'doc')}` : `${here} · ${e.type}`;
          item.tooltip = `${e.name} (${e.type})${e.aliases.length > 1 ? `\nAlso: ${e.aliases.filter((a) => a !== e.name).join(', ')}` : ''}\n${e.mentions} mentions in ${plural(e.documents.length, 'document')}`;
          item.accessibilityInformation = {
            label: `${e.name}, ${e.type}, ${here === undefined ? '' : `${plural(here, 'mention')} here, `}${e.mentions} mentions in ${plural(e.documents.length, 'document')}`,
          };
        }
        item.iconPath = new vscode.ThemeIcon(iconFor(e?.type ?? ''));
        item.contextValue = 'entity';
        return item;
      }
      case 'document': {
        const label = this.index.label(element.document);
        const count = this.countsIn(element.document).get(element.id) ?? 0;
        const item = new vscode.TreeItem(baseName(label), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = entityNodeId(element);
        item.description = `${count}`;
        item.tooltip = label;
        item.resourceUri = vscode.Uri.parse(element.document);
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'entityDocument';
        return item;
      }
      case 'file': {
        const label = this.index.label(element.document);
        const count = this.shown().filter((e) => e.documents.includes(element.document)).length;
        const item = new vscode.TreeItem(baseName(label), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = entityNodeId(element);
        item.description = plural(count, 'entity', 'entities');
        item.tooltip = label;
        item.resourceUri = vscode.Uri.parse(element.document);
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'document';
        return item;
      }
      case 'mention': {
        const a = corpus.get(element.document);
        const m = a?.entities[element.index];
        const item = new vscode.TreeItem(m ? m.text : '?', vscode.TreeItemCollapsibleState.None);
        item.id = entityNodeId(element);
        if (a && m) {
          item.description = mentionContext(this.index, element.document, m.start, m.end);
          item.command = openCommand({ uri: element.document, start: m.start, end: m.end });
        }
        item.iconPath = new vscode.ThemeIcon('symbol-text');
        item.contextValue = 'mention';
        return item;
      }
    }
  }
}

function mentionContext(index: WorkspaceIndex, document: string, start: number, end: number): string {
  // Every sentence of three words or more is a (possibly low-scoring) claim, so its text gives the context.
  const claim = index.corpus.get(document)?.claims.find((c) => c.start <= start && end <= c.end);
  return claim ? context(claim.text, start - claim.start, end - claim.start) : '';
}

/** Curation's verdict on a claim (undefined: not marked). Supplied by whoever stores the annotations. */
export type ClaimStatusOf = (document: string, claimIndex: number) => ClaimStatus | undefined;

const STATUS_ICONS: Record<ClaimStatus, vscode.ThemeIcon> = {
  verified: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  disputed: new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground')),
  false: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
};

export type ClaimNode =
  | { kind: 'document'; document: string }
  | { kind: 'claimKind'; claimKind: ClaimKind }
  | { kind: 'claim'; document: string; index: number };

export class ClaimsTreeProvider implements vscode.TreeDataProvider<ClaimNode> {
  private readonly changed = new vscode.EventEmitter<ClaimNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly cache = new NodeCache<ClaimNode>();
  /** Per refresh: the claims shown, per document, in document order. */
  private shownCache: Map<string, number[]> | undefined;
  private statusOfValue: ClaimStatusOf;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly state: ViewState,
    statusOf: ClaimStatusOf = () => undefined,
  ) {
    this.statusOfValue = statusOf;
  }

  /** Plugs in curation (claim statuses) after activation; returns the function it replaces. */
  setStatusOf(statusOf: ClaimStatusOf): ClaimStatusOf {
    const previous = this.statusOfValue;
    this.statusOfValue = statusOf;
    this.refresh();
    return previous;
  }

  refresh(): void {
    this.cache.clear();
    this.shownCache = undefined;
    this.changed.fire(undefined);
  }

  node(n: ClaimNode): ClaimNode {
    return this.cache.get(this.nodeId(n), () => n);
  }

  private nodeId(n: ClaimNode): string {
    switch (n.kind) {
      case 'document':
        return `doc/${n.document}`;
      case 'claimKind':
        return `kind/${n.claimKind}`;
      case 'claim':
        return `claim/${this.state.choices.claimGrouping}/${n.document}/${n.index}`;
    }
  }

  /** A claim's status, whatever the supplier does wrong (throws, returns something unknown). */
  statusOf(document: string, index: number): ClaimStatus | undefined {
    try {
      const status = this.statusOfValue(document, index);
      return (CLAIM_STATUSES as readonly unknown[]).includes(status) ? status : undefined;
    } catch {
      return undefined;
    }
  }

  minimumScore(): number {
    return this.state.choices.claimMinimumScore ?? readSettings().minimumClaimScore;
  }

  /** Whether the view's own filters (a score other than the setting's, a status) hide anything. */
  filtering(): boolean {
    return this.state.choices.claimMinimumScore !== undefined || this.state.choices.claimStatus !== 'all';
  }

  /** Indexes of the claims shown, per document with any. */
  private shown(): Map<string, number[]> {
    if (this.shownCache) return this.shownCache;
    const min = this.minimumScore();
    const wanted = this.state.choices.claimStatus;
    const out = new Map<string, number[]>();
    for (const document of this.index.corpus.documents()) {
      const indexes: number[] = [];
      // Scores alone: a document out of use is not unpacked for them.
      (this.index.corpus.claimScores(document) ?? []).forEach((score, index) => {
        if (score < min) return;
        if (wanted !== 'all' && (this.statusOf(document, index) ?? 'unmarked') !== wanted) return;
        indexes.push(index);
      });
      out.set(document, indexes);
    }
    this.shownCache = out;
    return out;
  }

  shows(document: string, index: number): boolean {
    return this.shown().get(document)?.includes(index) ?? false;
  }

  /** Claims the view lists (the badge). */
  count(): number {
    let n = 0;
    for (const indexes of this.shown().values()) n += indexes.length;
    return n;
  }

  /** The filters in words, for the view's title bar ("score ≥ 0.8 · disputed"); undefined when none. */
  describeFilter(): string | undefined {
    const parts: string[] = [];
    if (this.state.choices.claimMinimumScore !== undefined) parts.push(`score ≥ ${this.minimumScore().toFixed(2)}`);
    if (this.state.choices.claimStatus !== 'all') parts.push(this.state.choices.claimStatus);
    return parts.length ? parts.join(' · ') : undefined;
  }

  message(): string | undefined {
    const filter = this.describeFilter();
    return filter && this.index.corpus.documents().length > 0 && this.count() === 0 ? `No claim matches the filter (${filter}).` : undefined;
  }

  private documentsInOrder(): string[] {
    return [...this.shown().keys()].sort((a, b) => this.index.label(a).localeCompare(this.index.label(b)));
  }

  getChildren(element?: ClaimNode): ClaimNode[] {
    const shown = this.shown();
    if (!element) {
      if (this.state.choices.claimGrouping === 'kind') {
        const present = new Set<ClaimKind>();
        for (const [document, indexes] of shown) for (const i of indexes) present.add(this.claim(document, i)?.kind ?? 'fact');
        return CLAIM_KINDS.filter((k) => present.has(k)).map((claimKind) => this.node({ kind: 'claimKind', claimKind }));
      }
      // Filtered, a document without any claim shown is noise; unfiltered, it says "analysed, no claims".
      return this.documentsInOrder()
        .filter((document) => !this.filtering() || (shown.get(document)?.length ?? 0) > 0)
        .map((document) => this.node({ kind: 'document', document }));
    }
    if (element.kind === 'document') return (shown.get(element.document) ?? []).map((index) => this.node({ kind: 'claim', document: element.document, index }));
    if (element.kind === 'claimKind') {
      return this.documentsInOrder().flatMap((document) =>
        (shown.get(document) ?? []).filter((i) => this.claim(document, i)?.kind === element.claimKind).map((index) => this.node({ kind: 'claim', document, index })),
      );
    }
    return [];
  }

  private claim(document: string, index: number): Claim | undefined {
    return this.index.corpus.get(document)?.claims[index];
  }

  getParent(element: ClaimNode): ClaimNode | undefined {
    if (element.kind !== 'claim') return undefined;
    if (this.state.choices.claimGrouping === 'document') return this.node({ kind: 'document', document: element.document });
    const c = this.claim(element.document, element.index);
    return c ? this.node({ kind: 'claimKind', claimKind: c.kind }) : undefined;
  }

  /** The node of the claim, when the view shows it. */
  nodeFor(document: string, index: number): ClaimNode | undefined {
    return this.shows(document, index) ? this.node({ kind: 'claim', document, index }) : undefined;
  }

  location(element: ClaimNode): LocationArgs | undefined {
    if (element.kind === 'document') return { uri: element.document, start: 0, end: 0 };
    if (element.kind !== 'claim') return undefined;
    const c = this.claim(element.document, element.index);
    return c ? { uri: element.document, start: c.start, end: c.end } : undefined;
  }

  /** The claim's text, for Copy Claim Text. */
  text(element: ClaimNode): string | undefined {
    return element.kind === 'claim' ? this.claim(element.document, element.index)?.text : undefined;
  }

  getTreeItem(element: ClaimNode): vscode.TreeItem {
    if (element.kind === 'document') {
      const label = this.index.label(element.document);
      const count = this.shown().get(element.document)?.length ?? 0;
      const item = new vscode.TreeItem(baseName(label), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = this.nodeId(element);
      item.description = plural(count, 'claim');
      item.tooltip = label;
      item.resourceUri = vscode.Uri.parse(element.document);
      item.iconPath = vscode.ThemeIcon.File;
      item.contextValue = 'document';
      return item;
    }
    if (element.kind === 'claimKind') {
      let count = 0;
      for (const [document, indexes] of this.shown()) count += indexes.filter((i) => this.claim(document, i)?.kind === element.claimKind).length;
      const item = new vscode.TreeItem(KIND_TITLES[element.claimKind], vscode.TreeItemCollapsibleState.Expanded);
      item.id = this.nodeId(element);
      item.description = String(count);
      item.iconPath = new vscode.ThemeIcon(iconFor(element.claimKind));
      item.contextValue = 'claimKind';
      return item;
    }
    const c = this.claim(element.document, element.index);
    const item = new vscode.TreeItem(c ? excerpt(c.text, 80) : '?', vscode.TreeItemCollapsibleState.None);
    item.id = this.nodeId(element);
    if (c) {
      const groups = this.index.corpus.groupsOf(element.document, element.index);
      const conflicts = groups.filter((g) => g.relation === 'conflict').length;
      const status = this.statusOf(element.document, element.index);
      // Grouped by kind, the document is what the kind group does not say.
      const where = this.state.choices.claimGrouping === 'kind' ? [baseName(this.index.label(element.document))] : [c.kind];
      item.description = [
        ...(status ? [status] : []),
        ...where,
        c.score.toFixed(2),
        c.source ? excerpt(c.source.text, 30) : 'no source',
        ...(conflicts ? [plural(conflicts, 'conflict')] : []),
      ].join(' · ');
      item.tooltip = status ? `${c.text}\n\nMarked ${status}.` : c.text;
      item.iconPath = status ? STATUS_ICONS[status] : new vscode.ThemeIcon(conflicts ? 'warning' : iconFor(c.kind));
      item.command = openCommand({ uri: element.document, start: c.start, end: c.end });
    }
    item.contextValue = 'claim';
    return item;
  }
}

const KIND_TITLES: Record<ClaimKind, string> = { fact: 'Facts', quote: 'Quotes', opinion: 'Opinions', prediction: 'Predictions' };

export type CrossReferenceFocus = { kind: 'entity'; id: string } | { kind: 'claim'; document: string; index: number };

export type CrossReferenceNode =
  | { kind: 'entityHeader'; id: string }
  | { kind: 'entityDocument'; id: string; document: string }
  | { kind: 'entityMention'; id: string; document: string; index: number }
  | { kind: 'group'; group: ClaimGroup }
  | { kind: 'groupClaim'; document: string; index: number };

export class CrossReferencesProvider implements vscode.TreeDataProvider<CrossReferenceNode> {
  private readonly changed = new vscode.EventEmitter<CrossReferenceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private focusValue: CrossReferenceFocus | undefined;

  constructor(private readonly index: WorkspaceIndex) {}

  get focus(): CrossReferenceFocus | undefined {
    return this.focusValue;
  }

  setFocus(focus: CrossReferenceFocus | undefined): void {
    const same = JSON.stringify(focus) === JSON.stringify(this.focusValue);
    this.focusValue = focus;
    if (!same) this.changed.fire(undefined);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** What the view says when it has nothing to list. */
  message(): string | undefined {
    if (!this.focusValue) return 'Place the cursor on an entity or a claim to see where else it appears.';
    if (this.getChildren().length === 0) return 'Nothing related in other documents.';
    return undefined;
  }

  /** What the badge counts: the focused entity's mentions, or the claims related to the focused claim. */
  count(): number {
    const focus = this.focusValue;
    if (!focus) return 0;
    const corpus = this.index.corpus;
    if (focus.kind === 'entity') return corpus.mentionsOf(focus.id).length;
    const others = new Set<string>();
    for (const g of corpus.groupsOf(focus.document, focus.index)) {
      for (const c of g.claims) if (!(c.document === focus.document && c.index === focus.index)) others.add(`${c.document}#${c.index}`);
    }
    return others.size;
  }

  getChildren(element?: CrossReferenceNode): CrossReferenceNode[] {
    const corpus = this.index.corpus;
    const focus = this.focusValue;
    if (!element) {
      if (!focus) return [];
      if (focus.kind === 'entity') {
        const e = corpus.entity(focus.id);
        return e ? [{ kind: 'entityHeader', id: e.id }, ...e.documents.map((document) => ({ kind: 'entityDocument' as const, id: e.id, document }))] : [];
      }
      // The node holds its group: made for this listing (the index keeps pairs, not group objects).
      return corpus.groupsOf(focus.document, focus.index).map((group) => ({ kind: 'group' as const, group }));
    }
    if (element.kind === 'entityDocument') {
      return corpus
        .mentionsOf(element.id)
        .filter((m) => m.document === element.document)
        .map((m) => ({ kind: 'entityMention' as const, id: element.id, document: m.document, index: m.index }));
    }
    if (element.kind === 'group') {
      return element.group.claims.map((c) => ({ kind: 'groupClaim' as const, document: c.document, index: c.index }));
    }
    return [];
  }

  getTreeItem(element: CrossReferenceNode): vscode.TreeItem {
    const corpus = this.index.corpus;
    switch (element.kind) {
      case 'entityHeader': {
        const e = corpus.entity(element.id);
        const item = new vscode.TreeItem(e?.name ?? element.id, vscode.TreeItemCollapsibleState.None);
        item.description = e ? `${e.type} · ${e.mentions} mentions in ${e.documents.length} documents` : '';
        item.tooltip = e && e.aliases.length > 1 ? `Also: ${e.aliases.filter((a) => a !== e.name).join(', ')}` : undefined;
        item.iconPath = new vscode.ThemeIcon(iconFor(e?.type ?? ''));
        item.contextValue = 'entity';
        return item;
      }
      case 'entityDocument': {
        const label = this.index.label(element.document);
        const count = corpus.mentionsOf(element.id).filter((m) => m.document === element.document).length;
        const item = new vscode.TreeItem(baseName(label), vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${count} mention${count === 1 ? '' : 's'}`;
        item.tooltip = label;
        item.resourceUri = vscode.Uri.parse(element.document);
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'entityDocument';
        return item;
      }
      case 'entityMention': {
        const m = corpus.get(element.document)?.entities[element.index];
        const item = new vscode.TreeItem(m?.text ?? '?', vscode.TreeItemCollapsibleState.None);
        if (m) {
          item.description = mentionContext(this.index, element.document, m.start, m.end);
          item.command = openCommand({ uri: element.document, start: m.start, end: m.end });
        }
        item.contextValue = 'mention';
        return item;
      }
      case 'group': {
        const g = element.group;
        const item = new vscode.TreeItem(g.relation, vscode.TreeItemCollapsibleState.Expanded);
        item.description = g.reason;
        item.iconPath = new vscode.ThemeIcon(g.relation === 'conflict' ? 'warning' : g.relation === 'agree' ? 'pass' : 'link');
        item.contextValue = 'claimGroup';
        return item;
      }
      case 'groupClaim': {
        const c = corpus.get(element.document)?.claims[element.index];
        const item = new vscode.TreeItem(baseName(this.index.label(element.document)), vscode.TreeItemCollapsibleState.None);
        if (c) {
          item.description = excerpt(c.text, 80);
          item.tooltip = c.text;
          item.command = openCommand({ uri: element.document, start: c.start, end: c.end });
        }
        item.iconPath = new vscode.ThemeIcon('comment-discussion');
        item.contextValue = 'claim';
        return item;
      }
    }
  }
}

export function focusAt(index: WorkspaceIndex, document: vscode.TextDocument, offset: number): CrossReferenceFocus | undefined {
  const docId = document.uri.toString();
  const analysis = index.get(docId);
  if (!analysis) return undefined;
  const mention = analysis.entities.find((m) => m.start <= offset && offset < m.end);
  if (mention) {
    const id = index.corpus.entityIdOf(docId, mention.entity);
    if (id) return { kind: 'entity', id };
  }
  const claimIndex = analysis.claims.findIndex((c) => c.start <= offset && offset < c.end);
  return claimIndex >= 0 ? { kind: 'claim', document: docId, index: claimIndex } : undefined;
}
