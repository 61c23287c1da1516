// Highlights entity mentions (one theme colour per type) and check-worthy claims (one underline style and
// theme colour per kind) in visible editors, in the style the settings choose (background, underline, none),
// and in lean mode only in the active editor.
import * as vscode from 'vscode';
import type { ClaimKind, EntityType } from '../core/types';
import type { ClaimStatus } from '../core/curation/annotations';
import { ENTITY_TYPES } from '../core/types';
import { spanToRange } from './ranges';
import { CLAIM_FIELDS, MENTION_FIELDS, type SpanPreview } from '../core/chunked';
import { CLAIM_KINDS, isAnalyzable, readSettings, showsClaim, type HighlightStyle, type HighlightTarget, type Settings } from './settings';
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

/** The decoration a category gets in a style; undefined for 'none' (nothing drawn). */
function decorationOptions(category: DecorationCategory, style: HighlightStyle): vscode.DecorationRenderOptions | undefined {
  if (style === 'none') return undefined;
  if (category.startsWith('claim:')) {
    const { style: line, color } = CLAIM_STYLES[category.slice('claim:'.length) as ClaimKind];
    // The kind's underline stays under a background too: it is what tells the kinds apart.
    const underline = { borderWidth: '0 0 1px 0', borderStyle: line, borderColor: new vscode.ThemeColor(color) };
    return style === 'background' ? { ...underline, backgroundColor: new vscode.ThemeColor('dossier.claimBackground') } : underline;
  }
  const type = category as EntityType;
  const ruler = { overviewRulerColor: new vscode.ThemeColor(`dossier.${type}Background`), overviewRulerLane: vscode.OverviewRulerLane.Right };
  return style === 'background'
    ? { ...ruler, backgroundColor: new vscode.ThemeColor(`dossier.${type}Background`), borderRadius: '2px' }
    : { ...ruler, borderWidth: '0 0 2px 0', borderStyle: 'solid', borderColor: new vscode.ThemeColor(`dossier.${type}Underline`) };
}

function targetOf(category: DecorationCategory): HighlightTarget {
  return category.startsWith('claim:') ? 'claims' : (category as EntityType);
}

const CATEGORIES: readonly DecorationCategory[] = [...ENTITY_TYPES, ...CLAIM_KINDS.map((k) => `claim:${k}` as const)];

/** The user's verdict, written after the claim it judges, in the theme's pass, warning and error colours. */
const VERDICTS: Record<ClaimStatus, { mark: string; color: string }> = {
  verified: { mark: '✓ verified', color: 'testing.iconPassed' },
  disputed: { mark: '⚠ disputed', color: 'editorWarning.foreground' },
  false: { mark: '✗ false', color: 'editorError.foreground' },
};

export class Decorations implements vscode.Disposable {
  /** One decoration type per category drawn; a category styled 'none' has none. */
  private readonly types = new Map<DecorationCategory, vscode.TextEditorDecorationType>();
  private readonly styles = new Map<DecorationCategory, HighlightStyle>();
  /** What is currently applied, per editor document, for tests and the status bar. */
  private readonly applied = new Map<string, Record<string, number>>();
  private enabled = readSettings().highlights;
  private readonly verdicts = new Map(
    (Object.keys(VERDICTS) as ClaimStatus[]).map((status) => [
      status,
      vscode.window.createTextEditorDecorationType({ after: { contentText: ` ${VERDICTS[status].mark}`, color: new vscode.ThemeColor(VERDICTS[status].color), fontStyle: 'italic', margin: '0 0 0 0.3em' } }),
    ]),
  );

  constructor(private readonly index: WorkspaceIndex) {
    this.applyStyles(readSettings().highlightStyles);
  }

  /**
   * Makes the decoration types match the styles; returns whether any changed. A type cannot be restyled, so a
   * changed one is disposed (which clears it from every editor) and made again.
   */
  applyStyles(styles: Readonly<Record<HighlightTarget, HighlightStyle>>): boolean {
    let changed = false;
    for (const category of CATEGORIES) {
      const style = styles[targetOf(category)];
      if (this.styles.get(category) === style) continue;
      changed = true;
      this.types.get(category)?.dispose();
      this.types.delete(category);
      this.styles.set(category, style);
      const options = decorationOptions(category, style);
      if (options) this.types.set(category, vscode.window.createTextEditorDecorationType(options));
    }
    return changed;
  }

