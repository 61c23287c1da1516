// The summary line at the top of each analysed document: "Dossier: 12 entities · 8 claims · 2 conflicts".
// Click it to open the Dossier sidebar. In lean mode only the active editor's document gets it.
import * as vscode from 'vscode';
import { isAnalyzable, readSettings, showsClaim } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

export const OPEN_SIDEBAR = 'workbench.view.extension.dossier';

interface DocumentCounts {
  entities: number;
  claims: number;
  conflicts: number;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export class SummaryCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly index: WorkspaceIndex) {}

  /** The index or the settings changed: VS Code asks again for the visible documents. */
  refresh(): void {
    this.changed.fire();
  }

  /** What the lens counts: entities of the types shown, claims shown, conflict groups this document is in. */
  private counts(document: string): DocumentCounts | undefined {
    const analysis = this.index.get(document);
    if (!analysis) return undefined;
    const settings = readSettings();
    return {
      entities: analysis.documentEntities.filter((e) => settings.entityTypes.has(e.type)).length,
      claims: analysis.claims.filter((c) => showsClaim(settings, c)).length,
      conflicts: this.index.corpus.conflicts(document).length,
    };
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const settings = readSettings();
    if (!isAnalyzable(document) || !settings.codeLens) return [];
    // Lean mode: the summary line only tops the document being worked in (refreshed when the editor changes).
    if (settings.leanMode && vscode.window.activeTextEditor?.document !== document) return [];
    // The last analysis, even while a new one is pending: counts need no exact offsets, and asking for a fresh
    // one here would analyse on every keystroke.
    const counts = this.counts(document.uri.toString());
    if (!counts) return [];
    const title = `Dossier: ${plural(counts.entities, 'entity', 'entities')} · ${plural(counts.claims, 'claim', 'claims')} · ${plural(counts.conflicts, 'conflict', 'conflicts')}`;
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title,
        command: OPEN_SIDEBAR,
        tooltip: 'Entities, claims shown (minimum score and kinds as set) and claims that conflict with other documents. Click to open the Dossier sidebar.',
      }),
    ];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
