// The "Get started with Dossier" walkthrough (contributes.walkthroughs in package.json) and the commands its
// steps run: open the sample articles, show a hover card on one of their names.
import * as vscode from 'vscode';
import type { WorkspaceIndex } from './workspaceIndex';

/** `${publisher}.${name}#${walkthrough id}`, as workbench.action.openWalkthrough wants it. */
export const WALKTHROUGH_ID = 'dossier.dossier#dossier.getStarted';
/** The sample articles, in the order they open: the news report, then the op-ed beside it. */
export const SAMPLES = ['putin-kim-visit-news.txt', 'putin-kim-visit-oped.txt'] as const;

export interface OpenSamplesArgs {
  /** 'extension': the copies packaged with Dossier even when the workspace has its own. */
  from?: 'workspace' | 'extension';
}

export function registerWalkthrough(context: vscode.ExtensionContext, index: WorkspaceIndex): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dossier.openWalkthrough', () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false)),
    vscode.commands.registerCommand('dossier.openSamples', (args?: OpenSamplesArgs) => openSamples(context, args)),
    vscode.commands.registerCommand('dossier.walkthrough.showHover', () => showHover(context, index)),
  ];
}

/** The samples as the workspace has them (any folder), else the copies in the extension's seeds/ folder. */
async function sampleUris(context: vscode.ExtensionContext, from: OpenSamplesArgs['from']): Promise<vscode.Uri[]> {
  if (from !== 'extension' && vscode.workspace.workspaceFolders?.length) {
    const found = await vscode.workspace.findFiles(`**/{${SAMPLES.join(',')}}`, '**/node_modules/**', 20);
    const byName = (name: string) => found.filter((u) => u.path.endsWith(`/${name}`)).sort((a, b) => a.path.length - b.path.length)[0];
    const uris = SAMPLES.map(byName);
    if (uris.every((u): u is vscode.Uri => u !== undefined)) return uris;
  }
  return SAMPLES.map((name) => vscode.Uri.joinPath(context.extensionUri, 'seeds', name));
}

/** Opens the news report, and the op-ed beside it; returns their URIs. */
async function openSamples(context: vscode.ExtensionContext, args: OpenSamplesArgs = {}): Promise<vscode.Uri[]> {
  const uris = await sampleUris(context, args.from);
  try {
    const [news, oped] = await Promise.all(uris.map((u) => vscode.workspace.openTextDocument(u)));
    await vscode.window.showTextDocument(news, { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.window.showTextDocument(oped, { viewColumn: vscode.ViewColumn.Two, preview: false });
  } catch (err) {
    void vscode.window.showErrorMessage(`Dossier: cannot open the sample articles: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
  return uris;
}

/** Puts the cursor on the first person named in the op-ed and shows its hover card. */
async function showHover(context: vscode.ExtensionContext, index: WorkspaceIndex): Promise<void> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith(`/${SAMPLES[1]}`));
  let editor = visible;
  if (!editor) {
    const uris = await openSamples(context);
    editor = vscode.window.visibleTextEditors.find((e) => uris[1] && e.document.uri.toString() === uris[1].toString());
  }
  if (!editor) return;
  editor = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preview: false });
  const person = index.analysisFor(editor.document)?.entities.find((m) => m.type === 'person');
  if (!person) return;
  const at = editor.document.positionAt(person.start + 1);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand('editor.action.showHover');
}