  /** The style each category is drawn in, for tests. */
  currentStyles(): Record<string, HighlightStyle> {
    return Object.fromEntries(this.styles);
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
    const settings = readSettings();
    // Lean mode: only the editor being worked in is drawn (the others are cleared when it changes).
    const drawn = this.enabled && (!settings.leanMode || editor === vscode.window.activeTextEditor);
    const analysis = drawn ? this.index.analysisFor(document) : undefined;
    const ranges = new Map<DecorationCategory, vscode.Range[]>();
    for (const key of CATEGORIES) ranges.set(key, []);
    // A long document being edited: its new spans came before its analysis, and are drawn at once.
    const preview = drawn ? this.index.previewFor(document) : undefined;
    if (preview) {
      this.addPreview(document, preview, settings, ranges);
      this.apply(editor, ranges);
      return;
    }
    // A stale analysis (text changed, re-analysis pending) is not drawn: its offsets may be wrong.
    if (analysis && analysis.length === document.getText().length) {
      for (const m of analysis.entities) {
        if (settings.entityTypes.has(m.type) && this.types.has(m.type)) ranges.get(m.type)?.push(spanToRange(document, m));
      }
      for (const c of analysis.claims) {
        if (showsClaim(settings, c) && this.types.has(`claim:${c.kind}`)) ranges.get(`claim:${c.kind}`)?.push(spanToRange(document, c));
      }
    }
    // A claim the user judged shows the verdict, whatever its score: they chose to look at it.
    const verdicts = new Map<ClaimStatus, vscode.Range[]>([...this.verdicts.keys()].map((s) => [s, []]));
    if (analysis && analysis.length === document.getText().length) {
      for (const [i, verdict] of this.index.corpus.claimStatusesOf(document.uri.toString())) {
        const end = analysis.claims[i].end;
        verdicts.get(verdict.status)?.push(spanToRange(document, { start: end, end }));
      }
    }
    const summary = this.apply(editor, ranges);
    for (const [status, type] of this.verdicts) {
      const list = verdicts.get(status) ?? [];
      editor.setDecorations(type, list);
      summary[`verdict:${status}`] = list.length;
    }
  }

  /** Sets the ranges of every category in the editor; returns (and keeps, for tests) how many each has. */
  private apply(editor: vscode.TextEditor, ranges: ReadonlyMap<DecorationCategory, vscode.Range[]>): Record<string, number> {
    const previous = this.applied.get(editor.document.uri.toString()) ?? {};
    const summary: Record<string, number> = {};
    for (const key of CATEGORIES) {
      const list = ranges.get(key) ?? [];
      const type = this.types.get(key);
      if (type) editor.setDecorations(type, list);
      summary[key] = list.length;
    }
    // Verdicts are left as they stand by a preview (their marks move with the text): their counts too.
    for (const key of Object.keys(previous)) if (key.startsWith('verdict:')) summary[key] = previous[key];
    this.applied.set(editor.document.uri.toString(), summary);
    return summary;
  }

  /** The preview's spans by category, as refresh() sorts an analysis's. */
  private addPreview(document: vscode.TextDocument, preview: SpanPreview, settings: Settings, ranges: Map<DecorationCategory, vscode.Range[]>): void {
    const { mentions, claims } = preview;
    for (let k = 0; k < mentions.length; k += MENTION_FIELDS) {
      const type = ENTITY_TYPES[mentions[k + 2]];
      if (settings.entityTypes.has(type) && this.types.has(type)) ranges.get(type)?.push(spanToRange(document, { start: mentions[k], end: mentions[k + 1] }));
    }
    for (let k = 0; k < claims.length; k += CLAIM_FIELDS) {
      const kind = CLAIM_KINDS[claims[k + 2]];
      if (showsClaim(settings, { score: claims[k + 3], kind }) && this.types.has(`claim:${kind}`)) ranges.get(`claim:${kind}`)?.push(spanToRange(document, { start: claims[k], end: claims[k + 1] }));
    }
  }

  /** Ranges currently applied per category in the editor's document. */
  summary(editor: vscode.TextEditor): Record<string, number> {
    return { ...(this.applied.get(editor.document.uri.toString()) ?? {}) };
  }

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
    for (const t of this.verdicts.values()) t.dispose();
  }
}
