import * as assert from 'node:assert';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { getApi, NEWS, openSeed, OPED, seedUri, setSetting, waitFor, workspaceDir, type DossierApi } from './helpers';

describe('Files Dossier does not read', () => {
  let api: DossierApi;
  const binary = () => join(workspaceDir(), 'renamed-pdf.md');
  const large = () => join(workspaceDir(), 'large-log.txt');
  before(async () => {
    api = await getApi();
  });
  after(async () => {
    rmSync(binary(), { force: true });
    rmSync(large(), { force: true });
    await setSetting('files.maxSizeKB', undefined);
    await vscode.commands.executeCommand('dossier.analyzeWorkspace');
  });

  it('skips binary and too large files, says so in the status bar, and analyses the rest', async () => {
    // The limit first: the file watcher reads the new files as soon as they appear.
    await setSetting('files.maxSizeKB', 20);
    writeFileSync(binary(), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0x00, 0xff, 0xfe, 0x00]));
    writeFileSync(large(), 'Vladimir Putin met Kim Jong Un in Pyongyang.\n'.repeat(1000));
    await api.whenIdle();
    const result = await vscode.commands.executeCommand<{ analyzed: number; skipped: number }>('dossier.analyzeWorkspace');
    assert.ok(result.skipped >= 2, `skipped ${result.skipped}`);
    assert.ok(result.analyzed === 0 || result.analyzed >= 1);
    await openSeed(api, OPED);
    const text = await waitFor(() => (api.statusBar.text.includes('skipped') ? api.statusBar.text : undefined), () => `a skipped count in the status bar: ${api.statusBar.text}`);
    assert.match(text, /\$\(warning\) \d+ skipped/);
    const tooltip = String(api.statusBar.tooltip);
    assert.match(tooltip, /renamed-pdf\.md \(binary content/);
    assert.match(tooltip, /large-log\.txt \(larger than 20 KB\)/);
    assert.ok(!api.corpus.documents().some((d) => d.endsWith('renamed-pdf.md') || d.endsWith('large-log.txt')), 'a skipped file was indexed');
  });
});

describe('Edits and file changes while Dossier works', () => {
  let api: DossierApi;
  before(async () => {
    api = await getApi();
  });

  it('a large document typed in quickly ends with the analysis of its last version, offsets exact', async () => {
    const seedText = (await vscode.workspace.openTextDocument(seedUri(NEWS))).getText();
    const content = Array.from({ length: 30 }, (_, i) => `Part ${i + 1}\n\n${seedText}`).join('\n\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    try {
      await waitFor(() => (api.corpus.get(doc.uri.toString())?.length === doc.getText().length ? true : undefined), () => `the first analysis: ${api.corpus.get(doc.uri.toString())?.length} vs ${doc.getText().length}`, 40_000);
      // Edits faster than the worker answers: every answer but the last describes old text and is dropped.
      for (let k = 0; k < 6; k++) {
        const line = doc.positionAt(Math.floor((doc.getText().length * k) / 6)).line;
        await editor.edit((e) => e.insert(new vscode.Position(line, 0), `Angela Merkel visited Vilnius on day ${k + 1}.\n`));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      const final = await waitFor(() => {
        const a = api.corpus.get(doc.uri.toString());
        return a && a.length === doc.getText().length ? a : undefined;
      }, () => `the last version: ${api.corpus.get(doc.uri.toString())?.length} vs ${doc.getText().length}`, 40_000);
      await api.whenIdle();
      const text = doc.getText();
      for (const span of [...final.entities, ...final.claims]) assert.strictEqual(text.slice(span.start, span.end), span.text);
      assert.strictEqual(final.entities.filter((m) => m.text === 'Angela Merkel').length, 6);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('a large untitled document opened right after another was closed under the same name is analysed', async () => {
    const seedText = (await vscode.workspace.openTextDocument(seedUri(NEWS))).getText();
    const content = (n: number) => Array.from({ length: n }, (_, i) => `Part ${i + 1}\n\n${seedText}`).join('\n\n');
    const first = await vscode.workspace.openTextDocument({ language: 'plaintext', content: content(20) });
    const firstEditor = await vscode.window.showTextDocument(first, { preview: false });
    await waitFor(() => (api.corpus.get(first.uri.toString())?.length === first.getText().length ? true : undefined), () => 'the first document analysed', 40_000);
    // An edit schedules an analysis; the document is closed before it runs.
    await firstEditor.edit((e) => e.insert(new vscode.Position(0, 0), 'Angela Merkel visited Vilnius.\n'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const second = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `Emmanuel Macron met Olaf Scholz in Berlin.\n\n${content(24)}` });
    await vscode.window.showTextDocument(second, { preview: false });
    try {
      const analysis = await waitFor(() => {
        const a = api.corpus.get(second.uri.toString());
        return a && a.length === second.getText().length ? a : undefined;
      }, () => `the analysis of ${second.uri.toString()} (${api.corpus.get(second.uri.toString())?.length} vs ${second.getText().length})`, 40_000);
      assert.ok(analysis.entities.some((m) => m.text === 'Emmanuel Macron'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('files deleted and renamed while the workspace is indexed end up as they are on disk', async () => {
    const dir = workspaceDir();
    const names = Array.from({ length: 12 }, (_, i) => `batch-${i}.txt`);
    names.forEach((n, i) => writeFileSync(join(dir, n), `Report ${i}: Emmanuel Macron met Olaf Scholz in Berlin on Monday.\n`));
    try {
      const scan = vscode.commands.executeCommand('dossier.analyzeWorkspace');
      rmSync(join(dir, names[3]));
      renameSync(join(dir, names[5]), join(dir, 'renamed-batch.txt'));
      await scan;
      await api.whenIdle();
      const docs = () => api.corpus.documents().map((d) => d.slice(d.lastIndexOf('/') + 1));
      await waitFor(() => (!docs().includes(names[3]) && !docs().includes(names[5]) && docs().includes('renamed-batch.txt') ? true : undefined), () => `the index to match the disk: ${docs().filter((d) => d.includes('batch')).join(', ')}`);
      for (const n of names) if (n !== names[3] && n !== names[5]) assert.ok(docs().includes(n), `${n} missing`);
    } finally {
      for (const n of [...names, 'renamed-batch.txt']) rmSync(join(dir, n), { force: true });
      await vscode.commands.executeCommand('dossier.analyzeWorkspace');
    }
  });
});
