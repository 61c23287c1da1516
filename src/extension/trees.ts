// The sidebar's tree views: Entities (by type), Claims (by document) and Cross-references (for the
// entity or claim under the cursor). They read the Corpus; they never analyse.
import * as vscode from 'vscode';
import type { WorkspaceEntity } from '../core/corpus/corpus';
import { typeTitle } from '../core/report';
import { ENTITY_TYPES, type EntityType } from '../core/types';
import { excerpt, iconFor, OPEN_LOCATION } from './hover';
import type { LocationArgs } from './ranges';
import { readSettings } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

export type EntityNode =
  | { kind: 'group'; type: EntityType }
  | { kind: 'entity'; id: string }
  | { kind: 'document'; id: string; document: string }
  | { kind: 'mention'; id: string; document: string; index: number };

function baseName(label: string): string {
  return label.split(/[\\/]/).pop() ?? label;
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
    case 'mention':
      return `entity/${n.id}/${n.document}/${n.index}`;
  }
}

export class EntitiesTreeProvider implements vscode.TreeDataProvider<EntityNode> {
  private readonly changed = new vscode.EventEmitter<EntityNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly cache = new NodeCache<EntityNode>();

  constructor(private readonly index: WorkspaceIndex) {}

  refresh(): void {
    this.cache.clear();
    this.changed.fire(undefined);
  }

  node(n: EntityNode): EntityNode {
    return this.cache.get(entityNodeId(n), () => n);
  }

  getChildren(element?: EntityNode): EntityNode[] {
    const corpus = this.index.corpus;
    const enabled = readSettings().entityTypes;
    if (!element) {
      const present = new Set(corpus.entities().map((e) => e.type));
      return ENTITY_TYPES.filter((t) => present.has(t) && enabled.has(t)).map((type) => this.node({ kind: 'group', type }));
    }
    switch (element.kind) {
      case 'group':
        return corpus.entities().filter((e) => e.type === element.type).map((e) => this.node({ kind: 'entity', id: e.id }));
      case 'entity': {
        const entity = corpus.entity(element.id);
        return (entity?.documents ?? []).map((document) => this.node({ kind: 'document', id: element.id, document }));
      }
      case 'document':
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
        return undefined;
      case 'entity': {
        const e = this.index.corpus.entity(element.id);
        return e ? this.node({ kind: 'group', type: e.type }) : undefined;
      }
      case 'document':
        return this.node({ kind: 'entity', id: element.id });
      case 'mention':
        return this.node({ kind: 'document', id: element.id, document: element.document });
    }
  }

