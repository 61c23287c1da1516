// Highlights entity mentions (one theme colour per type) and check-worthy claims (one underline style and
// theme colour per kind) in visible editors.
import * as vscode from 'vscode';
import type { ClaimKind, EntityType } from '../core/types';
import { ENTITY_TYPES } from '../core/types';
import { spanToRange } from './ranges';
import { CLAIM_KINDS, isAnalyzable, readSettings, showsClaim } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

export type DecorationCategory = EntityType | `claim:${ClaimKind}`;

/**
 * Thin underlines, so that they sit quietly under the entity backgrounds. The style still tells a fact from
 * a quote from a judgement (opinion, prediction) where the colours do not (colour blindness, themes).
 */
const CLAIM_STYLES: Record<ClaimKind, { style: string; color: string }> = {
  fact: { style: 'solid', color: 'dossier.claimFactUnderline' },
  quote: { style: 'dotted', color: 'dossier.claimQuoteUnderline' },
  opinion: { style: 'dashed', color: 'dossier.claimOpinionUnderline' },
  prediction: { style: 'dashed', color: 'dossier.claimPredictionUnderline' },
};

export class Decorations implements vscode.Disposable {
  private readonly types = new Map<DecorationCategory, vscode.TextEditorDecorationType>();
  /** What is currently applied, per editor document, for tests and the status bar. */
  private readonly applied = new Map<string, Record<string, number>>();
  private enabled = readSettings().highlights;

  constructor(private readonly index: WorkspaceIndex) {
    for (const type of ENTITY_TYPES) {
      this.types.set(
        type,
        vscode.window.createTextEditorDecorationType({
          backgroundColor: new vscode.ThemeColor(`dossier.${type}Background`),
          borderRadius: '2px',
          overviewRulerColor: new vscode.ThemeColor(`dossier.${type}Background`),
          overviewRulerLane: vscode.OverviewRulerLane.Right,
        }),
      );
    }
    for (const kind of CLAIM_KINDS) {
      const { style, color } = CLAIM_STYLES[kind];
      this.types.set(
        `claim:${kind}`,
        vscode.window.createTextEditorDecorationType({
          borderWidth: '0 0 1px 0',
          borderStyle: style,
          borderColor: new vscode.ThemeColor(color),
        }),
      );
    }
  }

  get highlightsEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.refreshAll();
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.refresh(editor);
  }

  refresh(editor: vscode.TextEditor): void {
    const document = editor.document;
    if (!isAnalyzable(document)) return;
    const analysis = this.index.analysisFor(document);
    const settings = readSettings();
    const ranges = new Map<DecorationCategory, vscode.Range[]>();
    for (const key of this.types.keys()) ranges.set(key, []);
    // A stale analysis (text changed, re-analysis pending) is not drawn: its offsets may be wrong.
    if (this.enabled && analysis && analysis.length === document.getText().length) {
      for (const m of analysis.entities) {
        if (settings.entityTypes.has(m.type)) ranges.get(m.type)?.push(spanToRange(document, m));
      }
      for (const c of analysis.claims) {
        if (showsClaim(settings, c)) ranges.get(`claim:${c.kind}`)?.push(spanToRange(document, c));
      }
    }
    const summary: Record<string, number> = {};
    for (const [key, type] of this.types) {
      const list = ranges.get(key) ?? [];
      editor.setDecorations(type, list);
      summary[key] = list.length;
    }
    this.applied.set(document.uri.toString(), summary);
  }

  /** Ranges currently applied per category in the editor's document. */
  summary(editor: vscode.TextEditor): Record<string, number> {
    return { ...(this.applied.get(editor.document.uri.toString()) ?? {}) };
  }

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
  }
}
