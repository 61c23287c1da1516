// Activation: wires the workspace index to decorations, hovers, references, the summary CodeLens, conflict
// diagnostics, the sidebar's views (and their following of the editor), the entity graph, the user's
// corrections (.dossier/annotations.json), commands, the walkthrough and the status bar.
// Cheap: nothing is analysed until a text document is visible; the workspace scan runs in the worker.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Corpus } from '../core/corpus/corpus';
import type { DocumentAnalysis } from '../core/types';
import { OPEN_SIDEBAR, SummaryCodeLensProvider } from './codeLens';
import { Curation } from '../core/curation/curate';
import { AnnotationStore } from './annotationStore';
import { registerCommands } from './commands';
import { registerCurationCommands } from './curationCommands';
import { Decorations } from './decorations';
import { ConflictDiagnostics } from './diagnostics';
import { EntityGraphView, type EntityGraphApi } from './graphView';
import { DossierHoverProvider, TOGGLE_HOVER_DETAIL } from './hover';
import { EntityReferenceProvider } from './references';
import { isAnalyzable, readSettings } from './settings';
import { FollowEditor } from './followEditor';
import { Sidebar } from './sidebar';
import { ClaimsTreeProvider, CrossReferencesProvider, EntitiesTreeProvider, type ClaimStatusOf } from './trees';
import { registerViewCommands } from './viewCommands';
import { ViewState } from './viewState';
import { registerWalkthrough } from './walkthrough';
import { WorkspaceIndex } from './workspaceIndex';

export interface DossierApi {
  whenIdle(): Promise<void>;
  getDocumentAnalysis(uri: vscode.Uri): DocumentAnalysis | undefined;
  getDecorationSummary(editor: vscode.TextEditor): Record<string, number>;
  /** A long document being edited got its new spans before its analysis; its editors are already redrawn when this fires. */
  onDidPreview: vscode.Event<vscode.TextDocument>;
  /** The status bar item: the active document's counts, and files that were skipped. */
  statusBar: vscode.StatusBarItem;
  /** The style (background, underline, none) each decoration category is drawn in. */
  getHighlightStyles(): Record<string, string>;
  treeProviders: {
    entities: vscode.TreeDataProvider<unknown>;
    claims: vscode.TreeDataProvider<unknown>;
    crossReferences: vscode.TreeDataProvider<unknown>;
  };
  corpus: Corpus;
  /** The user's corrections (.dossier/annotations.json). */
  annotations: AnnotationStore;
  graph: EntityGraphApi;
  views: {
    entities: vscode.TreeView<unknown>;
    claims: vscode.TreeView<unknown>;
    crossReferences: vscode.TreeView<unknown>;
    state: ViewState;
    /** Plugs claim statuses (curation) into the Claims view; returns the function it replaces. */
    setClaimStatusOf(statusOf: ClaimStatusOf): ClaimStatusOf;
  };
}

const SELECTOR: vscode.DocumentSelector = [{ language: 'plaintext' }, { language: 'markdown' }];

