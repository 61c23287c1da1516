// Dossier: Next Claim / Previous Claim. Steps the cursor through the claims the editor marks (minimum
// score and kinds as set), wrapping around at either end. Uses the analysis the highlights show.
import * as vscode from 'vscode';
import type { Claim } from '../core/types';
import { spanToRange } from './ranges';
import { isAnalyzable, readSettings, showsClaim } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

type Direction = 'next' | 'previous';

/** The first claim starting after (or the last starting before) the offset; wrapped when it had to go round. */
function claimFrom(claims: readonly Claim[], offset: number, direction: Direction): { claim: Claim; wrapped: boolean } | undefined {
  const ordered = [...claims].sort((a, b) => (direction === 'next' ? a.start - b.start : b.start - a.start));
  const ahead = ordered.find((c) => (direction === 'next' ? c.start > offset : c.start < offset));
  if (ahead) return { claim: ahead, wrapped: false };
  return ordered.length ? { claim: ordered[0], wrapped: true } : undefined;
}

export function goToClaim(index: WorkspaceIndex, direction: Direction): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isAnalyzable(editor.document)) return;
  const document = editor.document;
  // Small documents are analysed at once if stale; a large one's worker result may not be in yet.
  const analysis = index.analysisFor(document);
  if (!analysis || analysis.length !== document.getText().length) {
    void vscode.window.showInformationMessage('Dossier: this document is still being analysed; try again in a moment.');
    return;
  }
  const settings = readSettings();
  const found = claimFrom(analysis.claims.filter((c) => showsClaim(settings, c)), document.offsetAt(editor.selection.active), direction);
  if (!found) {
    void vscode.window.showInformationMessage(
      analysis.claims.length
        ? 'Dossier: no claims shown in this document (see the settings dossier.claims.minimumScore and dossier.claims.kinds).'
        : 'Dossier: no claims in this document.',
    );
    return;
  }
  const start = spanToRange(document, found.claim).start;
  editor.selection = new vscode.Selection(start, start);
  // The start, not the whole claim: a long sentence centred on its middle could hide where the cursor is.
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (found.wrapped) vscode.window.setStatusBarMessage(`Dossier: wrapped around to the ${direction === 'next' ? 'first' : 'last'} claim`, 3000);
}
