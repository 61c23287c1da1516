// The three tree views of the Dossier sidebar and what their title bars say: badges with counts, the active
// filters as the view description, a message when a filter hides everything, and the context key the
// welcome content (package.json viewsWelcome) shows by when the workspace has no analysed document.
import * as vscode from 'vscode';
import type { ClaimNode, ClaimsTreeProvider, CrossReferenceNode, CrossReferencesProvider, EntitiesTreeProvider, EntityNode } from './trees';
import type { ViewState } from './viewState';
import type { WorkspaceIndex } from './workspaceIndex';

export interface SidebarProviders {
  index: WorkspaceIndex;
  state: ViewState;
  entities: EntitiesTreeProvider;
  claims: ClaimsTreeProvider;
  crossReferences: CrossReferencesProvider;
}

function badge(n: number, tooltip: string): vscode.ViewBadge | undefined {
  return n > 0 ? { value: n, tooltip } : undefined;
}

export class Sidebar implements vscode.Disposable {
  readonly entitiesView: vscode.TreeView<EntityNode>;
  readonly claimsView: vscode.TreeView<ClaimNode>;
  readonly crossReferencesView: vscode.TreeView<CrossReferenceNode>;
  private readonly disposables: vscode.Disposable[];
  private hasDocuments: boolean | undefined;

  constructor(private readonly p: SidebarProviders) {
    this.entitiesView = vscode.window.createTreeView('dossier.entities', { treeDataProvider: p.entities, showCollapseAll: true });
    this.claimsView = vscode.window.createTreeView('dossier.claims', { treeDataProvider: p.claims, showCollapseAll: true });
    this.crossReferencesView = vscode.window.createTreeView('dossier.crossReferences', { treeDataProvider: p.crossReferences });
    this.disposables = [
      this.entitiesView,
      this.claimsView,
      this.crossReferencesView,
      // Whatever refreshes a view (the index, a setting, a view choice, the cursor), its title bar follows.
      p.entities.onDidChangeTreeData(() => this.updateEntities()),
      p.claims.onDidChangeTreeData(() => this.updateClaims()),
      p.crossReferences.onDidChangeTreeData(() => this.updateCrossReferences()),
      p.state.onDidChange(() => {
        p.entities.refresh();
        p.claims.refresh();
      }),
    ];
    this.updateEntities();
    this.updateClaims();
    this.updateCrossReferences();
  }

  private updateEntities(): void {
    const { entities, state, index } = this.p;
    const total = entities.total();
    this.entitiesView.badge = badge(total, `${total} entities in the workspace`);
    const filter = state.choices.entityFilter;
    this.entitiesView.description = filter ? `filter: ${filter}` : undefined;
    this.entitiesView.message = entities.message();
    const hasDocuments = index.corpus.documents().length > 0;
    if (hasDocuments !== this.hasDocuments) {
      this.hasDocuments = hasDocuments;
      void vscode.commands.executeCommand('setContext', 'dossier.hasDocuments', hasDocuments);
    }
  }

  private updateClaims(): void {
    const { claims } = this.p;
    const n = claims.count();
    this.claimsView.badge = badge(n, `${n} claims shown`);
    this.claimsView.description = claims.describeFilter();
    this.claimsView.message = claims.message();
  }

  private updateCrossReferences(): void {
    const { crossReferences } = this.p;
    const n = crossReferences.count();
    const focus = crossReferences.focus;
    this.crossReferencesView.badge = badge(n, focus?.kind === 'claim' ? `${n} related claims` : `${n} mentions`);
    this.crossReferencesView.message = crossReferences.message();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