export function activate(context: vscode.ExtensionContext): DossierApi {
  const index = new WorkspaceIndex(path.join(context.extensionPath, 'dist', 'worker.js'));
  const annotations = new AnnotationStore(vscode.workspace.workspaceFolders?.[0]?.uri);
  const annotationsLoaded = annotations.load();
  annotations.watch();
  const decorations = new Decorations(index);
  const codeLenses = new SummaryCodeLensProvider(index);
  const hover = new DossierHoverProvider(index);
  const conflicts = new ConflictDiagnostics(index);
  const viewState = new ViewState(context.workspaceState);
  const entities = new EntitiesTreeProvider(index, viewState);
  // Claim statuses come from curation, when it is plugged in (claims.setStatusOf).
  // The Claims view shows and filters by the user's verdicts (.dossier/annotations.json).
  const claims = new ClaimsTreeProvider(index, viewState, (document, claimIndex) => index.corpus.claimStatus(document, claimIndex)?.status);
  const crossReferences = new CrossReferencesProvider(index);
  const sidebar = new Sidebar({ index, state: viewState, entities, claims, crossReferences });
  const { entitiesView, claimsView } = sidebar;
  // A node clicked in the graph is revealed as Find Entity reveals it: Entities tree and Cross-References.
  const graph = new EntityGraphView(context.extensionUri, index, (id) => vscode.commands.executeCommand('dossier.findEntity', id));

  const status = vscode.window.createStatusBarItem('dossier.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Dossier';
  status.command = OPEN_SIDEBAR;
  const updateStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const analyzable = editor && isAnalyzable(editor.document);
    const analysis = analyzable ? index.get(editor.document.uri) : undefined;
    // Files Dossier would not read are said so, never passed over silently.
    const skipped = index.skippedFiles();
    const skippedNote = skipped.length ? ` · $(warning) ${skipped.length} skipped` : '';
    const skippedList = skipped.length
      ? `\n\nSkipped (not analysed): ${skipped.slice(0, 5).map((f) => `${index.label(f.uri)} (${f.reason})`).join('; ')}${skipped.length > 5 ? `; and ${skipped.length - 5} more` : ''}.`
      : '';
    const here = analyzable ? skipped.find((f) => f.uri === editor.document.uri.toString()) : undefined;
    if (here) {
      status.text = `$(book) not analysed${skippedNote}`;
      status.tooltip = `Dossier: this document is not analysed: ${here.reason}.${skippedList}`;
      status.show();
      return;
    }
    if (!analysis) {
      if (skipped.length) {
        status.text = `$(book)${skippedNote}`;
        status.tooltip = `Dossier${skippedList.replace(/^\n\n/, ': ')}`;
        status.show();
      } else status.hide();
      return;
    }
    const min = readSettings().minimumClaimScore;
    const claimCount = analysis.claims.filter((c) => c.score >= min).length;
    status.text = `$(book) ${analysis.documentEntities.length} · $(comment-discussion) ${claimCount}${skippedNote}`;
    status.tooltip = `Dossier: ${analysis.documentEntities.length} entities and ${claimCount} check-worthy claims in this document. Click to open the sidebar.${skippedList}`;
    status.show();
  };

  const refreshViews = () => {
    entities.refresh();
    claims.refresh();
    crossReferences.refresh();
    decorations.refreshAll();
    updateStatus();
    codeLenses.refresh();
    void conflicts.update();
  };

  context.subscriptions.push(
    index,
    decorations,
    codeLenses,
    conflicts,
    viewState,
    sidebar,
    new FollowEditor({ index, state: viewState, entities, claims, crossReferences, entitiesView, claimsView }),
    graph,
    status,
    index.onDidChange(refreshViews),
    // Only the marks of the edited document: the views wait for its analysis.
    index.onDidPreview((document) => {
      for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) decorations.refresh(editor);
    }),
    vscode.languages.registerHoverProvider(SELECTOR, hover),
    vscode.commands.registerCommand(TOGGLE_HOVER_DETAIL, (args?: unknown) => hover.toggleDetail(args)),
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
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dossier')) {
        decorations.applyStyles(readSettings().highlightStyles);
        decorations.setEnabled(readSettings().highlights);
        refreshViews();
      }
    }),
    ...registerCommands({ index, decorations, entities, entitiesView, crossReferences }),
    annotations,
    annotations.onDidChange((a) => index.setCuration(new Curation(a))),
    ...registerCurationCommands({ index, store: annotations }),
    ...registerViewCommands({ index, state: viewState, entities, claims, crossReferences }),
    ...registerWalkthrough(context, index),
  );
  void vscode.commands.executeCommand('setContext', 'dossier.highlightsEnabled', decorations.highlightsEnabled);

  decorations.refreshAll();
  updateStatus();
  index.watch();
  // Index the workspace in the background; visible documents are already analysed above.
  void index.scanWorkspace().catch(() => undefined);

  return {
    whenIdle: () => annotationsLoaded.then(() => index.whenIdle()),
    getDocumentAnalysis: (uri) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      return doc ? index.analysisFor(doc) : index.get(uri);
    },
    getDecorationSummary: (editor) => decorations.summary(editor),
    onDidPreview: index.onDidPreview,
    statusBar: status,
    getHighlightStyles: () => decorations.currentStyles(),
    treeProviders: { entities, claims, crossReferences } as DossierApi['treeProviders'],
    corpus: index.corpus,
    annotations,
    graph,
    views: {
      entities: entitiesView,
      claims: claimsView,
      crossReferences: sidebar.crossReferencesView,
      state: viewState,
      setClaimStatusOf: (statusOf) => claims.setStatusOf(statusOf),
    } as DossierApi['views'],
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
