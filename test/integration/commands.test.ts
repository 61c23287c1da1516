import * as assert from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extension, getApi, openSeed, OPED, settle, waitFor, type DossierApi } from './helpers';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

const EXPECTED = [
  'dossier.analyzeWorkspace',
  'dossier.findEntity',
  'dossier.showCrossReferences',
  'dossier.toggleHighlights',
  'dossier.exportReport',
];

// Read at load time so that each contributed command gets its own test.
const contributed = ((extension().packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes?.commands ?? []);

/**
 * Runs an export that opens its report in an untitled editor; returns the report's document and text. The
 * caller closes it (closeUntitled) once every report is read: while one is open, the next gets a new name.
 * A reused name ("Untitled-1") can bring back the closed report's backed-up text in place of the new one.
 */
async function exportToUntitled(arg: { format: 'markdown' | 'json' }): Promise<{ report: vscode.TextDocument; text: string }> {
  const uri = await settle(vscode.commands.executeCommand<vscode.Uri>('dossier.exportReport', arg), `dossier.exportReport ${arg.format}`);
  assert.ok(uri, `dossier.exportReport ${arg.format} returned no document`);
  const language = arg.format === 'json' ? 'json' : 'markdown';
  const report = await waitFor(
    () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === language && !d.isClosed),
    () => `the untitled ${arg.format} report document ${uri.toString()}`,
  );
  assert.ok(report.isUntitled, `${uri.toString()} is not an untitled document`);
  return { report, text: report.getText() };
}

/** Closes untitled documents without saving and waits until the extension host has let go of them. */
async function closeUntitled(documents: vscode.TextDocument[]): Promise<void> {
  for (const document of documents) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => (document.isClosed ? true : undefined), () => `${document.uri.toString()} to close`);
  }
}

describe('Commands', () => {
  let api: DossierApi;
  let editor: vscode.TextEditor;
  before(async () => {
    api = await getApi();
    ({ editor } = await openSeed(api, OPED));
    // Commands that act on "the entity under the cursor" get one.
    const putin = api.getDocumentAnalysis(editor.document.uri)?.entities.find((e) => e.text.includes('Putin'));
    if (putin) {
      const at = editor.document.positionAt(putin.start + 1);
      editor.selection = new vscode.Selection(at, at);
    }
  });
  afterEach(async () => {
    // A command that opened a quick pick must not leave it in the way of the next one.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // A view toggle (grouping, filter, follow editor) must not change what later tests see.
    await api.views.state.reset();
  });

  it('contributes the Dossier commands', () => {
    const ids = contributed.map((c) => c.command);
    for (const id of EXPECTED) assert.ok(ids.includes(id), `${id} is not contributed (have ${ids.join(', ')})`);
    for (const c of contributed) assert.strictEqual(c.category, 'Dossier', `${c.command} category`);
  });

  for (const { command } of contributed) {
    it(`runs ${command}`, async () => {
      await vscode.window.showTextDocument(editor.document, { preview: false });
      switch (command) {
        case 'dossier.findEntity': {
          const entity = api.corpus.entities().find((e) => e.name === 'Vladimir Putin') ?? api.corpus.entities()[0];
          assert.ok(entity, 'no workspace entities to find');
          await settle(vscode.commands.executeCommand(command, entity.id), command);
          break;
        }
        case 'dossier.toggleHighlights': {
          // Twice, so the editor ends as it started; in between every category must be cleared.
          await settle(vscode.commands.executeCommand(command), command);
          const off = api.getDecorationSummary(editor);
          assert.ok(Object.values(off).every((n) => n === 0), `highlights still applied after toggling off: ${JSON.stringify(off)}`);
          await settle(vscode.commands.executeCommand(command), command);
          await waitFor(
            () => (api.getDecorationSummary(editor).person > 0 ? true : undefined),
            () => `highlights back after toggling on: ${JSON.stringify(api.getDecorationSummary(editor))}`,
          );
          break;
        }
        case 'dossier.exportReport': {
          const markdown = await exportToUntitled({ format: 'markdown' });
          const json = await exportToUntitled({ format: 'json' });
          await closeUntitled([markdown.report, json.report]);
          assert.ok(markdown.text.includes('Vladimir Putin'), 'markdown report does not mention Vladimir Putin');
          assert.doesNotThrow(() => JSON.parse(json.text), 'json report is not JSON');
          const dir = mkdtempSync(join(tmpdir(), 'dossier-report-'));
          try {
            const target = vscode.Uri.file(join(dir, 'report.json'));
            await settle(vscode.commands.executeCommand(command, { format: 'json', target }), `${command} to file`);
            assert.ok(statSync(target.fsPath).size > 0, 'report file is empty');
            JSON.parse(readFileSync(target.fsPath, 'utf8'));
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
          break;
        }
        case 'dossier.renameEntity':
        case 'dossier.mergeEntities':
        case 'dossier.splitAlias':
        case 'dossier.changeEntityType':
        case 'dossier.setClaimStatus': {
          // Without arguments a correction asks first; cancelling the question changes nothing.
          const before = JSON.stringify(api.annotations.current());
          const run = vscode.commands.executeCommand<boolean>(command);
          await new Promise((resolve) => setTimeout(resolve, 1000));
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
          assert.strictEqual(await settle(run, command), false, `${command} acted although its question was cancelled`);
          assert.strictEqual(JSON.stringify(api.annotations.current()), before);
          break;
        }
        case 'dossier.markNotEntity': {
          // Acts at once on the mention under the cursor: here on a mention that does not exist, so nothing changes.
          assert.strictEqual(await settle(vscode.commands.executeCommand(command, { document: editor.document.uri.toString(), index: 1e6 }), command), false);
          break;
        }
        case 'dossier.toggleHoverDetail': {
          // Twice, so that the hover tests find the cards as configured.
          const expanded = await settle(vscode.commands.executeCommand<boolean>(command), command);
          assert.strictEqual(await settle(vscode.commands.executeCommand<boolean>(command), command), !expanded);
          break;
        }
        // Without their value these prompt; the prompts themselves are for people.
        case 'dossier.entities.filter':
          await settle(vscode.commands.executeCommand(command, 'putin'), command);
          assert.strictEqual(api.views.state.choices.entityFilter, 'putin');
          break;
        case 'dossier.claims.filterByScore':
          await settle(vscode.commands.executeCommand(command, 0.7), command);
          assert.strictEqual(api.views.state.choices.claimMinimumScore, 0.7);
          break;
        case 'dossier.claims.filterByStatus':
          await settle(vscode.commands.executeCommand(command, 'unmarked'), command);
          assert.strictEqual(api.views.state.choices.claimStatus, 'unmarked');
          break;
        default:
          await settle(vscode.commands.executeCommand(command), command);
      }
    });
  }
});
