import * as assert from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { getApi, openSeed, OPED, setSetting, waitFor, workspaceDir, type DossierApi } from './helpers';

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
