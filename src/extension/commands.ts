// The command palette actions. Each accepts optional arguments so that tests and other extensions can
// run it without interaction.
import * as vscode from 'vscode';
import { corpusJson, corpusMarkdown } from '../core/report';
import { goToClaim } from './claimNavigation';
import { OPEN_LOCATION } from './hover';
import { revealSpan, type LocationArgs } from './ranges';
import { readSettings } from './settings';
import { focusAt, type CrossReferencesProvider, type EntitiesTreeProvider, type EntityNode } from './trees';
import type { Decorations } from './decorations';
import type { WorkspaceIndex } from './workspaceIndex';

export interface CommandContext {
  index: WorkspaceIndex;
  decorations: Decorations;
  entities: EntitiesTreeProvider;
  entitiesView: vscode.TreeView<EntityNode>;
  crossReferences: CrossReferencesProvider;
}

export interface ExportArgs {
  format?: 'markdown' | 'json';
  target?: vscode.Uri;
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dossier.analyzeWorkspace', () => analyzeWorkspace(ctx)),
    vscode.commands.registerCommand('dossier.findEntity', (id?: unknown) => findEntity(ctx, typeof id === 'string' ? id : undefined)),
    vscode.commands.registerCommand('dossier.showCrossReferences', () => showCrossReferences(ctx)),
    vscode.commands.registerCommand('dossier.nextClaim', () => goToClaim(ctx.index, 'next')),
    vscode.commands.registerCommand('dossier.previousClaim', () => goToClaim(ctx.index, 'previous')),
    vscode.commands.registerCommand('dossier.toggleHighlights', () => toggleHighlights(ctx)),
    vscode.commands.registerCommand('dossier.exportReport', (args?: ExportArgs) => exportReport(ctx, args)),
    vscode.commands.registerCommand(OPEN_LOCATION, (args?: LocationArgs) => openLocation(args)),
  ];
}

async function analyzeWorkspace(ctx: CommandContext): Promise<{ analyzed: number; skipped: number }> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Dossier: analysing workspace', cancellable: true },
    (progress, token) => ctx.index.scanWorkspace(progress, token),
  );
  const skipped = result.skipped ? `, ${result.skipped} skipped (binary, too large or unreadable)` : '';
  void vscode.window.showInformationMessage(`Dossier analysed ${result.analyzed} documents${skipped}.`);
  return result;
}

async function findEntity(ctx: CommandContext, id?: string): Promise<string | undefined> {
  await ctx.index.whenIdle();
  const corpus = ctx.index.corpus;
  let chosen = id ? corpus.entity(id) : undefined;
  if (id && !chosen) {
    void vscode.window.showWarningMessage(`Dossier: no entity with id ${id}.`);
    return undefined;
  }
  if (!chosen) {
    if (corpus.entities().length === 0) {
      void vscode.window.showInformationMessage('Dossier: no entities yet. Open a text or Markdown document, or run "Dossier: Analyze Workspace".');
      return undefined;
    }
    type Item = vscode.QuickPickItem & { id: string };
    const toItem = (e: ReturnType<typeof corpus.entities>[number]): Item => ({
      id: e.id,
      label: e.name,
      description: `${e.type} · ${e.mentions} mentions · ${e.documents.length} document${e.documents.length === 1 ? '' : 's'}`,
      detail: e.aliases.length > 1 ? `Also: ${e.aliases.filter((a) => a !== e.name).join(', ')}` : undefined,
      alwaysShow: true,
    });
    const pick = vscode.window.createQuickPick<Item>();
    pick.placeholder = 'Find an entity by name or alias (fuzzy)';
    pick.matchOnDescription = false;
    pick.items = corpus.entities().slice(0, 200).map(toItem);
    // fuse.js does the matching, so that "Kim Jong-un" finds "Kim Jong Un" and typos still match.
    pick.onDidChangeValue((value) => {
      pick.items = (value.trim() ? corpus.search(value.trim(), 100) : corpus.entities().slice(0, 200)).map(toItem);
    });
    const pickedId = await new Promise<string | undefined>((resolve) => {
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.id);
        pick.hide();
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    chosen = pickedId ? corpus.entity(pickedId) : undefined;
  }
  if (!chosen) return undefined;
  ctx.crossReferences.setFocus({ kind: 'entity', id: chosen.id });
  try {
    const node = ctx.entities.nodeOf(chosen.id);
    if (node) await ctx.entitiesView.reveal(node, { select: true, focus: false, expand: 2 });
  } catch {
    // The view is hidden or still loading; the cross-references view below still lists the mentions.
  }
  await vscode.commands.executeCommand('dossier.crossReferences.focus');
  return chosen.id;
}

async function showCrossReferences(ctx: CommandContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    ctx.index.analysisFor(editor.document);
    const focus = focusAt(ctx.index, editor.document, editor.document.offsetAt(editor.selection.active));
    if (focus) ctx.crossReferences.setFocus(focus);
    else void vscode.window.showInformationMessage('Dossier: the cursor is not on an entity or a claim.');
  }
  await vscode.commands.executeCommand('dossier.crossReferences.focus');
}

async function toggleHighlights(ctx: CommandContext): Promise<boolean> {
  const enabled = !ctx.decorations.highlightsEnabled;
  ctx.decorations.setEnabled(enabled);
  await vscode.commands.executeCommand('setContext', 'dossier.highlightsEnabled', enabled);
  return enabled;
}

async function exportReport(ctx: CommandContext, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  await ctx.index.whenIdle();
  let format = args.format;
  let target = args.target;
  const interactive = !format;
  if (!format) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Markdown', description: 'a readable dossier', format: 'markdown' as const },
        { label: 'JSON', description: 'the full corpus, as the CLI prints it', format: 'json' as const },
      ],
      { placeHolder: 'Export the workspace dossier as…' },
    );
    if (!pick) return undefined;
    format = pick.format;
  }
  if (interactive && !target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, format === 'json' ? 'dossier-report.json' : 'dossier-report.md') : undefined,
      filters: format === 'json' ? { JSON: ['json'] } : { Markdown: ['md'] },
      saveLabel: 'Export',
    });
    if (!target) return undefined;
  }
  const label = (d: string) => ctx.index.label(d);
  const content = format === 'json' ? `${JSON.stringify(corpusJson(ctx.index.corpus, label), null, 2)}\n` : corpusMarkdown(ctx.index.corpus, label, readSettings().minimumClaimScore);
  if (target) {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
    if (interactive) await vscode.window.showTextDocument(target, { preview: false });
    return target;
  }
  const document = await vscode.workspace.openTextDocument({ language: format === 'json' ? 'json' : 'markdown', content });
  await vscode.window.showTextDocument(document, { preview: false });
  return document.uri;
}

async function openLocation(args?: LocationArgs): Promise<void> {
  if (!args || typeof args.uri !== 'string' || !Number.isInteger(args.start) || !Number.isInteger(args.end)) return;
  try {
    await revealSpan(args);
  } catch (err) {
    void vscode.window.showWarningMessage(`Dossier: cannot open ${args.uri}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
