// Activation: wires the workspace index to decorations, hovers, references, the summary CodeLens, conflict
// diagnostics, tree views, commands and the status bar.
// Cheap: nothing is analysed until a text document is visible; the workspace scan runs in the worker.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Corpus } from '../core/corpus/corpus';
import type { DocumentAnalysis } from '../core/types';
import { OPEN_SIDEBAR, SummaryCodeLensProvider } from './codeLens';
import { registerCommands } from './commands';
import { Decorations } from './decorations';
import { ConflictDiagnostics } from './diagnostics';
import { DossierHoverProvider } from './hover';
import { EntityReferenceProvider } from './references';
import { isAnalyzable, readSettings } from './settings';
import { ClaimsTreeProvider, CrossReferencesProvider, EntitiesTreeProvider, focusAt } from './trees';
import { WorkspaceIndex } from './workspaceIndex';

export interface DossierApi {
  whenIdle(): Promise<void>;
  getDocumentAnalysis(uri: vscode.Uri): DocumentAnalysis | undefined;
  getDecorationSummary(editor: vscode.TextEditor): Record<string, number>;
  /** The style (background, underline, none) each decoration category is drawn in. */
  getHighlightStyles(): Record<string, string>;
  treeProviders: {
    entities: vscode.TreeDataProvider<unknown>;
    claims: vscode.TreeDataProvider<unknown>;
    crossReferences: vscode.TreeDataProvider<unknown>;
  };
  corpus: Corpus;
}

const SELECTOR: vscode.DocumentSelector = [{ language: 'plaintext' }, { language: 'markdown' }];

export function activate(context: vscode.ExtensionContext): DossierApi {
  const index = new WorkspaceIndex(path.join(context.extensionPath, 'dist', 'worker.js'));
  const decorations = new Decorations(index);
  const codeLenses = new SummaryCodeLensProvider(index);
  const conflicts = new ConflictDiagnostics(index);
  const entities = new EntitiesTreeProvider(index);
  const claims = new ClaimsTreeProvider(index);
  const crossReferences = new CrossReferencesProvider(index);
  const entitiesView = vscode.window.createTreeView('dossier.entities', { treeDataProvider: entities, showCollapseAll: true });
  const claimsView = vscode.window.createTreeView('dossier.claims', { treeDataProvider: claims, showCollapseAll: true });
  const crossReferencesView = vscode.window.createTreeView('dossier.crossReferences', { treeDataProvider: crossReferences });
  crossReferencesView.message = crossReferences.message();
  // Whatever changes the focus (cursor, Find Entity, Show Cross-References), the hint follows.
  const crossReferencesMessage = crossReferences.onDidChangeTreeData(() => (crossReferencesView.message = crossReferences.message()));

  const status = vscode.window.createStatusBarItem('dossier.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Dossier';
  status.command = OPEN_SIDEBAR;
  const updateStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const analysis = editor && isAnalyzable(editor.document) ? index.get(editor.document.uri) : undefined;
    if (!analysis) {
      status.hide();
      return;
    }
    const min = readSettings().minimumClaimScore;
    const claimCount = analysis.claims.filter((c) => c.score >= min).length;
    status.text = `$(book) ${analysis.documentEntities.length} · $(comment-discussion) ${claimCount}`;
    status.tooltip = `Dossier: ${analysis.documentEntities.length} entities and ${claimCount} check-worthy claims in this document. Click to open the sidebar.`;
    status.show();
  };

  const refreshViews = () => {
    entities.refresh();
    claims.refresh();
    crossReferences.refresh();
    const n = index.corpus.entities().length;
    entitiesView.badge = n ? { value: n, tooltip: `${n} entities in the workspace` } : undefined;
    decorations.refreshAll();
    updateStatus();
    codeLenses.refresh();
    void conflicts.update();
  };

  let selectionTimer: NodeJS.Timeout | undefined;
  context.subscriptions.push(
    index,
    decorations,
    codeLenses,
    conflicts,
    entitiesView,
    claimsView,
    crossReferencesView,
    crossReferencesMessage,
    status,
    index.onDidChange(refreshViews),
    vscode.languages.registerHoverProvider(SELECTOR, new DossierHoverProvider(index)),
    vscode.languages.registerReferenceProvider(SELECTOR, new EntityReferenceProvider(index)),
    vscode.languages.registerCodeLensProvider(SELECTOR, codeLenses),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const e of editors) decorations.refresh(e);
    }),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    // Lean mode draws only in the active editor: a new active editor means redrawing all of them.
    vscode.window.onDidChangeActiveTextEditor(() => {
      if (!readSettings().leanMode) return;
      decorations.refreshAll();
      codeLenses.refresh();
    }),
    // The Cross-references view follows the cursor.
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (!isAnalyzable(e.textEditor.document)) return;
      if (selectionTimer) clearTimeout(selectionTimer);
      selectionTimer = setTimeout(() => {
        const focus = focusAt(index, e.textEditor.document, e.textEditor.document.offsetAt(e.selections[0].active));
        if (focus) crossReferences.setFocus(focus);
      }, 150);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dossier')) {
        decorations.applyStyles(readSettings().highlightStyles);
        decorations.setEnabled(readSettings().highlights);
        refreshViews();
      }
    }),
    { dispose: () => selectionTimer && clearTimeout(selectionTimer) },
    ...registerCommands({ index, decorations, entities, entitiesView, crossReferences }),
  );
  void vscode.commands.executeCommand('setContext', 'dossier.highlightsEnabled', decorations.highlightsEnabled);

  decorations.refreshAll();
  updateStatus();
  index.watch();
  // Index the workspace in the background; visible documents are already analysed above.
  void index.scanWorkspace().catch(() => undefined);

  return {
    whenIdle: () => index.whenIdle(),
    getDocumentAnalysis: (uri) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      return doc ? index.analysisFor(doc) : index.get(uri);
    },
    getDecorationSummary: (editor) => decorations.summary(editor),
    getHighlightStyles: () => decorations.currentStyles(),
    treeProviders: { entities, claims, crossReferences } as DossierApi['treeProviders'],
    corpus: index.corpus,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