  getTreeItem(element: EntityNode): vscode.TreeItem {
    const corpus = this.index.corpus;
    switch (element.kind) {
      case 'group': {
        const count = corpus.entities().filter((e) => e.type === element.type).length;
        const item = new vscode.TreeItem(typeTitle(element.type), vscode.TreeItemCollapsibleState.Expanded);
        item.id = entityNodeId(element);
        item.description = String(count);
        item.iconPath = new vscode.ThemeIcon(iconFor(element.type), new vscode.ThemeColor(`dossier.${element.type}Background`));
        item.contextValue = 'dossier.group';
        return item;
      }
      case 'entity': {
        const e = corpus.entity(element.id) as WorkspaceEntity | undefined;
        const item = new vscode.TreeItem(e?.name ?? element.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = entityNodeId(element);
        if (e) {
          item.description = `${e.mentions} · ${e.documents.length} doc${e.documents.length === 1 ? '' : 's'}`;
          item.tooltip = `${e.name} (${e.type})${e.aliases.length > 1 ? `\nAlso: ${e.aliases.filter((a) => a !== e.name).join(', ')}` : ''}\n${e.mentions} mentions in ${e.documents.length} documents`;
          item.accessibilityInformation = { label: `${e.name}, ${e.type}, ${e.mentions} mentions in ${e.documents.length} documents` };
        }
        item.iconPath = new vscode.ThemeIcon(iconFor(e?.type ?? ''));
        item.contextValue = 'dossier.entity';
        return item;
      }
      case 'document': {
        const label = this.index.label(element.document);
        const count = corpus.mentionsOf(element.id).filter((m) => m.document === element.document).length;
        const item = new vscode.TreeItem(baseName(label), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = entityNodeId(element);
        item.description = `${count}`;
        item.tooltip = label;
        item.resourceUri = vscode.Uri.parse(element.document);
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = 'dossier.document';
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
        item.contextValue = 'dossier.mention';
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

export type ClaimNode = { kind: 'document'; document: string } | { kind: 'claim'; document: string; index: number };

export class ClaimsTreeProvider implements vscode.TreeDataProvider<ClaimNode> {
  private readonly changed = new vscode.EventEmitter<ClaimNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly cache = new NodeCache<ClaimNode>();

  constructor(private readonly index: WorkspaceIndex) {}

  refresh(): void {
    this.cache.clear();
    this.changed.fire(undefined);
  }

  private node(n: ClaimNode): ClaimNode {
    return this.cache.get(n.kind === 'document' ? `doc/${n.document}` : `claim/${n.document}/${n.index}`, () => n);
  }

  getChildren(element?: ClaimNode): ClaimNode[] {
    const corpus = this.index.corpus;
    if (!element) {
      return corpus
        .documents()
        .sort((a, b) => this.index.label(a).localeCompare(this.index.label(b)))
        .map((document) => this.node({ kind: 'document', document }));
    }
    if (element.kind !== 'document') return [];
    const min = readSettings().minimumClaimScore;
    const claims = corpus.get(element.document)?.claims ?? [];
    return claims.flatMap((c, index) => (c.score >= min ? [this.node({ kind: 'claim', document: element.document, index })] : []));
  }

  getParent(element: ClaimNode): ClaimNode | undefined {
    return element.kind === 'claim' ? this.node({ kind: 'document', document: element.document }) : undefined;
  }

  getTreeItem(element: ClaimNode): vscode.TreeItem {
    if (element.kind === 'document') {
      const label = this.index.label(element.document);
      const min = readSettings().minimumClaimScore;
      const count = this.index.corpus.get(element.document)?.claims.filter((c) => c.score >= min).length ?? 0;
      const item = new vscode.TreeItem(baseName(label), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `doc/${element.document}`;
      item.description = `${count} claim${count === 1 ? '' : 's'}`;
      item.tooltip = label;
      item.resourceUri = vscode.Uri.parse(element.document);
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    const c = this.index.corpus.get(element.document)?.claims[element.index];
    const item = new vscode.TreeItem(c ? excerpt(c.text, 80) : '?', vscode.TreeItemCollapsibleState.None);
    item.id = `claim/${element.document}/${element.index}`;
    if (c) {
      const groups = this.index.corpus.groupsOf(element.document, element.index);
      const conflicts = groups.filter((g) => g.relation === 'conflict').length;
      item.description = `${c.kind} · ${c.score.toFixed(2)}${c.source ? ` · ${excerpt(c.source.text, 30)}` : ' · no source'}${conflicts ? ` · ${conflicts} conflict${conflicts === 1 ? '' : 's'}` : ''}`;
      item.tooltip = c.text;
      item.iconPath = new vscode.ThemeIcon(conflicts ? 'warning' : iconFor(c.kind));
      item.command = openCommand({ uri: element.document, start: c.start, end: c.end });
    }
    item.contextValue = 'dossier.claim';
    return item;
  }
}

export type CrossReferenceFocus = { kind: 'entity'; id: string } | { kind: 'claim'; document: string; index: number };

export type CrossReferenceNode =
  | { kind: 'entityHeader'; id: string }
  | { kind: 'entityDocument'; id: string; document: string }
  | { kind: 'entityMention'; id: string; document: string; index: number }
  | { kind: 'group'; groupId: string }
  | { kind: 'groupClaim'; groupId: string; document: string; index: number };

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

  getChildren(element?: CrossReferenceNode): CrossReferenceNode[] {
    const corpus = this.index.corpus;
    const focus = this.focusValue;
    if (!element) {
      if (!focus) return [];
      if (focus.kind === 'entity') {
        const e = corpus.entity(focus.id);
        return e ? [{ kind: 'entityHeader', id: e.id }, ...e.documents.map((document) => ({ kind: 'entityDocument' as const, id: e.id, document }))] : [];
      }
      return corpus.groupsOf(focus.document, focus.index).map((g) => ({ kind: 'group' as const, groupId: g.id }));
    }
    if (element.kind === 'entityDocument') {
      return corpus
        .mentionsOf(element.id)
        .filter((m) => m.document === element.document)
        .map((m) => ({ kind: 'entityMention' as const, id: element.id, document: m.document, index: m.index }));
    }
    if (element.kind === 'group') {
      const g = corpus.claimGroups().find((x) => x.id === element.groupId);
      return (g?.claims ?? []).map((c) => ({ kind: 'groupClaim' as const, groupId: element.groupId, document: c.document, index: c.index }));
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
        return item;
      }
      case 'entityMention': {
        const m = corpus.get(element.document)?.entities[element.index];
        const item = new vscode.TreeItem(m?.text ?? '?', vscode.TreeItemCollapsibleState.None);
        if (m) {
          item.description = mentionContext(this.index, element.document, m.start, m.end);
          item.command = openCommand({ uri: element.document, start: m.start, end: m.end });
        }
        return item;
      }
      case 'group': {
        const g = corpus.claimGroups().find((x) => x.id === element.groupId);
        const item = new vscode.TreeItem(g ? g.relation : '?', vscode.TreeItemCollapsibleState.Expanded);
        item.description = g?.reason;
        item.iconPath = new vscode.ThemeIcon(g?.relation === 'conflict' ? 'warning' : g?.relation === 'agree' ? 'pass' : 'link');
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
