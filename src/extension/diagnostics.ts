// Conflict diagnostics (setting dossier.diagnostics.conflicts, off by default): each claim that another
// document contradicts gets an Information diagnostic, linked to the claim it conflicts with.
import * as vscode from 'vscode';
import { baseName, excerpt } from './hover';
import { spanToRange, type PositionSource } from './ranges';
import { readSettings } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

const DIAGNOSTIC_SOURCE = 'Dossier';

export class ConflictDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('dossier');
  /** Bumped by every update, so that a slower, older update never overwrites a newer one. */
  private generation = 0;

  constructor(private readonly index: WorkspaceIndex) {}

  /** Recomputes every document's diagnostics from the corpus; clears them when the setting is off. */
  async update(): Promise<void> {
    const generation = ++this.generation;
    if (!readSettings().conflictDiagnostics) {
      this.collection.clear();
      return;
    }
    const corpus = this.index.corpus;
    const positions = new Map<string, Promise<PositionSource | undefined>>();
    const positionsOf = (document: string) => {
      let p = positions.get(document);
      if (!p) positions.set(document, (p = this.index.positionsFor(document)));
      return p;
    };
    const byDocument = new Map<string, vscode.Diagnostic[]>();
    for (const group of corpus.conflicts()) {
      for (const ref of group.claims) {
        const claim = corpus.get(ref.document)?.claims[ref.index];
        const here = await positionsOf(ref.document);
        if (!claim || !here) continue;
        const related: vscode.DiagnosticRelatedInformation[] = [];
        const names: string[] = [];
        for (const other of group.claims) {
          if (other.document === ref.document) continue;
          const otherClaim = corpus.get(other.document)?.claims[other.index];
          const there = await positionsOf(other.document);
          if (!otherClaim || !there) continue;
          const name = baseName(this.index.label(other.document));
          if (!names.includes(name)) names.push(name);
          related.push(new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.parse(other.document), spanToRange(there, otherClaim)), excerpt(otherClaim.text, 200)));
        }
        if (related.length === 0) continue;
        // Document text is data: one line, cut short.
        const diagnostic = new vscode.Diagnostic(spanToRange(here, claim), excerpt(`${DIAGNOSTIC_SOURCE}: conflicts with ${names.join(', ')}: ${group.reason}`, 200), vscode.DiagnosticSeverity.Information);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.relatedInformation = related;
        const list = byDocument.get(ref.document) ?? [];
        list.push(diagnostic);
        byDocument.set(ref.document, list);
      }
    }
    if (generation !== this.generation) return;
    this.collection.clear();
    for (const [document, diagnostics] of byDocument) this.collection.set(vscode.Uri.parse(document), diagnostics);
  }

  dispose(): void {
    // Pending updates must not touch the disposed collection.
    this.generation++;
    this.collection.dispose();
  }
}
