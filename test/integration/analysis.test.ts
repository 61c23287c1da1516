import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { getApi, NEWS, openSeed, OPED, seedUri, SEEDS, waitFor, type DossierApi } from './helpers';

describe('Document analysis', () => {
  let api: DossierApi;
  before(async () => {
    api = await getApi();
  });

  for (const seed of SEEDS) {
    it(`finds entities and claims in ${seed} whose offsets slice the text exactly`, async () => {
      const { doc } = await openSeed(api, seed);
      const analysis = api.getDocumentAnalysis(doc.uri);
      assert.ok(analysis, `no analysis for ${doc.uri.toString()}`);
      assert.ok(analysis.entities.length > 0, 'no entities');
      assert.ok(analysis.claims.length > 0, 'no claims');
      const text = doc.getText();
      for (const span of [...analysis.entities, ...analysis.claims]) {
        assert.ok(0 <= span.start && span.start < span.end && span.end <= text.length, `bad span ${JSON.stringify(span)}`);
        assert.strictEqual(text.slice(span.start, span.end), span.text, `offsets ${span.start}-${span.end}`);
      }
    });
  }

  it('decorates people, places and claims in the editor', async () => {
    // The news piece: the op-ed has no claim that scores the default minimum of 0.5.
    const { editor } = await openSeed(api, NEWS);
    await waitFor(
      () => {
        const summary = api.getDecorationSummary(editor);
        const claims = Object.entries(summary).reduce((n, [category, count]) => (category.startsWith('claim:') ? n + count : n), 0);
        return summary.person > 0 && summary.place > 0 && claims > 0 ? summary : undefined;
      },
      () => `person, place and claim decorations; summary is ${JSON.stringify(api.getDecorationSummary(editor))}`,
    );
  });

  it('re-analyses a visible document as the user types, with offsets that follow the edit', async () => {
    const { doc, editor } = await openSeed(api, OPED);
    const before = api.getDecorationSummary(editor).person ?? 0;
    const inserted = 'Angela Merkel met Emmanuel Macron in Berlin.\r\n';
    try {
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), inserted));
      // The corpus is updated by the debounced analysis itself, not by asking for the document's analysis.
      await waitFor(
        () => (api.corpus.entities().some((e) => e.name === 'Angela Merkel') ? true : undefined),
        () => `Angela Merkel in the workspace entities after typing (have ${api.corpus.entities().length} entities)`,
      );
      await waitFor(
        () => ((api.getDecorationSummary(editor).person ?? 0) >= before + 2 ? true : undefined),
        () => `two more person decorations than ${before}: ${JSON.stringify(api.getDecorationSummary(editor))}`,
      );
      const analysis = api.getDocumentAnalysis(doc.uri);
      const text = doc.getText();
      assert.ok(analysis);
      for (const span of [...analysis.entities, ...analysis.claims]) assert.strictEqual(text.slice(span.start, span.end), span.text);
      assert.ok(analysis.entities.some((m) => m.text === 'Putin' && m.start > inserted.length), 'later mentions moved with the edit');
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor(
      () => (api.corpus.entities().some((e) => e.name === 'Angela Merkel') ? undefined : true),
      () => 'Angela Merkel gone from the workspace entities after the edit was reverted',
    );
  });

  it('analyses a large document in the worker and follows an edit near its end, offsets exact', async () => {
    // About 300 KB: well over the in-process limit, so it goes to the worker, a chunk at a time.
    const seedText = (await vscode.workspace.openTextDocument(seedUri(NEWS))).getText();
    const content = Array.from({ length: 40 }, (_, i) => `Part ${i + 1} 🗞️\r\n\r\n${seedText}`).join('\n\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    try {
      const first = await waitFor(() => {
        const a = api.corpus.get(doc.uri.toString());
        return a && a.length === doc.getText().length ? a : undefined;
      }, () => 'the analysis of the large document', 60_000);
      assert.ok(first.entities.length > 500, `${first.entities.length} mentions`);
      // A scan that ends gives the worker the workspace's names with its next request, and chunks read with other
      // names are read again: one edit after the scan, so that the next one reuses the other chunks.
      await api.whenIdle();
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Report. '));
      await waitFor(() => (api.corpus.get(doc.uri.toString())?.length === doc.getText().length ? true : undefined), () => 'the analysis after a first edit', 60_000);
      // The marks of the edit come ahead of the analysis: drawn from the changed chunk's spans (a preview).
      const previewed = new Promise<{ persons: number; drawn: number; stale: boolean }>((resolve) => {
        const listener = api.onDidPreview((d) => {
          if (d !== doc) return;
          listener.dispose();
          const a = api.corpus.get(doc.uri.toString());
          resolve({ persons: api.getDecorationSummary(editor).person ?? 0, drawn: a ? a.entities.filter((m) => m.type === 'person').length : 0, stale: !a || a.length !== doc.getText().length });
        });
      });
      const end = doc.positionAt(doc.getText().length);
      await editor.edit((edit) => edit.insert(end, '\n\nAngela Merkel met Emmanuel Macron in Berlin.\n'));
      const second = await waitFor(() => {
        const a = api.corpus.get(doc.uri.toString());
        return a && a.length === doc.getText().length && a.entities.some((m) => m.text === 'Angela Merkel') ? a : undefined;
      }, () => 'Angela Merkel in the analysis after the edit', 60_000);
      const preview = await Promise.race([previewed, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1_000))]);
      assert.ok(preview, 'no preview of the edit before its analysis');
      assert.ok(preview.stale, 'the analysis came before the preview');
      // Two more people marked than the analysis of the text before the edit had: Merkel and Macron.
      assert.strictEqual(preview.persons, preview.drawn + 2, JSON.stringify(preview));
      const text = doc.getText();
      for (const span of [...second.entities, ...second.claims]) assert.strictEqual(text.slice(span.start, span.end), span.text);
      // One Putin across all forty copies.
      const putin = second.entities.filter((m) => m.text === 'Putin' || m.text === 'Vladimir Putin');
      assert.strictEqual(new Set(putin.map((m) => m.entity)).size, 1);
      await waitFor(() => ((api.getDecorationSummary(editor).person ?? 0) > 100 ? true : undefined), () => `person decorations: ${JSON.stringify(api.getDecorationSummary(editor))}`);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
