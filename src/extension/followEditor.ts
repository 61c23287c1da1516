// "Follow editor": as the cursor moves, the Cross-References view shows the entity or claim under it, and the
// Entities and Claims views select its item, without taking the focus from the editor. Debounced, so that
// holding an arrow key does not reveal every item passed over; off when the user turns following off.
import * as vscode from 'vscode';
import { isAnalyzable } from './settings';
import { focusAt, type ClaimNode, type ClaimsTreeProvider, type CrossReferencesProvider, type EntitiesTreeProvider, type EntityNode } from './trees';
import type { ViewState } from './viewState';
import type { WorkspaceIndex } from './workspaceIndex';

export interface FollowTargets {
  index: WorkspaceIndex;
  state: ViewState;
  entities: EntitiesTreeProvider;
  claims: ClaimsTreeProvider;
  crossReferences: CrossReferencesProvider;
  entitiesView: vscode.TreeView<EntityNode>;
  claimsView: vscode.TreeView<ClaimNode>;
}

export class FollowEditor implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly t: FollowTargets,
    private readonly delayMs = 150,
  ) {
    this.disposables = [
      vscode.window.onDidChangeTextEditorSelection((e) => this.schedule(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.schedule(editor)),
      // Turned on, or regrouped: catch up with where the cursor is now.
      t.state.onDidChange(() => vscode.window.activeTextEditor && this.schedule(vscode.window.activeTextEditor)),
      // A view shown again catches up too (a hidden view is never revealed into: that would open it).
      t.entitiesView.onDidChangeVisibility((e) => e.visible && vscode.window.activeTextEditor && this.schedule(vscode.window.activeTextEditor)),
      t.claimsView.onDidChangeVisibility((e) => e.visible && vscode.window.activeTextEditor && this.schedule(vscode.window.activeTextEditor)),
    ];
  }

  private schedule(editor: vscode.TextEditor): void {
    if (!this.t.state.choices.followEditor || !isAnalyzable(editor.document)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.follow(editor);
    }, this.delayMs);
  }

  /** Brings the views to the cursor of the editor now. */
  async follow(editor: vscode.TextEditor): Promise<void> {
    const { index, state, entities, claims, crossReferences, entitiesView, claimsView } = this.t;
    if (!state.choices.followEditor || editor.document.isClosed) return;
    const document = editor.document;
    const offset = document.offsetAt(editor.selection.active);
    const focus = focusAt(index, document, offset);
    if (focus) crossReferences.setFocus(focus);

    const docId = document.uri.toString();
    const analysis = index.get(docId);
    if (!analysis) return;
    const reveals: Promise<void>[] = [];
    if (entitiesView.visible) {
      const mention = analysis.entities.find((m) => m.start <= offset && offset < m.end);
      const id = mention && index.corpus.entityIdOf(docId, mention.entity);
      const node = id ? entities.nodeFor(id, docId) : undefined;
      if (node && entitiesView.selection[0] !== node) reveals.push(reveal(entitiesView, node));
    }
    if (claimsView.visible) {
      const claimIndex = analysis.claims.findIndex((c) => c.start <= offset && offset < c.end);
      const node = claimIndex >= 0 ? claims.nodeFor(docId, claimIndex) : undefined;
      if (node && claimsView.selection[0] !== node) reveals.push(reveal(claimsView, node));
    }
    await Promise.all(reveals);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

async function reveal<T>(view: vscode.TreeView<T>, node: T): Promise<void> {
  try {
    await view.reveal(node, { select: true, focus: false });
  } catch {
    // The tree was refreshed under us (a re-analysis); the next cursor move reveals again.
  }
}
