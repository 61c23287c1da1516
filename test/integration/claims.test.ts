import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { Claim, ClaimKind } from '../../src/core/types';
import { getApi, NEWS, openSeed, settle, waitFor, type DossierApi } from './helpers';

const KINDS: readonly ClaimKind[] = ['fact', 'quote', 'opinion', 'prediction'];

/** Sets a Dossier setting for the user (undefined resets it to the default). */
async function setSetting(key: 'claims.kinds' | 'claims.minimumScore', value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dossier').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Claims in the editor', () => {
  let api: DossierApi;
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;

  /** The document's claims as the core found them, filtered as the settings say, in text order. */
  function claimsShown(minimumScore: number, kinds: readonly ClaimKind[] = KINDS): Claim[] {
    const analysis = api.getDocumentAnalysis(doc.uri);
    assert.ok(analysis, `no analysis for ${doc.uri.toString()}`);
    return analysis.claims.filter((c) => c.score >= minimumScore && kinds.includes(c.kind)).sort((a, b) => a.start - b.start);
  }

  function putCursor(offset: number): void {
    const at = doc.positionAt(offset);
    editor.selection = new vscode.Selection(at, at);
  }

  /** Runs a navigation command and returns the offset of the (empty) selection it leaves. */
  async function step(command: 'dossier.nextClaim' | 'dossier.previousClaim'): Promise<number> {
    await settle(vscode.commands.executeCommand(command), command);
    assert.ok(editor.selection.isEmpty, `${command} left a non-empty selection`);
    return doc.offsetAt(editor.selection.active);
  }

  /**
   * Walks the whole document with Next Claim until it comes back to its first stop. It sets out from the
   * end, so that it wraps to the first claim even when that starts the document.
   */
  async function walk(): Promise<number[]> {
    putCursor(doc.getText().length);
    const stops: number[] = [];
    for (;;) {
      const at = await step('dossier.nextClaim');
      if (stops.includes(at)) return stops;
      stops.push(at);
      assert.ok(stops.length <= doc.getText().length, 'Next Claim never wrapped around');
    }
  }

  before(async () => {
    api = await getApi();
    ({ doc, editor } = await openSeed(api, NEWS));
  });
  beforeEach(async () => {
    editor = await vscode.window.showTextDocument(doc, { preview: false });
  });
  afterEach(async () => {
    await setSetting('claims.kinds', undefined);
    await setSetting('claims.minimumScore', undefined);
  });

  it('Next Claim goes to the first claim after the cursor, then the next; Previous Claim goes back', async () => {
    // From the document's start, or from just inside the first claim when the first line is one (a headline).
    const all = claimsShown(0.5);
    const from = all[0]?.start === 0 ? 1 : 0;
    const claims = all.filter((c) => c.start >= from);
    assert.ok(claims.length >= 2, `${NEWS} needs two claims scoring 0.5 or more after offset ${from}, has ${claims.length}`);
    putCursor(from);
    assert.strictEqual(await step('dossier.nextClaim'), claims[0].start, 'first Next Claim');
    assert.strictEqual(await step('dossier.nextClaim'), claims[1].start, 'second Next Claim');
    assert.strictEqual(await step('dossier.previousClaim'), claims[0].start, 'Previous Claim');
  });

  it('wraps around at the end and at the start of the document', async () => {
    const claims = claimsShown(0.5);
    const first = claims[0];
    const last = claims[claims.length - 1];
    assert.ok(first && last, 'no claims');
    putCursor(last.start);
    assert.strictEqual(await step('dossier.nextClaim'), first.start, 'Next Claim after the last claim');
    assert.strictEqual(await step('dossier.previousClaim'), last.start, 'Previous Claim before the first claim');
    putCursor(doc.getText().length);
    assert.strictEqual(await step('dossier.nextClaim'), first.start, 'Next Claim from the end of the document');
  });

  it('stops at every claim at or above the minimum score, in order', async () => {
    await setSetting('claims.minimumScore', 0);
    const claims = claimsShown(0);
    assert.ok(claims.length > claimsShown(0.5).length, 'a minimum score of 0 shows no more claims than 0.5');
    assert.deepStrictEqual(await walk(), claims.map((c) => c.start));
  });

  it('stops only at the kinds dossier.claims.kinds lists, and marks only those', async () => {
    await setSetting('claims.minimumScore', 0);
    await setSetting('claims.kinds', ['opinion']);
    const opinions = claimsShown(0, ['opinion']);
    assert.ok(opinions.length > 0 && opinions.length < claimsShown(0).length, `${NEWS} needs opinions and other claims`);
    assert.deepStrictEqual(await walk(), opinions.map((c) => c.start));
    await waitFor(
      () => {
        const summary = api.getDecorationSummary(editor);
        return summary['claim:opinion'] === opinions.length && KINDS.every((k) => k === 'opinion' || summary[`claim:${k}`] === 0) ? true : undefined;
      },
      () => `only the ${opinions.length} opinions underlined; summary is ${JSON.stringify(api.getDecorationSummary(editor))}`,
    );
  });

  it('underlines each kind with its own decoration type', async () => {
    await setSetting('claims.minimumScore', 0);
    const claims = claimsShown(0);
    await waitFor(
      () => {
        const summary = api.getDecorationSummary(editor);
        return KINDS.every((k) => summary[`claim:${k}`] === claims.filter((c) => c.kind === k).length) ? true : undefined;
      },
      () => `per-kind claim decorations matching the analysis; summary is ${JSON.stringify(api.getDecorationSummary(editor))}`,
    );
  });

  it('leaves the cursor where it is in a document without claims', async () => {
    // An untitled document of its own name: a reused "Untitled-1" could hand a later test this text.
    const empty = await vscode.workspace.openTextDocument(vscode.Uri.parse('untitled:dossier-no-claims.txt'));
    assert.strictEqual(empty.languageId, 'plaintext');
    const other = await vscode.window.showTextDocument(empty, { preview: false });
    try {
      await other.edit((edit) => edit.insert(new vscode.Position(0, 0), 'hello\nworld\n'));
      const at = new vscode.Position(1, 2);
      other.selection = new vscode.Selection(at, at);
      await settle(vscode.commands.executeCommand('dossier.nextClaim'), 'dossier.nextClaim');
      assert.ok(other.selection.active.isEqual(at), 'the cursor moved in a document without claims');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
