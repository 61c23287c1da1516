// Find All References (Shift+F12) on an entity mention: every mention of the same workspace entity, in
// every analysed document of the workspace, as the corpus links them.
import * as vscode from 'vscode';
import type { EntityMention } from '../core/corpus/corpus';
import { spanAt, spanToRange } from './ranges';
import { readSettings } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

export class EntityReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext, token: vscode.CancellationToken): Promise<vscode.Location[] | undefined> {
    const analysis = this.index.analysisFor(document);
    // A stale analysis (re-analysis pending) cannot tell what is under the cursor.
    if (!analysis || analysis.length !== document.getText().length) return undefined;
    const offset = document.offsetAt(position);
    // Also right after the word: where a double click or typing leaves the cursor.
    const mention = spanAt(analysis.entities, offset) ?? (offset > 0 ? spanAt(analysis.entities, offset - 1) : undefined);
    if (!mention || !readSettings().entityTypes.has(mention.type)) return undefined;
    const corpus = this.index.corpus;
    const id = corpus.entityIdOf(document.uri.toString(), mention.entity);
    if (!id) return undefined;

    const byDocument = new Map<string, EntityMention[]>();
    for (const m of corpus.mentionsOf(id)) {
      if (!context.includeDeclaration && m.mention === mention) continue;
      const list = byDocument.get(m.document) ?? [];
      list.push(m);
      byDocument.set(m.document, list);
    }
    const locations: vscode.Location[] = [];
    for (const [other, mentions] of byDocument) {
      const positions = await this.index.positionsFor(other);
      if (token.isCancellationRequested) return undefined;
      // A document whose analysis is stale is left out rather than pointed at the wrong words.
      if (!positions) continue;
      const uri = vscode.Uri.parse(other);
      for (const m of mentions) locations.push(new vscode.Location(uri, spanToRange(positions, m.mention)));
    }
    return locations;
  }
}
